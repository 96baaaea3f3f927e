"""The reminder conversation, pure: what a person asks, what is said back, what gets set.

Amazon's reminder guidelines: ask before setting each reminder and say back its time and
recurrence. So every schedule is said back as a question, and only "yes" sets it.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from backstretch.reminders.dialog import Action, Ask, Pending, ReminderAsk, Step, decide, offer
from backstretch.reminders.lines import reminder_lines
from backstretch.reminders.schedule import ReminderSchedule, parse_days, parse_time

LINES = reminder_lines("en-US")
# Tuesday 1 December 2026, 5:42 PM in Denver.
NOW = datetime(2026, 12, 1, 17, 42, tzinfo=ZoneInfo("America/Denver"))
MON_TO_FRI = ("MO", "TU", "WE", "TH", "FR")


def ask(kind: Ask, **facts: object) -> ReminderAsk:
    return ReminderAsk(kind, **facts)  # type: ignore[arg-type]


def test_every_weekday_at_3_pm_is_said_back_before_it_is_set():
    decision = decide(
        ask(Ask.SET, days="every weekday", time="15:00"), None, None, NOW, True, LINES
    )

    assert decision.action is Action.NONE  # nothing is set before a yes
    assert (
        decision.question == "I'll remind you to stretch every weekday at 3 PM. Shall I set that?"
    )
    assert decision.pending == Pending(Step.CONFIRM, "MO,TU,WE,TH,FR@15:00")


def test_yes_sets_exactly_what_was_said_back():
    pending = Pending(Step.CONFIRM, "MO,TU,WE,TH,FR@15:00")

    decision = decide(ask(Ask.YES), pending, None, NOW, True, LINES)

    assert decision.action is Action.CREATE
    assert decision.schedule == ReminderSchedule(MON_TO_FRI, 15, 0)


def test_yes_without_the_permission_asks_alexa_for_it_by_voice():
    pending = Pending(Step.CONFIRM, "SA,SU@09:30")

    decision = decide(ask(Ask.YES), pending, None, NOW, False, LINES)

    assert decision.action is Action.ASK_PERMISSION
    assert decision.schedule == ReminderSchedule(("SA", "SU"), 9, 30)


@pytest.mark.parametrize(
    ("status", "action", "line"),
    [
        ("ACCEPTED", Action.CREATE, ""),
        ("DENIED", Action.SEND_CARD, LINES.permission_denied),
        ("NOT_ANSWERED", Action.NONE, LINES.permission_unanswered),
    ],
)
def test_alexas_answer_to_the_permission_request(status, action, line):
    answer = ask(Ask.PERMISSION, permission=status, token="MO,TU,WE,TH,FR@15:00")

    decision = decide(answer, None, None, NOW, status == "ACCEPTED", LINES)

    assert decision.action is action
    assert decision.say == line


def test_every_day_at_half_past_seven_when_no_days_are_said():
    decision = decide(ask(Ask.SET, time="07:30"), None, None, NOW, True, LINES)

    assert decision.question == "I'll remind you to stretch every day at 7:30 AM. Shall I set that?"


def test_a_vague_time_is_mapped_to_an_hour_that_is_said_back():
    decision = decide(ask(Ask.SET, days="tomorrow", time="MO"), None, None, NOW, True, LINES)

    assert decision.question == (
        "I'll remind you to stretch on Wednesday, December 2 at 8 AM. Shall I set that?"
    )


def test_no_time_is_asked_for_and_the_days_are_kept_for_the_answer():
    first = decide(ask(Ask.SET, days="weekends"), None, None, NOW, True, LINES)
    assert first.question == LINES.ask_time
    assert first.pending == Pending(Step.TIME, days="weekends")

    second = decide(ask(Ask.SET, time="10:00"), first.pending, None, NOW, True, LINES)
    assert second.pending == Pending(Step.CONFIRM, "SA,SU@10:00")


def test_at_this_time_on_weekdays_is_now_in_the_persons_own_zone():
    decision = decide(
        ask(Ask.SET, days="weekdays", at_this_time=True), None, None, NOW, True, LINES
    )

    assert decision.pending == Pending(Step.CONFIRM, "MO,TU,WE,TH,FR@17:40")


def test_change_keeps_the_days_and_takes_the_new_time():
    current = ReminderSchedule(MON_TO_FRI, 15, 0)

    decision = decide(ask(Ask.CHANGE, time="17:00"), None, current, NOW, True, LINES)

    assert decision.pending == Pending(Step.CONFIRM, "MO,TU,WE,TH,FR@17:00")


def test_no_to_the_offer_is_a_decline_and_no_to_a_confirmation_sets_nothing():
    made = offer(NOW, LINES)
    assert made.question == LINES.offer
    assert decide(ask(Ask.NO), made.pending, None, NOW, True, LINES).action is Action.DECLINE_OFFER

    confirm = Pending(Step.CONFIRM, "MO@08:00")
    said_no = decide(ask(Ask.NO), confirm, None, NOW, True, LINES)
    assert (said_no.action, said_no.say) == (Action.NONE, LINES.not_set)


def test_listing_or_cancelling_nothing_says_so():
    assert decide(ask(Ask.LIST), None, None, NOW, True, LINES).say == LINES.none_set
    assert decide(ask(Ask.CANCEL), None, None, NOW, True, LINES).say == LINES.nothing_to_cancel


@pytest.mark.parametrize(
    ("said", "days"),
    [
        ("every day", ("MO", "TU", "WE", "TH", "FR", "SA", "SU")),
        ("weekdays", MON_TO_FRI),
        ("on weekends", ("SA", "SU")),
        ("monday and thursday", ("MO", "TH")),
        ("purple", None),
    ],
)
def test_days_people_say(said, days):
    parsed = parse_days(said, date(2026, 12, 1))
    assert (parsed[0] if parsed else None) == days


@pytest.mark.parametrize("value", ["25:00", "7", "", None, "12:60", "XX"])
def test_times_that_are_not_times(value):
    assert parse_time(value) is None


def test_a_weekly_reminder_reaches_alexa_in_the_persons_zone_with_its_rule():
    body = ReminderSchedule(MON_TO_FRI, 15, 0).reminder_request(
        NOW, "America/Denver", "en-US", LINES.reminder_text
    )

    trigger = body["trigger"]
    assert trigger == {
        "type": "SCHEDULED_ABSOLUTE",
        "timeZoneId": "America/Denver",
        "recurrence": {
            "startDateTime": "2026-12-01T17:42:00.000",
            "recurrenceRules": [
                "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=15;BYMINUTE=0;BYSECOND=0;INTERVAL=1"
            ],
        },
    }
    assert body["alertInfo"] == {
        "spokenInfo": {"content": [{"locale": "en-US", "text": LINES.reminder_text}]}
    }
    assert "Alexa, start my back stretches" in LINES.reminder_text


def test_a_one_off_reminder_has_a_local_time_and_no_recurrence():
    body = ReminderSchedule((), 8, 0, date(2026, 12, 2)).reminder_request(
        NOW, "America/Denver", "en-US", LINES.reminder_text
    )

    assert body["trigger"] == {
        "type": "SCHEDULED_ABSOLUTE",
        "timeZoneId": "America/Denver",
        "scheduledTime": "2026-12-02T08:00:00.000",
    }


@pytest.mark.parametrize("token", ["", "MO@7:00", "XX@07:00", "MO@25:00", "2026-13-01@08:00", 5])
def test_a_token_that_is_not_a_schedule_is_none(token):
    assert ReminderSchedule.from_token(token) is None
