"""The browser simulator's side of a turn: a typed phrase in, what Alexa would say out.

The page is a `Device`, a speaker or a screen (an Echo Show or Spot, as its picker says):
each phrase, or touch on the screen panel's buttons, reaches the skill's one way in, as
``POST /alexa`` does (unverified: the simulator exists only with verification off), with
``apiEndpoint`` pointing at the local fake Alexa API so progressive responses are really
posted. The answer gathers them with the full response, each as SSML and as words and
silences (holds marked, each item with the moment it begins, `listener.Playback`'s clock),
plus what the screen shows (`screen_preview`). The session travels in the page: each answer
hands it back, as Alexa hands back attributes, with when its speech began and ends. A phrase
sent while the answer plays says how far into it the page was (`cutAt`), and is stamped at
that moment, as "Alexa, ..." cutting in on a device.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import asdict, replace
from datetime import UTC, datetime, timedelta
from typing import Any

from backstretch.language.locales import written_locales
from backstretch.progress.errors import ProgressUnavailable
from backstretch.progress.store import ProgressStore
from backstretch.reminders.lines import reminder_lines
from backstretch.reminders.schedule import ReminderSchedule
from backstretch.routine.content import load_routine
from backstretch.skill.service import BackStretchSkill
from backstretch.speech.plan import Say
from backstretch.speech.reading import Heard, HeldPause, mark_holds, read_ssml
from backstretch.speech.timing import words_seconds
from backstretch_local.corpus import load_script
from backstretch_local.device import (
    QUESTION,
    Device,
    DeviceSettings,
    Elicited,
    PermissionRequest,
    Played,
)
from backstretch_local.envelopes import LOCAL_SKILL_ID, timestamp
from backstretch_local.fake_alexa import FakeAlexa
from backstretch_local.listener import Playback
from backstretch_local.screen_preview import device_kind, screen_update
from backstretch_local.utterances import (
    MODELS_DIRECTORY,
    InteractionModel,
    Utterance,
    UtteranceResolver,
)

SIMULATOR_USER_ID = "amzn1.ask.account.LOCAL-SIMULATOR"
MAX_PHRASE_CHARS = 500
MAX_SESSION_ID_CHARS = 200
MAX_CUT_AT_SECONDS = 3600.0  # far beyond any answer: a page's number, not a clock
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
        self._store = store
        self._settings = DeviceSettings(locale, user_id, skill_id or LOCAL_SKILL_ID, screen=True)
        self._clock = clock
        # One resolver per locale the page picked, built on first use; the page can pick only
        # from `locales`, so this stays as small as that list.
        self._resolvers = {locale: resolver}
        self._granted: set[str] = set()  # permissions the simulated person allowed

    @property
    def locales(self) -> list[str]:
        """The locales the page can pick: those the skill speaks that have a model to resolve
        phrases with (the one it was started with first)."""
        modelled = {path.stem for path in MODELS_DIRECTORY.glob("*.json")}
        spoken = [tag for tag in written_locales() if tag in modelled]
        first = self._settings.locale
        return [first, *(tag for tag in spoken if tag != first)]

    def phrases(self, locale: Any) -> list[str]:
        """Phrases to offer as buttons in a locale, in its own language: its corpus' scripted
        cues (open the skill, next, pause, no, stop, "that hurts", "I can't kneel", "remind
        me"), each one the corpus test holds to its intent. Raises SimulatorInputError for
        a locale the page cannot pick."""
        cues = load_script(self._locale(locale))
        return [phrase for name, phrase in cues.items() if name != "unknown_stretch"]

    @property
    def api_endpoint(self) -> str:
        """Where the local fake of Alexa's APIs listens (for clients that build envelopes)."""
        return self._alexa.api_endpoint

    def directives(self, request_id: str | None = None) -> list[str]:
        """Progressive responses the fake took (for one request, if given), in order."""
        return self._alexa.accepted_speech(request_id)

    def say(
        self,
        text: Any,
        session: Any = None,
        kind: Any = None,
        touch: Any = None,
        locale: Any = None,
    ) -> dict[str, Any]:
        """One turn for the page, on the device `kind` names (a speaker, a Show, a Spot), in
        `locale` (one of `locales`; the simulator's own by default); with `touch`, the button
        that names that intent was touched (`text` is its label).
        Raises SimulatorInputError, device.SkillRefused."""
        phrase = _phrase(text)
        carried = _session(session)
        screen = device_kind(kind).screen
        tag = self._locale(locale)
        settings = replace(self._settings, screen=screen, locale=tag)
        resolver = self._resolver_for(tag)
        device = Device(self._skill, self._alexa, resolver, settings, self._granted)
        now = self._clock()
        if carried is not None:
            asking = carried["asking"]
            device.resume(
                carried["sessionId"],
                carried["attributes"],
                None
                if asking is None
                else PermissionRequest(asking["token"], frozenset(asking["scopes"])),
                _elicited(carried["eliciting"]),
            )
            now = _stamp(now, carried)
        played = device.touch(_touch(touch), now, phrase) if touch else device.say(phrase, now)
        heard = _heard(played.utterance, now, carried)
        if played.response is None:
            return {"heard": heard, "progressive": [], "response": None, "session": None}
        final, progressive = played.speech, played.progressive
        # The answer on a listener's clock, from the request's moment: when each item is said
        # (a phrase sent while it plays is stamped from there), and when it all ends.
        playback = Playback.of([*progressive, final], mic_open=not played.ends_session)
        speech_ends = now + timedelta(seconds=playback.seconds)
        parts = [read_ssml(ssml) for ssml in [*progressive, final] if ssml]
        marked = mark_holds(parts, load_routine(tag).hold)
        at = iter(sound.at for sound in playback.sounds)
        spoken_parts = [_spoken_json(part, at) for part in marked]
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
                "eliciting": None if device.eliciting is None else asdict(device.eliciting),
                "speechFrom": now.isoformat(),
                "heardUntil": speech_ends.isoformat(),
            },
            "permissionQuestion": QUESTION if asking is not None else None,
            "reminder": self._reminder(tag),
            "summary": self._week(played),
            "screen": screen_update(played.response) if screen else None,
        }

    def _week(self, played: Played) -> dict[str, Any] | None:
        """The week the skill shows a screen after a summary, in the device's time zone."""
        week = played.screen.get("week")
        return None if week is None else {**week, "timeZone": self._alexa.time_zone}

    def _locale(self, locale: Any) -> str:
        if locale is None:
            return self._settings.locale
        if locale not in self.locales:
            raise SimulatorInputError(f"'locale' must be one of {', '.join(self.locales)}")
        return str(locale)

    def _resolver_for(self, tag: str) -> UtteranceResolver:
        if tag not in self._resolvers:
            self._resolvers[tag] = UtteranceResolver(InteractionModel.load(tag))
        return self._resolvers[tag]

    def _reminder(self, locale: str) -> str | None:
        """The stretch reminder on record, said as the skill says it ("every weekday at 3 PM")."""
        if self._store is None:
            return None
        try:
            reminder = self._store.load_profile(self._settings.user_id).reminder
        except ProgressUnavailable:
            return None
        schedule = ReminderSchedule.from_token(reminder.schedule) if reminder else None
        return reminder_lines(locale).when(schedule) if schedule else None


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
    for moment in ("speechFrom", "heardUntil"):
        if session.get(moment) is not None and _moment(session[moment]) is None:
            raise SimulatorInputError(f"'session.{moment}' must be a time")
    cut_at = session.get("cutAt")
    if cut_at is not None and not (
        isinstance(cut_at, int | float)
        and not isinstance(cut_at, bool)
        and 0 <= cut_at <= MAX_CUT_AT_SECONDS
    ):
        raise SimulatorInputError("'session.cutAt' must be seconds into the answer")
    eliciting = session.get("eliciting")
    if eliciting is not None and _elicited(eliciting) is None:
        raise SimulatorInputError("'session.eliciting' must name an intent and a slot")
    return {
        "sessionId": session_id,
        "attributes": attributes,
        "asking": asking,
        "eliciting": eliciting,
        "speechFrom": session.get("speechFrom"),
        "heardUntil": session.get("heardUntil"),
        "cutAt": cut_at,
    }


def _elicited(value: Any) -> Elicited | None:
    """The slot the skill asked for last turn, as the page hands it back (None: none, or not
    one the page could have been given)."""
    if not isinstance(value, dict):
        return None
    intent, slot, known = value.get("intent"), value.get("slot"), value.get("known") or {}
    names = (intent, slot, *known)
    if not all(isinstance(name, str) and 0 < len(name) <= MAX_INTENT_CHARS for name in names):
        return None
    if not all(
        v is None or (isinstance(v, str) and len(v) <= MAX_PHRASE_CHARS) for v in known.values()
    ):
        return None
    return Elicited(str(intent), str(slot), dict(known))


def _stamp(now: datetime, carried: dict[str, Any]) -> datetime:
    """When the phrase was said, on the listener's clock. The page may play speech faster than
    it is spoken: a phrase sent once the answer had played was said after all of it (a person
    replies once they have heard the answer), and one sent while it played (`cutAt`, seconds
    into the answer as spoken) cut into it then, as "Alexa, ..." does on a device."""
    began, ends = _moment(carried["speechFrom"]), _moment(carried["heardUntil"])
    cut_at = carried["cutAt"]
    if cut_at is not None and began is not None:
        cut = began + timedelta(seconds=cut_at)
        return cut if ends is None else min(cut, ends)
    return max(now, ends) if ends is not None else now


def _moment(value: Any) -> datetime | None:
    if not isinstance(value, str) or len(value) > 40:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo else None


def _heard(utterance: Utterance, now: datetime, carried: dict[str, Any] | None) -> dict[str, Any]:
    return {
        "phrase": utterance.phrase,
        "requestType": utterance.request_type,
        "intent": utterance.intent,
        "slots": {name: value for name, value in utterance.slots if value is not None},
        "newSession": utterance.new_session,
        "timestamp": timestamp(now),
        "cutIn": None if carried is None else carried["cutAt"],
    }


def _spoken_json(part: list[Heard], at: Iterator[float]) -> list[dict[str, Any]]:
    """Each item of a part, with `at`: seconds from the answer's first word when it begins."""
    items: list[dict[str, Any]] = []
    for item in part:
        if isinstance(item, Say):
            items.append({"say": item.text, "seconds": words_seconds(item.text)})
        elif isinstance(item, HeldPause):
            hold = {"total": item.total_seconds, "left": item.left_seconds}
            items.append({"pause": item.pause.seconds, "hold": hold})
        else:
            items.append({"pause": item.seconds, "hold": None})
        items[-1]["at"] = round(next(at), 2)
    return items


def _hold_seconds(parts: list[list[Heard]]) -> float | None:
    for part in parts:
        for item in part:
            if isinstance(item, HeldPause):
                return item.total_seconds
    return None
