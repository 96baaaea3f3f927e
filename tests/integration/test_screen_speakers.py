"""Speakers unchanged: a screen adds what it shows, and changes nothing anyone hears.

One routine (with a pause, a resume and the weekly summary) is played three ways through the
skill's one way in: on a speaker with the screen code switched off (`SkillConfig.screens`,
the operator's kill switch), on a speaker with it on, and on an Echo Show. The speaker's
responses must be the same, byte for byte, with and without the screen code; the Show's must
say, reprompt, carry and end exactly as the speaker's do, its APL directives aside.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

from backstretch.progress.memory import InMemoryProgressStore
from backstretch.skill.config import SkillConfig
from backstretch.skill.service import BackStretchSkill
from backstretch_local.fake_alexa import FakeAlexa
from tests.support.envelopes import SKILL_ID, AlexaConversation

MONDAY_EVENING = datetime(2026, 11, 30, 18, 0, tzinfo=UTC)
APL = "Alexa.Presentation.APL."
MAX_RESPONSE_BYTES = 24 * 1024
# What the person says, and how long after the session opened (each answer heard out).
ROUTINE: tuple[tuple[str | None, int], ...] = (
    (None, 0),  # launch: the first side is coached and counted
    ("AMAZON.NextIntent", 75),
    ("AMAZON.PauseIntent", 150),
    ("AMAZON.ResumeIntent", 170),
    ("AMAZON.RepeatIntent", 240),
    ("AMAZON.NextIntent", 300),
    ("AMAZON.NextIntent", 380),
)


def play(*, screens: bool, show: bool) -> list[dict[str, Any]]:
    """Every response and progressive response of the routine, then of a weekly summary."""
    fake = FakeAlexa()
    config = replace(SkillConfig(skill_id=SKILL_ID), screens=screens)
    skill = BackStretchSkill(config, api=fake.in_process(), store=InMemoryProgressStore())
    heard: list[dict[str, Any]] = []
    for session_id, turns in (
        ("amzn1.echo-api.session.routine", ROUTINE),
        ("amzn1.echo-api.session.week", (("WeeklySummaryIntent", 0),)),
    ):
        opened = MONDAY_EVENING + timedelta(minutes=30 * len(heard))
        alexa = AlexaConversation(
            api_endpoint=fake.api_endpoint, screen=show, session_id=session_id, now=opened
        )
        for intent, after in turns:
            alexa.now = opened + timedelta(seconds=after)
            envelope = alexa.launch() if intent is None else alexa.intent(intent)
            request_id = envelope["request"]["requestId"]
            answer = skill.answer(envelope)
            assert answer.body is not None, answer
            alexa.carry(answer.body)
            heard.append({"progressive": fake.accepted_speech(request_id), "body": answer.body})
    return heard


def without_apl(turn: dict[str, Any]) -> dict[str, Any]:
    """A turn as a speaker would get it: the same, less any APL directive."""
    body = turn["body"]
    response = dict(body["response"])
    directives = [d for d in response.pop("directives", []) if not d["type"].startswith(APL)]
    if directives:
        response["directives"] = directives
    return {"progressive": turn["progressive"], "body": {**body, "response": response}}


def test_a_speaker_hears_the_same_routine_with_and_without_the_screen_code() -> None:
    without = play(screens=False, show=False)
    with_screens = play(screens=True, show=False)

    assert len(without) == len(ROUTINE) + 1
    assert with_screens == without
    for turn in with_screens:
        directives = turn["body"]["response"].get("directives", [])
        assert not [d for d in directives if d["type"].startswith(APL)]


def test_a_show_hears_exactly_what_a_speaker_hears_and_sees_the_rest() -> None:
    speaker = play(screens=True, show=False)
    show = play(screens=True, show=True)

    assert [without_apl(turn) for turn in show] == speaker
    shown = [d["type"] for turn in show for d in turn["body"]["response"].get("directives", [])]
    for turn in show:  # every answer that counts a hold shows it counting down
        types = [d["type"] for d in turn["body"]["response"].get("directives", [])]
        spoken = " ".join([*turn["progressive"], json.dumps(turn["body"])])
        assert ("And release." not in spoken) or APL + "RenderDocument" in types
    assert APL + "ExecuteCommands" in shown  # the pause stops the countdown on the screen
    for turn in show:  # Alexa refuses a response over 24 KB: a document must leave room
        assert len(json.dumps(turn["body"]).encode()) < MAX_RESPONSE_BYTES


def test_a_device_that_lists_no_interfaces_is_a_speaker_not_an_error() -> None:
    """A request without `supportedInterfaces` (the README's curl, a hand-made client) is
    answered as a speaker: the welcome and a counted hold, not an apology."""
    fake = FakeAlexa()
    skill = BackStretchSkill(
        SkillConfig(skill_id=SKILL_ID), api=fake.in_process(), store=InMemoryProgressStore()
    )
    alexa = AlexaConversation(api_endpoint=fake.api_endpoint, now=MONDAY_EVENING)
    envelope = alexa.launch()
    del envelope["context"]["System"]["device"]["supportedInterfaces"]
    answer = skill.answer(envelope)
    assert answer.body is not None
    spoken = " ".join(fake.accepted_speech(envelope["request"]["requestId"]))
    assert "Welcome to Back Stretch Coach" in spoken
    final = answer.body["response"]["outputSpeech"]["ssml"]
    assert "And release." in final and "went wrong" not in final, final
    assert "directives" not in answer.body["response"] or not any(
        d["type"].startswith(APL) for d in answer.body["response"]["directives"]
    )
