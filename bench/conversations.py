"""The turns the benchmark plays: our routine and summary, and the reference's counting turns.

Envelopes are built (and session attributes carried) outside the timed part; only the call to
the handler is timed, as Lambda would time the invocation.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Final

from backstretch.routine.content import load_routine
from backstretch_local.envelopes import LOCAL_SKILL_ID as SKILL_ID
from backstretch_local.envelopes import AlexaConversation, speech_of

Handler = Callable[[dict[str, Any], Any], dict[str, Any]]

# Our turns, and the reference's turns compared with each (same position in a round).
OUR_TURNS: Final = ("launch", "next 1", "next 2", "next 3 (finish)", "summary")
REFERENCE_TURNS: Final = ("launch", "next 1", "next 2", "next 3", "next 4")
ALIGNED: Final = dict(zip(OUR_TURNS, REFERENCE_TURNS, strict=True))
API_TOKEN: Final = "bench-api-token"  # noqa: S105 - what the local fake accepts


@dataclass(frozen=True)
class TurnResult:
    label: str
    ms: float
    response: dict[str, Any]


class UnexpectedAnswer(AssertionError):
    """A turn answered something else than the conversation expects (an error path)."""


def new_user(tag: str) -> str:
    return f"amzn1.ask.account.BENCH-{tag}-{uuid.uuid4().hex}"


def timed(handler: Handler, envelope: dict[str, Any]) -> tuple[dict[str, Any], float]:
    """The handler's answer, and how long it took in milliseconds."""
    started = time.perf_counter_ns()
    response = handler(envelope, None)
    return response, (time.perf_counter_ns() - started) / 1e6


def conversation(user_id: str, api_endpoint: str | None = None) -> AlexaConversation:
    """A new session. With no API endpoint the request carries no apiAccessToken, as Alexa
    sends when progressive responses cannot be used: the skill then makes no API calls."""
    return AlexaConversation(
        api_endpoint=api_endpoint,
        api_access_token=API_TOKEN if api_endpoint else None,
        user_id=user_id,
        skill_id=SKILL_ID,
    )


def our_round(handler: Handler, user_id: str, api_endpoint: str | None = None) -> list[TurnResult]:
    """A whole routine (launch and three "next"), then the weekly summary in a new session."""
    results: list[TurnResult] = []
    alexa = conversation(user_id, api_endpoint)
    for label in OUR_TURNS[:-1]:
        envelope = alexa.launch() if label == "launch" else alexa.intent("AMAZON.NextIntent")
        response, ms = timed(handler, envelope)
        results.append(TurnResult(label, ms, alexa.carry(response)))
    summary = conversation(user_id, api_endpoint).intent("WeeklySummaryIntent")
    response, ms = timed(handler, summary)
    results.append(TurnResult(OUR_TURNS[-1], ms, response))
    _expect_our_round(results)
    return results


def progress_not_saved(result: TurnResult) -> bool:
    """Whether the turn told the person their progress could not be saved (a failed write)."""
    lines, heard = load_routine("en-US").lines, speech_of(result.response)
    return lines.progress_save_pending in heard or lines.progress_save_unsure in heard


def reference_round(handler: Handler, user_id: str) -> list[TurnResult]:
    """Launch and four "next" (each reads, changes and saves the attributes blob)."""
    results: list[TurnResult] = []
    alexa = conversation(user_id)
    for label in REFERENCE_TURNS:
        envelope = alexa.launch() if label == "launch" else alexa.intent("AMAZON.NextIntent")
        response, ms = timed(handler, envelope)
        results.append(TurnResult(label, ms, alexa.carry(response)))
    for result in results[1:]:
        if "stretches so far" not in speech_of(result.response):
            raise UnexpectedAnswer(f"reference {result.label}: {speech_of(result.response)!r}")
    return results


def _expect_our_round(results: list[TurnResult]) -> None:
    lines = load_routine("en-US").lines
    for result in results:
        speech = speech_of(result.response)
        if not speech or lines.error in speech:
            raise UnexpectedAnswer(f"ours {result.label}: {result.response!r}")
    # The session may stay open after it (a routine not yet saved, the reminder offer).
    if lines.finished not in speech_of(results[3].response):
        raise UnexpectedAnswer("ours: the routine did not finish on the third next")


def rotations(count: int, players: list[str]) -> Iterator[list[str]]:
    """The players' order for each round, rotated so none always goes first.

    >>> list(rotations(3, ["a", "b"]))
    [['a', 'b'], ['b', 'a'], ['a', 'b']]
    """
    for index in range(count):
        shift = index % len(players)
        yield players[shift:] + players[:shift]
