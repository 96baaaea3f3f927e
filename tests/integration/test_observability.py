"""What an operator sees: a JSON log line per turn and EMF metrics, never user ids or speech."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator
from typing import Any

import pytest

import lambda_function
from backstretch.observability import configure_logging
from tests.support.envelopes import USER_ID, AlexaConversation
from tests.support.fake_alexa_api import FakeAlexaApi

pytestmark = pytest.mark.usefixtures("progress_store")


@pytest.fixture
def fresh_skill(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """lambda_handler builds its skill anew; the skill's logging is put back afterwards."""
    monkeypatch.setattr(lambda_function, "_skill", None)
    yield
    monkeypatch.setattr(lambda_function, "_skill", None)
    app_logger = logging.getLogger("backstretch")
    for handler in list(app_logger.handlers):
        app_logger.removeHandler(handler)
    app_logger.propagate = True
    app_logger.setLevel(logging.NOTSET)


@pytest.fixture
def on_lambda(monkeypatch: pytest.MonkeyPatch, fresh_skill: None) -> io.StringIO:
    """lambda_handler as on AWS: JSON logs (captured here) and EMF metrics on stdout."""
    monkeypatch.setenv("AWS_LAMBDA_FUNCTION_NAME", "back-stretch-coach")
    monkeypatch.setenv("LOG_LEVEL", "INFO")
    # The namespace the template gives the function: metrics land where its alarms look.
    monkeypatch.setenv("METRICS_NAMESPACE", "StretchTeamMetrics")
    lambda_function.skill()
    logs = io.StringIO()
    configure_logging("INFO", as_json=True, stream=logs)
    return logs


def turn_lines(logs: io.StringIO) -> list[dict[str, Any]]:
    lines = [json.loads(line) for line in logs.getvalue().splitlines()]
    return [line for line in lines if line["message"] == "turn"]


def metric_documents(stdout: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stdout.splitlines() if line.startswith('{"_aws"')]


def play_routine(fake: FakeAlexaApi, closing: str = "no") -> list[dict[str, Any]]:
    """Four sides, then the turn that finishes the routine: "no" to hearing the week, or the
    session's end when nobody answers."""
    alexa = AlexaConversation(api_endpoint=fake.api_endpoint)
    responses = [alexa.carry(lambda_function.lambda_handler(alexa.launch(), None))]
    for _ in range(3):
        envelope = alexa.intent("AMAZON.NextIntent")
        responses.append(alexa.carry(lambda_function.lambda_handler(envelope, None)))
    if closing == "no":
        envelope = alexa.intent("AMAZON.NoIntent")
    else:
        envelope = alexa.session_ended("EXCEEDED_MAX_REPROMPTS")
    responses.append(alexa.carry(lambda_function.lambda_handler(envelope, None)))
    return responses


def test_every_turn_logs_one_json_line_with_what_an_operator_needs(on_lambda, fake_alexa_api):
    play_routine(fake_alexa_api)
    turns = turn_lines(on_lambda)
    assert [t["request_type"] for t in turns] == ["LaunchRequest"] + ["IntentRequest"] * 4
    assert [t["intent"] for t in turns] == [None] + ["AMAZON.NextIntent"] * 3 + ["AMAZON.NoIntent"]
    assert [t["outcome"] for t in turns] == ["step_coached"] * 4 + ["routine_finished"]
    assert all(t["request_id"].startswith("amzn1.echo-api.request.") for t in turns)
    assert all(t["latency_ms"] > 0 for t in turns)
    assert all(t["level"] == "INFO" for t in turns)


def test_logs_carry_no_user_id_and_no_speech(on_lambda, fake_alexa_api, capsys):
    play_routine(fake_alexa_api)
    everything = on_lambda.getvalue() + capsys.readouterr().out
    assert USER_ID not in everything
    assert "Kneel" not in everything and "<speak>" not in everything


@pytest.mark.parametrize("closing", ["no", "session_ended"])
def test_metrics_count_routines_holds_and_failures(on_lambda, fake_alexa_api, capsys, closing):
    play_routine(fake_alexa_api, closing)
    documents = metric_documents(capsys.readouterr().out)
    assert len(documents) == 5
    assert sum(d["RoutinesStarted"] for d in documents) == 1
    assert sum(d["HoldsCounted"] for d in documents) == 4
    # Counted by the turn that finishes it, once its last hold was heard out.
    assert [d["RoutinesCompleted"] for d in documents] == [0, 0, 0, 0, 1]
    assert sum(d["ProgressiveResponseFailures"] for d in documents) == 0
    definition = documents[0]["_aws"]["CloudWatchMetrics"][0]
    assert definition["Namespace"] == "StretchTeamMetrics"  # as configured, not a default
    assert {m["Name"] for m in definition["Metrics"]} >= {
        "RoutinesStarted",
        "RoutinesCompleted",
        "HoldsCounted",
        "ProgressiveResponseFailures",
        "DynamoDBErrors",
    }


def test_a_failing_directive_api_is_counted(on_lambda, fake_alexa_api, capsys):
    fake_alexa_api.directive_status = 500
    alexa = AlexaConversation(api_endpoint=fake_alexa_api.api_endpoint)
    lambda_function.lambda_handler(alexa.launch(), None)
    (document,) = metric_documents(capsys.readouterr().out)
    assert document["ProgressiveResponseFailures"] == 1


def test_a_storage_failure_is_counted(on_lambda, fake_alexa_api, capsys, dynamodb_client):
    dynamodb_client.delete_table(TableName="backstretch-progress")
    alexa = AlexaConversation(api_endpoint=fake_alexa_api.api_endpoint)
    lambda_function.lambda_handler(alexa.launch(), None)
    (document,) = metric_documents(capsys.readouterr().out)
    assert document["DynamoDBErrors"] == 1


def test_off_lambda_no_metrics_are_printed(monkeypatch, fresh_skill, fake_alexa_api, capsys):
    monkeypatch.delenv("AWS_LAMBDA_FUNCTION_NAME", raising=False)
    alexa = AlexaConversation(api_endpoint=fake_alexa_api.api_endpoint)
    lambda_function.lambda_handler(alexa.launch(), None)
    assert metric_documents(capsys.readouterr().out) == []


def test_the_log_level_comes_from_the_environment(monkeypatch, fresh_skill):
    monkeypatch.setenv("AWS_LAMBDA_FUNCTION_NAME", "back-stretch-coach")
    monkeypatch.setenv("LOG_LEVEL", "warning")
    lambda_function.skill()
    assert logging.getLogger("backstretch").level == logging.WARNING
