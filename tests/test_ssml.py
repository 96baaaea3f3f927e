"""Speech plans become SSML: holds counted in breaks of at most 10 s, split for progressive use."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator

import pytest

from backstretch.routine.content import load_routine
from backstretch.routine.conversation import Event, EventKind, Turn, respond
from backstretch.routine.state import CoachState
from backstretch.speech.plan import HoldCount, Pause, SpeechPlan, say
from backstretch.speech.ssml import (
    MAX_OUTPUT_SSML_CHARS,
    MAX_PROGRESSIVE_RESPONSES,
    MAX_PROGRESSIVE_SSML_CHARS,
    break_tag,
    hold_chunks,
    render,
    split_for_progressive,
)

HOLD = load_routine().hold
BREAK = re.compile(r'<break time="(\d+)ms"/>')


def break_seconds(ssml: str) -> list[float]:
    return [int(ms) / 1000 for ms in BREAK.findall(ssml)]


@pytest.mark.parametrize(
    ("seconds", "chunks"), [(30, [10, 10, 10]), (25, [10, 10, 5]), (20, [10, 10])]
)
def test_holds_split_into_breaks_of_at_most_ten_seconds(seconds, chunks):
    assert hold_chunks(seconds) == chunks


@pytest.mark.parametrize("seconds", [0, 10.5, -1])
def test_a_break_outside_alexas_limits_is_refused(seconds):
    with pytest.raises(ValueError, match="break"):
        break_tag(seconds)


@pytest.mark.parametrize("seconds", [20, 25, 30])
def test_the_count_is_carried_by_progressive_parts_and_finished_in_the_full_response(seconds):
    plan = say("Kneel down.") + SpeechPlan((HoldCount(seconds),)) + say("Well done.")
    spoken = split_for_progressive(plan, HOLD)
    progressive = spoken.progressive_ssml()
    final = spoken.final_ssml()
    assert sum(sum(break_seconds(p)) for p in progressive) + sum(break_seconds(final)) == seconds
    assert "10 seconds." in progressive[0]
    assert final.startswith("<speak><break") and HOLD.release in final
    assert final.endswith("Well done.</speak>")
    assert all(b <= 10 for p in [*progressive, final] for b in break_seconds(p))


def test_when_progressive_parts_fail_the_full_response_says_everything_in_order():
    plan = say("Kneel down.") + SpeechPlan((HoldCount(30),)) + say("Well done.")
    spoken = split_for_progressive(plan, HOLD)
    assert spoken.final_ssml(0) == render(plan, HOLD)
    assert sum(break_seconds(spoken.final_ssml(0))) == 30


def test_a_plan_without_a_hold_needs_no_progressive_response():
    spoken = split_for_progressive(say("Paused.") + SpeechPlan((Pause(1),)), HOLD)
    assert spoken.parts == ()
    assert spoken.final_ssml() == '<speak>Paused. <break time="1000ms"/></speak>'


def test_text_is_escaped_so_the_ssml_stays_valid():
    ssml = render(say("Hips & back <easy>"), HOLD)
    assert ssml == "<speak>Hips &amp; back &lt;easy&gt;</speak>"
    ET.fromstring(ssml)


def every_turn_of_a_routine() -> Iterator[Turn]:
    routine = load_routine()
    state = CoachState()
    for kind in [
        EventKind.LAUNCH,
        EventKind.WHY,
        EventKind.NEXT,
        EventKind.HELP,
        EventKind.NEXT,
        EventKind.NEXT,
    ]:
        turn = respond(state, Event(kind), routine)
        state = turn.state
        yield turn


@pytest.mark.parametrize("turn", list(every_turn_of_a_routine()))
def test_every_turn_fits_alexas_limits_and_is_well_formed(turn):
    spoken = split_for_progressive(turn.speech, HOLD)
    assert len(spoken.parts) <= MAX_PROGRESSIVE_RESPONSES
    for part in spoken.progressive_ssml():
        assert len(part) <= MAX_PROGRESSIVE_SSML_CHARS
        ET.fromstring(part)
    for full in (spoken.final_ssml(), spoken.final_ssml(0)):
        assert len(full) <= MAX_OUTPUT_SSML_CHARS
        ET.fromstring(full)
