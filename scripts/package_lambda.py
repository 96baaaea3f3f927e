"""Build the Lambda bundle: lambda/ and lambda/requirements.txt, as one deterministic zip.

What ships is exactly the runtime: lambda/backstretch and lambda_function.py, with the
dependencies lambda/requirements.txt names (the same list as pyproject.toml's ``dependencies``).
Nothing is traced or left out: the local tools and their dependencies live in local/.

    python scripts/package_lambda.py [--out build/lambda.zip] [--dir build/lambda]

Dependencies come as binary wheels for the function's runtime and architecture (CPython 3.11 on
x86_64, as infra/template.yaml declares), whatever machine builds the bundle. The zip is
byte-for-byte the same for the same inputs: sorted entries, fixed timestamps and permissions.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import py_compile
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "lambda"
REQUIREMENTS = SOURCE / "requirements.txt"

# What infra/template.yaml runs (tests/integration/test_deployment_agrees.py holds the two
# together).
PYTHON_VERSION = "3.11"
WHEEL_PLATFORM = "manylinux2014_x86_64"

# The AWS services the skill calls: the table, and the outbox queue a write still owed when a
# session ends is left with (tests/e2e/test_bundle.py plays turns through the bundle, its
# outbox client made). botocore's data for every other one is left out.
AWS_SERVICES = frozenset({"dynamodb", "sqs"})

# Never part of a bundle: whatever bytecode pip or an import left (timestamp-checked, so it
# depends on build times) and packaging leftovers. Bytecode is compiled afresh instead (below).
JUNK_DIRS = {"__pycache__"}
JUNK_SUFFIXES = (".pyc", ".pyo")
JUNK_DIR_SUFFIXES = (".egg-info",)

# Where Lambda unpacks the bundle; compiled code names its sources under it.
LAMBDA_TASK_ROOT = "/var/task"

# The zip format's epoch: every entry gets this date, so the bytes depend only on the contents.
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
FILE_MODE = 0o644  # readable by Lambda's runtime user, which is not the owner


class BuildFailed(Exception):
    """The bundle could not be built; the message says why."""


@dataclass(frozen=True)
class Bundle:
    """A built zip: where it is, how big it is, and how many files it holds."""

    path: Path
    size_bytes: int
    file_count: int


def build(out: Path, staging: Path) -> Bundle:
    """Stage dependencies and the skill's code in ``staging`` (emptied first), zip to ``out``.

    >>> bundle = build(ROOT / "build/lambda.zip", ROOT / "build/lambda")
    """
    if not REQUIREMENTS.is_file():
        raise BuildFailed(f"{REQUIREMENTS} not found")
    here = staging.resolve()
    if SOURCE.is_relative_to(here) or here.is_relative_to(SOURCE):
        # It is emptied first: never the sources, nor a folder holding or inside them.
        raise BuildFailed(f"refusing to use {staging} as the staging directory")
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir(parents=True)
    install_requirements(staging)
    keep_aws_data_for(AWS_SERVICES, staging)
    copy_skill_code(staging)
    remove_junk(staging)
    compile_bytecode(staging)
    count = write_zip(staging, out)
    return Bundle(out, out.stat().st_size, count)


def install_requirements(target: Path) -> None:
    """pip-install requirements.txt into ``target`` as wheels built for the Lambda runtime."""
    command = [
        sys.executable,
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
        "--no-compile",
        "--target",
        str(target),
        "--platform",
        WHEEL_PLATFORM,
        "--implementation",
        "cp",
        "--python-version",
        PYTHON_VERSION,
        "--only-binary=:all:",
        "--requirement",
        str(REQUIREMENTS),
    ]
    result = subprocess.run(command, check=False)  # noqa: S603 - fixed arguments, no shell
    if result.returncode != 0:
        raise BuildFailed(
            f"pip could not install {REQUIREMENTS.relative_to(ROOT)} for CPython "
            f"{PYTHON_VERSION} on {WHEEL_PLATFORM} (exit {result.returncode}); every "
            "requirement needs a wheel for that platform"
        )
    # Console scripts: their shebang names this machine's interpreter, and nothing runs them.
    shutil.rmtree(target / "bin", ignore_errors=True)


def keep_aws_data_for(services: frozenset[str], target: Path) -> None:
    """Keep botocore's (and boto3's) data for ``services`` alone.

    botocore ships the models of ~440 services (28 MB unpacked). Creating a client lists every
    service folder to check the name, and decodes the endpoint data of every service (1.2 MB
    of JSON): on a cold start, about 60 ms of the first turn for data the skill never uses.
    The endpoint data keeps each partition whole, with only these services' entries.
    """
    for data in (target / "botocore" / "data", target / "boto3" / "data"):
        for path in data.iterdir():
            if path.is_dir() and path.name not in services:
                shutil.rmtree(path)
    endpoints = target / "botocore" / "data" / "endpoints.json"
    if not endpoints.is_file():
        raise BuildFailed(f"{endpoints} not found: botocore's data has another shape")
    document = json.loads(endpoints.read_text(encoding="utf-8"))
    for partition in document["partitions"]:
        partition["services"] = {
            name: entry for name, entry in partition["services"].items() if name in services
        }
    endpoints.write_text(json.dumps(document, separators=(",", ":")), encoding="utf-8")


def copy_skill_code(target: Path) -> list[Path]:
    """lambda_function.py and the backstretch package, whole: everything under lambda/ ships
    (what runs only on a laptop lives in local/, with its own dependencies). Returns what was
    copied."""
    copied: list[Path] = []
    for path in sorted([SOURCE / "lambda_function.py", *(SOURCE / "backstretch").rglob("*")]):
        if not path.is_file():
            continue  # bytecode caches come too, and go with pip's (remove_junk)
        destination = target / path.relative_to(SOURCE)
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, destination)
        copied.append(path)
    return copied


def remove_junk(root: Path) -> None:
    """Bytecode caches and .egg-info folders: nothing the function can use."""
    for path in sorted(root.rglob("*"), reverse=True):
        if path.exists() and _is_junk(path):
            if path.is_dir():
                shutil.rmtree(path)
            else:
                path.unlink()


def compile_bytecode(root: Path) -> None:
    """Ship bytecode, so a cold start does not compile every module it imports.

    Lambda's /var/task is read-only, so without it each new container compiles the whole
    import graph again. Unchecked-hash .pyc files never look at timestamps (the zip's are
    fixed), and naming sources under /var/task keeps the bytes independent of this machine.
    """
    if sys.version_info[:2] != tuple(int(part) for part in PYTHON_VERSION.split(".")):
        raise BuildFailed(f"bytecode must be compiled by CPython {PYTHON_VERSION}")
    compiled = compileall.compile_dir(
        root,
        quiet=1,
        stripdir=str(root),
        prependdir=LAMBDA_TASK_ROOT,
        invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH,
    )
    if not compiled:
        raise BuildFailed("some modules of the bundle do not compile")


def _is_junk(path: Path) -> bool:
    if path.is_dir():
        return path.name in JUNK_DIRS or path.name.endswith(JUNK_DIR_SUFFIXES)
    return path.name.endswith(JUNK_SUFFIXES)


def write_zip(root: Path, out: Path) -> int:
    """Zip every file under ``root`` deterministically; return how many files went in."""
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".partial")
    count = 0
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in _files(root):
            entry = zipfile.ZipInfo(path.relative_to(root).as_posix(), date_time=ZIP_DATE)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = (0o100000 | FILE_MODE) << 16
            entry.create_system = 3  # Unix, so the permissions above are honoured
            archive.writestr(entry, path.read_bytes(), compresslevel=9)
            count += 1
    os.replace(partial, out)
    return count


def _files(root: Path) -> Iterator[Path]:
    """Regular files under ``root``, in a fixed (sorted, POSIX path) order."""
    found = (path for path in root.rglob("*") if path.is_file())
    yield from sorted(found, key=lambda path: path.relative_to(root).as_posix())


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "lambda.zip")
    parser.add_argument("--dir", type=Path, default=ROOT / "build" / "lambda")
    args = parser.parse_args(argv)
    try:
        bundle = build(args.out, args.dir)
    except (BuildFailed, OSError) as error:
        print(f"package_lambda: {error}", file=sys.stderr)
        return 1
    print(
        f"{bundle.path}: {bundle.size_bytes / 1_000_000:.1f} MB "
        f"({bundle.size_bytes} bytes), {bundle.file_count} files"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
