"""DynamoDB calls per turn, counted with botocore's ``before-call`` hook, and summary cost
against the length of a person's history."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any, Final, cast

from backstretch.progress.dynamodb import routine_item, user_key
from backstretch.progress.model import Profile, RoutineRecord
from backstretch.progress.store import ProgressStore
from backstretch_local.dynamodb import CallCounter
from backstretch_local.envelopes import AlexaConversation
from bench.conversations import Handler, conversation, new_user, timed
from bench.stats import Distribution

if TYPE_CHECKING:
    from mypy_boto3_dynamodb import DynamoDBClient
    from mypy_boto3_dynamodb.type_defs import WriteRequestTypeDef

_BATCH: Final = 25


@dataclass(frozen=True)
class Step:
    """One turn of a scripted conversation: a label, and how to build its envelope."""

    label: str
    build: Callable[[AlexaConversation], dict[str, Any]]
    new_session: bool = False


def _intent(name: str, **slots: str) -> Callable[[AlexaConversation], dict[str, Any]]:
    return lambda alexa: alexa.intent(name, **slots)


def _launch(alexa: AlexaConversation) -> dict[str, Any]:
    return alexa.launch()


def _session_ended(alexa: AlexaConversation) -> dict[str, Any]:
    return alexa.session_ended()


# Every kind of turn of ours, in an order that reaches each one.
OUR_STEPS: Final = (
    Step("launch (new person)", _launch, new_session=True),
    Step("next (mid-routine)", _intent("AMAZON.NextIntent")),
    Step("repeat", _intent("AMAZON.RepeatIntent")),
    Step("why", _intent("WhyIntent")),
    Step("set hold length", _intent("SetHoldIntent", seconds="25")),
    Step("next (to the last side)", _intent("AMAZON.NextIntent")),
    Step("next (finish)", _intent("AMAZON.NextIntent")),
    Step("weekly summary", _intent("WeeklySummaryIntent"), new_session=True),
    Step("launch (returning)", _launch, new_session=True),
    Step("next", _intent("AMAZON.NextIntent")),
    Step("stop mid-routine", _intent("AMAZON.StopIntent")),
    Step("launch (resume offered)", _launch, new_session=True),
    Step("yes (resume)", _intent("AMAZON.YesIntent")),
    Step("session ended mid-routine", _session_ended),
)
REFERENCE_STEPS: Final = (
    Step("launch", _launch, new_session=True),
    Step("next (count)", _intent("AMAZON.NextIntent")),
)


def count_turns(
    handler: Handler, counter: CallCounter, steps: tuple[Step, ...]
) -> dict[str, dict[str, Any]]:
    """Play the steps for a new person; the calls each turn made."""
    user_id = new_user("calls")
    alexa = conversation(user_id)
    costs: dict[str, dict[str, Any]] = {}
    for step in steps:
        if step.new_session:
            alexa = conversation(user_id)
        envelope = step.build(alexa)
        counter.clear()
        response, _ = timed(handler, envelope)
        alexa.carry(response)
        costs[step.label] = counter.snapshot()
    return costs


def seed_history(
    client: DynamoDBClient,
    store: ProgressStore,
    table: str,
    user_id: str,
    sessions: int,
    now: datetime,
) -> None:
    """``sessions`` finished routines, one a day going back from an hour ago, and a profile.

    Routines are written as the store encodes them, in batches (seeding is not measured).
    Older than 400 days they are past their TTL, but still stored: DynamoDB removes expired
    items only eventually, and moto and dynalite never do, so they still sit in the partition.
    """
    pk = user_key(user_id)
    started = now - timedelta(hours=1)
    items = [
        routine_item(
            pk,
            RoutineRecord(
                routine_id=f"seed{index:06d}",
                started_at=started - timedelta(days=index),
                sides_completed=4,
                seconds_held=120,
                completed=True,
            ),
        )
        for index in range(sessions)
    ]
    for first in range(0, len(items), _BATCH):
        requests: dict[str, list[WriteRequestTypeDef]] = {
            table: [{"PutRequest": {"Item": item}} for item in items[first : first + _BATCH]]
        }
        while requests:
            answer = client.batch_write_item(RequestItems=requests)
            requests = cast("dict[str, list[WriteRequestTypeDef]]", answer["UnprocessedItems"])
    store.save_profile(
        user_id,
        Profile(
            time_zone="America/Chicago",
            last_stretch_day=started.astimezone(UTC).date(),
            streak_days=min(sessions, 30),
            routines_completed=sessions,
        ),
    )


def summary_against_history(
    handler: Handler,
    counter: CallCounter,
    client: DynamoDBClient,
    store: ProgressStore,
    table: str,
    sizes: tuple[int, ...],
    repetitions: int,
) -> list[dict[str, Any]]:
    """For each history length: the summary turn's calls, items read and latency."""
    rows: list[dict[str, Any]] = []
    now = datetime.now(UTC)
    for size in sizes:
        user_id = new_user(f"history{size}")
        seed_history(client, store, table, user_id, size, now)
        latencies: list[float] = []
        snapshots: list[dict[str, Any]] = []
        for _ in range(repetitions):
            envelope = conversation(user_id).intent("WeeklySummaryIntent")
            counter.clear()
            _, ms = timed(handler, envelope)
            latencies.append(ms)
            snapshots.append(counter.snapshot())
        rows.append(
            {
                "sessions": size,
                **snapshots[-1],
                "same_calls_every_time": all(s == snapshots[0] for s in snapshots),
                "latency_ms": Distribution.of(latencies).as_dict(),
            }
        )
    return rows
