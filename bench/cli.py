"""`python -m bench`: every benchmark in one process tree, a table of figures, and JSON.

python -m bench                      # the full run (a few minutes on 2 cores)
python -m bench --quick --json /tmp/smoke.json   # the smoke run the tests use
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import tempfile
import time
import traceback
from collections.abc import Callable, Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any, Final

from backstretch_local.dynamodb import local_aws_environment
from bench.backends import (
    BENCH_DIR,
    REGION,
    Backend,
    Tables,
    available_backends,
    create_tables,
)
from bench.report import flatness, latency_section, render, targets

DEFAULT_JSON: Final = BENCH_DIR / "results.json"


@dataclass(frozen=True)
class Settings:
    """How much of everything to measure."""

    quick: bool
    rounds: int
    warmup: int
    seconds: float
    concurrency: int
    cold_runs: int
    bundles: str
    history_sizes: tuple[int, ...]
    summary_repetitions: int
    profile_rounds: int
    backends: list[str] | None
    json_path: Path


def parse_args(argv: Sequence[str] | None) -> Settings:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="a small smoke run (tests)")
    parser.add_argument("--iterations", type=int, help="rounds of turns per backend (100)")
    parser.add_argument(
        "--seconds", type=float, help="endpoint load per mode, verification on/off (10)"
    )
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON, help="%(default)s")
    parser.add_argument("--concurrency", type=int, default=4, help="load connections (4)")
    parser.add_argument("--cold-runs", type=int, help="fresh interpreters per bundle (7)")
    parser.add_argument(
        "--bundles",
        choices=["build", "venv"],
        help="cold start from built bundles (default) or this virtualenv (--quick)",
    )
    parser.add_argument(
        "--backends", help="comma-separated: moto,dynalite (default: those available)"
    )
    args = parser.parse_args(argv)
    quick = bool(args.quick)
    return Settings(
        quick=quick,
        rounds=args.iterations or (2 if quick else 100),
        warmup=1 if quick else 3,
        seconds=args.seconds or (1.0 if quick else 10.0),
        concurrency=args.concurrency,
        cold_runs=args.cold_runs or (1 if quick else 7),
        bundles=args.bundles or ("venv" if quick else "build"),
        history_sizes=(1, 10, 100) if quick else (1, 100, 10_000),
        summary_repetitions=2 if quick else 20,
        profile_rounds=1 if quick else 10,
        backends=args.backends.split(",") if args.backends else None,
        json_path=args.json,
    )


def main(argv: Sequence[str] | None = None) -> int:
    settings = parse_args(argv)
    os.environ.update(local_aws_environment(REGION))  # moto runs in this process; children inherit
    tables = Tables()
    results: dict[str, Any] = {"meta": _meta(settings)}
    timings: dict[str, float] = results["meta"]["section_seconds"]
    failures: list[str] = []

    def section(name: str, work: Callable[[], Any]) -> Any:
        started = time.monotonic()
        try:
            return work()
        except Exception as error:
            failures.append(name)
            traceback.print_exc()
            return {"error": f"{type(error).__name__}: {error}"}
        finally:
            timings[name] = round(time.monotonic() - started, 1)

    with tempfile.TemporaryDirectory(prefix="bench-") as folder, ExitStack() as stack:
        work_dir = Path(folder)
        backends: list[Backend] = []
        for backend in available_backends(settings.backends):
            backends.append(stack.enter_context(backend))
            create_tables(backend, tables)
        results["meta"]["backends"] = [b.name for b in backends]
        results["meta"]["notes"] += [f"{b.name}: {note}" for b in backends for note in b.notes]
        _turns(settings, backends, tables, work_dir, results, section)
        results["cold_start"] = section(
            "cold_start", lambda: _cold_start(backends[0], tables, settings)
        )
        results["throughput"] = {
            backend.name: section(
                f"throughput {backend.name}",
                partial(_throughput, backend, tables, settings, work_dir),
            )
            for backend in backends
        }
    results["targets"] = targets(results)
    results["meta"]["failed_sections"] = failures
    print(render(results))
    settings.json_path.parent.mkdir(parents=True, exist_ok=True)
    settings.json_path.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print(f"\nwritten to {settings.json_path}")
    return 1 if failures else 0


def _turns(
    settings: Settings,
    backends: list[Backend],
    tables: Tables,
    work_dir: Path,
    results: dict[str, Any],
    section: Callable[[str, Callable[[], Any]], Any],
) -> None:
    """Per-turn latency, calls per turn and summary history, one worker per backend."""
    from bench.turn_worker import WorkerSettings, run_worker

    results["latency"], results["summary_history"] = {}, {}
    for backend in backends:
        worker_settings = WorkerSettings(
            backend=backend.name,
            endpoint=backend.endpoint,
            rounds=settings.rounds,
            warmup=settings.warmup,
            history_sizes=settings.history_sizes,
            summary_repetitions=settings.summary_repetitions,
            profile_rounds=settings.profile_rounds,
            tables=tables,
        )
        worker = section(f"turns {backend.name}", partial(run_worker, worker_settings, work_dir))
        if "error" in worker:
            results["latency"][backend.name] = worker
            continue
        results["latency"][backend.name] = latency_section(worker)
        rows = worker["summary_history"]
        results["summary_history"][backend.name] = {"rows": rows, "flatness": flatness(rows)}
        if "dynamodb_calls" not in results:  # the first backend's (moto: every operation)
            results["dynamodb_calls"] = {"backend": backend.name, **worker["calls"]}
            results["profiles"] = worker["profiles"]


def _cold_start(backend: Backend, tables: Tables, settings: Settings) -> Any:
    from bench.cold_start import measure_cold_start

    return measure_cold_start(backend.endpoint, tables, settings.cold_runs, settings.bundles)


def _throughput(backend: Backend, tables: Tables, settings: Settings, work_dir: Path) -> Any:
    from bench.throughput import measure_throughput

    folder = work_dir / f"throughput-{backend.name}"
    folder.mkdir()
    return measure_throughput(backend, tables, settings.seconds, settings.concurrency, folder)


def _meta(settings: Settings) -> dict[str, Any]:
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "nproc": os.cpu_count(),
        "machine": platform.machine(),
        "python": platform.python_version(),
        "quick": settings.quick,
        "rounds": settings.rounds,
        "warmup_rounds": settings.warmup,
        "throughput_seconds_per_mode": settings.seconds,
        "cold_runs": settings.cold_runs,
        "history_sizes": list(settings.history_sizes),
        "section_seconds": {},
        "notes": [
            "Turns run in a child process with Lambda's environment (AWS_LAMBDA_FUNCTION_NAME "
            "set: our JSON logs and EMF metrics go to its stdout, as on Lambda).",
            "Requests to ours and the reference carry no apiAccessToken, so neither calls "
            "Alexa's APIs; 'ours+progressive' sends its progressive responses (and the time "
            "zone request) to a local HTTPS fake of Alexa's API over loopback.",
            "Rounds alternate ours / reference / ours+progressive in rotated order; a fresh "
            "person every round; each of our rounds' data is deleted afterwards (untimed).",
            "Reference: ask-sdk-core CustomSkillBuilder + DynamoDbAdapter (bench/reference), "
            "launch and 'next' each GetItem + PutItem of one attributes blob; its "
            "'next 4' stands against our weekly summary.",
        ],
    }
