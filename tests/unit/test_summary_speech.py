"""The weekly summary as it is said aloud."""

from __future__ import annotations

from datetime import date

import pytest

from backstretch.progress.model import WeeklySummary
from backstretch.routine.content import Routine, load_routine
from backstretch.routine.summary_speech import finish_note, spoken_duration, summary_speech
from backstretch.speech.plan import Say, SpeechPlan

WEDNESDAY = date(2026, 11, 25)
MONDAY, TUESDAY = date(2026, 11, 23), date(2026, 11, 24)


@pytest.fixture
def routine() -> Routine:
    return load_routine()


def text(plan: SpeechPlan) -> str:
    return " ".join(s.text for s in plan.segments if isinstance(s, Say))


def week(*days: date, routines: int = 0, seconds: int = 0, streak: int = 0, last_days: int = 0):
    return WeeklySummary(days, routines, seconds, streak, last_days, 0)


def test_nothing_yet_this_week_is_said_kindly_with_last_week(routine):
    spoken = text(summary_speech(week(last_days=3), WEDNESDAY, routine))
    assert spoken == (
        "You haven't stretched yet this week. Last week you stretched on 3 days. "
        "A few minutes today is a great start."
    )


def test_nothing_ever_leaves_out_last_week(routine):
    spoken = text(summary_speech(week(), WEDNESDAY, routine))
    assert "Last week" not in spoken and "great start" in spoken


def test_one_day_today(routine):
    spoken = text(summary_speech(week(WEDNESDAY, routines=1, seconds=120), WEDNESDAY, routine))
    assert spoken.startswith("You've stretched once this week, today.")
    assert "1 full routine and 2 minutes of holding stretches" in spoken


def test_one_day_earlier_in_the_week_is_named(routine):
    spoken = text(summary_speech(week(MONDAY, seconds=30), WEDNESDAY, routine))
    assert spoken.startswith("You've stretched once this week, on Monday.")
    assert "That's 30 seconds of holding stretches so far." in spoken


def test_several_days_streak_and_comparison(routine):
    summary = week(MONDAY, TUESDAY, WEDNESDAY, routines=3, seconds=360, streak=3, last_days=2)
    spoken = text(summary_speech(summary, WEDNESDAY, routine))
    assert spoken == (
        "This week you've stretched on 3 days: Monday, yesterday, and today. "
        "That's 3 full routines and 6 minutes of holding stretches. "
        "You've stretched 3 days in a row. That's already more days than last week."
    )


def test_fewer_days_than_last_week_is_encouraging(routine):
    spoken = text(
        summary_speech(week(MONDAY, routines=1, seconds=240, last_days=4), WEDNESDAY, routine)
    )
    assert "Last week you stretched on 4 days, so there's still time to catch up." in spoken


def test_same_as_last_week(routine):
    spoken = text(
        summary_speech(week(MONDAY, routines=1, seconds=240, last_days=1), WEDNESDAY, routine)
    )
    assert "That matches last week." in spoken


@pytest.mark.parametrize(
    ("seconds", "said"),
    [
        (1, "1 second"),
        (45, "45 seconds"),
        (60, "1 minute"),
        (90, "a minute and a half"),
        (120, "2 minutes"),
        (150, "2 and a half minutes"),
        (600, "10 minutes"),
    ],
)
def test_durations_are_said_to_the_half_minute(routine, seconds, said):
    """90 s and 150 s are not both "2 minutes": a half-minute hold is a whole hold."""
    assert spoken_duration(seconds, routine) == said


def test_finishing_mentions_a_streak_only_from_two_days(routine):
    assert "in a row" not in text(finish_note(1, routine))
    assert "3 days in a row" in text(finish_note(3, routine))
    assert "how you did this week" in text(finish_note(1, routine))
