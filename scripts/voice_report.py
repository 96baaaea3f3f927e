"""What a person hears before and during each count, side by side: the voice report.

    python scripts/voice_report.py [--json]

Plays the routine's speech plans through the product's public surface (the content, the
conversation's `respond`, the SSML renderer) for a first launch and a returning person, and
prints per side: the words and estimated seconds of talk before the count starts (and the
silence left for the body), when the first instruction begins, the hold heard against the
hold asked, and the longest instruction sentence. Seconds are estimated from the SSML at
150 words a minute plus its breaks (`backstretch.speech.timing`).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass

from backstretch.routine.content import Routine, load_routine
from backstretch.routine.conversation import Event, EventKind, Turn, respond
from backstretch.routine.state import CoachState, step_ref
from backstretch.speech.ssml import render
from backstretch.speech.timing import WORDS_PER_SECOND, ssml_seconds

_BREAK = re.compile(r'<break time="(\d+)ms"/>')
_TAG = re.compile(r"<[^>]+>")
_SENTENCE_END = re.compile(r"(?<=[.?!])\s+")


@dataclass(frozen=True)
class SideReport:
    """One coached side, as heard."""

    who: str  # "first launch", "returning", ...
    stretch: str
    side: str
    words_before_count: int
    talk_seconds_before_count: float  # words only
    silence_before_count: float  # pauses left for the body to act
    first_instruction_at: float  # seconds from the first word
    hold_asked: int
    hold_heard: float
    longest_instruction: str  # the longest sentence from the first instruction to the count

    @property
    def longest_instruction_words(self) -> int:
        return len(self.longest_instruction.split())

    @property
    def seconds_before_count(self) -> float:
        return self.talk_seconds_before_count + self.silence_before_count


ROUTINE = (EventKind.LAUNCH, EventKind.NEXT, EventKind.NEXT, EventKind.NEXT)
# Who plays the routine, and how: newcomer or not, the events said in order, and how many
# of the first holds are not reported again (they are the returning person's first side).
PLAYS: dict[str, tuple[bool, tuple[EventKind, ...], int]] = {
    "first launch": (True, ROUTINE, 0),
    "returning": (False, ROUTINE, 0),
    "gentler try": (False, (EventKind.LAUNCH, EventKind.PAIN, EventKind.GENTLER), 1),
    "redo": (False, (EventKind.LAUNCH, EventKind.REDO), 1),
    "skip to lat": (False, (EventKind.LAUNCH, EventKind.GO_TO), 1),
}


def voice_report(routine: Routine, hold_seconds: int | None = None) -> list[SideReport]:
    """Every coached side of every play, as heard."""
    reports: list[SideReport] = []
    for who, (newcomer, kinds, skip) in PLAYS.items():
        state = CoachState(newcomer=newcomer, hold_seconds=hold_seconds)
        coached = [t for t in _play(state, kinds, routine) if t.speech.hold is not None]
        for turn in coached[skip:]:
            assert turn.speech.hold is not None
            reports.append(_side(who, turn, turn.speech.hold.seconds, routine))
    return reports


def _play(state: CoachState, kinds: Sequence[EventKind], routine: Routine) -> Iterator[Turn]:
    for kind in kinds:
        stretch = "lat" if kind is EventKind.GO_TO else None
        turn = respond(state, Event(kind, stretch=stretch), routine)
        state = turn.state
        yield turn


def _side(who: str, turn: Turn, asked: int, routine: Routine) -> SideReport:
    ref = step_ref(routine, turn.state.step)
    stretch = routine.stretches[ref.stretch]
    side = stretch.sides[ref.side]
    ssml = render(turn.speech, routine.hold)
    count_at = ssml.index(_escape(routine.hold.start))
    before = ssml[:count_at]
    actions = (*side.switch, *side.setup)
    firsts = [_escape(t) for t in (stretch.needs.text, *(i.text for i in actions))]
    first_at = min(before.index(t) for t in firsts if t in before)
    silence = sum(int(ms) for ms in _BREAK.findall(before)) / 1000
    words = _TAG.sub(" ", before).split()
    instructions = _SENTENCE_END.split(" ".join(_TAG.sub(" ", before[first_at:]).split()))
    released = ssml.index(_escape(routine.hold.release), count_at)
    return SideReport(
        who=who,
        stretch=stretch.name,
        side=side.name,
        words_before_count=len(words),
        talk_seconds_before_count=round(len(words) / WORDS_PER_SECOND, 1),
        silence_before_count=round(silence, 1),
        first_instruction_at=round(ssml_seconds(before[:first_at]), 1),
        hold_asked=asked,
        hold_heard=round(ssml_seconds(ssml[count_at:released]), 2),
        longest_instruction=max(instructions, key=lambda s: len(s.split())),
    )


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def table(reports: Sequence[SideReport]) -> str:
    """The report as aligned text, one line a side."""
    header = (
        f"{'who':<13}{'side':<38}{'words':>6}{'talk s':>8}{'+quiet':>8}{'=before':>8}"
        f"{'1st instr':>10}{'hold asked/heard':>18}  longest instruction (words)"
    )
    lines = [header, "-" * len(header)]
    for r in reports:
        lines.append(
            f"{r.who:<13}{r.stretch + ', ' + r.side:<38}{r.words_before_count:>6}"
            f"{r.talk_seconds_before_count:>8.1f}{r.silence_before_count:>8.1f}"
            f"{r.seconds_before_count:>8.1f}{r.first_instruction_at:>10.1f}"
            f"{r.hold_asked:>10} / {r.hold_heard:>5.1f}  "
            f"({r.longest_instruction_words}) {r.longest_instruction}"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", action="store_true", help="print JSON, not a table")
    parser.add_argument("--hold", type=int, help="hold length in seconds (default: content's)")
    args = parser.parse_args(argv)
    reports = voice_report(load_routine(), args.hold)
    if args.json:
        print(json.dumps([asdict(r) for r in reports], indent=1))
    else:
        print(f"Estimated at {WORDS_PER_SECOND * 60:.0f} words a minute, plus breaks.")
        print(table(reports))
    return 0


if __name__ == "__main__":
    sys.exit(main())
