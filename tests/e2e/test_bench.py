"""The benchmark's smoke run (`python -m bench --quick`): every section is there, with figures
that make sense. Not a timed test: no figure is compared with a target here."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
SECTIONS = (
    "meta",
    "latency",
    "dynamodb_calls",
    "summary_history",
    "cold_start",
    "throughput",
    "targets",
)


@pytest.fixture(scope="module")
def smoke(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """One quick run of the whole benchmark, in its own process tree, as a developer runs it."""
    results = tmp_path_factory.mktemp("bench") / "results.json"
    finished = subprocess.run(
        [sys.executable, "-m", "bench", "--quick", "--json", str(results)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert finished.returncode == 0, finished.stdout[-3000:] + finished.stderr[-3000:]
    assert "Targets" in finished.stdout  # the table was printed
    return json.loads(results.read_text(encoding="utf-8"))


def plausible(distribution: dict[str, Any]) -> bool:
    return (
        distribution["n"] > 0
        and 0 < distribution["min"] <= distribution["p50"]
        and distribution["p50"] <= distribution["p95"] <= distribution["p99"]
        and distribution["p99"] <= distribution["max"]
    )


def test_every_section_is_there_and_none_failed(smoke):
    assert set(SECTIONS) <= set(smoke)
    assert smoke["meta"]["failed_sections"] == []
    assert smoke["meta"]["quick"] is True
    assert "moto" in smoke["meta"]["backends"]


def test_each_turn_has_latencies_for_both_skills_and_a_ratio(smoke):
    for backend in smoke["meta"]["backends"]:
        section = smoke["latency"][backend]
        assert [turn["turn"] for turn in section["turns"]] == [
            "launch",
            "next 1",
            "next 2",
            "next 3 (finish)",
            "summary",
        ]
        for turn in section["turns"]:
            assert plausible(turn["ours"]) and plausible(turn["reference"])
            assert turn["ratio_p50"] is None or turn["ratio_p50"] > 0
        assert section["all_turns"]["ratio_p50"] > 0
    # moto does transactions, so there every one of our turns is compared
    assert all(turn["ratio_p50"] is not None for turn in smoke["latency"]["moto"]["turns"])


def test_dynamodb_calls_are_counted_for_every_kind_of_turn(smoke):
    ours, reference = smoke["dynamodb_calls"]["ours"], smoke["dynamodb_calls"]["reference"]
    assert ours["launch (new person)"]["calls"] == {"GetItem": 1}
    assert ours["next (mid-routine)"]["calls"] == {}
    assert ours["next (the last hold)"]["calls"] == {}  # finished by the turn after it
    assert ours["no to the week (finish)"]["writes"] == 1
    assert ours["weekly summary"]["calls"] == {"Query": 1}
    assert reference["next (count)"]["calls"] == {"GetItem": 1, "PutItem": 1}


def test_the_summary_is_measured_against_each_history_length(smoke):
    sizes = smoke["meta"]["history_sizes"]
    for history in smoke["summary_history"].values():
        assert [row["sessions"] for row in history["rows"]] == sizes
        for row in history["rows"]:
            assert row["calls"] and row["same_calls_every_time"]
            assert row["items_read"] >= 1
            assert plausible(row["latency_ms"])
        assert isinstance(history["flatness"]["flat"], bool)


def test_cold_start_times_both_bundles(smoke):
    for figures in smoke["cold_start"]["conditions"].values():
        for name in ("ours", "reference"):
            assert figures[name]["import_ms"] > 0
            assert figures[name]["first_turn_ms"] > 0
        assert figures["ratio_import_ms"] > 0
        assert figures["ratio_import_and_first_turn_ms"] > 0


def test_the_endpoint_answers_signed_requests_with_verification_on_and_off(smoke):
    for backend in smoke["meta"]["backends"]:
        section = smoke["throughput"][backend]
        on, off = section["verify_on"], section["verify_off"]
        for mode in (on, off):
            assert mode["requests"] > 0 and mode["requests_per_second"] > 0
            assert set(mode["statuses"]) == {"200"}  # every signed request was accepted
            assert plausible(mode["latency_ms"])
        assert 1 <= on["certificate_fetches"] <= 4  # fetched once per racing first request
        assert off["certificate_fetches"] == 0
        assert section["ratio_rps"] > 0
        assert section["verification_in_process"]["per_request_us"] > 0


def test_every_target_is_judged(smoke):
    names = [target["target"] for target in smoke["targets"]]
    assert any(name.startswith("per-turn p50") for name in names)
    assert any(name.startswith("DynamoDB calls") for name in names)
    assert any(name.startswith("summary cost") for name in names)
    assert any(name.startswith("cold import") for name in names)
    assert any(name.startswith("endpoint req/s") for name in names)
    assert all(isinstance(target["met"], bool) for target in smoke["targets"])
