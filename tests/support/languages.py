"""A person's week with the skill in each written language other than English, played
through it end to end (envelopes in the locale, every progressive response and full response
out): the integration tier reads what they heard; the end-to-end tier hands every SSML string
to ssml-check-core. What each locale says and hears is `tests.support.spoken.SPOKEN`."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from backstretch.skill.service import BackStretchSkill
from backstretch_local.envelopes import reprompt_of
from backstretch_local.fake_alexa import FakeAlexa
from tests.support.envelopes import AlexaConversation, speech_of
from tests.support.spoken import MONDAY_EVENING_UTC, REMINDERS, SPOKEN, Spoken, english_in

__all__ = ["MONDAY_EVENING_UTC", "REMINDERS", "SPOKEN", "Speaker", "Spoken", "a_week", "english_in"]


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
class Speaker:
    """A person speaking their language to their Echo."""

    skill: BackStretchSkill
    fake: FakeAlexa
    locale: str
    alexa: AlexaConversation = field(default_factory=AlexaConversation)
    heard: list[Heard] = field(default_factory=list)

    def session(self, now: datetime, granted: frozenset[str] = frozenset()) -> None:
        self.alexa = AlexaConversation(
            locale=self.locale, api_endpoint=self.fake.api_endpoint, now=now, granted=set(granted)
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
            self.alexa.now += timedelta(seconds=_heard_seconds(turn) + 2)
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


def _heard_seconds(turn: Heard) -> float:
    ssml = " ".join(turn.ssml[:-1] if turn.reprompt else turn.ssml)
    silence = sum(int(ms) for ms in re.findall(r'<break time="(\d+)ms"/>', ssml)) / 1000
    return silence + len(re.sub(r"<[^>]+>", " ", ssml).split()) / 2.5


def a_week(skill: BackStretchSkill, fake: FakeAlexa, spoken: Spoken) -> Speaker:
    """Monday: a whole routine, the week declined. Tuesday: pain in the knee, then a warning
    sign. Wednesday: how did my week go? Thursday: a reminder set at 3 PM, said back."""
    fake.time_zone = spoken.time_zone
    person = Speaker(skill, fake, spoken.locale)
    person.session(MONDAY_EVENING_UTC)
    person.says(spoken.launch)
    for _ in range(3):
        person.says(spoken.next, "AMAZON.NextIntent")
    person.says(spoken.no, "AMAZON.NoIntent")
    person.session(MONDAY_EVENING_UTC + timedelta(days=1))
    person.says(spoken.reopen)
    person.says(spoken.knee_hurts, "PainIntent", {"bodyPart": "knee"}, bodyPart=spoken.knee_value)
    person.says(spoken.skip, "SkipStretchIntent")
    person.says(spoken.warning, "WarningSignIntent")
    person.session(MONDAY_EVENING_UTC + timedelta(days=2))
    person.says(spoken.how_was_my_week, "WeeklySummaryIntent")
    person.session(MONDAY_EVENING_UTC + timedelta(days=3), granted=frozenset({REMINDERS}))
    person.says(spoken.remind_me_at_3, "SetReminderIntent", time="15:00")
    person.says(spoken.yes, "AMAZON.YesIntent")
    return person
