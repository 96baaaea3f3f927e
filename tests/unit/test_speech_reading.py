"""Our SSML read back into the plan's segments: what the chat and the simulator play."""

from __future__ import annotations

import pytest

from backstretch.routine.content import load_routine
from backstretch.speech.plan import HoldCount, Pause, Say, SpeechPlan, say
from backstretch.speech.reading import HeldPause, SsmlError, mark_holds, read_ssml
from backstretch.speech.ssml import render, split_for_progressive
from tests.support.heard import HEARD_WORDS_PER_SECOND

HOLD = load_routine().hold


def test_a_rendered_plan_reads_back_as_its_sentences_and_pauses() -> None:
    plan = say("Tom & Jerry <stretch>.") + SpeechPlan((Pause(1.5),)) + say("Kneel down.")
    assert read_ssml(render(plan, HOLD)) == [
        Say("Tom & Jerry <stretch>."),
        Pause(1.5),
        Say("Kneel down."),
    ]


def test_a_counted_hold_reads_back_as_its_pauses_with_what_is_left() -> None:
    plan = say("Lean forward.") + SpeechPlan((HoldCount(30),)) + say("Next side.")
    spoken = split_for_progressive(plan, HOLD)
    parts = [read_ssml(ssml) for ssml in [*spoken.progressive_ssml(), spoken.final_ssml()]]
    marked = [item for part in mark_holds(parts, HOLD) for item in part]
    held = [item for item in marked if isinstance(item, HeldPause)]
    # Every silence is the hold's: the page counts each down from what is left of the hold.
    assert not [item for item in marked if isinstance(item, Pause)]
    silences = sum(h.pause.seconds for h in held)
    assert {round(h.total_seconds, 3) for h in held} == {round(silences, 3)}
    left = [h.left_seconds for h in held]
    assert left[0] == pytest.approx(silences)
    for before, pause, after in zip(left, held, left[1:], strict=False):
        assert after == pytest.approx(before - pause.pause.seconds)
    # From its opening line, the silences and the marks said between them make up the hold
    # asked for.
    inside = marked[marked.index(held[0]) : marked.index(held[-1])]
    marks = " ".join([HOLD.start, *(item.text for item in inside if isinstance(item, Say))])
    assert silences + len(marks.split()) / HEARD_WORDS_PER_SECOND == pytest.approx(30, abs=1)
    words = " ".join(item.text for item in marked if isinstance(item, Say))
    assert words.startswith(f"Lean forward. {HOLD.start}")
    assert words.endswith("Next side.")


@pytest.mark.parametrize("ssml", ["<speak>unclosed", '<speak><break strength="strong"/></speak>'])
def test_speech_we_would_not_write_is_refused(ssml: str) -> None:
    with pytest.raises(SsmlError):
        read_ssml(ssml)
