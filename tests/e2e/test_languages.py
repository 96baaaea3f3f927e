"""German end to end: `backstretch chat --locale de-DE` from the command line, and a German
week through the skill with every SSML document checked by ssml-check-core for Alexa."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from backstretch.progress.dynamodb import DynamoProgressStore
from backstretch.skill.config import SkillConfig
from backstretch.skill.service import BackStretchSkill
from backstretch_local.fake_alexa import FakeAlexa
from tests.e2e.test_e2e import node_or_skip
from tests.support.german import a_german_week

ROOT = Path(__file__).resolve().parents[2]
CHAT_SECONDS = 60.0
RUN_CLI = "from backstretch_local.cli import main; main()"  # `backstretch`, from this tree


def test_chat_speaks_german_with_locale_de_de() -> None:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "lambda"), str(ROOT / "local")])
    env.pop("SKILL_ID", None)
    chat = subprocess.run(
        [sys.executable, "-c", RUN_CLI, "chat", "--fast", "--locale", "de-DE"],
        cwd=ROOT,
        env=env,
        input="starten\nwarum\nstopp\n",
        capture_output=True,
        text=True,
        timeout=CHAT_SECONDS,
    )
    assert chat.returncode == 0, chat.stderr
    heard = " ".join(chat.stdout.split())
    assert "Willkommen bei deinem Rücken-Coach." in heard
    assert "Und halten." in heard and "10 Sekunden." in heard
    assert "Langes Sitzen am Schreibtisch oder im Auto" in heard  # "warum": why, in German
    assert "Okay, wir hören hier auf." in heard
    assert "Hold it there" not in heard


def test_every_german_answer_passes_ssml_check_core(
    dynamodb_client: Any, progress_store: DynamoProgressStore
) -> None:
    node = node_or_skip("ssml-check-core")
    fake = FakeAlexa()
    skill = BackStretchSkill(SkillConfig(), api=fake.in_process(), store=progress_store)
    documents = [ssml for turn in a_german_week(skill, fake).heard for ssml in turn.ssml]
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
