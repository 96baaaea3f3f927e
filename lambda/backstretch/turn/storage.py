"""One turn's access to a person's stored progress: at most one read, one write, in time.

The profile is read at most once a turn. A write that loses the version check is retried once
(a read and a write more) only early in the turn. No call starts unless it could end, even
failing slowly, before the turn's deadline, and every call is awaited only until then, so a
table that answers one byte at a time cannot hold the turn past Alexa's ~8 s.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

from backstretch.budget import TurnBudget
from backstretch.deadline import CallRunner, DeadlinePassed
from backstretch.progress.errors import ProgressUnavailable, SaveOutcomeUnknown
from backstretch.progress.model import Profile, RoutineRecord, StoredProgress
from backstretch.progress.outbox import Outbox, OutboxUnavailable
from backstretch.progress.store import ProgressStore, retry_on_conflict
from backstretch.progress.summary import read_window

T = TypeVar("T")
logger = logging.getLogger(__name__)

# A lost version check is retried only this early in the turn: each storage call may take
# ~3 s when the table is slow, and the turn must be answered within the budget.
RETRY_WITHIN_SECONDS = 2.0


@dataclass(frozen=True)
class ProgressWrite:
    """One unit of work: a pure change to the profile, stored together with the routine it
    concerns, if any (as finished when the record says so, else as stopped partway).

    >>> from dataclasses import replace
    >>> ProgressWrite(lambda p: replace(p, hold_seconds=25)).change(Profile()).hold_seconds
    25
    """

    change: Callable[[Profile], Profile]
    routine: RoutineRecord | None = None

    def store(self, store: ProgressStore, user_id: str, current: Profile) -> Profile:
        """Apply the change to ``current`` and store it; the profile as stored."""
        updated = self.change(current)
        if self.routine is None:
            return store.save_profile(user_id, updated)
        if self.routine.completed:
            return store.finish_routine(user_id, self.routine, updated)
        return store.save_partial_routine(user_id, self.routine, updated)


class TurnStorage:
    """The progress store, as one turn may use it. Every method raises ProgressUnavailable."""

    def __init__(
        self,
        store: ProgressStore,
        user_id: str | None,
        budget: TurnBudget,
        runner: CallRunner,
        outbox: Outbox | None = None,
    ) -> None:
        self._store = store
        self._outbox = outbox
        self._user_id = user_id
        self._budget = budget
        self._runner = runner
        self._profile: Profile | None = None
        self.errors = 0  # storage failures this turn, for the turn's log line and metrics

    def profile(self) -> Profile:
        """The stored profile, read at most once a turn."""
        if self._profile is None:
            user_id = self._user()
            self._profile = self._read(lambda: self._store.load_profile(user_id))
        return self._profile

    def two_weeks(self, now: datetime) -> StoredProgress:
        """The profile with this week's and last week's routines, in one read."""
        user_id = self._user()
        start, end = read_window(now)
        stored = self._read(lambda: self._store.load_progress(user_id, start, end, now))
        self._profile = stored.profile
        return stored

    def write(self, work: ProgressWrite) -> Profile:
        """Store ``work``, retried once on a lost version check so that neither request's
        effect is lost: the change is applied again to what is stored now.

        Raises SaveOutcomeUnknown when a write got no answer in time.
        """
        user_id = self._user()

        def attempt(current: Profile) -> Profile:
            return self._within_turn(lambda: work.store(self._store, user_id, current), write=True)

        def reload() -> Profile:
            return self._read(lambda: self._store.load_profile(user_id))

        self._profile = retry_on_conflict(reload, self.profile(), attempt, self._may_retry)
        return self._profile

    @property
    def has_outbox(self) -> bool:
        """Whether a write the session cannot make may be left with an outbox."""
        return self._outbox is not None

    def hand_over(self, body: str) -> None:
        """Leave a write with the outbox, under the same deadline as every storage call.

        Raises OutboxUnavailable when the outbox did not take it (or there is none).
        """
        outbox = self._outbox
        if outbox is None:
            raise OutboxUnavailable("no outbox configured")
        try:
            self._in_time(outbox.worst_call_seconds, lambda: outbox.send(body), OutboxUnavailable)
        except DeadlinePassed as error:
            raise OutboxUnavailable(f"send unanswered: {error}") from error

    def failed(self, what: str, error: ProgressUnavailable) -> None:
        """Count and log a failure the turn carries on after."""
        self.errors += 1
        logger.warning("progress %s (%s): %s", what, type(error).__name__, error)

    def _user(self) -> str:
        if self._user_id is None:
            raise ProgressUnavailable("request carries no user id")
        return self._user_id

    def _read(self, call: Callable[[], T]) -> T:
        return self._within_turn(call, write=False)

    def _within_turn(self, call: Callable[[], T], *, write: bool) -> T:
        try:
            return self._in_time(self._store.worst_call_seconds, call, ProgressUnavailable)
        except DeadlinePassed as error:
            if write:
                raise SaveOutcomeUnknown(f"write unanswered: {error}") from error
            raise ProgressUnavailable(f"read unanswered: {error}") from error

    def _in_time(
        self, worst: float, call: Callable[[], T], no_time: Callable[[str], Exception]
    ) -> T:
        """``call()``, started only if ``worst`` (its slowest failure) still fits in the turn,
        and awaited only until the turn's deadline; raises ``no_time(reason)`` when it does
        not fit, and DeadlinePassed when it does not answer in time."""
        if not self._budget.allows(worst):
            raise no_time(f"no time left in the turn ({self._budget.elapsed():.1f} s)")
        remaining = self._budget.remaining()
        # The client's own timeouts bound each socket operation; this bounds the call.
        return self._runner.call(min(worst, remaining) if worst > 0 else remaining, call)

    def _may_retry(self) -> bool:
        return self._budget.elapsed() < RETRY_WITHIN_SECONDS
