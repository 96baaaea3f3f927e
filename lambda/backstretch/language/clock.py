"""A time of day said the local way: "3 PM", "15 Uhr", "午後3時"."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class ClockWords:
    """How a language says a time: a pattern on the hour and one with minutes ({hour},
    {minute}, and {period} where the locale counts 12 hours), the words for the two halves
    of the day, and optional words for noon and midnight."""

    on_the_hour: str
    with_minutes: str
    am: str = ""
    pm: str = ""
    noon: str = ""
    midnight: str = ""

    @classmethod
    def from_content(cls, data: Mapping[str, str]) -> ClockWords:
        return cls(
            data["on_the_hour"],
            data["with_minutes"],
            data.get("am", ""),
            data.get("pm", ""),
            data.get("noon", ""),
            data.get("midnight", ""),
        )

    def say(self, hour: int, minute: int, hour_cycle: int) -> str:
        """`hour_cycle` is 12 or 24, as CLDR has it for the locale.

        >>> english = ClockWords("{hour} {period}", "{hour}:{minute} {period}", "AM", "PM", "noon")
        >>> english.say(15, 0, 12), english.say(7, 5, 12), english.say(12, 0, 12)
        ('3 PM', '7:05 AM', 'noon')
        >>> ClockWords("{hour} Uhr", "{hour}:{minute} Uhr").say(15, 30, 24)
        '15:30 Uhr'
        """
        if minute == 0 and hour == 12 and self.noon:
            return self.noon
        if minute == 0 and hour == 0 and self.midnight:
            return self.midnight
        period = ""
        if hour_cycle == 12:
            period = self.am if hour < 12 else self.pm
            hour = hour % 12 or 12
        pattern = self.on_the_hour if minute == 0 else self.with_minutes
        return pattern.format(hour=hour, minute=f"{minute:02d}", period=period)
