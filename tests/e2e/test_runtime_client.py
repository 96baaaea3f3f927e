"""The bundle run by Lambda's own runtime client: the zip that scripts/package_lambda.py
builds, unpacked, and started as AWS's Python runtime starts it (``python -m awslambdaric
lambda_function.lambda_handler``), against a local Lambda Runtime API and moto's DynamoDB.

The runtime's interpreter sees the bundle, the runtime client and the standard library alone.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from backstretch.routine.content import load_routine
from backstretch_local.runtime_api import RuntimeApi
from backstretch_local.runtime_client import (
    RuntimeClientMissing,
    RuntimeProcess,
    runtime_client_folder,
    start_runtime,
)
from backstretch_local.table import load_template
from bench.conversations import OUR_TURNS
from bench.sizing import one_run, render, summarise
from tests.support.bundle import BuiltBundle, function_environment
from tests.support.dynamodb import TABLE_NAME
from tests.support.envelopes import AlexaConversation, speech_of

# The init phase (importing lambda_function) and each answer, on a machine shared with other
# work: generous, since a stuck runtime is what they catch.
START_SECONDS = 30.0
LINES = load_routine().lines


@dataclass
class Runtime:
    """A running runtime process and the Runtime API it polls."""

    api: RuntimeApi
    process: RuntimeProcess
    answered: list[float] = field(default_factory=list)  # when each played turn was answered

    def play(self, alexa: AlexaConversation, envelope: dict[str, Any], **invoke: Any) -> Any:
        answer = self.api.invoke(envelope, timeout=START_SECONDS, **invoke)
        assert answer.kind == "response", answer.body
        self.answered.append(answer.answered_at)
        return alexa.carry(answer.json())


@pytest.fixture(scope="module")
def runtime_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Lambda's /var/runtime, made from the runtime client installed here (the dev extra)."""
    try:
        return runtime_client_folder(tmp_path_factory.mktemp("runtime") / "var-runtime")
    except RuntimeClientMissing as missing:
        pytest.fail(str(missing))


@pytest.fixture
def runtime(
    bundle: BuiltBundle, runtime_folder: Path, progress_store: Any, tmp_path: Path
) -> Iterator[Runtime]:
    """One execution environment: its own Runtime API, a fresh runtime process, a fresh table."""
    with RuntimeApi() as api:
        process = start_runtime(
            bundle.unpacked, runtime_folder, api, function_environment(tmp_path)
        )
        try:
            api.wait_for_poll(1, START_SECONDS)  # init done: the handler's module imported
            yield Runtime(api, process)
        finally:
            printed = process.stop()
            print(printed[-4000:])


def test_a_launch_a_next_and_a_malformed_event_and_the_runtime_serves_on(
    runtime: Runtime, dynamodb_client: Any
) -> None:
    api, alexa = runtime.api, AlexaConversation(api_access_token=None)
    init_seconds = api.polls[0] - runtime.process.started

    launch = runtime.play(alexa, alexa.launch())
    first_answer = runtime.answered[0] - api.polls[0]
    following = runtime.play(alexa, alexa.intent("AMAZON.NextIntent"))
    not_json = api.invoke(b'{"version": "1.0", "request": ', timeout=START_SECONDS)
    not_alexa = api.invoke({"hello": "world"}, timeout=START_SECONDS)
    stop = runtime.play(alexa, alexa.intent("AMAZON.StopIntent"))
    again = AlexaConversation(api_access_token=None)
    relaunch = runtime.play(again, again.launch())

    peak_mib = runtime.process.peak_rss_kib() / 1024
    print(
        f"\nruntime client: init {init_seconds:.2f} s, launch {first_answer:.2f} s, "
        f"peak RSS {peak_mib:.0f} MiB"
    )
    assert "hip flexor" in speech_of(launch)
    assert launch["response"]["shouldEndSession"] is False
    assert speech_of(following) and speech_of(following) != speech_of(launch)
    assert following["response"]["shouldEndSession"] is False
    # A body that is not JSON never reaches the handler: the runtime client reports it.
    assert not_json.kind == "error"
    assert not_json.error_type == "Runtime.UnmarshalError"
    # JSON that is not an Alexa request is answered, with the apology.
    assert not_alexa.kind == "response"
    assert LINES.request_refused in speech_of(not_alexa.json())
    assert not_alexa.json()["response"]["shouldEndSession"] is True
    # And the same process serves on: the routine stops, a new session starts where it left.
    assert stop["response"]["shouldEndSession"] is True
    assert speech_of(relaunch)
    assert runtime.process.process.poll() is None, "the runtime process exited"
    api.wait_for_poll(7, START_SECONDS)  # it asked for an event after each of its six answers
    assert api.init_errors == [] and api.refused == []
    # The bundled boto3 reached DynamoDB (moto): stopping midway saved where to resume.
    assert dynamodb_client.scan(TableName=TABLE_NAME)["Items"]
    # What the function is given is enough, with room to spare (docs/benchmarks.md, sizing).
    memory_mib = load_template()["Resources"]["SkillFunction"]["Properties"]["MemorySize"]
    assert peak_mib * 2 < memory_mib


def test_the_turns_deadline_is_the_invocations_own(runtime: Runtime) -> None:
    """``Lambda-Runtime-Deadline-Ms`` reaches the turn: with 2.5 s left, no storage call (whose
    slowest failure takes 3.5 s) may start, and the person hears that progress was not read;
    with the template's 7 s, the same launch reads it."""
    alexa = AlexaConversation(api_access_token=None)
    hurried = runtime.play(alexa, alexa.launch(), seconds_left=2.5)
    again = AlexaConversation(api_access_token=None)
    unhurried = runtime.play(again, again.launch(), seconds_left=7.0)

    assert LINES.progress_not_read in speech_of(hurried)
    assert LINES.progress_not_read not in speech_of(unhurried)


def test_a_handler_that_cannot_be_loaded_is_an_init_error(
    bundle: BuiltBundle, runtime_folder: Path, tmp_path: Path
) -> None:
    environment = {"HOME": str(tmp_path), "AWS_REGION": "us-east-1"}
    with RuntimeApi() as api:
        process = start_runtime(
            bundle.unpacked, runtime_folder, api, environment, handler="lambda_function.missing"
        )
        try:
            code = process.process.wait(START_SECONDS)
        finally:
            process.stop()
        assert code != 0
        (init_error,) = api.init_errors
        assert init_error.error_type == "Runtime.HandlerNotFound"
        assert api.polls == [], "a runtime whose handler is missing never asks for an event"


def test_the_sizing_benchmark_measures_a_cold_start_and_a_whole_routine(
    bundle: BuiltBundle, runtime_folder: Path, progress_store: Any, moto_endpoint: str
) -> None:
    """`python -m bench.sizing`, one run at one size, unthrottled (docs/benchmarks.md)."""
    run = one_run(512, bundle.unpacked, runtime_folder, moto_endpoint, share=None)
    figures = summarise([run])

    assert list(run["turn_ms"]) == [*OUR_TURNS, "warm launch"]
    assert figures["init_ms"] > 0 and figures["cold_start_ms"] > figures["init_ms"]
    assert 0 < figures["peak_rss_mib"] < 512
    assert figures["log_bytes_per_turn"] > 0
    table = render({"sizes": {512: {"cpu_share": None, **figures}}})
    assert table.splitlines()[-1].startswith("| 512 MB | none |")
