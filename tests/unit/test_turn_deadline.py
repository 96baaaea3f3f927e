"""A turn's deadline is its invocation's own when Lambda gives one (Lambda ends an invocation
at its deadline, whatever the turn is waiting on), and never more than the turn's constant."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from backstretch.alexa_api.client import HttpsAlexaApi
from backstretch.progress.errors import ProgressUnavailable
from backstretch.progress.memory import InMemoryProgressStore
from backstretch.progress.model import Profile
from backstretch.turn.context import TURN_DEADLINE_SECONDS, TurnClock, TurnServices
from backstretch.turn.request import TurnRequest

NOW = datetime(2026, 12, 2, 8, 0, tzinfo=UTC)


def clock_with(time_left: float | None, worst_call_seconds: float = 0.0) -> TurnClock:
    store = InMemoryProgressStore()
    store.worst_call_seconds = worst_call_seconds
    request = TurnRequest(request_id="r", now=NOW, user_id="person", time_left=time_left)
    return TurnClock.start(request, TurnServices(store, HttpsAlexaApi()))


def test_with_two_and_a_half_seconds_left_alexas_apis_get_two_at_most():
    assert clock_with(2.5).alexa_budget.remaining() <= 2.0
    assert clock_with(None).alexa_budget.remaining() > 2.0  # their own 3 s allowance


def test_a_storage_call_starts_only_if_its_slowest_failure_ends_before_the_invocation_does():
    assert clock_with(4.0, worst_call_seconds=3.4).storage.profile() == Profile()
    with pytest.raises(ProgressUnavailable):
        clock_with(4.0, worst_call_seconds=3.6).storage.profile()


def test_an_invocation_with_more_time_than_alexa_waits_does_not_lengthen_the_turn():
    longest = TURN_DEADLINE_SECONDS - 0.1
    assert clock_with(900.0, worst_call_seconds=longest).storage.profile() == Profile()
    with pytest.raises(ProgressUnavailable):
        clock_with(900.0, worst_call_seconds=TURN_DEADLINE_SECONDS + 0.1).storage.profile()
