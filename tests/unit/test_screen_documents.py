"""The screen's documents hold together: what they bind exists in their data, every touch has
a handler, nothing depends on a tick reaching the skill, and every screen Alexa has gets text
it can read from the floor, laid out within its height.

apl-suggester checks the documents against APL's own schemas (tests/e2e/test_screen_documents.py);
these are the promises it cannot see.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import pytest

from backstretch.language.locales import LOCALES, written_locales
from backstretch.progress.model import WeeklySummary
from backstretch.routine.content import Instruction, Side, Stretch, load_routine
from backstretch.routine.conversation import Event, EventKind, respond
from backstretch.routine.state import CoachState
from backstretch.screen.documents import (
    COUNTDOWN_COMPONENT,
    PAUSED_FLAG,
    STEP_TOKEN,
    TOKENS,
    WEEK_TOKEN,
    document,
    packaged_json,
)
from backstretch.screen.moments import HoldClock, step_data, week_data
from backstretch.screen.words import screen_words
from backstretch.skill.events import INTENT_EVENTS
from backstretch.skill.touch import TOUCH_INTENTS

NOW = datetime(2026, 12, 1, 18, 0, tzinfo=UTC)
ROUTINE = load_routine()
WORDS = screen_words("en-US")
# APL's standard commands (apl-suggester accepts a misspelt one silently).
APL_COMMANDS = {
    "AnimateItem", "AutoPage", "ClearFocus", "ControlMedia", "Finish", "Idle", "InsertItem",
    "Log", "OpenURL", "Parallel", "PlayMedia", "Reinflate", "RemoveItem", "Scroll",
    "ScrollToComponent", "ScrollToIndex", "Select", "SendEvent", "Sequential", "SetFocus",
    "SetPage", "SetState", "SetValue", "SpeakItem", "SpeakList",
}  # fmt: skip


@dataclass(frozen=True)
class Viewport:
    name: str
    shape: str
    width: int
    height: int
    mode: str = "hub"


# Every screen Alexa has (alexa-viewport-profiles' example devices, in dp).
VIEWPORTS = (
    Viewport("Echo Spot (hubRoundSmall)", "round", 480, 480),
    Viewport("Echo Show 5 (hubLandscapeSmall)", "rectangle", 960, 480),
    Viewport("Echo Show 1st gen (hubLandscapeMedium)", "rectangle", 1024, 600),
    Viewport("Echo Show 2nd gen (hubLandscapeLarge)", "rectangle", 1280, 800),
    Viewport("Echo Show 15 (hubLandscapeXLarge)", "rectangle", 1920, 1080),
    Viewport("Echo Show 15 portrait (hubPortraitMedium)", "rectangle", 1080, 1920),
    Viewport("Fire TV (tvLandscapeXLarge)", "rectangle", 960, 540, "tv"),
)
# Seen from the floor two metres away: nothing under 28dp; the Spot, read closer, 24dp.
TEXT_FLOOR_DP = {"round": 24, "rectangle": 28}
LINE = 1.25  # a line of text is about this many times its font size


def walk(node: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    yield path, node
    if isinstance(node, dict):
        for key, value in node.items():
            yield from walk(value, f"{path}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from walk(value, f"{path}/{index}")


def strings(node: Any) -> Iterator[str]:
    return (value for _, value in walk(node) if isinstance(value, str))


def counting_step() -> dict[str, Any]:
    turn = respond(CoachState(), Event(EventKind.LAUNCH, at=NOW.isoformat()), ROUTINE)
    clock = HoldClock.of(turn.speech, ROUTINE.hold, NOW)
    return step_data(ROUTINE, WORDS, 0, clock)


def datasources(token: str) -> list[dict[str, Any]]:
    """The data each document is sent with, in every shape it takes."""
    if token == STEP_TOKEN:
        return [
            {"screen": counting_step()},
            {"screen": step_data(ROUTINE, WORDS, 3, now=NOW)},
            {"screen": step_data(ROUTINE, WORDS, 2, paused=True, now=NOW)},
        ]
    week = WeeklySummary((date(2026, 11, 30),), 1, 150, 2, 3, 2)
    return [
        {"week": week_data(week, date(2026, 12, 1), WORDS, ROUTINE.words)},
        {"week": week_data(week, date(2026, 12, 1), WORDS, ROUTINE.words, "at 3 PM")},
    ]


def has_path(data: Any, dotted: str) -> bool:
    for part in dotted.split("."):
        if not isinstance(data, dict) or part not in data:
            return False
        data = data[part]
    return True


# --- data -------------------------------------------------------------------------------------


@pytest.mark.parametrize("token", TOKENS)
def test_every_key_a_document_binds_is_in_every_datasource_it_is_sent_with(token):
    doc = document(token)
    (parameter,) = doc["mainTemplate"]["parameters"]
    used = {
        match.group(1)
        for text in strings(doc)
        for match in re.finditer(rf"\b{parameter}((?:\.[A-Za-z_]\w*)+)", text)
    }
    assert used, "the document binds nothing from its data"
    for sources in datasources(token):
        assert list(sources) == [parameter]
        missing = [key for key in used if not has_path(sources[parameter], key[1:])]
        assert missing == [], f"{token}: bound but not in the data: {missing}"


@pytest.mark.parametrize("token", TOKENS)
def test_the_whole_screen_runs_the_way_its_language_is_written(token):
    """The screen's root lays out its words in the datasource's direction: from the right
    for a language written right to left (language/locales.py), the week's Monday there."""
    doc = document(token)
    (parameter,) = doc["mainTemplate"]["parameters"]
    assert doc["mainTemplate"]["item"]["layoutDirection"] == f"${{{parameter}.direction}}"
    for sources in datasources(token):
        assert sources[parameter]["direction"] == "LTR"  # English
    for tag in written_locales():
        assert screen_words(tag).direction == LOCALES[tag].layout_direction


def test_the_week_chart_binds_only_what_each_day_has():
    doc = document(WEEK_TOKEN)
    used = {m.group(1) for text in strings(doc) for m in re.finditer(r"\bdata\.(\w+)", text)}
    day = datasources(WEEK_TOKEN)[0]["week"]["days"][0]
    assert used and used <= set(day), used - set(day)


def test_the_pose_and_the_ring_the_step_document_draws_are_its_own_graphics():
    doc = document(STEP_TOKEN)
    graphics = doc["graphics"]
    assert {stretch.pose for stretch in WORDS.stretches.values()} <= set(graphics)
    for stretch in ROUTINE.stretches:  # every stretch of the routine is drawn
        assert WORDS.stretches[stretch.id].pose in graphics
    for _, node in walk(doc):
        if isinstance(node, dict) and node.get("type") == "VectorGraphic":
            source = node["source"]
            assert source in graphics or source == "${screen.step.pose}"
            declared = {
                p["name"] for g in graphics.values() for p in g["parameters"] if source in graphics
            } or {p["name"] for g in graphics.values() for p in g["parameters"]}
            passed = set(node) - {"type", "source", "width", "height", "scale", "when",
                                  "position", "align"}  # fmt: skip
            assert passed <= declared, passed - declared


def test_a_stretch_without_screen_words_is_shown_with_the_routines_own():
    extra = Stretch(
        "wall_sit", "the wall sit", "", (), Instruction(""), (), {}, (),
        (Side("left", (), (Instruction("Back to the wall."), Instruction("Thighs burn."))),),
    )  # fmt: skip
    routine = ROUTINE.__class__(**{**ROUTINE.__dict__, "stretches": (*ROUTINE.stretches, extra)})
    data = step_data(routine, WORDS, routine.step_count - 1, now=NOW)["step"]
    assert (data["title"], data["instruction"], data["pose"]) == (
        "the wall sit",
        "Back to the wall.",
        "",
    )
    assert data["feel"] == "Feel it: Thighs burn."


# --- touch ------------------------------------------------------------------------------------


def send_events(doc: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    return [
        (path, node)
        for path, node in walk(doc)
        if isinstance(node, dict) and node.get("type") == "SendEvent"
    ]


@pytest.mark.parametrize("token", TOKENS)
def test_every_event_a_document_can_send_names_an_intent_the_skill_handles(token):
    doc = document(token)
    sent: set[str] = set()
    for _, command in send_events(doc):
        (argument,) = command["arguments"]
        if argument == "${intent}":  # the Button layout: the intent each button is given
            sent |= {
                node["intent"]
                for _, node in walk(doc["mainTemplate"])
                if isinstance(node, dict) and node.get("type") == "Button"
            }
        else:
            sent.add(argument)
    assert sent <= TOUCH_INTENTS, sent - TOUCH_INTENTS
    assert sent <= set(INTENT_EVENTS), sent - set(INTENT_EVENTS)
    if token == STEP_TOKEN:  # next, pause, resume, repeat, "that hurts", stop: all of them
        assert sent == TOUCH_INTENTS


@pytest.mark.parametrize("token", TOKENS)
def test_no_tick_handler_sends_an_event_that_fast_mode_would_drop(token):
    doc = document(token)
    for path, node in walk(doc):
        if isinstance(node, dict) and "handleTick" in node:
            for tick_path, command in send_events(node["handleTick"]):
                assert command.get("sequencer"), f"{path}/handleTick{tick_path}: no sequencer"


@pytest.mark.parametrize("token", TOKENS)
def test_every_command_is_one_apl_runs(token):
    doc = document(token)
    commands = [
        node
        for path, node in walk(doc)
        if isinstance(node, dict)
        and re.search(r"/(onPress|onMount|commands|handleTick/\d+/commands)/\d+$", path)
    ]
    assert commands or token == WEEK_TOKEN
    for command in commands:
        assert command["type"] in APL_COMMANDS, command


def test_the_pause_command_reaches_the_countdowns_flag():
    root = document(STEP_TOKEN)["mainTemplate"]["item"]
    assert root["id"] == COUNTDOWN_COMPONENT
    assert PAUSED_FLAG in {bound["name"] for bound in root["bind"]}
    tick = root["handleTick"][0]
    assert f"!{PAUSED_FLAG}" in tick["when"]  # paused: the count stops where it is


# --- every screen Alexa has -------------------------------------------------------------------


def applies(when: str | None, viewport: Viewport) -> bool:
    """A resource block's `when`, for one viewport (the few forms the documents use)."""
    if when is None:
        return True
    expression = when.removeprefix("${").removesuffix("}")
    allowed = r"^[\sA-Za-z0-9_.'<>=!&|()*]+$"
    assert re.match(allowed, expression), when
    python = (
        expression.replace("&&", " and ")
        .replace("||", " or ")
        .replace("viewport.", "")
        .replace("!=", "≠")
        .replace("!", " not ")
        .replace("≠", "!=")
    )
    names = {"shape": viewport.shape, "width": viewport.width, "height": viewport.height}
    names["mode"] = viewport.mode
    return bool(eval(python, {"__builtins__": {}}, names))


def resources_for(token: str, viewport: Viewport) -> dict[str, float]:
    """The dimensions a viewport gets, later blocks overriding earlier ones, as APL does."""
    merged: dict[str, float] = {}
    for block in document(token)["resources"]:
        if applies(block.get("when"), viewport):
            for name, value in block.get("dimensions", {}).items():
                merged[name] = float(value.removesuffix("dp"))
    return merged


@pytest.mark.parametrize("token", TOKENS)
@pytest.mark.parametrize("viewport", VIEWPORTS, ids=lambda v: v.name)
def test_no_text_is_smaller_than_the_floor_on_any_screen(token, viewport):
    sizes = resources_for(token, viewport)
    doc = document(token)
    texts = [node for _, node in walk(doc) if isinstance(node, dict) and node.get("type") == "Text"]
    assert texts
    floor = TEXT_FLOOR_DP[viewport.shape]
    for text in texts:
        size = text["fontSize"]
        assert size.startswith("@"), f"{text['text']}: a fixed size, not one per screen"
        assert sizes[size[1:]] >= floor, f"{text['text']}: {sizes[size[1:]]}dp on {viewport.name}"


def step_height(viewport: Viewport) -> float:
    """The step screen's height, estimated: the title, the side, the tallest of the pose, the
    words and the count (side by side when the screen is wide, stacked when not), buttons."""
    d = resources_for(STEP_TOKEN, viewport)
    count = d["ringSize"] + d["textLabel"] * LINE
    words = 0.0 if viewport.shape == "round" else 5 * d["textBody"] * LINE + d["gap"]
    row = viewport.shape == "round" or viewport.width > viewport.height * 1.2
    body = max(d["poseHeight"], words, count) if row else d["poseHeight"] + words + count
    buttons = 2 * d["gap"] + d["buttonHeight"]
    return 2 * d["edge"] + (d["textTitle"] + d["textSmall"]) * LINE + body + buttons


def week_height(viewport: Viewport) -> float:
    d = resources_for(WEEK_TOKEN, viewport)
    stats = d["gap"] + (d["textBig"] + d["textSmall"]) * LINE
    compare = 0.0 if viewport.shape == "round" else 2 * (d["gap"] + d["textBody"] * LINE)
    row = viewport.width > viewport.height * 1.2
    bottom = max(stats, compare) if row else stats + compare
    reminder = d["gap"] + d["textBody"] * LINE
    chart = d["chartHeight"] + d["gap"]
    return 2 * d["edge"] + d["textTitle"] * LINE + chart + bottom + reminder


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=lambda v: v.name)
def test_each_screen_fits_its_height_on_every_screen(viewport):
    assert step_height(viewport) <= viewport.height
    assert week_height(viewport) <= viewport.height


@pytest.mark.parametrize("token", TOKENS)
def test_dark_background_and_light_text(token):
    doc = document(token)
    colors = doc["resources"][0]["colors"]
    assert doc["theme"] == "dark"
    assert doc["background"] == "@colorBackground"
    assert luminance(colors["colorBackground"]) < 0.1 < 0.8 < luminance(colors["colorText"])


def luminance(hex_color: str) -> float:
    red, green, blue = (int(hex_color[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


# --- loaded once ------------------------------------------------------------------------------


def test_documents_and_words_are_read_once_per_process():
    for token in TOKENS:
        document(token)
    screen_words("en-US")
    before = packaged_json.cache_info()
    for _ in range(3):
        for token in TOKENS:
            assert document(token) is document(token)
        screen_words("en-AU")
    after = packaged_json.cache_info()
    assert after.misses == before.misses
