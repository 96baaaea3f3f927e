"""A time of day said the local way: "3 PM", "15 Uhr", "午後3時", "a la una de la madrugada"."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

HOURS_IN_A_DAY = 24


@dataclass(frozen=True)
class HourWords:
    """How one hour is said where the general patterns would say it wrong: Spanish "a la una"
    (the article agrees with the hour), Portuguese "à uma hora". Either pattern may be left
    empty, and the general one is used."""

    on_the_hour: str = ""
    with_minutes: str = ""


@dataclass(frozen=True)
class ClockWords:
    """How a language says a time: a pattern on the hour and one with minutes ({hour},
    {minute}, and {period} where the locale counts 12 hours), the words for the two halves
    of the day, and optional words for noon and midnight.

    `periods` names the parts of the day by the hour each begins at (0..23), as CLDR's
    dayPeriods do ("de la madrugada" from 0, "de la mañana" from 6, "de la tarde" from 12,
    "de la noche" from 20; Hindi's सुबह from 4 ... रात from 20, which runs on past midnight);
    where given, it is said instead of `am` and `pm`. `hours` holds the patterns of an hour
    said its own way, keyed by the hour as it is said (1 for both 1 AM and 1 PM on a 12-hour
    clock)."""

    on_the_hour: str
    with_minutes: str
    am: str = ""
    pm: str = ""
    noon: str = ""
    midnight: str = ""
    periods: tuple[tuple[int, str], ...] = ()  # (hour it begins, words), earliest first
    hours: Mapping[int, HourWords] = field(default_factory=dict)

    def __post_init__(self) -> None:
        starts = [start for start, _ in self.periods]
        if starts != sorted(set(starts)):
            raise ValueError(f"day periods begin at different hours, in order: {starts}")
        if not all(0 <= start < HOURS_IN_A_DAY for start in starts):
            raise ValueError(f"a day period begins at an hour of the day: {starts}")
        if not all(0 <= hour < HOURS_IN_A_DAY for hour in self.hours):
            raise ValueError(f"an hour said its own way is an hour: {sorted(self.hours)}")

    @classmethod
    def from_content(cls, data: Mapping[str, object]) -> ClockWords:
        """From a catalog's `time`: the patterns, `am`/`pm` or `periods` ({"0": "de la
        madrugada", "6": ...}), `noon`, `midnight`, and `hours` ({"1": {"on_the_hour": ...}})."""
        periods = data.get("periods", {})
        hours = data.get("hours", {})
        if not isinstance(periods, Mapping) or not isinstance(hours, Mapping):
            raise TypeError("a clock's periods and hours are objects keyed by hour")
        return cls(
            str(data["on_the_hour"]),
            str(data["with_minutes"]),
            str(data.get("am", "")),
            str(data.get("pm", "")),
            str(data.get("noon", "")),
            str(data.get("midnight", "")),
            periods=tuple(sorted((int(start), str(words)) for start, words in periods.items())),
            hours={int(hour): _hour_words(said) for hour, said in hours.items()},
        )

    def period(self, hour: int) -> str:
        """The words for the part of the day `hour` (0..23) falls in.

        >>> ClockWords("", "", "AM", "PM").period(21)
        'PM'
        >>> ClockWords("", "", periods=((0, "at night"), (6, "in the morning"))).period(5)
        'at night'
        >>> ClockWords("", "", periods=((4, "सुबह"), (20, "रात"))).period(2)  # before the first
        'रात'
        """
        if not self.periods:
            return self.am if hour < 12 else self.pm
        begun = [words for start, words in self.periods if start <= hour]
        return begun[-1] if begun else self.periods[-1][1]

    def say(self, hour: int, minute: int, hour_cycle: int) -> str:
        """`hour_cycle` is 12 or 24, as CLDR has it for the locale.

        >>> english = ClockWords("{hour} {period}", "{hour}:{minute} {period}", "AM", "PM", "noon")
        >>> english.say(15, 0, 12), english.say(7, 5, 12), english.say(12, 0, 12)
        ('3 PM', '7:05 AM', 'noon')
        >>> ClockWords("{hour} Uhr", "{hour}:{minute} Uhr").say(15, 30, 24)
        '15:30 Uhr'
        >>> spanish = ClockWords(
        ...     "a las {hour} {period}", "a las {hour}:{minute} {period}",
        ...     periods=((0, "de la madrugada"), (6, "de la mañana"), (12, "de la tarde"),
        ...              (20, "de la noche")),
        ...     hours={1: HourWords("a la una {period}", "a la {hour}:{minute} {period}")})
        >>> spanish.say(21, 0, 12), spanish.say(1, 0, 12), spanish.say(13, 30, 12)
        ('a las 9 de la noche', 'a la una de la madrugada', 'a la 1:30 de la tarde')
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
            period = self.period(hour)
            hour = hour % 12 or 12
        own = self.hours.get(hour, HourWords())
        if minute == 0:
            pattern = own.on_the_hour or self.on_the_hour
        else:
            pattern = own.with_minutes or self.with_minutes
        return pattern.format(hour=hour, minute=f"{minute:02d}", period=period)


def _hour_words(data: object) -> HourWords:
    if not isinstance(data, Mapping):
        raise TypeError(f"an hour said its own way is an object of patterns: {data!r}")
    return HourWords(str(data.get("on_the_hour", "")), str(data.get("with_minutes", "")))
