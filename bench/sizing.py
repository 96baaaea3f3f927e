"""Sizing the skill's function from figures: the bundle run by Lambda's own runtime client, at
each memory size Lambda offers it, with the CPU share Lambda gives that size.

    python -m bench.sizing                          # 5 cold starts per size, about 4 minutes
    python -m bench.sizing --runs 1 --sizes 512     # a smoke run

Lambda gives a function CPU in proportion to its memory: 1,769 MB is one vCPU, 128 MB about
7 % of one. Each run here starts a fresh runtime process (``python -S -m awslambdaric
lambda_function.lambda_handler`` in the unpacked bundle, `backstretch_local.runtime_client`)
in a cgroup whose CPU quota is that share of one CPU and whose memory limit is the size, then
plays a whole routine against moto's DynamoDB: a launch (the cold start's first invocation),
three "next" (the last one saves the routine), the weekly summary, and a launch on the now
warm process (a returning person's, the next day). It records the init
phase (process start to the first ``/next``), each invocation's duration (event taken to
answer posted, what Lambda bills), the process's peak resident memory (``VmHWM``), the
cgroup's peak (page cache included) and the bytes logged per turn; and, once, the size of the
items a routine leaves in the table, for the cost of its writes.

Where no cgroup can be made (not root, no cgroup v1 ``cpu`` controller) every size runs
unthrottled and the results say so: then only the memory figures mean anything.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import tempfile
import zipfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

from backstretch.progress.dynamodb import progress_client
from backstretch_local.dynamodb import local_aws_environment
from backstretch_local.runtime_api import Invocation, RuntimeApi
from backstretch_local.runtime_client import runtime_client_folder, start_runtime
from bench.backends import BENCH_DIR, REGION, Backend, Tables, create_tables, lambda_environment
from bench.conversations import OUR_TURNS, conversation, new_user, our_round
from scripts.package_lambda import build

SIZES: Final = (128, 256, 512, 1024, 1769)
ONE_VCPU_MB: Final = 1769  # Lambda: one full vCPU at 1,769 MB, in proportion below it
CFS_PERIOD_US: Final = 100_000
BUILD: Final = BENCH_DIR / ".build" / "sizing"
DEFAULT_JSON: Final = BENCH_DIR / "sizing.json"
# Our round (a cold launch, three "next", the summary), then a launch on the warm process.
TURNS: Final = (*OUR_TURNS, "warm launch")
# Generous: at 128 MB a cold start is seconds of wall time on a shared machine.
WAIT_SECONDS: Final = 120.0


@dataclass(frozen=True)
class CpuShare:
    """Two cgroups (v1), nested under this process's own: ``size/1769`` of one CPU, and
    ``size`` MB of memory, as Lambda gives a function of that size."""

    size_mb: int
    cpu: Path
    memory: Path

    @classmethod
    def make(cls, size_mb: int) -> CpuShare | None:
        """None where cgroups cannot be made here."""
        folders = {}
        for controller in ("cpu", "memory"):
            own = _own_cgroup(controller)
            if own is None:
                return None
            folders[controller] = own / f"backstretch-sizing-{size_mb}"
        try:
            for folder in folders.values():
                folder.mkdir(exist_ok=True)
            quota = max(1000, round(CFS_PERIOD_US * size_mb / ONE_VCPU_MB))
            (folders["cpu"] / "cpu.cfs_period_us").write_text(str(CFS_PERIOD_US))
            (folders["cpu"] / "cpu.cfs_quota_us").write_text(str(quota))
            (folders["memory"] / "memory.limit_in_bytes").write_text(str(size_mb * 2**20))
        except OSError:
            return None
        return cls(size_mb, folders["cpu"], folders["memory"])

    def reset_peak(self) -> None:
        (self.memory / "memory.max_usage_in_bytes").write_text("0")

    def join(self) -> None:
        """Move the calling process in (run in the child, before the interpreter starts)."""
        pid = str(os.getpid())
        (self.cpu / "cgroup.procs").write_text(pid)
        (self.memory / "cgroup.procs").write_text(pid)

    def peak_mib(self) -> float:
        return int((self.memory / "memory.max_usage_in_bytes").read_text()) / 2**20

    def remove(self) -> None:
        for folder in (self.cpu, self.memory):
            folder.rmdir()


def _own_cgroup(controller: str) -> Path | None:
    root = Path("/sys/fs/cgroup") / controller
    for line in Path("/proc/self/cgroup").read_text().splitlines():
        _, controllers, path = line.split(":", 2)
        if controller in controllers.split(",") and root.is_dir():
            return root / path.lstrip("/")
    return None


def unpacked_bundle() -> Path:
    """The bundle as it ships, built by scripts/package_lambda.py and unpacked."""
    task = BUILD / "task"
    shutil.rmtree(task, ignore_errors=True)
    zipped = build(BUILD / "lambda.zip", BUILD / "staging")
    with zipfile.ZipFile(zipped.path) as archive:
        archive.extractall(task)
    return task


def one_run(
    size: int, bundle: Path, runtime: Path, endpoint: str, share: CpuShare | None
) -> dict[str, Any]:
    """A cold start at ``size`` and a whole routine, on a fresh runtime process, against the
    DynamoDB at ``endpoint`` (with the tables `bench.backends.create_tables` makes)."""
    if share is not None:
        share.reset_peak()
    environment = {
        **lambda_environment(endpoint, Tables()),
        "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": str(size),
        "HOME": tempfile.gettempdir(),
    }
    invocations: list[Invocation] = []
    with RuntimeApi() as api:
        process = start_runtime(
            bundle, runtime, api, environment, before_exec=share.join if share else None
        )
        try:
            first_poll = api.wait_for_poll(1, WAIT_SECONDS)

            def handler(envelope: dict[str, Any], _: Any) -> dict[str, Any]:
                invocations.append(api.invoke(envelope, timeout=WAIT_SECONDS))
                answer: dict[str, Any] = invocations[-1].json()
                return answer

            person = new_user("sizing")
            our_round(handler, person)
            handler(conversation(person).launch(), None)  # the next day's, on a warm process
            peak_rss = process.peak_rss_kib() / 1024
        finally:
            logged = process.stop()
    return {
        "init_ms": (first_poll - process.started) * 1000,
        "turn_ms": {
            turn: invocation.seconds * 1000
            for turn, invocation in zip(TURNS, invocations, strict=True)
        },
        "peak_rss_mib": peak_rss,
        "cgroup_peak_mib": share.peak_mib() if share else None,
        "log_bytes_per_turn": len(logged.encode("utf-8")) / len(invocations),
    }


def item_sizes(backend: Backend, table: str) -> dict[str, int]:
    """The largest item of each kind a routine leaves (profile, routine), in bytes as DynamoDB
    counts them: attribute names and values, UTF-8."""
    client = progress_client(backend.endpoint, REGION)
    largest: dict[str, int] = {}
    for item in client.scan(TableName=table)["Items"]:
        kind = "profile" if item["sk"]["S"].startswith("~") else "routine"
        size = sum(len(name.encode()) + _value_bytes(value) for name, value in item.items())
        largest[kind] = max(largest.get(kind, 0), size)
    return largest


def _value_bytes(value: Any) -> int:
    ((kind, inner),) = value.items()
    if kind in ("S", "N", "B"):
        return len(str(inner).encode())
    if kind in ("BOOL", "NULL"):
        return 1
    if kind in ("SS", "NS"):
        return sum(len(str(v).encode()) for v in inner)
    if kind == "M":
        return 3 + sum(len(k.encode()) + _value_bytes(v) + 1 for k, v in inner.items())
    return 3 + sum(_value_bytes(v) + 1 for v in inner)  # "L"


def summarise(runs: list[dict[str, Any]]) -> dict[str, Any]:
    def median(pick: Callable[[dict[str, Any]], float]) -> float:
        return round(statistics.median(pick(run) for run in runs), 1)

    turns = {t: median(lambda run, t=t: run["turn_ms"][t]) for t in TURNS}  # type: ignore[misc]
    warm = [t for t in TURNS if t != "launch"]
    return {
        "runs": len(runs),
        "init_ms": median(lambda run: run["init_ms"]),
        "first_invocation_ms": turns["launch"],
        "cold_start_ms": median(lambda run: run["init_ms"] + run["turn_ms"]["launch"]),
        "turn_ms": turns,
        "warm_turn_ms_max": max(turns[t] for t in warm),
        # A routine on a warm process: its launch and three "next".
        "warm_routine_ms": round(turns["warm launch"] + sum(turns[t] for t in OUR_TURNS[1:4]), 1),
        "peak_rss_mib": max(run["peak_rss_mib"] for run in runs),
        "cgroup_peak_mib": (
            max(run["cgroup_peak_mib"] for run in runs) if runs[0]["cgroup_peak_mib"] else None
        ),
        "log_bytes_per_turn": median(lambda run: run["log_bytes_per_turn"]),
    }


@contextmanager
def shares(sizes: Sequence[int]) -> Iterator[dict[int, CpuShare | None]]:
    made = {size: CpuShare.make(size) for size in sizes}
    try:
        yield made
    finally:
        for share in made.values():
            if share is not None:
                share.remove()


def render(results: dict[str, Any]) -> str:
    rows = [
        "| memory | CPU share | init | first invocation | cold start | warm turn (max) "
        "| peak RSS | cgroup peak |",
        "|---|---|---|---|---|---|---|---|",
    ]
    timed = ("init_ms", "first_invocation_ms", "cold_start_ms", "warm_turn_ms_max")
    for size, figures in results["sizes"].items():
        share, cgroup = figures["cpu_share"], figures["cgroup_peak_mib"]
        cells = [
            f"{size} MB",
            "none" if share is None else f"{share:.0%}",
            *(f"{figures[key]:.0f} ms" for key in timed),
            f"{figures['peak_rss_mib']:.0f} MiB",
            "n/a" if cgroup is None else f"{cgroup:.0f} MiB",
        ]
        rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.sizing", description=__doc__)
    parser.add_argument("--runs", type=int, default=5, help="cold starts per size (5)")
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="MB, comma-separated")
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON, help="%(default)s")
    args = parser.parse_args(argv)
    sizes = [int(size) for size in args.sizes.split(",")]
    load_before = [round(load, 2) for load in os.getloadavg()]
    os.environ.update(local_aws_environment(REGION))  # moto runs in this process
    bundle, runtime = unpacked_bundle(), runtime_client_folder(BUILD / "var-runtime")
    runs: dict[int, list[dict[str, Any]]] = {size: [] for size in sizes}
    with Backend("moto") as backend, shares(sizes) as made:
        create_tables(backend, Tables())
        for index in range(args.runs):
            order = sizes[index % len(sizes) :] + sizes[: index % len(sizes)]
            for size in order:  # rotated, so no size always follows the same one
                runs[size].append(one_run(size, bundle, runtime, backend.endpoint, made[size]))
                print(f"run {index + 1}, {size} MB: done", flush=True)
        items = item_sizes(backend, Tables().ours)
        throttled = {size: made[size] is not None for size in sizes}
    results = {
        "meta": {
            "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
            "nproc": os.cpu_count(),
            "machine": platform.machine(),
            "python": platform.python_version(),
            # Other work on the machine takes CPU the quotas cannot give back.
            "load_average_before": load_before,
            "runs_per_size": args.runs,
            "turns": list(TURNS),
        },
        "sizes": {
            size: {
                "cpu_share": min(1.0, size / ONE_VCPU_MB) if throttled[size] else None,
                **summarise(runs[size]),
            }
            for size in sizes
        },
        "item_bytes": items,
    }
    print(render(results))
    print(f"largest items: {items}")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print(f"written to {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
