"""The simulator's screen panel in a real browser: tests/e2e/screen_browser.js plays each
moment of a routine on an Echo Show and an Echo Spot (a hold counting, paused by a touch, the
side to come waiting, the week), touching the panel's buttons, and saves a screenshot of each
in test-artifacts/; a speaker shows no screen. Skipped without node, `npm ci` or
/usr/bin/chromium, except under CI, where that is a failure."""

from __future__ import annotations

import json

from tests.e2e.test_browser import PNG_SIGNATURE, chromium_or_skip, unverified_server
from tests.e2e.test_cli import Server
from tests.e2e.test_e2e import REPO, node_or_skip, run_node

SCRIPT = REPO / "tests/e2e/screen_browser.js"
ARTIFACTS = REPO / "test-artifacts"
MOMENTS = ("hold", "paused", "waiting", "week")


__all__ = ["unverified_server"]  # the fixture, shared with the simulator's browser test


def test_each_moment_on_a_show_and_a_spot_with_a_screenshot(unverified_server: Server) -> None:
    node = node_or_skip("playwright-core")
    chromium = chromium_or_skip()
    unverified_server.wait_until_healthy()
    shots = [ARTIFACTS / f"screen-{d}-{m}.png" for d in ("show", "spot") for m in MOMENTS]
    for old in shots:
        old.unlink(missing_ok=True)

    code, report, stderr = run_node(
        node, SCRIPT, "--url", unverified_server.url, "--out", str(ARTIFACTS),
        "--chromium", str(chromium),
    )  # fmt: skip

    assert report.get("errors") == [], json.dumps(report, indent=1) + stderr
    assert code == 0
    assert report["devices"]["speaker"] == {"panelHidden": True}
    for device in ("show", "spot"):
        seen = report["devices"][device]
        assert 3 < seen["left"] < 25
        assert seen["nextSide"] == seen["waitingSide"]  # next coaches the side that waited
    for shot in shots:
        image = shot.read_bytes()
        assert image.startswith(PNG_SIGNATURE)
        assert len(image) > 5_000, f"{shot} looks blank"
