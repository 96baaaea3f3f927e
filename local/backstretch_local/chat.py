"""`backstretch chat`: type what you would say, read what Alexa would say, holds played out.

The chat is a `Device` in a terminal: each phrase goes to the skill as Alexa would send it,
and is played the way a device plays it: progressive responses, then the full response, every
break taking its time. With `cut_in` (plain `backstretch chat` at a terminal) every word takes
its time too, and a line typed while the answer plays cuts it, as "Alexa, ..." does on a
device: the rest is not played, and the line goes out stamped at that moment. Otherwise
(`--fast`, or lines from a pipe) a line waits until the whole answer has played.

    Chat(Device(skill, fake_alexa, resolver), sys.stdout, ChatSettings(), TerminalKeyboard()).run()
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TextIO

from backstretch.speech.plan import Pause, Say
from backstretch.speech.reading import read_ssml
from backstretch.speech.timing import words_seconds
from backstretch_local.corpus import load_script
from backstretch_local.device import QUESTION, Device, Played
from backstretch_local.listener import Keyboard, Playback, Sound, Typed

RELAUNCH = "/relaunch"
_WIDTH = 88
_INDENT = " " * len("Alexa: ")


@dataclass(frozen=True)
class ChatSettings:
    """How fast breaks pass (1.0: real time), how they are shown, and whether a line typed
    while an answer plays cuts into it (real time only: the skill measures holds from it)."""

    time_scale: float = 1.0
    live_countdown: bool = False  # rewrite one line each second (a terminal), else markers
    cut_in: bool = False

    def __post_init__(self) -> None:
        if self.cut_in and self.time_scale != 1.0:
            raise ValueError("a chat that can be cut into plays in real time")


class Chat:
    """One person's conversation with the skill in a terminal."""

    def __init__(
        self,
        device: Device,
        out: TextIO,
        settings: ChatSettings,
        keyboard: Keyboard,
    ) -> None:
        self._device = device
        self._out = out
        self._settings = settings
        self._keyboard = keyboard
        self._reprompt = ""
        self._silences = 0
        # Seconds a listener would have spent hearing what was shown but not waited out (words
        # printed at once, breaks compressed): requests are stamped on the listener's clock, so
        # the skill never takes a reply for someone cutting into its speech. Stays 0 with
        # cut_in, where every word and break is waited out.
        self._ahead = 0.0

    @property
    def in_session(self) -> bool:
        return self._device.session is not None

    def run(self) -> None:
        """Talk until input ends (EOF, Ctrl-C). When the skill ends a session the chat goes
        on: the next phrase opens a new one, as it would on a device, and ``/relaunch`` says
        "open <the skill>"."""
        self._write(
            f"Say something, like: {self._launch_phrase}  ({RELAUNCH} to launch again, "
            "Ctrl-D to leave)\n"
        )
        started = False
        try:
            while True:
                try:
                    text = self._keyboard.read_line("You: ")
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
        """One turn, and the turns of any lines that cut into its answer; whether the session
        is still open afterwards."""
        was_open = self.in_session
        progressive = None if self._settings.cut_in else self._play_progressive
        played = self._device.say(text, self._now(), progressive)
        if played.response is None:  # "exit": the session was closed, not answered
            if was_open:
                self._write("(the session has ended)\n")
            return False
        cut = self._answer(played)
        if cut is not None:
            return self._cut_in(cut)
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
        """How people of the chat's language open the skill: its corpus' scripted launch."""
        return load_script(self._device.resolver.model.locale)["launch"]

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
            cut = self._hear(Playback.of([self._reprompt]))
            return True if cut is None else self._cut_in(cut)
        self._device.end("EXCEEDED_MAX_REPROMPTS", self._now())
        self._write("(no answer: the session has ended)\n")
        return False

    def _cut_in(self, cut: Typed) -> bool:
        self._write(f"You (cutting in): {cut.line}\n")
        return self.say(cut.line)

    def _now(self) -> datetime:
        return self._keyboard.now() + timedelta(seconds=self._ahead)

    def _answer(self, played: Played) -> Typed | None:
        """Play the answer: all of it, unless a line cuts in (the line, then)."""
        if not self._settings.cut_in:  # the progressive responses have played already
            self._play(played.speech, label="Alexa")
            return None
        parts = [*played.progressive, played.speech]
        return self._hear(Playback.of(parts, mic_open=not played.ends_session))

    def _hear(self, playback: Playback) -> Typed | None:
        """Play speech as a device does; with cut_in, a line typed meanwhile stops it."""
        if not self._settings.cut_in:
            for sound, label in _labelled(playback):
                self._play_sound(sound.item, label)
            return None
        self._keyboard.hearing(playback)
        for sound, label in _labelled(playback):
            if isinstance(sound.item, Say):
                typed = self._say_words(sound.item.text, label)
            else:
                if label:
                    self._write(f"{label}:\n")
                typed = self._pause(sound.item, listening=True)
            if typed is not None:
                return typed
        return None

    def _play_progressive(self, ssml: str) -> None:
        self._play(ssml, label="Alexa (progressive)")

    def _play(self, ssml: str, *, label: str) -> None:
        """Show the words and wait out the breaks, as a speaker would play them."""
        if not ssml:
            return
        for index, item in enumerate(read_ssml(ssml)):
            self._play_sound(item, label if index == 0 else "")

    def _play_sound(self, item: Say | Pause, label: str) -> None:
        """One run of words, shown at once, or one break waited out (no cutting in)."""
        if isinstance(item, Pause):
            if label:
                self._write(f"{label}:\n")
            self._pause(item, listening=False)
            return
        self._ahead += words_seconds(item.text)
        fill = textwrap.fill(
            item.text,
            width=_WIDTH,
            initial_indent=f"{label}: " if label else _INDENT,
            subsequent_indent=_INDENT,
        )
        self._write(fill + "\n")

    def _say_words(self, text: str, label: str) -> Typed | None:
        """Words shown once said; a line typed meanwhile stops them there (a word cut off
        halfway was not heard, so it is not shown)."""
        column = self._write_prefix(f"{label}: " if label else _INDENT)
        for index, word in enumerate(text.split()):
            typed = self._keyboard.wait(words_seconds(word), listening=True)
            if typed is not None:
                self._write("\n")
                return typed
            if index and column + 1 + len(word) > _WIDTH:
                self._write("\n")
                column = self._write_prefix(_INDENT)
            elif index:
                self._write(" ")
                column += 1
            self._write(word)
            column += len(word)
        self._write("\n")
        return None

    def _write_prefix(self, prefix: str) -> int:
        self._write(prefix)
        return len(prefix)

    def _pause(self, pause: Pause, *, listening: bool) -> Typed | None:
        scaled = pause.seconds * self._settings.time_scale
        self._ahead += pause.seconds - scaled
        marker = f"{_INDENT}[pause {pause.seconds:g}s]"
        if not self._settings.live_countdown:
            self._write(marker + "\n")
            return self._keyboard.wait(scaled, listening=listening)
        left = pause.seconds
        while left > 0:
            self._write(f"\r{marker} {math.ceil(left)} ")
            step = min(1.0, left)
            typed = self._keyboard.wait(step * self._settings.time_scale, listening=listening)
            if typed is not None:
                self._write("\n")
                return typed
            left -= step
        self._write("\r" + marker + " " * 6 + "\n")
        return None

    def _write(self, text: str) -> None:
        self._out.write(text)
        self._out.flush()


def _labelled(playback: Playback) -> Iterator[tuple[Sound, str]]:
    """Each sound, with who says it when it opens a response (else "")."""
    part = None
    for sound in playback.sounds:
        opens, part = sound.part != part, sound.part
        who = "Alexa (progressive)" if sound.progressive else "Alexa"
        yield sound, who if opens else ""
