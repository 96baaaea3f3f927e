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
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from botocore.exceptions import ClientError

from backstretch.progress.dynamodb import progress_client
from backstretch_local.dynamodb import EmbeddedDynamoDB, local_aws_environment
from backstretch_local.envelopes import LOCAL_SKILL_ID
from backstretch_local.table import create_table_from_template

BENCH_DIR: Final = Path(__file__).resolve().parent
REPO_DIR: Final = BENCH_DIR.parent
DYNALITE: Final = BENCH_DIR / "node_modules" / ".bin" / "dynalite"
REGION: Final = "us-east-1"


@dataclass(frozen=True)
class Tables:
    """The reference's table (partition key ``id``), and three of ours made from
    infra/template.yaml, one per phase: moto's TransactWriteItems deep-copies the whole table
    it writes to, so a table full of seeded history would slow every later transaction."""

    ours: str = "backstretch-progress"
    reference: str = "reference-attributes"
    history: str = "backstretch-history"
    load: str = "backstretch-load"


def lambda_environment(endpoint: str, tables: Tables) -> dict[str, str]:
    """The environment both skills see, as Lambda would set it (with a local endpoint)."""
    return {
        **local_aws_environment(REGION),
        # Ours (lambda/lambda_function.py reads these)...
        "PROGRESS_TABLE": tables.ours,
        "DYNAMODB_ENDPOINT": endpoint,
        "SKILL_ID": LOCAL_SKILL_ID,
        # ... the reference's (the Alexa-hosted template's names) ...
        "DYNAMODB_PERSISTENCE_TABLE_NAME": tables.reference,
        "DYNAMODB_PERSISTENCE_REGION": REGION,
        # ... and Lambda's own: our skill logs and emits metrics as it would there.
        "AWS_LAMBDA_FUNCTION_NAME": "bench",
    }


class _ErrorCount(logging.Handler):
    """Counts the errors werkzeug logs for moto's server (a 500 each), and prints nothing."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


@dataclass
class Backend(AbstractContextManager["Backend"]):
    """One running DynamoDB endpoint: the moto server on a thread of this process, or
    dynalite as a child process; a context manager that starts and stops it.

    moto's failed requests are counted, not printed (under concurrent transactions it can fail
    with "dictionary changed size during iteration", and botocore retries the 500).
    """

    name: str
    endpoint: str = ""
    notes: list[str] = field(default_factory=list)
    _moto: EmbeddedDynamoDB | None = None
    _dynalite: subprocess.Popen[bytes] | None = None
    _errors: _ErrorCount = field(default_factory=_ErrorCount)

    @property
    def has_transactions(self) -> bool:
        return self.name != "dynalite"

    def server_errors(self) -> int | None:
        """How many requests the server failed so far (None: it does not tell)."""
        return self._errors.count if self._moto else None

    def __enter__(self) -> Backend:
        if self.name == "moto":
            log = logging.getLogger("werkzeug")
            log.addHandler(self._errors)
            log.setLevel(logging.ERROR)
            log.propagate = False
            self._moto = EmbeddedDynamoDB(REGION)
            self.endpoint = self._moto.start()
        else:
            with socket.socket() as probe:
                probe.bind(("127.0.0.1", 0))
                port = probe.getsockname()[1]
            command = [str(DYNALITE), "--host", "127.0.0.1", "--port", str(port)]
            self._dynalite = subprocess.Popen(  # noqa: S603 - dynalite from bench/node_modules
                [*command, "--createTableMs", "0"],
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
            assert self._dynalite.stdout is not None
            line = self._dynalite.stdout.readline()  # "Dynalite listening at: http://..."
            self._dynalite.stdout.close()
            if b"listening" not in line.lower():
                self.__exit__(None, None, None)
                raise RuntimeError(f"dynalite did not start: {line!r}")
            self.endpoint = f"http://127.0.0.1:{port}"
        return self

    def __exit__(self, *_: object) -> None:
        if self._moto:
            self._moto.stop()
            logging.getLogger("werkzeug").removeHandler(self._errors)
        if self._dynalite:
            self._dynalite.terminate()
            self._dynalite.wait(timeout=15)


def create_tables(backend: Backend, tables: Tables) -> None:
    """Our tables as infra/template.yaml declares them; the reference's with key ``id``."""
    client = progress_client(backend.endpoint, REGION)
    get_waiter = client.get_waiter

    def quick_waiter(name: Any) -> Any:
        # Poll every 0.1 s, not DynamoDB's 20 s: dynalite may say CREATING on the first look.
        waiter = get_waiter(name)
        waiter.config.delay, waiter.config.max_attempts = 0.1, 300
        return waiter

    client.get_waiter = quick_waiter  # type: ignore[method-assign,assignment]
    for name in (tables.ours, tables.history, tables.load):
        try:
            create_table_from_template(client, name)
        except ClientError as error:
            # dynalite refuses UpdateTimeToLive after the table itself was created: carry on
            # without TTL (no benchmark depends on expiry).
            if error.response.get("Error", {}).get("Code") != "UnknownOperationException":
                raise
            note = f"no TTL on the tables ({error.operation_name} unsupported)"
            backend.notes += [note] if note not in backend.notes else []
    client.create_table(
        TableName=tables.reference,
        BillingMode="PAY_PER_REQUEST",
        AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
        KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
    )
    quick_waiter("table_exists").wait(TableName=tables.reference)


def available_backends(names: list[str] | None = None) -> list[Backend]:
    """The backends asked for (default: moto, and dynalite where `npm ci --prefix bench` has
    installed it and Node.js is on the PATH)."""
    installed = DYNALITE.exists() and shutil.which("node") is not None
    for name in names or []:
        if name not in ("moto", "dynalite"):
            raise ValueError(f"unknown backend {name!r}")
        if name == "dynalite" and not installed:
            raise RuntimeError("dynalite is not installed: run `npm ci --prefix bench`")
    wanted = names or ["moto", *(["dynalite"] if installed else [])]
    return [Backend(name) for name in wanted]
