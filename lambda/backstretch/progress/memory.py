"""ProgressStore in memory: the same promises as the DynamoDB store, for fast tests of turns.

Not for production: nothing survives the process. It keeps the contract of ``ProgressStore``
(version checks, a finished routine is final, expired routines left out of reads) so a test
of a turn on it says what the turn does on DynamoDB; the store's own behaviour is tested on
both (``tests/integration/test_progress_store.py``).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from backstretch.progress.errors import ProfileConflict
from backstretch.progress.model import Profile, RoutineRecord, StoredProgress, require_aware

# As long as DynamoDB keeps a routine before its TTL removes it.
ROUTINE_RETENTION_DAYS = 400


class InMemoryProgressStore:
    """``ProgressStore`` in a dict; every call answers at once.

    >>> store = InMemoryProgressStore()
    >>> store.save_profile("alice", Profile(hold_seconds=25)).version
    1
    """

    worst_call_seconds = 0.0  # nothing here can be slow

    def __init__(self) -> None:
        self._profiles: dict[str, Profile] = {}
        self._routines: dict[str, dict[str, RoutineRecord]] = {}
        self._deleted: set[str] = set()

    def load_profile(self, user_id: str) -> Profile:
        return self._profiles.get(user_id, Profile())

    def save_profile(self, user_id: str, profile: Profile) -> Profile:
        self._check_version(user_id, profile)
        saved = replace(profile, version=profile.version + 1)
        self._profiles[user_id] = saved
        return saved

    def finish_routine(self, user_id: str, record: RoutineRecord, profile: Profile) -> Profile:
        return self._write_routine(user_id, record, profile)

    def save_partial_routine(
        self, user_id: str, record: RoutineRecord, profile: Profile
    ) -> Profile:
        return self._write_routine(user_id, record, profile)

    def load_progress(
        self, user_id: str, start: datetime, end: datetime, now: datetime
    ) -> StoredProgress:
        require_aware(now)
        kept = sorted(
            (
                record
                for record in self._routines.get(user_id, {}).values()
                if start <= record.started_at < end
                and (now - record.started_at).days < ROUTINE_RETENTION_DAYS
            ),
            key=lambda record: record.started_at,
        )
        return StoredProgress(self.load_profile(user_id), tuple(kept))

    def delete_user(self, user_id: str) -> int:
        removed = len(self._routines.pop(user_id, {})) + int(user_id in self._profiles)
        self._profiles.pop(user_id, None)
        self._deleted.add(user_id)
        return removed

    def was_deleted(self, user_id: str) -> bool:
        return user_id in self._deleted

    def _write_routine(self, user_id: str, record: RoutineRecord, profile: Profile) -> Profile:
        routines = self._routines.setdefault(user_id, {})
        stored = routines.get(record.routine_id)
        if stored is not None and stored.completed:
            return self.load_profile(user_id)  # a finished routine is final: a replay is a no-op
        self._check_version(user_id, profile)
        routines[record.routine_id] = record
        saved = replace(profile, version=profile.version + 1)
        self._profiles[user_id] = saved
        return saved

    def _check_version(self, user_id: str, profile: Profile) -> None:
        if self.load_profile(user_id).version != profile.version:
            raise ProfileConflict("the profile was saved by another request")
