"""Speech plans become SSML: holds counted in breaks of at most 10 s, split for progressive use."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator

import pytest

from backstretch.routine.content import load_routine
from backstretch.routine.conversation import Event, EventKind, Turn, respond
from backstretch.routine.state import CoachState
from backstretch.speech.plan import HoldCount, Pause, SpeechPlan, say
from backstretch.speech.ssml import (
    MAX_PROGRESSIVE_SSML_CHARS,
    break_tag,
    render,
    silences,
    split_for_progressive,
)
from backstretch.turn.session import SessionAttributes

HOLD = load_routine().hold
# Alexa's published limits, written out: a test that reads them from the module agrees with
# any mistake in it.
ALEXA_MAX_OUTPUT_SPEECH_CHARS = 8000  # outputSpeech
ALEXA_MAX_BREAK_SECONDS = 10  # one <break>
ALEXA_MAX_RESPONSE_BYTES = 24 * 1024  # the whole response
ALEXA_MAX_PROGRESSIVE_RESPONSES = 5  # a request's progressive responses
BREAK = re.compile(r'<break time="(\d+)ms"/>')


def break_seconds(ssml: str) -> list[float]:
    return [int(ms) / 1000 for ms in BREAK.findall(ssml)]


# Alexa's default voice, about 150 words a minute (measured speech rates for US English
# text-to-speech sit between 140 and 170): an estimate independent of the code's constant.
HEARD_WORDS_PER_SECOND = 150 / 60


def heard_seconds(ssml: str) -> float:
    """Silence plus words at 150 words a minute."""
    text = re.sub(r"<[^>]+>", " ", ssml)
    return sum(break_seconds(ssml)) + len(text.split()) / HEARD_WORDS_PER_SECOND


def hold_span(ssml: str) -> str:
    """From the hold's opening line up to its release."""
    start = ssml.index(HOLD.start)
    return ssml[start : ssml.index(HOLD.release, start)]


@pytest.mark.parametrize(
    ("seconds", "chunks"), [(30, [10, 10, 10]), (25, [10, 10, 5]), (8.8, [8.8]), (0.01, [])]
)
def test_silences_split_into_breaks_of_at_most_ten_seconds(seconds, chunks):
    assert silences(seconds) == chunks


@pytest.mark.parametrize("seconds", range(20, 31))
def test_a_hold_is_heard_as_long_as_asked_within_a_second(seconds):
    """Words and silence together, from "Hold it there" to "And release", at 150 wpm."""
    ssml = render(SpeechPlan((HoldCount(seconds),)), HOLD)
    assert abs(heard_seconds(hold_span(ssml)) - seconds) <= 1.0
    assert all(b <= 10 for b in break_seconds(ssml))


@pytest.mark.parametrize("seconds", range(20, 31))
def test_the_last_seconds_of_a_hold_are_counted_down(seconds):
    ssml = render(SpeechPlan((HoldCount(seconds),)), HOLD)
    words = re.sub(r"<[^>]+>", " ", hold_span(ssml)).split()
    assert words[-3:] == ["Three.", "Two.", "One."]
    # the countdown takes the last three seconds: three words, each followed by its silence
    tail = hold_span(ssml)[hold_span(ssml).index("Three.") :]
    assert heard_seconds(tail) == pytest.approx(3.0, abs=0.3)


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
    heard = hold_span("".join(progressive) + final)
    assert abs(heard_seconds(heard) - seconds) <= 1.0
    assert "10 seconds." in progressive[0]
    assert final.startswith("<speak><break") and HOLD.release in final
    assert final.endswith("Well done.</speak>")
    assert all(b <= 10 for p in [*progressive, final] for b in break_seconds(p))


def test_when_progressive_parts_fail_the_full_response_says_everything_in_order():
    plan = say("Kneel down.") + SpeechPlan((HoldCount(30),)) + say("Well done.")
    spoken = split_for_progressive(plan, HOLD)
    assert spoken.final_ssml(0) == render(plan, HOLD)
    assert abs(heard_seconds(hold_span(spoken.final_ssml(0))) - 30) <= 1.0


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
        EventKind.PAIN,
        EventKind.GENTLER,
        EventKind.WHY,
        EventKind.REDO,
        EventKind.NEXT,
        EventKind.REPEAT,
        EventKind.HELP,
        EventKind.WHERE,
        EventKind.GO_TO,
        EventKind.PAUSE,
        EventKind.RESUME,
    ]:
        turn = respond(state, Event(kind, stretch="lat"), routine)
        state = turn.state
        yield turn


@pytest.mark.parametrize("turn", list(every_turn_of_a_routine()))
def test_every_turn_fits_alexas_limits_and_is_well_formed(turn):
    spoken = split_for_progressive(turn.speech, HOLD)
    assert len(spoken.parts) <= ALEXA_MAX_PROGRESSIVE_RESPONSES
    for part in spoken.progressive_ssml():
        assert len(part) <= MAX_PROGRESSIVE_SSML_CHARS  # the skill's own bound, under Alexa's
        assert all(s <= ALEXA_MAX_BREAK_SECONDS for s in break_seconds(part))
        ET.fromstring(part)
    reprompt = render(turn.reprompt, HOLD) if turn.reprompt is not None else None
    for full in (spoken.final_ssml(), spoken.final_ssml(0)):
        assert len(full) <= ALEXA_MAX_OUTPUT_SPEECH_CHARS
        assert all(s <= ALEXA_MAX_BREAK_SECONDS for s in break_seconds(full))
        ET.fromstring(full)
        response = {
            "version": "1.0",
            "sessionAttributes": SessionAttributes(turn.state.to_attributes()).to_attributes(),
            "response": {
                "outputSpeech": {"type": "SSML", "ssml": full},
                "reprompt": {"outputSpeech": {"type": "SSML", "ssml": reprompt}},
                "shouldEndSession": turn.end_session,
            },
        }
        assert len(json.dumps(response).encode()) <= ALEXA_MAX_RESPONSE_BYTES
