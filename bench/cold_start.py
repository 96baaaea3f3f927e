"""Cold start: a fresh interpreter importing ``lambda_function`` from a built bundle, then
answering its first request, ours against the reference's.

Ours is built as it ships, by ``scripts/package_lambda.py`` (binary wheels for the Lambda
runtime, botocore's data for DynamoDB alone); the reference's with the same pip options from
its own requirements, as the ASK CLI would. The interpreter runs with ``-S -E`` so nothing
but the bundle (and the standard library) is importable. Two conditions, interleaved run by run:

- ``source``: no ``.pyc`` in the bundle and ``-B``, as on Lambda with a bundle without
  bytecode (``/var/task`` is read-only, so every cold start compiles the bundle's modules);
- ``bytecode``: ``.pyc`` files written by a warm-up run, as if the bundle shipped them.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import sysconfig
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from bench.backends import BENCH_DIR, REPO_DIR, Tables
from bench.conversations import conversation, new_user
from bench.profiling import summarize
from bench.stats import median, ratio
from bench.turn_worker import lambda_environment

BUILD_DIR: Final = BENCH_DIR / ".build"
PACKAGE_SCRIPT: Final = REPO_DIR / "scripts" / "package_lambda.py"
REFERENCE_DIR: Final = BENCH_DIR / "reference"
# The same wheels scripts/package_lambda.py takes: what the Lambda runtime (3.11, x86_64) runs.
PIP_TARGET_OPTIONS: Final = (
    "--quiet",
    "--disable-pip-version-check",
    "--no-compile",
    "--platform",
    "manylinux2014_x86_64",
    "--implementation",
    "cp",
    "--python-version",
    "3.11",
    "--only-binary=:all:",
)
_RUN_TIMEOUT_SECONDS: Final = 120
_MARK: Final = "BENCH-COLD "

_PROFILE_MARK: Final = "BENCH-PROFILE "

# Runs in the fresh interpreter: sys.argv[1] is the bundle's import path, [2] the first event,
# [3] "profile" to run the first turn under cProfile (and print its raw entries).
_PROBE: Final = f"""
import json, sys, time
started = time.perf_counter()
sys.path[:0] = json.loads(sys.argv[1])
import lambda_function
imported = time.perf_counter()
event = json.loads(sys.argv[2])
if sys.argv[3] == "profile":
    import cProfile, pstats
    profiler = cProfile.Profile()
    response = profiler.runcall(lambda_function.lambda_handler, event, None)
    entries = [[f, l, n, c, own, cum] for (f, l, n), (_, c, own, cum, _)
               in pstats.Stats(profiler).stats.items()]
    print({_PROFILE_MARK!r} + json.dumps(entries))
else:
    response = lambda_function.lambda_handler(event, None)
answered = time.perf_counter()
if not response.get("response", {{}}).get("outputSpeech"):
    raise SystemExit("no speech in the first answer: " + json.dumps(response))
print({_MARK!r} + json.dumps({{"import_ms": (imported - started) * 1e3,
                             "first_turn_ms": (answered - imported) * 1e3}}))
"""


@dataclass(frozen=True)
class Bundle:
    """What a fresh interpreter puts on its path to import ``lambda_function``."""

    name: str
    paths: tuple[Path, ...]
    built_by: str

    def strip_bytecode(self) -> None:
        for path in self.paths:
            for cache in path.rglob("__pycache__"):
                shutil.rmtree(cache, ignore_errors=True)


def build_bundles(mode: str) -> tuple[Bundle, Bundle]:
    """(ours, reference). ``mode`` "build" builds real bundles under bench/.build; "venv"
    imports from lambda/ and bench/reference/ with this virtualenv's site-packages (quick,
    offline, and never stripped of bytecode)."""
    if mode == "venv":
        site = Path(sysconfig.get_paths()["purelib"])
        return (
            Bundle("ours", (REPO_DIR / "lambda", site), "virtualenv (quick)"),
            Bundle("reference", (REFERENCE_DIR, site), "virtualenv (quick)"),
        )
    BUILD_DIR.mkdir(exist_ok=True)
    return _build_ours(BUILD_DIR / "ours"), _build_reference(BUILD_DIR / "reference")


def _build_ours(target: Path) -> Bundle:
    command = [
        sys.executable,
        str(PACKAGE_SCRIPT),
        "--dir",
        str(target),
        "--out",
        str(target.with_suffix(".zip")),
    ]
    subprocess.run(command, cwd=REPO_DIR, check=True, capture_output=True)  # noqa: S603
    return Bundle("ours", (target,), "scripts/package_lambda.py")


def _build_reference(target: Path) -> Bundle:
    _pip_target(REFERENCE_DIR / "requirements.txt", target)
    shutil.copy2(REFERENCE_DIR / "lambda_function.py", target)
    return Bundle("reference", (target,), "pip install --target (bench)")


def _pip_target(requirements: Path, target: Path) -> None:
    """Install ``requirements`` into ``target``, unless the same requirements already are."""
    stamp = target / ".bench-requirements"
    wanted = hashlib.sha256(requirements.read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text() == wanted:
        return
    shutil.rmtree(target, ignore_errors=True)
    command = [
        sys.executable,
        "-m",
        "pip",
        "install",
        *PIP_TARGET_OPTIONS,
        "--target",
        str(target),
        "--requirement",
        str(requirements),
    ]
    subprocess.run(command, check=True, capture_output=True)  # noqa: S603
    stamp.write_text(wanted)


def _run(
    bundle: Bundle,
    env: dict[str, str],
    *,
    write_bytecode: bool = False,
    importtime: bool = False,
    profile_first_turn: bool = False,
) -> subprocess.CompletedProcess[str]:
    event = conversation(new_user("cold")).launch()
    flags = ["-S", "-E"] + ([] if write_bytecode else ["-B"])
    if importtime:
        flags += ["-X", "importtime"]
    command = [
        sys.executable,
        *flags,
        "-c",
        _PROBE,
        json.dumps([str(p) for p in bundle.paths]),
        json.dumps(event),
        "profile" if profile_first_turn else "time",
    ]
    finished = subprocess.run(  # noqa: S603 - our probe, our bundle
        command,
        cwd=bundle.paths[0],
        env=env,
        capture_output=True,
        text=True,
        timeout=_RUN_TIMEOUT_SECONDS,
        check=False,
    )
    if finished.returncode != 0:
        raise RuntimeError(f"cold start of {bundle.name} failed:\n{finished.stderr[-3000:]}")
    return finished


def _marked(finished: subprocess.CompletedProcess[str], mark: str) -> Any:
    for line in finished.stdout.splitlines():
        if line.startswith(mark):
            return json.loads(line[len(mark) :])
    raise RuntimeError(f"no {mark.strip()} line in the probe's output: {finished.stdout[-2000:]}")


def _timings(finished: subprocess.CompletedProcess[str]) -> dict[str, float]:
    timings: dict[str, float] = _marked(finished, _MARK)
    return timings


def import_contributors(stderr: str, top: int = 10) -> dict[str, Any]:
    """``-X importtime`` output: own time summed by top-level package, and the top modules."""
    by_package: Counter[str] = Counter()
    modules: list[tuple[str, int]] = []
    for line in stderr.splitlines():
        if not line.startswith("import time:"):
            continue
        own, _, name = line[len("import time:") :].split("|", 2)
        if not own.strip().isdigit():
            continue  # the header line
        module = name.strip()
        by_package[module.split(".")[0]] += int(own)
        modules.append((module, int(own)))
    total = sum(by_package.values())
    return {
        "total_ms": round(total / 1000, 2),
        "modules_imported": len(modules),
        "top_packages": [
            {"package": name, "own_ms": round(us / 1000, 2)}
            for name, us in by_package.most_common(top)
        ],
        "top_modules": [
            {"module": name, "own_ms": round(us / 1000, 2)}
            for name, us in sorted(modules, key=lambda m: -m[1])[:top]
        ],
    }


def measure_cold_start(endpoint: str, tables: Tables, runs: int, mode: str) -> dict[str, Any]:
    """Median import and first-turn times of fresh interpreters, ours and the reference's."""
    ours, reference = build_bundles(mode)
    env = {"PATH": os.environ.get("PATH", ""), **lambda_environment(endpoint, tables)}
    conditions = ("source", "bytecode") if mode == "build" else ("bytecode",)
    results: dict[str, Any] = {
        "bundles": {b.name: b.built_by for b in (ours, reference)},
        "runs": runs,
        "conditions": {},
    }
    for condition in conditions:
        bytecode = condition == "bytecode"
        for bundle in (ours, reference):
            if bytecode:
                _run(bundle, env, write_bytecode=True)  # a warm-up that writes .pyc files
            else:
                bundle.strip_bytecode()
        samples: dict[str, list[dict[str, float]]] = {"ours": [], "reference": []}
        for index in range(runs):
            order = (ours, reference) if index % 2 == 0 else (reference, ours)
            for bundle in order:
                samples[bundle.name].append(_timings(_run(bundle, env)))
        condition_results: dict[str, Any] = {}
        for bundle in (ours, reference):
            traced = _run(bundle, env, importtime=True)
            profiled = _run(bundle, env, profile_first_turn=True)
            condition_results[bundle.name] = {
                "import_ms": round(median([s["import_ms"] for s in samples[bundle.name]]), 2),
                "first_turn_ms": round(
                    median([s["first_turn_ms"] for s in samples[bundle.name]]), 2
                ),
                "import_and_first_turn_ms": round(
                    median([s["import_ms"] + s["first_turn_ms"] for s in samples[bundle.name]]),
                    2,
                ),
                "importtime": import_contributors(traced.stderr),
                "first_turn_profile": summarize(
                    [tuple(entry) for entry in _marked(profiled, _PROFILE_MARK)]
                ),
            }
        for key in ("import_ms", "import_and_first_turn_ms"):
            condition_results[f"ratio_{key}"] = ratio(
                condition_results["ours"][key], condition_results["reference"][key]
            )
        results["conditions"][condition] = condition_results
    return results
