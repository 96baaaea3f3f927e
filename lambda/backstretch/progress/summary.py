"""Weekly-summary and streak arithmetic, in the person's own time zone; no storage, no clock."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from backstretch.progress.model import Profile, RoutineRecord, WeeklySummary, require_aware

_ONE_DAY = timedelta(days=1)
_ONE_WEEK = timedelta(days=7)
# Local time is at most 14 hours ahead of UTC and 12 behind: widening a UTC window by this
# much covers the same window in every time zone.
ZONE_SPAN = timedelta(hours=14)
# Where the Settings API can't tell us, a zone typical of the locale's country is used for the
# week's boundaries; it is not remembered, so the real one is asked for again next time.
LOCALE_FALLBACK_ZONES = {
    "en-US": "America/Chicago",
    "en-CA": "America/Toronto",
    "en-GB": "Europe/London",
    "en-IN": "Asia/Kolkata",
    "en-AU": "Australia/Sydney",
}


def remembered_zone(profile: Profile, locale: str) -> ZoneInfo:
    """The person's remembered time zone, else one typical of their locale.

    >>> remembered_zone(Profile(), "en-GB").key
    'Europe/London'
    """
    return ZoneInfo(profile.time_zone or LOCALE_FALLBACK_ZONES.get(locale, "America/Chicago"))


def _local_midnight(day: date, tz: ZoneInfo) -> datetime:
    # Built from the local calendar date, never by adding hours to another midnight: a week
    # that crosses a DST change is 167 or 169 hours long, but still starts at 00:00 local.
    return datetime.combine(day, time(0), tzinfo=tz)


def week_start(moment: datetime, tz: ZoneInfo) -> datetime:
    """Monday 00:00 local time of the week ``moment`` falls in, as an aware datetime in ``tz``.

    Sunday noon UTC is already Monday morning in Auckland:

    >>> week_start(datetime(2026, 3, 1, 12, 0, tzinfo=UTC), ZoneInfo("Pacific/Auckland"))
    datetime.datetime(2026, 3, 2, 0, 0, tzinfo=zoneinfo.ZoneInfo(key='Pacific/Auckland'))
    """
    require_aware(moment)
    local_day = moment.astimezone(tz).date()
    return _local_midnight(local_day - timedelta(days=local_day.weekday()), tz)


def summary_window(now: datetime, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """The one UTC range to read: from the start of last week to the start of next week."""
    this_monday = week_start(now, tz).date()
    start = _local_midnight(this_monday - _ONE_WEEK, tz)
    end = _local_midnight(this_monday + _ONE_WEEK, tz)
    return start.astimezone(UTC), end.astimezone(UTC)


def read_window(now: datetime) -> tuple[datetime, datetime]:
    """The UTC range to read for a summary before the person's time zone is known: as wide as
    any zone's two weeks; ``weekly_summary`` then keeps exactly the person's own weeks."""
    start, end = summary_window(now, ZoneInfo("UTC"))
    return start - ZONE_SPAN, end + ZONE_SPAN


def weekly_summary(
    records: Sequence[RoutineRecord], now: datetime, tz: ZoneInfo, profile: Profile
) -> WeeklySummary:
    """How this week went so far, with last week's days and routines for comparison.

    A day counts as stretched when any routine started that local day held a stretch at all
    (a side cut short by pain counts: the person did stretch); seconds held count every
    routine of the week, finished or not. Records outside the
    two weeks are ignored, so the caller may pass a wider set.
    """
    this_monday = week_start(now, tz).date()
    last_monday = this_monday - _ONE_WEEK
    next_monday = this_monday + _ONE_WEEK

    days_this_week: set[date] = set()
    days_last_week: set[date] = set()
    routines_this_week = routines_last_week = seconds_this_week = 0
    for record in records:
        require_aware(record.started_at)
        day = record.started_at.astimezone(tz).date()
        if this_monday <= day < next_monday:
            if record.sides_completed > 0 or record.seconds_held > 0:
                days_this_week.add(day)
            routines_this_week += int(record.completed)
            seconds_this_week += record.seconds_held
        elif last_monday <= day < this_monday:
            if record.sides_completed > 0 or record.seconds_held > 0:
                days_last_week.add(day)
            routines_last_week += int(record.completed)

    return WeeklySummary(
        days_stretched=tuple(sorted(days_this_week)),
        routines_completed=routines_this_week,
        seconds_held=seconds_this_week,
        streak_days=current_streak(profile, now, tz),
        last_week_days=len(days_last_week),
        last_week_routines=routines_last_week,
    )


def current_streak(profile: Profile, now: datetime, tz: ZoneInfo) -> int:
    """The stored streak while it is still alive (last stretch today or yesterday), else 0."""
    require_aware(now)
    if profile.last_stretch_day is None:
        return 0
    today = now.astimezone(tz).date()
    if profile.last_stretch_day in (today, today - _ONE_DAY):
        return profile.streak_days
    return 0


def apply_completed_routine(profile: Profile, finished_at: datetime, tz: ZoneInfo) -> Profile:
    """The profile after one more finished routine: streak, last day, count; no resume point.

    Same local day as the last stretch: streak unchanged; the next day: one longer; after a
    gap: a new streak of 1. A day earlier than the last one (the person moved time zones) does
    not rewind anything.
    """
    require_aware(finished_at)
    day = finished_at.astimezone(tz).date()
    last_day = profile.last_stretch_day
    if last_day is None or day > last_day + _ONE_DAY:
        last_day, streak = day, 1
    elif day == last_day + _ONE_DAY:
        last_day, streak = day, profile.streak_days + 1
    else:
        streak = max(profile.streak_days, 1)
    return replace(
        profile,
        last_stretch_day=last_day,
        streak_days=streak,
        routines_completed=profile.routines_completed + 1,
        resume=None,
    )
