"""Build the Lambda bundle: lambda/ and lambda/requirements.txt, as one deterministic zip.

    python scripts/package_lambda.py [--out build/lambda.zip] [--dir build/lambda]

Dependencies come as binary wheels for the function's runtime and architecture (CPython 3.11 on
x86_64, as infra/template.yaml declares), whatever machine builds the bundle. The zip is
byte-for-byte the same for the same inputs: sorted entries, fixed timestamps and permissions.
"""

from __future__ import annotations

import argparse
import ast
import compileall
import os
import py_compile
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "lambda"
REQUIREMENTS = SOURCE / "requirements.txt"

# What infra/template.yaml runs (tests/test_deployment_agrees.py holds the two together).
PYTHON_VERSION = "3.11"
WHEEL_PLATFORM = "manylinux2014_x86_64"

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
    left_out: tuple[Path, ...] = ()  # modules of lambda/ the function never imports


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
    left_out = copy_skill_code(staging)
    remove_junk(staging)
    compile_bytecode(staging)
    count = write_zip(staging, out)
    return Bundle(out, out.stat().st_size, count, tuple(left_out))


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


def copy_skill_code(target: Path) -> list[Path]:
    """lambda_function.py and the modules it imports, with their packages' data files.

    What lambda/ holds beyond that (the local endpoint and CLI, the embedded DynamoDB of
    `backstretch serve`, the template loader the tests use) needs packages that are not in
    requirements.txt, and the function never runs it. Returns what was left out.
    """
    shipped = traced_sources(SOURCE / "lambda_function.py")
    for path in sorted(shipped | package_data(shipped)):
        destination = target / path.relative_to(SOURCE)
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, destination)
    every_module = {path for path in SOURCE.rglob("*.py") if not _is_junk(path)}
    return sorted(every_module - shipped)


def traced_sources(entry: Path) -> set[Path]:
    """``entry`` and every module of lambda/ it imports, directly or not.

    Imports are read from the source (never run); those under ``if TYPE_CHECKING:`` are left
    out, since they never happen at run time.

    >>> SOURCE / "backstretch/skill/service.py" in traced_sources(SOURCE / "lambda_function.py")
    True
    """
    found: set[Path] = set()
    pending = [entry]
    while pending:
        path = pending.pop()
        if path in found:
            continue
        found.add(path)
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for name in _runtime_imports(tree.body):
            pending.extend(_module_files(name))
    return found


def _runtime_imports(nodes: Iterable[ast.AST]) -> Iterator[str]:
    """Dotted names these nodes import, at any depth, outside ``if TYPE_CHECKING:``."""
    for node in nodes:
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            yield from _runtime_imports(node.orelse)
        elif isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.module and node.level == 0:
                yield node.module
                # `from package import name` may name a submodule.
                yield from (f"{node.module}.{alias.name}" for alias in node.names)
        else:
            yield from _runtime_imports(ast.iter_child_nodes(node))


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _module_files(dotted: str) -> list[Path]:
    """The files of lambda/ that importing ``dotted`` runs: each package's __init__ and the
    module itself (nothing for third-party or standard-library names)."""
    parts = dotted.split(".")
    files: list[Path] = []
    for depth in range(1, len(parts) + 1):
        base = SOURCE.joinpath(*parts[:depth])
        if (base / "__init__.py").is_file():
            files.append(base / "__init__.py")
        elif base.with_suffix(".py").is_file() and depth == len(parts):
            files.append(base.with_suffix(".py"))
        else:
            break
    return files


def package_data(modules: set[Path]) -> set[Path]:
    """Data files of the shipped packages: non-Python files beside their __init__.py, and
    folders without one (the routine content, say), whole."""
    data: set[Path] = set()
    for package in {path.parent for path in modules if path.name == "__init__.py"}:
        for path in package.iterdir():
            if _is_junk(path) or path.suffix == ".py":
                continue
            if path.is_file():
                data.add(path)
            elif not (path / "__init__.py").exists():
                data.update(p for p in path.rglob("*") if p.is_file() and not _is_junk(p))
    return data


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
    left_out = ", ".join(str(path.relative_to(SOURCE)) for path in bundle.left_out)
    print(f"left out (never imported by lambda_function): {left_out or 'nothing'}")
    print(
        f"{bundle.path}: {bundle.size_bytes / 1_000_000:.1f} MB "
        f"({bundle.size_bytes} bytes), {bundle.file_count} files"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
