"""The benchmark's child processes: a module of ours run on a JSON job, answering in JSON."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.backends import REPO_DIR


def run_child(
    module: str, job: Any, work_dir: Path, *, env: dict[str, str] | None = None, timeout: float
) -> Any:
    """``python -m module JOB.json OUT.json``; what it wrote, or an error with its log's tail.

    Its output goes to a log beside the job (for the turn worker: what Lambda would ship to
    CloudWatch, our JSON logs and metrics)."""
    name = f"{module.removeprefix('bench.')}-{len(list(work_dir.glob('*.job.json')))}"
    job_file, out_file, log = (
        work_dir / f"{name}.{end}" for end in ("job.json", "out.json", "log")
    )
    job_file.write_text(json.dumps(job), encoding="utf-8")
    with log.open("wb") as output:
        finished = subprocess.run(  # noqa: S603 - our own module, our own arguments
            [sys.executable, "-m", module, str(job_file), str(out_file)],
            cwd=REPO_DIR,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            timeout=timeout,
            check=False,
        )
    if finished.returncode != 0:
        tail = log.read_text(encoding="utf-8", errors="replace")[-3000:]
        raise RuntimeError(f"{name} failed:\n{tail}")
    return json.loads(out_file.read_text(encoding="utf-8"))


def child_main(work: Callable[[Any], Any]) -> int:
    """The child's side of `run_child`: the job in, ``work(job)`` out."""
    job_file, out_file = sys.argv[1:]
    job = json.loads(Path(job_file).read_text(encoding="utf-8"))
    Path(out_file).write_text(json.dumps(work(job)), encoding="utf-8")
    return 0
