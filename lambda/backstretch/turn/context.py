"""One turn's access to the outside: the services it talks to, under one budget."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from backstretch.alexa_api.port import AlexaApi
from backstretch.budget import TurnBudget
from backstretch.deadline import CallRunner
from backstretch.progress.outbox import Outbox
from backstretch.progress.store import ProgressStore
from backstretch.turn.request import TurnRequest
from backstretch.turn.storage import TurnStorage
from backstretch.turn.zone import PersonZone

# Alexa waits ~8 s for the whole answer and the function's timeout is 7 s: every outbound
# call must be able to end, even failing slowly, by then.
TURN_DEADLINE_SECONDS = 6.5
# What a turn keeps, of the time Lambda gives its invocation, to build and return the answer
# after its last outbound call: the template's 7 s timeout less the deadline above.
ANSWER_ROOM_SECONDS = 0.5
# What the turn keeps for storage beside a write's worst case: a healthy read (the profile,
# before the write) takes tens of milliseconds.
STORAGE_READ_ROOM_SECONDS = 0.5


def turn_deadline(time_left: float | None) -> float:
    """Seconds a turn's outbound calls may take: the constant, shortened to what the
    invocation has left less the room to answer, when Lambda says how much that is (an
    invocation that waited, or a function given a shorter timeout, has less than 7 s).

    >>> turn_deadline(None)  # nothing gives a deadline: the local endpoint, a test
    6.5
    >>> turn_deadline(7.0)
    6.5
    >>> turn_deadline(2.0)
    1.5
    >>> turn_deadline(0.2)
    0.0
    """
    if time_left is None or not math.isfinite(time_left):
        return TURN_DEADLINE_SECONDS
    return max(0.0, min(TURN_DEADLINE_SECONDS, time_left - ANSWER_ROOM_SECONDS))


def alexa_api_allowance(services: TurnServices, deadline: float = TURN_DEADLINE_SECONDS) -> float:
    """Seconds Alexa's APIs may take of a turn: their own allowance, but never the time the
    turn's write needs. The hold's delivery and the Settings API run before the write, so a
    dripping Alexa API would otherwise leave the write no time to start.

    >>> from backstretch.progress.memory import InMemoryProgressStore
    >>> from backstretch.alexa_api.client import HttpsAlexaApi
    >>> store = InMemoryProgressStore()
    >>> alexa_api_allowance(TurnServices(store, HttpsAlexaApi()))
    3.0
    >>> store.worst_call_seconds = 3.5
    >>> alexa_api_allowance(TurnServices(store, HttpsAlexaApi()))
    2.5
    >>> alexa_api_allowance(TurnServices(store, HttpsAlexaApi()), deadline=5.0)
    1.0
    """
    kept = services.store.worst_call_seconds + STORAGE_READ_ROOM_SECONDS
    if kept >= deadline:
        return services.alexa_api_seconds  # no write could start anyway: keep nothing for it
    return min(services.alexa_api_seconds, deadline - kept)


@dataclass(frozen=True)
class TurnServices:
    """What a turn talks to: the progress store and Alexa's APIs, with their allowance, and
    the workers that hold every storage call to the turn's deadline."""

    store: ProgressStore
    api: AlexaApi
    alexa_api_seconds: float = 3.0
    runner: CallRunner = field(default_factory=CallRunner)
    # Where a write owed when the session ends is left for later; None: nowhere (it is lost).
    outbox: Outbox | None = None


@dataclass(frozen=True)
class TurnClock:
    """One turn's access to the outside, all under one budget that starts with the turn:
    storage up to the turn's deadline (`turn_deadline`: the invocation's own, when Lambda
    gives one), Alexa's APIs within their allowance, which ends early enough for the turn's
    write to start."""

    storage: TurnStorage
    zone: PersonZone
    alexa_budget: TurnBudget

    @classmethod
    def start(cls, request: TurnRequest, services: TurnServices) -> TurnClock:
        deadline = turn_deadline(request.time_left)
        budget = TurnBudget(deadline)
        alexa_budget = budget.within(alexa_api_allowance(services, deadline))
        storage = TurnStorage(
            services.store, request.user_id, budget, services.runner, services.outbox
        )
        return cls(storage, PersonZone(request, services.api, alexa_budget), alexa_budget)
