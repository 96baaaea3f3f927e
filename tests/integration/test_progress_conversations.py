"""Progress that lasts, played as whole conversations through the skill, moto and a fake Alexa."""

from __future__ import annotations

import json
from collections import Counter
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from botocore.exceptions import ReadTimeoutError

from backstretch.alexa_api.client import AlexaApiConfig, HttpsAlexaApi
from backstretch.progress.dynamodb import DynamoProgressStore, user_key
from backstretch.skill.config import SkillConfig
from backstretch.skill.handlers import EventNotProcessed
from backstretch.skill.service import BackStretchSkill
from backstretch.turn import context as turn_context
from backstretch_local.web.app import create_app
from tests.support.dynamodb import TABLE_NAME, throttled_response
from tests.support.envelopes import USER_ID, AlexaConversation, speech_of
from tests.support.fake_alexa_api import FakeAlexaApi
from tests.support.heard import heard_seconds

WEDNESDAY_NOON_UTC = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


class Person:
    """One person and their Echo: sessions over days, each a conversation with the skill."""

    def __init__(self, skill: BackStretchSkill, fake: FakeAlexaApi, user_id: str = USER_ID) -> None:
        self.skill = skill
        self.fake = fake
        self.user_id = user_id
        self.alexa = AlexaConversation()
        self.heard = ""

    def session(self, now: datetime) -> AlexaConversation:
        self.alexa = AlexaConversation(
            api_endpoint=self.fake.api_endpoint, user_id=self.user_id, now=now
        )
        return self.alexa

    def says(self, intent: str | None = None, **slots: str) -> dict[str, Any]:
        envelope = self.alexa.launch() if intent is None else self.alexa.intent(intent, **slots)
        before = len(self.fake.speech_texts())
        response = self.alexa.carry(self.skill.handle_payload(envelope))
        self.heard = " ".join([*self.fake.speech_texts()[before:], speech_of(response)])
        return response

    def hears(self, intent: str | None = None, **slots: str) -> str:
        """Everything the person hears for one utterance: progressive responses, then the rest."""
        self.says(intent, **slots)
        return self.heard

    def whole_routine(self, now: datetime) -> dict[str, Any]:
        """Four sides, then "no" to hearing the week: the turn that finishes the routine."""
        self.session(now)
        self.says()
        for _ in range(3):
            self.says("AMAZON.NextIntent")
        return self.says("AMAZON.NoIntent")

    def summary(self, now: datetime) -> str:
        self.session(now)
        return self.hears("WeeklySummaryIntent")


@pytest.fixture
def skill(dynamodb_client: Any, progress_store: DynamoProgressStore) -> BackStretchSkill:
    api = HttpsAlexaApi(AlexaApiConfig(read_timeout_seconds=0.5))
    return BackStretchSkill(SkillConfig(), api=api, store=progress_store)


@pytest.fixture
def person(skill: BackStretchSkill, fake_alexa_api: FakeAlexaApi) -> Person:
    return Person(skill, fake_alexa_api)


def stored_items(client: Any) -> list[dict[str, Any]]:
    return client.scan(TableName=TABLE_NAME)["Items"]


def routine_items(client: Any, user_id: str = USER_ID) -> list[dict[str, Any]]:
    return [
        item
        for item in stored_items(client)
        if item["pk"]["S"] == user_key(user_id) and item["sk"]["S"].startswith("ROUTINE#")
    ]


# --- resume -----------------------------------------------------------------------------------


def test_stop_midway_then_yes_continues_at_the_stretch_and_side_where_it_stopped(person):
    person.session(WEDNESDAY_NOON_UTC)
    person.says()
    person.says("AMAZON.NextIntent")  # hip flexor, right side done
    person.says("AMAZON.StopIntent")

    person.session(WEDNESDAY_NOON_UTC + timedelta(minutes=20))
    offer = person.hears()
    assert "Last time you stopped at the lat stretch, left side" in offer
    assert "Welcome to Back Stretch Coach" not in offer
    resumed = person.hears("AMAZON.YesIntent")
    assert "picking up with the lat stretch, left side" in resumed
    assert "left arm" in resumed
    assert person.alexa.carried.coach["step"] == 2


def test_no_to_the_offer_asks_whether_to_start_fresh_and_then_starts_from_the_top(person):
    person.session(WEDNESDAY_NOON_UTC)
    person.says()
    person.says("AMAZON.CancelIntent")
    person.session(WEDNESDAY_NOON_UTC + timedelta(minutes=5))
    person.says()
    asked = person.hears("AMAZON.NoIntent")
    assert "Shall we start fresh from the top, or stop for now?" in asked
    assert "Hold it there." not in asked  # nothing starts before they say
    fresh = person.hears("AMAZON.StartOverIntent")
    assert person.alexa.carried.coach["step"] == 0
    assert "from the top" in fresh and "left knee" in fresh and "Hold it there." in fresh


def test_a_session_that_times_out_is_remembered_too(person):
    person.session(WEDNESDAY_NOON_UTC)
    person.says()
    person.says("AMAZON.PauseIntent")
    person.skill.handle_payload(person.alexa.session_ended("EXCEEDED_MAX_REPROMPTS"))
    person.session(WEDNESDAY_NOON_UTC + timedelta(minutes=30))
    offer = person.hears()
    # paused after the first side was coached: the next one is offered
    assert "kneeling hip flexor stretch, right side" in offer


def test_a_position_from_another_day_is_dropped(person):
    person.session(WEDNESDAY_NOON_UTC)
    person.says()
    person.says("AMAZON.StopIntent")
    person.session(WEDNESDAY_NOON_UTC + timedelta(days=1))
    launch = person.hears()
    assert "Last time you stopped" not in launch
    assert "hip flexor" in launch and person.alexa.carried.coach["step"] == 0


def test_the_safety_note_is_for_the_first_time_only(person):
    person.session(WEDNESDAY_NOON_UTC)
    assert "isn't medical advice" in person.hears()
    person.says("AMAZON.StopIntent")
    person.session(WEDNESDAY_NOON_UTC + timedelta(days=2))
    assert "isn't medical advice" not in person.hears()


def test_a_chosen_hold_length_is_remembered(person):
    person.session(WEDNESDAY_NOON_UTC)
    person.says()
    person.says("SetHoldIntent", seconds="20")
    person.says("AMAZON.StopIntent")
    person.session(WEDNESDAY_NOON_UTC + timedelta(days=1))
    heard = person.hears()  # a 20 s count: one mark at 10 s, then the countdown
    assert "10 seconds." in heard and "20 seconds." not in heard


# --- recording routines exactly once ------------------------------------------------------


@pytest.mark.parametrize("intent", ["AMAZON.StopIntent", "DoneForTodayIntent"])
def test_a_stop_that_cuts_a_hold_short_stores_only_what_was_held(person, dynamodb_client, intent):
    person.session(WEDNESDAY_NOON_UTC)
    launch = person.hears()
    person.alexa.now += timedelta(seconds=heard_seconds(launch) + 2)  # heard out
    right = person.hears("AMAZON.NextIntent")
    into_hold = heard_seconds(right[: right.index("Hold it there.")]) + 15
    person.alexa.now += timedelta(seconds=into_hold)  # "Alexa, stop", 15 s into the hold
    person.says(intent)
    items = routine_items(dynamodb_client)
    assert len(items) == 1 and items[0]["completed"] == {"BOOL": False}
    assert int(items[0]["sides_completed"]["N"]) == 1
    # Alexa's timestamps are to the second: what was held is known to within one.
    assert 30 + 14 <= int(items[0]["seconds_held"]["N"]) <= 30 + 15
    person.session(person.alexa.now + timedelta(minutes=5))
    offer = person.hears()  # the side cut short is where to pick up
    assert "Last time you stopped at the kneeling hip flexor stretch, right side" in offer


def test_a_stop_that_cuts_the_last_hold_short_is_not_a_finished_routine(person, dynamodb_client):
    person.session(WEDNESDAY_NOON_UTC)
    heard = person.hears()
    for _ in range(2):
        person.alexa.now += timedelta(seconds=heard_seconds(heard) + 2)  # heard out
        heard = person.hears("AMAZON.NextIntent")
    person.alexa.now += timedelta(seconds=heard_seconds(heard) + 2)
    last = person.hears("AMAZON.NextIntent")
    assert "whole routine" in last
    into_hold = heard_seconds(last[: last.index("Hold it there.")]) + 15
    person.alexa.now += timedelta(seconds=into_hold)  # "Alexa, stop", 15 s into the last hold
    person.says("AMAZON.StopIntent")
    [item] = routine_items(dynamodb_client)
    assert item["completed"] == {"BOOL": False}
    assert int(item["sides_completed"]["N"]) == 3
    assert 90 + 14 <= int(item["seconds_held"]["N"]) <= 90 + 15
    profile = DynamoProgressStore(TABLE_NAME, dynamodb_client).load_profile(USER_ID)
    assert profile.routines_completed == 0
    person.session(person.alexa.now + timedelta(minutes=5))
    offer = person.hears()  # the last side, cut short, is where to pick up
    assert "Last time you stopped at the lat stretch, right side" in offer


def test_a_first_side_cut_short_still_keeps_its_seconds(person, dynamodb_client):
    person.session(WEDNESDAY_NOON_UTC)
    launch = person.hears()
    person.alexa.now += timedelta(seconds=heard_seconds(launch[: launch.index("Hold it")]) + 9)
    person.says("AMAZON.StopIntent")
    items = routine_items(dynamodb_client)
    assert len(items) == 1 and 8 <= int(items[0]["seconds_held"]["N"]) <= 9
    assert int(items[0]["sides_completed"]["N"]) == 0


def test_a_request_stamped_in_year_9999_is_timed_by_the_clock_it_is_stored_by(
    person, dynamodb_client
):
    person.session(datetime(9999, 12, 31, 23, 59, 59, tzinfo=UTC))  # no device's clock
    before = datetime.now(UTC)
    person.says()
    hold_asked_at = datetime.fromisoformat(person.alexa.carried.coach["hold_asked_at"])
    person.says("AMAZON.StopIntent")
    items = routine_items(dynamodb_client)
    assert len(items) == 1 and int(items[0]["seconds_held"]["N"]) == 30
    # The hold is timed from the moment storage dates the routine by: the clock's.
    started_at = datetime.fromisoformat(items[0]["started_at"]["S"])
    assert before <= hold_asked_at == started_at <= datetime.now(UTC)


def test_a_finished_routine_is_recorded_once_even_when_the_request_is_replayed(
    person, dynamodb_client
):
    person.session(WEDNESDAY_NOON_UTC)
    person.says()
    for _ in range(3):
        person.says("AMAZON.NextIntent")
    assert "whole routine" in person.heard
    assert routine_items(dynamodb_client) == []  # the last hold may yet be cut: not yet
    last = person.alexa.intent("AMAZON.NoIntent")  # heard out: this request finishes it
    first = person.skill.handle_payload(last)
    replay = person.skill.handle_payload(last)  # Alexa or Lambda retrying the same request
    assert "See you next time." in speech_of(first) and "See you next time." in speech_of(replay)
    items = routine_items(dynamodb_client)
    assert len(items) == 1
    assert items[0]["completed"] == {"BOOL": True}
    assert int(items[0]["seconds_held"]["N"]) == 120
    summary = person.summary(WEDNESDAY_NOON_UTC + timedelta(hours=1))
    assert "1 full routine" in summary


@pytest.mark.parametrize("answer", ["AMAZON.YesIntent", "WeeklySummaryIntent"])
def test_yes_to_hearing_the_week_finishes_the_routine_and_counts_it_in_one_read_and_write(
    person, dynamodb_client, dynamodb_calls, answer
):
    person.session(WEDNESDAY_NOON_UTC)
    person.says()
    for _ in range(3):
        person.says("AMAZON.NextIntent")
    assert "Would you like to hear how your week is going?" in person.heard
    dynamodb_calls.clear()
    response = person.says(answer)
    assert "can't get to your progress" not in person.heard  # the table answers fine
    assert dynamodb_calls == Counter({"Query": 1, "TransactWriteItems": 1})
    assert "You've stretched once this week, today." in person.heard
    assert "1 full routine" in person.heard  # the routine it finishes counts
    assert response["response"]["shouldEndSession"] is True
    [routine] = routine_items(dynamodb_client)
    assert routine["completed"]["BOOL"] is True and int(routine["seconds_held"]["N"]) == 120


def test_a_last_hold_heard_out_and_left_unanswered_is_finished_as_the_session_ends(
    person, dynamodb_client
):
    person.session(WEDNESDAY_NOON_UTC)
    person.says()
    for _ in range(3):
        person.says("AMAZON.NextIntent")
    # Nobody answers the question: Alexa ends the session, and that request finishes it.
    ended = person.skill.handle_payload(person.alexa.session_ended("EXCEEDED_MAX_REPROMPTS"))
    assert "outputSpeech" not in ended["response"]
    [routine] = routine_items(dynamodb_client)
    assert routine["completed"]["BOOL"] is True and int(routine["seconds_held"]["N"]) == 120
    profile = DynamoProgressStore(TABLE_NAME, dynamodb_client).load_profile(USER_ID)
    assert profile.routines_completed == 1


def test_the_raw_user_id_is_never_stored(person, dynamodb_client):
    person.whole_routine(WEDNESDAY_NOON_UTC)
    assert USER_ID not in json.dumps(stored_items(dynamodb_client))


# --- the weekly summary in the person's own week -------------------------------------------


@pytest.mark.parametrize(
    ("zone", "local_noon_offset"),
    [("Pacific/Auckland", timedelta(hours=-13)), ("America/Los_Angeles", timedelta(hours=8))],
)
def test_summary_numbers_are_right_for_the_persons_own_week(person, zone, local_noon_offset):
    person.fake.time_zone = zone

    # Local noon on Monday 23, Tuesday 24 and Wednesday 25 November 2026, and on the Sunday before.
    def local_noon(day: int) -> datetime:
        return datetime(2026, 11, day, 12, tzinfo=UTC) + local_noon_offset

    person.whole_routine(local_noon(22))  # Sunday: last week
    for day in (23, 24, 25):
        person.whole_routine(local_noon(day))
    spoken = person.summary(local_noon(25) + timedelta(hours=2))
    assert "3 days: Monday, yesterday, and today" in spoken  # CLDR's en-US list
    assert "3 full routines and 6 minutes" in spoken
    assert "4 days in a row" in spoken
    assert "more days than last week" in spoken


def test_a_late_sunday_routine_belongs_to_that_week_in_the_persons_zone(person):
    person.fake.time_zone = "America/Los_Angeles"
    sunday_late_local = datetime(2026, 11, 29, 23, 30, tzinfo=UTC) + timedelta(hours=8)
    person.whole_routine(sunday_late_local)  # Monday 07:30 UTC, still Sunday in Los Angeles
    assert "You've stretched once this week, today." in person.summary(sunday_late_local)
    monday_local = datetime(2026, 11, 30, 9, tzinfo=UTC) + timedelta(hours=8)
    assert "You haven't stretched yet this week" in person.summary(monday_local)


def test_someone_who_has_not_stretched_hears_a_useful_line(person):
    spoken = person.summary(WEDNESDAY_NOON_UTC)
    assert "You haven't stretched yet this week" in spoken
    assert "Would you like to do your stretches now?" in spoken
    assert "hip flexor" in person.hears("AMAZON.YesIntent")


def test_the_time_zone_is_asked_for_once_and_remembered(person):
    person.whole_routine(WEDNESDAY_NOON_UTC)
    asked = [r for r in person.fake.requests if r.path.endswith("System.timeZone")]
    assert len(asked) == 1
    person.summary(WEDNESDAY_NOON_UTC + timedelta(hours=1))
    person.whole_routine(WEDNESDAY_NOON_UTC + timedelta(days=1))
    asked = [r for r in person.fake.requests if r.path.endswith("System.timeZone")]
    assert len(asked) == 1


def test_without_the_settings_api_the_summary_still_counts(person):
    person.fake.time_zone_status = 403
    person.whole_routine(WEDNESDAY_NOON_UTC)
    assert "You've stretched once this week, today." in person.summary(WEDNESDAY_NOON_UTC)


# --- what a turn costs --------------------------------------------------------------------


def test_each_turn_makes_at_most_one_read_and_one_write(person, dynamodb_calls):
    costs: dict[str, Counter[str]] = {}

    def measure(label: str, intent: str | None = None, **slots: str) -> None:
        dynamodb_calls.clear()
        person.says(intent, **slots)
        costs[label] = Counter(dynamodb_calls)

    person.session(WEDNESDAY_NOON_UTC)
    measure("launch")
    measure("next", "AMAZON.NextIntent")
    measure("repeat", "AMAZON.RepeatIntent")
    measure("why", "WhyIntent")
    measure("hold", "SetHoldIntent", seconds="25")
    measure("next2", "AMAZON.NextIntent")
    measure("last hold", "AMAZON.NextIntent")
    measure("finish", "AMAZON.NoIntent")
    measure("summary", "WeeklySummaryIntent")

    assert costs["launch"] == Counter({"GetItem": 1})
    for quiet in ("next", "repeat", "why", "next2", "last hold"):
        assert costs[quiet] == Counter(), quiet
    assert costs["hold"] == Counter({"GetItem": 1, "PutItem": 1})
    assert costs["finish"] == Counter({"GetItem": 1, "TransactWriteItems": 1})
    assert costs["summary"] == Counter({"Query": 1})


def test_the_new_requests_of_a_body_cost_at_most_one_read_and_one_write(person, dynamodb_calls):
    costs: dict[str, Counter[str]] = {}

    def measure(label: str, intent: str, **slots: str) -> None:
        dynamodb_calls.clear()
        person.says(intent, **slots)
        costs[label] = Counter(dynamodb_calls)

    person.session(WEDNESDAY_NOON_UTC)
    person.says()
    for intent in ("PainIntent", "GentlerIntent", "RedoSideIntent", "WhereAmIIntent"):
        measure(intent, intent)
    measure("HoldLengthIntent", "HoldLengthIntent")
    measure("GoToStretchIntent", "GoToStretchIntent", stretch="lat stretch")
    measure("SkipStretchIntent", "SkipStretchIntent")  # the last stretch: finishes for today
    assert all(not costs[quiet] for quiet in list(costs)[:-1]), costs
    assert costs["SkipStretchIntent"] == Counter({"GetItem": 1, "TransactWriteItems": 1})


# --- deleting a person's data -------------------------------------------------------------


def skill_disabled(user_id: str) -> dict[str, Any]:
    envelope = AlexaConversation(user_id=user_id).envelope(
        {
            "type": "AlexaSkillEvent.SkillDisabled",
            "body": {"userInformationPersistenceStatus": "NOT_PERSISTED"},
        },
        with_session=False,
    )
    return envelope


def test_skill_disabled_deletes_everything_of_that_user_and_nothing_else(
    skill, fake_alexa_api, dynamodb_client
):
    alice = Person(skill, fake_alexa_api, "amzn1.ask.account.ALICE")
    bob = Person(skill, fake_alexa_api, "amzn1.ask.account.BOB")
    alice.whole_routine(WEDNESDAY_NOON_UTC)
    bob.whole_routine(WEDNESDAY_NOON_UTC)

    response = skill.handle_payload(skill_disabled(alice.user_id))
    assert response["response"] == {}
    kept = [(item["pk"]["S"], item["sk"]["S"]) for item in stored_items(dynamodb_client)]
    # Of Alice, only the mark that she was deleted (hashed key and a time, nothing of hers).
    assert [sk for pk, sk in kept if pk == user_key(alice.user_id)] == ["~~DELETED"]
    assert any(pk == user_key(bob.user_id) for pk, _ in kept)
    again = skill.handle_payload(skill_disabled(alice.user_id))  # delivered twice: still fine
    assert again["response"] == {}


def test_a_failed_deletion_is_reported_so_alexa_delivers_it_again(skill, dynamodb_client):
    dynamodb_client.delete_table(TableName=TABLE_NAME)
    with pytest.raises(EventNotProcessed):
        skill.handle_payload(skill_disabled("amzn1.ask.account.ALICE"))


# --- storage failing ----------------------------------------------------------------------


def test_a_routine_finished_while_the_table_throttles_is_kept_and_saved_on_the_next_turn(
    person, dynamodb_client, no_retry_waits
):
    person.session(WEDNESDAY_NOON_UTC)
    person.says()
    person.says("AMAZON.NextIntent")
    person.says("AMAZON.NextIntent")
    attempts: list[str] = []

    def throttle(request: Any, **_: Any) -> Any:
        attempts.append(request.url)
        return throttled_response(request)

    person.says("AMAZON.NextIntent")
    assert "right arm" in person.heard and "whole routine" in person.heard

    dynamodb_client.meta.events.register("before-send.dynamodb.TransactWriteItems", throttle)
    response = person.says("AMAZON.NoIntent")  # the turn that finishes the routine
    finished = person.heard
    assert "I couldn't save your progress just now. I'll try again before we finish." in finished
    assert finished.removesuffix("</speak>").endswith("See you next time.")
    assert len(attempts) == 2  # botocore's own retry, then it gives up in time
    assert routine_items(dynamodb_client) == []
    # The session stays open, keeping what could not be written.
    assert response["response"]["shouldEndSession"] is False
    assert person.alexa.carried.unsaved["kind"] == "finish"

    dynamodb_client.meta.events.unregister("before-send.dynamodb.TransactWriteItems", throttle)
    # Nobody speaks: Alexa ends the session, and that request writes it.
    person.skill.handle_payload(person.alexa.session_ended("EXCEEDED_MAX_REPROMPTS"))
    [routine] = routine_items(dynamodb_client)
    assert routine["completed"]["BOOL"] is True
    assert int(routine["seconds_held"]["N"]) == 4 * 30


def test_a_routine_kept_in_the_session_counts_in_the_summary_and_is_saved_with_it(
    person, dynamodb_client, dynamodb_calls, no_retry_waits
):
    person.session(WEDNESDAY_NOON_UTC)
    person.says()
    for _ in range(3):
        person.says("AMAZON.NextIntent")

    def throttle(request: Any, **_: Any) -> Any:
        return throttled_response(request)

    dynamodb_client.meta.events.register("before-send.dynamodb.TransactWriteItems", throttle)
    person.says("AMAZON.NoIntent")  # finishes the routine; the table throttles its write
    dynamodb_client.meta.events.unregister("before-send.dynamodb.TransactWriteItems", throttle)
    assert person.alexa.carried.unsaved["kind"] == "finish"
    dynamodb_calls.clear()

    summary = person.hears("WeeklySummaryIntent")

    # Still one read and one write: the routine owed takes the turn's write (the time zone,
    # not yet known, waits for another turn).
    assert dynamodb_calls == Counter({"Query": 1, "TransactWriteItems": 1})
    assert "once this week, today" in summary
    assert "Your progress is saved now." in summary
    assert len(routine_items(dynamodb_client)) == 1


def test_a_write_whose_answer_was_lost_is_not_called_lost_and_is_counted_once(
    person, dynamodb_client, no_retry_waits
):
    """The transaction reaches the table, then its answer never comes back."""
    from botocore.httpsession import URLLib3Session

    def commit_then_lose_the_answer(request: Any, **_: Any) -> None:
        URLLib3Session().send(request)
        raise ReadTimeoutError(endpoint_url=request.url)

    person.session(WEDNESDAY_NOON_UTC)
    person.says()
    for _ in range(3):
        person.says("AMAZON.NextIntent")
    dynamodb_client.meta.events.register(
        "before-send.dynamodb.TransactWriteItems", commit_then_lose_the_answer
    )
    finished = person.hears("AMAZON.NoIntent")  # the turn that finishes the routine
    dynamodb_client.meta.events.unregister(
        "before-send.dynamodb.TransactWriteItems", commit_then_lose_the_answer
    )

    assert "couldn't save" not in finished  # it may well have been saved: nothing false
    assert "I'll check it's kept before we finish." in finished
    person.skill.handle_payload(person.alexa.session_ended("USER_INITIATED"))
    [routine] = routine_items(dynamodb_client)
    assert routine["completed"]["BOOL"] is True
    profile = DynamoProgressStore(TABLE_NAME, dynamodb_client).load_profile(USER_ID)
    assert profile.routines_completed == 1  # written, then written again: counted once


def test_an_unreachable_table_at_launch_still_starts_the_routine(
    person, dynamodb_client, no_retry_waits
):
    def time_out(request: Any, **_: Any) -> None:
        raise ReadTimeoutError(endpoint_url=request.url)

    dynamodb_client.meta.events.register("before-send.dynamodb.GetItem", time_out)
    person.session(WEDNESDAY_NOON_UTC)
    heard = person.hears()
    assert "Kneel down on your left knee" in heard
    assert heard.startswith("<speak>I can't reach your saved progress just now")


def test_an_unreadable_summary_is_said_honestly(person, dynamodb_client, no_retry_waits):
    dynamodb_client.meta.events.register(
        "before-send.dynamodb.Query", lambda request, **_: throttled_response(request)
    )
    spoken = person.summary(WEDNESDAY_NOON_UTC)
    assert "can't get to your progress right now" in spoken
    assert "stretched" not in spoken


def test_the_endpoint_answers_503_when_a_deletion_fails_so_alexa_retries(skill, dynamodb_client):
    client = create_app(skill, verifier=None).test_client()
    dynamodb_client.delete_table(TableName=TABLE_NAME)
    response = client.post("/alexa", json=skill_disabled("amzn1.ask.account.ALICE"))
    assert response.status_code == 503
    assert response.headers["Retry-After"]
    assert "deliver it again" in response.get_json()["error"]


def test_a_summary_mid_routine_counts_the_routine_under_way(person):
    person.session(WEDNESDAY_NOON_UTC)
    person.says()
    person.says("AMAZON.NextIntent")
    spoken = person.hears("WeeklySummaryIntent")
    assert "You've stretched once this week, today." in spoken
    assert "That's 1 minute of holding stretches so far." in spoken
    assert "Next is the lat stretch." in spoken and "counter" in spoken


def test_a_newcomer_who_asks_for_the_summary_first_still_hears_the_safety_note_once(person):
    person.summary(WEDNESDAY_NOON_UTC)
    assert "isn't medical advice" in person.hears("AMAZON.YesIntent")
    person.says("AMAZON.StopIntent")
    person.session(WEDNESDAY_NOON_UTC + timedelta(days=1))
    assert "isn't medical advice" not in person.hears()


def test_a_session_opened_with_the_summary_uses_the_remembered_hold_length(person):
    person.session(WEDNESDAY_NOON_UTC)
    person.says()
    person.says("SetHoldIntent", seconds="20")
    person.says("AMAZON.StopIntent")
    person.summary(WEDNESDAY_NOON_UTC + timedelta(days=2))
    heard = person.hears("AMAZON.YesIntent")  # a 20 s count
    assert "10 seconds." in heard and "20 seconds." not in heard


def test_asking_to_pick_up_where_i_left_off_goes_straight_there(person):
    person.session(WEDNESDAY_NOON_UTC)
    person.says()
    person.says("AMAZON.NextIntent")
    person.says("AMAZON.StopIntent")
    person.session(WEDNESDAY_NOON_UTC + timedelta(minutes=10))
    heard = person.hears("AMAZON.ResumeIntent")
    assert "picking up with the lat stretch, left side" in heard
    assert person.alexa.carried.coach["step"] == 2


def test_no_storage_call_starts_that_could_not_end_within_the_turn(
    person, dynamodb_calls, monkeypatch
):
    """With no time left in the turn for a slow call, the skill does not start one."""
    person.session(WEDNESDAY_NOON_UTC)
    person.says()
    monkeypatch.setattr(turn_context, "TURN_DEADLINE_SECONDS", 1.0)  # less than one call
    dynamodb_calls.clear()
    stopped = person.hears("AMAZON.StopIntent")
    assert dynamodb_calls == Counter()
    assert "I couldn't save your progress just now" in stopped
