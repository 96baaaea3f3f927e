"""One turn, top to bottom (`take_turn`), on the in-memory store and the fake Alexa in process.

These are the fast tests of a turn's order: recall, respond, deliver the hold, remember,
answer. The DynamoDB store keeps the same promises (tests/integration/test_progress_store.py)
and whole conversations on moto are in tests/integration/test_progress_conversations.py.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from backstretch.coaching.turn import TurnResult, take_turn
from backstretch.progress.memory import InMemoryProgressStore
from backstretch.progress.summary import read_window
from backstretch.routine.content import Routine, load_routine
from backstretch.routine.conversation import Event, EventKind
from backstretch.routine.state import CoachState
from backstretch.turn.context import TurnServices
from backstretch.turn.request import TurnRequest
from backstretch.turn.session import SessionAttributes
from backstretch_local.fake_alexa import FakeAlexa

USER = "amzn1.ask.account.TURN-TEST"
MONDAY_MORNING = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)
SIDES = 4  # the article: two stretches, each on both sides
HOLD_SECONDS = 30  # the article's 20-30 s, at its upper end: the skill's default hold


class Person:
    """One person's session, turn by turn, straight through `take_turn`."""

    def __init__(self, services: TurnServices, endpoint: str | None) -> None:
        self.services = services
        self.routine: Routine = load_routine()
        self.state = CoachState()
        self.endpoint = endpoint
        self.turns = 0
        self.unsaved: dict[str, Any] | None = None  # a write the session carries, owed

    def request(self, *, new: bool) -> TurnRequest:
        self.turns += 1
        return TurnRequest(
            request_id=f"req-{self.turns}",
            # Minutes apart: each request comes once the last answer was heard out.
            now=MONDAY_MORNING + timedelta(minutes=3 * self.turns),
            user_id=USER,
            device_id="device-1",
            session_id="session-1",
            starts_session=new,
            in_session=True,
            attributes=SessionAttributes(unsaved=self.unsaved),
            api_endpoint=self.endpoint,
            api_token="token" if self.endpoint else None,
            progressive_allowed=True,
        )

    def says(
        self, kind: EventKind, request: TurnRequest | None = None, *, seconds: int | None = None
    ) -> TurnResult:
        request = request or self.request(new=kind is EventKind.LAUNCH)
        event = Event(kind, at=request.now.isoformat(), seconds=seconds)
        result = take_turn(request, self.state, event, self.routine, self.services)
        self.state, self.unsaved = result.turn.state, result.unsaved
        return result


@pytest.fixture
def store() -> InMemoryProgressStore:
    return InMemoryProgressStore()


@pytest.fixture
def fake_alexa() -> FakeAlexa:
    """Alexa's APIs in process: the turn's calls need no socket here."""
    return FakeAlexa()


@pytest.fixture
def person(store: InMemoryProgressStore, fake_alexa: FakeAlexa) -> Person:
    return Person(TurnServices(store, fake_alexa.in_process()), fake_alexa.api_endpoint)


def seconds_of_breaks(ssml: str) -> float:
    return sum(int(ms) for ms in re.findall(r'<break time="(\d+)ms"/>', ssml)) / 1000


def test_a_whole_routine_is_stored_once_with_every_second_held(person, store):
    person.says(EventKind.LAUNCH)
    for _ in range(SIDES - 1):
        last_hold = person.says(EventKind.NEXT)
    # The last hold's turn keeps the session open and stores nothing yet: a cut into that
    # hold must still be able to say it was not finished.
    assert not last_hold.end_session
    assert store.load_profile(USER).routines_completed == 0
    finishing = person.says(EventKind.NO)  # "no" to hearing the week: heard out, finished

    assert finishing.end_session
    stored = store.load_progress(USER, *read_window(MONDAY_MORNING), now=MONDAY_MORNING)
    assert [(r.completed, r.sides_completed, r.seconds_held) for r in stored.routines] == [
        (True, SIDES, SIDES * HOLD_SECONDS)
    ]
    assert stored.profile.routines_completed == 1
    assert finishing.storage_errors == 0


def test_a_replayed_finishing_request_counts_nothing_twice(person, store):
    person.says(EventKind.LAUNCH)
    for _ in range(SIDES - 1):
        person.says(EventKind.NEXT)
    before_last = person.state
    last = person.request(new=False)
    person.says(EventKind.NO, last)  # the turn that finishes the routine

    person.state = before_last  # Alexa delivers the same request again
    person.says(EventKind.NO, last)

    profile = store.load_profile(USER)
    stored = store.load_progress(USER, *read_window(MONDAY_MORNING), now=MONDAY_MORNING)
    assert profile.routines_completed == 1
    assert sum(r.seconds_held for r in stored.routines) == SIDES * HOLD_SECONDS


def test_the_hold_goes_out_before_storage_and_is_heard_whole(person, fake_alexa):
    launched = person.says(EventKind.LAUNCH)

    sent = fake_alexa.speech_texts()
    assert launched.delivery.sent == len(sent) > 0
    heard = " ".join([*fake_alexa.accepted_speech(), launched.speech_ssml or ""])
    assert seconds_of_breaks(heard) >= HOLD_SECONDS


def test_no_storage_call_starts_that_could_not_end_in_the_turn(person, store, fake_alexa):
    """A store whose calls may take longer than the whole turn is never called: the person
    still hears the hold, and is told progress couldn't be read."""
    person.services = replace(person.services, store=store)
    store.worst_call_seconds = 7.0  # longer than Alexa lets a turn take
    launched = person.says(EventKind.LAUNCH)

    assert launched.storage_errors == 1
    assert store.load_profile(USER).version == 0
    heard = " ".join([*fake_alexa.accepted_speech(), launched.speech_ssml or ""])
    assert person.routine.lines.progress_not_read in heard
    assert seconds_of_breaks(heard) >= HOLD_SECONDS


def note_then_closing(speech: str, note: str) -> tuple[int, str]:
    """Where the storage note is said, and what the turn says after it."""
    note_at = speech.find(note)
    assert note_at >= 0, "the person is told"
    return note_at, speech[note_at + len(note) :].removesuffix("</speak>").strip()


def test_a_storage_note_falls_after_the_hold_and_before_the_closing_line(person, store):
    person.says(EventKind.LAUNCH)
    store.worst_call_seconds = 7.0  # the table is too slow for this turn: nothing is saved
    changed = person.says(EventKind.SET_HOLD, seconds=25)
    assert changed.storage_errors == 1 and changed.unsaved is not None  # kept, to try again
    store.worst_call_seconds = 0.0

    side = person.says(EventKind.NEXT)  # a counted side, that makes the write kept for it

    speech = side.speech_ssml or ""
    note_at, closing = note_then_closing(speech, person.routine.lines.progress_saved_now)
    assert note_at > speech.rfind("<break"), "the note must not interrupt the hold"
    assert "Say next when you're ready" in closing, "the turn's closing line still comes last"
    assert side.storage_errors == 0
    assert store.load_profile(USER).hold_seconds == 25


def test_a_storage_note_on_the_finishing_turn_comes_before_its_closing_line(person, store):
    person.says(EventKind.LAUNCH)
    for _ in range(SIDES - 1):
        person.says(EventKind.NEXT)
    store.worst_call_seconds = 7.0  # the table is too slow for this turn: nothing is saved

    finishing = person.says(EventKind.NO)  # the routine heard out: this turn finishes it

    speech = finishing.speech_ssml or ""
    _, closing = note_then_closing(speech, person.routine.lines.progress_save_pending)
    assert closing == person.routine.lines.goodbye, "the turn's closing line still comes last"
    assert finishing.storage_errors == 1
    assert finishing.unsaved is not None  # kept in the session, to try again
    assert store.load_profile(USER).routines_completed == 0
