"""The timed listener: speech laid out at 150 words a minute plus its breaks, heard until a
person cuts in, and a scripted person who says each line when its cue says."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from backstretch.routine.content import load_routine
from backstretch.speech.plan import Pause, Say
from backstretch_local.listener import (
    ANSWER_SECONDS,
    Cue,
    Playback,
    TimedListener,
    transcript_text,
)

HOLD = load_routine().hold
SETUP = '<speak>Kneel down on your left knee. <break time="3000ms"/> Chest tall.</speak>'
COUNT = (
    f'<speak>{HOLD.start} <break time="8800ms"/> 10 seconds. <break time="9200ms"/>'
    f" 20 seconds.</speak>"
)
RELEASE = '<speak><break time="9200ms"/> And release. Say next when you are ready.</speak>'
START = datetime(2026, 11, 23, 17, 0, tzinfo=UTC)


@pytest.fixture
def turn() -> Playback:
    """A side as a device plays it: two progressive responses, then the full response."""
    return Playback.of([SETUP, COUNT, RELEASE])


def test_speech_is_laid_out_at_150_words_a_minute_plus_its_breaks(turn: Playback) -> None:
    assert [(round(s.at, 2), s.item, s.progressive) for s in turn.sounds[:3]] == [
        (0.0, Say("Kneel down on your left knee."), True),
        (2.4, Pause(3.0), True),
        (5.4, Say("Chest tall."), True),
    ]
    assert not turn.sounds[-1].progressive
    # 6 + 2 + 3 + 2 + 2 + 8 words, and 3 + 8.8 + 9.2 + 9.2 s of breaks
    assert turn.seconds == pytest.approx(23 / 2.5 + 30.2)
    assert turn.when(HOLD.start) == pytest.approx(6.2)
    assert turn.when("left knee") == pytest.approx(1.6)
    assert turn.when("not said") is None
    assert turn.talk_before(turn.when(HOLD.start) or 0) == pytest.approx(3.2)


def test_what_is_heard_stops_at_the_cut_in_whole_words(turn: Playback) -> None:
    heard = turn.heard(until=1.0)  # 2.5 words said: two heard whole
    assert [s.item for s in heard] == [Say("Kneel down")]
    heard = turn.heard(until=4.0)
    assert [s.item for s in heard][-1] == Pause(1.6)
    assert turn.heard() == turn.sounds
    assert turn.heard(until=0.1) == ()


def test_a_hold_is_heard_from_its_first_words_to_its_release_or_the_cut(turn: Playback) -> None:
    begins = turn.when(HOLD.start) or 0
    assert turn.hold_heard(HOLD) == pytest.approx(30.0)
    assert turn.hold_heard(HOLD, until=begins + 12) == pytest.approx(12.0)
    assert turn.hold_heard(HOLD, until=begins - 1) is None
    assert Playback.of([SETUP]).hold_heard(HOLD) is None


def test_the_listener_answers_after_the_speech_or_cuts_in_after_a_marker(turn: Playback) -> None:
    listener = TimedListener(
        START,
        [Cue("start"), Cue("next"), Cue("that hurts", after=HOLD.start, seconds=12)],
    )
    assert listener.read_line("You: ") == "start"
    assert listener.now() == START + timedelta(seconds=ANSWER_SECONDS)
    listener.hearing(turn)
    assert listener.wait(turn.seconds, listening=True) is None  # no cue cuts this one
    assert listener.read_line("You: ") == "next"
    second = ANSWER_SECONDS + turn.seconds + ANSWER_SECONDS
    assert listener.now() == START + timedelta(seconds=second)

    listener.hearing(turn)
    assert listener.wait(5, listening=True) is None
    assert listener.wait(5, listening=False) is None  # not listening: time just passes
    typed = listener.wait(10, listening=True)
    assert typed is not None and typed.line == "that hurts"
    begins = turn.when(HOLD.start) or 0
    assert typed.after == pytest.approx(begins + 12 - 10)
    assert listener.now() == START + timedelta(seconds=second + begins + 12)
    with pytest.raises(EOFError):
        listener.read_line("You: ")

    first, then, hurts = listener.transcript
    assert (first.cut_in, then.cut_in, hurts.cut_in) == (False, False, True)
    assert first.heard == turn.sounds
    assert then.words.endswith("10 seconds.")
    text = transcript_text(listener.transcript)
    assert "You (cutting in): that hurts" in text
    assert "(cut off)" in text


def test_a_marker_never_said_or_said_too_late_waits_for_the_end(turn: Playback) -> None:
    listener = TimedListener(
        START, [Cue("start"), Cue("stop", after="Chest tall.", seconds=60), Cue("x", after="?")]
    )
    listener.read_line("You: ")
    listener.hearing(turn)
    assert listener.wait(turn.seconds, listening=True) is None
    assert listener.read_line("You: ") == "stop"
    listener.hearing(turn)
    assert listener.wait(turn.seconds, listening=True) is None
    assert listener.read_line("You: ") == "x"
    assert [t.cut_in for t in listener.transcript] == [False, False, False]
