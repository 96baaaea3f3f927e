"""Turning a speech plan into SSML, split between progressive responses and the full response."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

from backstretch.speech.hold import HoldLines
from backstretch.speech.plan import HoldCount, Pause, Say, Segment, SpeechPlan
from backstretch.speech.timing import ssml_seconds, words_seconds

MAX_BREAK_SECONDS = 10  # Alexa's limit for one <break>
MAX_PROGRESSIVE_RESPONSES = 5  # Alexa plays at most five per request
MAX_PROGRESSIVE_SSML_CHARS = 600  # kept short so each one starts playing promptly
MAX_OUTPUT_SSML_CHARS = 8000  # Alexa's limit for outputSpeech
MIN_BREAK_SECONDS = 0.05  # shorter silences are not worth a tag
MARK_EVERY_SECONDS = 10  # a spoken mark every ten seconds of a hold
COUNTDOWN_STEP_SECONDS = 1.0  # the last seconds are counted down, one word a second
MIN_GAP_SECONDS = 1.0  # at least this much silence between a mark and the countdown


@dataclass(frozen=True)
class PlanTiming:
    """Seconds from a plan's first word: to its end, and to its hold's start and end."""

    total: float
    hold_start: float | None
    hold_end: float | None


def speak(fragments: Iterable[str]) -> str:
    """Wrap SSML fragments in one <speak> document."""
    return "<speak>" + " ".join(fragments) + "</speak>"


def break_tag(seconds: float) -> str:
    if not 0 < seconds <= MAX_BREAK_SECONDS:
        raise ValueError(f"a break must be between 0 and {MAX_BREAK_SECONDS} s, not {seconds}")
    return f'<break time="{round(seconds * 1000)}ms"/>'


def silences(seconds: float) -> list[float]:
    """Split a silence into breaks of at most ten seconds: 25 -> [10, 10, 5]."""
    chunks: list[float] = []
    left = round(seconds, 3)
    while left > MAX_BREAK_SECONDS:
        chunks.append(MAX_BREAK_SECONDS)
        left = round(left - MAX_BREAK_SECONDS, 3)
    if left >= MIN_BREAK_SECONDS:
        chunks.append(left)
    return chunks


@dataclass(frozen=True)
class SpokenTurn:
    """A turn's speech: parts to send as progressive responses, then the full response.

    `parts` are sent in order; if only the first `n` reach Alexa, `final_ssml(n)` says the
    rest too, so the person still hears every instruction and a correctly timed hold.
    `closing_at` is where the tail's closing sentence starts: a note learned after the parts
    went out (say, that progress could not be saved) is said just before it.
    """

    parts: tuple[tuple[str, ...], ...]
    tail: tuple[str, ...]
    closing_at: int | None = None

    def progressive_ssml(self) -> list[str]:
        return [speak(part) for part in self.parts]

    def final_ssml(
        self, delivered: int | None = None, note: Sequence[str] = (), ending: Sequence[str] = ()
    ) -> str:
        """The full response: what was not delivered, with ``note`` before the closing
        sentence; ``ending`` (a question the turn now ends on) takes the closing sentence's
        place, since a goodbye cannot come before a question."""
        sent = len(self.parts) if delivered is None else delivered
        unsent = [fragment for part in self.parts[sent:] for fragment in part]
        at = len(self.tail) if self.closing_at is None else self.closing_at
        closing = self.tail[at:] if not ending else self.tail[at + 1 :]
        return speak([*unsent, *self.tail[:at], *note, *ending, *closing])


def render(plan: SpeechPlan, hold: HoldLines) -> str:
    """The whole plan as one SSML document (used where progressive responses are not)."""
    return speak(render_fragments(plan, hold))


def render_fragments(plan: SpeechPlan, hold: HoldLines) -> tuple[str, ...]:
    """The plan as SSML fragments, to be said inside another document."""
    return tuple(_spoken_fragments(plan.segments, hold)[0])


def split_for_progressive(plan: SpeechPlan, hold: HoldLines) -> SpokenTurn:
    """Carry everything up to the last stretch of a hold in progressive responses.

    A plan with no hold needs none: it is all in the full response.
    """
    fragments, final_from, closing = _spoken_fragments(plan.segments, hold)
    if final_from is None:
        return SpokenTurn((), tuple(fragments), closing)
    parts: list[list[str]] = []
    leftover: list[str] = []
    for fragment in fragments[:final_from]:
        if leftover:
            leftover.append(fragment)
        elif parts and len(speak([*parts[-1], fragment])) <= MAX_PROGRESSIVE_SSML_CHARS:
            parts[-1].append(fragment)
        elif len(parts) < MAX_PROGRESSIVE_RESPONSES:
            parts.append([fragment])
        else:
            leftover.append(fragment)
    tail = (*leftover, *fragments[final_from:])
    at = None if closing is None else closing - (len(fragments) - len(tail))
    return SpokenTurn(
        tuple(tuple(p) for p in parts), tail, at if at is not None and at >= 0 else None
    )


def _spoken_fragments(
    segments: Iterable[Segment], hold: HoldLines
) -> tuple[list[str], int | None, int | None]:
    """SSML fragments, where the hold's last stretch begins (None without a hold), and where
    the closing sentence is (None without one)."""
    fragments: list[str] = []
    final_from: int | None = None
    closing: int | None = None
    for segment in segments:
        if isinstance(segment, Say):
            closing = len(fragments)
            fragments.append(escape(segment.text))
        elif isinstance(segment, Pause):
            fragments.append(break_tag(segment.seconds))
        elif isinstance(segment, HoldCount):
            final_from = _count_hold(segment.seconds, hold, fragments)
    return fragments, final_from, closing


def hold_fragments(seconds: int, hold: HoldLines) -> tuple[list[str], int]:
    """A counted hold, release excluded, heard as `seconds` long at the stated speaking rate.

    Cues are placed on a clock: the opening line at 0, a mark every ten seconds, and a
    countdown over the last seconds, one word a second. The silence after each cue is what is
    left until the next one, so words and silence add up to the hold asked for. A mark that
    would run into the countdown is left out. Returns the fragments and where the silence
    before the countdown starts (the full response carries the hold from there).
    """
    countdown_from = seconds - len(hold.countdown) * COUNTDOWN_STEP_SECONDS
    cues: list[tuple[float, str]] = [(0.0, hold.start)]
    for elapsed in range(MARK_EVERY_SECONDS, seconds, MARK_EVERY_SECONDS):
        mark = hold.mark.format(elapsed=elapsed)
        if elapsed + words_seconds(mark) + MIN_GAP_SECONDS <= countdown_from:
            cues.append((float(elapsed), mark))
    cues += [
        (countdown_from + n * COUNTDOWN_STEP_SECONDS, word) for n, word in enumerate(hold.countdown)
    ]
    fragments: list[str] = []
    final_from = 0
    for number, (at, text) in enumerate(cues):
        fragments.append(escape(text))
        if number == len(cues) - len(hold.countdown) - 1:
            final_from = len(fragments)
        until = cues[number + 1][0] if number + 1 < len(cues) else float(seconds)
        fragments.extend(break_tag(gap) for gap in silences(until - at - words_seconds(text)))
    return fragments, final_from


def plan_timing(plan: SpeechPlan, hold: HoldLines) -> PlanTiming:
    """When, from its first word, a plan's hold starts and ends, and how long it all lasts."""
    clock = 0.0
    hold_start = hold_end = None
    for segment in plan.segments:
        if isinstance(segment, Say):
            clock += words_seconds(segment.text)
        elif isinstance(segment, Pause):
            clock += segment.seconds
        elif isinstance(segment, HoldCount):
            hold_start = clock
            clock += ssml_seconds(" ".join(hold_fragments(segment.seconds, hold)[0]))
            hold_end = clock
            clock += words_seconds(hold.release)
    return PlanTiming(clock, hold_start, hold_end)


def _count_hold(seconds: int, hold: HoldLines, fragments: list[str]) -> int:
    """Append a counted hold and its release; return where its last stretch begins."""
    counted, final_from = hold_fragments(seconds, hold)
    start = len(fragments)
    fragments.extend(counted)
    fragments.append(escape(hold.release))
    return start + final_from
