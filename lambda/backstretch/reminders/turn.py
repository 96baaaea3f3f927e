"""One reminder turn, in order: recall the profile, decide, call the Reminders API, remember.

The same budget and timeouts as every turn: the Reminders API is one of Alexa's APIs, within
their allowance; storage is at most one read and one write. Nothing is stored as set unless
Alexa confirmed it, and a reminder Alexa no longer has (deleted in the Alexa app) is found
out at the next list or change, and forgotten.
"""

from __future__ import annotations

import logging
import urllib.parse
from dataclasses import dataclass, replace
from typing import Any
from zoneinfo import ZoneInfo

from backstretch.alexa_api.port import ApiAnswer
from backstretch.budget import TurnBudget
from backstretch.progress.changes import with_zone
from backstretch.progress.errors import ProgressUnavailable
from backstretch.progress.model import Profile, StretchReminder
from backstretch.reminders.dialog import Action, Decision, Pending, ReminderAsk, Step, decide
from backstretch.reminders.lines import ReminderLines, reminder_lines
from backstretch.reminders.schedule import ReminderSchedule
from backstretch.turn.context import TurnClock, TurnServices
from backstretch.turn.request import TurnRequest
from backstretch.turn.storage import ProgressWrite, TurnStorage

logger = logging.getLogger(__name__)

REMINDERS_SCOPE = "alexa::alerts:reminders:skill:readwrite"
_REMINDERS_PATH = "/v1/alerts/reminders"


@dataclass(frozen=True)
class ReminderReply:
    """What a reminder turn answers with."""

    speech: str  # plain text; "" to say nothing (Alexa asks for the permission itself)
    reprompt: str | None = None
    pending: Pending | None = None  # the question now waiting for an answer
    ask_permission_for: str | None = None  # a schedule token: send the voice permission request
    consent_card: bool = False  # send the card that lets the person allow reminders
    outcome: str = "reminder_answered"
    storage_errors: int = 0

    @property
    def elicits(self) -> str | None:
        """The slot the question asks for, collected with the dialog model (its slot samples
        are heard only while it is asked): "time" for "What time should I remind you?"."""
        waiting = self.pending
        return "time" if waiting is not None and waiting.step is Step.TIME else None


def take_reminder_turn(
    request: TurnRequest,
    asked: ReminderAsk,
    pending: Pending | None,
    services: TurnServices,
) -> ReminderReply:
    clock = TurnClock.start(request, services)
    storage, zone = clock.storage, clock.zone
    lines = reminder_lines(request.locale)

    try:
        profile: Profile | None = storage.profile()
    except ProgressUnavailable as error:
        storage.failed("not read for a reminder turn", error)
        profile = None
    known = profile or Profile()
    current = ReminderSchedule.from_token(known.reminder.schedule) if known.reminder else None
    local = zone.find(known)
    permitted = REMINDERS_SCOPE in request.permissions
    decision = decide(asked, pending, current, request.now.astimezone(local), permitted, lines)

    api = _RemindersApi(services, request, clock.alexa_budget)
    reply = _act(decision, api, storage, known, local, zone.to_remember(known), request, lines)
    return replace(reply, storage_errors=storage.errors)


def _act(
    decision: Decision,
    api: _RemindersApi,
    storage: TurnStorage,
    profile: Profile,
    local: ZoneInfo,
    learned_zone: str | None,
    request: TurnRequest,
    lines: ReminderLines,
) -> ReminderReply:
    action = decision.action
    if action is Action.CREATE and decision.schedule is not None:
        where = _Where(local, learned_zone, request)
        return _create(decision.schedule, api, storage, profile, where, lines)
    if action is Action.ASK_PERMISSION and decision.schedule is not None:
        return ReminderReply("", ask_permission_for=decision.schedule.token, outcome="asked")
    if action is Action.SEND_CARD:
        return ReminderReply(decision.say, consent_card=True, outcome="permission_denied")
    if action is Action.LIST and profile.reminder is not None:
        return _list(profile.reminder, api, storage, lines)
    if action is Action.CANCEL and profile.reminder is not None:
        return _cancel(profile.reminder, api, storage, lines)
    text = " ".join(part for part in (decision.say, decision.question or "") if part)
    return ReminderReply(text, decision.reprompt, decision.pending)


@dataclass(frozen=True)
class _Where:
    """The person's time zone (and whether Alexa just told it us), and their request."""

    zone: ZoneInfo
    learned: str | None
    request: TurnRequest


def _create(
    schedule: ReminderSchedule,
    api: _RemindersApi,
    storage: TurnStorage,
    profile: Profile,
    where: _Where,
    lines: ReminderLines,
) -> ReminderReply:
    """Set the one stretch reminder: change the one there is, or make a new one."""
    local_now = where.request.now.astimezone(where.zone)
    body = schedule.reminder_request(
        local_now, where.zone.key, where.request.locale, lines.reminder_text
    )
    answer = None
    if profile.reminder is not None:
        answer = api.call("reminders_update", "PUT", profile.reminder.alert_token, body)
        if answer.status == 404:  # deleted in the Alexa app: make a new one
            answer = None
    if answer is None:
        answer = api.call("reminders_create", "POST", None, body)
    if not answer.ok:
        return _refused(answer, lines)
    alert_token = answer.body.get("alertToken") if isinstance(answer.body, dict) else None
    when = lines.when(schedule)
    said = (lines.changed if profile.reminder else lines.set).format(when=when)
    if not isinstance(alert_token, str) or not alert_token:
        logger.warning("reminder set but Alexa's answer carried no alert token")
        return ReminderReply(f"{said} {lines.not_saved}", outcome="reminder_set")
    reminder = StretchReminder(alert_token, schedule.token)
    try:
        storage.write(ProgressWrite(lambda p: _with(p, reminder, where.learned)))
    except ProgressUnavailable as error:
        storage.failed("reminder not noted", error)
        return ReminderReply(f"{said} {lines.not_saved}", outcome="reminder_set")
    return ReminderReply(said, outcome="reminder_set")


def _list(
    reminder: StretchReminder, api: _RemindersApi, storage: TurnStorage, lines: ReminderLines
) -> ReminderReply:
    answer = api.call("reminders_get", "GET", reminder.alert_token, None)
    if answer.status == 404:
        _forget(storage)
        return ReminderReply(lines.gone, outcome="reminder_gone")
    schedule = ReminderSchedule.from_token(reminder.schedule)
    if schedule is None:
        return ReminderReply(lines.none_set)
    # Alexa unreachable: what is on record is still the best answer.
    return ReminderReply(lines.listed.format(when=lines.when(schedule)), outcome="reminder_listed")


def _cancel(
    reminder: StretchReminder, api: _RemindersApi, storage: TurnStorage, lines: ReminderLines
) -> ReminderReply:
    answer = api.call("reminders_delete", "DELETE", reminder.alert_token, None)
    if not answer.ok and answer.status != 404:  # 404: already gone, which is what was asked
        return _refused(answer, lines)
    _forget(storage)
    return ReminderReply(lines.cancelled, outcome="reminder_cancelled")


def _forget(storage: TurnStorage) -> None:
    try:
        storage.write(ProgressWrite(lambda p: replace(p, reminder=None)))
    except ProgressUnavailable as error:
        storage.failed("reminder not forgotten", error)


def _refused(answer: ApiAnswer, lines: ReminderLines) -> ReminderReply:
    """Each way the Reminders API can say no has its own short answer; nothing is stored."""
    status = answer.status
    if status == 401:
        return ReminderReply(lines.revoked, consent_card=True, outcome="reminder_unauthorized")
    if status == 403:
        return ReminderReply(lines.device_cannot, outcome="reminder_forbidden")
    if status == 400:
        return ReminderReply(lines.bad_time, outcome="reminder_rejected")
    if status == 429:
        return ReminderReply(lines.busy, outcome="reminder_throttled")
    return ReminderReply(lines.unreachable, outcome="reminder_unreachable")


def _with(profile: Profile, reminder: StretchReminder, learned_zone: str | None) -> Profile:
    """The profile with its reminder, and the time zone Alexa told us, if it had none."""
    return with_zone(replace(profile, reminder=reminder), learned_zone)


class _RemindersApi:
    """The Reminders API on the request's endpoint, with its token, within the turn."""

    def __init__(self, services: TurnServices, request: TurnRequest, budget: TurnBudget) -> None:
        self._api = services.api
        self._request = request
        self._budget = budget

    def call(
        self, operation: str, method: str, alert_token: str | None, body: dict[str, Any] | None
    ) -> ApiAnswer:
        path = _REMINDERS_PATH
        if alert_token is not None:
            path += "/" + urllib.parse.quote(alert_token, safe="")
        request = self._request
        return self._api.exchange(
            operation,
            method,
            request.api_endpoint or "",
            path,
            request.api_token or "",
            self._budget,
            body,
        )
