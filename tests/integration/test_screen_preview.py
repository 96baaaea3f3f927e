"""The simulator's screen panel, drawn from what the skill sent: the document's own drawing as
SVG, the same datasource, the same countdown clock; a device picker; touches that go the way
of the words they stand for."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from flask.testing import FlaskClient

from backstretch.progress.memory import InMemoryProgressStore
from backstretch.screen.documents import document
from backstretch.skill.config import SkillConfig
from backstretch.skill.service import BackStretchSkill
from backstretch_local.fake_alexa import FakeAlexa
from backstretch_local.screen_preview import DEVICES, avg_svg, device_kind, pose_svg
from backstretch_local.simulator import Simulator
from backstretch_local.utterances import InteractionModel, UtteranceResolver
from backstretch_local.web.app import create_app

TUESDAY_EVENING = datetime(2026, 12, 1, 18, 0, tzinfo=UTC)


class Page:
    def __init__(self, client: FlaskClient, clock: list[datetime], device: str) -> None:
        self.client, self.clock, self.device = client, clock, device
        self.session: dict[str, Any] | None = None

    def post(self, payload: dict[str, Any], after: int) -> dict[str, Any]:
        self.clock[0] = TUESDAY_EVENING + timedelta(seconds=after)
        body = {**payload, "session": self.session, "device": self.device}
        reply = self.client.post("/simulator/say", json=body)
        assert reply.status_code == 200, reply.get_json()
        answer: dict[str, Any] = reply.get_json()
        self.session = answer["session"]
        return answer

    def says(self, text: str, after: int = 0) -> dict[str, Any]:
        return self.post({"text": text}, after)

    def touches(self, label: str, intent: str, after: int) -> dict[str, Any]:
        return self.post({"text": label, "touch": intent}, after)


@pytest.fixture
def page_on() -> Any:
    def make(device: str) -> Page:
        fake, clock = FakeAlexa(), [TUESDAY_EVENING]
        store = InMemoryProgressStore()
        skill = BackStretchSkill(SkillConfig(), api=fake.in_process(), store=store)
        resolver = UtteranceResolver(InteractionModel.load())
        simulator = Simulator(skill, fake, resolver, store, clock=lambda: clock[0])
        return Page(create_app(skill, None, simulator).test_client(), clock, device)

    return make


def paths(svg: str) -> list[str]:
    return re.findall(r'<path d="([^"]+)"', svg)


def test_the_pose_is_the_documents_own_drawing_as_svg() -> None:
    graphic = document("step")["graphics"]["kneelingHipFlexor"]
    drawn = pose_svg({"pose": "kneelingHipFlexor", "mirror": True})
    assert paths(drawn) == [item["pathData"] for item in graphic["items"][0]["items"]]
    assert "scale(-1 1)" in drawn  # the other side: mirrored, as the document's group does
    assert "scale(1 1)" in pose_svg({"pose": "kneelingHipFlexor", "mirror": False})
    assert pose_svg({"pose": "", "mirror": False}) == ""
    ring = avg_svg(document("step")["graphics"]["ring"], {"fraction": 0.25})
    assert 'stroke-dashoffset="75.0"' in ring  # the document's own expression, evaluated


def test_on_a_show_the_panel_gets_the_step_its_pose_and_its_clock(page_on) -> None:
    answer = page_on("show").says("start my back stretches")
    screen = answer["screen"]
    assert screen["token"] == "step"
    data = screen["data"]["screen"]
    assert data["step"]["side"] == "Left side"
    assert data["hold"]["seconds"] == 30
    assert data["hold"]["requestedAt"] == TUESDAY_EVENING.timestamp() * 1000
    assert paths(screen["poseSvg"]) and paths(screen["ringSvg"])


def test_a_speaker_gets_no_screen_and_the_same_words(page_on) -> None:
    speaker, show = page_on("speaker"), page_on("show")
    said, shown = speaker.says("start my back stretches"), show.says("start my back stretches")
    assert said["screen"] is None
    assert said["response"] == shown["response"]
    assert said["progressive"] == shown["progressive"]


def test_a_touch_moves_the_routine_on_and_pause_reaches_the_panel(page_on) -> None:
    page = page_on("spot")
    page.says("start my back stretches")
    moved = page.touches("Next", "AMAZON.NextIntent", after=90)
    assert moved["heard"]["requestType"] == "IntentRequest"
    assert moved["heard"]["phrase"] == "Next"
    assert moved["screen"]["data"]["screen"]["step"]["side"] == "Right side"
    paused = page.touches("Pause", "AMAZON.PauseIntent", after=100)
    assert paused["screen"] == {"token": "step", "command": "pause"}


def test_the_summary_shows_the_week(page_on) -> None:
    answer = page_on("show").says("ask my back stretches how did I do this week")
    assert answer["screen"]["token"] == "week"
    assert len(answer["screen"]["data"]["week"]["days"]) == 7


def test_the_picker_offers_a_speaker_a_show_and_a_spot() -> None:
    assert set(DEVICES) == {"speaker", "show", "spot"}
    assert device_kind("spot").shape == "round"
    assert device_kind(None) is device_kind("anything") is DEVICES["show"]
    assert not device_kind("speaker").screen


def test_a_touch_must_name_an_intent(page_on) -> None:
    page = page_on("show")
    reply = page.client.post("/simulator/say", json={"text": "Next", "touch": ["x"]})
    assert reply.status_code == 400
