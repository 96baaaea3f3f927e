"""Our SSML read back into the plan's segments: what the chat and the simulator play."""

from __future__ import annotations

import pytest

from backstretch.routine.content import load_routine
from backstretch.speech.plan import HoldCount, Pause, Say, SpeechPlan, say
from backstretch.speech.reading import HeldPause, SsmlError, mark_holds, read_ssml
from backstretch.speech.ssml import render, split_for_progressive

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
    assert [(h.pause.seconds, h.left_seconds) for h in held] == [(10, 30), (10, 20), (10, 10)]
    assert {h.total_seconds for h in held} == {30}
    assert not [item for item in marked if isinstance(item, Pause)]  # every pause is the hold's
    words = " ".join(item.text for item in marked if isinstance(item, Say))
    assert words.startswith(f"Lean forward. {HOLD.start}")
    assert words.endswith("Next side.")


@pytest.mark.parametrize("ssml", ["<speak>unclosed", '<speak><break strength="strong"/></speak>'])
def test_speech_we_would_not_write_is_refused(ssml: str) -> None:
    with pytest.raises(SsmlError):
        read_ssml(ssml)
