"""`backstretch chat`: a conversation typed in a terminal, with the breaks played out.

The chat runs the real skill (moto's DynamoDB, the fake Alexa API over HTTPS); time passes
only through an injected sleep, so the holds are measured, never waited for.
"""

from __future__ import annotations

import io
import itertools
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from backstretch.alexa_api.client import AlexaApiConfig, HttpsAlexaApi
from backstretch.progress.dynamodb import DynamoProgressStore
from backstretch.progress.model import RoutineRecord
from backstretch.routine.content import load_routine
from backstretch.routine.conversation import Event, EventKind, respond
from backstretch.routine.state import CoachState
from backstretch.skill.config import SkillConfig
from backstretch.skill.service import BackStretchSkill
from backstretch.speech.ssml import render
from backstretch_local.chat import Chat, ChatSettings
from backstretch_local.cli import FAST_TIME_SCALE
from backstretch_local.corpus import load_script
from backstretch_local.device import Device, DeviceSettings
from backstretch_local.envelopes import LOCAL_USER_ID, timestamp
from backstretch_local.keyboard import TerminalKeyboard
from backstretch_local.listener import Cue, Playback, TimedListener, Typed
from backstretch_local.utterances import InteractionModel, UtteranceResolver
from tests.support.fake_alexa_api import FakeAlexaApi

BACKSTRETCH = Path(sys.executable).with_name("backstretch")
BREAK = re.compile(r'<break time="(\d+)ms"/>')


def breaks_of_sides(*kinds: EventKind, hold: int | None = None) -> list[list[float]]:
    """The breaks the skill's SSML asks for, side by side, for a newcomer's routine: the
    chat must wait out every one (what they are is the conversation's business)."""
    routine = load_routine()
    state, sides = CoachState(hold_seconds=hold), []
    for kind in kinds:
        turn = respond(state, Event(kind), routine)
        state = turn.state
        sides.append([int(ms) / 1000 for ms in BREAK.findall(render(turn.speech, routine.hold))])
    return sides


FIRST_SIDE_BREAKS = breaks_of_sides(EventKind.LAUNCH)[0]


class Terminal:
    """A person at the keyboard: typed lines in, the screen as text, waits recorded. Lines
    come once the answer has played (this person never cuts in); time passes only in waits."""

    def __init__(self, lines: list[str], ctrl_c_at_sleep: int | None = None) -> None:
        self._lines = iter(lines)
        self._ctrl_c_at_sleep = ctrl_c_at_sleep
        self._start = datetime.now(UTC)
        self.screen = io.StringIO()
        self.slept: list[float] = []
        self.read = 0

    def now(self) -> datetime:
        return self._start + timedelta(seconds=sum(self.slept))

    def read_line(self, prompt: str) -> str:
        self.screen.write(prompt)
        try:
            line = next(self._lines)
        except StopIteration:
            raise EOFError from None
        self.read += 1
        self.screen.write(line + "\n")
        return line

    def wait(self, seconds: float, *, listening: bool) -> Typed | None:
        if len(self.slept) == self._ctrl_c_at_sleep:
            raise KeyboardInterrupt
        self.slept.append(seconds)
        return None

    def hearing(self, playback: Playback) -> None:
        pass

    @property
    def text(self) -> str:
        return self.screen.getvalue()

    @property
    def words(self) -> str:
        """The screen with line wrapping undone, to look for sentences in."""
        return unwrap(self.text)


def unwrap(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def resolver() -> UtteranceResolver:
    return UtteranceResolver(InteractionModel.load("en-US"))


@pytest.fixture
def skill(progress_store: DynamoProgressStore) -> Iterator[BackStretchSkill]:
    api = HttpsAlexaApi(AlexaApiConfig(read_timeout_seconds=0.5))
    yield BackStretchSkill(SkillConfig(), api=api, store=progress_store)
    api.close()


@pytest.fixture
def chat_with(
    skill: BackStretchSkill, fake_alexa_api: FakeAlexaApi, resolver: UtteranceResolver
) -> Callable[..., Terminal]:
    """Run a chat over typed lines; the terminal it ran on."""

    def run(lines: list[str], ctrl_c_at_sleep: int | None = None, **settings: Any) -> Terminal:
        terminal = Terminal(lines, ctrl_c_at_sleep)
        device = Device(skill, fake_alexa_api, resolver)
        Chat(device, terminal.screen, ChatSettings(**settings), terminal).run()
        return terminal

    return run


@pytest.mark.parametrize("locale", ["de-DE", "ja-JP", "hi-IN"])
def test_relaunch_opens_the_skill_the_way_people_of_the_locale_say_it(
    skill: BackStretchSkill, fake_alexa_api: FakeAlexaApi, locale: str
) -> None:
    """/relaunch says the corpus' scripted launch: the skill opens in the locale's words."""
    terminal = Terminal(["/relaunch"], None)
    resolver = UtteranceResolver(InteractionModel.load(locale))
    device = Device(skill, fake_alexa_api, resolver, DeviceSettings(locale))
    Chat(device, terminal.screen, ChatSettings(), terminal).run()
    welcome = load_routine(locale).lines.welcome
    assert welcome.split("{")[0].strip()[:12] in terminal.words
    assert f"Say something, like: {load_script(locale)['launch']}" in terminal.text
    assert "open my back stretches" not in terminal.text


def blocks(text: str) -> list[str]:
    """What was shown, one block per speaker: 'You: ...', 'Alexa (progressive): ...'."""
    return re.findall(r"^(?:You|Alexa[^:]*):.*?(?=^(?:You|Alexa[^:]*):|\Z)", text, re.M | re.S)


def test_a_whole_routine_is_played_out_in_real_time(chat_with: Callable[..., Terminal]) -> None:
    terminal = chat_with(["start my back stretches", "next", "next", "next", "no"])
    text = terminal.text
    assert "Welcome to Back Stretch Coach" in terminal.words
    assert "That's the whole routine" in terminal.words
    assert "Would you like to hear how your week is going? You: no" in terminal.words
    assert "See you next time. (the session has ended)" in terminal.words
    assert "(the session has ended)\n(say 'start my back stretches' or /relaunch" in text
    assert terminal.read == 5
    # Every break of four sides was waited out, at its full length.
    sides = breaks_of_sides(EventKind.LAUNCH, EventKind.NEXT, EventKind.NEXT, EventKind.NEXT)
    assert terminal.slept == [b for side in sides for b in side]
    assert text.count("Three. ") + text.count("Three.\n") == 4
    assert text.count("Hold it there.") == 4


def test_progressive_responses_come_first_and_the_full_response_ends_the_hold(
    chat_with: Callable[..., Terminal], fake_alexa_api: FakeAlexaApi
) -> None:
    terminal = chat_with(["start my back stretches"])
    shown = blocks(terminal.text)
    speakers = [block.split(":", 1)[0] for block in shown]
    sent = len(fake_alexa_api.speech_texts())
    assert sent >= 1
    assert speakers == ["You", *["Alexa (progressive)"] * sent, "Alexa", "You"]
    final = shown[-2]
    # The hold's last seconds, counted down, are in the full response, then the release.
    assert re.search(r"One\.\s+\[pause 0\.6s\]\s+And release\.", final)
    assert "Kneel down on your left knee" in unwrap(shown[1])


def test_when_the_directive_api_fails_everything_is_in_the_full_response(
    chat_with: Callable[..., Terminal], fake_alexa_api: FakeAlexaApi
) -> None:
    fake_alexa_api.directive_status = 500
    terminal = chat_with(["start my back stretches"])
    assert "(progressive)" not in terminal.text
    assert terminal.slept == FIRST_SIDE_BREAKS  # the hold is still timed right


def test_fast_compresses_every_break(chat_with: Callable[..., Terminal]) -> None:
    terminal = chat_with(["start my back stretches"], time_scale=FAST_TIME_SCALE)
    assert terminal.slept == pytest.approx([s / 20 for s in FIRST_SIDE_BREAKS])
    assert "[pause 9.2s]" in terminal.text  # shown at its real length


def test_a_live_countdown_ticks_each_second(chat_with: Callable[..., Terminal]) -> None:
    terminal = chat_with(["start my back stretches"], live_countdown=True)
    assert "\r       [pause 9.2s] 9 " in terminal.text
    assert "\r       [pause 9.2s] 1 " in terminal.text
    assert "\r       [pause 1.5s] 2 " in terminal.text
    assert sum(terminal.slept) == pytest.approx(sum(FIRST_SIDE_BREAKS))
    assert max(terminal.slept) == 1.0


def test_slots_reach_the_skill(chat_with: Callable[..., Terminal]) -> None:
    terminal = chat_with(["open my back stretches", "make the holds twenty seconds", "next"])
    assert "Holds are now 20 seconds" in terminal.words
    # The right side's hold is twenty seconds now.
    right = breaks_of_sides(EventKind.LAUNCH, EventKind.NEXT, hold=20)[1]
    assert terminal.slept == [*FIRST_SIDE_BREAKS, *right]


def test_leaving_mid_routine_is_remembered_for_the_next_launch(
    chat_with: Callable[..., Terminal],
) -> None:
    first = chat_with(["start my back stretches", "next"])  # then EOF: the person walks away
    assert first.text.rstrip().endswith("(the session has ended)")
    again = chat_with(["open my back stretches", "yes"])
    assert "Last time you stopped at the lat stretch, left side" in again.words
    assert "picking up with the lat stretch, left side" in again.words


def test_ctrl_c_mid_hold_leaves_from_the_side_being_held(
    chat_with: Callable[..., Terminal],
) -> None:
    # Walked away 10 s into the right side's hold: on the listener's clock the session ends
    # inside that hold, so the side was cut short, and it is where to pick up.
    right_setup = len(load_routine().stretches[0].sides[1].setup)
    first = chat_with(
        ["start my back stretches", "next"],
        ctrl_c_at_sleep=len(FIRST_SIDE_BREAKS) + right_setup + 1,
    )
    assert first.read == 2
    assert first.text.rstrip().endswith("(the session has ended)")
    again = chat_with(["open my back stretches"])
    assert "Last time you stopped at the kneeling hip flexor stretch, right side" in again.words


def test_saying_nothing_gets_the_reprompt_then_the_session_closes(
    chat_with: Callable[..., Terminal],
) -> None:
    terminal = chat_with(["why does this help", "", ""])
    words = terminal.words
    assert "Sitting at a desk" in words
    # once closing the answer, once more as the reprompt when nothing is said
    assert words.count("Say next when you're ready.") == 2
    assert "(no answer: the session has ended)" in words
    assert terminal.read == 3


def test_exit_ends_the_session(chat_with: Callable[..., Terminal]) -> None:
    terminal = chat_with(["open my back stretches", "exit"])
    assert terminal.read == 2
    assert "(the session has ended)" in terminal.text


def test_after_a_session_ends_the_chat_carries_on_into_a_new_one(
    chat_with: Callable[..., Terminal],
) -> None:
    terminal = chat_with(
        ["start my back stretches", "next", "stop", "/relaunch", "how did I do this week"]
    )
    sessions = terminal.text.split("(the session has ended)")
    assert len(sessions) == 3  # stopped; then the relaunched one, ended at EOF
    assert "Welcome to Back Stretch Coach" in unwrap(sessions[0])
    relaunched = unwrap(sessions[1])
    assert "Last time you stopped at the lat stretch, left side" in relaunched
    assert "You've stretched once this week, today." in relaunched


def test_an_unknown_phrase_gets_the_fallback(chat_with: Callable[..., Terminal]) -> None:
    terminal = chat_with(["sing me a song", "sing me a song"])
    words = terminal.words
    # Before a routine: one short sentence saying what can be said now, then another way.
    assert "You: sing me a song Alexa: Say start my back stretches to begin." in words
    assert "You: sing me a song Alexa: To begin, just say start." in words
    assert "didn't catch that" not in words


def test_backstretch_chat_runs_in_a_terminal_of_its_own(tmp_path: Path) -> None:
    """The command as a person runs it: embedded DynamoDB, its own fake Alexa API, --fast."""
    result = subprocess.run(
        [str(BACKSTRETCH), "chat", "--fast"],
        input="start my back stretches\nhow did I do this week\nstop\n",
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "You: start my back stretches" in out
    assert "Alexa (progressive): Welcome to Back Stretch Coach" in out
    assert "You've stretched once this week, today." in out  # the routine under way counts
    assert "(the session has ended)" in out
    assert out.rstrip().endswith("or /relaunch to start again)\nYou:")  # then EOF
    assert "POST / HTTP" not in out + result.stderr  # the embedded DynamoDB stays quiet


def test_backstretch_chat_keeps_progress_in_a_data_dir_between_runs(tmp_path: Path) -> None:
    data = tmp_path / "progress"

    def chat(lines: str) -> str:
        result = subprocess.run(
            [str(BACKSTRETCH), "chat", "--fast", "--data-dir", str(data)],
            input=lines,
            capture_output=True,
            text=True,
            timeout=60,
            cwd=tmp_path,
        )
        assert result.returncode == 0, result.stderr
        return " ".join(result.stdout.split())

    chat("start my back stretches\nnext\nstop\n")
    assert (data / "progress.json").is_file()
    again = chat("open my back stretches\n")
    assert "Last time you stopped at the lat stretch, left side" in again


def test_a_reminder_is_set_listed_and_cancelled_by_voice_with_alexas_permission_question(
    chat_with: Callable[..., Terminal], fake_alexa_api: FakeAlexaApi
) -> None:
    terminal = chat_with(
        [
            "remind me to stretch every weekday at 3 pm",
            "yes",  # to the skill: set that
            "yes",  # to Alexa: allow reminders
            "when will you remind me",
        ]
    )
    words = terminal.words
    assert "I'll remind you to stretch every weekday at 3 PM. Shall I set that?" in words
    assert "Alexa (asking for permission): To do that, Back Stretch Coach needs" in words
    assert "Done. I'll remind you to stretch every weekday at 3 PM." in words
    assert words.count("I'll remind you to stretch every weekday at 3 PM.") == 3
    [reminder] = fake_alexa_api.reminders.values()
    assert (
        "BYDAY=MO,TU,WE,TH,FR;BYHOUR=15;BYMINUTE=0"
        in reminder["trigger"]["recurrence"]["recurrenceRules"][0]
    )

    chat_with(["stop reminding me"])
    assert fake_alexa_api.reminders == {}


def test_saying_no_to_alexas_permission_question_sets_nothing(
    chat_with: Callable[..., Terminal], fake_alexa_api: FakeAlexaApi
) -> None:
    terminal = chat_with(["remind me to stretch every day at 8 am", "yes", "no"])

    assert "you can allow reminders for Back Stretch Coach in the Alexa app" in terminal.words
    assert fake_alexa_api.reminders == {}


# Cutting in, as on a device: a line said while the answer plays stops it, and goes out
# stamped at that moment on the chat's clock. The timed listener says each line when its cue
# says, on a virtual clock: no sleeps, no real time.

HOLD_STARTS = load_routine().hold.start  # "Hold it there."
MONDAY_5PM = datetime(2026, 11, 23, 17, 0, tzinfo=UTC)


@pytest.fixture
def stamps(skill: BackStretchSkill, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The timestamp of every request the skill is sent."""
    seen: list[str] = []
    answer = skill.answer

    def recording(payload: Any) -> Any:
        seen.append(payload["request"]["timestamp"])
        return answer(payload)

    monkeypatch.setattr(skill, "answer", recording)
    return seen


@pytest.fixture
def timed_chat(
    skill: BackStretchSkill, fake_alexa_api: FakeAlexaApi, resolver: UtteranceResolver
) -> Callable[..., tuple[TimedListener, str]]:
    """Run a chat that can be cut into, with the timed listener at the keyboard; the
    listener and the screen."""

    def run(*cues: Cue) -> tuple[TimedListener, str]:
        listener, screen = TimedListener(MONDAY_5PM, cues), io.StringIO()
        device = Device(skill, fake_alexa_api, resolver)
        Chat(device, screen, ChatSettings(cut_in=True), listener).run()
        return listener, screen.getvalue()

    return run


def stored_routines(store: DynamoProgressStore) -> list[RoutineRecord]:
    progress = store.load_progress(
        LOCAL_USER_ID, MONDAY_5PM, MONDAY_5PM + timedelta(days=1), MONDAY_5PM
    )
    return list(progress.routines)


def test_that_hurts_said_12_s_into_a_hold_cuts_it_and_only_12_s_are_stored(
    timed_chat: Callable[..., tuple[TimedListener, str]],
    stamps: list[str],
    progress_store: DynamoProgressStore,
) -> None:
    listener, screen = timed_chat(
        Cue("start my back stretches"), Cue("that hurts", after=HOLD_STARTS, seconds=12)
    )

    launch, hurts = listener.transcript
    assert launch.answer is not None
    hold_began = launch.at + (launch.answer.when(HOLD_STARTS) or 0)
    assert hurts.cut_in
    assert hurts.at == pytest.approx(hold_began + 12)
    assert stamps[1] == timestamp(MONDAY_5PM + timedelta(seconds=hurts.at))
    # The playback stopped there: the mark at 10 s was heard, nothing after it.
    words = unwrap(screen)
    assert "10 seconds." in words
    assert "20 seconds." not in words and "And release" not in words
    assert "You (cutting in): that hurts" in screen
    assert launch.answer.hold_heard(load_routine().hold, hurts.at - launch.at) == 12
    # Walking away afterwards keeps the routine with the 12 s held, not the 30 asked.
    [routine] = stored_routines(progress_store)
    assert not routine.completed
    assert 10 <= routine.seconds_held <= 13


def test_a_routine_heard_out_is_stamped_after_each_answer_and_stored_whole(
    timed_chat: Callable[..., tuple[TimedListener, str]],
    stamps: list[str],
    progress_store: DynamoProgressStore,
) -> None:
    hold = load_routine().hold
    listener, screen = timed_chat(
        Cue("start my back stretches"), Cue("next"), Cue("next"), Cue("next")
    )

    turns = listener.transcript
    assert [t.cut_in for t in turns] == [False] * 4
    for before, after in itertools.pairwise(turns):
        assert before.answer is not None
        assert after.at == pytest.approx(before.at + before.answer.seconds + 3)
        assert before.answer.hold_heard(hold) == pytest.approx(30, abs=1)
    assert stamps[:4] == [timestamp(MONDAY_5PM + timedelta(seconds=t.at)) for t in turns]
    assert "That's the whole routine" in unwrap(screen)
    [routine] = stored_routines(progress_store)
    assert routine.completed
    assert routine.seconds_held == 120


def test_a_line_typed_during_the_set_up_stops_the_words_where_they_were(
    timed_chat: Callable[..., tuple[TimedListener, str]],
) -> None:
    first_instruction = load_routine().stretches[0].sides[0].setup[0].text
    listener, screen = timed_chat(
        Cue("start my back stretches"), Cue("pause", after=first_instruction, seconds=0.9)
    )

    launch, paused = listener.transcript
    assert paused.cut_in
    # Two words of the instruction were said in 0.9 s (at 150 words a minute); the rest of
    # the answer never was.
    said = " ".join(first_instruction.split()[:2])
    assert launch.words.endswith(said)
    assert unwrap(screen).count(said) == 1
    assert " ".join(first_instruction.split()[:3]) not in unwrap(screen)
    assert HOLD_STARTS not in screen


def test_a_chat_that_can_be_cut_into_plays_in_real_time() -> None:
    with pytest.raises(ValueError, match="real time"):
        ChatSettings(time_scale=FAST_TIME_SCALE, cut_in=True)


def test_the_terminal_hands_a_line_typed_during_an_answer_over_at_once() -> None:
    out = io.StringIO()
    keyboard = TerminalKeyboard(io.StringIO("start my back stretches\nthat hurts\n"), out)

    assert keyboard.read_line("You: ") == "start my back stretches"
    typed = keyboard.wait(30, listening=True)  # returns at once: the line is there
    assert typed is not None and typed.line == "that hurts" and typed.after < 5
    with pytest.raises(EOFError):
        keyboard.read_line("You: ")
    assert out.getvalue() == "You: start my back stretches\nYou: "  # a pipe's line is echoed
