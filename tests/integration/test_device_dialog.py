"""A device answering the skill's own question: Dialog.ElicitSlot read from each response.

The local Device (the chat's and the simulator's) hears the next phrase as Alexa would while
a slot is elicited: that slot's samples first, the answer sent as the elicited intent with
the slots its updated intent already held, ``dialogState: IN_PROGRESS``. In memory: the
in-memory store and the fake Alexa API in process.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from backstretch.progress.memory import InMemoryProgressStore
from backstretch.skill.config import SkillConfig
from backstretch.skill.service import BackStretchSkill
from backstretch_local.device import Device, Elicited
from backstretch_local.fake_alexa import FakeAlexa
from backstretch_local.utterances import FALLBACK_INTENT, InteractionModel, UtteranceResolver

REMINDERS = "alexa::alerts:reminders:skill:readwrite"
TUESDAY_AFTERNOON_IN_LA = datetime(2026, 12, 1, 23, 12, tzinfo=UTC)


@pytest.fixture(scope="module")
def resolver() -> UtteranceResolver:
    return UtteranceResolver(InteractionModel.load("en-US"))


@pytest.fixture
def device(resolver: UtteranceResolver) -> Device:
    fake = FakeAlexa()
    skill = BackStretchSkill(SkillConfig(), api=fake.in_process(), store=InMemoryProgressStore())
    return Device(skill, fake, resolver, granted={REMINDERS})


def test_the_answer_to_what_time_is_the_reminder_intent_with_its_days(device: Device) -> None:
    now = TUESDAY_AFTERNOON_IN_LA
    asked = device.say("remind me to stretch on weekends", now)
    assert "What time should I remind you?" in asked.speech
    assert device.eliciting == Elicited(
        "SetReminderIntent", "time", {"days": "on weekends", "time": None, "now": None}
    )

    answered = device.say("um, around ten in the morning", now + timedelta(seconds=10))

    assert (answered.utterance.intent, answered.utterance.dialog_state) == (
        "SetReminderIntent",
        "IN_PROGRESS",
    )
    assert answered.utterance.slot_values["days"] == "on weekends"
    assert "on weekends at 10 AM. Shall I set that?" in answered.speech  # en-US; en-GB: at
    assert device.eliciting is None  # "Shall I set that?" asks for no slot


def test_a_time_said_when_nobody_asked_is_no_request(device: Device) -> None:
    device.say("open my back stretches", TUESDAY_AFTERNOON_IN_LA)
    heard = device.say("ten in the morning", TUESDAY_AFTERNOON_IN_LA + timedelta(seconds=5))
    assert heard.utterance.intent == FALLBACK_INTENT


def test_the_slot_asked_for_is_forgotten_when_the_session_ends(device: Device) -> None:
    device.say("remind me to stretch", TUESDAY_AFTERNOON_IN_LA)
    assert device.eliciting is not None
    device.end("USER_INITIATED", TUESDAY_AFTERNOON_IN_LA + timedelta(seconds=5))
    assert device.eliciting is None


def test_a_session_taken_up_elsewhere_keeps_the_slot_it_asked_for(device: Device) -> None:
    """The simulator's page holds its session between phrases: it hands the question back."""
    played = device.say("remind me to stretch every day", TUESDAY_AFTERNOON_IN_LA)
    session = device.session
    assert session is not None and played.eliciting is not None
    device.resume(session.session_id, session.attributes, None, played.eliciting)
    answered = device.say("seven pm", TUESDAY_AFTERNOON_IN_LA + timedelta(seconds=8))
    assert answered.utterance.slot_values["time"] == "19:00"
    assert "every day at 7 PM" in answered.speech
