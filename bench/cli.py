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
    lambda_environment,
)
from bench.child import run_child
from bench.report import render, targets

DEFAULT_JSON: Final = BENCH_DIR / "results.json"
NOTES: Final = (
    "Turns run in a child process with Lambda's environment (AWS_LAMBDA_FUNCTION_NAME "
    "set: our JSON logs and EMF metrics go to its stdout, as on Lambda).",
    "Requests to ours and the reference carry no apiAccessToken, so neither calls Alexa's APIs.",
    "Rounds alternate ours / reference in rotated order; a fresh person every round; each of "
    "our rounds' data is deleted afterwards (untimed).",
    "Reference: ask-sdk-core CustomSkillBuilder + DynamoDbAdapter (bench/reference), "
    "launch and 'next' each GetItem + PutItem of one attributes blob; its "
    "'next 4' stands against our weekly summary.",
)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="a small smoke run (tests)")
    parser.add_argument("--iterations", type=int, help="rounds of turns per backend (100)")
    parser.add_argument("--seconds", type=float, help="endpoint load per mode, verify on/off (10)")
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON, help="%(default)s")
    parser.add_argument("--concurrency", type=int, default=4, help="load connections (4)")
    parser.add_argument("--cold-runs", type=int, help="fresh interpreters per bundle (7)")
    parser.add_argument(
        "--bundles",
        choices=["build", "venv"],
        help="cold start from built bundles (default) or this virtualenv (--quick)",
    )
    parser.add_argument("--backends", help="comma-separated: moto,dynalite (default: available)")
    args = parser.parse_args(argv)
    quick = args.quick
    args.rounds = args.iterations or (2 if quick else 100)
    args.warmup = 1 if quick else 3
    args.seconds = args.seconds or (1.0 if quick else 10.0)
    args.cold_runs = args.cold_runs or (1 if quick else 7)
    args.bundles = args.bundles or ("venv" if quick else "build")
    args.history_sizes = [1, 10, 100] if quick else [1, 100, 10_000]
    args.summary_repetitions = 2 if quick else 20
    args.backends = args.backends.split(",") if args.backends else None
    return args


def main(argv: Sequence[str] | None = None) -> int:
    settings = parse_args(argv)
    os.environ.update(local_aws_environment(REGION))  # moto runs in this process; children inherit
    tables = Tables()
    meta: dict[str, Any] = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "nproc": os.cpu_count(),
        "machine": platform.machine(),
        "python": platform.python_version(),
        "quick": settings.quick,
        "rounds": settings.rounds,
        "warmup_rounds": settings.warmup,
        "throughput_seconds_per_mode": settings.seconds,
        "cold_runs": settings.cold_runs,
        "history_sizes": settings.history_sizes,
        "section_seconds": {},
        "notes": list(NOTES),
    }
    results: dict[str, Any] = {"meta": meta}
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
            meta["section_seconds"][name] = round(time.monotonic() - started, 1)

    with tempfile.TemporaryDirectory(prefix="bench-") as folder, ExitStack() as stack:
        work_dir = Path(folder)
        backends = [stack.enter_context(b) for b in available_backends(settings.backends)]
        for backend in backends:
            create_tables(backend, tables)
        meta["backends"] = [b.name for b in backends]
        meta["notes"] += [f"{b.name}: {note}" for b in backends for note in b.notes]
        results |= {"latency": {}, "summary_history": {}}
        for backend in backends:
            worker = section(
                f"turns {backend.name}", partial(_turns, backend, tables, settings, work_dir)
            )
            results["latency"][backend.name] = worker.get("latency", worker)
            if "error" not in worker:
                results["summary_history"][backend.name] = worker["summary_history"]
                # The first backend's (moto: every operation).
                results.setdefault("dynamodb_calls", {"backend": backend.name, **worker["calls"]})
        results["cold_start"] = section(
            "cold_start", partial(_cold_start, backends[0], tables, settings)
        )
        results["throughput"] = {
            b.name: section(
                f"throughput {b.name}", partial(_throughput, b, tables, settings, work_dir)
            )
            for b in backends
        }
    results["targets"] = targets(results)
    meta["failed_sections"] = failures
    print(render(results))
    settings.json.parent.mkdir(parents=True, exist_ok=True)
    settings.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print(f"\nwritten to {settings.json}")
    return 1 if failures else 0


def _turns(backend: Backend, tables: Tables, settings: argparse.Namespace, work_dir: Path) -> Any:
    """Per-turn latency, calls per turn and summary history, in a worker with Lambda's
    environment (this process's, without its AWS settings)."""
    job = {
        "rounds": settings.rounds,
        "warmup": settings.warmup,
        "history_sizes": settings.history_sizes,
        "summary_repetitions": settings.summary_repetitions,
        "history_table": tables.history,
    }
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env |= lambda_environment(backend.endpoint, tables)
    return run_child("bench.turn_worker", job, work_dir, env=env, timeout=3600)


def _cold_start(backend: Backend, tables: Tables, settings: argparse.Namespace) -> Any:
    from bench.cold_start import measure_cold_start

    return measure_cold_start(backend.endpoint, tables, settings.cold_runs, settings.bundles)


def _throughput(
    backend: Backend, tables: Tables, settings: argparse.Namespace, work_dir: Path
) -> Any:
    from bench.throughput import measure_throughput

    folder = work_dir / f"throughput-{backend.name}"
    folder.mkdir()
    return measure_throughput(backend, tables, settings.seconds, settings.concurrency, folder)
