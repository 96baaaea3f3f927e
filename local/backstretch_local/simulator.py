"""The browser simulator's side of a turn: a typed phrase in, what Alexa would say out.

The page is a `Device`, a speaker or a screen (an Echo Show or Spot, as its picker says):
each phrase, or touch on the screen panel's buttons, reaches the skill's one way in, as
``POST /alexa`` does (unverified: the simulator exists only with verification off), with
``apiEndpoint`` pointing at the local fake Alexa API so progressive responses are really
posted. The answer gathers them with the full response, each as SSML and as words and
silences (holds marked), plus what the screen shows (`screen_preview`). The session
travels in the page: each answer hands it back, as Alexa hands back attributes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

from backstretch.progress.errors import ProgressUnavailable
from backstretch.progress.store import ProgressStore
from backstretch.reminders.lines import reminder_lines
from backstretch.reminders.schedule import ReminderSchedule
from backstretch.routine.content import load_routine
from backstretch.skill.service import BackStretchSkill
from backstretch.speech.plan import Say
from backstretch.speech.reading import Heard, HeldPause, mark_holds, read_ssml
from backstretch.speech.timing import ssml_seconds
from backstretch_local.device import QUESTION, Device, DeviceSettings, PermissionRequest, Played
from backstretch_local.envelopes import LOCAL_SKILL_ID
from backstretch_local.fake_alexa import FakeAlexa
from backstretch_local.screen_preview import device_kind, screen_update
from backstretch_local.utterances import Utterance, UtteranceResolver

SIMULATOR_USER_ID = "amzn1.ask.account.LOCAL-SIMULATOR"
MAX_PHRASE_CHARS = 500
MAX_SESSION_ID_CHARS = 200
MAX_INTENT_CHARS = 100


class SimulatorInputError(ValueError):
    """What the page sent is not a phrase and a session; str(exc) says why."""


class Simulator:
    """Turns typed phrases into skill turns for the browser page: a `Device` whose session
    the page holds."""

    def __init__(
        self,
        skill: BackStretchSkill,
        alexa: FakeAlexa,
        resolver: UtteranceResolver,
        store: ProgressStore | None,
        *,
        skill_id: str | None = None,
        user_id: str = SIMULATOR_USER_ID,
        locale: str = "en-US",
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._skill = skill
        self._alexa = alexa
        self._resolver = resolver
        self._store = store
        self._settings = DeviceSettings(locale, user_id, skill_id or LOCAL_SKILL_ID, screen=True)
        self._clock = clock
        self._routine = load_routine(locale)
        self._granted: set[str] = set()  # permissions the simulated person allowed

    @property
    def api_endpoint(self) -> str:
        """Where the local fake of Alexa's APIs listens (for clients that build envelopes)."""
        return self._alexa.api_endpoint

    def directives(self, request_id: str | None = None) -> list[str]:
        """Progressive responses the fake took (for one request, if given), in order."""
        return self._alexa.accepted_speech(request_id)

    def say(
        self, text: Any, session: Any = None, kind: Any = None, touch: Any = None
    ) -> dict[str, Any]:
        """One turn for the page, on the device `kind` names (a speaker, a Show, a Spot);
        with `touch`, the button that names that intent was touched (`text` is its label).
        Raises SimulatorInputError, device.SkillRefused."""
        phrase = _phrase(text)
        carried = _session(session)
        screen = device_kind(kind).screen
        settings = replace(self._settings, screen=screen)
        device = Device(self._skill, self._alexa, self._resolver, settings, self._granted)
        now = self._clock()
        if carried is not None:
            asking = carried["asking"]
            device.resume(
                carried["sessionId"],
                carried["attributes"],
                None
                if asking is None
                else PermissionRequest(asking["token"], frozenset(asking["scopes"])),
            )
            # On the listener's clock: the page may play speech faster than it is spoken,
            # but a person replies once they have heard the answer, not while Alexa talks.
            heard_until = _moment(carried["heardUntil"])
            now = max(now, heard_until) if heard_until is not None else now
        played = device.touch(_touch(touch), now, phrase) if touch else device.say(phrase, now)
        heard = _heard(played.utterance)
        if played.response is None:
            return {"heard": heard, "progressive": [], "response": None, "session": None}
        final, progressive = played.speech, played.progressive
        speech_ends = now + timedelta(
            seconds=sum(ssml_seconds(ssml) for ssml in [*progressive, final])
        )
        parts = [read_ssml(ssml) for ssml in [*progressive, final] if ssml]
        marked = mark_holds(parts, self._routine.hold)
        spoken_parts = [_spoken_json(part) for part in marked]
        asking = played.asking
        return {
            "heard": heard,
            "requestId": played.request_id,
            "progressive": [
                {"ssml": ssml, "spoken": spoken}
                for ssml, spoken in zip(progressive, spoken_parts, strict=False)
            ],
            "response": {
                "ssml": final,
                "spoken": spoken_parts[-1] if final else [],
                "reprompt": played.reprompt or None,
                "endSession": played.ends_session,
            },
            "holdSeconds": _hold_seconds(marked),
            "session": None
            if device.session is None
            else {
                "sessionId": device.session.session_id,
                "attributes": device.session.attributes,
                "asking": None
                if asking is None
                else {"token": asking.token, "scopes": sorted(asking.scopes)},
                "heardUntil": speech_ends.isoformat(),
            },
            "permissionQuestion": QUESTION if asking is not None else None,
            "reminder": self._reminder(),
            "summary": self._week(played),
            "screen": screen_update(played.response) if screen else None,
        }

    def _week(self, played: Played) -> dict[str, Any] | None:
        """The week the skill shows a screen after a summary, in the device's time zone."""
        week = played.screen.get("week")
        return None if week is None else {**week, "timeZone": self._alexa.time_zone}

    def _reminder(self) -> str | None:
        """The stretch reminder on record, said as the skill says it ("every weekday at 3 PM")."""
        if self._store is None:
            return None
        try:
            reminder = self._store.load_profile(self._settings.user_id).reminder
        except ProgressUnavailable:
            return None
        schedule = ReminderSchedule.from_token(reminder.schedule) if reminder else None
        return reminder_lines(self._settings.locale).when(schedule) if schedule else None


def _touch(intent: Any) -> str:
    if not isinstance(intent, str) or len(intent) > MAX_INTENT_CHARS:
        raise SimulatorInputError("'touch' must name the intent of a button")
    return intent


def _phrase(text: Any) -> str:
    if not isinstance(text, str) or not text.strip():
        raise SimulatorInputError("'text' must be the phrase you would say")
    if len(text) > MAX_PHRASE_CHARS:
        raise SimulatorInputError(f"'text' is longer than {MAX_PHRASE_CHARS} characters")
    return text


def _session(session: Any) -> dict[str, Any] | None:
    if session is None:
        return None
    if not isinstance(session, dict):
        raise SimulatorInputError("'session' must be an object or null")
    session_id, attributes = session.get("sessionId"), session.get("attributes", {})
    if not isinstance(session_id, str) or not 0 < len(session_id) <= MAX_SESSION_ID_CHARS:
        raise SimulatorInputError("'session.sessionId' must be a short string")
    if not isinstance(attributes, dict):
        raise SimulatorInputError("'session.attributes' must be an object")
    asking = session.get("asking")
    if asking is not None and not (
        isinstance(asking, dict)
        and isinstance(asking.get("token"), str)
        and isinstance(asking.get("scopes"), list)
        and all(isinstance(scope, str) for scope in asking["scopes"])
    ):
        raise SimulatorInputError("'session.asking' must hold a token and scopes")
    heard_until = session.get("heardUntil")
    if heard_until is not None and _moment(heard_until) is None:
        raise SimulatorInputError("'session.heardUntil' must be a time")
    return {
        "sessionId": session_id,
        "attributes": attributes,
        "asking": asking,
        "heardUntil": heard_until,
    }


def _moment(value: Any) -> datetime | None:
    if not isinstance(value, str) or len(value) > 40:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo else None


def _heard(utterance: Utterance) -> dict[str, Any]:
    return {
        "phrase": utterance.phrase,
        "requestType": utterance.request_type,
        "intent": utterance.intent,
        "slots": {name: value for name, value in utterance.slots if value is not None},
        "newSession": utterance.new_session,
    }


def _spoken_json(part: list[Heard]) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    for item in part:
        if isinstance(item, Say):
            items.append({"say": item.text})
        elif isinstance(item, HeldPause):
            hold = {"total": item.total_seconds, "left": item.left_seconds}
            items.append({"pause": item.pause.seconds, "hold": hold})
        else:
            items.append({"pause": item.seconds, "hold": None})
    return items


def _hold_seconds(parts: list[list[Heard]]) -> float | None:
    for part in parts:
        for item in part:
            if isinstance(item, HeldPause):
                return item.total_seconds
    return None
