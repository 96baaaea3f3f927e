"""The browser simulator's endpoint: typed phrases through the same code as POST /alexa.

Played through Flask's test client, with the real skill, moto's DynamoDB and the fake Alexa
API (progressive responses really posted over HTTPS); and once as `backstretch serve` runs it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient

from backstretch.alexa_api.client import AlexaApiConfig, HttpsAlexaApi
from backstretch.alexa_api.port import AlexaApi
from backstretch.progress.dynamodb import DynamoProgressStore
from backstretch.skill.config import SkillConfig
from backstretch.skill.service import BackStretchSkill
from backstretch_local.simulator import SIMULATOR_USER_ID, Simulator
from backstretch_local.utterances import InteractionModel, UtteranceResolver
from backstretch_local.web.app import create_app
from backstretch_local.web.verification import RequestVerifier
from tests.e2e.test_cli import Server, start_server
from tests.support.fake_alexa_api import FakeAlexaApi
from tests.support.heard import hold_heard_seconds

WEDNESDAY_NOON_UTC = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


class Page:
    """What the page does: post a phrase with the session it holds, keep the one handed back."""

    def __init__(self, client: FlaskClient) -> None:
        self.client = client
        self.session: dict[str, Any] | None = None

    def says(self, text: str, cut_at: float | None = None) -> dict[str, Any]:
        """Say `text`; with `cut_at`, while the last answer plays, that many seconds into it."""
        session = self.session if cut_at is None else {**(self.session or {}), "cutAt": cut_at}
        reply = self.client.post("/simulator/say", json={"text": text, "session": session})
        assert reply.status_code == 200, reply.get_json()
        answer: dict[str, Any] = reply.get_json()
        self.session = answer["session"]
        return answer


def heard(answer: dict[str, Any]) -> str:
    """Every word Alexa says in a turn, progressive responses first."""
    parts = [*answer["progressive"], answer["response"] or {"spoken": []}]
    return " ".join(item["say"] for part in parts for item in part["spoken"] if "say" in item)


def holds(answer: dict[str, Any]) -> list[tuple[float, float, float]]:
    """(pause, total, left) of every hold break, across the turn's parts."""
    parts = [*answer["progressive"], answer["response"]]
    return [
        (item["pause"], item["hold"]["total"], item["hold"]["left"])
        for part in parts
        for item in part["spoken"]
        if item.get("hold")
    ]


@pytest.fixture
def clock() -> Clock:
    return Clock(WEDNESDAY_NOON_UTC)


@pytest.fixture
def make_client(
    progress_store: DynamoProgressStore, fake_alexa_api: FakeAlexaApi, clock: Clock
) -> Iterator[Callable[..., FlaskClient]]:
    apis: list[AlexaApi] = []

    def make(skill_id: str | None = None, simulator_skill_id: str | None = None) -> FlaskClient:
        api = HttpsAlexaApi(AlexaApiConfig(read_timeout_seconds=0.5))
        apis.append(api)
        skill = BackStretchSkill(SkillConfig(skill_id=skill_id), api=api, store=progress_store)
        simulator = Simulator(
            skill,
            fake_alexa_api,
            UtteranceResolver(InteractionModel.load()),
            progress_store,
            skill_id=simulator_skill_id or skill_id,
            clock=clock,
        )
        return create_app(skill, None, simulator).test_client()

    yield make
    for api in apis:
        api.close()


@pytest.fixture
def page(make_client: Callable[..., FlaskClient]) -> Page:
    return Page(make_client())


def test_the_page_is_served_at_the_root(page: Page) -> None:
    html = page.client.get("/")
    assert html.status_code == 200
    assert html.mimetype == "text/html"
    body = html.get_data(as_text=True)
    assert 'data-phrase="start my back stretches"' in body
    assert '<script src="/static/simulator.js"></script>' in body
    script = page.client.get("/static/simulator.js")
    assert script.status_code == 200
    assert "/simulator/say" in script.get_data(as_text=True)
    assert page.client.get("/static/simulator.css").status_code == 200
    assert page.client.get("/static/../app.py").status_code == 404


def test_a_launch_carries_its_hold_in_progressive_responses_really_posted(
    page: Page, fake_alexa_api: FakeAlexaApi
) -> None:
    answer = page.says("start my back stretches")

    assert answer["heard"] == {
        "phrase": "start my back stretches",
        "requestType": "LaunchRequest",
        "intent": None,
        "slots": {},
        "newSession": True,
        "timestamp": "2026-11-25T12:00:00Z",
        "cutIn": None,
    }
    progressive = [part["ssml"] for part in answer["progressive"]]
    assert progressive
    assert progressive == fake_alexa_api.accepted_speech(answer["requestId"])
    assert progressive == fake_alexa_api.speech_texts(answer["requestId"])
    assert "Welcome to Back Stretch Coach" in heard(answer)
    # One 30 s hold, counted down across the parts; its last seconds are in the full response.
    final = answer["response"]
    assert abs(hold_heard_seconds(" ".join([*progressive, final["ssml"]])) - 30) <= 1
    assert all(pause <= 10 for pause, _, _ in holds(answer))
    assert final["spoken"][0]["hold"]
    assert final["spoken"][-1]["say"].startswith("And release.")
    assert final["endSession"] is False
    # The page counts down the hold's silences; its spoken marks take the rest of the 30 s.
    assert 25 <= answer["holdSeconds"] <= 30
    assert answer["session"]["sessionId"]
    assert answer["summary"] is None


def test_when_directives_are_refused_the_whole_hold_is_in_the_full_response(
    page: Page, fake_alexa_api: FakeAlexaApi
) -> None:
    fake_alexa_api.directive_status = 403
    answer = page.says("start my back stretches")
    assert fake_alexa_api.speech_texts(answer["requestId"])  # tried, and refused
    assert answer["progressive"] == []
    assert abs(hold_heard_seconds(answer["response"]["ssml"]) - 30) <= 1


def test_a_whole_routine_with_a_repeat_and_a_shorter_hold(page: Page) -> None:
    page.says("start my back stretches")
    assert "Holds are now 20 seconds" in heard(page.says("make the holds twenty seconds"))
    right = page.says("next")
    assert "Kneel on your right knee" in heard(right)
    right_ssml = " ".join([*(p["ssml"] for p in right["progressive"]), right["response"]["ssml"]])
    assert abs(hold_heard_seconds(right_ssml) - 20) <= 1
    again = page.says("repeat that")  # what followed the side's hold, without a second count
    assert "Next is the lat stretch." in heard(again) and holds(again) == []
    assert "Kneel on your right knee" not in heard(again)
    assert "Now, the lat stretch" in heard(page.says("next"))
    last = page.says("next")
    assert "That's the whole routine" in heard(last)
    assert "Would you like to hear how your week is going?" in heard(last)
    assert last["response"]["endSession"] is False  # a cut into the last hold still counts
    closing = page.says("no")
    assert closing["heard"]["intent"] == "AMAZON.NoIntent"
    assert "See you next time." in heard(closing) and holds(closing) == []
    assert closing["response"]["endSession"] is True
    assert closing["session"] is None


def test_a_stopped_routine_is_offered_again_and_resumed(page: Page) -> None:
    page.says("start my back stretches")
    page.says("next")
    stopped = page.says("stop")
    assert stopped["session"] is None
    offer = page.says("open my back stretches")
    assert "Last time you stopped at the lat stretch, left side" in heard(offer)
    resumed = page.says("yes")
    assert resumed["heard"]["intent"] == "AMAZON.YesIntent"
    assert "picking up with the lat stretch, left side" in heard(resumed)


def test_the_summary_carries_the_week_for_the_chart(page: Page, clock: Clock) -> None:
    clock.now = WEDNESDAY_NOON_UTC - timedelta(days=2)  # Monday
    for phrase in ("start my back stretches", "next", "next", "next", "no"):
        page.says(phrase)
    clock.now = WEDNESDAY_NOON_UTC
    page.says("start my back stretches")
    page.says("stop")  # one side on Wednesday: a day stretched, no routine finished

    answer = page.says("ask my back stretches how did I do this week")

    assert answer["heard"]["intent"] == "WeeklySummaryIntent"
    assert answer["heard"]["newSession"] is True
    assert "This week you've stretched on 2 days: Monday and today" in heard(answer)
    week = answer["summary"]
    assert week["timeZone"] == "America/Los_Angeles"  # from the fake Alexa Settings API
    assert [(d["name"], d["stretched"], d["today"]) for d in week["days"]] == [
        ("Monday", True, False),
        ("Tuesday", False, False),
        ("Wednesday", True, True),
        ("Thursday", False, False),
        ("Friday", False, False),
        ("Saturday", False, False),
        ("Sunday", False, False),
    ]
    assert week["days"][0]["date"] == "2026-11-23"
    assert [d["future"] for d in week["days"]] == [False] * 3 + [True] * 4
    assert (week["daysStretched"], week["routinesCompleted"], week["secondsHeld"]) == (2, 1, 150)
    assert week["lastWeekDays"] == 0


def test_exit_ends_the_session_it_holds(page: Page) -> None:
    page.says("start my back stretches")
    page.says("next")
    answer = page.says("exit")
    assert answer["heard"]["requestType"] == "SessionEndedRequest"
    assert answer["session"] is None
    # The skill heard the session end mid-routine, and kept the place.
    assert "Last time you stopped" in heard(page.says("open my back stretches"))


@pytest.mark.parametrize(
    ("payload", "reason"),
    [
        ({"session": None}, "'text' must be the phrase"),
        ({"text": "   "}, "'text' must be the phrase"),
        ({"text": "next" * 200}, "longer than 500"),
        ({"text": "next", "session": "abc"}, "'session' must be an object"),
        ({"text": "next", "session": {"attributes": {}}}, "'session.sessionId'"),
        ({"text": "next", "session": {"sessionId": "s", "attributes": []}}, "'session.attributes'"),
        ({"text": "next", "session": {"sessionId": "s", "cutAt": -1}}, "'session.cutAt'"),
        ({"text": "next", "session": {"sessionId": "s", "cutAt": "9"}}, "'session.cutAt'"),
        ({"text": "next", "session": {"sessionId": "s", "speechFrom": "noon"}}, "speechFrom"),
        ([1, 2], "send a JSON object"),
    ],
)
def test_what_is_not_a_phrase_is_refused(page: Page, payload: Any, reason: str) -> None:
    reply = page.client.post("/simulator/say", json=payload)
    assert reply.status_code == 400
    assert reason in reply.get_json()["error"]


def test_the_simulator_goes_through_the_endpoints_own_checks(
    make_client: Callable[..., FlaskClient],
) -> None:
    """Same code as POST /alexa: a request for another skill id is refused there too."""
    client = make_client(
        skill_id="amzn1.ask.skill.the-real-one", simulator_skill_id="amzn1.ask.skill.other"
    )
    reply = client.post("/simulator/say", json={"text": "start my back stretches"})
    assert reply.status_code == 502
    assert "another skill" in reply.get_json()["error"]


def test_the_fake_alexa_api_and_its_directives_are_shown(
    page: Page, fake_alexa_api: FakeAlexaApi
) -> None:
    assert page.client.get("/simulator/alexa-api").get_json() == {
        "apiEndpoint": fake_alexa_api.api_endpoint
    }
    first = page.says("start my back stretches")
    page.says("next")
    everything = page.client.get("/simulator/directives").get_json()["speech"]
    mine = page.client.get(f"/simulator/directives?requestId={first['requestId']}").get_json()
    assert mine["speech"] == [p["ssml"] for p in first["progressive"]]
    assert len(everything) > len(mine["speech"])


def test_with_verification_on_there_is_no_simulator(progress_store: DynamoProgressStore) -> None:
    skill = BackStretchSkill(SkillConfig(), store=progress_store)
    client = create_app(skill, RequestVerifier()).test_client()
    page = client.get("/")
    assert page.status_code == 404
    assert "--no-verify" in page.get_json()["error"]
    assert client.post("/simulator/say", json={"text": "next"}).status_code == 404
    assert client.get("/static/simulator.js").status_code == 404


def test_a_simulator_cannot_be_added_to_a_verifying_app(
    progress_store: DynamoProgressStore, fake_alexa_api: FakeAlexaApi
) -> None:
    skill = BackStretchSkill(SkillConfig(), store=progress_store)
    simulator = Simulator(
        skill,
        fake_alexa_api,
        UtteranceResolver(InteractionModel.load()),
        progress_store,
    )
    with pytest.raises(ValueError, match="verification off"):
        create_app(skill, RequestVerifier(), simulator)


@pytest.fixture
def unverified_server(tmp_path: Path) -> Iterator[Server]:
    yield from start_server(tmp_path, "--no-verify")


def test_backstretch_serve_no_verify_serves_the_simulator(unverified_server: Server) -> None:
    unverified_server.wait_until_healthy()
    http, url = unverified_server.http, unverified_server.url
    assert "Back Stretch Coach" in http.get(f"{url}/", timeout=10).text
    answer = http.post(
        f"{url}/simulator/say", json={"text": "start my back stretches"}, timeout=10
    ).json()
    assert answer["progressive"], "the serve process's own fake Alexa API took no directive"
    assert "And release" in heard(answer)
    assert "simulator page at http://127.0.0.1" in unverified_server.stderr()


def test_a_reminder_is_set_through_alexas_permission_question_and_shown(
    page: Page, fake_alexa_api: FakeAlexaApi
) -> None:
    asked = page.says("remind me to stretch every weekday at 3 pm")
    assert "every weekday at 3 PM. Shall I set that?" in heard(asked)
    assert asked["reminder"] is None

    permission = page.says("yes")
    assert permission["permissionQuestion"], "Alexa asks for the permission itself"
    assert permission["session"]["asking"]["scopes"] == ["alexa::alerts:reminders:skill:readwrite"]

    done = page.says("yes")
    assert "Done. I'll remind you to stretch every weekday at 3 PM." in heard(done)
    assert done["reminder"] == "every weekday at 3 PM"
    assert len(fake_alexa_api.reminders) == 1

    cancelled = page.says("stop reminding me")
    assert cancelled["reminder"] is None
    assert fake_alexa_api.reminders == {}


def said_at(answer: dict[str, Any], words: str) -> float:
    """Seconds into the answer (as spoken) when the item with `words` begins."""
    parts = [*answer["progressive"], answer["response"]]
    return next(i["at"] for p in parts for i in p["spoken"] if words in i.get("say", ""))


def test_every_item_says_when_it_begins_on_a_listeners_clock(page: Page) -> None:
    answer = page.says("start my back stretches")
    parts = [*answer["progressive"], answer["response"]]
    items = [item for part in parts for item in part["spoken"]]
    starts = [item["at"] for item in items]
    assert starts[0] == 0 and starts == sorted(starts)
    last = items[-1]
    lasts = last["at"] + last.get("seconds", last.get("pause", 0))
    session = answer["session"]
    began = datetime.fromisoformat(session["speechFrom"])
    assert began == WEDNESDAY_NOON_UTC
    assert datetime.fromisoformat(session["heardUntil"]) - began == pytest.approx(
        timedelta(seconds=lasts), abs=timedelta(seconds=0.05)
    )


def test_a_phrase_sent_while_a_hold_plays_is_stamped_then_and_only_that_is_stored(
    page: Page, progress_store: DynamoProgressStore
) -> None:
    launch = page.says("start my back stretches")
    hold_at = said_at(launch, "Hold it there.")

    hurts = page.says("that hurts", cut_at=hold_at + 12)

    assert hurts["heard"]["cutIn"] == pytest.approx(hold_at + 12)
    cut = WEDNESDAY_NOON_UTC + timedelta(seconds=hold_at + 12)
    assert hurts["heard"]["timestamp"] == cut.strftime("%Y-%m-%dT%H:%M:%SZ")
    page.says("exit")  # walks away: the routine is kept with what was held
    progress = progress_store.load_progress(
        SIMULATOR_USER_ID, WEDNESDAY_NOON_UTC, cut + timedelta(hours=1), cut
    )
    [routine] = progress.routines
    assert not routine.completed
    assert 10 <= routine.seconds_held <= 13


def test_a_phrase_sent_after_the_answer_played_is_stamped_after_all_of_it(page: Page) -> None:
    launch = page.says("start my back stretches")
    why = page.says("why does this help")
    assert why["heard"]["cutIn"] is None
    ends = datetime.fromisoformat(launch["session"]["heardUntil"])
    assert why["heard"]["timestamp"] == ends.strftime("%Y-%m-%dT%H:%M:%SZ")
