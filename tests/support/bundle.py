"""The Lambda bundle as Lambda gets it, for the end-to-end tier: built once per session by
scripts/package_lambda.py (what `make package` runs) and unpacked into an empty folder, with
the environment the template gives the function."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support.envelopes import SKILL_ID

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "package_lambda.py"


@dataclass(frozen=True)
class BuiltBundle:
    zip_path: Path
    unpacked: Path
    build_output: str
    build_seconds: float


@pytest.fixture(scope="session")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> BuiltBundle:
    """The bundle, built once per session by the same command `make package` runs."""
    work = tmp_path_factory.mktemp("bundle")
    zip_path = work / "lambda.zip"
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--out", str(zip_path), "--dir", str(work / "staging")],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    seconds = time.monotonic() - started
    assert result.returncode == 0, f"package_lambda failed:\n{result.stdout}\n{result.stderr}"
    unpacked = work / "unpacked"
    unpacked.mkdir()  # a clean folder, as Lambda's /var/task
    with zipfile.ZipFile(zip_path) as archive:
        archive.extractall(unpacked)
    return BuiltBundle(zip_path, unpacked, result.stdout, seconds)


def function_environment(home: Path) -> dict[str, str]:
    """The function's environment, built from nothing: what Lambda and the template set, the
    test session's moto server standing in for DynamoDB (and SQS), and fake credentials.

    Needs the `dynamodb_client` fixture (it sets PROGRESS_TABLE and DYNAMODB_ENDPOINT).
    """
    return {
        "PROGRESS_TABLE": os.environ["PROGRESS_TABLE"],
        "DYNAMODB_ENDPOINT": os.environ["DYNAMODB_ENDPOINT"],
        # As the template sets it: the skill makes its outbox client (SQS's data must ship).
        "OUTBOX_QUEUE_URL": os.environ["DYNAMODB_ENDPOINT"] + "/123456789012/backstretch-outbox",
        "SQS_ENDPOINT": os.environ["DYNAMODB_ENDPOINT"],
        "SKILL_ID": SKILL_ID,
        "LOG_LEVEL": "INFO",
        "METRICS_NAMESPACE": "BackStretchCoach",
        "SERVICE_NAME": "back-stretch-coach",
        "AWS_LAMBDA_FUNCTION_NAME": "backstretch-test-skill",  # Lambda sets it
        "AWS_REGION": "us-east-1",
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_SESSION_TOKEN": "testing",
        "AWS_CONFIG_FILE": os.devnull,
        "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
        "HOME": str(home),
    }
