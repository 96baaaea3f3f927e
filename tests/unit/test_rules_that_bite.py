"""Rules that a deliberate bug once broke without any test noticing, each now held by one.

Every test here runs a turn through the service (`take_turn`) on the in-memory store, with
Alexa's APIs in process (`InProcessAlexa`, an implementation of the port), or checks a pure
rule directly. Limits are Alexa's and the article's, written out here, not the code's own
constants: a test that reads the limit from the code under test agrees with any bug in it.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from backstretch.alexa_api.port import AlexaApi, ApiAnswer
from backstretch.budget import TurnBudget
from backstretch.coaching.saves import Save, SaveKind, progress_write
from backstretch.coaching.turn import TurnResult, take_turn
from backstretch.progress.errors import ProgressUnavailable
from backstretch.progress.memory import InMemoryProgressStore
from backstretch.progress.model import Profile, ResumePoint, RoutineRecord
from backstretch.progress.summary import apply_completed_routine, read_window
from backstretch.routine.content import Routine, load_routine
from backstretch.routine.conversation import Event, EventKind, respond, settle_hold
from backstretch.routine.state import CoachState, Question, step_ref
from backstretch.turn.context import TurnClock, TurnServices
from backstretch.turn.request import TurnRequest
from backstretch.turn.session import SessionAttributes

USER = "amzn1.ask.account.RULES-THAT-BITE"
DEVICE = "amzn1.ask.device.RULES-THAT-BITE"
API_ENDPOINT = "https://api.amazonalexa.com"
TIME_ZONE_PATH = "/settings/System.timeZone"  # Alexa's Settings API, as its reference names it
LOS_ANGELES = ZoneInfo("America/Los_Angeles")  # local midnight is 08:00 UTC in winter

SIDES = 4  # the article: two stretches, each on both sides
ARTICLE_LONGEST_HOLD = 30  # the article's holds: 20 to 30 seconds
ALEXA_ANSWER_SECONDS = 8.0  # Alexa waits about 8 s for a skill's whole answer


# --- Alexa's APIs in process, and one person's sessions --------------------------------------


class InProcessAlexa(AlexaApi):
    """Alexa's APIs as this process sees them: every progressive response is taken, and the
    device's time zone is told when asked. Records each call and the budget it was given."""

    def __init__(self, time_zone: str | None = "Asia/Tokyo") -> None:
        self.time_zone_setting = time_zone
        self.calls: list[tuple[str, float]] = []  # (path, seconds left in its budget)

    def exchange(
        self,
        operation: str,
        method: str,
        api_endpoint: str,
        path: str,
        access_token: str,
        budget: TurnBudget,
        json_body: dict[str, Any] | None = None,
    ) -> ApiAnswer:
        self.calls.append((path, budget.remaining()))
        if path.endswith(TIME_ZONE_PATH):
            setting = self.time_zone_setting
            return ApiAnswer(200, setting) if setting else ApiAnswer(204)
        return ApiAnswer(204)  # a progressive response, taken

    def time_zone_lookups(self) -> int:
        return sum(path.endswith(TIME_ZONE_PATH) for path, _ in self.calls)


class Person:
    """One person's sessions, turn by turn, through `take_turn`; the session's attributes go
    to Alexa and back as JSON between turns, as the skill's handler sends them."""

    def __init__(
        self, store: InMemoryProgressStore, api: AlexaApi | None = None, **services: Any
    ) -> None:
        self.api = api or InProcessAlexa()
        self.services = TurnServices(store, self.api, **services)
        self.routine: Routine = load_routine()
        self.now = datetime(2026, 11, 30, 16, 0, tzinfo=UTC)
        self.sessions = 0
        self.turns = 0
        self.open = False
        self.attributes: dict[str, Any] = {}

    def says(self, kind: EventKind, *, at: datetime | None = None, **event: Any) -> TurnResult:
        # Minutes apart unless told: each request comes once the last answer was heard out.
        self.now = at or self.now + timedelta(minutes=3)
        if not self.open:
            self.sessions += 1
            self.attributes = {}
        self.turns += 1
        ended = kind is EventKind.SESSION_ENDED
        request = TurnRequest(
            request_id=f"req-{self.turns}",
            now=self.now,
            user_id=USER,
            device_id=DEVICE,
            session_id=f"session-{self.sessions}",
            starts_session=not self.open,
            in_session=True,
            attributes=SessionAttributes.read(self.attributes),
            api_endpoint=API_ENDPOINT,
            api_token="token",
            progressive_allowed=not ended,
            session_ended=ended,
        )
        state = CoachState.from_attributes(request.attributes.coach, self.routine)
        result = take_turn(
            request,
            state,
            Event(kind, at=self.now.isoformat(), **event),
            self.routine,
            self.services,
        )
        carried = SessionAttributes(
            result.turn.state.to_attributes(), result.reminder_offer, result.unsaved
        )
        self.attributes = json.loads(json.dumps(carried.to_attributes()))
        self.open = not (result.end_session or ended)
        return result

    def leaves(self) -> TurnResult:
        """Says nothing: Alexa ends the session with a SessionEndedRequest."""
        return self.says(EventKind.SESSION_ENDED, at=self.now + timedelta(seconds=8))

    def does_a_whole_routine(self, *, at: datetime | None = None) -> TurnResult:
        """Launch, every side, and "no" to hearing the week once the last hold was heard
        out: the turn that finishes the routine."""
        self.says(EventKind.LAUNCH, at=at)
        for _ in range(SIDES - 1):
            self.says(EventKind.NEXT)
        return self.says(EventKind.NO)


class FlakyStore(InMemoryProgressStore):
    """The in-memory store, with writes of a finished routine refused while `down`."""

    def __init__(self) -> None:
        super().__init__()
        self.down = False

    def finish_routine(self, user_id: str, record: RoutineRecord, profile: Profile) -> Profile:
        if self.down:
            raise ProgressUnavailable("throttled")
        return super().finish_routine(user_id, record, profile)


def stored_routines(store: InMemoryProgressStore, now: datetime) -> list[RoutineRecord]:
    return list(store.load_progress(USER, *read_window(now), now=now).routines)


def offered_to_resume(result: TurnResult) -> bool:
    return result.turn.state.question is Question.RESUME


def local(day: int, hour: int, minute: int = 0) -> datetime:
    """A moment in Los Angeles, December 2026 (UTC-8), as the UTC time a request carries."""
    return datetime(2026, 12, day, hour, minute, tzinfo=LOS_ANGELES).astimezone(UTC)


# --- 1. a resume point is fresh for 12 hours, on the same local day ----------------------------


def stop_partway_then_launch(stopped: datetime, launched: datetime) -> TurnResult:
    store = InMemoryProgressStore()
    store.save_profile(USER, Profile(time_zone="America/Los_Angeles"))
    person = Person(store)
    person.says(EventKind.LAUNCH, at=stopped - timedelta(minutes=3))  # the first side, held
    person.says(EventKind.STOP, at=stopped)
    assert store.load_profile(USER).resume is not None, "the stop left a place to resume"
    return person.says(EventKind.LAUNCH, at=launched)


@pytest.mark.parametrize(
    ("launched", "offered"),
    [(local(1, 17, 30), True), (local(1, 19), False)],
    ids=["11.5 h later: offered", "13 h later, same local day: not offered"],
)
def test_a_place_to_resume_is_offered_for_12_hours_only(launched, offered):
    """Stopped at 06:00, back at 19:00 the same day: that morning's place is stale."""
    assert offered_to_resume(stop_partway_then_launch(local(1, 6), launched)) is offered


@pytest.mark.parametrize(
    ("stopped", "launched", "offered"),
    [(local(1, 22), local(1, 23, 30), True), (local(1, 23, 30), local(2, 0, 30), False)],
    ids=["same local day: offered", "past local midnight, 1 h later: not offered"],
)
def test_a_place_to_resume_is_not_offered_on_another_local_day(stopped, launched, offered):
    """23:30 and 00:30 in Los Angeles are the same UTC day and an hour apart, but a new day
    for the person: their routine starts fresh."""
    assert offered_to_resume(stop_partway_then_launch(stopped, launched)) is offered


# --- 2. and 3. a finish the session still owes -------------------------------------------------


def test_an_unsaved_finish_is_still_written_after_another_write_in_the_session():
    store = FlakyStore()
    person = Person(store)
    store.down = True
    finishing = person.does_a_whole_routine()
    assert finishing.unsaved is not None and not finishing.end_session
    store.down = False

    changed = person.says(EventKind.SET_HOLD, seconds=25)  # this write succeeds
    assert not changed.end_session, "the session stays open while a write is owed"
    person.leaves()

    profile = store.load_profile(USER)
    assert profile.hold_seconds == 25
    assert profile.routines_completed == 1
    assert [r.completed for r in stored_routines(store, person.now)] == [True]


def test_an_unsaved_finish_is_still_written_after_another_routine_in_the_session():
    store = FlakyStore()
    person = Person(store)
    store.down = True
    person.does_a_whole_routine()
    person.says(EventKind.START)  # once more, from the top; the first is still not written
    for _ in range(SIDES - 2):
        person.says(EventKind.NEXT)
    person.says(EventKind.NEXT)  # the last hold
    store.down = False

    second = person.says(EventKind.NO)  # this finish ends the session: both are written
    assert second.unsaved is None, "nothing left owed as the session ends"

    assert store.load_profile(USER).routines_completed == 2
    assert [r.completed for r in stored_routines(store, person.now)] == [True, True]


def test_a_hold_changed_after_an_unsaved_finish_is_the_hold_kept():
    """The finish is written last, but the hold length the person chose last is the one kept."""
    store = FlakyStore()
    store.save_profile(USER, Profile(hold_seconds=20))
    person = Person(store)
    store.down = True
    person.does_a_whole_routine()
    store.down = False

    person.says(EventKind.SET_HOLD, seconds=25)
    person.leaves()

    profile = store.load_profile(USER)
    assert profile.routines_completed == 1
    assert profile.hold_seconds == 25


class DownStore(FlakyStore):
    """Every write refused while `down`: the hold length's too."""

    def save_profile(self, user_id: str, profile: Profile) -> Profile:
        if self.down:
            raise ProgressUnavailable("throttled")
        return super().save_profile(user_id, profile)


def test_an_unsaved_finish_survives_a_hold_change_that_fails_too():
    store = DownStore()
    person = Person(store)
    store.down = True
    person.does_a_whole_routine()
    changed = person.says(EventKind.SET_HOLD, seconds=25)
    assert changed.unsaved is not None
    store.down = False

    person.leaves()

    profile = store.load_profile(USER)
    assert (profile.routines_completed, profile.hold_seconds) == (1, 25)


class AllDownStore(DownStore):
    """Every write refused while `down`: a stopped routine's too."""

    def save_partial_routine(
        self, user_id: str, record: RoutineRecord, profile: Profile
    ) -> Profile:
        if self.down:
            raise ProgressUnavailable("throttled")
        return super().save_partial_routine(user_id, record, profile)


def test_an_owed_finish_and_a_stop_after_it_are_both_stored_when_the_session_ends():
    """A finish the table refused, then a second routine stopped partway, refused too: when
    the table is back and Alexa ends the session, both are stored, neither dropped."""
    store = AllDownStore()
    person = Person(store)
    store.down = True
    person.does_a_whole_routine()
    person.says(EventKind.START)  # once more, from the top
    person.says(EventKind.NEXT)  # a side of it held
    stopped = person.says(EventKind.STOP)
    assert stopped.unsaved is not None and not stopped.end_session, "two writes owed"
    store.down = False

    person.leaves()

    routines = stored_routines(store, person.now)
    assert sorted(r.completed for r in routines) == [False, True]
    assert store.load_profile(USER).routines_completed == 1


def test_a_stop_written_late_never_moves_the_place_to_pick_up_behind_a_newer_one():
    """Written from the session or the outbox after a later stop was stored, an older stop
    keeps its routine but leaves the newer place to pick up."""
    older_at, newer_at = (
        datetime(2026, 11, 30, 8, 0, tzinfo=UTC),
        datetime(2026, 11, 30, 9, 0, tzinfo=UTC),
    )
    newer = ResumePoint(1, 0, newer_at)
    older = Save(SaveKind.STOP, older_at, None, None, ResumePoint(0, 1, older_at))

    work = progress_write(older, ZoneInfo("UTC"), None, may_offer=False)

    assert work.change(Profile(resume=newer)).resume == newer
    assert work.change(Profile()).resume == older.resume


def test_a_finish_written_at_session_end_does_not_count_as_the_reminder_offer():
    """The offer comes after a second routine; one written only when the session ended had
    no one to hear the offer, so the next finished routine makes it."""
    store = FlakyStore()
    person = Person(store)
    first = person.does_a_whole_routine()
    assert first.reminder_offer is None and first.end_session

    store.down = True
    second = person.does_a_whole_routine(at=person.now + timedelta(days=1))
    assert second.unsaved is not None and second.reminder_offer is None
    store.down = False
    person.leaves()

    profile = store.load_profile(USER)
    assert profile.routines_completed == 2
    assert not profile.reminder_offered

    third = person.does_a_whole_routine(at=person.now + timedelta(days=1))
    assert third.reminder_offer is not None, "the offer is made once someone can hear it"


# --- 4. a lost version race inside one turn ----------------------------------------------------


class RacedStore(InMemoryProgressStore):
    """Another device finishes a routine between this turn's read and its write."""

    def __init__(self) -> None:
        super().__init__()
        self.raced = False

    def finish_routine(self, user_id: str, record: RoutineRecord, profile: Profile) -> Profile:
        if not self.raced:
            self.raced = True
            other = RoutineRecord("other-device", record.started_at, SIDES, 120, completed=True)
            now = record.started_at + timedelta(minutes=5)
            stored = self.load_profile(user_id)
            super().finish_routine(
                user_id, other, apply_completed_routine(stored, now, ZoneInfo("UTC"))
            )
        return super().finish_routine(user_id, record, profile)


def test_a_write_that_loses_a_race_keeps_both_and_says_nothing_went_wrong():
    store = RacedStore()
    person = Person(store)

    finishing = person.does_a_whole_routine()

    assert store.raced
    assert store.load_profile(USER).routines_completed == 2, "both routines count"
    assert len(stored_routines(store, person.now)) == 2
    assert finishing.storage_errors == 0
    lines = person.routine.lines
    speech = finishing.speech_ssml or ""
    for failure in (lines.progress_save_pending, lines.progress_save_unsure):
        assert failure not in speech
    assert finishing.unsaved is None


# --- 5. a write past its deadline may have been kept -------------------------------------------


class UnansweredStore(InMemoryProgressStore):
    """A table whose write of a finished routine gets no answer until the test lets it go."""

    worst_call_seconds = 0.2

    def __init__(self) -> None:
        super().__init__()
        self.answer = threading.Event()

    def finish_routine(self, user_id: str, record: RoutineRecord, profile: Profile) -> Profile:
        self.answer.wait(timeout=30)
        return super().finish_routine(user_id, record, profile)


@pytest.fixture
def unanswered_store() -> Iterator[UnansweredStore]:
    store = UnansweredStore()
    yield store
    store.answer.set()  # the call left behind ends


def test_a_write_past_its_deadline_is_said_as_being_checked_not_as_lost(unanswered_store):
    person = Person(unanswered_store)

    finishing = person.does_a_whole_routine()

    lines = person.routine.lines
    speech = finishing.speech_ssml or ""
    assert lines.progress_save_unsure in speech
    assert lines.progress_save_pending not in speech
    assert finishing.unsaved is not None, "it is written again before the session ends"


# --- 6. one time-zone lookup a turn ------------------------------------------------------------


def test_a_summary_that_also_writes_an_owed_routine_asks_the_time_zone_once():
    store = FlakyStore()
    api = InProcessAlexa(time_zone="Asia/Tokyo")
    person = Person(store, api)
    store.down = True
    finishing = person.does_a_whole_routine()
    assert finishing.unsaved is not None
    store.down = False
    api.calls.clear()

    summary = person.says(EventKind.SUMMARY)

    assert api.time_zone_lookups() == 1
    assert summary.storage_errors == 0
    profile = store.load_profile(USER)
    assert profile.routines_completed == 1
    assert profile.time_zone == "Asia/Tokyo"


def test_a_summary_remembers_the_zone_it_learned_so_the_next_one_need_not_ask():
    store = InMemoryProgressStore()
    api = InProcessAlexa(time_zone="Asia/Tokyo")
    person = Person(store, api)

    first = person.says(EventKind.SUMMARY)
    second = person.says(EventKind.SUMMARY, at=person.now + timedelta(days=1))

    assert first.storage_errors == second.storage_errors == 0
    assert store.load_profile(USER).time_zone == "Asia/Tokyo"
    assert api.time_zone_lookups() == 1  # the second summary read it from the profile


# --- 7. the end-of-hold margin, at its edge ----------------------------------------------------


def state_after_a_counted_hold(launched: datetime) -> CoachState:
    turn = respond(CoachState(), Event(EventKind.LAUNCH, at=launched.isoformat()), load_routine())
    assert turn.speech.hold is not None
    assert turn.speech.hold.seconds == ARTICLE_LONGEST_HOLD
    return turn.state


@pytest.mark.parametrize(
    ("held", "whole"), [(27, True), (26, False)], ids=["27 of 30 s", "26 of 30 s"]
)
def test_a_request_in_the_holds_last_3_seconds_leaves_it_whole(held, whole):
    """Someone who answers within the hold's last 3 s heard it out (the count's end is an
    estimate); one who speaks earlier cut it short, and only what was held counts."""
    launched = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)
    state = state_after_a_counted_hold(launched)
    # A tenth of a second into the whole second: held is counted in whole seconds.
    spoke = launched + timedelta(seconds=state.hold_starts_after + held + 0.1)

    settled, cut_short = settle_hold(state, spoke.isoformat())

    assert cut_short is not whole
    assert settled.is_done(0) is whole
    assert settled.seconds_held == (ARTICLE_LONGEST_HOLD if whole else held)


# --- 8. "next" after "that hurts" -------------------------------------------------------------


def test_next_in_answer_to_the_pain_question_skips_the_sore_stretch():
    person = Person(InMemoryProgressStore())
    person.says(EventKind.LAUNCH)
    routine = person.routine
    sore = step_ref(routine, person.says(EventKind.PAIN).turn.state.step).stretch

    answered = person.says(EventKind.NEXT)

    now_on = step_ref(routine, answered.turn.state.step)
    assert now_on.stretch == sore + 1
    assert now_on.side == 0
    assert answered.turn.speech.hold is not None


# --- 9. tampered session attributes ------------------------------------------------------------


def tampered(attributes: dict[str, Any], version: int, seconds: int) -> dict[str, Any]:
    coach = dict(attributes["coach"], seconds_held=seconds)
    if version == 1:  # the flat attributes of the first schema, still read
        return {**coach, **{k: v for k, v in attributes.items() if k not in ("v", "coach")}}
    return {**attributes, "coach": coach}


@pytest.mark.parametrize("version", [1, 2], ids=["flat (v1)", "nested (v2)"])
def test_a_tampered_seconds_held_is_neither_counted_nor_stored(version):
    store = InMemoryProgressStore()
    person = Person(store)
    person.says(EventKind.LAUNCH)
    person.attributes = tampered(person.attributes, version, 10**12)

    coached = person.says(EventKind.NEXT)
    stopped = person.says(EventKind.STOP)

    most = SIDES * ARTICLE_LONGEST_HOLD  # a whole routine at the article's longest holds
    assert coached.turn.state.seconds_held <= most
    assert stopped.turn.state.seconds_held <= most
    routines = stored_routines(store, person.now)
    assert routines, "what was really held is still stored"
    assert all(0 < r.seconds_held <= most for r in routines)


# --- 10. Alexa's allowance within the turn -----------------------------------------------------


def test_an_allowance_within_a_budget_ends_when_the_budget_does():
    moments = [100.0]
    turn = TurnBudget(6.5, clock=lambda: moments[0])
    moments[0] += 5.0

    alexa = turn.within(3.0)

    assert alexa.remaining() == pytest.approx(1.5)
    moments[0] += 1.5
    assert alexa.expired and turn.expired


def test_alexas_apis_never_get_longer_than_alexa_waits_for_the_turn():
    """Even configured with a minute for Alexa's APIs, no call may outlive the turn."""
    api = InProcessAlexa(time_zone=None)
    person = Person(InMemoryProgressStore(), api, alexa_api_seconds=60.0)
    clock = TurnClock.start(TurnRequest(request_id="r", now=person.now), person.services)
    assert clock.alexa_budget.remaining() < ALEXA_ANSWER_SECONDS

    person.does_a_whole_routine()

    assert api.calls, "the holds went out as progressive responses"
    assert max(left for _, left in api.calls) < ALEXA_ANSWER_SECONDS
