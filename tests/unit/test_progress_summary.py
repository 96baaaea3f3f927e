"""Weekly summary and streak arithmetic, in the person's own time zone."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from backstretch.progress.model import Profile, ResumePoint, RoutineRecord, WeeklySummary
from backstretch.progress.summary import (
    apply_completed_routine,
    summary_window,
    week_start,
    weekly_summary,
)

AUCKLAND = ZoneInfo("Pacific/Auckland")
LOS_ANGELES = ZoneInfo("America/Los_Angeles")
KOLKATA = ZoneInfo("Asia/Kolkata")
NEW_YORK = ZoneInfo("America/New_York")
BERLIN = ZoneInfo("Europe/Berlin")
UTC_ZONE = ZoneInfo("UTC")


def local(
    tz: ZoneInfo, year: int, month: int, day: int, hour: int = 0, minute: int = 0
) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=tz)


def routine(
    started_at: datetime,
    *,
    completed: bool = True,
    sides: int = 4,
    seconds: int = 100,
    routine_id: str | None = None,
) -> RoutineRecord:
    return RoutineRecord(
        routine_id=routine_id or f"routine-{started_at.isoformat()}",
        started_at=started_at.astimezone(UTC),
        sides_completed=sides,
        seconds_held=seconds,
        completed=completed,
    )


# 2026-06-14 is a Sunday, 2026-06-15 a Monday; no DST change anywhere near these zones then.
@pytest.mark.parametrize("tz", [AUCKLAND, LOS_ANGELES, KOLKATA, UTC_ZONE], ids=str)
def test_the_week_starts_on_monday_at_midnight_local_time(tz: ZoneInfo) -> None:
    sunday_late = local(tz, 2026, 6, 14, 23, 30)
    monday_early = local(tz, 2026, 6, 15, 0, 10)

    assert week_start(sunday_late, tz) == local(tz, 2026, 6, 8)
    assert week_start(monday_early, tz) == local(tz, 2026, 6, 15)
    # The same instants seen from UTC still land in the local week.
    assert week_start(sunday_late.astimezone(UTC), tz) == local(tz, 2026, 6, 8)
    assert week_start(monday_early.astimezone(UTC), tz).utcoffset() == monday_early.utcoffset()


@pytest.mark.parametrize("tz", [AUCKLAND, LOS_ANGELES, KOLKATA, UTC_ZONE], ids=str)
def test_sunday_night_counts_in_its_week_and_monday_morning_in_the_next(tz: ZoneInfo) -> None:
    sunday_late = routine(local(tz, 2026, 6, 14, 23, 30))
    monday_early = routine(local(tz, 2026, 6, 15, 0, 10))
    records = [sunday_late, monday_early]

    on_sunday = weekly_summary(records, local(tz, 2026, 6, 14, 23, 45), tz, Profile())
    assert on_sunday.days_stretched == (date(2026, 6, 14),)
    assert on_sunday.routines_completed == 1

    on_monday = weekly_summary(records, local(tz, 2026, 6, 15, 8, 0), tz, Profile())
    assert on_monday.days_stretched == (date(2026, 6, 15),)
    assert on_monday.routines_completed == 1
    assert (on_monday.last_week_days, on_monday.last_week_routines) == (1, 1)


@pytest.mark.parametrize("tz", [AUCKLAND, LOS_ANGELES, KOLKATA, UTC_ZONE], ids=str)
def test_summary_window_spans_last_week_and_this_week_in_utc(tz: ZoneInfo) -> None:
    start, end = summary_window(local(tz, 2026, 6, 17, 12, 0), tz)

    assert start == local(tz, 2026, 6, 8).astimezone(UTC)
    assert end == local(tz, 2026, 6, 22).astimezone(UTC)
    assert start.tzinfo is UTC
    assert end.tzinfo is UTC


def test_us_fall_back_week_still_starts_monday_midnight_local() -> None:
    # America/New_York leaves DST on Sunday 2026-11-01: that week is 169 hours long.
    now = local(NEW_YORK, 2026, 11, 1, 12, 0)

    this_week = week_start(now, NEW_YORK)
    start, end = summary_window(now, NEW_YORK)

    assert this_week == local(NEW_YORK, 2026, 10, 26)
    assert start == datetime(2026, 10, 19, 4, 0, tzinfo=UTC)  # EDT, UTC-4
    assert end == datetime(2026, 11, 2, 5, 0, tzinfo=UTC)  # EST, UTC-5
    assert end - this_week == timedelta(hours=169)
    assert week_start(end, NEW_YORK).astimezone(NEW_YORK).hour == 0


def test_eu_fall_back_week_still_starts_monday_midnight_local() -> None:
    # Europe/Berlin leaves DST on Sunday 2026-10-25.
    now = local(BERLIN, 2026, 10, 25, 12, 0)
    sunday_late = routine(local(BERLIN, 2026, 10, 25, 23, 30))  # 22:30 UTC
    monday_early = routine(local(BERLIN, 2026, 10, 26, 0, 10))  # 23:10 UTC on Sunday

    start, end = summary_window(now, BERLIN)

    assert week_start(now, BERLIN) == local(BERLIN, 2026, 10, 19)
    assert start == datetime(2026, 10, 11, 22, 0, tzinfo=UTC)  # CEST, UTC+2
    assert end == datetime(2026, 10, 25, 23, 0, tzinfo=UTC)  # CET, UTC+1
    assert week_start(monday_early.started_at, BERLIN) == local(BERLIN, 2026, 10, 26)
    summary = weekly_summary([sunday_late, monday_early], now, BERLIN, Profile())
    assert summary.days_stretched == (date(2026, 10, 25),)


def test_spring_forward_week_starts_monday_midnight_local() -> None:
    # Europe/Berlin enters DST on Sunday 2026-03-29: that week is 167 hours long.
    now = local(BERLIN, 2026, 3, 29, 12, 0)

    this_week = week_start(now, BERLIN)
    _, end = summary_window(now, BERLIN)

    assert this_week == local(BERLIN, 2026, 3, 23)
    assert end == datetime(2026, 3, 29, 22, 0, tzinfo=UTC)
    assert end - this_week == timedelta(hours=167)


def test_weekly_summary_counts_days_routines_and_seconds() -> None:
    tz = LOS_ANGELES
    now = local(tz, 2026, 6, 18, 20, 0)  # Thursday
    records = [
        routine(local(tz, 2026, 6, 9, 7, 0)),  # last week, finished
        routine(local(tz, 2026, 6, 11, 7, 0), completed=False, sides=1),  # last week, stopped
        routine(local(tz, 2026, 6, 15, 7, 0), seconds=110),  # Monday, finished
        routine(local(tz, 2026, 6, 15, 19, 0), seconds=120),  # Monday again
        routine(local(tz, 2026, 6, 17, 7, 0), completed=False, sides=2, seconds=50),
        # Today: a first side cut short by pain, 5 s in: no side done, but they did stretch.
        routine(local(tz, 2026, 6, 18, 7, 0), completed=False, sides=0, seconds=5),
        routine(local(tz, 2026, 6, 1, 7, 0)),  # two weeks ago: outside the summary
    ]

    summary = weekly_summary(records, now, tz, Profile())

    assert summary == WeeklySummary(
        days_stretched=(date(2026, 6, 15), date(2026, 6, 17), date(2026, 6, 18)),
        routines_completed=2,
        seconds_held=110 + 120 + 50 + 5,
        streak_days=0,
        last_week_days=2,
        last_week_routines=1,
    )


def test_someone_with_no_records_this_week() -> None:
    tz = KOLKATA
    now = local(tz, 2026, 6, 17, 9, 0)
    last_week_only = [routine(local(tz, 2026, 6, 12, 7, 0))]
    profile = Profile(last_stretch_day=date(2026, 6, 12), streak_days=3)

    summary = weekly_summary(last_week_only, now, tz, profile)
    assert summary == WeeklySummary(
        days_stretched=(),
        routines_completed=0,
        seconds_held=0,
        streak_days=0,
        last_week_days=1,
        last_week_routines=1,
    )
    assert weekly_summary([], now, tz, Profile()) == WeeklySummary((), 0, 0, 0, 0, 0)


@pytest.mark.parametrize(
    ("last_stretch_day", "expected_streak"),
    [
        (date(2026, 6, 17), 5),  # today
        (date(2026, 6, 16), 5),  # yesterday: still alive until tonight
        (date(2026, 6, 15), 0),  # missed a day
        (None, 0),
    ],
)
def test_summary_streak_is_alive_only_through_yesterday(
    last_stretch_day: date | None, expected_streak: int
) -> None:
    profile = Profile(last_stretch_day=last_stretch_day, streak_days=5)
    now = local(AUCKLAND, 2026, 6, 17, 6, 0)

    assert weekly_summary([], now, AUCKLAND, profile).streak_days == expected_streak


def test_summary_streak_uses_the_local_date() -> None:
    # 2026-06-17 20:00 UTC is already the 18th in Auckland: the 16th is two days ago there.
    profile = Profile(last_stretch_day=date(2026, 6, 16), streak_days=5)
    now = datetime(2026, 6, 17, 20, 0, tzinfo=UTC)

    assert weekly_summary([], now, UTC_ZONE, profile).streak_days == 5
    assert weekly_summary([], now, AUCKLAND, profile).streak_days == 0


RESUME = ResumePoint(1, 0, datetime(2026, 6, 16, 7, 0, tzinfo=UTC))


@pytest.mark.parametrize(
    ("last_stretch_day", "streak_before", "finished_day", "streak_after", "last_after"),
    [
        (None, 0, date(2026, 6, 17), 1, date(2026, 6, 17)),  # first routine ever
        (date(2026, 6, 17), 3, date(2026, 6, 17), 3, date(2026, 6, 17)),  # same day
        (date(2026, 6, 16), 3, date(2026, 6, 17), 4, date(2026, 6, 17)),  # next day
        (date(2026, 6, 14), 3, date(2026, 6, 17), 1, date(2026, 6, 17)),  # after a gap
        (date(2026, 6, 18), 3, date(2026, 6, 17), 3, date(2026, 6, 18)),  # moved west
    ],
)
def test_apply_completed_routine_streak_rules(
    last_stretch_day: date | None,
    streak_before: int,
    finished_day: date,
    streak_after: int,
    last_after: date,
) -> None:
    profile = Profile(
        hold_seconds=25,
        resume=RESUME,
        last_stretch_day=last_stretch_day,
        streak_days=streak_before,
        routines_completed=7,
        version=4,
    )
    finished_at = datetime.combine(finished_day, datetime.min.time(), tzinfo=LOS_ANGELES)

    updated = apply_completed_routine(profile, finished_at.replace(hour=18), LOS_ANGELES)

    assert updated == Profile(
        hold_seconds=25,
        resume=None,
        last_stretch_day=last_after,
        streak_days=streak_after,
        routines_completed=8,
        version=4,
    )


def test_apply_completed_routine_uses_the_local_date() -> None:
    # 23:30 in Los Angeles on the 17th is 06:30 UTC on the 18th: still the day after the 16th.
    profile = Profile(last_stretch_day=date(2026, 6, 16), streak_days=2)
    finished_at = local(LOS_ANGELES, 2026, 6, 17, 23, 30).astimezone(UTC)

    updated = apply_completed_routine(profile, finished_at, LOS_ANGELES)

    assert (updated.last_stretch_day, updated.streak_days) == (date(2026, 6, 17), 3)


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        week_start(datetime(2026, 6, 17, 12, 0), UTC_ZONE)
