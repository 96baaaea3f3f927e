"""The simulator page in a real browser: Debian's headless Chromium, driven by playwright-core.

tests/e2e/browser.js clicks through a whole routine (with a repeat), a weekly summary, and a
button pressed 8 s into a hold (a cut-in: only the seconds held are stored) on the page of a
running `backstretch serve --no-verify`, breaks compressed 50 times, and saves
screenshots in test-artifacts/. Skipped without node, `npm ci` or /usr/bin/chromium, except
under CI, where that is a failure.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from backstretch_local.corpus import load_script
from tests.e2e.test_cli import Server, start_server
from tests.e2e.test_e2e import REPO, node_or_skip, run_node

CHROMIUM = Path("/usr/bin/chromium")
BROWSER_SCRIPT = REPO / "tests/e2e/browser.js"
SCREENSHOT = REPO / "test-artifacts/simulator.png"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def chromium_or_skip() -> Path:
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing (apt-get install -y chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return CHROMIUM


@pytest.fixture
def unverified_server(tmp_path: Path) -> Iterator[Server]:
    yield from start_server(tmp_path, "--no-verify")


def test_a_routine_and_a_summary_clicked_through_in_chromium(unverified_server: Server) -> None:
    node = node_or_skip("playwright-core")
    chromium = chromium_or_skip()
    unverified_server.wait_until_healthy()
    hold_shot = SCREENSHOT.with_name("simulator-hold.png")
    for old in (SCREENSHOT, hold_shot):
        old.unlink(missing_ok=True)

    code, report, stderr = run_node(
        node,
        BROWSER_SCRIPT,
        "--url",
        unverified_server.url,
        "--screenshot",
        str(SCREENSHOT),
        "--speed",
        "50",
        "--chromium",
        str(chromium),
    )

    assert report.get("errors") == [], json.dumps(report, indent=1) + stderr
    assert code == 0
    said = [turn["phrase"] for turn in report["turns"]]
    assert said == [
        "start my back stretches",
        "why does this help",
        "next",
        "do that side again",
        "next",
        "next",
        "no",  # to hearing the week: the routine is finished
        "ask my back stretches how did I do this week",
        "pause",  # pressed 8 s into a hold: a cut-in
        "stop",
        "ask my back stretches how did I do this week",
        load_script("de-DE")["launch"],  # the first button once de-DE is picked
    ]
    assert "cut in" in report["cutIn"]
    assert 0 < report["held"]["after"] - report["held"]["before"] < 27
    assert report["chart"]["days"] == 7
    assert report["chart"]["todayStretched"] == 1
    assert 0 < report["holdShown"] < 30
    for shot in (SCREENSHOT, hold_shot):
        image = shot.read_bytes()
        assert image.startswith(PNG_SIGNATURE)
        assert len(image) > 20_000, f"{shot} looks blank"
