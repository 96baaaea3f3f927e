"""An embedded DynamoDB: moto's server on a loopback port, the one launcher of the local tools,
the tests and the benchmark.

Real HTTP rather than moto's in-process patching: the skill's own client (timeouts, retries,
``before-send`` hooks) talks to it as it would to DynamoDB. Its access log is not printed (those
``"POST / HTTP/1.1" 200`` lines are DynamoDB calls, not calls to the skill); its errors are.

    with EmbeddedDynamoDB(tables=["backstretch-progress"]) as endpoint:
        serve_with(endpoint)
"""

from __future__ import annotations

import json
import logging
import os
import threading
import urllib.request
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from moto.moto_server.werkzeug_app import (
    DomainDispatcherApplication,
    MotoRequestHandler,
    create_backend_app,
)
from werkzeug.serving import BaseWSGIServer, make_server

from backstretch.progress.dynamodb import progress_client
from backstretch_local.table import create_table_from_template

if TYPE_CHECKING:
    from mypy_boto3_dynamodb import DynamoDBClient

logger = logging.getLogger(__name__)

_BATCH = 25  # BatchWriteItem's limit


READS = frozenset({"GetItem", "Query", "Scan", "BatchGetItem", "TransactGetItems"})
WRITES = frozenset({"PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem", "TransactWriteItems"})


class CallCounter:
    """Counts a client's DynamoDB API calls by operation (one per call, not per retry), and
    the items its reads touched (Query's ScannedCount; 1 for a GetItem that found one): what
    the tests and the benchmark measure a turn's storage cost with.

    >>> counter = CallCounter(); counter.attach(client); counter.clear()
    """

    def __init__(self) -> None:
        self.calls: Counter[str] = Counter()
        self.items_read = 0

    def attach(self, client: Any) -> None:
        client.meta.events.register("before-call.dynamodb", self._before)
        client.meta.events.register("after-call.dynamodb", self._after)

    def clear(self) -> None:
        self.calls.clear()
        self.items_read = 0

    def snapshot(self) -> dict[str, Any]:
        return {
            "calls": dict(sorted(self.calls.items())),
            "reads": sum(n for op, n in self.calls.items() if op in READS),
            "writes": sum(n for op, n in self.calls.items() if op in WRITES),
            "items_read": self.items_read,
        }

    def _before(self, model: Any, **_: Any) -> None:
        self.calls[model.name] += 1

    def _after(self, model: Any, parsed: dict[str, Any], **_: Any) -> None:
        if model.name in ("Query", "Scan"):
            self.items_read += int(parsed.get("ScannedCount", 0))
        elif model.name == "GetItem":
            self.items_read += int("Item" in parsed)

    def detach(self, client: Any) -> None:
        client.meta.events.unregister("before-call.dynamodb", self._before)
        client.meta.events.unregister("after-call.dynamodb", self._after)


def local_aws_environment(region: str = "us-east-1") -> dict[str, str]:
    """Credentials and region for local endpoints only: moto takes any credentials, and no
    profile, credentials file or instance metadata of this machine is read."""
    return {
        "AWS_ACCESS_KEY_ID": "local",
        "AWS_SECRET_ACCESS_KEY": "local",
        "AWS_SESSION_TOKEN": "local",
        "AWS_DEFAULT_REGION": region,
        "AWS_REGION": region,
        "AWS_CONFIG_FILE": os.devnull,
        "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
        "AWS_EC2_METADATA_DISABLED": "true",
    }


class _QuietHandler(MotoRequestHandler):
    """moto's request handler without the one access-log line per DynamoDB call."""

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        pass


class EmbeddedDynamoDB:
    """moto's DynamoDB on a free loopback port, with tables made from infra/template.yaml.

    Everything lives in memory. With ``data_file``, the first table's items are loaded from it
    at start (if it exists) and written back to it at stop, so progress outlives the process.
    """

    def __init__(
        self,
        region: str = "us-east-1",
        *,
        tables: Iterable[str] = (),
        data_file: Path | None = None,
    ) -> None:
        self.region = region
        self._tables = list(tables)
        self._data_file = data_file
        self._server: BaseWSGIServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def endpoint(self) -> str:
        if self._server is None:
            raise RuntimeError("the embedded DynamoDB is not running: call start() first")
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def client(self) -> DynamoDBClient:
        """A client configured as the skill's own (timeouts, attempts)."""
        return progress_client(self.endpoint, self.region)

    def start(self) -> str:
        """Start serving, create the tables, load the saved items; return the endpoint."""
        app = DomainDispatcherApplication(create_backend_app)
        self._server = make_server(
            "127.0.0.1", 0, app, threaded=True, request_handler=_QuietHandler
        )
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="embedded-dynamodb", daemon=True
        )
        self._thread.start()
        for table in self._tables:
            create_table_from_template(self.client(), table)
        if self._data_file is not None and self._tables and self._data_file.is_file():
            count = load_items(self.client(), self._tables[0], self._data_file)
            logger.info("loaded %d progress items from %s", count, self._data_file)
        logger.info("embedded DynamoDB at %s, tables %s", self.endpoint, self._tables)
        return self.endpoint

    def stop(self) -> None:
        """Save the items (with ``data_file``), then stop serving."""
        if self._server is None:
            return
        try:
            if self._data_file is not None and self._tables:
                count = save_items(self.client(), self._tables[0], self._data_file)
                logger.info("saved %d progress items to %s", count, self._data_file)
        finally:
            self._server.shutdown()
            self._server.server_close()
            if self._thread is not None:
                self._thread.join()
            self._server = None

    def reset(self) -> None:
        """Forget every table and item (moto's own reset)."""
        request = urllib.request.Request(f"{self.endpoint}/moto-api/reset", method="POST")  # noqa: S310
        with urllib.request.urlopen(request, timeout=5) as answer:  # noqa: S310 - loopback
            if answer.status != 200:
                raise RuntimeError(f"moto reset answered {answer.status}")

    def __enter__(self) -> str:
        return self.start()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.stop()


def save_items(client: DynamoDBClient, table: str, path: Path) -> int:
    """Write every item of ``table`` to ``path`` (DynamoDB's JSON); how many were written."""
    items: list[dict[str, Any]] = []
    arguments: dict[str, Any] = {"TableName": table}
    while True:
        page = client.scan(**arguments)
        items.extend(page.get("Items", []))
        if "LastEvaluatedKey" not in page:
            break
        arguments["ExclusiveStartKey"] = page["LastEvaluatedKey"]
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    partial.write_text(json.dumps({"table": table, "items": items}, indent=1), encoding="utf-8")
    os.replace(partial, path)
    return len(items)


def load_items(client: DynamoDBClient, table: str, path: Path) -> int:
    """Put the items saved in ``path`` into ``table``; how many were put."""
    items: list[Any] = json.loads(path.read_text(encoding="utf-8"))["items"]
    for start in range(0, len(items), _BATCH):
        batch: list[Any] = [
            {"PutRequest": {"Item": item}} for item in items[start : start + _BATCH]
        ]
        client.batch_write_item(RequestItems={table: batch})
    return len(items)
