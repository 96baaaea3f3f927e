"""`backstretch chat`: type what you would say, read what Alexa would say, holds played out.

The chat is a `Device` in a terminal: each phrase goes to the skill as Alexa would send it,
and is played the way a device plays it: progressive responses as they reach the (local,
fake) Alexa API, then the full response, every break taking its time.

    Chat(Device(skill, fake_alexa, resolver), sys.stdout).run(input)
"""

from __future__ import annotations

import math
import textwrap
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TextIO

from backstretch.speech.plan import Pause, Say
from backstretch.speech.reading import read_ssml
from backstretch.speech.timing import words_seconds
from backstretch_local.device import QUESTION, Device

RELAUNCH = "/relaunch"
_WIDTH = 88
_INDENT = " " * len("Alexa: ")


@dataclass(frozen=True)
class ChatSettings:
    """How fast breaks pass (1.0: real time), and how they are shown."""

    time_scale: float = 1.0
    live_countdown: bool = False  # rewrite one line each second (a terminal), else markers


class Chat:
    """One person's conversation with the skill in a terminal."""

    def __init__(
        self,
        device: Device,
        out: TextIO,
        settings: ChatSettings = ChatSettings(),  # frozen, so one shared default is safe
        *,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._device = device
        self._out = out
        self._settings = settings
        self._sleep = sleep
        self._clock = clock
        self._reprompt = ""
        self._silences = 0
        # Seconds a listener would have spent hearing what was shown (words are printed at
        # once, breaks may be compressed): requests are stamped on the listener's clock, so
        # the skill never takes a typed reply for someone cutting into its speech.
        self._listened = 0.0

    @property
    def in_session(self) -> bool:
        return self._device.session is not None

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
        was_open = self.in_session
        played = self._device.say(
            text, self._now(), lambda ssml: self._play(ssml, label="Alexa (progressive)")
        )
        if played.response is None:  # "exit": the session was closed, not answered
            if was_open:
                self._write("(the session has ended)\n")
            return False
        self._play(played.speech, label="Alexa")
        if played.asking is not None:
            self._write(f"Alexa (asking for permission): {QUESTION}\n")
        self._silences = 0
        self._reprompt = played.reprompt
        if played.ends_session:
            self._write("(the session has ended)\n")
            return False
        return True

    @property
    def _launch_phrase(self) -> str:
        return f"open {self._device.resolver.model.invocation_name}"

    def _after_the_session(self) -> None:
        self._write(f"(say '{self._launch_phrase}' or {RELAUNCH} to start again)\n")

    def leave(self) -> None:
        """Walk away mid-session: Alexa tells the skill the session ended."""
        if self.in_session:
            self._device.end("USER_INITIATED", self._now())
            self._write("(the session has ended)\n")

    def _silent_turn(self) -> bool:
        """Saying nothing: Alexa reprompts once, then closes the session."""
        if not self.in_session:
            return True
        self._silences += 1
        if self._silences == 1 and self._reprompt:
            self._play(self._reprompt, label="Alexa")
            return True
        self._device.end("EXCEEDED_MAX_REPROMPTS", self._now())
        self._write("(no answer: the session has ended)\n")
        return False

    def _now(self) -> datetime:
        return self._clock() + timedelta(seconds=self._listened)

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
