"""The benchmark's figures: assembled from what each part measured, judged against the
targets, and printed as plain-text tables."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

from bench.conversations import ALIGNED
from bench.stats import Distribution, ratio

TURN_P50_TARGET: Final = 1.2
VERIFY_RATIO_TARGET: Final = 2 / 3
# Cold start as shipped (bytecode): import + first turn against the reference (issue 10).
COLD_START_TARGET: Final = 0.9


def latency_section(worker: dict[str, Any]) -> dict[str, Any]:
    """Per-turn distributions for every player, and ours/reference p50 for aligned turns.

    A turn whose write failed on this backend (dynalite has no transactions) is left out of
    the comparison, together with the reference's turn at the same position.
    """
    samples: dict[str, dict[str, list[float]]] = worker["latency"]["samples"]
    not_saved: dict[str, int] = worker["latency"]["progress_not_saved"]
    ours, reference = samples["ours"], samples["reference"]
    progressive = samples.get("ours (progressive)", {})
    turns = []
    compared_ours: list[float] = []
    compared_reference: list[float] = []
    excluded = []
    for our_turn, reference_turn in ALIGNED.items():
        failed_write = not_saved.get(f"ours: {our_turn}", 0) > 0
        row: dict[str, Any] = {
            "turn": our_turn,
            "reference_turn": reference_turn,
            "ours": Distribution.of(ours[our_turn]).as_dict(),
            "reference": Distribution.of(reference[reference_turn]).as_dict(),
        }
        if our_turn in progressive:
            row["ours_progressive"] = Distribution.of(progressive[our_turn]).as_dict()
        if failed_write:
            row["ratio_p50"] = None
            row["note"] = "our write failed on this backend: not compared"
            excluded.append(our_turn)
        else:
            row["ratio_p50"] = ratio(row["ours"]["p50"], row["reference"]["p50"])
            compared_ours += ours[our_turn]
            compared_reference += reference[reference_turn]
        turns.append(row)
    every_turn: dict[str, Any] = {
        "ours": Distribution.of(compared_ours).as_dict(),
        "reference": Distribution.of(compared_reference).as_dict(),
        "excluded_turns": excluded,
    }
    every_turn["ratio_p50"] = ratio(every_turn["ours"]["p50"], every_turn["reference"]["p50"])
    if progressive:
        every_turn["ours_progressive"] = Distribution.of(
            [ms for turn in ALIGNED if turn not in excluded for ms in progressive[turn]]
        ).as_dict()
    return {"turns": turns, "all_turns": every_turn, "progress_not_saved": not_saved}


def flatness(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Whether the summary's cost stays the same as history grows (calls, items read)."""
    calls_same = all(row["calls"] == rows[0]["calls"] for row in rows)
    largest, previous = rows[-1], rows[-2] if len(rows) > 1 else rows[-1]
    return {
        "calls_identical": calls_same,
        "items_read_largest_vs_previous": [largest["items_read"], previous["items_read"]],
        "latency_p50_ratio_largest_vs_previous": ratio(
            largest["latency_ms"]["p50"], previous["latency_ms"]["p50"]
        ),
        "flat": calls_same and largest["items_read"] <= previous["items_read"],
    }


def targets(results: dict[str, Any]) -> list[dict[str, Any]]:
    """Every target with the figure that judges it, and whether it is met."""
    rows: list[dict[str, Any]] = []
    for backend, section in results.get("latency", {}).items():
        if "error" in section:
            continue
        every = section["all_turns"]
        compared = [t for t in section["turns"] if t["ratio_p50"] is not None]
        worst = max(compared, key=lambda t: t["ratio_p50"])
        rows.append(
            _target(
                f"per-turn p50, all turns, ours/reference ({backend})",
                every["ratio_p50"],
                f"<= {TURN_P50_TARGET}",
                every["ratio_p50"] is not None and every["ratio_p50"] <= TURN_P50_TARGET,
                f"{every['ours']['p50']:.2f} ms vs {every['reference']['p50']:.2f} ms",
            )
        )
        rows.append(
            _target(
                f"per-turn p50, worst single turn ({backend})",
                worst["ratio_p50"],
                f"<= {TURN_P50_TARGET}",
                worst["ratio_p50"] <= TURN_P50_TARGET,
                f"{worst['turn']}: {worst['ours']['p50']:.2f} ms vs "
                f"{worst['reference_turn']} {worst['reference']['p50']:.2f} ms",
            )
        )
    calls = results.get("dynamodb_calls", {})
    if "ours" in calls:
        per_turn = calls["ours"]
        reads = max(cost["reads"] for cost in per_turn.values())
        writes = max(cost["writes"] for cost in per_turn.values())
        over = [
            f"{turn}: {', '.join(f'{op} {n}' for op, n in cost['calls'].items())}"
            for turn, cost in per_turn.items()
            if cost["reads"] > 1 or cost["writes"] > 1
        ]
        rows.append(
            _target(
                "DynamoDB calls per turn, most reads / most writes",
                f"{reads} / {writes}",
                "<= 1 / <= 1",
                reads <= 1 and writes <= 1,
                "; ".join(over) or "every turn within",
            )
        )
    for backend, history in results.get("summary_history", {}).items():
        flat = history["flatness"]
        sizes = [row["sessions"] for row in history["rows"]]
        rows.append(
            _target(
                f"summary cost against history {sizes} ({backend})",
                "flat" if flat["flat"] else "grows",
                "flat",
                flat["flat"],
                f"calls identical: {flat['calls_identical']}; items read (largest, previous): "
                f"{flat['items_read_largest_vs_previous']}; latency p50 largest/previous: "
                f"{flat['latency_p50_ratio_largest_vs_previous']}",
            )
        )
    cold = results.get("cold_start", {})
    if "conditions" in cold:
        condition = "source" if "source" in cold["conditions"] else "bytecode"
        figures = cold["conditions"][condition]
        rows.append(
            _target(
                f"cold import, ours/reference ({condition})",
                figures["ratio_import_ms"],
                "<= 1.0",
                figures["ratio_import_ms"] is not None and figures["ratio_import_ms"] <= 1.0,
                f"{figures['ours']['import_ms']:.0f} ms vs {figures['reference']['import_ms']:.0f}"
                f" ms; import + first turn: {figures['ours']['import_and_first_turn_ms']:.0f} vs "
                f"{figures['reference']['import_and_first_turn_ms']:.0f} ms "
                f"(x{figures['ratio_import_and_first_turn_ms']})",
            )
        )
        shipped = cold["conditions"].get("bytecode")
        if shipped is not None:
            both = shipped["ratio_import_and_first_turn_ms"]
            rows.append(
                _target(
                    "cold start as shipped (bytecode), import + first turn, ours/reference",
                    both,
                    f"<= {COLD_START_TARGET}",
                    both is not None and both <= COLD_START_TARGET,
                    f"{shipped['ours']['import_and_first_turn_ms']:.0f} ms vs "
                    f"{shipped['reference']['import_and_first_turn_ms']:.0f} ms: ours builds its "
                    "skill and DynamoDB client on the first request, the reference at import",
                )
            )
    for backend, section in results.get("throughput", {}).items():
        if "error" in section:
            continue
        on, off = section["verify_on"], section["verify_off"]
        rows.append(
            _target(
                f"endpoint req/s, verification on/off ({backend})",
                section["ratio_rps"],
                ">= 0.667",
                section["ratio_rps"] is not None and section["ratio_rps"] >= VERIFY_RATIO_TARGET,
                f"{on['requests_per_second']} vs {off['requests_per_second']} req/s; p99 "
                f"{on['latency_ms']['p99']:.1f} vs {off['latency_ms']['p99']:.1f} ms; "
                f"chain fetched {on['certificate_fetches']}x",
            )
        )
    return rows


def _target(name: str, value: Any, target: str, met: bool, detail: str) -> dict[str, Any]:
    return {"target": name, "value": value, "goal": target, "met": bool(met), "detail": detail}


def _value(value: Any) -> str:
    """A target's figure: ratios to three decimals, so that a miss by 0.003 shows."""
    return f"{value:.3f}" if isinstance(value, float) else _cell(value)


# --- printing ---------------------------------------------------------------------------


def table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """Left-aligned columns, as wide as their widest cell."""
    cells = [[_cell(value) for value in row] for row in [headers, *rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
        for row in cells
    ]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(line.rstrip() for line in lines)


def _cell(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


def _dist(d: dict[str, Any] | None) -> str:
    if not d:
        return "-"
    return f"{d['p50']:.2f} / {d['p95']:.2f} / {d['p99']:.2f}"


def render(results: dict[str, Any]) -> str:
    """The whole report as text."""
    meta = results["meta"]
    quick = " [QUICK smoke run]" if meta["quick"] else ""
    out = [
        f"Back Stretch Coach benchmarks, {meta['date']}, {meta['nproc']} cores "
        f"({meta['machine']}), Python {meta['python']}{quick}",
        "",
    ]
    out += [f"* {note}" for note in meta["notes"]]
    for backend, section in results.get("latency", {}).items():
        out += ["", f"Per-turn latency on {backend}, ms p50 / p95 / p99 ({meta['rounds']} rounds)"]
        if "error" in section:
            out.append(f"  failed: {section['error']}")
            continue
        rows = [
            [
                t["turn"],
                _dist(t["ours"]),
                t["reference_turn"],
                _dist(t["reference"]),
                t["ratio_p50"],
                _dist(t.get("ours_progressive")),
            ]
            for t in section["turns"]
        ]
        every = section["all_turns"]
        rows.append(
            [
                "all turns",
                _dist(every["ours"]),
                "all turns",
                _dist(every["reference"]),
                every["ratio_p50"],
                _dist(every.get("ours_progressive")),
            ]
        )
        out.append(
            table(
                [
                    "ours",
                    "p50/p95/p99",
                    "reference",
                    "p50/p95/p99",
                    "ratio p50",
                    "ours+progressive",
                ],
                rows,
            )
        )
    calls = results.get("dynamodb_calls", {})
    if "ours" in calls:
        out += ["", f"DynamoDB calls per turn (botocore before-call hook, {calls['backend']})"]
        rows = [
            ["ours", turn, cost["reads"], cost["writes"], _ops(cost["calls"])]
            for turn, cost in calls["ours"].items()
        ]
        rows += [
            ["reference", turn, cost["reads"], cost["writes"], _ops(cost["calls"])]
            for turn, cost in calls["reference"].items()
        ]
        out.append(table(["skill", "turn", "reads", "writes", "calls"], rows))
    for backend, history in results.get("summary_history", {}).items():
        out += ["", f"Weekly summary against history ({backend})"]
        rows = [
            [
                row["sessions"],
                _ops(row["calls"]),
                row["items_read"],
                _dist(row["latency_ms"]),
            ]
            for row in history["rows"]
        ]
        out.append(table(["sessions", "calls", "items read", "ms p50/p95/p99"], rows))
        flat = history["flatness"]
        out.append(
            f"  calls identical: {flat['calls_identical']}; items read at the two largest: "
            f"{flat['items_read_largest_vs_previous']}; latency p50 largest/previous: "
            f"{flat['latency_p50_ratio_largest_vs_previous']}"
        )
    cold = results.get("cold_start", {})
    if "conditions" in cold:
        out += [
            "",
            f"Cold start, median of {cold['runs']} fresh interpreters (ours: "
            f"{cold['bundles']['ours']}; reference: {cold['bundles']['reference']})",
        ]
        rows = []
        for condition, figures in cold["conditions"].items():
            for name in ("ours", "reference"):
                f = figures[name]
                rows.append(
                    [
                        condition,
                        name,
                        f["import_ms"],
                        f["first_turn_ms"],
                        f["import_and_first_turn_ms"],
                        _top(f["importtime"]["top_packages"], 5),
                    ]
                )
            rows.append(
                [
                    condition,
                    "ratio",
                    figures["ratio_import_ms"],
                    "",
                    figures["ratio_import_and_first_turn_ms"],
                    "",
                ]
            )
        out.append(
            table(
                [
                    "bytecode",
                    "bundle",
                    "import ms",
                    "1st turn ms",
                    "both ms",
                    "top imports (own ms)",
                ],
                rows,
            )
        )
        for condition, figures in cold["conditions"].items():
            for name in ("ours", "reference"):
                out.append(
                    f"  top 10 import-time ({condition}, {name}): "
                    f"{_top(figures[name]['importtime']['top_packages'], 10)}"
                )
    elif "error" in cold:
        out += ["", f"Cold start failed: {cold['error']}"]
    for backend, section in results.get("throughput", {}).items():
        out += ["", f"Endpoint throughput on {backend}"]
        if "error" in section:
            out.append(f"  failed: {section['error']}")
            continue
        out.append(
            f"  {section['server']}; {section['concurrency']} connections from a separate "
            f"process; {section['pool']}; slices of {section['slice_seconds']} s alternating"
        )
        rows = [
            [
                mode,
                section[f"verify_{mode}"]["requests"],
                section[f"verify_{mode}"]["requests_per_second"],
                _dist(section[f"verify_{mode}"]["latency_ms"]),
                _ops(section[f"verify_{mode}"]["statuses"]),
                section[f"verify_{mode}"]["certificate_fetches"],
            ]
            for mode in ("on", "off")
        ]
        out.append(
            table(
                [
                    "verification",
                    "requests",
                    "req/s",
                    "ms p50/p95/p99",
                    "statuses",
                    "chain fetches",
                ],
                rows,
            )
        )
        cost = section["verification_in_process"]["per_request_us"]
        out.append(f"  ratio on/off: {section['ratio_rps']}; verify() alone: {cost} us/request")
        if section.get("backend_server_errors"):
            out.append(
                f"  {backend} failed {section['backend_server_errors']} DynamoDB requests "
                "under concurrency (retried by botocore; see bench/backends.py)"
            )
    out += ["", "Targets"]
    out.append(
        table(
            ["target", "value", "goal", "met", "detail"],
            [
                [
                    t["target"],
                    _value(t["value"]),
                    t["goal"],
                    "yes" if t["met"] else "NO",
                    t["detail"],
                ]
                for t in results["targets"]
            ],
        )
    )
    out += _missed_profiles(results)
    return "\n".join(out)


def _ops(calls: dict[str, int]) -> str:
    return ", ".join(f"{op} {n}" for op, n in calls.items()) or "none"


def _top(entries: list[dict[str, Any]], count: int) -> str:
    return ", ".join(f"{e['package']} {e['own_ms']:.0f}" for e in entries[:count])


def _profile_lines(title: str, profiled: dict[str, Any], count: int = 10) -> list[str]:
    lines = [f"  {title}: {profiled['total_ms']:.1f} ms own time in all"]
    lines.append(
        "    by package: "
        + ", ".join(
            f"{p['package']} {p['ms']:.1f} ({p['share']:.0%})"
            for p in profiled["own_time_by_package"][:8]
        )
    )
    for entry in profiled["by_own_time"][:count]:
        lines.append(
            f"    {entry['own_ms']:8.2f} own {entry['cumulative_ms']:8.2f} cum "
            f"{entry['calls']:6d}x {entry['function']}"
        )
    return lines


def _missed_profiles(results: dict[str, Any]) -> list[str]:
    missed = {t["target"] for t in results["targets"] if not t["met"]}
    lines: list[str] = []
    profiles = results.get("profiles", {})
    if any(name.startswith("per-turn") for name in missed) and "ours" in profiles:
        lines += ["", "Profile of per-turn work (cProfile, a few rounds each, moto)"]
        lines += _profile_lines("ours", profiles["ours"])
        lines += _profile_lines("reference", profiles["reference"], count=5)
    cold = results.get("cold_start", {}).get("conditions", {})
    if any(name.startswith("cold") for name in missed) and cold:
        condition = "source" if "source" in cold else "bytecode"
        lines += ["", f"Profile of the first turn in a fresh interpreter ({condition})"]
        for name in ("ours", "reference"):
            profiled = cold[condition][name]["first_turn_profile"]
            lines += _profile_lines(f"{name}, own time", profiled, count=5)
            lines.append("    by cumulative time:")
            lines += [
                f"    {entry['cumulative_ms']:8.2f} cum {entry['calls']:6d}x {entry['function']}"
                for entry in profiled["by_cumulative_time"][:10]
            ]
    if any(name.startswith("endpoint") for name in missed):
        for backend, section in results.get("throughput", {}).items():
            if "verification_in_process" in section:
                lines += ["", f"Profile of RequestVerifier.verify ({backend})"]
                lines += _profile_lines("verify", section["verification_in_process"]["profile"])
    return lines
