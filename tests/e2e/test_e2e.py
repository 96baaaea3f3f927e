"""End to end with a client we did not write: virtual-alexa (npm) drives `backstretch serve`.

virtual-alexa resolves each phrase against our interaction model and posts the envelope over
HTTP; progressive responses go to the serve process's own fake Alexa API over HTTPS; every
SSML string is checked by ssml-check-core for Alexa (tests/e2e/conversation.js).
Needs node and `npm ci`; skipped without them, except under CI, where that is a failure.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask, jsonify, request
from werkzeug.serving import make_server

from tests.e2e.test_cli import Server, child_env, start_server

REPO = Path(__file__).resolve().parents[2]
NODE_MODULES = REPO / "node_modules"
MODEL = REPO / "skill-package/interactionModels/custom/en-US.json"
CONVERSATION_SCRIPT = REPO / "tests/e2e/conversation.js"
NODE_SECONDS = 120.0  # bounds a wedged run; a good one takes a few seconds


def node_or_skip(*packages: str) -> str:
    """The node binary, with these npm packages installed; else skip (fail under CI)."""
    node = shutil.which("node")
    missing = [] if node else ["node (Node.js 20)"]
    missing += [
        f"npm package {name} (run: npm ci)"
        for name in packages
        if not (NODE_MODULES / name / "package.json").is_file()
    ]
    if missing:
        message = "missing for the end-to-end tests: " + ", ".join(missing)
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    assert node is not None
    return node


def run_node(node: str, script: Path, *args: str) -> tuple[int, dict[str, Any], str]:
    """Run a node script; its exit code, its JSON report (the last stdout line), its stderr."""
    env = child_env()
    env["AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE"] = "1"  # virtual-alexa's aws-sdk v2
    result = subprocess.run(
        [node, str(script), *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=NODE_SECONDS,
    )
    lines = result.stdout.strip().splitlines()
    try:
        report = json.loads(lines[-1]) if lines else {}
    except ValueError:
        report = {"unreadable stdout": result.stdout}
    return result.returncode, report, result.stderr


@pytest.fixture
def unverified_server(tmp_path: Path) -> Iterator[Server]:
    yield from start_server(tmp_path, "--no-verify")


def test_a_whole_conversation_through_virtual_alexa(unverified_server: Server) -> None:
    node = node_or_skip("virtual-alexa", "ssml-check-core")
    unverified_server.wait_until_healthy()

    code, report, stderr = run_node(
        node, CONVERSATION_SCRIPT, "--url", unverified_server.url, "--model", str(MODEL)
    )

    assert report.get("errors") == [], json.dumps(report, indent=1) + stderr
    assert code == 0
    turns = report["turns"]
    assert [(t["say"], t["request"], t["intent"]) for t in turns] == [
        ("open my back stretches", "LaunchRequest", None),
        ("that hurts", "IntentRequest", "PainIntent"),
        ("make it gentler", "IntentRequest", "GentlerIntent"),
        ("how much longer", "IntentRequest", "TimeLeftIntent"),
        ("next", "IntentRequest", "AMAZON.NextIntent"),
        ("say that again", "IntentRequest", "AMAZON.RepeatIntent"),
        ("skip to the lat stretch", "IntentRequest", "GoToStretchIntent"),
        ("pause", "IntentRequest", "AMAZON.PauseIntent"),
        ("resume", "IntentRequest", "AMAZON.ResumeIntent"),
        ("next", "IntentRequest", "AMAZON.NextIntent"),
        ("no", "IntentRequest", "AMAZON.NoIntent"),  # to hearing the week: finished
        ("open my back stretches", "LaunchRequest", None),
        ("make the holds 20 seconds", "IntentRequest", "SetHoldIntent"),
        ("next", "IntentRequest", "AMAZON.NextIntent"),
        ("i'm done for today", "IntentRequest", "DoneForTodayIntent"),
        ("open my back stretches", "LaunchRequest", None),
        ("yes", "IntentRequest", "AMAZON.YesIntent"),
        ("next", "IntentRequest", "AMAZON.NextIntent"),
        ("that hurts", "IntentRequest", "PainIntent"),  # into the last hold
        ("i'm done for today", "IntentRequest", "DoneForTodayIntent"),
        ("open my back stretches", "LaunchRequest", None),
        ("no", "IntentRequest", "AMAZON.NoIntent"),
        ("start over", "IntentRequest", "AMAZON.StartOverIntent"),
        ("my leg is tingling", "IntentRequest", "WarningSignIntent"),
        ("open my back stretches", "LaunchRequest", None),
        ("yes", "IntentRequest", "AMAZON.YesIntent"),
        ("stop", "IntentRequest", "AMAZON.StopIntent"),
        ("how did i do this week", "IntentRequest", "WeeklySummaryIntent"),
        ("no", "IntentRequest", "AMAZON.NoIntent"),
    ]
    assert turns[12]["slots"] == {"seconds": "20"}
    assert "lat" in turns[6]["slots"]["stretch"]
    # Sessions as Alexa keeps them: each launch, and the summary, open a new one.
    assert [i for i, t in enumerate(turns) if t["newSession"]] == [0, 11, 15, 20, 24, 27]
    # "repeat that" after a hold is words only: no count, so nothing progressive.
    assert turns[5]["progressive"] == []
    progressive = sum(len(t["progressive"]) for t in turns)
    assert progressive >= 8, "progressive responses did not reach the fake Alexa API"
    assert report["ssmlErrors"] == []
    assert report["ssmlChecked"] >= len(turns) + progressive
    assert report["apiEndpoint"].startswith("https://127.0.0.1:")


class StubSkill:
    """An endpoint that answers every request the same wrong way, in invalid SSML."""

    def __init__(self) -> None:
        app = Flask(__name__)

        @app.get("/simulator/alexa-api")
        def alexa_api() -> Any:
            return jsonify(apiEndpoint="https://127.0.0.1:9")

        @app.get("/simulator/directives")
        def directives() -> Any:
            return jsonify(speech=[])

        @app.post("/alexa")
        def alexa() -> Any:
            assert request.get_json()["request"]["type"]
            return jsonify(
                version="1.0",
                response={
                    "outputSpeech": {"type": "SSML", "ssml": "<speak>Tom & Jerry</speak>"},
                    "shouldEndSession": False,
                },
            )

        self._server = make_server("127.0.0.1", 0, app, threaded=True)
        self.url = f"http://127.0.0.1:{self._server.server_port}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> StubSkill:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._server.shutdown()
        self._thread.join(5)


def test_the_conversation_fails_when_the_skill_says_the_wrong_thing() -> None:
    """The end-to-end script can fail: wrong words and bad SSML are both caught."""
    node = node_or_skip("virtual-alexa", "ssml-check-core")
    with StubSkill() as stub:
        code, report, _ = run_node(
            node, CONVERSATION_SCRIPT, "--url", stub.url, "--model", str(MODEL)
        )
    assert code == 1
    assert any('did not hear "Welcome to Back Stretch Coach"' in e for e in report["errors"])
    assert report["ssmlErrors"]
    assert report["ssmlErrors"][0]["errors"] == [{"type": "Invalid & character"}]
