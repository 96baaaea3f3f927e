"""A routine on an Echo Show (APL 2024.2, a 1280x800 hub), through the skill's one way in.

Every step and hold gets the step document, its pose and its countdown's clock in step with
the spoken count; a touch on a button is the same request as the words it stands for; pause
stops the countdown on the screen; the summary comes with its chart; a screen whose APL is
older than the documents gets none.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from backstretch.progress.memory import InMemoryProgressStore
from backstretch.progress.model import StretchReminder
from backstretch.skill.config import SkillConfig
from backstretch.skill.service import BackStretchSkill
from backstretch.speech.timing import ssml_seconds
from backstretch_local.fake_alexa import FakeAlexa
from tests.support.envelopes import SKILL_ID, USER_ID, AlexaConversation, speech_of

TUESDAY_EVENING = datetime(2026, 12, 1, 18, 0, tzinfo=UTC)
RENDER = "Alexa.Presentation.APL.RenderDocument"
EXECUTE = "Alexa.Presentation.APL.ExecuteCommands"
HOLD_STARTS = "Hold it there."


class Show:
    """One person in front of an Echo Show: a session, spoken to or touched."""

    def __init__(self, store: InMemoryProgressStore, session_id: str, max_version: str) -> None:
        self.fake = FakeAlexa()
        self.skill = BackStretchSkill(
            SkillConfig(skill_id=SKILL_ID), api=self.fake.in_process(), store=store
        )
        self.alexa = AlexaConversation(
            api_endpoint=self.fake.api_endpoint, screen=True, session_id=session_id
        )
        self.max_version = max_version
        self.progressive: list[str] = []

    def at(self, seconds: float) -> Show:
        self.alexa.now = TUESDAY_EVENING + timedelta(seconds=seconds)
        return self

    def send(self, envelope: dict[str, Any]) -> dict[str, Any]:
        interfaces = envelope["context"]["System"]["device"]["supportedInterfaces"]
        interfaces["Alexa.Presentation.APL"]["runtime"]["maxVersion"] = self.max_version
        answer = self.skill.answer(envelope)
        assert answer.body is not None, answer
        self.progressive = self.fake.accepted_speech(envelope["request"]["requestId"])
        return self.alexa.carry(answer.body)

    def says(self, intent: str | None = None, **slots: str) -> dict[str, Any]:
        return self.send(
            self.alexa.launch() if intent is None else self.alexa.intent(intent, **slots)
        )

    def touches(self, *arguments: str) -> dict[str, Any]:
        return self.send(
            self.alexa.envelope(
                {
                    "type": "Alexa.Presentation.APL.UserEvent",
                    "token": "step",
                    "arguments": list(arguments),
                    "source": {"type": "TouchWrapper", "handler": "Press", "id": ""},
                }
            )
        )

    def heard(self, response: dict[str, Any]) -> str:
        return " ".join([*self.progressive, speech_of(response)])


def directives(response: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [d for d in response["response"].get("directives", []) if d["type"] == kind]


def shown(response: dict[str, Any]) -> dict[str, Any]:
    (render,) = directives(response, RENDER)
    return dict(render["datasources"])


@pytest.fixture
def store() -> InMemoryProgressStore:
    return InMemoryProgressStore()


def show(store: InMemoryProgressStore, session: str = "s", max_version: str = "2024.2") -> Show:
    return Show(store, f"amzn1.echo-api.session.{session}", max_version)


def as_heard(person: Show, response: dict[str, Any]) -> dict[str, Any]:
    """A turn as the person meets it: every word and pause heard, in order, whichever part of
    it came early (a touch cannot be answered with progressive responses, words can), and
    everything else the response carries."""
    heard = " ".join(re.sub(r"</?speak>", " ", person.heard(response)).split())
    body = dict(response["response"])
    body.pop("outputSpeech", None)
    return {**response, "response": body, "heard": heard}


def test_every_step_and_hold_of_a_routine_gets_its_screen_and_countdown(store):
    person = show(store)
    sides = []
    for seconds, intent in ((0, None), (90, "AMAZON.NextIntent"), (180, "AMAZON.NextIntent"),
                            (270, "AMAZON.NextIntent")):  # fmt: skip
        response = person.at(seconds).says(intent)
        (render,) = directives(response, RENDER)
        assert render["token"] == "step"
        assert render["document"]["type"] == "APL"
        screen = render["datasources"]["screen"]
        step, hold = screen["step"], screen["hold"]
        sides.append((step["title"], step["side"], step["pose"], step["mirror"]))
        # The countdown's clock is the spoken count's: it starts when "Hold it there" is said
        # and lasts the hold, on the request's clock.
        heard = person.heard(response)
        before_hold = heard[: heard.index(HOLD_STARTS)]
        asked_at = (TUESDAY_EVENING + timedelta(seconds=seconds)).timestamp() * 1000
        assert hold["requestedAt"] == asked_at
        assert hold["startsAt"] - hold["requestedAt"] == pytest.approx(
            1000 * ssml_seconds(re.sub(r"</?speak>", " ", before_hold)), abs=300
        )
        assert hold["endsAt"] - hold["startsAt"] == pytest.approx(30_000, abs=1000)
        assert hold["seconds"] == 30 and hold["paused"] is False

    assert sides == [
        ("Kneeling hip flexor", "Left side", "kneelingHipFlexor", False),
        ("Kneeling hip flexor", "Right side", "kneelingHipFlexor", True),
        ("Lat stretch", "Left arm", "latStretch", False),
        ("Lat stretch", "Right arm", "latStretch", True),
    ]


@pytest.fixture
def pair(store: InMemoryProgressStore) -> tuple[Show, Show]:
    """Two people in step, both launched: one touches, the other speaks."""
    touched, spoken = show(store, "touched"), show(InMemoryProgressStore(), "spoken")
    for person in (touched, spoken):
        person.at(0).says()
    return touched, spoken


def test_touching_next_is_saying_next(pair):
    touched, spoken = pair
    by_touch = touched.at(90).touches("AMAZON.NextIntent")
    by_voice = spoken.at(90).says("AMAZON.NextIntent")

    assert as_heard(touched, by_touch) == as_heard(spoken, by_voice)
    assert "Kneel on your right knee" in as_heard(touched, by_touch)["heard"]
    assert touched.alexa.carried.coach["step"] == 1
    assert shown(by_touch)["screen"]["step"]["side"] == "Right side"


def test_touching_pause_mid_hold_stops_the_countdown_where_it_stands(pair):
    touched, spoken = pair
    by_touch = touched.at(20).touches("AMAZON.PauseIntent")
    by_voice = spoken.at(20).says("AMAZON.PauseIntent")

    assert by_touch == by_voice
    assert "paused" in speech_of(by_touch).lower()
    (execute,) = directives(by_touch, EXECUTE)
    assert execute["token"] == "step"
    assert execute["commands"] == [
        {"type": "SetValue", "componentId": "screen", "property": "paused", "value": "${true}"}
    ]
    assert not directives(by_touch, RENDER)

    resumed = touched.at(40).touches("AMAZON.ResumeIntent")
    hold = shown(resumed)["screen"]["hold"]
    assert hold["seconds"] > 0 and hold["paused"] is False  # the count carries on, anew


def test_a_touch_that_names_nothing_the_skill_does_is_not_understood(pair):
    touched, spoken = pair
    assert touched.at(90).touches("SetHoldIntent") == spoken.at(90).says("AMAZON.FallbackIntent")
    assert touched.at(100).touches() == spoken.at(100).says("AMAZON.FallbackIntent")


def test_between_holds_the_screen_shows_the_side_to_come_waiting(store):
    person = show(store)
    person.at(0).says()
    answer = person.at(90).says("WhyIntent")  # after the hold: the left side is done
    screen = shown(answer)["screen"]
    assert screen["hold"]["seconds"] == 0
    assert screen["step"]["side"] == "Right side"


def test_the_summary_comes_with_its_chart_and_the_reminder_when_one_is_set(store):
    person = show(store)
    for seconds, intent in (
        (0, None),
        (90, "AMAZON.NextIntent"),
        (180, "AMAZON.NextIntent"),
        (270, "AMAZON.NextIntent"),
        (360, "AMAZON.NoIntent"),
    ):  # fmt: skip  (no to the week: finished)
        person.at(seconds).says(intent)
    profile = store.load_profile(USER_ID)
    store.save_profile(
        USER_ID, replace(profile, reminder=StretchReminder("alert-1", "MO,TU,WE,TH,FR@15:00"))
    )

    weekly = show(store, "week").at(600).says("WeeklySummaryIntent")

    (render,) = directives(weekly, RENDER)
    assert render["token"] == "week"
    week = render["datasources"]["week"]
    assert [d["short"] for d in week["days"]] == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    assert [d["stretched"] for d in week["days"]] == [
        False,
        True,
        False,
        False,
        False,
        False,
        False,
    ]
    assert week["daysStretched"] == 1 and week["streakDays"] == 1
    assert week["reminder"] == "Reminder: every weekday at 3 PM"


def test_a_summary_without_a_reminder_shows_none(store):
    weekly = show(store).at(0).says("WeeklySummaryIntent")
    assert shown(weekly)["week"]["reminder"] == ""


def test_a_screen_older_than_the_documents_gets_speech_alone(store):
    older = show(store, "older", max_version="2023.3")
    newer = show(InMemoryProgressStore(), "newer")
    response = older.at(0).says()
    assert "directives" not in response["response"]
    assert speech_of(response) == speech_of(newer.at(0).says())
