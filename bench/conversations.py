"""The turns the benchmark plays: our routine and summary, and the reference's counting turns.

Envelopes are built (and session attributes carried) outside the timed part; only the call to
the handler is timed, as Lambda would time the invocation. Requests carry no apiAccessToken,
as Alexa sends when progressive responses cannot be used: neither skill calls Alexa's APIs.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterator
from typing import Any, Final

from backstretch.routine.content import load_routine
from backstretch_local.envelopes import LOCAL_SKILL_ID, AlexaConversation, speech_of

Handler = Callable[[dict[str, Any], Any], dict[str, Any]]
Round = list[tuple[str, float, dict[str, Any]]]  # (turn, ms, response) for each turn

# Our turns, and the reference's turns compared with each (same position in a round).
OUR_TURNS: Final = ("launch", "next 1", "next 2", "next 3 (finish)", "summary")
REFERENCE_TURNS: Final = ("launch", "next 1", "next 2", "next 3", "next 4")
ALIGNED: Final = dict(zip(OUR_TURNS, REFERENCE_TURNS, strict=True))


class UnexpectedAnswer(AssertionError):
    """A turn answered something else than the conversation expects (an error path)."""


def new_user(tag: str) -> str:
    return f"amzn1.ask.account.BENCH-{tag}-{uuid.uuid4().hex}"


def conversation(user_id: str) -> AlexaConversation:
    """A new session of this person's, with no API token."""
    return AlexaConversation(user_id=user_id, skill_id=LOCAL_SKILL_ID)


def timed(handler: Handler, envelope: dict[str, Any]) -> tuple[dict[str, Any], float]:
    """The handler's answer, and how long it took in milliseconds."""
    started = time.perf_counter_ns()
    response = handler(envelope, None)
    return response, (time.perf_counter_ns() - started) / 1e6


def _play(handler: Handler, alexa: AlexaConversation, turns: tuple[str, ...]) -> Round:
    """A launch, then "next" for each further turn, carrying the session along."""
    played: Round = []
    for turn in turns:
        envelope = alexa.launch() if turn == "launch" else alexa.intent("AMAZON.NextIntent")
        response, ms = timed(handler, envelope)
        played.append((turn, ms, alexa.carry(response)))
    return played


def our_round(handler: Handler, user_id: str) -> Round:
    """A whole routine (launch and three "next"), then the weekly summary in a new session."""
    played = _play(handler, conversation(user_id), OUR_TURNS[:-1])
    response, ms = timed(handler, conversation(user_id).intent("WeeklySummaryIntent"))
    played.append((OUR_TURNS[-1], ms, response))
    lines = load_routine("en-US").lines
    for turn, _, answer in played:
        if not speech_of(answer) or lines.error in speech_of(answer):
            raise UnexpectedAnswer(f"ours {turn}: {answer!r}")
    # The session may stay open after it (a routine not yet saved, the reminder offer).
    if lines.finished not in speech_of(played[3][2]):
        raise UnexpectedAnswer("ours: the routine did not finish on the third next")
    return played


def reference_round(handler: Handler, user_id: str) -> Round:
    """Launch and four "next" (each reads, changes and saves the attributes blob)."""
    played = _play(handler, conversation(user_id), REFERENCE_TURNS)
    for turn, _, answer in played[1:]:
        if "stretches so far" not in speech_of(answer):
            raise UnexpectedAnswer(f"reference {turn}: {speech_of(answer)!r}")
    return played


def progress_not_saved(response: dict[str, Any]) -> bool:
    """Whether the turn told the person their progress could not be saved (a failed write)."""
    lines, heard = load_routine("en-US").lines, speech_of(response)
    return lines.progress_save_pending in heard or lines.progress_save_unsure in heard


def rotations(count: int, players: list[str]) -> Iterator[list[str]]:
    """The players' order for each round, rotated so none always goes first.

    >>> list(rotations(3, ["a", "b"]))
    [['a', 'b'], ['b', 'a'], ['a', 'b']]
    """
    for index in range(count):
        shift = index % len(players)
        yield players[shift:] + players[:shift]
