"""A reminder's days are read by the id Alexa resolved them to, in every language: "de lunes a
viernes" is the weekdays, not every day (the Spanish helper found it said back as "todos los
días"). Played as a device does, through the interaction model."""

from __future__ import annotations

import pytest

from backstretch_local.listener import Cue
from scripts.voice_runs import Person


@pytest.mark.parametrize(
    ("locale", "said", "said_back", "never"),
    [
        (
            "es-MX",
            "recuérdame estirar de lunes a viernes a las 7 de la mañana",
            "de lunes a viernes",
            "todos los días",
        ),
        (
            "it-IT",
            "ricordami di fare stretching dal lunedì al venerdì alle 7",
            "dal lunedì al venerdì",
            "ogni giorno",
        ),
        (
            "pt-BR",
            "me lembre de alongar de segunda a sexta às 7 horas",
            "de segunda a sexta",
            "todos os dias",
        ),
        ("en-US", "remind me to stretch on weekdays at 7 am", "weekday", "every day"),
    ],
)
def test_the_days_said_are_the_days_offered(
    locale: str, said: str, said_back: str, never: str
) -> None:
    person = Person(locale)
    run = person.plays([Cue(said)])
    assert run.intents == ("SetReminderIntent",)
    answer = run.turns[-1].words
    assert said_back in answer and never not in answer, answer
