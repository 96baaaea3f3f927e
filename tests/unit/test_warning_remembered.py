"""A warning sign is remembered: the next launch asks how they are before anything else, and
the next routine saved answers it. Played through `take_turn` on the in-memory store."""

from __future__ import annotations

from datetime import timedelta

from backstretch.progress.memory import InMemoryProgressStore
from backstretch.routine.conversation import EventKind, Outcome
from backstretch.routine.state import Question
from tests.unit.test_rules_that_bite import USER, Person


def test_a_warning_sign_is_asked_about_at_the_next_launch_and_cleared_by_a_routine() -> None:
    store = InMemoryProgressStore()
    person = Person(store)
    person.says(EventKind.LAUNCH)
    stopped = person.says(EventKind.WARNING)
    assert stopped.turn.outcome is Outcome.WARNING_STOP and stopped.end_session
    profile = store.load_profile(USER)
    assert profile.warned_at == person.now and profile.resume is None

    asked = person.says(EventKind.LAUNCH, at=person.now + timedelta(days=1))
    assert asked.turn.state.question is Question.CHECK_IN
    assert asked.turn.speech.hold is None, "nothing starts before they say how they are"

    person.says(EventKind.YES)  # settled: the first side is coached
    person.says(EventKind.STOP)  # a routine saved after the warning answers it
    assert store.load_profile(USER).warned_at is None
    again = person.says(EventKind.LAUNCH, at=person.now + timedelta(days=1))
    assert again.turn.state.question is not Question.CHECK_IN


def test_a_warning_sign_outside_a_routine_is_remembered_too() -> None:
    store = InMemoryProgressStore()
    person = Person(store)
    person.says(EventKind.WARNING)
    assert store.load_profile(USER).warned_at == person.now
