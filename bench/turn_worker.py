"""A child process that plays turns against one DynamoDB endpoint and writes what it measured.

It imports our ``lambda_function`` (from ``lambda/``, built from the environment as Lambda
builds it) and the reference's, then measures, interleaved round by round: per-turn latency
of ours, the reference's, and ours with progressive responses going to a local HTTPS fake of
Alexa's API; then DynamoDB calls per kind of turn, the summary against history length, and a
cProfile of a few rounds of each. Run by `python -m bench`:
``python -m bench.turn_worker SETTINGS.json RESULTS.json``.
"""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Mapping
from contextlib import ExitStack, contextmanager
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any, Final

from backstretch.progress.dynamodb import DynamoProgressStore, progress_client
from backstretch.skill.config import SkillConfig
from backstretch.skill.service import BackStretchSkill
from backstretch_local.dynamodb import CallCounter, local_aws_environment
from backstretch_local.envelopes import LOCAL_SKILL_ID as SKILL_ID
from backstretch_local.fake_alexa_https import trusted_fake_alexa
from bench.backends import REGION, REPO_DIR, Tables
from bench.calls import OUR_STEPS, REFERENCE_STEPS, count_turns, summary_against_history
from bench.conversations import (
    Handler,
    TurnResult,
    new_user,
    our_round,
    progress_not_saved,
    reference_round,
    rotations,
)
from bench.profiling import profile

LAMBDA_DIR: Final = REPO_DIR / "lambda"
REFERENCE_MODULE: Final = "bench.reference.lambda_function"
_WORKER_TIMEOUT_SECONDS: Final = 3600


@dataclass(frozen=True)
class WorkerSettings:
    """What one worker measures, against which endpoint."""

    backend: str
    endpoint: str
    rounds: int
    warmup: int
    history_sizes: tuple[int, ...]
    summary_repetitions: int
    profile_rounds: int
    progressive: bool = True
    tables: Tables = field(default_factory=Tables)

    def to_json(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_json(cls, text: str) -> WorkerSettings:
        raw = json.loads(text)
        raw["history_sizes"] = tuple(raw["history_sizes"])
        raw["tables"] = Tables(**raw["tables"])
        return cls(**raw)


def lambda_environment(endpoint: str, tables: Tables) -> dict[str, str]:
    """The environment both skills see, as Lambda would set it (with a local endpoint)."""
    return {
        **local_aws_environment(REGION),
        # Ours (lambda/lambda_function.py reads these)...
        "PROGRESS_TABLE": tables.ours,
        "DYNAMODB_ENDPOINT": endpoint,
        "SKILL_ID": SKILL_ID,
        # ... the reference's (the Alexa-hosted template's names) ...
        "DYNAMODB_PERSISTENCE_TABLE_NAME": tables.reference,
        "DYNAMODB_PERSISTENCE_REGION": REGION,
        # ... and Lambda's own: our skill logs and emits metrics as it would there.
        "AWS_LAMBDA_FUNCTION_NAME": "bench",
    }


def run_worker(settings: WorkerSettings, work_dir: Path) -> dict[str, Any]:
    """Run a worker for these settings and return its results (raises if it failed)."""
    settings_file = work_dir / f"worker-{settings.backend}-settings.json"
    results_file = work_dir / f"worker-{settings.backend}-results.json"
    settings_file.write_text(settings.to_json(), encoding="utf-8")
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("AWS_")},
        **lambda_environment(settings.endpoint, settings.tables),
    }
    # stdout is what Lambda would ship to CloudWatch (our JSON logs and metrics): kept aside.
    with (
        (work_dir / f"worker-{settings.backend}-stdout.log").open("wb") as stdout,
        (work_dir / f"worker-{settings.backend}-stderr.log").open("wb") as stderr,
    ):
        finished = subprocess.run(  # noqa: S603 - our own module, our own arguments
            [sys.executable, "-m", "bench.turn_worker", str(settings_file), str(results_file)],
            cwd=REPO_DIR,
            env=env,
            stdout=stdout,
            stderr=stderr,
            timeout=_WORKER_TIMEOUT_SECONDS,
            check=False,
        )
    if finished.returncode != 0:
        tail = (work_dir / f"worker-{settings.backend}-stderr.log").read_text(errors="replace")
        raise RuntimeError(f"turn worker for {settings.backend} failed:\n{tail[-3000:]}")
    results: dict[str, Any] = json.loads(results_file.read_text(encoding="utf-8"))
    return results


@contextmanager
def local_alexa_api() -> Iterator[str]:
    """The local HTTPS fake of Alexa's directive and settings APIs, trusted by ``requests``."""
    with trusted_fake_alexa() as fake:
        yield fake.api_endpoint


def measure_latency(
    players: Mapping[str, Callable[[str], list[TurnResult]]],
    rounds: int,
    warmup: int,
    forget: Callable[[str], object],
) -> dict[str, Any]:
    """Rounds of every player, in rotated order; per player and turn, the samples in ms.

    After each of our rounds the person's data is deleted (untimed), so the table stays small:
    moto's transactions copy the whole table, and would otherwise slow down round by round.
    """
    samples: dict[str, dict[str, list[float]]] = {name: defaultdict(list) for name in players}
    not_saved: Counter[str] = Counter()
    for index, order in enumerate(rotations(warmup + rounds, list(players))):
        for name in order:
            user_id = new_user(name)
            results = players[name](user_id)
            if name != "reference":
                forget(user_id)
            if index < warmup:
                continue
            for result in results:
                samples[name][result.label].append(result.ms)
                if name != "reference" and progress_not_saved(result):
                    not_saved[f"{name}: {result.label}"] += 1
    return {"samples": samples, "progress_not_saved": dict(not_saved)}


def main(argv: list[str] | None = None) -> int:
    settings_path, results_path = argv or sys.argv[1:]
    settings = WorkerSettings.from_json(Path(settings_path).read_text(encoding="utf-8"))
    sys.path.insert(0, str(LAMBDA_DIR))
    ours = importlib.import_module("lambda_function")
    reference = importlib.import_module(REFERENCE_MODULE)
    our_handler: Handler = ours.lambda_handler
    reference_handler: Handler = reference.lambda_handler

    with ExitStack() as stack:
        players: dict[str, Callable[[str], list[TurnResult]]] = {
            "ours": lambda user: our_round(our_handler, user),
            "reference": lambda user: reference_round(reference_handler, user),
        }
        if settings.progressive:
            api = stack.enter_context(local_alexa_api())
            players["ours (progressive)"] = lambda user: our_round(our_handler, user, api)
        latency = measure_latency(players, settings.rounds, settings.warmup, _forget_user())

    calls, history = _count_calls(settings, reference)
    profiles = {
        "ours": profile(
            lambda: [
                our_round(our_handler, new_user("profile")) for _ in range(settings.profile_rounds)
            ]
        ),
        "reference": profile(
            lambda: [
                reference_round(reference_handler, new_user("profile"))
                for _ in range(settings.profile_rounds)
            ]
        ),
    }
    results = {
        "latency": latency,
        "calls": calls,
        "summary_history": history,
        "profiles": profiles,
    }
    Path(results_path).write_text(json.dumps(results), encoding="utf-8")
    return 0


def _forget_user() -> Callable[[str], object]:
    config = SkillConfig.from_env()
    store = DynamoProgressStore(
        config.table_name, progress_client(config.dynamodb_endpoint, config.region)
    )
    return store.delete_user


def _count_calls(settings: WorkerSettings, reference: Any) -> tuple[dict[str, Any], list[Any]]:
    """Our skill built as lambda_handler builds it, but with a client we can hook."""
    config = SkillConfig.from_env()
    client = progress_client(config.dynamodb_endpoint, config.region)
    counter = CallCounter()
    counter.attach(client)
    store = DynamoProgressStore(config.table_name, client)
    skill = BackStretchSkill(config, store=store)
    ours = count_turns(skill.handle_payload, counter, OUR_STEPS)

    reference_counter = CallCounter()
    reference_counter.attach(reference.ddb_resource.meta.client)
    theirs = count_turns(reference.lambda_handler, reference_counter, REFERENCE_STEPS)

    # The history goes to a table of its own (see Tables), read by a skill built on it.
    history_config = replace(config, table_name=settings.tables.history)
    history_store = DynamoProgressStore(history_config.table_name, client)
    history_skill = BackStretchSkill(history_config, store=history_store)
    history = summary_against_history(
        history_skill.handle_payload,
        counter,
        client,
        history_store,
        history_config.table_name,
        settings.history_sizes,
        settings.summary_repetitions,
    )
    return {"ours": ours, "reference": theirs}, history


if __name__ == "__main__":
    raise SystemExit(main())
