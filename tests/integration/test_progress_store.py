"""The progress store's promises, kept by the DynamoDB store (against moto, on a table built
from infra/template.yaml) and by the in-memory store that fast tests of turns use."""

from __future__ import annotations

import json
import logging
from collections import Counter
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from botocore.awsrequest import AWSResponse
from botocore.exceptions import ClientError, ReadTimeoutError

from backstretch.progress.dynamodb import (
    PROFILE_SK,
    DynamoProgressStore,
    progress_client,
    routine_item,
    user_key,
)
from backstretch.progress.errors import ProfileConflict, ProgressUnavailable
from backstretch.progress.memory import InMemoryProgressStore
from backstretch.progress.model import Profile, ResumePoint, RoutineRecord, StretchReminder
from backstretch.progress.store import ProgressStore, retry_on_conflict
from backstretch.progress.summary import apply_completed_routine, summary_window
from tests.support.dynamodb import TABLE_NAME, throttled_response

ALICE = "amzn1.ask.account.ALICE-RAW-ID-0001"
BOB = "amzn1.ask.account.BOB-RAW-ID-0002"
TZ = ZoneInfo("Europe/London")
NOW = datetime(2026, 6, 17, 18, 0, tzinfo=UTC)  # a Wednesday


@pytest.fixture(params=["dynamodb", "memory"])
def any_store(request: pytest.FixtureRequest) -> ProgressStore:
    """Each store in turn: the promises of ``ProgressStore`` hold for both."""
    if request.param == "memory":
        return InMemoryProgressStore()
    store: ProgressStore = request.getfixturevalue("progress_store")
    return store


def record(
    started_at: datetime,
    *,
    routine_id: str | None = None,
    completed: bool = True,
    sides: int = 4,
    seconds: int = 100,
) -> RoutineRecord:
    return RoutineRecord(
        routine_id=routine_id or f"session-{started_at:%Y%m%d%H%M%S}",
        started_at=started_at,
        sides_completed=sides,
        seconds_held=seconds,
        completed=completed,
    )


def finish(store: ProgressStore, user_id: str, routine: RoutineRecord) -> Profile:
    """What the skill does at the end of a routine: load, update, write together."""
    profile = store.load_profile(user_id)
    return store.finish_routine(
        user_id, routine, apply_completed_routine(profile, routine.started_at, TZ)
    )


def stored_items(client: Any) -> list[dict[str, Any]]:
    # A Scan is fine here: it is the test looking at the whole table, not the store.
    return client.scan(TableName=TABLE_NAME, ConsistentRead=True)["Items"]


def items_of(client: Any, user_id: str) -> list[dict[str, Any]]:
    return [item for item in stored_items(client) if item["pk"]["S"] == user_key(user_id)]


def data_of(client: Any, user_id: str) -> list[dict[str, Any]]:
    """Their items but the mark that they were deleted (which holds nothing of theirs)."""
    return [item for item in items_of(client, user_id) if item["sk"]["S"] != "~~DELETED"]


# --- profile ------------------------------------------------------------------------------


def test_someone_new_has_an_empty_profile(any_store: ProgressStore) -> None:
    assert any_store.load_profile(ALICE) == Profile()


def test_profile_round_trip(any_store: ProgressStore) -> None:
    profile = Profile(
        hold_seconds=25,
        time_zone="Pacific/Auckland",
        resume=ResumePoint(1, 1, datetime(2026, 6, 17, 7, 30, 15, 250000, tzinfo=UTC)),
        last_stretch_day=date(2026, 6, 16),
        streak_days=4,
        routines_completed=12,
        reminder=StretchReminder("alert-token-1", "MO,TU,WE,TH,FR@15:00"),
        reminder_offered=True,
        warned_at=datetime(2026, 6, 17, 7, 31, 2, tzinfo=UTC),
    )

    saved = any_store.save_profile(ALICE, profile)

    assert saved == replace(profile, version=1)
    assert any_store.load_profile(ALICE) == saved
    cleared = any_store.save_profile(
        ALICE, replace(saved, resume=None, hold_seconds=None, reminder=None)
    )
    assert any_store.load_profile(ALICE) == replace(
        profile, resume=None, hold_seconds=None, reminder=None, version=2
    )
    assert cleared.version == 2


def test_load_profile_is_one_consistent_get(
    progress_store: DynamoProgressStore, dynamodb_calls: Counter[str], dynamodb_client: Any
) -> None:
    requests: list[dict[str, Any]] = []
    dynamodb_client.meta.events.register(
        "provide-client-params.dynamodb.GetItem", lambda params, **_: requests.append(params)
    )
    dynamodb_calls.clear()

    progress_store.load_profile(ALICE)

    assert dynamodb_calls == Counter({"GetItem": 1})
    assert requests[0]["ConsistentRead"] is True


def test_saving_a_stale_version_raises_profile_conflict(
    any_store: ProgressStore,
) -> None:
    first = any_store.save_profile(ALICE, Profile(hold_seconds=20))

    with pytest.raises(ProfileConflict):
        any_store.save_profile(ALICE, Profile(hold_seconds=30))  # version 0: "new"
    with pytest.raises(ProfileConflict):
        any_store.save_profile(ALICE, replace(first, version=7))  # not what is stored

    assert any_store.load_profile(ALICE) == first
    assert any_store.save_profile(ALICE, replace(first, hold_seconds=30)).version == 2


def test_profile_conflict_is_a_kind_of_progress_unavailable() -> None:
    assert issubclass(ProfileConflict, ProgressUnavailable)


def test_two_writers_one_wins_and_reload_and_retry_keeps_both_effects(
    any_store: ProgressStore,
) -> None:
    any_store.save_profile(ALICE, Profile(streak_days=2))
    kitchen = any_store.load_profile(ALICE)
    bedroom = any_store.load_profile(ALICE)

    any_store.save_profile(ALICE, replace(kitchen, hold_seconds=30))
    with pytest.raises(ProfileConflict):
        any_store.save_profile(ALICE, replace(bedroom, time_zone="Europe/Berlin"))
    reloaded = any_store.load_profile(ALICE)
    any_store.save_profile(ALICE, replace(reloaded, time_zone="Europe/Berlin"))

    assert any_store.load_profile(ALICE) == Profile(
        hold_seconds=30, time_zone="Europe/Berlin", streak_days=2, version=3
    )


def test_two_routines_finished_at_once_are_both_counted_after_a_retry(
    progress_store: DynamoProgressStore, dynamodb_client: Any
) -> None:
    kitchen_routine = record(NOW - timedelta(minutes=30), routine_id="kitchen")
    bedroom_routine = record(NOW - timedelta(minutes=20), routine_id="bedroom")
    kitchen = progress_store.load_profile(ALICE)
    bedroom = progress_store.load_profile(ALICE)

    progress_store.finish_routine(ALICE, kitchen_routine, apply_completed_routine(kitchen, NOW, TZ))
    with pytest.raises(ProfileConflict):
        progress_store.finish_routine(
            ALICE, bedroom_routine, apply_completed_routine(bedroom, NOW, TZ)
        )
    # The losing transaction wrote nothing, not even its routine.
    assert len(items_of(dynamodb_client, ALICE)) == 2

    final = retry_on_conflict(
        lambda: progress_store.load_profile(ALICE),
        bedroom,
        lambda profile: progress_store.finish_routine(
            ALICE, bedroom_routine, apply_completed_routine(profile, NOW, TZ)
        ),
    )

    assert final.routines_completed == 2
    assert progress_store.load_profile(ALICE) == final
    assert len(items_of(dynamodb_client, ALICE)) == 3


def test_retry_on_conflict_gives_up_after_losing_twice(
    any_store: ProgressStore,
) -> None:
    attempts: list[int] = []

    def always_stale(profile: Profile) -> Profile:
        attempts.append(profile.version)
        any_store.save_profile(ALICE, replace(profile, streak_days=len(attempts)))
        return any_store.save_profile(ALICE, profile)  # loses to the save just above

    with pytest.raises(ProfileConflict):
        retry_on_conflict(lambda: any_store.load_profile(ALICE), Profile(), always_stale)
    assert attempts == [0, 1]


def test_retry_on_conflict_does_not_retry_when_told_there_is_no_time(
    any_store: ProgressStore,
) -> None:
    attempts: list[int] = []

    def stale(profile: Profile) -> Profile:
        attempts.append(profile.version)
        any_store.save_profile(ALICE, replace(profile, streak_days=len(attempts)))
        return any_store.save_profile(ALICE, profile)

    with pytest.raises(ProfileConflict):
        retry_on_conflict(
            lambda: any_store.load_profile(ALICE), Profile(), stale, may_retry=lambda: False
        )
    assert attempts == [0]


# --- routines -----------------------------------------------------------------------------


def test_finish_routine_replayed_is_recorded_once(
    progress_store: DynamoProgressStore, dynamodb_client: Any
) -> None:
    routine = record(NOW - timedelta(minutes=10))
    before = progress_store.load_profile(ALICE)
    updated = apply_completed_routine(before, NOW, TZ)

    first = progress_store.finish_routine(ALICE, routine, updated)
    replayed = progress_store.finish_routine(ALICE, routine, updated)  # the same request again

    assert first.routines_completed == 1
    assert first.version == 1
    assert replayed == first
    assert progress_store.load_profile(ALICE) == first
    assert len([i for i in items_of(dynamodb_client, ALICE) if i["sk"]["S"] != PROFILE_SK]) == 1


def test_finish_routine_replayed_after_a_reload_changes_nothing(
    any_store: ProgressStore,
) -> None:
    routine = record(NOW - timedelta(minutes=10))
    first = finish(any_store, ALICE, routine)

    # A retry that reloaded the (already updated) profile and applied the routine again.
    replayed = finish(any_store, ALICE, routine)

    assert replayed == first
    assert any_store.load_profile(ALICE) == first
    assert first.routines_completed == 1


def test_partial_routine_is_one_record_per_routine_id(
    any_store: ProgressStore,
) -> None:
    started = NOW - timedelta(minutes=10)
    profile = any_store.load_profile(ALICE)
    stop = ResumePoint(1, 0, NOW - timedelta(minutes=5))

    profile = any_store.save_partial_routine(
        ALICE, record(started, completed=False, sides=2, seconds=50), replace(profile, resume=stop)
    )
    profile = any_store.save_partial_routine(
        ALICE, record(started, completed=False, sides=3, seconds=75), profile
    )
    assert any_store.load_profile(ALICE).resume == stop
    finished = any_store.finish_routine(
        ALICE, record(started, sides=4, seconds=100), apply_completed_routine(profile, NOW, TZ)
    )

    routines = any_store.load_progress(ALICE, *summary_window(NOW, TZ), now=NOW).routines
    assert routines == (record(started, sides=4, seconds=100),)
    assert finished.resume is None
    assert finished.routines_completed == 1
    assert finished.version == 3


def test_a_late_stop_does_not_undo_a_finished_routine(
    any_store: ProgressStore,
) -> None:
    started = NOW - timedelta(minutes=10)
    finished = finish(any_store, ALICE, record(started))

    after = any_store.save_partial_routine(
        ALICE, record(started, completed=False, sides=1, seconds=20), finished
    )

    assert after == finished
    assert any_store.load_progress(ALICE, *summary_window(NOW, TZ), now=NOW).routines == (
        record(started),
    )


def test_load_progress_is_one_query_and_leaves_out_expired_routines(
    progress_store: DynamoProgressStore, dynamodb_calls: Counter[str]
) -> None:
    long_ago = record(NOW - timedelta(days=401), routine_id="expired")
    yesterday = record(NOW - timedelta(days=1), routine_id="yesterday")
    for routine in (long_ago, yesterday):
        finish(progress_store, ALICE, routine)
    dynamodb_calls.clear()

    found = progress_store.load_progress(
        ALICE, NOW - timedelta(days=500), NOW + timedelta(days=1), now=NOW
    )

    assert found.routines == (yesterday,)
    assert dynamodb_calls == Counter({"Query": 1})
    assert found.profile == progress_store.load_profile(ALICE)
    assert dynamodb_calls["Scan"] == 0


def test_load_progress_includes_the_start_and_excludes_the_end(
    any_store: ProgressStore,
) -> None:
    start, end = summary_window(NOW, TZ)
    at_start = record(start, routine_id="at-start")
    just_before_end = record(end - timedelta(seconds=1), routine_id="before-end")
    at_end = record(end, routine_id="at-end")
    for routine in (at_end, at_start, just_before_end):
        finish(any_store, ALICE, routine)

    found = any_store.load_progress(ALICE, start, end, now=NOW)

    assert found.routines == (at_start, just_before_end)


def test_routines_of_one_person_are_not_anothers(any_store: ProgressStore) -> None:
    finish(any_store, BOB, record(NOW - timedelta(hours=1)))

    assert any_store.load_progress(ALICE, *summary_window(NOW, TZ), now=NOW).routines == ()


@pytest.mark.parametrize("older_routines", [1, 500])
def test_summary_cost_stays_flat_however_long_the_history(
    progress_store: DynamoProgressStore,
    dynamodb_client: Any,
    dynamodb_calls: Counter[str],
    older_routines: int,
) -> None:
    start, end = summary_window(NOW, TZ)
    older = [
        routine_item(
            user_key(ALICE), record(start - timedelta(hours=6 + 12 * n), routine_id=f"old-{n}")
        )
        for n in range(older_routines)
    ]
    # Written in bulk, as the store would have written them one routine at a time.
    for first in range(0, len(older), 25):
        batch = [{"PutRequest": {"Item": item}} for item in older[first : first + 25]]
        dynamodb_client.batch_write_item(RequestItems={TABLE_NAME: batch})
    profile = progress_store.load_profile(ALICE)
    recent = [
        record(start + timedelta(days=day, hours=8), routine_id=f"recent-{day}")
        for day in (0, 6, 9)
    ]
    for routine in recent:
        profile = progress_store.finish_routine(
            ALICE, routine, apply_completed_routine(profile, routine.started_at, TZ)
        )
    scanned: list[int] = []
    dynamodb_client.meta.events.register(
        "after-call.dynamodb.Query", lambda parsed, **_: scanned.append(parsed["ScannedCount"])
    )
    dynamodb_calls.clear()

    found = progress_store.load_progress(ALICE, start, end, now=NOW)

    assert found.routines == tuple(recent)
    assert found.profile.routines_completed == 3
    assert dynamodb_calls == Counter({"Query": 1})
    # the older history is never read, not just filtered out: the window and the profile
    assert scanned == [len(recent) + 1]


def test_load_progress_follows_pages_when_dynamodb_sends_them(
    progress_store: DynamoProgressStore, dynamodb_client: Any, dynamodb_calls: Counter[str]
) -> None:
    start, end = summary_window(NOW, TZ)
    routines = [record(start + timedelta(days=day), routine_id=f"r-{day}") for day in range(5)]
    for routine in routines:
        finish(progress_store, ALICE, routine)

    def small_pages(params: dict[str, Any], **_: Any) -> None:
        params["Limit"] = 2  # as if each page hit DynamoDB's 1 MB limit

    dynamodb_client.meta.events.register("provide-client-params.dynamodb.Query", small_pages)
    dynamodb_calls.clear()

    assert progress_store.load_progress(ALICE, start, end, now=NOW).routines == tuple(routines)
    assert dynamodb_calls["Query"] == 3
    dynamodb_calls.clear()
    assert progress_store.delete_user(ALICE) == 6
    assert dynamodb_calls["Query"] >= 3
    assert data_of(dynamodb_client, ALICE) == []


def test_routine_items_expire_400_days_after_they_started(
    progress_store: DynamoProgressStore, dynamodb_client: Any
) -> None:
    started = datetime(2026, 6, 17, 7, 0, tzinfo=UTC)
    finish(progress_store, ALICE, record(started, routine_id="session-1"))

    (routine_item,) = [i for i in items_of(dynamodb_client, ALICE) if i["sk"]["S"] != PROFILE_SK]

    assert routine_item["sk"]["S"] == "ROUTINE#2026-06-17T07:00:00Z#session-1"
    assert int(routine_item["expires_at"]["N"]) == int((started + timedelta(days=400)).timestamp())


def test_routines_older_than_their_retention_are_left_out(any_store: ProgressStore) -> None:
    long_ago = record(NOW - timedelta(days=401), routine_id="expired")
    last_month = record(NOW - timedelta(days=30), routine_id="last-month")
    for routine in (long_ago, last_month):
        finish(any_store, ALICE, routine)

    found = any_store.load_progress(ALICE, NOW - timedelta(days=500), NOW, now=NOW)

    assert found.routines == (last_month,)


def test_a_person_deleted_is_known_as_deleted_and_nobody_else(any_store: ProgressStore) -> None:
    finish(any_store, ALICE, record(NOW - timedelta(hours=2), routine_id="a"))
    assert not any_store.was_deleted(ALICE)

    any_store.delete_user(ALICE)

    assert any_store.was_deleted(ALICE)
    assert not any_store.was_deleted(BOB)
    assert any_store.load_profile(ALICE) == Profile()


def test_the_memory_store_forgets_a_person_like_dynamodb_does() -> None:
    store = InMemoryProgressStore()
    finish(store, ALICE, record(NOW - timedelta(hours=2), routine_id="a"))
    finish(store, BOB, record(NOW - timedelta(hours=1), routine_id="b"))

    assert store.delete_user(ALICE) == 2  # the profile and the routine
    assert store.delete_user(ALICE) == 0
    assert store.load_profile(ALICE) == Profile()
    assert store.load_profile(BOB).routines_completed == 1


# --- forgetting a person ------------------------------------------------------------------


def test_delete_user_removes_all_of_theirs_and_none_of_anyone_elses(
    progress_store: DynamoProgressStore, dynamodb_client: Any, dynamodb_calls: Counter[str]
) -> None:
    profile = progress_store.load_profile(ALICE)
    for hour in range(30):  # more than one BatchWriteItem's worth
        routine = record(NOW - timedelta(hours=hour), routine_id=f"a-{hour}")
        profile = progress_store.save_partial_routine(ALICE, routine, profile)
    finish(progress_store, BOB, record(NOW - timedelta(hours=1)))
    bobs_items = items_of(dynamodb_client, BOB)
    dynamodb_calls.clear()

    deleted = progress_store.delete_user(ALICE)

    assert deleted == 31
    # Keys only, no Scan; and one PutItem: the mark that they were deleted.
    assert dynamodb_calls == Counter({"Query": 1, "BatchWriteItem": 2, "PutItem": 1})
    [mark] = items_of(dynamodb_client, ALICE)
    assert set(mark) == {"pk", "sk", "deleted_at", "expires_at"}, "nothing of theirs is kept"
    assert items_of(dynamodb_client, BOB) == bobs_items
    assert progress_store.delete_user(ALICE) == 0  # idempotent
    assert progress_store.load_profile(ALICE) == Profile()


def test_delete_user_retries_unprocessed_items(
    progress_store: DynamoProgressStore, dynamodb_client: Any, dynamodb_calls: Counter[str]
) -> None:
    finish(progress_store, ALICE, record(NOW - timedelta(hours=1)))
    throttled_once: list[bool] = []

    def report_one_unprocessed(parsed: dict[str, Any], model: Any, **_: Any) -> None:
        if not throttled_once:
            throttled_once.append(True)
            # moto deleted it; saying it did not makes the store send it again.
            parsed["UnprocessedItems"] = {
                TABLE_NAME: [
                    {
                        "DeleteRequest": {
                            "Key": {"pk": {"S": user_key(ALICE)}, "sk": {"S": PROFILE_SK}}
                        }
                    }
                ]
            }

    dynamodb_client.meta.events.register(
        "after-call.dynamodb.BatchWriteItem", report_one_unprocessed
    )
    dynamodb_calls.clear()

    assert progress_store.delete_user(ALICE) == 2
    assert dynamodb_calls["BatchWriteItem"] == 2
    assert data_of(dynamodb_client, ALICE) == []


def test_delete_user_gives_up_when_items_stay_unprocessed(
    progress_store: DynamoProgressStore,
    dynamodb_client: Any,
    dynamodb_calls: Counter[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("backstretch.progress.dynamodb.time.sleep", lambda _seconds: None)
    finish(progress_store, ALICE, record(NOW - timedelta(hours=1)))

    def nothing_processed(parsed: dict[str, Any], **_: Any) -> None:
        parsed["UnprocessedItems"] = {
            TABLE_NAME: [
                {"DeleteRequest": {"Key": {"pk": {"S": user_key(ALICE)}, "sk": {"S": PROFILE_SK}}}}
            ]
        }

    dynamodb_client.meta.events.register("after-call.dynamodb.BatchWriteItem", nothing_processed)
    dynamodb_calls.clear()

    with pytest.raises(ProgressUnavailable):
        progress_store.delete_user(ALICE)
    assert dynamodb_calls["BatchWriteItem"] == 4


# --- privacy ------------------------------------------------------------------------------


def test_the_raw_user_id_is_never_stored_or_logged(
    progress_store: DynamoProgressStore, dynamodb_client: Any, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="backstretch")
    profile = progress_store.save_profile(ALICE, Profile(hold_seconds=25, time_zone="UTC"))
    profile = progress_store.save_partial_routine(
        ALICE, record(NOW - timedelta(hours=2), completed=False, sides=1), profile
    )
    routine = record(NOW - timedelta(hours=1))
    progress_store.finish_routine(ALICE, routine, apply_completed_routine(profile, NOW, TZ))
    progress_store.finish_routine(ALICE, routine, apply_completed_routine(profile, NOW, TZ))

    stored = json.dumps(stored_items(dynamodb_client))

    assert "ALICE-RAW-ID" not in stored
    assert "alice-raw-id" not in stored.lower()
    assert user_key(ALICE) in stored
    assert "ALICE-RAW-ID" not in caplog.text


# --- failures -----------------------------------------------------------------------------


def test_throttling_gives_up_after_two_attempts(
    progress_store: DynamoProgressStore, dynamodb_client: Any, no_retry_waits: list[float]
) -> None:
    attempts: list[str] = []

    def throttle(request: Any, **_: Any) -> AWSResponse:
        attempts.append(request.url)
        return throttled_response(request)

    dynamodb_client.meta.events.register("before-send.dynamodb.GetItem", throttle)

    with pytest.raises(ProgressUnavailable) as raised:
        progress_store.load_profile(ALICE)

    assert len(attempts) == 2
    assert len(no_retry_waits) == 1
    assert not isinstance(raised.value, ProfileConflict)
    cause = raised.value.__cause__
    assert isinstance(cause, ClientError)
    assert cause.response["Error"]["Code"] == "ThrottlingException"


def test_read_timeout_gives_up_after_two_attempts(
    progress_store: DynamoProgressStore, dynamodb_client: Any, no_retry_waits: list[float]
) -> None:
    attempts: list[str] = []

    def time_out(request: Any, **_: Any) -> None:
        attempts.append(request.url)
        raise ReadTimeoutError(endpoint_url=request.url)

    dynamodb_client.meta.events.register("before-send.dynamodb.GetItem", time_out)

    with pytest.raises(ProgressUnavailable) as raised:
        progress_store.load_profile(ALICE)

    assert len(attempts) == 2
    assert isinstance(raised.value.__cause__, ReadTimeoutError)


def test_throttled_transaction_is_unavailable_not_a_conflict(
    progress_store: DynamoProgressStore, dynamodb_client: Any, no_retry_waits: list[float]
) -> None:
    dynamodb_client.meta.events.register(
        "before-send.dynamodb.TransactWriteItems", lambda request, **_: throttled_response(request)
    )

    with pytest.raises(ProgressUnavailable) as raised:
        progress_store.finish_routine(ALICE, record(NOW), Profile())

    assert not isinstance(raised.value, ProfileConflict)


@pytest.mark.parametrize(
    "call",
    [
        lambda store: store.load_profile(ALICE),
        lambda store: store.save_profile(ALICE, Profile()),
        lambda store: store.finish_routine(ALICE, record(NOW), Profile()),
        lambda store: store.save_partial_routine(ALICE, record(NOW), Profile()),
        lambda store: store.load_progress(ALICE, NOW, NOW, now=NOW),
        lambda store: store.delete_user(ALICE),
    ],
    ids=["load", "save", "finish", "partial", "progress", "delete"],
)
def test_a_missing_table_is_unavailable_progress(dynamodb_client: Any, call: Any) -> None:
    store = DynamoProgressStore("no-such-table", dynamodb_client)

    with pytest.raises(ProgressUnavailable) as raised:
        call(store)

    assert not isinstance(raised.value, ProfileConflict)


def test_progress_client_fits_the_alexa_time_budget() -> None:
    client = progress_client("http://localhost:8000", "eu-west-1")

    config: Any = client.meta.config  # botocore's stubs leave these attributes out
    assert config.connect_timeout == 0.5
    assert config.read_timeout == 1.0
    assert config.retries == {"mode": "standard", "total_max_attempts": 2}
    assert client.meta.endpoint_url == "http://localhost:8000"
    assert client.meta.region_name == "eu-west-1"
