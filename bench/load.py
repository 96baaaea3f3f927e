"""A child process that drives endpoints over loopback for a bounded time.

The job names the endpoints (``targets``, name to URL) and says which one each slice of
``slice_seconds`` goes to (``schedule``, e.g. on, off, off, on), so that slow drift of the
machine hits every target alike. In a slice, each of ``concurrency`` threads keeps one
HTTP/1.1 connection open and posts the ``pool``'s pre-signed requests in turn. Every latency
and status is answered, per target. With ``requests`` N, a slice sends N requests and stops
(a warm-up). Run by `bench.throughput` (`bench.child.run_child`).
"""

from __future__ import annotations

import http.client
import itertools
import threading
import time
from collections import Counter
from typing import Any
from urllib.parse import urlsplit

from bench.child import child_main


def drive(
    url: str,
    pool: list[tuple[str, dict[str, str]]],
    seconds: float,
    concurrency: int,
    tally: dict[str, Any],
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
        connection = http.client.HTTPConnection(host, port, timeout=10)
        while time.perf_counter() < deadline:
            turn = next(turns)
            if requests is not None and turn >= requests:
                break
            body, headers = pool[turn % len(pool)]
            started = time.perf_counter()
            try:
                connection.request("POST", parts.path, body=body.encode(), headers=headers)
                answer = connection.getresponse()
                answer.read()
                status = str(answer.status)
            except (OSError, http.client.HTTPException) as error:
                status = type(error).__name__
                connection.close()
                connection = http.client.HTTPConnection(host, port, timeout=10)
            mine.append((time.perf_counter() - started) * 1000)
            seen[status] += 1
        connection.close()
        with lock:
            tally["latencies_ms"] += mine
            tally["statuses"].update(seen)

    threads = [threading.Thread(target=client) for _ in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    tally["seconds"] += time.perf_counter() - started


def load(job: dict[str, Any]) -> dict[str, Any]:
    pool = [
        (item["body"], {**item["headers"], "Content-Type": "application/json"})
        for item in job["pool"]
    ]
    tallies = {
        name: {"seconds": 0.0, "latencies_ms": [], "statuses": Counter()} for name in job["targets"]
    }
    for name in job["schedule"]:
        url, seconds = job["targets"][name], job["slice_seconds"]
        drive(url, pool, seconds, job["concurrency"], tallies[name], job.get("requests"))
    return tallies


if __name__ == "__main__":
    raise SystemExit(child_main(load))
