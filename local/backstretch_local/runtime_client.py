"""The unpacked bundle run as AWS's Python runtime runs it: Lambda's own runtime client
(`awslambdaric`) in a fresh interpreter, ``python -S -m awslambdaric
lambda_function.lambda_handler`` from the bundle's folder, against a `RuntimeApi`.

    folder = runtime_client_folder(tmp / "runtime")     # Lambda's /var/runtime, made here
    with RuntimeApi() as api:
        runtime = start_runtime(bundle_dir, folder, api, {"PROGRESS_TABLE": ...})
        api.invoke(envelope)
        runtime.peak_rss_kib(); runtime.stop()

The interpreter sees the bundle, the runtime client and the standard library, nothing else:
``-S`` leaves this machine's site-packages out, so whatever the skill imports must ship.
"""

from __future__ import annotations

import importlib.metadata
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from backstretch_local.runtime_api import RuntimeApi

RUNTIME_CLIENT = "awslambdaric"
HANDLER = "lambda_function.lambda_handler"
_REQUIREMENT_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*")


class RuntimeClientMissing(Exception):
    """awslambdaric is not installed here (it is in the `dev` extra)."""


def runtime_client_folder(target: Path) -> Path:
    """Copy the installed runtime client and the distributions it requires into ``target``
    (what Lambda keeps in /var/runtime), once; returns ``target``."""
    if target.is_dir():
        return target
    partial = target.with_name(target.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    names, seen = [RUNTIME_CLIENT], set()
    while names:
        name = names.pop()
        if name.lower() in seen:
            continue
        seen.add(name.lower())
        try:
            distribution = importlib.metadata.distribution(name)
        except importlib.metadata.PackageNotFoundError as error:
            raise RuntimeClientMissing(
                f"{name} is not installed: `pip install -e '.[dev]'` brings awslambdaric"
            ) from error
        for file in distribution.files or ():
            if file.suffix == ".pyc" or ".dist-info" in file.parts[0] or file.parts[0] == "..":
                continue
            destination = partial / file
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(Path(str(distribution.locate_file(file))), destination)
        for requirement in distribution.requires or ():
            if "extra ==" not in requirement:
                found = _REQUIREMENT_NAME.match(requirement)
                if found:
                    names.append(found.group(0))
    os.replace(partial, target)
    return target


@dataclass
class RuntimeProcess:
    """One runtime process: Lambda's execution environment, started at ``started``."""

    process: subprocess.Popen[bytes]
    started: float  # time.monotonic() just before the process was started
    _stdout: IO[bytes]
    _stderr: IO[bytes]

    def peak_rss_kib(self) -> int:
        """The process's peak resident memory so far (``VmHWM``), in KiB."""
        status = Path(f"/proc/{self.process.pid}/status").read_text(encoding="ascii")
        found = re.search(r"^VmHWM:\s+(\d+) kB", status, re.MULTILINE)
        if found is None:
            raise RuntimeError("no VmHWM in /proc: peak memory cannot be read here")
        return int(found.group(1))

    def output(self) -> str:
        """Everything the runtime printed so far (its logs), stdout then stderr."""
        text = []
        for stream in (self._stdout, self._stderr):
            stream.flush()
            stream.seek(0)
            text.append(stream.read().decode("utf-8", "replace"))
        return "".join(text)

    def stop(self) -> str:
        """End the runtime (as Lambda ends an environment); returns what it printed."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(5.0)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5.0)
        printed = self.output()
        self._stdout.close()
        self._stderr.close()
        return printed


def lambda_variables(api: RuntimeApi, bundle: Path, runtime_folder: Path) -> dict[str, str]:
    """The variables Lambda's Python 3.11 runtime sets for a 512 MB function (the template's)."""
    return {
        "AWS_LAMBDA_RUNTIME_API": api.address,
        "AWS_LAMBDA_FUNCTION_NAME": api.function_arn.rsplit(":", 1)[-1],
        "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": "512",
        "AWS_LAMBDA_FUNCTION_VERSION": "$LATEST",
        "AWS_EXECUTION_ENV": "AWS_Lambda_python3.11",
        "LAMBDA_TASK_ROOT": str(bundle),
        "LAMBDA_RUNTIME_DIR": str(runtime_folder),
        "PYTHONPATH": str(runtime_folder),
        # No zone database on Lambda's image: only the bundle's tzdata package.
        "PYTHONTZPATH": "",
        "TZ": ":UTC",
        "LANG": "en_US.UTF-8",
        "PATH": "/usr/bin:/bin",
    }


def start_runtime(
    bundle: Path,
    runtime_folder: Path,
    api: RuntimeApi,
    environment: Mapping[str, str],
    *,
    handler: str = HANDLER,
    before_exec: Callable[[], None] | None = None,
) -> RuntimeProcess:
    """Start ``python -S -m awslambdaric lambda_function.lambda_handler`` in ``bundle``.

    ``environment`` is the function's own (what the template sets, and credentials), laid
    over Lambda's variables; nothing of this process's environment is passed on.
    ``before_exec`` runs in the child before the interpreter starts (e.g. to join a cgroup).
    """
    variables = {**lambda_variables(api, bundle, runtime_folder), **environment}
    # Files, not pipes: a runtime that logs a lot never blocks on a pipe nobody reads yet.
    stdout = tempfile.TemporaryFile()  # noqa: SIM115 - closed by RuntimeProcess.stop
    stderr = tempfile.TemporaryFile()  # noqa: SIM115 - closed by RuntimeProcess.stop
    started = time.monotonic()
    process = subprocess.Popen(  # noqa: S603 - fixed arguments, no shell
        [sys.executable, "-S", "-m", RUNTIME_CLIENT, handler],
        cwd=bundle,
        env=variables,
        stdin=subprocess.DEVNULL,
        stdout=stdout,
        stderr=stderr,
        preexec_fn=before_exec,
    )
    return RuntimeProcess(process, started, stdout, stderr)
