"""The DynamoDB endpoints the benchmark runs against: moto's server, and dynalite from npm.

Both serve plain HTTP on a free loopback port. moto is Python (the tests use it); dynalite is
a Node.js DynamoDB-API server on LevelDB, so moto's own overhead cannot hide ours. dynalite
has no ``TransactWriteItems`` and no ``UpdateTimeToLive``: there, our finishing turn's write
fails (and is reported as such), and the table has no TTL.
"""

from __future__ import annotations

import logging
import shutil
import socket
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any, Final

from botocore.exceptions import ClientError

from backstretch.progress.dynamodb import progress_client
from backstretch_local.dynamodb import EmbeddedDynamoDB
from backstretch_local.table import create_table_from_template

BENCH_DIR: Final = Path(__file__).resolve().parent
REPO_DIR: Final = BENCH_DIR.parent
DYNALITE: Final = BENCH_DIR / "node_modules" / ".bin" / "dynalite"
REGION: Final = "us-east-1"
_START_SECONDS: Final = 15.0


@dataclass(frozen=True)
class Tables:
    """The tables every backend holds: the reference's (partition key ``id``), and three of
    ours made from infra/template.yaml, one per phase. moto's TransactWriteItems deep-copies
    the whole table it writes to, so a table full of seeded history would slow every later
    transaction there; each phase keeps its own."""

    ours: str = "backstretch-progress"
    reference: str = "reference-attributes"
    history: str = "backstretch-history"
    load: str = "backstretch-load"


def dynalite_available() -> bool:
    """Whether `npm ci --prefix bench` has installed dynalite and Node.js is on the PATH."""
    return DYNALITE.exists() and shutil.which("node") is not None


@dataclass
class Backend:
    """One running DynamoDB endpoint; a context manager that starts and stops it."""

    name: str
    endpoint: str = ""
    notes: list[str] = field(default_factory=list)
    missing_operations: frozenset[str] = frozenset()

    def start(self) -> str:
        raise NotImplementedError

    def stop(self) -> None:
        raise NotImplementedError

    def server_errors(self) -> int | None:
        """How many requests the server failed so far (None: it does not tell)."""
        return None

    def __enter__(self) -> Backend:
        self.endpoint = self.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.stop()


class _ErrorCount(logging.Handler):
    """Counts the errors werkzeug logs for moto's server (a 500 each), and prints nothing."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


class MotoBackend(Backend):
    """The local tools' embedded DynamoDB (moto's server on a thread of this process), as the
    tests run it.

    The requests it fails are counted, not printed (under concurrent transactions moto can fail
    with "dictionary changed size during iteration", and botocore retries the 500).
    """

    def __init__(self) -> None:
        super().__init__(name="moto")
        self._server = EmbeddedDynamoDB(REGION)
        self._errors = _ErrorCount()

    def start(self) -> str:
        log = logging.getLogger("werkzeug")
        log.addHandler(self._errors)
        log.setLevel(logging.ERROR)
        log.propagate = False
        return self._server.start()

    def stop(self) -> None:
        self._server.stop()
        logging.getLogger("werkzeug").removeHandler(self._errors)

    def server_errors(self) -> int | None:
        return self._errors.count


class DynaliteBackend(Backend):
    """dynalite (npm), in memory, as a child process on a free port."""

    def __init__(self) -> None:
        super().__init__(
            name="dynalite",
            missing_operations=frozenset({"TransactWriteItems", "UpdateTimeToLive"}),
        )
        self._process: subprocess.Popen[bytes] | None = None

    def start(self) -> str:
        port = free_port()
        self._process = subprocess.Popen(  # noqa: S603 - dynalite from bench/node_modules
            [str(DYNALITE), "--host", "127.0.0.1", "--port", str(port), "--createTableMs", "0"],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        assert self._process.stdout is not None
        line = self._process.stdout.readline()  # "Dynalite listening at: http://..."
        if b"listening" not in line.lower():
            self.stop()
            raise RuntimeError(f"dynalite did not start: {line!r}")
        self._process.stdout.close()
        return f"http://127.0.0.1:{port}"

    def stop(self) -> None:
        if self._process is None:
            return
        self._process.terminate()
        try:
            self._process.wait(timeout=_START_SECONDS)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        self._process = None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def create_tables(backend: Backend, tables: Tables) -> None:
    """Our table as infra/template.yaml declares it; the reference's with partition key ``id``."""
    client = progress_client(backend.endpoint, REGION)
    _poll_waiters_often(client)
    for name in (tables.ours, tables.history, tables.load):
        try:
            create_table_from_template(client, name)
        except ClientError as error:
            # dynalite answers UpdateTimeToLive with UnknownOperationException, after the table
            # itself was created: carry on without TTL (no benchmark depends on expiry).
            if error.response.get("Error", {}).get("Code") != "UnknownOperationException":
                raise
            note = f"no TTL on the tables ({error.operation_name} unsupported)"
            if note not in backend.notes:
                backend.notes.append(note)
    client.create_table(
        TableName=tables.reference,
        BillingMode="PAY_PER_REQUEST",
        AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
        KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
    )
    client.get_waiter("table_exists").wait(TableName=tables.reference)


def _poll_waiters_often(client: Any) -> None:
    """Make this client's waiters poll every 0.1 s instead of DynamoDB's 20 s: dynalite may
    still say CREATING on the first look, and a local table is ready at once."""
    get_waiter = client.get_waiter

    def quick_waiter(name: str) -> Any:
        waiter = get_waiter(name)
        wait = waiter.wait

        def quick_wait(**kwargs: Any) -> None:
            wait(**kwargs, WaiterConfig={"Delay": 0.1, "MaxAttempts": 300})

        waiter.wait = quick_wait
        return waiter

    client.get_waiter = quick_waiter


def available_backends(names: list[str] | None = None) -> list[Backend]:
    """The backends asked for (default: moto, and dynalite where it is installed)."""
    wanted = names or ["moto", "dynalite"]
    backends: list[Backend] = []
    for name in wanted:
        if name == "moto":
            backends.append(MotoBackend())
        elif name == "dynalite":
            if dynalite_available():
                backends.append(DynaliteBackend())
            elif names:
                raise RuntimeError("dynalite is not installed: run `npm ci --prefix bench`")
        else:
            raise ValueError(f"unknown backend {name!r}")
    return backends
