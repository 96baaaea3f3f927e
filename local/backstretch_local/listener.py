"""Speech played out on a listener's clock, and a scripted person who cuts into it.

A device plays a turn's speech from the moment of its request (the request's ``timestamp``):
the progressive responses, then the full response, every word at 150 words a minute and every
break for its length (`backstretch.speech.timing`, the skill's own estimate). A person answers
a few seconds after the speech ends, or says "Alexa, ..." while it plays: the speech stops
there, the request is stamped at that moment, and what they never heard was never heard.

`Playback` lays one turn's speech out on that clock. `TimedListener` is the scripted person
of the voice runs: it says each `Cue` when the cue says (3 s after the speech ends, or N s
after some words began, cutting in), on a virtual clock, and keeps what it heard. It is a
`Keyboard`, the port the chat reads lines through, so the chat's cut-in, its tests and the
voice report play turns one way.

    >>> hold = '<speak>Hold it there. <break time="10000ms"/> 10 seconds.</speak>'
    >>> playback = Playback.of([hold])
    >>> playback.when("Hold it there."), playback.seconds
    (0.0, 12.0)
    >>> [sound.item for sound in playback.heard(until=4.0)]
    [Say(text='Hold it there.'), Pause(seconds=2.8)]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Protocol

from backstretch.speech.hold import HoldLines
from backstretch.speech.plan import Pause, Say
from backstretch.speech.reading import read_ssml
from backstretch.speech.timing import words_seconds

ANSWER_SECONDS = 3.0  # to hear the speech end, then say something


@dataclass(frozen=True)
class Sound:
    """A run of words or a break, at its place in a turn's speech."""

    at: float  # seconds from the turn's first word
    item: Say | Pause
    part: int  # which response: the progressive ones in order, then the full response
    progressive: bool

    @property
    def seconds(self) -> float:
        item = self.item
        return words_seconds(item.text) if isinstance(item, Say) else item.seconds

    @property
    def ends(self) -> float:
        return self.at + self.seconds

    def cut(self, seconds: float) -> Sound | None:
        """What is heard of it in its first `seconds`: whole words, or that much silence."""
        if isinstance(self.item, Pause):
            return replace(self, item=Pause(round(seconds, 2))) if seconds > 0 else None
        words = self.item.text.split()
        heard = 0
        while heard < len(words) and words_seconds(" ".join(words[: heard + 1])) <= seconds:
            heard += 1
        return replace(self, item=Say(" ".join(words[:heard]))) if heard else None


@dataclass(frozen=True)
class Playback:
    """One turn's speech as a device plays it, and whether the microphone opens after it."""

    sounds: tuple[Sound, ...] = ()
    mic_open: bool = True

    @classmethod
    def of(cls, ssml_parts: Sequence[str], *, mic_open: bool = True) -> Playback:
        """The progressive responses' SSML in order, then the full response's."""
        spoken = [ssml for ssml in ssml_parts if ssml]
        sounds: list[Sound] = []
        at = 0.0
        for part, ssml in enumerate(spoken):
            for item in read_ssml(ssml):
                sound = Sound(at, item, part, progressive=part < len(spoken) - 1)
                sounds.append(sound)
                at = sound.ends
        return cls(tuple(sounds), mic_open)

    @property
    def seconds(self) -> float:
        return self.sounds[-1].ends if self.sounds else 0.0

    def when(self, words: str) -> float | None:
        """When `words` begin to be said (the first time), or None if they never are."""
        for sound in self.sounds:
            if isinstance(sound.item, Say) and words in sound.item.text:
                before = sound.item.text[: sound.item.text.index(words)]
                return sound.at + words_seconds(before)
        return None

    def heard(self, until: float | None = None) -> tuple[Sound, ...]:
        """What a listener heard before cutting in `until` seconds in (all of it if None)."""
        if until is None:
            return self.sounds
        heard: list[Sound] = []
        for sound in self.sounds:
            if sound.ends <= until:
                heard.append(sound)
                continue
            part = sound.cut(until - sound.at)
            if part is not None:
                heard.append(part)
            break
        return tuple(heard)

    def talk_before(self, moment: float) -> float:
        """Seconds of words (breaks left out) said before `moment`."""
        return sum(
            min(sound.ends, moment) - sound.at
            for sound in self.sounds
            if isinstance(sound.item, Say) and sound.at < moment
        )

    def count_begins(self, hold: HoldLines) -> float | None:
        """When a counted hold's first words are said: its opening line, or the line that
        carries on a hold after an interruption; None when this speech counts no hold."""
        opened = self.when(hold.start)
        return opened if opened is not None else self.when(hold.carry_on)

    def hold_heard(self, hold: HoldLines, until: float | None = None) -> float | None:
        """Seconds of the counted hold heard: from its first words to its release, or to a cut
        `until` seconds in; None when this speech counts no hold (or was cut before it)."""
        start = self.count_begins(hold)
        if start is None or (until is not None and until <= start):
            return None
        end = self.when(hold.release)
        end = self.seconds if end is None else end
        return round((end if until is None else min(end, until)) - start, 2)


@dataclass(frozen=True)
class Typed:
    """A line a person said while speech was playing, `after` seconds into the wait."""

    line: str
    after: float


class Keyboard(Protocol):
    """Where a person's lines come from, on the clock requests are stamped with."""

    def now(self) -> datetime:
        """The moment on this clock."""
        ...

    def read_line(self, prompt: str) -> str:
        """The next line, once the speech is over; EOFError when there are no more."""
        ...

    def wait(self, seconds: float, *, listening: bool) -> Typed | None:
        """Let `seconds` pass; when `listening`, a line said meanwhile cuts the wait short."""
        ...

    def hearing(self, playback: Playback) -> None:
        """The speech now beginning to play (a scripted person decides from it when to cut
        in; a person at a keyboard just listens)."""
        ...


@dataclass(frozen=True)
class Cue:
    """What the person says, and when: `seconds` after the speech ends or, with `after`,
    `seconds` after those words began, cutting in. When the speech never says those words,
    or ends before that moment, the line is said 3 s after it ends, not cutting in."""

    said: str
    after: str | None = None
    seconds: float = ANSWER_SECONDS


@dataclass(frozen=True)
class HeardTurn:
    """One thing the person said, and what they heard of the answer."""

    said: str
    at: float  # seconds on the listener's clock: when it was said, the request's stamp
    cut_in: bool  # said while the speech before it was still playing
    answer: Playback | None = None  # the answer as played (None: the skill said nothing)
    heard: tuple[Sound, ...] = ()  # what of it was heard before the next line

    @property
    def words(self) -> str:
        return " ".join(s.item.text for s in self.heard if isinstance(s.item, Say))


@dataclass
class TimedListener:
    """The voice runs' scripted person: says each cue when it says, on a virtual clock that
    starts at `start`, and keeps what was heard (`transcript`)."""

    start: datetime
    cues: Iterable[Cue]
    _cues: list[Cue] = field(init=False)
    _clock: float = field(default=0.0, init=False)  # seconds since `start`
    _playing: Playback | None = field(default=None, init=False)
    _from: float = field(default=0.0, init=False)  # when the playing speech began
    _cut: float | None = field(default=None, init=False)  # when the next cue cuts in, from then
    _turns: list[HeardTurn] = field(default_factory=list, init=False)

    def __post_init__(self) -> None:
        self._cues = list(self.cues)

    @property
    def transcript(self) -> tuple[HeardTurn, ...]:
        return tuple(self._turns)

    def now(self) -> datetime:
        return self.start + timedelta(seconds=self._clock)

    def read_line(self, prompt: str) -> str:
        if self._playing is not None:
            self._clock = max(self._clock, self._from + self._playing.seconds)
            self._stop_hearing(None)
        if not self._cues:
            raise EOFError
        cue = self._cues.pop(0)
        self._clock += ANSWER_SECONDS if cue.after is not None else cue.seconds
        return self._say(cue, cut_in=False)

    def wait(self, seconds: float, *, listening: bool) -> Typed | None:
        if listening and self._cut is not None and self._from + self._cut < self._clock + seconds:
            after = max(self._from + self._cut - self._clock, 0.0)
            self._clock += after
            self._stop_hearing(self._cut)
            return Typed(self._say(self._cues.pop(0), cut_in=True), after)
        self._clock += seconds
        return None

    def hearing(self, playback: Playback) -> None:
        self._playing, self._from, self._cut = playback, self._clock, None
        if self._turns:
            self._turns[-1] = replace(self._turns[-1], answer=playback)
        cue = self._cues[0] if self._cues else None
        if cue is None or cue.after is None:
            return
        begins = playback.when(cue.after)
        if begins is not None and begins + cue.seconds < playback.seconds:
            self._cut = begins + cue.seconds

    def _say(self, cue: Cue, *, cut_in: bool) -> str:
        self._turns.append(HeardTurn(cue.said, round(self._clock, 2), cut_in))
        return cue.said

    def _stop_hearing(self, until: float | None) -> None:
        if self._playing is not None and self._turns:
            self._turns[-1] = replace(self._turns[-1], heard=self._playing.heard(until))
        self._playing, self._cut = None, None


def transcript_text(turns: Sequence[HeardTurn]) -> str:
    """What was said and heard, with times on the listener's clock, as the voice runs print it."""
    lines: list[str] = []
    for index, turn in enumerate(turns):
        cut_off = index + 1 < len(turns) and turns[index + 1].cut_in
        lines.append(f"You{' (cutting in)' if turn.cut_in else ''}: {turn.said}")
        label = ""
        for sound in turn.heard:
            who = "Alexa (progressive)" if sound.progressive else "Alexa"
            shown = f"{who}: " if who != label else "   "
            label = who
            text = sound.item.text if isinstance(sound.item, Say) else f"[pause {sound.seconds:g}s]"
            lines.append(f"  [t={turn.at + sound.at:7.1f}] {shown}{text}")
        if cut_off:
            lines.append("  (cut off)")
        elif turn.answer is not None and not turn.answer.mic_open:
            lines.append("  (the session has ended)")
    return "\n".join(lines)
