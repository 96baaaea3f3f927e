"""`backstretch chat`: type what you would say, read what Alexa would say, holds played out.

Each phrase is resolved against the interaction model, sent to the skill as the envelope
Alexa would send, and answered the way a device plays it: progressive responses as they reach
the (local, fake) Alexa API, then the full response, every break taking its time.

    Chat(skill.handle_payload, fake_alexa, resolver, sys.stdout).run(input)
"""

from __future__ import annotations

import math
import queue
import textwrap
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, TextIO

from backstretch.speech.plan import Pause, Say
from backstretch.speech.reading import read_ssml
from backstretch.speech.timing import words_seconds
from backstretch_local.consent import (
    ACCEPTED,
    QUESTION,
    PermissionRequest,
    consent_status,
    permission_request,
)
from backstretch_local.envelopes import (
    LOCAL_SKILL_ID,
    LOCAL_USER_ID,
    AlexaConversation,
    ends_session,
    reprompt_of,
    speech_of,
)
from backstretch_local.fake_alexa import FakeAlexaApi, directive_request_id, directive_speech
from backstretch_local.utterances import Utterance, UtteranceResolver

SkillAnswer = Callable[[dict[str, Any]], dict[str, Any]]
RELAUNCH = "/relaunch"
# Far beyond the ~8 s Alexa allows a turn: only a wedged skill gets here.
TURN_TIMEOUT_SECONDS = 30.0
_WIDTH = 88
_INDENT = " " * len("Alexa: ")


@dataclass(frozen=True)
class ChatSettings:
    """Who is talking, and how fast breaks pass (1.0: real time)."""

    time_scale: float = 1.0
    locale: str = "en-US"
    user_id: str = LOCAL_USER_ID
    skill_id: str = LOCAL_SKILL_ID
    live_countdown: bool = False  # rewrite one line each second (a terminal), else markers


class Chat:
    """One person's conversation with the skill in a terminal."""

    def __init__(
        self,
        answer: SkillAnswer,
        alexa_api: FakeAlexaApi,
        resolver: UtteranceResolver,
        out: TextIO,
        settings: ChatSettings = ChatSettings(),  # frozen, so one shared default is safe
        *,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._answer = answer
        self._api = alexa_api
        self._resolver = resolver
        self._out = out
        self._settings = settings
        self._sleep = sleep
        self._clock = clock
        self._session: AlexaConversation | None = None
        self._granted: set[str] = set()  # permissions the person allowed, for every session
        self._asking: PermissionRequest | None = None  # Alexa's permission question, if open
        self._reprompt = ""
        self._silences = 0
        self._turn: threading.Thread | None = None  # the skill's turn, while it runs
        # Seconds a listener would have spent hearing what was shown (words are printed at
        # once, breaks may be compressed): requests are stamped on the listener's clock, so
        # the skill never takes a typed reply for someone cutting into its speech.
        self._listened = 0.0

    @property
    def in_session(self) -> bool:
        return self._session is not None

    def run(self, read_line: Callable[[str], str]) -> None:
        """Talk until input ends (EOF, Ctrl-C). When the skill ends a session the chat goes
        on: the next phrase opens a new one, as it would on a device, and ``/relaunch`` says
        "open <the skill>"."""
        self._write(
            f"Say something, like: start my back stretches.  ({RELAUNCH} to launch again, "
            "Ctrl-D to leave)\n"
        )
        started = False
        try:
            while True:
                try:
                    text = read_line("You: ")
                except EOFError:
                    self._write("\n")
                    break
                if text.strip() == RELAUNCH:
                    text = self._launch_phrase
                if not text.strip():
                    if started and not self._silent_turn():
                        self._after_the_session()
                    continue
                started = True
                if not self.say(text):
                    self._after_the_session()
        except KeyboardInterrupt:
            self._write("\n")
        finally:
            self.leave()

    def say(self, text: str) -> bool:
        """One turn; whether the session is still open afterwards."""
        utterance = self._resolver.resolve(text, in_session=self.in_session)
        if utterance.request_type == "SessionEndedRequest":
            self.leave()
            return False
        session = self._session_for(utterance)
        session.now = self._clock() + timedelta(seconds=self._listened)
        envelope = utterance.envelope(session)
        asked, self._asking = self._asking, None
        if asked is not None:  # the answer to Alexa's own question goes back as Alexa sends it
            status = consent_status(utterance)
            if status == ACCEPTED:
                self._granted |= asked.scopes
                session.granted |= asked.scopes
            envelope = session.permission_answer(status, asked.token)
        response = self._exchange(envelope, session)
        self._play(speech_of(response), label="Alexa")
        self._asking = permission_request(response)
        if self._asking is not None:
            self._write(f"Alexa (asking for permission): {QUESTION}\n")
        self._silences = 0
        self._reprompt = reprompt_of(response)
        if ends_session(response):
            self._session = None
            self._write("(the session has ended)\n")
            return False
        return True

    @property
    def _launch_phrase(self) -> str:
        return f"open {self._resolver.model.invocation_name}"

    def _after_the_session(self) -> None:
        self._write(f"(say '{self._launch_phrase}' or {RELAUNCH} to start again)\n")

    def leave(self) -> None:
        """Walk away mid-session: Alexa tells the skill the session ended."""
        if self._session is None:
            return
        if self._turn is not None:  # Alexa has the skill's answer before the session ends
            self._turn.join(TURN_TIMEOUT_SECONDS)
        session, self._session = self._session, None
        session.now = self._clock() + timedelta(seconds=self._listened)
        self._answer(session.session_ended("USER_INITIATED"))
        self._write("(the session has ended)\n")

    def _silent_turn(self) -> bool:
        """Saying nothing: Alexa reprompts once, then closes the session."""
        if self._session is None:
            return True
        self._silences += 1
        if self._silences == 1 and self._reprompt:
            self._play(self._reprompt, label="Alexa")
            return True
        session, self._session = self._session, None
        session.now = self._clock() + timedelta(seconds=self._listened)
        self._answer(session.session_ended("EXCEEDED_MAX_REPROMPTS"))
        self._write("(no answer: the session has ended)\n")
        return False

    def _session_for(self, utterance: Utterance) -> AlexaConversation:
        if self._session is None or utterance.new_session:
            if self._session is not None:
                self.leave()
            self._session = AlexaConversation(
                api_endpoint=self._api.api_endpoint,
                locale=self._settings.locale,
                user_id=self._settings.user_id,
                skill_id=self._settings.skill_id,
                granted=set(self._granted),
            )
        return self._session

    def _exchange(self, envelope: dict[str, Any], session: AlexaConversation) -> dict[str, Any]:
        """Run the turn; play its progressive responses while it runs; return the response.

        The session takes the response's attributes as soon as the skill answers, as Alexa's
        does: a person who walks away mid-hold leaves from where the skill thinks they are.
        """
        request_id = envelope["request"]["requestId"]
        arrivals: queue.Queue[tuple[str, Any]] = queue.Queue()

        def heard(body: Any) -> None:
            speech = directive_speech(body)
            if speech is not None and directive_request_id(body) == request_id:
                arrivals.put(("progressive", speech))

        def turn() -> None:
            try:
                arrivals.put(("response", session.carry(self._answer(envelope))))
            except Exception as exc:  # shown to the person, then raised in their thread
                arrivals.put(("error", exc))

        self._api.add_listener(heard)
        try:
            self._turn = threading.Thread(target=turn, name="chat-turn", daemon=True)
            self._turn.start()
            while True:
                try:
                    kind, item = arrivals.get(timeout=TURN_TIMEOUT_SECONDS)
                except queue.Empty:
                    raise TimeoutError("the skill did not answer") from None
                if kind == "progressive":
                    self._play(item, label="Alexa (progressive)")
                elif kind == "error":
                    raise item
                else:
                    return dict(item)
        finally:
            self._api.remove_listener(heard)

    def _play(self, ssml: str, *, label: str) -> None:
        """Show the words and wait out the breaks, as a speaker would play them."""
        if not ssml:
            return
        first = True
        for item in read_ssml(ssml):
            if isinstance(item, Say):
                self._listened += words_seconds(item.text)
                prefix = f"{label}: " if first else _INDENT
                first = False
                self._write(
                    textwrap.fill(
                        item.text,
                        width=_WIDTH,
                        initial_indent=prefix,
                        subsequent_indent=_INDENT,
                    )
                    + "\n"
                )
            else:
                if first:
                    self._write(f"{label}:\n")
                    first = False
                self._pause(item)

    def _pause(self, pause: Pause) -> None:
        self._listened += pause.seconds
        scaled = pause.seconds * self._settings.time_scale
        marker = f"{_INDENT}[pause {pause.seconds:g}s]"
        if not self._settings.live_countdown:
            self._write(marker + "\n")
            self._sleep(scaled)
            return
        left = pause.seconds
        while left > 0:
            self._write(f"\r{marker} {math.ceil(left)} ")
            step = min(1.0, left)
            self._sleep(step * self._settings.time_scale)
            left -= step
        self._write("\r" + marker + " " * 6 + "\n")

    def _write(self, text: str) -> None:
        self._out.write(text)
        self._out.flush()
