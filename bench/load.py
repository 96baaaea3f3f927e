"""A child process that drives endpoints over loopback for a bounded time.

``--target NAME=URL`` (repeatable) names the endpoints; ``--schedule on,off,off,on`` says which
one each slice of ``--slice-seconds`` goes to, so that slow drift of the machine hits every
target alike. In a slice, each of ``--concurrency`` threads keeps one HTTP/1.1 connection open
and posts the pool's pre-signed requests in turn. Every latency and status is written, per
target, to ``--out``. ``--requests N`` sends N requests in one slice and stops (a warm-up).

    python -m bench.load --target on=http://127.0.0.1:5001/alexa \
        --target off=http://127.0.0.1:5002/alexa --schedule on,off,off,on \
        --slice-seconds 1 --pool pool.json --concurrency 4 --out load.json
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import json
import threading
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

_TIMEOUT_SECONDS = 10


@dataclass
class Tally:
    """What one target answered, over all its slices."""

    seconds: float = 0.0
    latencies_ms: list[float] = field(default_factory=list)
    statuses: Counter[str] = field(default_factory=Counter)


def drive(
    url: str,
    pool: list[tuple[bytes, dict[str, str]]],
    seconds: float,
    concurrency: int,
    tally: Tally,
    requests: int | None = None,
) -> None:
    """Post the pool round-robin from ``concurrency`` connections for ``seconds`` (or until
    ``requests`` have been sent, if that comes first), adding to ``tally``."""
    parts = urlsplit(url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    turns = itertools.count()
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def client() -> None:
        mine: list[float] = []
        seen: Counter[str] = Counter()
        connection = http.client.HTTPConnection(host, port, timeout=_TIMEOUT_SECONDS)
        while time.perf_counter() < deadline:
            turn = next(turns)
            if requests is not None and turn >= requests:
                break
            body, headers = pool[turn % len(pool)]
            started = time.perf_counter()
            try:
                connection.request("POST", parts.path, body=body, headers=headers)
                answer = connection.getresponse()
                answer.read()
                status = str(answer.status)
            except (OSError, http.client.HTTPException) as error:
                status = type(error).__name__
                connection.close()
                connection = http.client.HTTPConnection(host, port, timeout=_TIMEOUT_SECONDS)
            mine.append((time.perf_counter() - started) * 1000)
            seen[status] += 1
        connection.close()
        with lock:
            tally.latencies_ms.extend(mine)
            tally.statuses.update(seen)

    threads = [threading.Thread(target=client) for _ in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    tally.seconds += time.perf_counter() - started


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.load")
    parser.add_argument("--target", action="append", required=True, help="NAME=URL")
    parser.add_argument("--schedule", required=True, help="target names, comma-separated")
    parser.add_argument("--slice-seconds", type=float, required=True)
    parser.add_argument("--pool", type=Path, required=True)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--requests", type=int, help="send this many requests, then stop")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    targets = dict(target.split("=", 1) for target in args.target)
    pool = [
        (item["body"].encode("utf-8"), {**item["headers"], "Content-Type": "application/json"})
        for item in json.loads(args.pool.read_text(encoding="utf-8"))
    ]
    tallies = {name: Tally() for name in targets}
    for name in args.schedule.split(","):
        drive(
            targets[name], pool, args.slice_seconds, args.concurrency, tallies[name], args.requests
        )
    result: dict[str, Any] = {
        name: {
            "seconds": tally.seconds,
            "latencies_ms": tally.latencies_ms,
            "statuses": dict(tally.statuses),
        }
        for name, tally in tallies.items()
    }
    args.out.write_text(json.dumps(result), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
