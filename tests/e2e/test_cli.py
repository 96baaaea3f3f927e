"""`backstretch serve` as a person runs it: a real process, talked to over real HTTP."""

from __future__ import annotations

import json
import os
import select
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

import pytest
import requests

from backstretch_local.web.app import MAX_BODY_BYTES
from tests.support.alexa_signing import AlexaSigner
from tests.support.envelopes import SKILL_ID, AlexaConversation, speech_of

BACKSTRETCH = Path(sys.executable).with_name("backstretch")
REPO = Path(__file__).resolve().parents[2]
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


def start_server(
    tmp_path: Path, *options: str, launcher: Sequence[str] = (str(BACKSTRETCH),)
) -> Iterator[Server]:
    """`backstretch serve` on a free loopback port (``launcher`` runs the `backstretch`
    command line: the installed script, or e.g. tests.support.serve_with_local_pki)."""
    port = free_port()
    stderr_file = tmp_path / "stderr.txt"
    with stderr_file.open("wb") as stderr, requests.Session() as http:
        http.trust_env = False  # no proxy from the machine's settings for loopback traffic
        process = subprocess.Popen(
            [*launcher, "serve", "--host", "127.0.0.1", "--port", str(port), *options],
            stdout=subprocess.DEVNULL,
            stderr=stderr,
            env=child_env(),
            cwd=REPO,
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
    assert "request_type=LaunchRequest" in unverified_server.stderr()


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


# --- verification on: a production server (Hypercorn) -----------------------------------

SIGNING_REQUEST_TIMEOUT_SECONDS = 2  # what the test server is given (--request-timeout)
CLOSE_MARGIN_SECONDS = 3.0  # generous, on a busy machine
HALF_SENT = (
    b"POST /alexa HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Le",  # headers cut short
    b"POST /alexa HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
    b'Content-Length: 2000\r\n\r\n{"version": "1.0", "sess',  # the body cut short
)


def signed_by_local_pki(
    tmp_path: Path, alexa_signer: AlexaSigner, request_timeout: float
) -> Iterator[Server]:
    """`backstretch serve` verifying against the test PKI, with a skill id."""
    root, chain = tmp_path / "root.pem", tmp_path / "chain.pem"
    root.write_bytes(alexa_signer.root_pem)
    chain.write_bytes(alexa_signer.chain_pem)
    launcher = (sys.executable, "-m", "tests.support.serve_with_local_pki", str(root), str(chain))
    yield from start_server(
        tmp_path,
        "--skill-id",
        SKILL_ID,
        "--request-timeout",
        str(request_timeout),
        launcher=(*launcher, alexa_signer.cert_url),
    )


@pytest.fixture
def signing_server(tmp_path: Path, alexa_signer: AlexaSigner) -> Iterator[Server]:
    """`backstretch serve` with verification on and a skill id, trusting the test PKI."""
    yield from signed_by_local_pki(tmp_path, alexa_signer, SIGNING_REQUEST_TIMEOUT_SECONDS)


def half_sent(server: Server, head: bytes) -> socket.socket:
    """A connection that sends part of a request and then nothing more."""
    host, port = server.url.removeprefix("http://").split(":")
    connection = socket.create_connection((host, int(port)), timeout=5)
    connection.sendall(head)
    return connection


def seconds_until_closed(connection: socket.socket, started: float, bound: float) -> float:
    """When the server closed `connection` (EOF or reset), waiting at most `bound` s."""
    connection.settimeout(max(0.1, started + bound - time.monotonic()))
    try:
        while connection.recv(4096):
            pass  # an error page before the close is fine too
    except ConnectionResetError:
        pass
    except TimeoutError:
        pytest.fail(f"a half-sent request was still open after {bound} s")
    return time.monotonic() - started


def test_serve_with_verification_closes_half_sent_requests_and_still_answers(
    signing_server: Server, alexa_signer: AlexaSigner
) -> None:
    health = signing_server.wait_until_healthy()
    assert health.json() == {"status": "ok", "verification": True}
    connections = [half_sent(signing_server, HALF_SENT[i % 2]) for i in range(12)]
    started = time.monotonic()
    try:
        # While they hang, a signed request is answered, and quickly.
        body = json.dumps(AlexaConversation(api_access_token=None).launch()).encode()
        headers = {"Content-Type": "application/json", **alexa_signer.headers(body)}
        answer = signing_server.http.post(
            f"{signing_server.url}/alexa", data=body, headers=headers, timeout=10
        )
        assert answer.status_code == 200, answer.text
        assert "hip flexor" in speech_of(answer.json())
        assert "Server" not in answer.headers  # ident off: no software named

        bound = SIGNING_REQUEST_TIMEOUT_SECONDS + CLOSE_MARGIN_SECONDS
        closed_after = [seconds_until_closed(c, started, bound) for c in connections]
    finally:
        for connection in connections:
            connection.close()
    assert max(closed_after) <= bound
    log = signing_server.stderr()
    assert f"served by hypercorn {version('hypercorn')}" in log
    assert f"closed after {SIGNING_REQUEST_TIMEOUT_SECONDS} s at most" in log
    assert "development server" not in log


def test_serve_with_verification_refuses_an_oversized_body_with_413(
    signing_server: Server,
) -> None:
    signing_server.wait_until_healthy()
    response = signing_server.http.post(
        f"{signing_server.url}/alexa",
        data=b"x" * (MAX_BODY_BYTES + 1),
        headers={"Content-Type": "application/json"},
        timeout=10,
    )
    assert response.status_code == 413


def test_serve_no_verify_runs_the_same_server(unverified_server: Server) -> None:
    unverified_server.wait_until_healthy()
    log = unverified_server.stderr()
    assert f"served by hypercorn {version('hypercorn')}" in log
    assert "development server" not in log


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


# --- slow clients: a trickle never starves the server --------------------------------------

TRICKLERS = 200
TRICKLE_SECONDS = 1.5  # one byte per connection this often: never idle for long
REQUEST_TIMEOUT_SECONDS = 4  # what the trickle test's server is given (--request-timeout)
ANSWER_SECONDS = 2.0  # what a genuine request, or /health, may take meanwhile
TRICKLE_BOUND_SECONDS = REQUEST_TIMEOUT_SECONDS + 4.0  # the most the test trickles
TRICKLED_HEAD = b"POST /alexa HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Trickle: "  # then "x"s
TRICKLED_BODY = (
    b"POST /alexa HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
    b"Content-Length: 100000\r\n\r\n"  # then "x"s
)


@pytest.fixture
def trickled_server(tmp_path: Path, alexa_signer: AlexaSigner) -> Iterator[Server]:
    """`backstretch serve` verifying, as `signing_server`, with a short request deadline."""
    yield from signed_by_local_pki(tmp_path, alexa_signer, REQUEST_TIMEOUT_SECONDS)


def new_connection() -> requests.Session:
    """A session of its own: a request that reused a connection opened before the trickle
    began would not show whether a new one is admitted."""
    http = requests.Session()
    http.trust_env = False
    return http


def seconds_to_answer(send: Callable[[], requests.Response], expected: int = 200) -> float:
    """How long `send` took to get the expected status; infinity if it did not within
    ANSWER_SECONDS (its own timeout)."""
    started = time.monotonic()
    try:
        response = send()
    except requests.RequestException:
        return float("inf")
    assert response.status_code == expected, response.text
    return time.monotonic() - started


def test_two_hundred_trickling_connections_starve_nobody(
    trickled_server: Server, alexa_signer: AlexaSigner
) -> None:
    server = trickled_server
    server.wait_until_healthy()

    def launch() -> requests.Response:
        body = json.dumps(AlexaConversation(api_access_token=None).launch()).encode()
        headers = {"Content-Type": "application/json", **alexa_signer.headers(body)}
        with new_connection() as http:
            url = f"{server.url}/alexa"
            return http.post(url, data=body, headers=headers, timeout=ANSWER_SECONDS)

    def health() -> requests.Response:
        with new_connection() as http:
            return http.get(f"{server.url}/health", timeout=ANSWER_SECONDS)

    assert seconds_to_answer(launch) < START_SECONDS  # the first turn's costs paid up front
    trickling = {
        half_sent(server, TRICKLED_HEAD if i % 2 else TRICKLED_BODY) for i in range(TRICKLERS)
    }
    closed_after: list[float] = []
    answers: list[float] = []
    started = time.monotonic()
    try:
        while trickling and time.monotonic() - started < TRICKLE_BOUND_SECONDS:
            for connection in list(trickling):
                try:
                    connection.send(b"x")
                except OSError:  # closed by the server since the last look
                    trickling.discard(connection)
                    closed_after.append(time.monotonic() - started)
            answers += [seconds_to_answer(launch), seconds_to_answer(health)]
            # The trickle's own pacing; a connection the server closes meanwhile wakes us.
            tick = max(0.0, TRICKLE_SECONDS - (time.monotonic() - started) % TRICKLE_SECONDS)
            readable, _, _ = select.select(list(trickling), [], [], tick)
            for connection in readable:
                trickling.discard(connection)
                closed_after.append(time.monotonic() - started)
    finally:
        for connection in trickling:
            connection.close()
    assert max(answers) < ANSWER_SECONDS, answers
    assert len(closed_after) == TRICKLERS, f"{len(trickling)} trickles outlived the deadline"
    # Each was cut once its head, or its body, had taken the deadline (plus the pacing).
    assert max(closed_after) <= REQUEST_TIMEOUT_SECONDS + TRICKLE_SECONDS + 1.0
