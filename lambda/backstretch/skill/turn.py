"""One turn of the coaching conversation, in the order it happens.

The request is read once (`TurnRequest`); storage is recalled (the profile when a session
starts, two weeks of routines for the summary); the pure conversation responds; the hold goes
out as progressive responses; storage remembers what the turn changed; the full response says
the rest. One budget covers every outbound call: Alexa's APIs within their own allowance,
storage up to the turn's deadline.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any
from xml.sax.saxutils import escape

from backstretch.alexa_api.client import AlexaApi
from backstretch.budget import TurnBudget
from backstretch.deadline import CallRunner
from backstretch.progress.errors import ProgressUnavailable
from backstretch.progress.model import Profile, ResumePoint, RoutineRecord
from backstretch.progress.store import ProgressStore
from backstretch.progress.summary import apply_completed_routine, weekly_summary
from backstretch.routine.content import Routine
from backstretch.routine.conversation import (
    Event,
    EventKind,
    Outcome,
    Turn,
    respond,
    settle_hold,
)
from backstretch.routine.state import CoachState, StepRef, next_step, step_number, step_ref
from backstretch.routine.summary_speech import finish_note
from backstretch.skill.delivery import Delivery, deliver
from backstretch.skill.request import TurnRequest
from backstretch.skill.storage import TurnStorage
from backstretch.skill.time_zone import PersonZone
from backstretch.speech.plan import SpeechPlan, say
from backstretch.speech.ssml import render, render_fragments, speak, split_for_progressive

logger = logging.getLogger(__name__)

# Alexa waits ~8 s for the whole answer and the function's timeout is 7 s: every outbound
# call must be able to end, even failing slowly, by then.
TURN_DEADLINE_SECONDS = 6.5
RESUME_FRESH_FOR = timedelta(hours=12)
# The one-time offer of a reminder comes once a person has shown they come back.
OFFER_REMINDER_AFTER_ROUTINES = 2


@dataclass(frozen=True)
class TurnServices:
    """What a turn talks to: the progress store and Alexa's APIs, with their allowance, and
    the workers that hold every storage call to the turn's deadline."""

    store: ProgressStore
    api: AlexaApi
    alexa_api_seconds: float = 3.0
    runner: CallRunner = field(default_factory=CallRunner)


@dataclass(frozen=True)
class TurnResult:
    """What one turn did: the conversation's turn and what the full response says."""

    before: CoachState  # the state the conversation started from, after recall
    turn: Turn
    speech_ssml: str | None  # the full response's speech; None when there is nothing to say
    reprompt_ssml: str | None
    delivery: Delivery
    storage_errors: int
    end_session: bool = True
    # The one-time reminder offer made at the end of this turn, to keep in the session.
    reminder_offer: dict[str, Any] | None = None


@dataclass(frozen=True)
class TurnClock:
    """One turn's access to the outside, all under one budget that starts with the turn:
    storage up to the turn's deadline, Alexa's APIs within their allowance."""

    storage: TurnStorage
    zone: PersonZone
    alexa_budget: TurnBudget

    @classmethod
    def start(cls, request: TurnRequest, services: TurnServices) -> TurnClock:
        budget = TurnBudget(TURN_DEADLINE_SECONDS)
        alexa_budget = budget.within(services.alexa_api_seconds)
        storage = TurnStorage(services.store, request.user_id, budget, services.runner)
        return cls(storage, PersonZone(request, services.api, alexa_budget), alexa_budget)


def take_turn(
    request: TurnRequest,
    state: CoachState,
    event: Event,
    routine: Routine,
    services: TurnServices,
) -> TurnResult:
    """Recall, respond, deliver, remember, answer: one turn, top to bottom."""
    clock = TurnClock.start(request, services)
    storage, zone, alexa_budget = clock.storage, clock.zone, clock.alexa_budget

    state, event, read_failed = _recall(request, state, event, routine, storage, zone)
    turn = respond(state, event, routine)
    if read_failed:
        turn = turn.with_opening(say(routine.lines.progress_not_read))
    # The hold's count goes out first, so a slow table never delays it; what storage adds
    # (a streak, "couldn't save") is said after the hold, in the full response.
    spoken = split_for_progressive(turn.speech, routine.hold)
    delivery = deliver(spoken, request, services.api, alexa_budget)
    note, offering = _remember(request, state, turn, routine, storage, zone)
    speech = reprompt = offer = None
    if turn.reprompt is not None:
        reprompt = render(turn.reprompt, routine.hold)
    ending: tuple[str, ...] = ()
    if offering:  # a question, so it comes last and the session stays open for the answer
        offer, question = _reminder_offer(request, storage, zone)
        ending = (escape(question),)
        reprompt = speak(ending)
    if not turn.speech.is_empty:
        fragments = render_fragments(note, routine.hold)
        speech = spoken.final_ssml(delivery.sent, fragments, ending)
    end = turn.end_session and offer is None
    return TurnResult(state, turn, speech, reprompt, delivery, storage.errors, end, offer)


# --- recall: before the conversation ---------------------------------------------------------


def _recall(
    request: TurnRequest,
    state: CoachState,
    event: Event,
    routine: Routine,
    storage: TurnStorage,
    zone: PersonZone,
) -> tuple[CoachState, Event, bool]:
    """What the conversation needs from storage; the flag says a read failed.

    At the start of a session the profile gives the hold length, whether the person is new
    (the safety note is owed) and a fresh place to resume; the weekly summary reads the
    profile with the routines, in its one read.
    """
    if event.kind is EventKind.SUMMARY:
        return _with_summary(request, state, event, storage, zone)
    if not request.starts_session or event.kind is EventKind.SESSION_ENDED:
        return state, event, False
    try:
        profile = storage.profile()
    except ProgressUnavailable as error:
        storage.failed("not read at the start of a session", error)
        return state, event, True
    resume_step = None
    if event.kind in (EventKind.LAUNCH, EventKind.RESUME):
        resume_step = _fresh_resume_step(request, profile, routine, zone)
    state = _remembered(request, state, profile)
    return state, replace(event, resume_step=resume_step), False


def _remembered(request: TurnRequest, state: CoachState, profile: Profile) -> CoachState:
    """What a new session takes from the profile."""
    if not request.starts_session:
        return state
    return state.with_(
        hold_seconds=profile.hold_seconds or state.hold_seconds,
        newcomer=_is_newcomer(profile),
    )


def _is_newcomer(profile: Profile) -> bool:
    """Never finished a routine nor stopped one partway: the safety note is still owed."""
    return (
        profile.routines_completed == 0
        and profile.last_stretch_day is None
        and profile.resume is None
    )


def _fresh_resume_step(
    request: TurnRequest, profile: Profile, routine: Routine, zone: PersonZone
) -> int | None:
    """A stopped routine's step, if it stopped less than 12 hours ago on the same local day."""
    point = profile.resume
    if point is None or request.now - point.saved_at > RESUME_FRESH_FOR:
        return None
    local = zone.remembered(profile)
    if point.saved_at.astimezone(local).date() != request.now.astimezone(local).date():
        return None  # stopped on another day: start fresh
    ref = StepRef(point.stretch_index, point.side_index)
    if ref.stretch >= len(routine.stretches):
        return None
    if ref.side >= len(routine.stretches[ref.stretch].sides):
        return None
    return step_number(routine, ref)


def _with_summary(
    request: TurnRequest,
    state: CoachState,
    event: Event,
    storage: TurnStorage,
    zone: PersonZone,
) -> tuple[CoachState, Event, bool]:
    """One read: the profile with two weeks of routines. A routine under way in this session
    is not stored until it finishes or stops, but the person has done it: it counts too."""
    try:
        stored = storage.two_weeks(request.now)
    except ProgressUnavailable as error:
        storage.failed("summary not read", error)
        return state, event, False
    profile = stored.profile
    state = _remembered(request, state, profile)
    local = zone.find(profile)
    learned = zone.to_remember(profile)
    if learned is not None:
        try:
            storage.write(lambda store, user, p: store.save_profile(user, _with_zone(p, learned)))
        except ProgressUnavailable as error:
            storage.failed("time zone not remembered; it will be asked for again", error)
    records = list(stored.routines)
    # A summary asked in the middle of a hold cut it short: count only what was held.
    held, _ = settle_hold(state, event.at)
    if held.in_progress and held.seconds_held:
        current = _routine_record(request, held, completed=False)
        records = [r for r in records if r.routine_id != current.routine_id] + [current]
    summary = weekly_summary(records, request.now, local, profile)
    today = request.now.astimezone(local).date()
    return state, replace(event, summary=summary, today=today), False


def _with_zone(profile: Profile, name: str) -> Profile:
    return profile if profile.time_zone else replace(profile, time_zone=name)


# --- remember: after the conversation --------------------------------------------------------


def _remember(
    request: TurnRequest,
    before: CoachState,
    turn: Turn,
    routine: Routine,
    storage: TurnStorage,
    zone: PersonZone,
) -> tuple[SpeechPlan, bool]:
    """Store what the turn changed; what to tell the person about it (often nothing), and
    whether the one-time reminder offer is due now."""
    try:
        if turn.outcome is Outcome.ROUTINE_FINISHED:
            return _finish(request, turn.state, routine, storage, zone)
        if turn.outcome in (Outcome.STOPPED, Outcome.SESSION_ENDED):
            # After the turn: a stop that cut a hold short has taken back the unheld part.
            _save_stopped(request, turn.state, routine, storage)
        elif turn.outcome is Outcome.HOLD_CHANGED:
            hold = turn.state.hold_seconds
            storage.write(lambda store, user, p: store.save_profile(user, _with_hold(p, hold)))
    except ProgressUnavailable as error:
        storage.failed(f"not saved ({turn.outcome})", error)
        if not turn.speech.is_empty:  # an ended session has no one to tell
            return say(routine.lines.progress_not_saved), False
    return SpeechPlan(), False


def _with_hold(profile: Profile, hold_seconds: int | None) -> Profile:
    return replace(profile, hold_seconds=hold_seconds or profile.hold_seconds)


def _finish(
    request: TurnRequest,
    state: CoachState,
    routine: Routine,
    storage: TurnStorage,
    zone: PersonZone,
) -> tuple[SpeechPlan, bool]:
    before = storage.profile()
    local = zone.find(before)
    record = _routine_record(request, state, completed=True)

    def finish(store: ProgressStore, user_id: str, current: Profile) -> Profile:
        updated = apply_completed_routine(current, request.now, local)
        updated = _with_hold(updated, state.hold_seconds)
        learned = zone.to_remember(current)
        if learned == local.key:
            updated = _with_zone(updated, learned)
        if _reminder_offer_due(updated):
            updated = replace(updated, reminder_offered=True)  # offered once, never again
        return store.finish_routine(user_id, record, updated)

    after = storage.write(finish)
    offering = after.reminder_offered and not before.reminder_offered
    return finish_note(after.streak_days, routine), offering


def _reminder_offer_due(profile: Profile) -> bool:
    """After a second finished routine, to someone with no reminder who was never asked."""
    return (
        profile.routines_completed >= OFFER_REMINDER_AFTER_ROUTINES
        and profile.reminder is None
        and not profile.reminder_offered
    )


def _reminder_offer(
    request: TurnRequest, storage: TurnStorage, zone: PersonZone
) -> tuple[dict[str, Any], str]:
    """The offer's question, and what to keep in the session for its answer."""
    from backstretch.reminders.dialog import offer  # reminder code only on a reminder turn
    from backstretch.reminders.lines import reminder_lines

    local_now = request.now.astimezone(zone.find(storage.profile()))
    decision = offer(local_now, reminder_lines(request.locale))
    pending = decision.pending.to_attribute() if decision.pending else {}
    return pending, decision.question or ""


def _save_stopped(
    request: TurnRequest, state: CoachState, routine: Routine, storage: TurnStorage
) -> None:
    if not state.in_progress or state.seconds_held == 0:
        return  # nothing held in this routine: nothing to write
    step = next_step(state, routine)
    resume = None
    if step is not None:
        ref = step_ref(routine, step)
        resume = ResumePoint(ref.stretch, ref.side, request.now)
    record = _routine_record(request, state, completed=False)

    def stop(store: ProgressStore, user_id: str, current: Profile) -> Profile:
        updated = _with_hold(replace(current, resume=resume), state.hold_seconds)
        return store.save_partial_routine(user_id, record, updated)

    storage.write(stop)


def _routine_record(request: TurnRequest, state: CoachState, *, completed: bool) -> RoutineRecord:
    """The routine under way, with an id that stays the same for the whole session."""
    started = _parse_time(state.started_at) or request.now
    anchor = request.session_id or request.request_id
    routine_id = hashlib.sha256(f"{anchor}|{started.isoformat()}".encode()).hexdigest()[:24]
    return RoutineRecord(
        routine_id=routine_id,
        started_at=started,
        sides_completed=state.sides_completed,
        seconds_held=state.seconds_held,
        completed=completed,
    )


def _parse_time(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
