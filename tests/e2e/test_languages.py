"""Each written language but English end to end: `backstretch chat --locale <locale>` from the
command line, and a week through the skill in that language with every SSML document checked
by ssml-check-core for Alexa. One run per locale in tests/support/spoken/."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from backstretch.progress.dynamodb import DynamoProgressStore
from backstretch.skill.config import SkillConfig
from backstretch.skill.service import BackStretchSkill
from backstretch_local.fake_alexa import FakeAlexa
from tests.e2e.test_e2e import node_or_skip
from tests.support.languages import a_week
from tests.support.spoken import SPOKEN, Spoken

ROOT = Path(__file__).resolve().parents[2]
CHAT_SECONDS = 60.0
RUN_CLI = "from backstretch_local.cli import main; main()"  # `backstretch`, from this tree


@pytest.fixture(params=list(SPOKEN))
def spoken(request: pytest.FixtureRequest) -> Spoken:
    return SPOKEN[request.param]


def test_chat_speaks_the_language_of_its_locale(spoken: Spoken) -> None:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "lambda"), str(ROOT / "local")])
    env.pop("SKILL_ID", None)
    chat = subprocess.run(
        [sys.executable, "-c", RUN_CLI, "chat", "--fast", "--locale", spoken.locale],
        cwd=ROOT,
        env=env,
        input="".join(f"{line}\n" for line in spoken.chat_input),
        capture_output=True,
        text=True,
        timeout=CHAT_SECONDS,
    )
    assert chat.returncode == 0, chat.stderr
    heard = " ".join(chat.stdout.split())
    assert spoken.welcome in heard
    assert spoken.hold_start in heard and spoken.ten_seconds in heard
    assert spoken.why_heard in heard  # "why", asked in the locale's words
    assert spoken.stopped in heard
    assert "Hold it there" not in heard


def test_every_answer_passes_ssml_check_core(
    dynamodb_client: Any, progress_store: DynamoProgressStore, spoken: Spoken
) -> None:
    node = node_or_skip("ssml-check-core")
    fake = FakeAlexa()
    skill = BackStretchSkill(SkillConfig(), api=fake.in_process(), store=progress_store)
    documents = [ssml for turn in a_week(skill, fake, spoken).heard for ssml in turn.ssml]
    result = subprocess.run(
        [node, str(ROOT / "tests" / "e2e" / "ssml_check.js")],
        cwd=ROOT,
        input=json.dumps(documents),
        capture_output=True,
        text=True,
        timeout=CHAT_SECONDS,
    )
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert result.returncode == 0 and report["errors"] == [], report
    assert report["checked"] == len(documents) >= 20
