"""The unit tier stays fast and light: it runs with the local tools and the test fakes'
libraries made unimportable, as in `make test-fast`'s venv, which has only what ships."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from backstretch_local.dynamodb import local_aws_environment
from tests.conftest import FAKE_AWS_ENVIRONMENT

ROOT = Path(__file__).resolve().parents[2]

# What the `local` extra brings, and the local tools themselves.
NOT_FOR_UNIT_TESTS = ("moto", "cryptography", "flask", "hypercorn", "yaml", "backstretch_local")

# Runs pytest with a meta-path finder in front that refuses the modules named in argv[1].
WITHOUT_MODULES = """
import sys

refused = frozenset(sys.argv[1].split(","))


class Refuse:
    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] in refused:
            raise ModuleNotFoundError(f"{name} is not for the unit tier", name=name)
        return None


sys.meta_path.insert(0, Refuse())
import pytest

sys.exit(pytest.main(sys.argv[2:]))
"""


def test_the_unit_tier_and_the_doctests_pass_without_the_local_extra() -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            WITHOUT_MODULES,
            ",".join(NOT_FOR_UNIT_TESTS),
            *("-p", "no:cacheprovider", "-q", "tests/unit", "lambda/backstretch"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    summary = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert " passed" in summary
    assert "error" not in summary


def test_every_tier_gets_the_local_tools_fake_aws_environment() -> None:
    assert local_aws_environment() == FAKE_AWS_ENVIRONMENT
