"""An Alexa device and Alexa's side of one person's sessions, for the chat and the simulator.

A typed phrase is resolved against the interaction model, sent to the skill's front door as
the envelope Alexa would send (the session, the permissions granted, the answer to Alexa's
own permission question), and answered as a device plays it: each progressive response as it
reaches the fake Alexa API, then the full response, the session attributes carried on.

When the skill asks for a permission (a ``Connections.SendRequest`` directive named
``AskFor``), a real device asks the person in Alexa's own words and sends the answer back as a
``Connections.Response``; here the tool shows `QUESTION`, and the person's next phrase is the
answer ("yes" allows, "no" refuses, anything else is no answer).

When a response asks for a slot (``Dialog.ElicitSlot``: "What time should I remind you?"),
the next phrase is heard as Alexa hears it then: with that slot's own samples first, and an
answer sent as the elicited intent, with the slots its updated intent held (`Elicited`).

    device = Device(skill, fake_alexa, resolver)
    played = device.say("start my back stretches", now, heard=print)
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from backstretch.skill.service import Answer, BackStretchSkill, Outcome
from backstretch_local.envelopes import (
    LOCAL_SKILL_ID,
    LOCAL_USER_ID,
    AlexaConversation,
    elicited_slot,
    ends_session,
    reprompt_of,
    speech_of,
)
from backstretch_local.fake_alexa import FakeAlexa, directive_request_id, directive_speech
from backstretch_local.utterances import Utterance, UtteranceResolver

# Far beyond the ~8 s Alexa allows a turn: only a wedged skill gets here.
TURN_TIMEOUT_SECONDS = 30.0
QUESTION = "To do that, Back Stretch Coach needs your permission to set reminders. Do you allow it?"
ACCEPTED, DENIED, NOT_ANSWERED = "ACCEPTED", "DENIED", "NOT_ANSWERED"
USER_EVENT = "Alexa.Presentation.APL.UserEvent"  # a touch on the screen


@dataclass(frozen=True)
class DeviceSettings:
    """Who is talking, to which skill, in which language."""

    locale: str = "en-US"
    user_id: str = LOCAL_USER_ID
    skill_id: str = LOCAL_SKILL_ID
    screen: bool = False  # a device with a screen (APL), else a speaker


@dataclass(frozen=True)
class PermissionRequest:
    """What the skill asked Alexa to ask: the scopes, and the token Alexa hands back."""

    token: str
    scopes: frozenset[str]


@dataclass(frozen=True)
class Elicited:
    """A slot the skill asked for with ``Dialog.ElicitSlot``: the intent and slot, and the
    slots its updated intent already holds. Alexa hears the next phrase with that slot's
    own samples first, and sends the answer as that intent with those slots."""

    intent: str
    slot: str
    known: dict[str, str | None] = field(default_factory=dict)


@dataclass(frozen=True)
class Played:
    """One turn as the device played it; no response when the phrase closed the session."""

    utterance: Utterance
    request_id: str | None = None
    progressive: list[str] = field(default_factory=list)  # SSML, in the order Alexa took it
    response: dict[str, Any] | None = None
    asking: PermissionRequest | None = None  # Alexa's permission question, now open

    @property
    def speech(self) -> str:
        return speech_of(self.response or {})

    @property
    def reprompt(self) -> str:
        return reprompt_of(self.response or {})

    @property
    def ends_session(self) -> bool:
        return self.response is None or ends_session(self.response)

    @property
    def eliciting(self) -> Elicited | None:
        """The slot the response's Dialog.ElicitSlot asks for, if any (see `Elicited`)."""
        found = elicited_slot(self.response or {})
        return None if found is None else Elicited(*found)

    @property
    def screen(self) -> dict[str, Any]:
        """The data of what the response shows on a screen (APL); empty when nothing."""
        for directive in (self.response or {}).get("response", {}).get("directives") or ():
            if directive.get("type") == "Alexa.Presentation.APL.RenderDocument":
                return dict(directive.get("datasources") or {})
        return {}


class SkillRefused(RuntimeError):
    """The skill did not answer an envelope the device sent."""

    def __init__(self, answer: Answer) -> None:
        super().__init__(f"the skill did not answer: {answer.outcome.value} {answer.reason}")
        self.answer = answer


class Device:
    """One person's device: at most one open session, and what they have allowed."""

    def __init__(
        self,
        skill: BackStretchSkill,
        alexa: FakeAlexa,
        resolver: UtteranceResolver,
        settings: DeviceSettings = DeviceSettings(),  # frozen, so one shared default is safe
        granted: set[str] | None = None,
    ) -> None:
        self.resolver = resolver
        self._skill = skill
        self._alexa = alexa
        self._settings = settings
        self.granted = set() if granted is None else granted  # permission scopes allowed
        self.session: AlexaConversation | None = None
        self.asking: PermissionRequest | None = None  # Alexa's permission question, if open
        self.eliciting: Elicited | None = None  # the slot the last response asked for
        self._turn: threading.Thread | None = None  # the skill's turn, while it runs

    def resume(
        self,
        session_id: str,
        attributes: dict[str, Any],
        asking: PermissionRequest | None,
        eliciting: Elicited | None = None,
    ) -> None:
        """Take up a session held elsewhere (the simulator's page holds its own)."""
        self.session = self._open()
        self.session.session_id, self.session.attributes = session_id, dict(attributes)
        self.session.new = False
        self.asking = asking
        self.eliciting = eliciting

    def say(self, text: str, now: datetime, heard: Callable[[str], None] | None = None) -> Played:
        """One turn; `heard(ssml)` is called with each progressive response as it arrives,
        in this thread, while the skill's turn goes on."""
        utterance = self._heard(text)
        if self.session is not None and (
            utterance.new_session or utterance.request_type == "SessionEndedRequest"
        ):
            self.end("USER_INITIATED", now)
        if utterance.request_type == "SessionEndedRequest":
            return Played(utterance)
        session = self.session = self.session or self._open()
        session.now = now
        envelope = utterance.envelope(session)
        asked, self.asking = self.asking, None
        if asked is not None:  # the answer to Alexa's own question goes back as Alexa sends it
            status = consent_status(utterance)
            if status == ACCEPTED:
                self.granted |= asked.scopes
                session.granted |= asked.scopes
            envelope = session.permission_answer(status, asked.token)
        request_id = envelope["request"]["requestId"]
        progressive, response = self._exchange(envelope, session, heard)
        played = Played(utterance, request_id, progressive, response, permission_request(response))
        self.asking, self.eliciting = played.asking, played.eliciting
        if played.ends_session:
            self.session, self.eliciting = None, None
        return played

    def touch(self, intent: str, now: datetime, label: str = "") -> Played:
        """A touch on a screen's button: the ``Alexa.Presentation.APL.UserEvent`` the step
        document sends, naming the intent the button stands for (`label` is what it reads)."""
        session = self.session = self.session or self._open()
        session.now = now
        self.asking = None
        envelope = session.envelope(
            {
                "type": USER_EVENT,
                "token": "step",
                "arguments": [intent],
                "source": {"type": "TouchWrapper", "handler": "Press", "id": ""},
            }
        )
        touched = Utterance("IntentRequest", intent, (), label or intent, new_session=False)
        progressive, response = self._exchange(envelope, session, None)
        played = Played(touched, envelope["request"]["requestId"], progressive, response)
        if played.ends_session:
            self.session = None
        return played

    def _heard(self, text: str) -> Utterance:
        """What Alexa hears: while a slot is being elicited, that slot's samples first, and
        an answer to it carries the slots the dialog already holds."""
        asked = self.eliciting if self.session is not None else None
        utterance = self.resolver.resolve(
            text,
            in_session=self.session is not None,
            eliciting=(asked.intent, asked.slot) if asked else None,
        )
        if asked is not None and utterance.dialog_state == "IN_PROGRESS":
            return utterance.with_known(asked.known)
        return utterance

    def end(self, reason: str, now: datetime) -> None:
        """Alexa tells the skill the open session ended (walked away, no answer, 'exit')."""
        if self._turn is not None:  # Alexa has the skill's answer before the session ends
            self._turn.join(TURN_TIMEOUT_SECONDS)
        session, self.session, self.asking, self.eliciting = self.session, None, None, None
        if session is not None:
            session.now = now
            self._send(session.session_ended(reason))

    def _open(self) -> AlexaConversation:
        return AlexaConversation(
            api_endpoint=self._alexa.api_endpoint,
            locale=self._settings.locale,
            user_id=self._settings.user_id,
            skill_id=self._settings.skill_id,
            granted=set(self.granted),
            screen=self._settings.screen,
        )

    def _send(self, envelope: dict[str, Any]) -> dict[str, Any]:
        answer = self._skill.answer(envelope)
        if answer.outcome is not Outcome.ANSWERED or answer.body is None:
            raise SkillRefused(answer)
        return answer.body

    def _exchange(
        self,
        envelope: dict[str, Any],
        session: AlexaConversation,
        heard: Callable[[str], None] | None,
    ) -> tuple[list[str], dict[str, Any]]:
        """Run the turn in its own thread, as Alexa does; the progressive responses it took
        and the response.

        The session takes the response's attributes as soon as the skill answers, as Alexa's
        does: a person who walks away mid-hold leaves from where the skill thinks they are.
        """
        request_id = envelope["request"]["requestId"]
        arrivals: queue.Queue[tuple[str, Any]] = queue.Queue()

        def taken(body: Any) -> None:
            speech = directive_speech(body)
            if speech is not None and directive_request_id(body) == request_id:
                arrivals.put(("progressive", speech))

        def turn() -> None:
            try:
                arrivals.put(("response", session.carry(self._send(envelope))))
            except Exception as exc:  # raised again in the caller's thread
                arrivals.put(("error", exc))

        progressive: list[str] = []
        self._alexa.add_listener(taken)
        try:
            self._turn = threading.Thread(target=turn, name="device-turn", daemon=True)
            self._turn.start()
            while True:
                try:
                    kind, item = arrivals.get(timeout=TURN_TIMEOUT_SECONDS)
                except queue.Empty:
                    raise TimeoutError("the skill did not answer") from None
                if kind == "progressive":
                    progressive.append(item)
                    if heard is not None:
                        heard(item)
                elif kind == "error":
                    raise item
                else:
                    return progressive, dict(item)
        finally:
            self._alexa.remove_listener(taken)


def permission_request(response: dict[str, Any]) -> PermissionRequest | None:
    """The voice permission request (``Connections.SendRequest`` AskFor) a response carries."""
    for directive in response.get("response", {}).get("directives") or ():
        if directive.get("type") == "Connections.SendRequest" and directive.get("name") == "AskFor":
            payload = directive.get("payload") or {}
            scopes = frozenset(
                str(scope.get("permissionScope"))
                for scope in payload.get("permissionScopes") or ()
                if isinstance(scope, dict)
            )
            return PermissionRequest(str(directive.get("token") or ""), scopes)
    return None


def consent_status(answer: Utterance) -> str:
    """What Alexa reports for the person's answer to its question."""
    if answer.intent == "AMAZON.YesIntent":
        return ACCEPTED
    if answer.intent == "AMAZON.NoIntent":
        return DENIED
    return NOT_ANSWERED
