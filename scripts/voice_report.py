"""What a person hears before and during each count, side by side: the voice report.

    python scripts/voice_report.py [--json] [--hold 20] [--sides-only]

First, the routine's speech plans through the conversation's `respond` and the SSML renderer,
per side, for a first launch and a returning person (and a gentler try, a redo, a skip): the
words and estimated seconds of talk before the count starts (and the silence left for the
body), when the first instruction begins, the hold heard against the hold asked, and the
longest instruction sentence.

Then, played as on a device (`scripts/voice_runs.py`: the skill, the chat with cut-in, the
timed listener): the talk before the count for a newcomer, a returning person and after
"resume" (a pause mid-hold, a pause between sides); pain and a warning sign said at set-up,
mid-hold, between sides and in the final hold, each with what was heard, whether the session
stayed open and what was stored; and the phrase corpus's figure. Seconds are estimated at
150 words a minute plus breaks (`backstretch.speech.timing`). The played half needs the
local tools (`pip install '.[local]'`); `--sides-only` leaves it out.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass
from typing import Any

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
    parser.add_argument(
        "--sides-only", action="store_true", help="only the speech plans, not the played runs"
    )
    args = parser.parse_args(argv)
    reports = voice_report(load_routine(), args.hold)
    played = None if args.sides_only else _played()
    if args.json:
        print(json.dumps({"sides": [asdict(r) for r in reports], **(played or {})}, indent=1))
        return 0
    print(f"Estimated at {WORDS_PER_SECOND * 60:.0f} words a minute, plus breaks.")
    print(table(reports))
    if played is not None:
        print(_played_tables(played))
    return 0


def _played() -> dict[str, Any]:
    """The played half, as plain data."""
    # Imported here: the local tools it plays through are not in the unit tier, which
    # imports this module for the side table alone.
    from backstretch_local.corpus import leave_one_out_report, load_corpus
    from backstretch_local.utterances import InteractionModel
    from scripts.voice_runs import by_moment, corpus_figure, talk_before_count

    figure = corpus_figure()
    left_out = leave_one_out_report(InteractionModel.load(), load_corpus()).share_right
    return {
        "talk": [asdict(r) | {"seconds": r.seconds} for r in talk_before_count()],
        "moments": [asdict(r) for r in by_moment()],
        "corpus": asdict(figure) | {"share": figure.share, "left_one_out": round(left_out, 3)},
    }


def _played_tables(played: dict[str, Any]) -> str:
    lines = ["", "Played as on a device: talk before the count (target after a resume: <= 10 s)"]
    lines.append(f"{'case':<38}{'talk s':>8}{'+quiet':>8}{'=before':>8}  first words")
    for row in played["talk"]:
        figures = (row["talk_seconds"], row["silence_seconds"], row["seconds"])
        shown = "".join(f"{'-' if f is None else f'{f:.1f}':>8}" for f in figures)
        lines.append(f"{row['case']:<38}{shown}  {row['first_words']}")
    lines += ["", "Pain and a warning sign, by moment (a newcomer's routine), said:"]
    said_when = {row["moment"]: row["when"] for row in played["moments"]}
    lines += [f"  {moment}: {when}" for moment, when in said_when.items()]
    lines.append(
        f"{'said':<20}{'moment':<15}{'Alexa heard':<24}{'open':<6}{'held s':>7}"
        f"{'credited':>9}  {'finished':<9}first sentence"
    )
    for row in played["moments"]:
        credited = "-" if row["credited_seconds"] is None else str(row["credited_seconds"])
        finished = {None: "-", True: "yes", False: "no"}[row["finished"]]
        lines.append(
            f"{row['said']:<20}{row['moment']:<15}{row['intent']:<24}"
            f"{'yes' if row['stayed_open'] else 'no':<6}{row['held_seconds']:>7.1f}"
            f"{credited:>9}  {finished:<9}{row['heard']}"
        )
    corpus = played["corpus"]
    lines.append("")
    lines.append(
        f"Phrase corpus: {corpus['right']} of {corpus['total']} right as played through the "
        f"skill ({corpus['share']:.1%}): resolved to their meaning ({corpus['resolved']}) and "
        f"answered as that meaning needs at their moment; {corpus['left_one_out']:.1%} "
        "resolved right with each phrase left out of the model's samples."
    )
    lines += [f"  not right: {wrong}" for wrong in corpus["wrong"]]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
