"""The package as a stranger installs it: a built wheel in a fresh venv, run from any folder.

What ships (the runtime) installs alone; the local tools need the `local` extra, say so when it
is missing, and then run with nothing from the clone: the interaction models and the table's
declaration travel in the package, as copies kept equal to skill-package/ and infra/.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from scripts import sync_local_data

ROOT = Path(__file__).resolve().parents[2]
# What a wheel is not built from: environments, caches, build output, other tools' folders.
NOT_SOURCES = (
    ".git",
    ".venv*",
    "node_modules",
    "build",
    "dist",
    "*.egg-info",
    "__pycache__",
    ".*_cache",
    "bench",
    "test-artifacts",
)
SYNC_HINT = "run `make sync-data` (python scripts/sync_local_data.py) and commit the copies"


def test_the_packaged_data_equals_its_source_in_the_repository() -> None:
    stale = [str(path.relative_to(ROOT)) for path in sync_local_data.stale()]
    assert stale == [], f"stale packaged copies {stale}: {SYNC_HINT}"


def run(
    command: list[str], cwd: Path, input: str | None = None
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    return subprocess.run(
        command,
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        input=input,
    )


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Built from a copy of the sources, so no build/ left in the clone can leak into it."""
    out = tmp_path_factory.mktemp("wheel")
    source = out / "source"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(*NOT_SOURCES))
    built = run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), "."],
        cwd=source,
    )
    assert built.returncode == 0, built.stderr
    (path,) = out.glob("backstretch-*.whl")
    return path


def test_the_wheel_holds_both_packages_and_their_data(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "backstretch/routine/content/en.json" in names
    assert "backstretch/routine/content/de.json" in names
    assert "backstretch_local/data/template.yaml" in names
    assert "backstretch_local/data/interactionModels/en-US.json" in names
    assert "backstretch_local/web/static/simulator.html" in names
    assert not [n for n in names if n.startswith(("tests/", "bench/", "scripts/"))]
    packaged = {n for n in names if n.endswith(".py")}
    sources = {
        path.relative_to(folder).as_posix()
        for folder in (ROOT / "lambda", ROOT / "local")
        for path in folder.rglob("*.py")
        if "__pycache__" not in path.parts and path.parent != folder
    }
    assert packaged == sources, "the wheel holds both packages' modules, and nothing else"


def test_the_installed_wheel_chats_from_any_folder(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    anywhere = tmp_path / "anywhere"
    anywhere.mkdir()
    assert run([sys.executable, "-m", "venv", str(venv)], cwd=tmp_path).returncode == 0
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet"]
    backstretch = str(venv / "bin" / "backstretch")

    # The runtime alone: what Lambda needs, and no local tool.
    runtime = run([*pip, str(wheel)], cwd=anywhere)
    assert runtime.returncode == 0, runtime.stderr
    no_flask = run([str(venv / "bin" / "python"), "-c", "import flask"], cwd=anywhere)
    assert no_flask.returncode != 0
    assert run([backstretch, "chat", "--help"], cwd=anywhere).returncode == 0
    bare = run([backstretch, "chat"], cwd=anywhere, input="")
    assert bare.returncode == 1
    assert "pip install 'backstretch[local]'" in bare.stderr
    assert "Traceback" not in bare.stderr

    local = run([*pip, f"backstretch[local] @ {wheel.as_uri()}"], cwd=anywhere)
    assert local.returncode == 0, local.stderr
    chat = run(
        [backstretch, "chat", "--fast"],
        cwd=anywhere,
        input="start my back stretches\nstop\n",
    )
    assert chat.returncode == 0, chat.stderr
    heard = " ".join(chat.stdout.split())
    assert "Welcome to Back Stretch Coach" in heard
    assert "Hold it there." in heard
    assert re.search(r"\[pause \d+(\.\d)?s\] 10 seconds\.", heard), "a hold, counted"
    assert "(the session has ended)" in heard

    # What it read came from the package, and equals the repository's sources.
    where = run(
        [
            str(venv / "bin" / "python"),
            "-c",
            "import backstretch_local; print(backstretch_local.__file__)",
        ],
        cwd=anywhere,
    )
    data = Path(where.stdout.strip()).parent / "data"
    assert data.is_relative_to(venv)
    for source, copy in sync_local_data.copies().items():
        installed = data / copy.relative_to(sync_local_data.DATA)
        assert installed.read_bytes() == source.read_bytes(), f"{installed}: {SYNC_HINT}"
