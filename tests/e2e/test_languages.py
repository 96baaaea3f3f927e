"""Each written language other than English end to end: `backstretch chat --locale <locale>`
from the command line, and a week through the skill with every SSML document checked by
ssml-check-core for Alexa. The locales are `tests.support.languages.SPOKEN`."""

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
from tests.support.languages import SPOKEN, a_week

ROOT = Path(__file__).resolve().parents[2]
CHAT_SECONDS = 60.0
RUN_CLI = "from backstretch_local.cli import main; main()"  # `backstretch`, from this tree
LOCALES = sorted(SPOKEN)


@pytest.mark.parametrize("locale", LOCALES)
def test_chat_speaks_the_locale_it_is_given(locale: str) -> None:
    spoken = SPOKEN[locale]
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "lambda"), str(ROOT / "local")])
    env.pop("SKILL_ID", None)
    chat = subprocess.run(
        [sys.executable, "-c", RUN_CLI, "chat", "--fast", "--locale", locale],
        cwd=ROOT,
        env=env,
        input=spoken.chat_input,
        capture_output=True,
        text=True,
        timeout=CHAT_SECONDS,
    )
    assert chat.returncode == 0, chat.stderr
    heard = " ".join(chat.stdout.split())
    assert spoken.welcome in heard
    start, ten_seconds, *_ = spoken.hold_cues
    assert start in heard and ten_seconds in heard
    assert spoken.chat_why in heard  # "why", in the locale's words
    assert spoken.chat_stopped in heard
    assert "Hold it there" not in heard


@pytest.mark.parametrize("locale", LOCALES)
def test_every_answer_passes_ssml_check_core(
    dynamodb_client: Any, progress_store: DynamoProgressStore, locale: str
) -> None:
    node = node_or_skip("ssml-check-core")
    fake = FakeAlexa()
    skill = BackStretchSkill(SkillConfig(), api=fake.in_process(), store=progress_store)
    week = a_week(skill, fake, SPOKEN[locale])
    documents = [ssml for turn in week.heard for ssml in turn.ssml]
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
