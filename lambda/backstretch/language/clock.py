"""A time of day said the local way: "3 PM", "15 Uhr", "午後3時"."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ClockWords:
    """How a language says a time: a pattern on the hour and one with minutes ({hour},
    {minute}, and {period} where the locale counts 12 hours), the words for the two halves
    of the day, and optional words for noon and midnight. A language that names more parts
    of the day than two (Hindi: सुबह, दोपहर, शाम, रात, as CLDR's day periods have them) gives
    `periods`: each word by the hour its part of the day begins, used in place of am and pm."""

    on_the_hour: str
    with_minutes: str
    am: str = ""
    pm: str = ""
    noon: str = ""
    midnight: str = ""
    periods: tuple[tuple[int, str], ...] = ()  # (hour it begins, word), earliest first

    @classmethod
    def from_content(cls, data: Mapping[str, Any]) -> ClockWords:
        periods = data.get("periods", {})
        return cls(
            data["on_the_hour"],
            data["with_minutes"],
            data.get("am", ""),
            data.get("pm", ""),
            data.get("noon", ""),
            data.get("midnight", ""),
            tuple(sorted((int(hour), word) for hour, word in periods.items())),
        )

    def say(self, hour: int, minute: int, hour_cycle: int) -> str:
        """`hour_cycle` is 12 or 24, as CLDR has it for the locale.

        >>> english = ClockWords("{hour} {period}", "{hour}:{minute} {period}", "AM", "PM", "noon")
        >>> english.say(15, 0, 12), english.say(7, 5, 12), english.say(12, 0, 12)
        ('3 PM', '7:05 AM', 'noon')
        >>> ClockWords("{hour} Uhr", "{hour}:{minute} Uhr").say(15, 30, 24)
        '15:30 Uhr'
        >>> parts = ((4, "सुबह"), (12, "दोपहर"), (16, "शाम"), (20, "रात"))
        >>> hindi = ClockWords("{period} {hour} बजे", "{period} {hour}:{minute} बजे", periods=parts)
        >>> hindi.say(15, 0, 12), hindi.say(19, 30, 12), hindi.say(2, 0, 12)
        ('दोपहर 3 बजे', 'शाम 7:30 बजे', 'रात 2 बजे')
        """
        if minute == 0 and hour == 12 and self.noon:
            return self.noon
        if minute == 0 and hour == 0 and self.midnight:
            return self.midnight
        period = ""
        if hour_cycle == 12:
            period = self.am if hour < 12 else self.pm
            if self.periods:  # before the first part's start is the last part (night)
                begun = [word for start, word in self.periods if start <= hour]
                period = begun[-1] if begun else self.periods[-1][1]
            hour = hour % 12 or 12
        pattern = self.on_the_hour if minute == 0 else self.with_minutes
        return pattern.format(hour=hour, minute=f"{minute:02d}", period=period)
