"""The narrow interface the skill uses to remember a person's progress."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Protocol

from backstretch.progress.errors import ProfileConflict
from backstretch.progress.model import Profile, RoutineRecord, StoredProgress


class ProgressStore(Protocol):
    """Durable progress for each person, keyed by their Alexa user id.

    Every method raises ``ProgressUnavailable`` when storage cannot answer, and the methods that
    write the profile raise ``ProfileConflict`` when the stored version is not ``profile.version``.
    All datetimes are timezone-aware.
    """

    # The longest one call can take, failing slowly: a turn starts a call only if this much
    # time is left before its deadline.
    worst_call_seconds: float

    def load_profile(self, user_id: str) -> Profile:
        """The stored profile, or ``Profile()`` (version 0) for someone new."""
        ...

    def save_profile(self, user_id: str, profile: Profile) -> Profile:
        """Store ``profile`` if nobody saved since it was loaded; returns it with the new version.

        >>> from dataclasses import replace
        >>> from backstretch.progress.memory import InMemoryProgressStore
        >>> store, user_id = InMemoryProgressStore(), "amzn1.ask.account.EXAMPLE"
        >>> stored = store.load_profile(user_id)
        >>> stored = store.save_profile(user_id, replace(stored, hold_seconds=25))
        >>> stored.version
        1
        >>> store.save_profile(user_id, replace(stored, version=0))
        Traceback (most recent call last):
        backstretch.progress.errors.ProfileConflict: the profile was saved by another request
        """
        ...

    def finish_routine(self, user_id: str, record: RoutineRecord, profile: Profile) -> Profile:
        """Record a finished routine and the profile updated for it, both or neither.

        A replayed request (the same ``routine_id`` already finished) changes nothing and returns
        the stored profile. The caller computes the profile (see ``apply_completed_routine``).
        """
        ...

    def save_partial_routine(
        self, user_id: str, record: RoutineRecord, profile: Profile
    ) -> Profile:
        """Record a stopped routine (one record per ``routine_id``) and the profile, together.

        A routine already recorded as finished is left as it is, and the stored profile returned.
        """
        ...

    def load_progress(
        self, user_id: str, start: datetime, end: datetime, now: datetime
    ) -> StoredProgress:
        """The profile and the routines started in ``[start, end)``, oldest first, leaving out
        expired ones, in one read: what the weekly summary needs."""
        ...

    def delete_user(self, user_id: str) -> int:
        """Forget everything stored for this person; returns how many records were removed.

        What stays is a mark that they were deleted (no data of theirs: the hashed key and a
        time, expiring with the outbox's longest retention), so a write still queued for them
        is not made after they asked to be forgotten (see `was_deleted`).
        """
        ...

    def was_deleted(self, user_id: str) -> bool:
        """Whether this person's data was deleted (they disabled the skill). Alexa gives a
        person who enables the skill again a new user id, so nothing is ever written again
        under this one."""
        ...


def retry_on_conflict(
    reload: Callable[[], Profile],
    profile: Profile,
    write: Callable[[Profile], Profile],
    may_retry: Callable[[], bool] = lambda: True,
) -> Profile:
    """Run ``write`` on ``profile``; if another request saved first, reload and run it once more.

    ``may_retry`` is asked before the second try (a turn short of time says no, and the
    conflict is raised as it is).

    ``write`` applies the change to the profile it is given and saves it through the store, so
    a retry reapplies the change to what is stored now (``reload()``) and neither request's
    effect is lost. Raises ``ProfileConflict`` when the version check is lost twice.

    >>> from dataclasses import replace
    >>> from backstretch.progress.memory import InMemoryProgressStore
    >>> store, user_id = InMemoryProgressStore(), "amzn1.ask.account.EXAMPLE"
    >>> profile = store.load_profile(user_id)
    >>> _ = store.save_profile(user_id, replace(profile, hold_seconds=25))  # another request
    >>> saved = retry_on_conflict(
    ...     lambda: store.load_profile(user_id),
    ...     profile,
    ...     lambda p: store.save_profile(user_id, replace(p, time_zone="Asia/Tokyo")),
    ... )
    >>> saved.hold_seconds, saved.time_zone, saved.version
    (25, 'Asia/Tokyo', 2)
    """
    try:
        return write(profile)
    except ProfileConflict:
        if not may_retry():
            raise
        return write(reload())
