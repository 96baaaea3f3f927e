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
            final_from = _count_hold(segment, hold, fragments)
    return fragments, final_from, closing


def hold_fragments(seconds: int, hold: HoldLines, begun: int = 0) -> tuple[list[str], int]:
    """A counted hold, release excluded, heard as `seconds - begun` long at the stated
    speaking rate (`begun` seconds were held before an interruption).

    Cues are placed on the hold's clock: the opening line at `begun` (the carry-on line when
    the hold carries on), a mark every ten seconds after it, and a countdown over the last
    seconds, one word a second. The silence after each cue is what is left until the next
    one, so words and silence add up to the hold asked for. A mark that would crowd the
    opening line or run into the countdown is left out. Returns the fragments and where the
    silence before the countdown starts (the full response carries the hold from there).

    >>> lines = HoldLines("Hold it.", "Keep holding.", "{elapsed} seconds.", ("One.",), "Done.")
    >>> [f for f in hold_fragments(30, lines, begun=12)[0] if not f.startswith("<")]
    ['Keep holding.', '20 seconds.', 'One.']
    """
    countdown_from = seconds - len(hold.countdown) * COUNTDOWN_STEP_SECONDS
    opening = hold.carry_on if begun else hold.start
    cues: list[tuple[float, str]] = [(float(begun), opening)]
    opened = begun + words_seconds(opening) + MIN_GAP_SECONDS
    for elapsed in range(MARK_EVERY_SECONDS, seconds, MARK_EVERY_SECONDS):
        mark = hold.mark_at(elapsed)
        if elapsed >= opened and elapsed + words_seconds(mark) + MIN_GAP_SECONDS <= countdown_from:
            cues.append((float(elapsed), mark))
    # A hold carried on near its end keeps only the countdown words after its opening line.
    countdown = [
        (countdown_from + n * COUNTDOWN_STEP_SECONDS, word)
        for n, word in enumerate(hold.countdown)
        if countdown_from + n * COUNTDOWN_STEP_SECONDS >= opened - MIN_GAP_SECONDS
    ]
    cues += countdown
    fragments: list[str] = []
    final_from = 0
    for number, (at, text) in enumerate(cues):
        fragments.append(escape(text))
        if number == len(cues) - len(countdown) - 1:
            final_from = len(fragments)
        until = cues[number + 1][0] if number + 1 < len(cues) else float(seconds)
        gap = max(until - at - words_seconds(text), 0.0)
        fragments.extend(break_tag(pause) for pause in silences(gap))
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
            counted = hold_fragments(segment.seconds, hold, segment.begun)[0]
            clock += ssml_seconds(" ".join(counted))
            hold_end = clock
            clock += words_seconds(hold.release)
    return PlanTiming(clock, hold_start, hold_end)


def _count_hold(count: HoldCount, hold: HoldLines, fragments: list[str]) -> int:
    """Append a counted hold and its release; return where its last stretch begins."""
    counted, final_from = hold_fragments(count.seconds, hold, count.begun)
    start = len(fragments)
    fragments.extend(counted)
    fragments.append(escape(hold.release))
    return start + final_from
