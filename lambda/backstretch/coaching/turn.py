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

from backstretch.coaching.outbox import OwedWrite
from backstretch.coaching.saves import Save, SaveKind, owed_attribute, owed_saves, progress_write
from backstretch.progress.changes import with_zone
from backstretch.progress.errors import ProgressUnavailable, SaveOutcomeUnknown
from backstretch.progress.model import Profile, ResumePoint, RoutineRecord
from backstretch.progress.outbox import OutboxUnavailable
from backstretch.progress.summary import weekly_summary
from backstretch.routine.content import Lines, Routine
from backstretch.routine.conversation import (
    NOTHING_RECALLED,
    Event,
    EventKind,
    Outcome,
    Recalled,
    Turn,
    finishes_routine,
    respond,
    settle_hold,
)
from backstretch.routine.state import (
    CoachState,
    Question,
    StepRef,
    next_step,
    step_number,
    step_ref,
)
from backstretch.routine.summary_speech import finish_note
from backstretch.speech.plan import SpeechPlan, say
from backstretch.speech.ssml import render, render_fragments, speak, split_for_progressive
from backstretch.turn.context import TurnClock, TurnServices
from backstretch.turn.delivery import Delivery, deliver
from backstretch.turn.request import TurnRequest
from backstretch.turn.storage import ProgressWrite, TurnStorage
from backstretch.turn.zone import PersonZone

logger = logging.getLogger(__name__)

RESUME_FRESH_FOR = timedelta(hours=12)


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
    # A write this session still has to make, to keep in the session.
    unsaved: dict[str, Any] | None = None
    # What storage told the conversation (the week a summary told, the local date), for a
    # screen to show it.
    recalled: Recalled = NOTHING_RECALLED
    # The reminder on record (its schedule token), read with the week, for a screen to show.
    reminder_schedule: str | None = None


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
    kept = owed_saves(request.attributes.unsaved)

    recall = _recall(request, state, event, routine, storage, zone, kept)
    turn = respond(recall.state, event, routine, recall.recalled)
    if recall.read_failed:
        turn = turn.with_opening(say(routine.lines.progress_not_read))
    # The hold's count goes out first, so a slow table never delays it; what storage adds
    # (a streak, "couldn't save") is said after the hold, in the full response.
    spoken = split_for_progressive(turn.speech, routine.hold)
    delivery = deliver(spoken, request, services.api, alexa_budget)
    remembered = _remember(request, turn, routine, storage, zone, kept)
    speech = reprompt = offer = None
    if turn.reprompt is not None:
        reprompt = render(turn.reprompt, routine.hold)
    ending: tuple[str, ...] = ()
    if remembered.offering:  # a question: it comes last, the session stays open for it
        offer, question = _reminder_offer(request, storage, zone)
        ending = (escape(question),)
        reprompt = speak(ending)
    if not turn.speech.is_empty:
        fragments = render_fragments(remembered.note, routine.hold)
        speech = spoken.final_ssml(delivery.sent, fragments, ending)
    # With a write still to make, the session stays open a little: whatever comes next in it
    # (even the SessionEndedRequest Alexa sends when nobody speaks) tries it again.
    owed = owed_attribute(remembered.unsaved)
    end = turn.end_session and offer is None and owed is None
    return TurnResult(
        recall.state,
        turn,
        speech,
        reprompt,
        delivery,
        storage.errors,
        end,
        offer,
        owed,
        recall.recalled,
        recall.reminder_schedule,
    )


# --- recall: before the conversation ---------------------------------------------------------


@dataclass(frozen=True)
class Recall:
    """What storage told the turn: the state with what a new session takes from the profile,
    the facts the conversation is given, and whether a read failed (the person is told)."""

    state: CoachState
    recalled: Recalled = field(default_factory=Recalled)
    read_failed: bool = False
    reminder_schedule: str | None = None  # read with the week, for a screen


def _recall(
    request: TurnRequest,
    state: CoachState,
    event: Event,
    routine: Routine,
    storage: TurnStorage,
    zone: PersonZone,
    kept: tuple[Save, ...],
) -> Recall:
    """What the conversation needs from storage.

    At the start of a session the profile gives the hold length, whether the person is new
    (the safety note is owed) and a fresh place to resume; the weekly summary reads the
    profile with the routines, in its one read.
    """
    # "Yes" to "hear how your week is going?" asks for the week as surely as the words do.
    week_asked = event.kind is EventKind.YES and state.question is Question.WEEK
    if event.kind is EventKind.SUMMARY or week_asked:
        return _with_summary(request, state, event, storage, zone, kept)
    if not request.starts_session or event.kind is EventKind.SESSION_ENDED:
        return Recall(state)
    try:
        profile = storage.profile()
    except ProgressUnavailable as error:
        storage.failed("not read at the start of a session", error)
        return Recall(state, read_failed=True)
    resume_step = None
    if event.kind in (EventKind.LAUNCH, EventKind.RESUME):
        resume_step = _fresh_resume_step(request, profile, routine, zone)
    recalled = Recalled(resume_step=resume_step, warned=profile.warned_at is not None)
    return Recall(_remembered(request, state, profile), recalled)


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
    kept: tuple[Save, ...],
) -> Recall:
    """One read: the profile with two weeks of routines. A routine under way in this session
    is not stored until it finishes or stops, but the person has done it: it counts too, as
    does one this session could not store yet."""
    try:
        stored = storage.two_weeks(request.now)
    except ProgressUnavailable as error:
        storage.failed("summary not read", error)
        return Recall(state)
    profile = stored.profile
    state = _remembered(request, state, profile)
    local = zone.find(profile)  # a zone learned here is remembered after the conversation
    records = list(stored.routines)
    # A summary asked in the middle of a hold cut it short: count only what was held; one
    # asked once the last hold was heard out counts the routine as finished.
    held, cut = settle_hold(state, event.at)
    finishing = finishes_routine(state, cut)
    held_record = None
    if (held.in_progress or finishing) and held.seconds_held:
        held_record = _routine_record(request, held, completed=finishing)
    owed_routines = [save.record for save in kept if save.record is not None]
    for current in [*owed_routines, *([held_record] if held_record else [])]:
        records = [r for r in records if r.routine_id != current.routine_id] + [current]
    summary = weekly_summary(records, request.now, local, profile)
    today = request.now.astimezone(local).date()
    reminder = profile.reminder.schedule if profile.reminder is not None else None
    return Recall(state, Recalled(summary=summary, today=today), reminder_schedule=reminder)


# --- remember: after the conversation --------------------------------------------------------


@dataclass(frozen=True)
class _Remembered:
    note: SpeechPlan = field(default_factory=SpeechPlan)  # said before the closing sentence
    offering: bool = False  # the one-time reminder offer is due now
    unsaved: tuple[Save, ...] = ()  # writes still to make, kept in the session, oldest first


def _remember(
    request: TurnRequest,
    turn: Turn,
    routine: Routine,
    storage: TurnStorage,
    zone: PersonZone,
    kept: tuple[Save, ...],
) -> _Remembered:
    """Store what the turn changed, else the oldest of ``kept`` (what earlier turns of the
    session could not store): one write a turn. What is not written stays owed, none dropped;
    what to tell the person about it, often nothing."""
    own = _save_for(request, turn, routine)
    if own is not None and own.kind is SaveKind.HOLD:
        owed_routine = next((i for i, save in enumerate(kept) if save.record), None)
        if owed_routine is not None:
            # A new hold length while a routine is still owed: one write makes both, so a
            # failure keeps both for later and neither undoes the other.
            changed = replace(kept[owed_routine], hold_seconds=own.hold_seconds)
            kept = (*kept[:owed_routine], changed, *kept[owed_routine + 1 :])
            own = None
    # This turn's own write goes first; it supersedes an owed one of the same routine (the
    # same routine, written again as it is now).
    queue = (own, *[k for k in kept if not _same(own, k)]) if own is not None else kept
    if not queue:
        _remember_zone(storage, zone)
        return _Remembered()
    save, still_kept = queue[0], queue[1:]
    lines = routine.lines
    tell = not turn.speech.is_empty  # an ended session has no one to tell
    try:
        # The one-time offer is made only to someone who will hear it.
        heard = save is own and not request.session_ended
        before, after = _write(save, storage, zone, may_offer=heard)
    except SaveOutcomeUnknown as error:
        storage.failed(f"outcome unknown ({save.kind})", error)
        if _session_ends(request, turn) and storage.has_outbox:
            return _hand_over(request, queue, storage, zone, lines, tell, unsure=True)
        return _Remembered(say(lines.progress_save_unsure) if tell else SpeechPlan(), False, queue)
    except ProgressUnavailable as error:
        storage.failed(f"not saved ({save.kind})", error)
        if _session_ends(request, turn) and storage.has_outbox:
            return _hand_over(request, queue, storage, zone, lines, tell, unsure=False)
        if request.session_ended:
            logger.warning("session ended with progress unsaved: %s", save.kind)
        return _Remembered(say(lines.progress_save_pending) if tell else SpeechPlan(), False, queue)
    if still_kept and _session_ends(request, turn):
        # No later turn of this session will make them: make them now, while the turn's
        # deadline allows, else leave them with the outbox (or say they are not kept).
        ending = _make_the_rest(request, still_kept, storage, zone, lines, tell)
        if ending is not None:
            return ending
        still_kept = ()
    if save is not own:
        logger.info("progress saved on a later turn: %s", save.kind)
        note = say(lines.progress_saved_now) if tell else SpeechPlan()
        return _Remembered(note, unsaved=still_kept)
    if save.kind is SaveKind.FINISH:
        offering = after.reminder_offered and not before.reminder_offered
        return _Remembered(finish_note(after.streak_days, routine), offering, still_kept)
    return _Remembered(unsaved=still_kept)


def _write(
    save: Save, storage: TurnStorage, zone: PersonZone, *, may_offer: bool
) -> tuple[Profile, Profile]:
    """Make one write; the profile before and after. Raises ProgressUnavailable."""
    before = storage.profile()
    # The zone is found before the write (the Settings API, once a turn), never inside it.
    local = zone.find(before) if save.kind is SaveKind.FINISH else zone.remembered(before)
    work = progress_write(save, local, zone.learned, may_offer=may_offer)
    return before, storage.write(work)


def _make_the_rest(
    request: TurnRequest,
    owed: tuple[Save, ...],
    storage: TurnStorage,
    zone: PersonZone,
    lines: Lines,
    tell: bool,
) -> _Remembered | None:
    """Make the writes still owed as the session ends; None once all are made."""
    for index, save in enumerate(owed):
        try:
            _write(save, storage, zone, may_offer=False)
        except ProgressUnavailable as error:  # SaveOutcomeUnknown included
            storage.failed(f"not saved as the session ends ({save.kind})", error)
            unsure = isinstance(error, SaveOutcomeUnknown)
            rest = owed[index:]
            if storage.has_outbox:
                return _hand_over(request, rest, storage, zone, lines, tell, unsure=unsure)
            kinds = ", ".join(str(left.kind) for left in rest)
            logger.warning("session ended with progress unsaved: %s", kinds)
            return _Remembered(say(lines.progress_not_kept) if tell else SpeechPlan())
    return None


def _session_ends(request: TurnRequest, turn: Turn) -> bool:
    """No later turn of this session will come to make a write: it ends with this one."""
    return request.session_ended or not request.in_session or turn.end_session


def _hand_over(
    request: TurnRequest,
    saves: tuple[Save, ...],
    storage: TurnStorage,
    zone: PersonZone,
    lines: Lines,
    tell: bool,
    *,
    unsure: bool,
) -> _Remembered:
    """The session ends with writes owed: leave them with the outbox, whose consumer makes
    them once the table answers, and say what became of them. Nothing is kept in the session
    either way: no later turn would make them, and none may pretend to."""
    owed = list(saves)
    kinds = ", ".join(str(save.kind) for save in owed)
    try:
        if request.user_id is None:
            raise OutboxUnavailable("request carries no user id")
        for save in owed:
            message = OwedWrite(request.user_id, save, zone.learned, request.locale)
            storage.hand_over(message.to_message())
    except OutboxUnavailable as error:
        logger.error(
            "progress lost: neither the table nor the outbox took it (%s): %s", kinds, error
        )
        line = lines.progress_not_confirmed if unsure else lines.progress_not_kept
        return _Remembered(say(line) if tell else SpeechPlan())
    logger.info("progress left with the outbox: %s", kinds)
    line = lines.progress_check_later if unsure else lines.progress_save_later
    return _Remembered(say(line) if tell else SpeechPlan())


def _remember_zone(storage: TurnStorage, zone: PersonZone) -> None:
    """A zone Alexa told us this turn, kept for next time. One write a turn: when the turn
    has another write to make, that one goes first and the zone is asked for again later."""
    if zone.learned is None:
        return  # nobody asked Alexa this turn
    try:
        learned = zone.to_remember(storage.profile())
        if learned is not None:
            storage.write(ProgressWrite(lambda p: with_zone(p, learned)))
    except ProgressUnavailable as error:
        storage.failed("time zone not remembered; it will be asked for again", error)


def _save_for(request: TurnRequest, turn: Turn, routine: Routine) -> Save | None:
    """The write this turn's outcome calls for, if any (read from the state after the turn:
    a stop that cut a hold short has taken back the unheld part)."""
    state = turn.state
    if turn.finished is not None:  # its last hold heard out: finished, as it ended
        record = _routine_record(request, turn.finished, completed=True)
        return Save(SaveKind.FINISH, request.now, turn.finished.hold_seconds, record)
    if turn.outcome is Outcome.WARNING_STOP:
        held = state.in_progress and state.seconds_held > 0
        kept = _routine_record(request, state, completed=False) if held else None
        return Save(SaveKind.WARNING, request.now, state.hold_seconds, kept)
    if turn.outcome in (Outcome.STOPPED, Outcome.SESSION_ENDED):
        if not state.in_progress or state.seconds_held == 0:
            return None  # nothing held in this routine: nothing to write
        step = next_step(state, routine)
        resume = None
        if step is not None:
            ref = step_ref(routine, step)
            resume = ResumePoint(ref.stretch, ref.side, request.now)
        record = _routine_record(request, state, completed=False)
        return Save(SaveKind.STOP, request.now, state.hold_seconds, record, resume)
    if turn.outcome is Outcome.HOLD_CHANGED:
        return Save(SaveKind.HOLD, request.now, state.hold_seconds)
    return None


def _same(one: Save, other: Save) -> bool:
    if one.record is None or other.record is None:
        return one.kind is other.kind
    return one.record.routine_id == other.record.routine_id


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
