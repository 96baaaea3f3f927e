"""Each written language beyond English end to end: `backstretch chat --locale <locale>` from
the command line, and a week through the skill with every SSML document checked by
ssml-check-core for Alexa."""

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
from tests.support.spoken_week import a_week
from tests.support.spoken_words import SAYS, WEEK_SAYS

ROOT = Path(__file__).resolve().parents[2]
CHAT_SECONDS = 60.0
RUN_CLI = "from backstretch_local.cli import main; main()"  # `backstretch`, from this tree
# Typed into the chat: start, why, stop; then what must be heard (why's first words, stopped).
CHATS = {
    "de-DE": (
        "starten\nwarum\nstopp\n",
        "Langes Sitzen am Schreibtisch oder im Auto",
        "Okay, wir hören hier auf.",
    ),
    "es-ES": (
        "empezar\npor qué\npara\n",
        "en el escritorio o al volante del coche",
        "De acuerdo, lo dejamos aquí.",
    ),
    "es-MX": (
        "empieza\npara qué sirve\nbasta\n",
        "en el escritorio o al volante del carro",
        "De acuerdo, lo dejamos aquí.",
    ),
    "es-US": (
        "vamos\npor qué\ndetente\n",
        "en el escritorio o al volante del carro",
        "De acuerdo, lo dejamos aquí.",
    ),
    "it-IT": (
        "inizia\nperché\nstop\n",
        "Stare molte ore alla scrivania o alla guida",
        "Va bene, ci fermiamo qui.",
    ),
    "pt-BR": (
        "começar\npor quê\nparar\n",
        "Passar horas na mesa de trabalho ou ao volante",
        "Tudo bem, vamos parar por aqui.",
    ),
    "nl-NL": (
        "beginnen\nwaarom\nstop\n",
        "Lang zitten, aan een bureau of in de auto",
        "Oké, we stoppen hier.",
    ),
    "ja-JP": (
        "始めて\nなぜ\nストップ\n",
        "机や車で長く座っていると",
        "わかりました、ここで終わりにします。",
    ),
    "hi-IN": (
        "शुरू करो\nक्यों\nबंद करो\n",
        "डेस्क पर या गाड़ी चलाते हुए",
        "ठीक है, यहीं रुकते हैं।",
    ),
    "fr-FR": (
        "commencer\npourquoi\nstop\n",
        "Passer du temps assis, à un bureau ou au volant",
        "D'accord, on s'arrête là.",
    ),
    "fr-CA": (
        "commencer\npourquoi\nstop\n",
        "Passer du temps assis, à un bureau ou au volant",
        "D'accord, on s'arrête là.",
    ),
}


@pytest.mark.parametrize("locale", list(CHATS))
def test_chat_speaks_the_locale_asked_for(locale: str) -> None:
    typed, why, stopped = CHATS[locale]
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "lambda"), str(ROOT / "local")])
    env.pop("SKILL_ID", None)
    chat = subprocess.run(
        [sys.executable, "-c", RUN_CLI, "chat", "--fast", "--locale", locale],
        cwd=ROOT,
        env=env,
        input=typed,
        capture_output=True,
        text=True,
        timeout=CHAT_SECONDS,
    )
    assert chat.returncode == 0, chat.stderr
    heard = " ".join(chat.stdout.split())
    says = SAYS[locale]
    assert says.welcome in heard
    assert says.cues[0] in heard and says.cues[1] in heard
    assert why in heard
    assert stopped in heard
    assert "Hold it there" not in heard


@pytest.mark.parametrize("locale", list(WEEK_SAYS))
def test_every_answer_passes_ssml_check_core(
    dynamodb_client: Any, progress_store: DynamoProgressStore, locale: str
) -> None:
    node = node_or_skip("ssml-check-core")
    fake = FakeAlexa()
    skill = BackStretchSkill(SkillConfig(), api=fake.in_process(), store=progress_store)
    documents = [ssml for turn in a_week(skill, fake, locale).heard for ssml in turn.ssml]
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
