"""The values progress is made of: a person's profile, one routine session, a weekly summary."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True)
class ResumePoint:
    """Where a stopped routine picks up again: which stretch, which side, and when it stopped."""

    stretch_index: int
    side_index: int
    saved_at: datetime  # UTC-aware


@dataclass(frozen=True)
class Profile:
    """What the skill remembers about one person between sessions.

    ``version`` is the optimistic-locking counter: 0 means nothing is stored yet, and every
    successful save returns the profile with the version the store now holds.
    """

    hold_seconds: int | None = None
    time_zone: str | None = None
    resume: ResumePoint | None = None
    last_stretch_day: date | None = None
    streak_days: int = 0
    routines_completed: int = 0
    reminder: StretchReminder | None = None  # the one stretch reminder Alexa confirmed
    reminder_offered: bool = False  # the reminder offer is made once, never again
    # When a routine last stopped for a warning sign (sharp pain, tingling, numbness,
    # dizziness); cleared by the next routine saved after it. The next launch asks first.
    warned_at: datetime | None = None
    version: int = 0


@dataclass(frozen=True)
class StretchReminder:
    """A reminder set through the Reminders API: its alert token, and when it goes off
    (a schedule token, see ``backstretch.reminders.schedule``)."""

    alert_token: str
    schedule: str


@dataclass(frozen=True)
class RoutineRecord:
    """One routine session, finished or stopped part way.

    ``routine_id`` stays the same for the whole routine (and ``started_at`` with it), so saving
    the same routine again updates one record instead of adding another.
    """

    routine_id: str
    started_at: datetime  # UTC-aware
    sides_completed: int
    seconds_held: int
    completed: bool


@dataclass(frozen=True)
class StoredProgress:
    """A person's profile with a range of their routines, as one read returns them."""

    profile: Profile
    routines: tuple[RoutineRecord, ...]


@dataclass(frozen=True)
class WeeklySummary:
    """How this week went, in the person's own time zone, with last week for comparison."""

    days_stretched: tuple[date, ...]
    routines_completed: int
    seconds_held: int
    streak_days: int
    last_week_days: int
    last_week_routines: int


def require_aware(moment: datetime) -> None:
    """Refuse a naive datetime: every moment in progress storage carries its time zone."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"expected a timezone-aware datetime, got {moment!r}")
