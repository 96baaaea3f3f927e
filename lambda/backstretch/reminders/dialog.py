"""The reminder conversation as a pure function: what was asked -> what to do and say.

Amazon's guidelines: ask before setting each reminder, and say back its time and recurrence.
So every new or changed reminder is said back as a question first ("I'll remind you to
stretch every weekday at 3 PM. Shall I set that?"); only a "yes" sets it. Without the
reminders permission, a "yes" asks Alexa for it by voice; Alexa's answer comes back as its
own request, and a granted permission sets the reminder that was asked for.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from backstretch.reminders.lines import ReminderLines
from backstretch.reminders.schedule import (
    DAYS,
    ClockTime,
    ReminderSchedule,
    parse_days,
    parse_time,
)


class Ask(StrEnum):
    SET = "set"
    LIST = "list"
    CHANGE = "change"
    CANCEL = "cancel"
    YES = "yes"
    NO = "no"
    PERMISSION = "permission"  # Alexa's answer to the voice permission request


class Step(StrEnum):
    """What the skill asked and is waiting on, kept in the session's attributes."""

    CONFIRM = "confirm"  # "Shall I set that?"
    TIME = "time"  # "What time should I remind you?"
    OFFER = "offer"  # "Want me to remind you to stretch at this time on weekdays?"


class Action(StrEnum):
    NONE = "none"
    CREATE = "create"  # set the schedule (replacing the one reminder there may be)
    ASK_PERMISSION = "ask_permission"
    SEND_CARD = "send_card"
    LIST = "list"
    CANCEL = "cancel"
    DECLINE_OFFER = "decline_offer"


@dataclass(frozen=True)
class ReminderAsk:
    """One reminder request's facts."""

    ask: Ask
    days: str | None = None  # what the person said for the days
    time: str | None = None  # AMAZON.TIME's value
    at_this_time: bool = False  # "remind me at this time on weekdays"
    permission: str | None = None  # ACCEPTED, DENIED or NOT_ANSWERED
    token: str | None = None  # the schedule the permission was asked for


@dataclass(frozen=True)
class Pending:
    """A question the reminder conversation asked, and the schedule it is about."""

    step: Step
    schedule: str | None = None  # a schedule token
    days: str | None = None  # days said while the time is still to come

    def to_attribute(self) -> dict[str, Any]:
        return {"step": str(self.step), "schedule": self.schedule, "days": self.days}

    @classmethod
    def from_attribute(cls, value: Any) -> Pending | None:
        if not isinstance(value, dict):
            return None
        try:
            step = Step(str(value.get("step")))
        except ValueError:
            return None
        schedule = value.get("schedule")
        days = value.get("days")
        return cls(
            step,
            schedule if ReminderSchedule.from_token(schedule) else None,
            days if isinstance(days, str) else None,
        )


@dataclass(frozen=True)
class Decision:
    """What to do, what to say, and what to wait for next."""

    action: Action
    say: str = ""
    question: str | None = None  # asked at the end; the session stays open for the answer
    reprompt: str | None = None
    pending: Pending | None = None
    schedule: ReminderSchedule | None = None  # for CREATE and ASK_PERMISSION


def decide(
    asked: ReminderAsk,
    pending: Pending | None,
    current: ReminderSchedule | None,
    local_now: datetime,
    permitted: bool,
    lines: ReminderLines,
) -> Decision:
    """The next step of the reminder conversation. ``current`` is the reminder on record."""
    if asked.ask is Ask.PERMISSION:
        return _permission_answered(asked, lines)
    if asked.ask is Ask.YES and pending is not None and pending.schedule:
        schedule = ReminderSchedule.from_token(pending.schedule)
        if schedule is not None:
            return _set(schedule, permitted)
    if asked.ask is Ask.NO and pending is not None:
        if pending.step is Step.OFFER:
            return Decision(Action.DECLINE_OFFER, lines.offer_declined)
        return Decision(Action.NONE, lines.not_set)
    if asked.ask is Ask.LIST:
        return Decision(Action.LIST) if current else Decision(Action.NONE, lines.none_set)
    if asked.ask is Ask.CANCEL:
        return (
            Decision(Action.CANCEL) if current else Decision(Action.NONE, lines.nothing_to_cancel)
        )
    if asked.ask in (Ask.SET, Ask.CHANGE):
        return _asked_for(asked, pending, current, local_now, lines)
    return Decision(Action.NONE, lines.anything_else, reprompt=lines.anything_else)


def _asked_for(
    asked: ReminderAsk,
    pending: Pending | None,
    current: ReminderSchedule | None,
    local_now: datetime,
    lines: ReminderLines,
) -> Decision:
    """A new or changed reminder: work out the schedule, then say it back as a question."""
    days_said = asked.days or (pending.days if pending and pending.step is Step.TIME else None)
    days = parse_days(days_said, local_now.date(), lines.weekend)
    time = parse_time(asked.time)
    if asked.at_this_time:
        time = _this_time(local_now)
    if asked.ask is Ask.CHANGE and current is not None:
        # "change my reminder to 5 PM": keep what was not said.
        days = days or (current.days, current.on_date)
        time = time or ClockTime(current.hour, current.minute)
    if time is None:
        waiting = Pending(Step.TIME, days=days_said)
        return Decision(
            Action.NONE,
            question=lines.ask_time,
            reprompt=lines.ask_time_reprompt,
            pending=waiting,
        )
    weekly, on_date = days or (DAYS, None)
    schedule = ReminderSchedule(weekly, time.hour, time.minute, on_date)
    return _confirm(schedule, lines)


def _confirm(schedule: ReminderSchedule, lines: ReminderLines) -> Decision:
    return Decision(
        Action.NONE,
        question=lines.confirm.format(when=lines.when(schedule)),
        reprompt=lines.confirm_reprompt,
        pending=Pending(Step.CONFIRM, schedule.token),
    )


def _set(schedule: ReminderSchedule, permitted: bool) -> Decision:
    action = Action.CREATE if permitted else Action.ASK_PERMISSION
    return Decision(action, schedule=schedule)


def _permission_answered(asked: ReminderAsk, lines: ReminderLines) -> Decision:
    schedule = ReminderSchedule.from_token(asked.token)
    if asked.permission == "ACCEPTED" and schedule is not None:
        return Decision(Action.CREATE, schedule=schedule)
    if asked.permission == "DENIED":
        return Decision(Action.SEND_CARD, lines.permission_denied)
    return Decision(Action.NONE, lines.permission_unanswered)


def offer(local_now: datetime, lines: ReminderLines) -> Decision:
    """The one-time offer after a finished routine: this time of day, on weekdays (the
    person's own)."""
    now = _this_time(local_now)
    schedule = ReminderSchedule(lines.weekdays, now.hour, now.minute)
    return Decision(
        Action.NONE,
        question=lines.offer,
        reprompt=lines.offer,
        pending=Pending(Step.OFFER, schedule.token),
    )


def _this_time(local_now: datetime) -> ClockTime:
    """ "At this time": now, to the five minutes before, as a person would round it."""
    return ClockTime(local_now.hour, local_now.minute - local_now.minute % 5)
