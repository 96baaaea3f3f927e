"""What the skill says about reminders, from content per language and locale, and how it says
when: the days, the date and the time of day, each the local way."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from functools import cache
from typing import Any

from backstretch.language.catalog import read_catalog
from backstretch.language.clock import ClockWords
from backstretch.language.lists import ListPattern
from backstretch.language.locales import LOCALES
from backstretch.reminders.schedule import DAYS, WEEKEND, ReminderSchedule, working_week
from backstretch.routine.content import ContentError, content_locale, load_routine


@dataclass(frozen=True)
class ScheduleWords:
    """The words a schedule is said with; patterns in braces are filled by `when`."""

    every_day: str
    weekdays: str
    weekends: str
    every: str  # {days}: named days, listed
    on_date: str  # {date}
    date: str  # {weekday}, {day}, {month}: the language's order
    at: str  # {when}, {time}
    days: Mapping[str, str]  # by RFC 5545 code: "MO" -> "Monday"
    months: tuple[str, ...]  # January first
    clock: ClockWords


@dataclass(frozen=True)
class ReminderLines:
    """Every reminder line, and how to say a schedule in the locale."""

    reminder_text: str  # what Alexa says when the reminder goes off
    confirm: str
    confirm_reprompt: str
    ask_time: str
    ask_time_reprompt: str
    set: str
    changed: str
    not_set: str
    none_set: str
    listed: str
    gone: str
    cancelled: str
    nothing_to_cancel: str
    permission_card: str
    permission_denied: str
    permission_unanswered: str
    revoked: str
    device_cannot: str
    bad_time: str
    busy: str
    unreachable: str
    not_saved: str
    offer: str
    offer_declined: str
    anything_else: str
    carry_on: str
    card_title: str
    words: ScheduleWords
    listing: ListPattern
    hour_cycle: int  # 12 or 24, as the locale tells the time
    weekend: tuple[str, ...] = WEEKEND  # the locale's weekend days (CLDR's), as RFC 5545 codes

    @property
    def weekdays(self) -> tuple[str, ...]:
        """The locale's working week: "weekdays" where the person lives."""
        return working_week(self.weekend)

    def when(self, schedule: ReminderSchedule) -> str:
        """How a schedule is said: "every weekday at 3 PM", "on Wednesday, December 2 at 7:30 AM".

        >>> from datetime import date
        >>> lines = reminder_lines("en-US")
        >>> lines.when(ReminderSchedule(("MO", "TH"), 18, 0))
        'every Monday and Thursday at 6 PM'
        >>> lines.when(ReminderSchedule((), 7, 30, date(2026, 12, 2)))
        'on Wednesday, December 2 at 7:30 AM'
        >>> reminder_lines("de-DE").when(ReminderSchedule(("MO", "TH"), 18, 0))
        'jeden Montag und Donnerstag um 18 Uhr'
        """
        time = self.words.clock.say(schedule.hour, schedule.minute, self.hour_cycle)
        return self.words.at.format(when=self._days(schedule), time=time)

    def _days(self, schedule: ReminderSchedule) -> str:
        words = self.words
        if schedule.on_date is not None:
            day = schedule.on_date
            named = words.date.format(
                weekday=words.days[DAYS[day.weekday()]],
                day=day.day,
                month=words.months[day.month - 1],
            )
            return words.on_date.format(date=named)
        if schedule.days == DAYS:
            return words.every_day
        if schedule.days == self.weekdays:
            return words.weekdays
        if schedule.days == self.weekend:
            return words.weekends
        return words.every.format(days=self.listing.join([words.days[d] for d in schedule.days]))


@cache
def _load(tag: str) -> ReminderLines:
    locale = LOCALES[tag]
    return parse_reminder_lines(read_catalog("backstretch.reminders", locale), tag)


def parse_reminder_lines(data: dict[str, Any], tag: str) -> ReminderLines:
    """Build a locale's reminder lines from its content, failing loudly on anything missing."""
    locale = LOCALES[tag]
    try:
        raw = data["words"]
        words = ScheduleWords(
            **{
                f.name: str(raw[f.name])
                for f in fields(ScheduleWords)
                if f.name not in ("days", "months", "clock")
            },
            days={code: str(raw["days"][code]) for code in DAYS},
            months=tuple(str(month) for month in raw["months"]),
            clock=ClockWords.from_content(raw["time"]),
        )
        said = {
            f.name: str(data[f.name])
            for f in fields(ReminderLines)
            if f.name not in ("words", "listing", "hour_cycle", "weekend")
        }
    except (KeyError, TypeError) as exc:
        raise ContentError(f"reminder content is incomplete: {exc!r}") from exc
    if len(words.months) != 12:
        raise ContentError("reminder content needs the twelve month names, January first")
    listing = load_routine(tag).words.listing
    weekend = tuple(DAYS[day] for day in locale.weekend)
    return ReminderLines(
        **said, words=words, listing=listing, hour_cycle=locale.hour_cycle, weekend=weekend
    )


def reminder_lines(locale: str | None) -> ReminderLines:
    """The reminder lines for a locale (en-US for one the skill does not speak)."""
    return _load(content_locale(locale))
