"""Endpoint throughput: the Flask endpoint with request verification on and off, driven over
loopback from a separate load process, in alternating slices (on, off, off, on).

Requests are a routine's turns (launch, then "next" with the session attributes the skill
really hands back) for a pool of people, signed by a local CA standing in for Amazon's
(``backstretch_local.alexa_signing``), with a fresh timestamp before every block of slices.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
import time
from collections import Counter
from contextlib import ExitStack
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

from backstretch.skill.config import SkillConfig
from backstretch.skill.service import BackStretchSkill
from backstretch_local.alexa_signing import AlexaPKI, AlexaSigner
from backstretch_local.envelopes import LOCAL_SKILL_ID, timestamp
from backstretch_local.web.verification import RequestVerifier, VerifierConfig
from bench.backends import REGION, REPO_DIR, Backend, Tables
from bench.child import run_child
from bench.conversations import conversation, new_user
from bench.stats import distribution, ratio

POOL_PEOPLE: Final = 50
SLICES: Final = ("on", "off", "off", "on")
_BLOCK_SECONDS: Final = 60.0
_VERIFY_REQUESTS: Final = 400


def start_server(
    mode: str, backend: Backend, tables: Tables, signer: AlexaSigner, work_dir: Path
) -> tuple[str, subprocess.Popen[str]]:
    """A bench.endpoint_server child, with verification on or off: its URL, and itself."""
    job = {
        "dynamodb_endpoint": backend.endpoint,
        "table": tables.load,
        "skill_id": LOCAL_SKILL_ID,
        "verify": mode == "on",
        "root": signer.root_pem.decode(),
        "chain": signer.chain_pem.decode(),
        "cert_url": signer.cert_url,
    }
    job_file, stats = work_dir / f"server-{mode}.json", work_dir / f"server-{mode}-stats.json"
    job_file.write_text(json.dumps(job), encoding="utf-8")
    with (work_dir / f"server-{mode}.log").open("w", encoding="utf-8") as log:
        process = subprocess.Popen(  # noqa: S603 - our own module
            [sys.executable, "-m", "bench.endpoint_server", str(job_file), str(stats)],
            cwd=REPO_DIR,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=log,  # the access log and the skill's log, as a terminal would get them
            text=True,
        )
    assert process.stdout is not None
    line = process.stdout.readline()
    if not line.startswith("port "):
        process.kill()
        raise RuntimeError(f"endpoint server ({mode}) did not start: {line!r}")
    return f"http://127.0.0.1:{line.split()[1]}/alexa", process


def stop_server(process: subprocess.Popen[str], stats: Path) -> dict[str, Any]:
    assert process.stdin is not None
    process.stdin.close()
    process.wait(timeout=30)
    return json.loads(stats.read_text(encoding="utf-8")) if stats.exists() else {}


def request_pool(backend: Backend, tables: Tables, turns: int) -> list[dict[str, Any]]:
    """Every person's routine: launch, then "next" carrying the attributes the skill hands
    back (captured in-process once), for the first ``turns`` turns (4: to the finish)."""
    config = SkillConfig(
        skill_id=LOCAL_SKILL_ID,
        table_name=tables.load,
        dynamodb_endpoint=backend.endpoint,
        region=REGION,
    )
    skill, alexa = BackStretchSkill(config), conversation(new_user("capture"))
    attributes = []
    alexa.carry(skill.handle_payload(alexa.launch()))
    for _ in range(turns - 1):
        attributes.append(dict(alexa.attributes))
        alexa.carry(skill.handle_payload(alexa.intent("AMAZON.NextIntent")))
    pool = []
    for _ in range(POOL_PEOPLE):
        alexa = conversation(new_user("load"))
        pool.append(alexa.launch())
        for carried in attributes:
            alexa.attributes, alexa.new = carried, False
            pool.append(alexa.intent("AMAZON.NextIntent"))
    return pool


def sign(pool: list[dict[str, Any]], signer: AlexaSigner) -> list[dict[str, Any]]:
    """The pool with a fresh timestamp, each body signed as Alexa signs it."""
    now = timestamp(datetime.now(UTC))
    signed = []
    for envelope in pool:
        envelope["request"]["timestamp"] = now
        body = json.dumps(envelope)
        signed.append({"body": body, "headers": signer.headers(body.encode("utf-8"))})
    return signed


def schedule(seconds: float) -> tuple[float, list[list[str]]]:
    """Slice length, and blocks of slices (on, off, off, on, ...) giving each mode ``seconds``.

    A block lasts at most a minute, so its pre-signed timestamps stay well inside the 150 s
    that verification allows.

    >>> schedule(2.0)
    (1.0, [['on', 'off', 'off', 'on']])
    """
    slice_seconds = min(1.0, seconds / 2)
    slices = [SLICES[i % len(SLICES)] for i in range(2 * math.ceil(seconds / slice_seconds))]
    per_block = max(2, int(_BLOCK_SECONDS / slice_seconds) // 2 * 2)
    return slice_seconds, [slices[i : i + per_block] for i in range(0, len(slices), per_block)]


def measure_throughput(
    backend: Backend, tables: Tables, seconds: float, concurrency: int, work_dir: Path
) -> dict[str, Any]:
    """Requests per second and latency with verification on and off (``seconds`` each)."""
    signer = AlexaPKI().signer()
    # dynalite has no TransactWriteItems: there the routine stops short of its finishing turn.
    turns = 4 if backend.has_transactions else 3
    pool = request_pool(backend, tables, turns)
    slice_seconds, blocks = schedule(seconds)
    tallies: dict[str, dict[str, Any]] = {
        mode: {"seconds": 0.0, "latencies_ms": [], "statuses": Counter()} for mode in ("on", "off")
    }
    errors_before = backend.server_errors()
    with ExitStack() as stack:
        servers = {
            mode: start_server(mode, backend, tables, signer, work_dir) for mode in ("on", "off")
        }
        for process in (process for _, process in servers.values()):
            stack.callback(process.kill)
        urls = {mode: url for mode, (url, _) in servers.items()}

        def load(order: list[str], slice_seconds: float, requests: int | None = None) -> Any:
            job = {"targets": urls, "schedule": order, "slice_seconds": slice_seconds}
            job |= {"pool": sign(pool, signer), "concurrency": concurrency, "requests": requests}
            timeout = slice_seconds * len(order) + 120
            return run_child("bench.load", job, work_dir, timeout=timeout)

        # Warm-up: each server answers the whole pool once, so that every routine is already
        # finished before the measured slices (whose finishing turns are then all replays).
        for mode in ("off", "on"):
            load([mode], 60, requests=len(pool))
        for block in blocks:
            for mode, tally in load(block, slice_seconds).items():
                for key in ("seconds", "latencies_ms", "statuses"):
                    tallies[mode][key] += tally[key]
        stats = {
            mode: stop_server(process, work_dir / f"server-{mode}-stats.json")
            for mode, (_, process) in servers.items()
        }
    errors_after = backend.server_errors()
    results: dict[str, Any] = {
        "server": "Hypercorn, as `backstretch serve` runs it",
        "backend": backend.name,
        "backend_server_errors": (
            None if errors_before is None or errors_after is None else errors_after - errors_before
        ),
        "concurrency": concurrency,
        "slice_seconds": slice_seconds,
        "pool": f"{POOL_PEOPLE} people x the routine's first {turns} turns, cycled",
    }
    for mode in ("on", "off"):
        tally, latencies = tallies[mode], tallies[mode]["latencies_ms"]
        results[f"verify_{mode}"] = {
            "requests": len(latencies),
            "seconds": round(tally["seconds"], 3),
            "requests_per_second": round(len(latencies) / tally["seconds"], 1),
            "latency_ms": distribution(latencies),
            "statuses": dict(tally["statuses"]),
            "certificate_fetches": stats[mode].get("certificate_fetches", 0),
        }
    results["ratio_rps"] = ratio(
        results["verify_on"]["requests_per_second"], results["verify_off"]["requests_per_second"]
    )
    results["verification_in_process"] = {"per_request_us": _verification_cost(pool, signer)}
    return results


def _verification_cost(pool: list[dict[str, Any]], signer: AlexaSigner) -> float:
    """What RequestVerifier.verify alone costs per request, in this process, in µs."""
    verifier = RequestVerifier(
        VerifierConfig(trusted_roots_pem=signer.root_pem), fetch_certificate=signer.fetcher()
    )
    signed = sign(pool, signer) * (_VERIFY_REQUESTS // len(pool) + 1)
    requests = [(item["headers"], item["body"].encode()) for item in signed][:_VERIFY_REQUESTS]
    verifier.verify(*requests[0])  # fetch and check the chain once, as the server does
    started = time.perf_counter()
    for headers, body in requests:
        verifier.verify(headers, body)
    return round((time.perf_counter() - started) / len(requests) * 1e6, 1)
