"""A person's week with the skill in each written language other than English, played
through it end to end (envelopes in their locale, every progressive response and full
response out): the integration tier reads what they heard; the end-to-end tier hands every
SSML string to ssml-check-core. `tests.support.spoken` holds, per locale, what the person
says and the lines they must hear, so every test runs once per language."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from backstretch.skill.service import BackStretchSkill
from backstretch_local.envelopes import reprompt_of
from backstretch_local.fake_alexa import FakeAlexa
from tests.support.envelopes import AlexaConversation, speech_of
from tests.support.heard import heard_seconds
from tests.support.spoken.lines import Language

REMINDERS = "alexa::alerts:reminders:skill:readwrite"


@dataclass
class Heard:
    """One utterance's answer: the progressive responses, then the full response."""

    said: str
    progressive: list[str]
    response: dict[str, Any]

    @property
    def ssml(self) -> list[str]:
        """Every SSML document of the turn: progressive, full, reprompt."""
        full = self.response.get("response", {})
        documents = [*self.progressive]
        if "outputSpeech" in full:
            documents.append(full["outputSpeech"]["ssml"])
        if "reprompt" in full:
            documents.append(full["reprompt"]["outputSpeech"]["ssml"])
        return documents

    @property
    def words(self) -> str:
        """What the person hears, tags and breaks left out."""
        spoken = " ".join([*self.progressive, speech_of(self.response)])
        return " ".join(re.sub(r"<[^>]+>", " ", spoken).split())

    @property
    def reprompt(self) -> str:
        return reprompt_of(self.response)


@dataclass
class Person:
    """A person at home, speaking their language to their Echo."""

    skill: BackStretchSkill
    fake: FakeAlexa
    locale: str
    alexa: AlexaConversation = field(default_factory=AlexaConversation)
    heard: list[Heard] = field(default_factory=list)

    def session(self, now: datetime) -> None:
        self.alexa = AlexaConversation(
            locale=self.locale, api_endpoint=self.fake.api_endpoint, now=now, granted={REMINDERS}
        )

    def says(
        self,
        said: str,
        intent: str | None = None,
        resolved: dict[str, str] | None = None,
        **slots: str,
    ) -> Heard:
        """`said`: what the person says, for the record; `intent`: what it resolves to (None:
        the launch phrase), with its `slots` as said and, in `resolved`, the ids Alexa matched
        them to in the model's values. Each request comes once the last answer was heard out."""
        envelope = self.alexa.launch() if intent is None else self.alexa.intent(intent, **slots)
        for name, value_id in (resolved or {}).items():
            envelope["request"]["intent"]["slots"][name]["resolutions"] = _resolution(value_id)
        before = len(self.fake.speech_texts())
        response = self.alexa.carry(self.skill.handle_payload(envelope))
        turn = Heard(said, self.fake.speech_texts()[before:], response)
        self.heard.append(turn)
        if self.alexa.now is not None:
            heard = turn.ssml[:-1] if turn.reprompt else turn.ssml
            self.alexa.now += timedelta(seconds=sum(map(heard_seconds, heard)) + 2)
        return turn


def _resolution(value_id: str) -> dict[str, Any]:
    """A slot value matched to one of the model's values, as Alexa sends it."""
    authority = "amzn1.er-authority.echo-sdk.amzn1.ask.skill.test.BODY_PART"
    return {
        "resolutionsPerAuthority": [
            {
                "authority": authority,
                "status": {"code": "ER_SUCCESS_MATCH"},
                "values": [{"value": {"name": value_id, "id": value_id}}],
            }
        ]
    }


def a_week(skill: BackStretchSkill, fake: FakeAlexa, language: Language) -> Person:
    """Monday: a whole routine, the week declined. Tuesday: pain in the knee, then a warning
    sign. Wednesday: how did my week go? Then a reminder at 3 PM, said back. Each evening at
    six, local time."""
    fake.time_zone = language.time_zone
    local = datetime(2026, 11, 23, 18, 0, tzinfo=ZoneInfo(language.time_zone))
    monday_evening = local.astimezone(UTC)  # requests carry UTC timestamps
    says = language.says
    person = Person(skill, fake, language.locale)
    person.session(monday_evening)
    person.says(says.launch)
    for _ in range(3):
        person.says(says.next, "AMAZON.NextIntent")
    person.says(says.no, "AMAZON.NoIntent")
    person.session(monday_evening + timedelta(days=1))
    person.says(says.open)
    person.says(says.knee, "PainIntent", {"bodyPart": "knee"}, bodyPart=says.knee_slot)
    person.says(says.skip, "SkipStretchIntent")
    person.says(says.warning, "WarningSignIntent")
    person.session(monday_evening + timedelta(days=2))
    person.says(says.summary, "WeeklySummaryIntent")
    person.says(says.reminder, "SetReminderIntent", time="15:00")
    person.says(says.yes, "AMAZON.YesIntent")
    return person
