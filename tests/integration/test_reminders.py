"""Stretch reminders, played through the skill against the fake Reminders API over HTTPS.

What a person hears, what Alexa ends up holding (the fake's reminders) and what the skill
keeps (the profile), for every path: set, permission by voice, list, change, cancel, the
one-time offer, and each way the Reminders API can fail.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from backstretch.alexa_api.client import AlexaApiConfig, HttpsAlexaApi
from backstretch.progress.memory import InMemoryProgressStore
from backstretch.reminders.lines import reminder_lines
from backstretch.skill.config import SkillConfig
from backstretch.skill.service import BackStretchSkill
from backstretch_local.envelopes import ends_session, reprompt_of
from tests.support.envelopes import USER_ID, AlexaConversation, speech_of
from tests.support.fake_alexa_api import FakeAlexaApi

SCOPE = "alexa::alerts:reminders:skill:readwrite"
LINES = reminder_lines("en-US")
# Tuesday 1 December 2026, 11:12 PM UTC: 3:12 PM in Los Angeles, the fake's time zone.
TUESDAY_AFTERNOON_IN_LA = datetime(2026, 12, 1, 23, 12, tzinfo=UTC)
PROMISED_SECONDS = 6.5


class Person:
    """One person and their Echo, talking to the skill."""

    def __init__(self, skill: BackStretchSkill, fake: FakeAlexaApi, granted: bool) -> None:
        self.skill = skill
        self.fake = fake
        self.granted = {SCOPE} if granted else set()
        self.alexa = self.session()
        self.response: dict[str, Any] = {}

    def session(self, now: datetime = TUESDAY_AFTERNOON_IN_LA) -> AlexaConversation:
        self.alexa = AlexaConversation(
            api_endpoint=self.fake.api_endpoint, now=now, granted=set(self.granted)
        )
        return self.alexa

    def send(self, envelope: dict[str, Any]) -> str:
        self.response = self.alexa.carry(self.skill.handle_payload(envelope))
        return speech_of(self.response)

    def says(self, intent: str, **slots: str | None) -> str:
        return self.send(self.alexa.intent(intent, **slots))

    def directives(self) -> list[dict[str, Any]]:
        return list(self.response["response"].get("directives") or [])


@pytest.fixture
def store() -> InMemoryProgressStore:
    return InMemoryProgressStore()


@pytest.fixture
def skill(store: InMemoryProgressStore) -> BackStretchSkill:
    api = HttpsAlexaApi(AlexaApiConfig(read_timeout_seconds=0.5))
    return BackStretchSkill(SkillConfig(), api=api, store=store)


@pytest.fixture
def person(skill: BackStretchSkill, fake_alexa_api: FakeAlexaApi) -> Person:
    return Person(skill, fake_alexa_api, granted=True)


@pytest.fixture
def newcomer(skill: BackStretchSkill, fake_alexa_api: FakeAlexaApi) -> Person:
    """Someone who has not yet allowed the skill to set reminders."""
    return Person(skill, fake_alexa_api, granted=False)


def the_only_reminder(fake: FakeAlexaApi) -> dict[str, Any]:
    assert len(fake.reminders) == 1
    return next(iter(fake.reminders.values()))


# --- set ---------------------------------------------------------------------------------------


def test_a_weekday_reminder_is_said_back_then_set_after_yes(person, fake_alexa_api, store):
    asked = person.says("SetReminderIntent", days="every weekday", time="15:00")
    assert "I'll remind you to stretch every weekday at 3 PM. Shall I set that?" in asked
    assert fake_alexa_api.reminders == {}  # nothing before a yes
    assert not ends_session(person.response)

    done = person.says("AMAZON.YesIntent")

    assert "Done. I'll remind you to stretch every weekday at 3 PM." in done
    trigger = the_only_reminder(fake_alexa_api)["trigger"]
    assert trigger["timeZoneId"] == "America/Los_Angeles"
    assert trigger["recurrence"]["recurrenceRules"] == [
        "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=15;BYMINUTE=0;BYSECOND=0;INTERVAL=1"
    ]
    assert trigger["recurrence"]["startDateTime"] == "2026-12-01T15:12:00.000"
    saved = store.load_profile(USER_ID).reminder
    assert saved is not None and saved.alert_token in fake_alexa_api.reminders
    request = next(r for r in fake_alexa_api.requests if r.path == "/v1/alerts/reminders")
    assert request.header("Authorization") == "Bearer test-api-token"


def test_at_this_time_on_weekdays_is_the_persons_own_time(person, fake_alexa_api):
    asked = person.says("SetReminderIntent", days="weekdays", now="this time")
    assert "every weekday at 3:10 PM" in asked


def test_no_to_the_question_sets_nothing(person, fake_alexa_api, store):
    person.says("SetReminderIntent", days="weekends", time="09:00")
    heard = person.says("AMAZON.NoIntent")

    assert LINES.not_set in heard
    assert fake_alexa_api.reminders == {}
    assert store.load_profile(USER_ID).reminder is None


def test_a_missing_time_is_asked_for(person, fake_alexa_api):
    asked = person.says("SetReminderIntent", days="weekends", time=None)
    assert LINES.ask_time in asked
    assert LINES.ask_time_reprompt in reprompt_of(person.response)

    confirmed = person.says("SetReminderIntent", time="10:00")
    assert "on weekends at 10 AM" in confirmed


def test_the_time_is_asked_for_with_the_dialog_model(person):
    """ "What time?" is a Dialog.ElicitSlot: Alexa then hears the time slot's own samples
    ("3 pm"), which no intent takes at any other moment, and sends them back as the intent
    it names, with the days said so far."""
    person.says("SetReminderIntent", days="weekends", time=None)
    (elicit,) = [d for d in person.directives() if d["type"] == "Dialog.ElicitSlot"]
    assert elicit["slotToElicit"] == "time"
    intent = elicit["updatedIntent"]
    assert intent["name"] == "SetReminderIntent"
    assert intent["slots"]["days"]["value"] == "weekends"
    assert "value" not in intent["slots"]["time"]
    assert person.response["response"]["shouldEndSession"] is False  # a dialog stays open

    person.says("ChangeReminderIntent", days=None, time=None)  # nothing to change yet
    (elicit,) = [d for d in person.directives() if d["type"] == "Dialog.ElicitSlot"]
    assert (elicit["updatedIntent"]["name"], elicit["slotToElicit"]) == (
        "ChangeReminderIntent",
        "time",
    )


def test_only_the_time_question_elicits_a_slot(person):
    person.says("SetReminderIntent", days="weekends", time="10:00")  # "Shall I set that?"
    assert person.directives() == []
    person.says("AMAZON.YesIntent")
    assert person.directives() == []


def test_a_new_reminder_replaces_the_old_one(person, fake_alexa_api, store):
    heard = []
    for time_said in ("15:00", "17:30"):
        person.says("SetReminderIntent", days="every day", time=time_said)
        heard.append(person.says("AMAZON.YesIntent"))

    assert "From now on, I'll remind you to stretch every day at 5:30 PM." in heard[1]
    rules = the_only_reminder(fake_alexa_api)["trigger"]["recurrence"]["recurrenceRules"]
    assert rules == [
        "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA,SU;BYHOUR=17;BYMINUTE=30;BYSECOND=0;INTERVAL=1"
    ]
    saved = store.load_profile(USER_ID).reminder
    assert saved is not None and saved.alert_token in fake_alexa_api.reminders


# --- permission by voice -----------------------------------------------------------------------


def test_without_permission_yes_asks_alexa_and_accepted_sets_it(newcomer, fake_alexa_api):
    newcomer.says("SetReminderIntent", days="every weekday", time="15:00")
    silent = newcomer.says("AMAZON.YesIntent")

    assert silent == ""  # Alexa asks for the permission in its own words
    [directive] = newcomer.directives()
    assert directive["type"] == "Connections.SendRequest"
    assert directive["name"] == "AskFor"
    assert directive["payload"]["permissionScopes"] == [
        {"permissionScope": SCOPE, "consentLevel": "ACCOUNT"}
    ]
    assert fake_alexa_api.reminders == {}

    newcomer.alexa.granted = {SCOPE}  # the person said yes to Alexa
    done = newcomer.send(newcomer.alexa.permission_answer("ACCEPTED", directive["token"]))

    assert "Done. I'll remind you to stretch every weekday at 3 PM." in done
    assert len(fake_alexa_api.reminders) == 1


def alexa_asked_for_permission(newcomer: Person) -> str:
    """A newcomer asks for a weekday reminder and says yes: the token Alexa will hand back."""
    newcomer.says("SetReminderIntent", days="every weekday", time="15:00")
    newcomer.says("AMAZON.YesIntent")
    return str(newcomer.directives()[0]["token"])


@pytest.mark.parametrize(
    ("status", "line", "card"),
    [
        ("DENIED", LINES.permission_denied, True),
        ("NOT_ANSWERED", LINES.permission_unanswered, False),
    ],
)
def test_a_refused_or_unanswered_permission_request_sets_nothing(
    newcomer, fake_alexa_api, status, line, card
):
    token = alexa_asked_for_permission(newcomer)

    heard = newcomer.send(newcomer.alexa.permission_answer(status, token))

    assert line in heard
    sent = newcomer.response["response"].get("card")
    assert (sent == {"type": "AskForPermissionsConsent", "permissions": [SCOPE]}) is card
    assert fake_alexa_api.reminders == {}


# --- list, change, cancel ---------------------------------------------------------------------


def set_weekdays_at_3(person: Person) -> None:
    person.says("SetReminderIntent", days="every weekday", time="15:00")
    person.says("AMAZON.YesIntent")


def test_what_reminders_do_i_have(person):
    assert LINES.none_set in person.says("ListRemindersIntent")
    set_weekdays_at_3(person)

    assert "I'll remind you to stretch every weekday at 3 PM." in person.says("ListRemindersIntent")


def test_a_reminder_deleted_in_the_alexa_app_is_found_out_and_forgotten(
    person, fake_alexa_api, store
):
    set_weekdays_at_3(person)
    fake_alexa_api.reminders.clear()  # the person deleted it in the Alexa app

    assert LINES.gone in person.says("ListRemindersIntent")
    assert store.load_profile(USER_ID).reminder is None


def test_change_my_reminder_to_5_pm_keeps_the_days(person, fake_alexa_api):
    set_weekdays_at_3(person)

    asked = person.says("ChangeReminderIntent", time="17:00")
    assert "every weekday at 5 PM. Shall I set that?" in asked
    changed = person.says("AMAZON.YesIntent")

    assert "From now on, I'll remind you to stretch every weekday at 5 PM." in changed
    rules = the_only_reminder(fake_alexa_api)["trigger"]["recurrence"]["recurrenceRules"]
    assert "BYHOUR=17" in rules[0]


def test_stop_reminding_me(person, fake_alexa_api, store):
    set_weekdays_at_3(person)

    assert LINES.cancelled in person.says("CancelReminderIntent")
    assert fake_alexa_api.reminders == {}
    assert store.load_profile(USER_ID).reminder is None
    assert LINES.nothing_to_cancel in person.says("CancelReminderIntent")


# --- when the Reminders API fails --------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "line"),
    [
        (401, LINES.revoked),
        (403, LINES.device_cannot),
        (400, LINES.bad_time),
        (429, LINES.busy),
        (500, LINES.unreachable),
        (503, LINES.unreachable),
    ],
)
def test_each_refusal_has_its_own_answer_and_nothing_is_stored(
    person, fake_alexa_api, store, status, line
):
    person.says("SetReminderIntent", days="every weekday", time="15:00")
    fake_alexa_api.reminders_status = status

    heard = person.says("AMAZON.YesIntent")

    assert line in heard
    assert "Done" not in heard
    assert store.load_profile(USER_ID).reminder is None


def test_a_hanging_reminders_api_is_answered_in_time(person, fake_alexa_api, store):
    person.says("SetReminderIntent", days="every weekday", time="15:00")
    fake_alexa_api.reminders_hang = True

    started = time.monotonic()
    heard = person.says("AMAZON.YesIntent")
    fake_alexa_api.release()

    assert time.monotonic() - started < PROMISED_SECONDS
    assert LINES.unreachable in heard
    assert store.load_profile(USER_ID).reminder is None


# --- offered once, never nagged -----------------------------------------------------------------


def finish_a_routine(person: Person, day: int, closing: str = "AMAZON.NoIntent") -> str:
    """Four sides, then the turn that finishes the routine ("no" to hearing the week, or the
    session's end); what that turn says."""
    person.session(TUESDAY_AFTERNOON_IN_LA + timedelta(days=day))
    person.send(person.alexa.launch())
    for _ in range(3):
        last_hold = person.says("AMAZON.NextIntent")
    assert LINES.offer not in last_hold  # offered only once the routine is finished
    if closing == "SessionEndedRequest":
        return person.send(person.alexa.session_ended("EXCEEDED_MAX_REPROMPTS"))
    return person.says(closing)


def test_the_offer_comes_once_after_the_second_routine_and_no_is_remembered(person, fake_alexa_api):
    first = finish_a_routine(person, 0)
    assert LINES.offer not in first and ends_session(person.response)

    second = finish_a_routine(person, 1)
    assert second.removesuffix("</speak>").endswith(LINES.offer)
    assert not ends_session(person.response)
    assert LINES.offer_declined in person.says("AMAZON.NoIntent")

    third = finish_a_routine(person, 2)
    assert LINES.offer not in third
    assert fake_alexa_api.reminders == {}


def test_yes_to_the_offer_sets_weekdays_at_this_time(person, fake_alexa_api):
    finish_a_routine(person, 0)
    finish_a_routine(person, 1)

    done = person.says("AMAZON.YesIntent")

    assert "Done. I'll remind you to stretch every weekday at 3:10 PM." in done
    assert len(fake_alexa_api.reminders) == 1


def test_the_offer_is_made_with_the_week_when_yes_finishes_the_routine(person, store):
    finish_a_routine(person, 0)
    second = finish_a_routine(person, 1, closing="WeeklySummaryIntent")
    assert "this week" in second
    assert second.removesuffix("</speak>").endswith(LINES.offer)
    assert store.load_profile(USER_ID).routines_completed == 2


def test_the_offer_is_not_made_to_a_session_that_ended_but_at_the_next_finish(person, store):
    finish_a_routine(person, 0)
    unheard = finish_a_routine(person, 1, closing="SessionEndedRequest")
    assert unheard == ""  # nobody to tell
    assert store.load_profile(USER_ID).routines_completed == 2
    assert not store.load_profile(USER_ID).reminder_offered

    third = finish_a_routine(person, 2)
    assert third.removesuffix("</speak>").endswith(LINES.offer)


def test_a_reminder_asked_for_mid_routine_keeps_the_persons_place(person):
    person.send(person.alexa.launch())
    step = person.alexa.carried.coach["step"]

    person.says("SetReminderIntent", days="every day", time="08:00")
    person.says("AMAZON.YesIntent")

    assert person.alexa.carried.coach["step"] == step
    assert not ends_session(person.response)
