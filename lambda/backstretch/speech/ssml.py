"""Turning a speech plan into SSML, split between progressive responses and the full response."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

from backstretch.routine.content import HoldLines
from backstretch.speech.plan import HoldCount, Pause, Say, Segment, SpeechPlan

MAX_BREAK_SECONDS = 10  # Alexa's limit for one <break>
MAX_PROGRESSIVE_RESPONSES = 5  # Alexa plays at most five per request
MAX_PROGRESSIVE_SSML_CHARS = 600  # kept short so each one starts playing promptly
MAX_OUTPUT_SSML_CHARS = 8000  # Alexa's limit for outputSpeech


def speak(fragments: Iterable[str]) -> str:
    """Wrap SSML fragments in one <speak> document."""
    return "<speak>" + " ".join(fragments) + "</speak>"


def break_tag(seconds: float) -> str:
    if not 0 < seconds <= MAX_BREAK_SECONDS:
        raise ValueError(f"a break must be between 0 and {MAX_BREAK_SECONDS} s, not {seconds}")
    return f'<break time="{round(seconds * 1000)}ms"/>'


def hold_chunks(seconds: int) -> list[int]:
    """Split a hold into breaks of at most ten seconds: 25 -> [10, 10, 5]."""
    full, rest = divmod(seconds, MAX_BREAK_SECONDS)
    return [MAX_BREAK_SECONDS] * full + ([rest] if rest else [])


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
        sentence and ``ending`` (a question the turn ends on) after it."""
        sent = len(self.parts) if delivered is None else delivered
        unsent = [fragment for part in self.parts[sent:] for fragment in part]
        at = len(self.tail) if self.closing_at is None else self.closing_at
        return speak([*unsent, *self.tail[:at], *note, *self.tail[at:], *ending])


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


def _count_hold(seconds: int, hold: HoldLines, fragments: list[str]) -> int:
    """Append a counted hold; return where its last break starts."""
    chunks = hold_chunks(seconds)
    fragments.append(escape(hold.start))
    elapsed = 0
    for number, chunk in enumerate(chunks):
        if number == len(chunks) - 1:
            last_break = len(fragments)
            fragments.append(break_tag(chunk))
            break
        fragments.append(break_tag(chunk))
        elapsed += chunk
        remaining = seconds - elapsed
        is_last_mark = number == len(chunks) - 2
        template = hold.last_mark if is_last_mark else hold.mark
        fragments.append(escape(template.format(elapsed=elapsed, remaining=remaining)))
    fragments.append(escape(hold.release))
    return last_break
