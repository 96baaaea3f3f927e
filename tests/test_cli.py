"""`backstretch serve` as a person runs it: a real process, talked to over real HTTP."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

from tests.envelopes import AlexaConversation, speech_of

BACKSTRETCH = Path(sys.executable).with_name("backstretch")
START_SECONDS = 15.0  # the most a server gets to answer /health
POLL_SECONDS = 0.05


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("SKILL_ID", None)  # answer whichever skill id the test envelopes carry
    env["LOG_LEVEL"] = "INFO"
    return env


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    url: str
    stderr_file: Path
    http: requests.Session

    def stderr(self) -> str:
        return self.stderr_file.read_text(errors="replace")

    def wait_until_healthy(self) -> requests.Response:
        deadline = time.monotonic() + START_SECONDS
        while True:
            if self.process.poll() is not None:
                pytest.fail(f"server exited with {self.process.returncode}:\n{self.stderr()}")
            try:
                return self.http.get(f"{self.url}/health", timeout=0.5)
            except requests.ConnectionError:
                if time.monotonic() > deadline:
                    pytest.fail(f"server did not answer within {START_SECONDS} s:\n{self.stderr()}")
                time.sleep(POLL_SECONDS)


def start_server(tmp_path: Path, *options: str) -> Iterator[Server]:
    port = free_port()
    stderr_file = tmp_path / "stderr.txt"
    with stderr_file.open("wb") as stderr, requests.Session() as http:
        http.trust_env = False  # no proxy from the machine's settings for loopback traffic
        process = subprocess.Popen(
            [str(BACKSTRETCH), "serve", "--host", "127.0.0.1", "--port", str(port), *options],
            stdout=subprocess.DEVNULL,
            stderr=stderr,
            env=child_env(),
        )
        try:
            yield Server(process, f"http://127.0.0.1:{port}", stderr_file, http)
        finally:
            process.terminate()
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)


@pytest.fixture
def unverified_server(tmp_path: Path) -> Iterator[Server]:
    yield from start_server(tmp_path, "--no-verify")


@pytest.fixture
def verifying_server(tmp_path: Path) -> Iterator[Server]:
    yield from start_server(tmp_path)


def test_serve_no_verify_answers_a_launch_over_http(unverified_server: Server) -> None:
    health = unverified_server.wait_until_healthy()
    assert health.status_code == 200
    assert health.json() == {"status": "ok", "verification": False}

    response = unverified_server.http.post(
        f"{unverified_server.url}/alexa", json=AlexaConversation().launch(), timeout=10
    )

    assert response.status_code == 200
    payload = response.json()
    assert "hip flexor" in speech_of(payload)
    assert payload["response"]["shouldEndSession"] is False
    assert "VERIFICATION IS OFF" in unverified_server.stderr()
    # The log holds the skill's lines, not one per call to the embedded DynamoDB.
    assert '"POST / HTTP/1.1" 200' not in unverified_server.stderr()
    assert '"POST /alexa HTTP/1.1" 200' in unverified_server.stderr()


def test_serve_keeps_progress_in_a_data_dir_between_runs(tmp_path: Path) -> None:
    data = tmp_path / "data"
    (tmp_path / "first").mkdir()
    (tmp_path / "second").mkdir()
    alexa = AlexaConversation(api_access_token=None)
    for server in start_server(tmp_path / "first", "--no-verify", "--data-dir", str(data)):
        server.wait_until_healthy()
        for envelope in (alexa.launch, lambda: alexa.intent("AMAZON.StopIntent")):
            answer = server.http.post(f"{server.url}/alexa", json=envelope(), timeout=10)
            alexa.carry(answer.json())
    # Stopped (SIGTERM) halfway through the first side's routine: saved on the way out.
    assert (data / "progress.json").is_file()
    for server in start_server(tmp_path / "second", "--no-verify", "--data-dir", str(data)):
        server.wait_until_healthy()
        launch = AlexaConversation(api_access_token=None).launch()
        answer = server.http.post(f"{server.url}/alexa", json=launch, timeout=10)
        assert "Last time you stopped at the kneeling hip flexor stretch" in speech_of(
            answer.json()
        )


def test_serve_no_verify_still_refuses_bad_bodies(unverified_server: Server) -> None:
    unverified_server.wait_until_healthy()

    response = unverified_server.http.post(
        f"{unverified_server.url}/alexa",
        data=b'{"hello": "world"}',
        headers={"Content-Type": "application/json"},
        timeout=10,
    )

    assert response.status_code == 400
    assert "not an Alexa request" in response.json()["error"]


def test_serve_verifies_by_default(verifying_server: Server) -> None:
    health = verifying_server.wait_until_healthy()
    assert health.json() == {"status": "ok", "verification": True}

    response = verifying_server.http.post(
        f"{verifying_server.url}/alexa", json=AlexaConversation().launch(), timeout=10
    )

    assert response.status_code == 400
    assert "Signature-256" in response.json()["error"]
    assert "VERIFICATION IS OFF" not in verifying_server.stderr()


@pytest.mark.parametrize("command", [["--help"], ["serve", "--help"]])
def test_help_mentions_no_verify(command: list[str]) -> None:
    result = subprocess.run(
        [str(BACKSTRETCH), *command],
        capture_output=True,
        text=True,
        timeout=30,
        env=child_env(),
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert "--no-verify" in result.stdout
    assert "serve" in result.stdout


def test_a_data_dir_is_for_the_embedded_dynamodb_only() -> None:
    result = subprocess.run(
        [str(BACKSTRETCH), "chat", "--data-dir", "x", "--dynamodb-endpoint", "http://h:1"],
        capture_output=True,
        text=True,
        timeout=30,
        env=child_env(),
        check=False,
    )
    assert result.returncode == 2
    assert "--data-dir keeps the embedded DynamoDB's progress" in result.stderr


def test_no_command_is_a_usage_error() -> None:
    result = subprocess.run(
        [str(BACKSTRETCH)], capture_output=True, text=True, timeout=30, env=child_env(), check=False
    )

    assert result.returncode == 2
    assert "usage: backstretch" in result.stderr
