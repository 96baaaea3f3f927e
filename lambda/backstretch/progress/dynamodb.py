"""ProgressStore on one DynamoDB table, through a low-level botocore client.

One item collection per person, under ``pk = "USER#" + sha256(alexa user id)``:

- ``sk = "~PROFILE"``: the profile, written with an optimistic version check; ``~`` sorts
  after every routine's key, so one Query reads the profile with a range of routines;
- ``sk = "ROUTINE#<started_at, UTC, to the second>Z#<routine_id>"``: one item per routine,
  expiring (TTL ``expires_at``) 400 days after it started;
- ``sk = "~~DELETED"``: once the person disabled the skill, the mark that their data was
  deleted (nothing of theirs but the hashed key and the time), expiring after 30 days; it
  sorts after the profile, outside every read of their progress.

Sort keys of routines order by start time, so a summary reads one key range with one Query.

Every answer is held to what DynamoDB's answers are (`AnswerCheck`, on the client
`progress_client` builds): JSON of its content type with a request id, as long as its
Content-Length says and matching its ``x-amz-crc32``. botocore enforces none of that, and
parses a cut or foreign body as an empty success: "no profile", or "saved". Anything else is a
failed call, tried again within the client's attempts; a write that loses an answer on any
attempt may have been applied, and says so (``SaveOutcomeUnknown``) however its last attempt
ended.
"""

from __future__ import annotations

import binascii
import hashlib
import json
import logging
import re
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any, Final, cast

import botocore.session
from botocore.config import Config
from botocore.exceptions import (
    BotoCoreError,
    ClientError,
    ConnectionClosedError,
    IncompleteReadError,
    ReadTimeoutError,
)

from backstretch.progress.errors import ProfileConflict, ProgressUnavailable, SaveOutcomeUnknown
from backstretch.progress.model import (
    Profile,
    ResumePoint,
    RoutineRecord,
    StoredProgress,
    StretchReminder,
    require_aware,
)

if TYPE_CHECKING:
    from typing import TypeAlias

    from mypy_boto3_dynamodb import DynamoDBClient
    from mypy_boto3_dynamodb.type_defs import (
        AttributeValueTypeDef,
        PutTypeDef,
        WriteRequestTypeDef,
    )

    Item: TypeAlias = dict[str, AttributeValueTypeDef]

logger = logging.getLogger(__name__)

PROFILE_SK: Final = "~PROFILE"  # sorts after every "ROUTINE#..." key
ROUTINE_PREFIX: Final = "ROUTINE#"
ROUTINE_RETENTION: Final = timedelta(days=400)
DELETED_SK: Final = "~~DELETED"
# Longer than a queued write can live: the outbox keeps a message 4 days, its dead-letter
# queue 14, and a redrive from there is a person's deliberate act within that time.
DELETED_MARK_RETENTION: Final = timedelta(days=30)

_BATCH_SIZE: Final = 25  # BatchWriteItem's limit
_BATCH_ATTEMPTS: Final = 4
_BATCH_BACKOFF_SECONDS: Final = 0.05
_CONDITION_FAILED: Final = "ConditionalCheckFailed"


class UnreadableAnswer(BotoCoreError):
    """An answer that is not DynamoDB's whole answer: cut short, not JSON, not its checksum,
    or not from DynamoDB at all. What it said is unknown, so a write may have been applied."""

    fmt = "{operation}: the answer is not DynamoDB's ({problem})"


# After these, a write may or may not have been applied.
_ANSWER_LOST: Final = (
    ReadTimeoutError,
    ConnectionClosedError,
    IncompleteReadError,
    UnreadableAnswer,
)
# The answers lost, on any attempt, during the store call under way in this thread: the
# client's `AnswerCheck` notes them here, since botocore keeps only the last attempt's outcome
# (see `_storage_errors`).
_lost_answers: ContextVar[list[str] | None] = ContextVar("lost_answers", default=None)


CONNECT_TIMEOUT_SECONDS: Final = 0.5
READ_TIMEOUT_SECONDS: Final = 1.0
ATTEMPTS: Final = 2
# The longest one call can take when the table hangs (retry backoff aside, well under 1 s).
WORST_CALL_SECONDS: Final = ATTEMPTS * (CONNECT_TIMEOUT_SECONDS + READ_TIMEOUT_SECONDS) + 0.5


def progress_client(endpoint_url: str | None, region: str) -> DynamoDBClient:
    """A DynamoDB client that gives up in time for Alexa's answer.

    Alexa waits about 8 seconds for the whole response. botocore's defaults (60 s timeouts, 4
    attempts with backoff) could spend all of that on one unreachable or throttled table; with
    0.5 s to connect, 1 s to read and 2 attempts in all, a failing call costs at most ~3 s
    (~1 s when throttled), and the skill starts a call only when that much time is left in
    the turn (see `backstretch.turn.storage`).

    >>> store = DynamoProgressStore("progress", progress_client(None, "us-east-1"))
    """
    config = Config(
        connect_timeout=CONNECT_TIMEOUT_SECONDS,
        read_timeout=READ_TIMEOUT_SECONDS,
        retries={"mode": "standard", "total_max_attempts": ATTEMPTS},
    )
    # botocore's own session, not boto3's: boto3 (and the s3transfer it imports) would add
    # ~20 ms to every cold start for nothing the skill uses.
    session = botocore.session.get_session()
    client = session.create_client(
        "dynamodb", endpoint_url=endpoint_url, region_name=region, config=config
    )
    AnswerCheck(ATTEMPTS).register(client)
    return cast("DynamoDBClient", client)


def answer_problem(http_response: Any) -> str | None:
    """Why an HTTP answer is not one DynamoDB sent whole, or None when it is.

    >>> from botocore.awsrequest import AWSResponse
    >>> class Body:
    ...     def __init__(self, payload): self.payload = payload
    ...     def stream(self, **_): yield self.payload
    >>> headers = {"Content-Type": "application/x-amz-json-1.0", "x-amzn-RequestId": "R1",
    ...            "Content-Length": "2", "x-amz-crc32": "2745614147"}
    >>> answer_problem(AWSResponse("https://dynamodb", 200, headers, Body(b"{}"))) is None
    True
    >>> answer_problem(AWSResponse("https://dynamodb", 200, headers, Body(b"{")))
    '1 of 2 bytes'
    """
    headers = http_response.headers
    content_type = str(headers.get("content-type", ""))
    # A refusal is read by its JSON body whatever its content type says (moto's say
    # application/json); a success must say it is DynamoDB's JSON.
    success = http_response.status_code < 300
    if success and not content_type.startswith("application/x-amz-json"):
        return f"content-type {content_type[:40]!r}"
    if not headers.get("x-amzn-requestid"):
        return "no request id"
    body: bytes = http_response.content
    length = headers.get("content-length")
    if length is not None and length.strip() != str(len(body)):
        return f"{len(body)} of {length.strip()[:12]} bytes"
    checksum = headers.get("x-amz-crc32")
    if checksum is not None and checksum.strip() != str(binascii.crc32(body) & 0xFFFFFFFF):
        return "checksum mismatch"
    try:
        parsed = json.loads(body)
    except (ValueError, RecursionError):
        return "not JSON"
    return None if isinstance(parsed, dict) else "not a JSON object"


class AnswerCheck:
    """botocore handlers that hold each attempt's answer to `answer_problem`, on one client.

    ``needs-retry`` sees every attempt that got an answer: a bad one is tried again while
    attempts remain (botocore retries a checksum mismatch by itself, but then returns the last,
    bad, answer as a success), and any lost answer is noted for the store call under way.
    ``after-call`` refuses a last answer that was bad, so it never reaches the parser's
    empty success. Calls answered without HTTP (botocore's ``Stubber``) are left alone.
    """

    _PROBLEM: Final = "backstretch_answer_problem"  # in botocore's per-call context
    # A mangled answer is the network's doing, not a busy table's: no backoff to speak of, and
    # well inside the allowance `WORST_CALL_SECONDS` makes for waits between attempts.
    RETRY_AFTER_SECONDS: Final = 0.05

    def __init__(self, attempts: int) -> None:
        self._attempts = attempts

    def register(self, client: Any) -> None:
        events = client.meta.events
        events.register("needs-retry.dynamodb", self.needs_retry, unique_id="answer-check")
        events.register("after-call.dynamodb", self.after_call, unique_id="answer-refused")

    def needs_retry(
        self,
        response: tuple[Any, Any] | None,
        attempts: int,
        caught_exception: Exception | None,
        request_dict: dict[str, Any],
        operation: Any,
        **_: Any,
    ) -> float | None:
        problem = None if response is None else answer_problem(response[0])
        request_dict["context"][self._PROBLEM] = problem
        lost = problem or (
            type(caught_exception).__name__ if isinstance(caught_exception, _ANSWER_LOST) else None
        )
        noted = _lost_answers.get()
        if lost and noted is not None:
            noted.append(f"{operation.name}: {lost}")
        if problem is not None and attempts < self._attempts:
            return self.RETRY_AFTER_SECONDS
        return None

    def after_call(self, context: dict[str, Any], model: Any, **_: Any) -> None:
        problem = context.get(self._PROBLEM)
        if problem:
            raise UnreadableAnswer(operation=model.name, problem=problem)


def user_key(user_id: str) -> str:
    """The partition key for a person: a hash, so the Alexa user id is never stored."""
    return "USER#" + hashlib.sha256(user_id.encode("utf-8")).hexdigest()


class DynamoProgressStore:
    """``ProgressStore`` on a table with string keys ``pk`` (hash) and ``sk`` (range).

    >>> from botocore.stub import Stubber
    >>> client = progress_client(None, "eu-west-1")
    >>> store = DynamoProgressStore("backstretch-dev-progress", client)
    >>> no_item = {"ResponseMetadata": {"HTTPHeaders": {
    ...     "content-type": "application/x-amz-json-1.0", "x-amzn-requestid": "R1"}}}
    >>> with Stubber(client) as dynamodb:  # DynamoDB's answer for someone new
    ...     dynamodb.add_response("get_item", no_item)
    ...     store.load_profile("amzn1.ask.account.EXAMPLE").version
    0
    """

    worst_call_seconds = WORST_CALL_SECONDS

    def __init__(self, table_name: str, client: DynamoDBClient) -> None:
        self._table = table_name
        self._client = client

    def load_profile(self, user_id: str) -> Profile:
        item = self._read_item(user_id, PROFILE_SK, "load_profile")
        return Profile() if item is None else _decode_profile(item)

    def save_profile(self, user_id: str, profile: Profile) -> Profile:
        put = self._profile_put(user_key(user_id), profile)
        with _storage_errors("save_profile", write=True):
            try:
                _require_dynamodb_answer(self._client.put_item(**put), "save_profile", write=True)
            except ClientError as error:
                if _error_code(error) == "ConditionalCheckFailedException":
                    raise ProfileConflict("the profile was saved by another request") from error
                raise
        return replace(profile, version=profile.version + 1)

    def finish_routine(self, user_id: str, record: RoutineRecord, profile: Profile) -> Profile:
        return self._write_routine("finish_routine", user_id, record, profile)

    def save_partial_routine(
        self, user_id: str, record: RoutineRecord, profile: Profile
    ) -> Profile:
        # Same shape as finish_routine: the record differs only in ``completed``. Both may
        # overwrite a stopped routine (it was resumed), neither overwrites a finished one.
        return self._write_routine("save_partial_routine", user_id, record, profile)

    def load_progress(
        self, user_id: str, start: datetime, end: datetime, now: datetime
    ) -> StoredProgress:
        """The profile and the routines started in ``[start, end)`` (to the second), oldest
        first, in ONE Query: the profile's sort key sorts after every routine's.

        Routines whose TTL has passed are left out: DynamoDB deletes expired items only
        eventually (typically within days), and until then they still come back from reads.
        """
        require_aware(now)
        profile = Profile()
        records: list[RoutineRecord] = []
        before_end = ROUTINE_PREFIX + _utc_stamp(end)
        with _storage_errors("load_progress"):
            for item in self._query_pages(
                KeyConditionExpression="#pk = :pk AND #sk BETWEEN :from AND :profile",
                FilterExpression="attribute_not_exists(#expires_at) OR #expires_at > :now",
                ExpressionAttributeNames={"#pk": "pk", "#sk": "sk", "#expires_at": "expires_at"},
                ExpressionAttributeValues={
                    ":pk": {"S": user_key(user_id)},
                    ":from": {"S": ROUTINE_PREFIX + _utc_stamp(start)},
                    ":profile": {"S": PROFILE_SK},
                    ":now": {"N": str(int(now.timestamp()))},
                },
                ConsistentRead=True,
            ):
                sort_key = item["sk"]["S"]
                if sort_key == PROFILE_SK:
                    profile = _decode_profile(item)
                elif sort_key.startswith(ROUTINE_PREFIX) and sort_key < before_end:
                    # "ROUTINE#<t>" sorts before every "ROUTINE#<t>#<id>": routines started
                    # exactly at ``end`` are left out.
                    records.append(_decode_routine(item))
        return StoredProgress(profile, tuple(records))

    def delete_user(self, user_id: str) -> int:
        with _storage_errors("delete_user"):
            keys = list(
                self._query_pages(
                    KeyConditionExpression="#pk = :pk",
                    ProjectionExpression="#pk, #sk",
                    ExpressionAttributeNames={"#pk": "pk", "#sk": "sk"},
                    ExpressionAttributeValues={":pk": {"S": user_key(user_id)}},
                    ConsistentRead=True,
                )
            )
            # The mark goes in first: a write queued for them is refused from then on.
            self._mark_deleted(user_id)
            keys = [key for key in keys if key["sk"]["S"] != DELETED_SK]
            for first in range(0, len(keys), _BATCH_SIZE):
                self._delete_batch(keys[first : first + _BATCH_SIZE])
        return len(keys)

    def was_deleted(self, user_id: str) -> bool:
        return self._read_item(user_id, DELETED_SK, "was_deleted") is not None

    def _read_item(self, user_id: str, sk: str, operation: str) -> Item | None:
        """One of a person's items, read consistently; None when it is not there."""
        with _storage_errors(operation):
            response = self._client.get_item(
                TableName=self._table, Key=_key(user_key(user_id), sk), ConsistentRead=True
            )
            _require_dynamodb_answer(response, operation)
        return response.get("Item")

    def _mark_deleted(self, user_id: str) -> None:
        now = datetime.now(UTC)
        self._client.put_item(
            TableName=self._table,
            Item={
                **_key(user_key(user_id), DELETED_SK),
                "deleted_at": {"S": now.isoformat()},
                "expires_at": {"N": str(int((now + DELETED_MARK_RETENTION).timestamp()))},
            },
        )

    def _query_pages(self, **query: Any) -> Iterator[Item]:
        """Every item of a Query, following ``LastEvaluatedKey`` only when DynamoDB sends one."""
        while True:
            page = self._client.query(TableName=self._table, **query)
            _require_dynamodb_answer(page, "query", expected="Items")
            yield from page["Items"]
            last_key = page.get("LastEvaluatedKey")
            if not last_key:
                return
            query["ExclusiveStartKey"] = last_key

    def _delete_batch(self, keys: list[Item]) -> None:
        requests: dict[str, list[WriteRequestTypeDef]] = {
            self._table: [{"DeleteRequest": {"Key": key}} for key in keys]
        }
        for attempt in range(_BATCH_ATTEMPTS):
            response = self._client.batch_write_item(RequestItems=requests)
            _require_dynamodb_answer(response, "delete_user", write=True)
            unprocessed = response.get("UnprocessedItems") or {}
            if not unprocessed:
                return
            requests = cast("dict[str, list[WriteRequestTypeDef]]", unprocessed)
            if attempt + 1 < _BATCH_ATTEMPTS:
                # Unprocessed items mean the table is throttling us; back off briefly.
                time.sleep(_BATCH_BACKOFF_SECONDS * 2**attempt)
        raise ProgressUnavailable(
            f"delete_user left {sum(len(r) for r in requests.values())} items unprocessed"
        )

    def _write_routine(
        self, operation: str, user_id: str, record: RoutineRecord, profile: Profile
    ) -> Profile:
        pk = user_key(user_id)
        profile_put = self._profile_put(pk, profile)
        profile_put["ReturnValuesOnConditionCheckFailure"] = "ALL_OLD"
        routine_put: PutTypeDef = {
            "TableName": self._table,
            "Item": routine_item(pk, record),
            # A routine recorded as finished is final: replaying the request that finished it,
            # or a late "stop" for it, must not count or change it again.
            "ConditionExpression": "attribute_not_exists(#pk) OR #completed = :false",
            "ExpressionAttributeNames": {"#pk": "pk", "#completed": "completed"},
            "ExpressionAttributeValues": {":false": {"BOOL": False}},
        }
        with _storage_errors(operation, write=True):
            try:
                answer = self._client.transact_write_items(
                    TransactItems=[{"Put": routine_put}, {"Put": profile_put}]
                )
                _require_dynamodb_answer(answer, operation, write=True)
            except ClientError as error:
                if _error_code(error) != "TransactionCanceledException":
                    raise
                routine_reason, profile_reason = _cancellation_reasons(error)
                if routine_reason.get("Code") == _CONDITION_FAILED:
                    logger.info("%s: routine already finished, nothing written", operation)
                    stored = profile_reason.get("Item")
                    if stored:
                        return _decode_profile(cast("Item", stored))
                    return self.load_profile(user_id)
                codes = {routine_reason.get("Code"), profile_reason.get("Code")}
                if codes & {_CONDITION_FAILED, "TransactionConflict"}:
                    raise ProfileConflict("the profile was saved by another request") from error
                raise
        return replace(profile, version=profile.version + 1)

    def _profile_put(self, pk: str, profile: Profile) -> PutTypeDef:
        item = _encode_profile(pk, profile, version=profile.version + 1)
        if profile.version == 0:
            return {
                "TableName": self._table,
                "Item": item,
                "ConditionExpression": "attribute_not_exists(#pk)",
                "ExpressionAttributeNames": {"#pk": "pk"},
            }
        return {
            "TableName": self._table,
            "Item": item,
            "ConditionExpression": "#version = :expected",
            "ExpressionAttributeNames": {"#version": "version"},
            "ExpressionAttributeValues": {":expected": {"N": str(profile.version)}},
        }


def _require_dynamodb_answer(
    response: Mapping[str, Any], operation: str, *, write: bool = False, expected: str = ""
) -> None:
    """Refuse a 200 that is not DynamoDB's answer (a proxy's or a captive portal's page, an
    answer cut inside its headers): botocore parses those as an empty success.

    DynamoDB answers every call with JSON of type ``application/x-amz-json-1.0`` and a request
    id; ``expected`` names a key a successful answer always holds. The progress client's
    `AnswerCheck` has refused a foreign or cut body already (after trying again); this holds
    the shape the store relies on, whatever client it was given.
    """
    headers = response.get("ResponseMetadata", {}).get("HTTPHeaders", {})
    content_type = str(headers.get("content-type", ""))
    if (
        content_type.startswith("application/x-amz-json")
        and headers.get("x-amzn-requestid")
        and (not expected or expected in response)
    ):
        return
    reason = f"{operation}: not DynamoDB's answer (content-type {content_type[:40]!r})"
    raise SaveOutcomeUnknown(reason) if write else ProgressUnavailable(reason)


@contextmanager
def _storage_errors(operation: str, *, write: bool = False) -> Iterator[None]:
    """Turn any storage failure into ``ProgressUnavailable``, logging only its error code.

    A write whose request went out but whose answer was lost (a read timeout, a connection
    closed, an answer cut short or unreadable) may have been applied: that is
    ``SaveOutcomeUnknown``, whatever a later attempt got. A retry refused by the version
    check, throttled or timed out says nothing about the attempt before it, which may well
    be what the table holds now.
    """
    lost: list[str] = []
    noting = _lost_answers.set(lost)
    try:
        yield
    except ClientError as error:
        code = _error_code(error)
        logger.warning("progress %s failed: %s", operation, code)
        if write and lost:
            raise SaveOutcomeUnknown(
                f"{operation}: answer lost ({lost[0]}), then {code}"
            ) from error
        raise ProgressUnavailable(f"{operation} failed: {code}") from error
    except BotoCoreError as error:
        kind = type(error).__name__
        logger.warning("progress %s failed: %s", operation, kind)
        if write and (lost or isinstance(error, _ANSWER_LOST)):
            raise SaveOutcomeUnknown(f"{operation}: answer lost ({kind})") from error
        raise ProgressUnavailable(f"{operation} failed: {kind}") from error
    except ProgressUnavailable as error:  # the store's own verdict, e.g. ProfileConflict
        if write and lost and not isinstance(error, SaveOutcomeUnknown):
            logger.warning("progress %s: %s after a lost answer", operation, type(error).__name__)
            raise SaveOutcomeUnknown(
                f"{operation}: answer lost ({lost[0]}), then {error}"
            ) from error
        raise
    finally:
        _lost_answers.reset(noting)


def _error_code(error: ClientError) -> str:
    return error.response.get("Error", {}).get("Code", "Unknown")


def _cancellation_reasons(error: ClientError) -> tuple[Mapping[str, Any], Mapping[str, Any]]:
    """The (routine, profile) reasons for a cancelled transaction of those two puts."""
    reasons: list[Mapping[str, Any]] = list(error.response.get("CancellationReasons", []))
    if not reasons:
        # Older service responses carry the codes only in the message:
        # "Transaction cancelled, please refer cancellation reasons for specific reasons [A, B]"
        found = re.search(r"\[([^\]]*)\]", error.response.get("Error", {}).get("Message", ""))
        codes = found.group(1).split(",") if found else []
        reasons = [{"Code": code.strip()} for code in codes]
    if len(reasons) != 2:
        return {}, {}
    return reasons[0], reasons[1]


def _key(pk: str, sk: str) -> Item:
    return {"pk": {"S": pk}, "sk": {"S": sk}}


def _utc_stamp(moment: datetime) -> str:
    require_aware(moment)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _encode_profile(pk: str, profile: Profile, version: int) -> Item:
    item: Item = {
        **_key(pk, PROFILE_SK),
        "version": {"N": str(version)},
        "streak_days": {"N": str(profile.streak_days)},
        "routines_completed": {"N": str(profile.routines_completed)},
    }
    if profile.hold_seconds is not None:
        item["hold_seconds"] = {"N": str(profile.hold_seconds)}
    if profile.time_zone is not None:
        item["time_zone"] = {"S": profile.time_zone}
    if profile.last_stretch_day is not None:
        item["last_stretch_day"] = {"S": profile.last_stretch_day.isoformat()}
    if profile.reminder is not None:
        item["reminder"] = {
            "M": {
                "alert_token": {"S": profile.reminder.alert_token},
                "schedule": {"S": profile.reminder.schedule},
            }
        }
    if profile.reminder_offered:
        item["reminder_offered"] = {"BOOL": True}
    if profile.warned_at is not None:
        item["warned_at"] = {"S": _utc_stamp(profile.warned_at)}
    if profile.resume is not None:
        require_aware(profile.resume.saved_at)
        item["resume"] = {
            "M": {
                "stretch_index": {"N": str(profile.resume.stretch_index)},
                "side_index": {"N": str(profile.resume.side_index)},
                "saved_at": {"S": profile.resume.saved_at.astimezone(UTC).isoformat()},
            }
        }
    return item


def _decode_profile(item: Item) -> Profile:
    resume = None
    if "resume" in item:
        stored = cast("Item", item["resume"]["M"])
        resume = ResumePoint(
            stretch_index=_int(stored, "stretch_index"),
            side_index=_int(stored, "side_index"),
            saved_at=datetime.fromisoformat(stored["saved_at"]["S"]),
        )
    reminder = None
    if "reminder" in item:
        held = cast("Item", item["reminder"]["M"])
        reminder = StretchReminder(held["alert_token"]["S"], held["schedule"]["S"])
    return Profile(
        hold_seconds=_int(item, "hold_seconds") if "hold_seconds" in item else None,
        time_zone=item["time_zone"]["S"] if "time_zone" in item else None,
        resume=resume,
        last_stretch_day=(
            date.fromisoformat(item["last_stretch_day"]["S"])
            if "last_stretch_day" in item
            else None
        ),
        streak_days=_int(item, "streak_days"),
        routines_completed=_int(item, "routines_completed"),
        reminder=reminder,
        reminder_offered=bool(item.get("reminder_offered", {}).get("BOOL", False)),
        warned_at=datetime.fromisoformat(item["warned_at"]["S"]) if "warned_at" in item else None,
        version=_int(item, "version"),
    )


def routine_item(pk: str, record: RoutineRecord) -> Item:
    """The item a routine is stored as (the benchmark seeds long histories with it)."""
    if not record.routine_id:
        raise ValueError("a routine record needs a routine_id")
    started_at = record.started_at.astimezone(UTC)
    return {
        **_key(pk, f"{ROUTINE_PREFIX}{_utc_stamp(started_at)}#{record.routine_id}"),
        "routine_id": {"S": record.routine_id},
        "started_at": {"S": started_at.isoformat()},
        "sides_completed": {"N": str(record.sides_completed)},
        "seconds_held": {"N": str(record.seconds_held)},
        "completed": {"BOOL": record.completed},
        "expires_at": {"N": str(int((started_at + ROUTINE_RETENTION).timestamp()))},
    }


def _decode_routine(item: Item) -> RoutineRecord:
    return RoutineRecord(
        routine_id=item["routine_id"]["S"],
        started_at=datetime.fromisoformat(item["started_at"]["S"]),
        sides_completed=_int(item, "sides_completed"),
        seconds_held=_int(item, "seconds_held"),
        completed=item["completed"]["BOOL"],
    )


def _int(item: Item, name: str) -> int:
    return int(item[name]["N"])
