"""What one turn reads and writes of a person's progress: at most one read and one write.

The conversation knows nothing of storage. Before it runs, a turn may read the profile (at the
start of a session, for the weekly summary); after it, the turn's outcome decides the one write
(a finished routine, a stopped one, a new hold length, a newly learned time zone).
"""

from __future__ import annotations

import hashlib
import logging
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from ask_sdk_model import RequestEnvelope

from backstretch.alexa_api.budget import TurnBudget
from backstretch.alexa_api.client import AlexaApi
from backstretch.progress.dynamodb import WORST_CALL_SECONDS
from backstretch.progress.errors import ProgressUnavailable
from backstretch.progress.model import Profile, ResumePoint, RoutineRecord
from backstretch.progress.store import ProgressStore, retry_on_conflict
from backstretch.progress.summary import (
    apply_completed_routine,
    read_window,
    remembered_zone,
    weekly_summary,
)
from backstretch.routine.content import Routine
from backstretch.routine.conversation import Event, EventKind, Outcome, Turn
from backstretch.routine.state import CoachState, StepRef, next_step, step_number, step_ref
from backstretch.routine.summary_speech import finish_note
from backstretch.speech.plan import SpeechPlan, say

logger = logging.getLogger(__name__)

RESUME_FRESH_FOR = timedelta(hours=12)
RETRY_WITHIN_SECONDS = 2.0
# Alexa waits ~8 s for the whole answer and the function's timeout is 7 s: every storage call
# must be able to end, even failing slowly, by then.
TURN_DEADLINE_SECONDS = 6.5


def is_newcomer(profile: Profile) -> bool:
    """Never finished a routine nor stopped one partway: the safety note is still owed."""
    return (
        profile.routines_completed == 0
        and profile.last_stretch_day is None
        and profile.resume is None
    )


class TurnProgress:
    """One turn's view of a person's stored progress."""

    def __init__(
        self,
        store: ProgressStore,
        api: AlexaApi,
        envelope: RequestEnvelope,
        budget: TurnBudget,
    ) -> None:
        self._store = store
        self._api = api
        self._envelope = envelope
        self._budget = budget
        self._profile: Profile | None = None
        self._learned_zone: str | None = None  # a time zone the Settings API told us this turn
        self.storage_errors = 0  # storage failures this turn, for the turn's metrics
        self._started = time.monotonic()
        request = envelope.request
        stamp = request.timestamp if request is not None else None
        self.now = stamp.astimezone(UTC) if stamp and stamp.tzinfo else datetime.now(UTC)
        self.locale = getattr(request, "locale", None) or "en-US"
        system = envelope.context.system if envelope.context else None
        user = (system.user if system else None) or (
            envelope.session.user if envelope.session else None
        )
        self.user_id: str | None = user.user_id if user else None

    @property
    def starts_session(self) -> bool:
        session = self._envelope.session
        return session is None or bool(session.new)

    def profile(self) -> Profile:
        """The stored profile, read at most once a turn. Raises ProgressUnavailable."""
        if self.user_id is None:
            raise ProgressUnavailable("request carries no user id")
        if self._profile is None:
            self._check_time_for_a_call()
            self._profile = self._store.load_profile(self.user_id)
        return self._profile

    # --- before the conversation ---------------------------------------------------------

    def prepare(
        self, state: CoachState, event: Event, routine: Routine
    ) -> tuple[CoachState, Event, bool]:
        """Fill in what the conversation needs from storage; the flag says a read failed.

        At the start of a session the profile gives the hold length, whether the person is
        new (the safety note is owed) and a fresh place to resume; the weekly summary reads
        the profile with the routines, in its one read.
        """
        if event.kind is EventKind.SUMMARY:
            return self._with_summary(state, event)
        if not self.starts_session or event.kind is EventKind.SESSION_ENDED:
            return state, event, False
        try:
            profile = self.profile()
        except ProgressUnavailable:
            self.storage_errors += 1
            logger.warning("profile unavailable at the start of a session")
            return state, event, True
        resume_step = None
        if event.kind in (EventKind.LAUNCH, EventKind.RESUME):
            resume_step = self._fresh_resume_step(profile, routine)
        return self._remembered(state, profile), replace(event, resume_step=resume_step), False

    def _remembered(self, state: CoachState, profile: Profile) -> CoachState:
        """What a new session takes from the profile."""
        if not self.starts_session:
            return state
        return state.with_(
            hold_seconds=profile.hold_seconds or state.hold_seconds,
            newcomer=is_newcomer(profile),
        )

    def _fresh_resume_step(self, profile: Profile, routine: Routine) -> int | None:
        point = profile.resume
        if point is None or self.now - point.saved_at > RESUME_FRESH_FOR:
            return None
        zone = self._zone(profile, ask_alexa=False)
        if point.saved_at.astimezone(zone).date() != self.now.astimezone(zone).date():
            return None  # stopped on another day: start fresh
        ref = StepRef(point.stretch_index, point.side_index)
        if ref.stretch >= len(routine.stretches):
            return None
        if ref.side >= len(routine.stretches[ref.stretch].sides):
            return None
        return step_number(routine, ref)

    def _with_summary(self, state: CoachState, event: Event) -> tuple[CoachState, Event, bool]:
        """One read: the profile with this week's and last week's routines.

        A routine under way in this session is not stored until it finishes or stops, but
        the person has done it: it counts too.
        """
        try:
            start, end = read_window(self.now)
            stored = self._store.load_progress(self._user(), start, end, self.now)
        except ProgressUnavailable:
            self.storage_errors += 1
            logger.warning("weekly summary unavailable")
            return state, event, False
        profile = self._profile = stored.profile
        state = self._remembered(state, profile)
        zone = self._zone(profile, ask_alexa=True)
        records = list(stored.routines)
        try:
            self._remember_zone(profile, zone)
        except ProgressUnavailable:
            self.storage_errors += 1
            logger.warning("time zone not remembered; it will be asked for again")
        if state.in_progress and state.sides_completed:
            current = self._routine_record(state, completed=False)
            records = [r for r in records if r.routine_id != current.routine_id] + [current]
        summary = weekly_summary(records, self.now, zone, profile)
        today = self.now.astimezone(zone).date()
        return state, replace(event, summary=summary, today=today), False

    # --- after the conversation ----------------------------------------------------------

    def record(self, before: CoachState, turn: Turn, routine: Routine) -> Turn:
        """Store what the turn changed; tell the person, briefly, if that failed."""
        try:
            if turn.outcome is Outcome.ROUTINE_FINISHED:
                return turn.with_note(self._finish(turn.state, routine))
            if turn.outcome in (Outcome.STOPPED, Outcome.SESSION_ENDED):
                # After the turn: a stop that cut a hold short has taken back the unheld part.
                self._save_stopped(turn.state, routine)
            elif turn.outcome is Outcome.HOLD_CHANGED:
                self._save_hold(turn.state)
        except ProgressUnavailable as exc:
            self.storage_errors += 1
            logger.warning("progress not saved (%s): %s", turn.outcome, type(exc).__name__)
            if turn.speech.is_empty:
                return turn  # the session has ended: there is no one to tell
            return turn.with_note(say(routine.lines.progress_not_saved))
        return turn

    def _finish(self, state: CoachState, routine: Routine) -> SpeechPlan:
        profile = self.profile()
        zone = self._zone(profile, ask_alexa=True)
        user_id = self._user()
        record = self._routine_record(state, completed=True)

        def write(current: Profile) -> Profile:
            updated = apply_completed_routine(current, self.now, zone)
            updated = replace(
                updated,
                hold_seconds=state.hold_seconds or current.hold_seconds,
                time_zone=current.time_zone or self._learned_zone_name(zone),
            )
            self._check_time_for_a_call()
            return self._store.finish_routine(user_id, record, updated)

        stored = retry_on_conflict(self._store, user_id, profile, write, self._time_to_retry)
        return finish_note(stored.streak_days, routine)

    def _save_stopped(self, before: CoachState, routine: Routine) -> None:
        if not before.in_progress or before.seconds_held == 0:
            return  # nothing held in this routine: nothing to write
        step = next_step(before, routine)
        resume = None
        if step is not None:
            ref = step_ref(routine, step)
            resume = ResumePoint(ref.stretch, ref.side, self.now)
        user_id = self._user()
        record = self._routine_record(before, completed=False)

        def write(current: Profile) -> Profile:
            updated = replace(
                current, resume=resume, hold_seconds=before.hold_seconds or current.hold_seconds
            )
            self._check_time_for_a_call()
            return self._store.save_partial_routine(user_id, record, updated)

        retry_on_conflict(self._store, user_id, self.profile(), write, self._time_to_retry)

    def _save_hold(self, state: CoachState) -> None:
        user_id = self._user()

        def write(current: Profile) -> Profile:
            self._check_time_for_a_call()
            return self._store.save_profile(
                user_id, replace(current, hold_seconds=state.hold_seconds)
            )

        retry_on_conflict(self._store, user_id, self.profile(), write, self._time_to_retry)

    # --- helpers -------------------------------------------------------------------------

    def _check_time_for_a_call(self) -> None:
        """Start a storage call only if it can end, even failing slowly, within the turn."""
        elapsed = time.monotonic() - self._started
        if elapsed + WORST_CALL_SECONDS > TURN_DEADLINE_SECONDS:
            raise ProgressUnavailable(f"no time left in the turn ({elapsed:.1f} s gone)")

    def _time_to_retry(self) -> bool:
        """A lost version check is retried (a read and a write more) only early in the turn:
        each storage call may take up to ~3 s when the table is slow, and Alexa waits ~8 s."""
        return time.monotonic() - self._started < RETRY_WITHIN_SECONDS

    def _user(self) -> str:
        if self.user_id is None:
            raise ProgressUnavailable("request carries no user id")
        return self.user_id

    def _routine_record(self, state: CoachState, *, completed: bool) -> RoutineRecord:
        started = _parse_time(state.started_at) or self.now
        session = self._envelope.session
        session_id = session.session_id if session else None
        request = self._envelope.request
        anchor = session_id or (request.request_id if request else "") or ""
        routine_id = hashlib.sha256(f"{anchor}|{started.isoformat()}".encode()).hexdigest()[:24]
        return RoutineRecord(
            routine_id=routine_id,
            started_at=started,
            sides_completed=state.sides_completed,
            seconds_held=state.seconds_held,
            completed=completed,
        )

    def _zone(self, profile: Profile, *, ask_alexa: bool) -> ZoneInfo:
        """The person's time zone: remembered, else asked of Alexa, else the locale's."""
        if profile.time_zone or not ask_alexa:
            return remembered_zone(profile, self.locale)
        system = self._envelope.context.system if self._envelope.context else None
        device = system.device if system else None
        if system and device and device.device_id and system.api_endpoint:
            name = self._api.time_zone(
                system.api_endpoint,
                system.api_access_token or "",
                device.device_id,
                self._budget,
            )
            if name:
                self._learned_zone = name
                return ZoneInfo(name)
        return remembered_zone(profile, self.locale)

    def _learned_zone_name(self, zone: ZoneInfo) -> str | None:
        return self._learned_zone if self._learned_zone == zone.key else None

    def _remember_zone(self, profile: Profile, zone: ZoneInfo) -> None:
        """Keep a time zone just learned from Alexa, so it is asked for only once."""
        name = self._learned_zone_name(zone)
        if name is None or profile.time_zone == name:
            return
        user_id = self._user()

        def write(current: Profile) -> Profile:
            self._check_time_for_a_call()
            return self._store.save_profile(user_id, replace(current, time_zone=name))

        retry_on_conflict(self._store, user_id, profile, write, self._time_to_retry)


def _parse_time(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
