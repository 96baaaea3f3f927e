"""Endpoint throughput: the Flask endpoint with request verification on and off, driven over
loopback from a separate load process, in alternating slices (on, off, off, on).

Requests are a routine's turns (launch, then "next" with the session attributes the skill
really hands back) for a pool of people, signed by a local CA standing in for Amazon's
(tests/support/alexa_signing.py), with a fresh timestamp before every slice.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
import time
from collections import Counter
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any, Final

from backstretch.skill.config import SkillConfig
from backstretch.skill.service import BackStretchSkill
from backstretch_local.alexa_signing import AlexaPKI, AlexaSigner
from backstretch_local.envelopes import LOCAL_SKILL_ID as SKILL_ID
from backstretch_local.envelopes import timestamp
from backstretch_local.web.verification import RequestVerifier, VerifierConfig
from bench.backends import REGION, REPO_DIR, Backend, Tables
from bench.conversations import conversation, new_user
from bench.profiling import profile
from bench.stats import Distribution, ratio

POOL_PEOPLE: Final = 50
SLICES: Final = ("on", "off", "off", "on")
_BLOCK_SECONDS: Final = 60.0
_START_SECONDS: Final = 30.0
_VERIFY_PROFILE_REQUESTS: Final = 400


@dataclass
class EndpointServer:
    """A running bench.endpoint_server child, with verification on or off."""

    mode: str
    process: subprocess.Popen[str]
    port: int
    stats_file: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/alexa"

    def stop(self) -> dict[str, Any]:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait(timeout=_START_SECONDS)
        if self.stats_file.exists():
            stats: dict[str, Any] = json.loads(self.stats_file.read_text(encoding="utf-8"))
            return stats
        return {}


def start_server(
    mode: str, backend: Backend, tables: Tables, signer: AlexaSigner, work_dir: Path, log: IO[str]
) -> EndpointServer:
    (work_dir / "root.pem").write_bytes(signer.root_pem)
    (work_dir / "chain.pem").write_bytes(signer.chain_pem)
    stats = work_dir / f"server-{mode}-stats.json"
    command = [
        sys.executable,
        "-m",
        "bench.endpoint_server",
        "--dynamodb-endpoint",
        backend.endpoint,
        "--table",
        tables.load,
        "--skill-id",
        SKILL_ID,
        "--verify" if mode == "on" else "--no-verify",
        "--root",
        str(work_dir / "root.pem"),
        "--chain",
        str(work_dir / "chain.pem"),
        "--cert-url",
        signer.cert_url,
        "--stats",
        str(stats),
    ]
    process = subprocess.Popen(  # noqa: S603 - our own module
        command,
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
    return EndpointServer(mode, process, int(line.split()[1]), stats)


def routine_templates(backend: Backend, tables: Tables) -> list[dict[str, Any]]:
    """The session attributes the skill hands back after launch, next and next (in-process)."""
    config = SkillConfig(
        skill_id=SKILL_ID,
        table_name=tables.load,
        dynamodb_endpoint=backend.endpoint,
        region=REGION,
    )
    skill = BackStretchSkill(config)
    alexa = conversation(new_user("capture"))
    attributes: list[dict[str, Any]] = [{}]
    alexa.carry(skill.handle_payload(alexa.launch()))
    for _ in range(2):
        attributes.append(dict(alexa.attributes))
        alexa.carry(skill.handle_payload(alexa.intent("AMAZON.NextIntent")))
    attributes.append(dict(alexa.attributes))
    return attributes


def request_pool(attributes: list[dict[str, Any]], turns: int) -> list[dict[str, Any]]:
    """Every person's routine: launch, then "next" carrying the captured attributes, for the
    first ``turns`` turns of the routine (4: to the finish)."""
    pool = []
    for _ in range(POOL_PEOPLE):
        alexa = conversation(new_user("load"))
        pool.append(alexa.launch())
        for carried in attributes[1:turns]:
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


def run_load(
    targets: dict[str, str],
    order: list[str],
    slice_seconds: float,
    pool_file: Path,
    concurrency: int,
    out: Path,
    requests: int | None = None,
) -> Any:
    command = [
        sys.executable,
        "-m",
        "bench.load",
        *(f"--target={name}={url}" for name, url in targets.items()),
        "--schedule",
        ",".join(order),
        "--slice-seconds",
        str(slice_seconds),
        "--pool",
        str(pool_file),
        "--concurrency",
        str(concurrency),
        "--out",
        str(out),
        *(["--requests", str(requests)] if requests is not None else []),
    ]
    timeout = slice_seconds * len(order) + 120
    subprocess.run(command, cwd=REPO_DIR, check=True, timeout=timeout)  # noqa: S603
    return json.loads(out.read_text(encoding="utf-8"))


def measure_throughput(
    backend: Backend, tables: Tables, seconds: float, concurrency: int, work_dir: Path
) -> dict[str, Any]:
    """Requests per second and latency with verification on and off (``seconds`` each)."""
    pki = AlexaPKI()
    signer = pki.signer()
    # dynalite has no TransactWriteItems: there the routine stops short of its finishing turn.
    turns = 3 if "TransactWriteItems" in backend.missing_operations else 4
    pool = request_pool(routine_templates(backend, tables), turns)
    slice_seconds, blocks = schedule(seconds)
    tallies: dict[str, dict[str, Any]] = {
        mode: {"seconds": 0.0, "latencies_ms": [], "statuses": Counter()} for mode in ("on", "off")
    }
    pool_file = work_dir / "pool.json"
    errors_before = backend.server_errors()
    with ExitStack() as stack:
        log = stack.enter_context((work_dir / "servers.log").open("w", encoding="utf-8"))
        servers: dict[str, EndpointServer] = {}
        for mode in ("on", "off"):
            servers[mode] = start_server(mode, backend, tables, signer, work_dir, log)
            stack.callback(servers[mode].stop)
        urls = {mode: server.url for mode, server in servers.items()}
        # Warm-up: each server answers the whole pool once, so that every routine is already
        # finished before the measured slices (whose finishing turns are then all replays).
        pool_file.write_text(json.dumps(sign(pool, signer)), encoding="utf-8")
        for mode in ("off", "on"):
            warm = work_dir / f"warm-{mode}.json"
            run_load(urls, [mode], 60, pool_file, concurrency, warm, requests=len(pool))
        for index, block in enumerate(blocks):
            pool_file.write_text(json.dumps(sign(pool, signer)), encoding="utf-8")
            out = work_dir / f"load-{index}.json"
            loaded = run_load(urls, block, slice_seconds, pool_file, concurrency, out)
            for mode, tally in loaded.items():
                tallies[mode]["seconds"] += tally["seconds"]
                tallies[mode]["latencies_ms"].extend(tally["latencies_ms"])
                tallies[mode]["statuses"].update(tally["statuses"])
        stack.pop_all()
        stats = {mode: server.stop() for mode, server in servers.items()}

    errors_after = backend.server_errors()
    results: dict[str, Any] = {
        "server": "waitress, as `backstretch serve` runs it with verification on",
        "backend": backend.name,
        "backend_server_errors": (
            None if errors_before is None or errors_after is None else errors_after - errors_before
        ),
        "concurrency": concurrency,
        "slice_seconds": slice_seconds,
        "pool": f"{POOL_PEOPLE} people x the routine's first {turns} turns, cycled",
    }
    for mode in ("on", "off"):
        tally = tallies[mode]
        latencies = tally["latencies_ms"]
        results[f"verify_{mode}"] = {
            "requests": len(latencies),
            "seconds": round(tally["seconds"], 3),
            "requests_per_second": round(len(latencies) / tally["seconds"], 1),
            "latency_ms": Distribution.of(latencies).as_dict(),
            "statuses": dict(tally["statuses"]),
            "certificate_fetches": stats[mode].get("certificate_fetches", 0),
        }
    results["ratio_rps"] = ratio(
        results["verify_on"]["requests_per_second"], results["verify_off"]["requests_per_second"]
    )
    results["verification_in_process"] = _verification_cost(pool, signer)
    return results


def _verification_cost(pool: list[dict[str, Any]], signer: AlexaSigner) -> dict[str, Any]:
    """What RequestVerifier.verify alone costs per request, in this process, profiled."""
    verifier = RequestVerifier(
        VerifierConfig(trusted_roots_pem=signer.root_pem), fetch_certificate=signer.fetcher()
    )
    signed = sign(pool, signer)
    requests = [
        (item["headers"], item["body"].encode("utf-8"))
        for item in (signed * (_VERIFY_PROFILE_REQUESTS // len(signed) + 1))
    ][:_VERIFY_PROFILE_REQUESTS]
    verifier.verify(*requests[0])  # fetch and check the chain once, as the server does
    started = time.perf_counter()
    for headers, body in requests:
        verifier.verify(headers, body)
    per_request_us = (time.perf_counter() - started) / len(requests) * 1e6

    def verify_all() -> None:
        for headers, body in requests:
            verifier.verify(headers, body)

    profiled = profile(verify_all)
    return {"per_request_us": round(per_request_us, 1), "profile": profiled}
