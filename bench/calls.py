"""DynamoDB calls per turn, counted with botocore's ``before-call`` hook, and the summary's
cost against the length of a person's history."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any, Final, cast

from backstretch.progress.dynamodb import routine_item, user_key
from backstretch.progress.model import Profile, RoutineRecord
from backstretch.progress.store import ProgressStore
from backstretch_local.dynamodb import CallCounter
from backstretch_local.envelopes import AlexaConversation
from bench.conversations import Handler, conversation, new_user, timed
from bench.stats import distribution, ratio

if TYPE_CHECKING:
    from mypy_boto3_dynamodb import DynamoDBClient
    from mypy_boto3_dynamodb.type_defs import WriteRequestTypeDef

# Every kind of turn of ours, in an order that reaches each one: (label, what is said, whether
# it opens a new session). What is said: "launch", "end" (the session ends), or an intent with
# its slots ("SetHoldIntent seconds=25").
OUR_STEPS: Final = (
    ("launch (new person)", "launch", True),
    ("next (mid-routine)", "AMAZON.NextIntent", False),
    ("repeat", "AMAZON.RepeatIntent", False),
    ("why", "WhyIntent", False),
    ("set hold length", "SetHoldIntent seconds=25", False),
    ("next (to the last side)", "AMAZON.NextIntent", False),
    ("next (the last hold)", "AMAZON.NextIntent", False),
    ("no to the week (finish)", "AMAZON.NoIntent", False),
    ("weekly summary", "WeeklySummaryIntent", True),
    ("launch (returning)", "launch", True),
    ("next", "AMAZON.NextIntent", False),
    ("stop mid-routine", "AMAZON.StopIntent", False),
    ("launch (resume offered)", "launch", True),
    ("yes (resume)", "AMAZON.YesIntent", False),
    ("session ended mid-routine", "end", False),
)
REFERENCE_STEPS: Final = (("launch", "launch", True), ("next (count)", "AMAZON.NextIntent", False))


def _envelope(alexa: AlexaConversation, said: str) -> dict[str, Any]:
    if said == "launch":
        return alexa.launch()
    if said == "end":
        return alexa.session_ended()
    name, *slots = said.split()
    return alexa.intent(name, **dict(slot.split("=", 1) for slot in slots))


def count_turns(
    handler: Handler, counter: CallCounter, steps: tuple[tuple[str, str, bool], ...]
) -> dict[str, dict[str, Any]]:
    """Play the steps for a new person; the calls each turn made."""
    user_id = new_user("calls")
    alexa = conversation(user_id)
    costs: dict[str, dict[str, Any]] = {}
    for label, said, new_session in steps:
        alexa = conversation(user_id) if new_session else alexa
        envelope = _envelope(alexa, said)
        counter.clear()
        alexa.carry(timed(handler, envelope)[0])
        costs[label] = counter.snapshot()
    return costs


def seed_history(
    client: DynamoDBClient, store: ProgressStore, table: str, user_id: str, sessions: int
) -> None:
    """``sessions`` finished routines, one a day going back from an hour ago, and a profile.

    Routines are written as the store encodes them, in batches (seeding is not measured).
    Older than 400 days they are past their TTL, but still stored: DynamoDB removes expired
    items only eventually, and moto and dynalite never do, so they still sit in the partition.
    """
    started = datetime.now(UTC) - timedelta(hours=1)
    items = [
        routine_item(
            user_key(user_id),
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
    for first in range(0, len(items), 25):
        requests = {table: [{"PutRequest": {"Item": item}} for item in items[first : first + 25]]}
        while requests:
            answer = client.batch_write_item(
                RequestItems=cast("dict[str, list[WriteRequestTypeDef]]", requests)
            )
            requests = cast("dict[str, Any]", answer["UnprocessedItems"])
    profile = Profile(
        time_zone="America/Chicago",
        last_stretch_day=started.date(),
        streak_days=min(sessions, 30),
        routines_completed=sessions,
    )
    store.save_profile(user_id, profile)


def summary_against_history(
    handler: Handler,
    counter: CallCounter,
    seed: Any,
    sizes: list[int],
    repetitions: int,
) -> dict[str, Any]:
    """For each history length: the summary turn's calls, items read and latency; and whether
    its cost stays the same as history grows (``seed(user_id, sessions)`` writes a history)."""
    rows: list[dict[str, Any]] = []
    for size in sizes:
        user_id = new_user(f"history{size}")
        seed(user_id, size)
        latencies: list[float] = []
        snapshots: list[dict[str, Any]] = []
        for _ in range(repetitions):
            envelope = conversation(user_id).intent("WeeklySummaryIntent")
            counter.clear()
            latencies.append(timed(handler, envelope)[1])
            snapshots.append(counter.snapshot())
        rows.append(
            {"sessions": size, **snapshots[-1]}
            | {"same_calls_every_time": all(s == snapshots[0] for s in snapshots)}
            | {"latency_ms": distribution(latencies)}
        )
    calls_same = all(row["calls"] == rows[0]["calls"] for row in rows)
    largest, previous = rows[-1], rows[-2] if len(rows) > 1 else rows[-1]
    flatness = {
        "calls_identical": calls_same,
        "items_read_largest_vs_previous": [largest["items_read"], previous["items_read"]],
        "latency_p50_ratio_largest_vs_previous": ratio(
            largest["latency_ms"]["p50"], previous["latency_ms"]["p50"]
        ),
        "flat": calls_same and largest["items_read"] <= previous["items_read"],
    }
    return {"rows": rows, "flatness": flatness}
