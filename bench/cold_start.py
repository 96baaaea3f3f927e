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
import statistics
import subprocess
import sys
import sysconfig
from pathlib import Path
from typing import Any, Final

from bench.backends import BENCH_DIR, REPO_DIR, Tables, lambda_environment
from bench.conversations import conversation, new_user
from bench.stats import ratio

BUILD_DIR: Final = BENCH_DIR / ".build"
REFERENCE_DIR: Final = BENCH_DIR / "reference"
# The same wheels scripts/package_lambda.py takes: what the Lambda runtime (3.11, x86_64) runs.
PIP_TARGET_OPTIONS: Final = [
    *("--quiet", "--disable-pip-version-check", "--no-compile", "--only-binary=:all:"),
    *("--platform", "manylinux2014_x86_64", "--implementation", "cp", "--python-version", "3.11"),
]
_MARK: Final = "BENCH-COLD "

# Runs in the fresh interpreter: sys.argv[1] is the bundle's import path, [2] the first event.
_PROBE: Final = f"""
import json, sys, time
started = time.perf_counter()
sys.path[:0] = json.loads(sys.argv[1])
import lambda_function
imported = time.perf_counter()
response = lambda_function.lambda_handler(json.loads(sys.argv[2]), None)
answered = time.perf_counter()
if not response.get("response", {{}}).get("outputSpeech"):
    raise SystemExit("no speech in the first answer: " + json.dumps(response))
print({_MARK!r} + json.dumps({{"import_ms": (imported - started) * 1e3,
                             "first_turn_ms": (answered - imported) * 1e3}}))
"""

Bundle = tuple[str, tuple[Path, ...], str]  # (name, its import path, what built it)


def build_bundles(mode: str) -> tuple[Bundle, Bundle]:
    """(ours, reference). ``mode`` "build" builds real bundles under bench/.build; "venv"
    imports from lambda/ and bench/reference/ with this virtualenv's site-packages (quick,
    offline, and never stripped of bytecode)."""
    if mode == "venv":
        site, built_by = Path(sysconfig.get_paths()["purelib"]), "virtualenv (quick)"
        return (
            ("ours", (REPO_DIR / "lambda", site), built_by),
            ("reference", (REFERENCE_DIR, site), built_by),
        )
    ours, reference = BUILD_DIR / "ours", BUILD_DIR / "reference"
    package = [str(REPO_DIR / "scripts" / "package_lambda.py"), "--dir", str(ours)]
    _run_quietly([*package, "--out", str(ours.with_suffix(".zip"))])
    # The reference's requirements, unless the same requirements already are installed.
    requirements = REFERENCE_DIR / "requirements.txt"
    stamp, wanted = reference / ".bench-requirements", hashlib.sha256(requirements.read_bytes())
    if not stamp.exists() or stamp.read_text() != wanted.hexdigest():
        shutil.rmtree(reference, ignore_errors=True)
        pip = ["-m", "pip", "install", *PIP_TARGET_OPTIONS, "--target", str(reference)]
        _run_quietly([*pip, "--requirement", str(requirements)])
        stamp.write_text(wanted.hexdigest())
    shutil.copy2(REFERENCE_DIR / "lambda_function.py", reference)
    return (
        ("ours", (ours,), "scripts/package_lambda.py"),
        ("reference", (reference,), "pip install --target (bench)"),
    )


def _run_quietly(arguments: list[str]) -> None:
    subprocess.run([sys.executable, *arguments], cwd=REPO_DIR, check=True, capture_output=True)  # noqa: S603


def _run(bundle: Bundle, env: dict[str, str], *, write_bytecode: bool = False) -> dict[str, float]:
    """One fresh interpreter's import and first-turn times, in ms."""
    name, paths, _ = bundle
    command = [sys.executable, "-S", "-E", *([] if write_bytecode else ["-B"]), "-c", _PROBE]
    command += [
        json.dumps([str(p) for p in paths]),
        json.dumps(conversation(new_user("cold")).launch()),
    ]
    finished = subprocess.run(  # noqa: S603 - our probe, our bundle
        command, cwd=paths[0], env=env, capture_output=True, text=True, timeout=120, check=False
    )
    for line in finished.stdout.splitlines() if finished.returncode == 0 else []:
        if line.startswith(_MARK):
            timings: dict[str, float] = json.loads(line[len(_MARK) :])
            return timings
    raise RuntimeError(f"cold start of {name} failed:\n{finished.stderr[-3000:]}")


def measure_cold_start(endpoint: str, tables: Tables, runs: int, mode: str) -> dict[str, Any]:
    """Median import and first-turn times of fresh interpreters, ours and the reference's."""
    bundles = build_bundles(mode)
    env = {"PATH": os.environ.get("PATH", ""), **lambda_environment(endpoint, tables)}
    results: dict[str, Any] = {
        "bundles": {name: built_by for name, _, built_by in bundles},
        "runs": runs,
        "conditions": {},
    }
    for condition in ("source", "bytecode") if mode == "build" else ("bytecode",):
        for bundle in bundles:
            if condition == "bytecode":
                _run(bundle, env, write_bytecode=True)  # a warm-up that writes .pyc files
            else:
                for cache in (c for path in bundle[1] for c in path.rglob("__pycache__")):
                    shutil.rmtree(cache, ignore_errors=True)
        samples: dict[str, list[dict[str, float]]] = {"ours": [], "reference": []}
        for index in range(runs):
            for bundle in bundles if index % 2 == 0 else bundles[::-1]:
                samples[bundle[0]].append(_run(bundle, env))
        figures: dict[str, Any] = {}
        for name, runs_of in samples.items():
            for run in runs_of:
                run["import_and_first_turn_ms"] = run["import_ms"] + run["first_turn_ms"]
            figures[name] = {
                key: round(statistics.median(run[key] for run in runs_of), 2)
                for key in ("import_ms", "first_turn_ms", "import_and_first_turn_ms")
            }
        for key in ("import_ms", "import_and_first_turn_ms"):
            figures[f"ratio_{key}"] = ratio(figures["ours"][key], figures["reference"][key])
        results["conditions"][condition] = figures
    return results
