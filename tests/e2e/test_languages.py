"""Each written language other than English end to end: `backstretch chat --locale <locale>`
from the command line, and the language's week through the skill with every SSML document
checked by ssml-check-core for Alexa."""

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
from tests.support.spoken import SPOKEN

ROOT = Path(__file__).resolve().parents[2]
CHAT_SECONDS = 60.0
RUN_CLI = "from backstretch_local.cli import main; main()"  # `backstretch`, from this tree


@pytest.mark.parametrize("locale", sorted(SPOKEN))
def test_chat_speaks_the_language_with_its_locale(locale: str) -> None:
    language = SPOKEN[locale]
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "lambda"), str(ROOT / "local")])
    env.pop("SKILL_ID", None)
    chat = subprocess.run(
        [sys.executable, "-c", RUN_CLI, "chat", "--fast", "--locale", locale],
        cwd=ROOT,
        env=env,
        input="".join(f"{line}\n" for line in language.says.chat),
        capture_output=True,
        text=True,
        timeout=CHAT_SECONDS,
    )
    assert chat.returncode == 0, chat.stderr
    heard = " ".join(chat.stdout.split())
    hears = language.hears
    assert hears.welcome in heard
    assert hears.hold[0] in heard and hears.hold[1] in heard
    assert hears.why in heard  # the why, in the language
    assert hears.stopped in heard
    assert hears.english_cue not in heard


@pytest.mark.parametrize("locale", sorted(SPOKEN))
def test_every_answer_passes_ssml_check_core(
    locale: str, dynamodb_client: Any, progress_store: DynamoProgressStore
) -> None:
    node = node_or_skip("ssml-check-core")
    fake = FakeAlexa()
    skill = BackStretchSkill(SkillConfig(), api=fake.in_process(), store=progress_store)
    documents = [ssml for turn in a_week(skill, fake, SPOKEN[locale]).heard for ssml in turn.ssml]
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
