"""A child process that plays turns against one DynamoDB endpoint and says what it measured.

It imports our ``lambda_function`` (from ``lambda/``, built from the environment as Lambda
builds it) and the reference's, then measures per-turn latency of both, interleaved round by
round; then DynamoDB calls per kind of turn, and the summary against history length.
Run by `python -m bench` (`bench.child.run_child`).
"""

from __future__ import annotations

import importlib
import sys
from collections import Counter, defaultdict
from dataclasses import replace
from typing import Any, Final

from backstretch.progress.dynamodb import DynamoProgressStore, progress_client
from backstretch.skill.config import SkillConfig
from backstretch.skill.service import BackStretchSkill
from backstretch_local.dynamodb import CallCounter
from bench.backends import REPO_DIR
from bench.calls import (
    OUR_STEPS,
    REFERENCE_STEPS,
    count_turns,
    seed_history,
    summary_against_history,
)
from bench.child import child_main
from bench.conversations import (
    ALIGNED,
    Handler,
    new_user,
    our_round,
    progress_not_saved,
    reference_round,
    rotations,
)
from bench.stats import distribution, ratio

REFERENCE_MODULE: Final = "bench.reference.lambda_function"


def measure_latency(
    ours: Handler, reference: Handler, rounds: int, warmup: int, store: DynamoProgressStore
) -> dict[str, Any]:
    """Rounds of both skills, in rotated order; per turn, each one's distribution in ms, and
    ours/reference at the p50.

    After each of our rounds the person's data is deleted (untimed), so the table stays small:
    moto's transactions copy the whole table, and would otherwise slow down round by round.
    A turn whose write failed on this backend (dynalite has no transactions) is left out of
    the comparison, together with the reference's turn at the same position.
    """
    samples: dict[str, dict[str, list[float]]] = {
        name: defaultdict(list) for name in ("ours", "reference")
    }
    not_saved: Counter[str] = Counter()
    for index, order in enumerate(rotations(warmup + rounds, ["ours", "reference"])):
        for name in order:
            user_id = new_user(name)
            if name == "ours":
                played = our_round(ours, user_id)
                store.delete_user(user_id)
            else:
                played = reference_round(reference, user_id)
            for turn, ms, response in played if index >= warmup else []:
                samples[name][turn].append(ms)
                if name == "ours" and progress_not_saved(response):
                    not_saved[f"ours: {turn}"] += 1
    turns: list[dict[str, Any]] = []
    compared: dict[str, list[float]] = {"ours": [], "reference": []}
    excluded: list[str] = []
    for our_turn, reference_turn in ALIGNED.items():
        pair = {
            "ours": samples["ours"][our_turn],
            "reference": samples["reference"][reference_turn],
        }
        row: dict[str, Any] = {"turn": our_turn, "reference_turn": reference_turn}
        row |= {name: distribution(ms) for name, ms in pair.items()}
        if not_saved[f"ours: {our_turn}"]:
            row |= {"ratio_p50": None, "note": "our write failed on this backend: not compared"}
            excluded.append(our_turn)
        else:
            row["ratio_p50"] = ratio(row["ours"]["p50"], row["reference"]["p50"])
            for name, samples_ms in pair.items():
                compared[name] += samples_ms
        turns.append(row)
    every: dict[str, Any] = {name: distribution(ms) for name, ms in compared.items()}
    every |= {"excluded_turns": excluded}
    every["ratio_p50"] = ratio(every["ours"]["p50"], every["reference"]["p50"])
    return {"turns": turns, "all_turns": every, "progress_not_saved": dict(not_saved)}


def work(job: dict[str, Any]) -> dict[str, Any]:
    sys.path.insert(0, str(REPO_DIR / "lambda"))
    ours = importlib.import_module("lambda_function")
    reference = importlib.import_module(REFERENCE_MODULE)
    # Our skill built as lambda_handler builds it, but with a client we can hook.
    config = SkillConfig.from_env()
    client = progress_client(config.dynamodb_endpoint, config.region)
    store = DynamoProgressStore(config.table_name, client)
    latency = measure_latency(
        ours.lambda_handler, reference.lambda_handler, job["rounds"], job["warmup"], store
    )

    counter, reference_counter = CallCounter(), CallCounter()
    counter.attach(client)
    reference_counter.attach(reference.ddb_resource.meta.client)
    skill = BackStretchSkill(config, store=store)
    calls = {
        "ours": count_turns(skill.handle_payload, counter, OUR_STEPS),
        "reference": count_turns(reference.lambda_handler, reference_counter, REFERENCE_STEPS),
    }

    # The history goes to a table of its own (see Tables), read by a skill built on it.
    table = job["history_table"]
    history_store = DynamoProgressStore(table, client)
    history_skill = BackStretchSkill(replace(config, table_name=table), store=history_store)
    history = summary_against_history(
        history_skill.handle_payload,
        counter,
        lambda user_id, size: seed_history(client, history_store, table, user_id, size),
        job["history_sizes"],
        job["summary_repetitions"],
    )
    return {"latency": latency, "calls": calls, "summary_history": history}


if __name__ == "__main__":
    raise SystemExit(child_main(work))
