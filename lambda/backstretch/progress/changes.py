"""Pure changes to a person's profile, shared by every turn that writes one.

>>> with_zone(Profile(), "Europe/Berlin").time_zone
'Europe/Berlin'
>>> with_zone(Profile(time_zone="Asia/Tokyo"), "Europe/Berlin").time_zone
'Asia/Tokyo'
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from backstretch.progress.model import Profile

# The one-time offer of a reminder comes once a person has shown they come back.
OFFER_REMINDER_AFTER_ROUTINES = 2


def reminder_offer_due(profile: Profile) -> bool:
    """After a second finished routine, to someone with no reminder who was never asked."""
    return (
        profile.routines_completed >= OFFER_REMINDER_AFTER_ROUTINES
        and profile.reminder is None
        and not profile.reminder_offered
    )


def with_hold(profile: Profile, hold_seconds: int | None) -> Profile:
    return replace(profile, hold_seconds=hold_seconds or profile.hold_seconds)


def with_warning(profile: Profile, at: datetime) -> Profile:
    """The profile marked as stopped for a warning sign at ``at`` (the newest mark kept)."""
    if profile.warned_at is not None and profile.warned_at > at:
        return profile
    return replace(profile, warned_at=at)


def without_warning(profile: Profile, at: datetime) -> Profile:
    """A routine saved at ``at`` after the warning sign: the mark has been answered.

    >>> from datetime import UTC, datetime
    >>> then, later = datetime(2026, 1, 1, tzinfo=UTC), datetime(2026, 1, 2, tzinfo=UTC)
    >>> without_warning(with_warning(Profile(), later), then).warned_at == later
    True
    >>> without_warning(with_warning(Profile(), then), later).warned_at is None
    True
    """
    if profile.warned_at is None or profile.warned_at > at:
        return profile
    return replace(profile, warned_at=None)


def with_zone(profile: Profile, name: str | None) -> Profile:
    """The profile with a time zone Alexa told us, if it had none: a zone is learned once."""
    return profile if profile.time_zone or not name else replace(profile, time_zone=name)
