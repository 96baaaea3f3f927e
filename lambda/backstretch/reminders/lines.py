"""What the skill says about reminders, from a content file per locale, and how it says when."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from backstretch.reminders.schedule import DAYS, WEEKDAYS, WEEKEND, ReminderSchedule
from backstretch.routine.content import content_locale


@dataclass(frozen=True)
class ReminderLines:
    """Every reminder line, and the words to say a schedule with."""

    lines: dict[str, str]
    words: dict[str, Any]

    def __getattr__(self, name: str) -> str:
        try:
            return self.lines[name]
        except KeyError:
            raise AttributeError(name) from None

    def when(self, schedule: ReminderSchedule) -> str:
        """How a schedule is said: "every weekday at 3 PM", "tomorrow at 8:30 AM".

        >>> from datetime import date
        >>> lines = reminder_lines("en-US")
        >>> lines.when(ReminderSchedule(("MO", "TH"), 18, 0))
        'every Monday and Thursday at 6 PM'
        >>> lines.when(ReminderSchedule((), 7, 30, date(2026, 12, 2)))
        'on Wednesday, December 2 at 7:30 AM'
        """
        words = self.words
        return str(words["at"]).format(when=self._days(schedule), time=self._time(schedule))

    def _days(self, schedule: ReminderSchedule) -> str:
        words = self.words
        if schedule.on_date is not None:
            day = schedule.on_date
            name = words["days"][DAYS[day.weekday()]]
            month = words["months"][day.month - 1]
            return str(words["on_date"]).format(date=f"{name}, {month} {day.day}")
        if schedule.days == DAYS:
            return str(words["every_day"])
        if schedule.days == WEEKDAYS:
            return str(words["weekdays"])
        if schedule.days == WEEKEND:
            return str(words["weekends"])
        names = [str(words["days"][code]) for code in schedule.days]
        listed = (
            names[0] if len(names) == 1 else f"{', '.join(names[:-1])} {words['and']} {names[-1]}"
        )
        return str(words["every"]).format(days=listed)

    def _time(self, schedule: ReminderSchedule) -> str:
        hour, minute = schedule.hour, schedule.minute
        if minute == 0 and hour in (0, 12):
            return str(self.words["midnight" if hour == 0 else "noon"])
        suffix = self.words["am" if hour < 12 else "pm"]
        twelve = hour % 12 or 12
        return f"{twelve} {suffix}" if minute == 0 else f"{twelve}:{minute:02d} {suffix}"


@cache
def _load(name: str) -> ReminderLines:
    text = resources.files("backstretch.reminders").joinpath("content", f"{name}.json").read_text()
    data = json.loads(text)
    words = data.pop("words")
    return ReminderLines({k: str(v) for k, v in data.items()}, words)


def reminder_lines(locale: str | None) -> ReminderLines:
    """The reminder lines for a locale (English locales share en-US)."""
    return _load(content_locale(locale))
