"""The benchmark's figures as text: each section of the results read in one place, into the
table it prints and the targets it judges; the targets table is the one docs/benchmarks.md
quotes, printed in Markdown."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

TURN_P50_TARGET: Final = 1.2
VERIFY_RATIO_TARGET: Final = 2 / 3
# Cold start as shipped (bytecode): import + first turn against the reference (issue 10).
COLD_START_TARGET: Final = 0.9


@dataclass
class Part:
    """What one section shows: a titled table, lines under it, and the targets it judges."""

    title: str
    headers: Sequence[str] = ()
    rows: list[list[Any]] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)
    targets: list[dict[str, Any]] = field(default_factory=list)

    def judge(self, name: str, value: Any, goal: str, met: bool, detail: str) -> None:
        met = bool(met) and value is not None
        self.targets.append(
            {"target": name, "value": value, "goal": goal, "met": met, "detail": detail}
        )


def _latency(section: dict[str, Any], backend: str, meta: dict[str, Any]) -> Part:
    part = Part(
        f"Per-turn latency on {backend}, ms p50 / p95 / p99 ({meta['rounds']} rounds)",
        ["ours", "p50/p95/p99", "reference", "p50/p95/p99", "ratio p50"],
    )
    every = section["all_turns"]
    for t in [*section["turns"], every | {"turn": "all turns", "reference_turn": "all turns"}]:
        part.rows.append(
            [
                t["turn"],
                _dist(t["ours"]),
                t["reference_turn"],
                _dist(t["reference"]),
                t["ratio_p50"],
            ]
        )
    part.judge(
        f"per-turn p50, all turns, ours/reference ({backend})",
        every["ratio_p50"],
        f"<= {TURN_P50_TARGET}",
        (every["ratio_p50"] or 0) <= TURN_P50_TARGET,
        f"{every['ours']['p50']:.2f} ms vs {every['reference']['p50']:.2f} ms",
    )
    compared = [t for t in section["turns"] if t["ratio_p50"] is not None]
    worst = max(compared, key=lambda t: t["ratio_p50"])
    part.judge(
        f"per-turn p50, worst single turn ({backend})",
        worst["ratio_p50"],
        f"<= {TURN_P50_TARGET}",
        worst["ratio_p50"] <= TURN_P50_TARGET,
        f"{worst['turn']}: {worst['ours']['p50']:.2f} ms vs "
        f"{worst['reference_turn']} {worst['reference']['p50']:.2f} ms",
    )
    return part


def _calls(calls: dict[str, Any], _: str, __: dict[str, Any]) -> Part:
    part = Part(
        f"DynamoDB calls per turn (botocore before-call hook, {calls['backend']})",
        ["skill", "turn", "reads", "writes", "calls"],
    )
    for skill in ("ours", "reference"):
        for turn, cost in calls[skill].items():
            part.rows.append([skill, turn, cost["reads"], cost["writes"], _ops(cost["calls"])])
    ours = calls["ours"].items()
    reads, writes = (max(cost[kind] for _, cost in ours) for kind in ("reads", "writes"))
    over = [f"{turn}: {_ops(c['calls'])}" for turn, c in ours if c["reads"] > 1 or c["writes"] > 1]
    part.judge(
        "DynamoDB calls per turn, most reads / most writes",
        f"{reads} / {writes}",
        "<= 1 / <= 1",
        reads <= 1 and writes <= 1,
        "; ".join(over) or "every turn within",
    )
    return part


def _history(history: dict[str, Any], backend: str, _: dict[str, Any]) -> Part:
    part = Part(
        f"Weekly summary against history ({backend})",
        ["sessions", "calls", "items read", "ms p50/p95/p99"],
    )
    for row in history["rows"]:
        part.rows.append(
            [row["sessions"], _ops(row["calls"]), row["items_read"], _dist(row["latency_ms"])]
        )
    flat = history["flatness"]
    detail = (
        f"calls identical: {flat['calls_identical']}; items read (largest, previous): "
        f"{flat['items_read_largest_vs_previous']}; latency p50 largest/previous: "
        f"{flat['latency_p50_ratio_largest_vs_previous']}"
    )
    part.lines.append(f"  {detail}")
    sizes = [row["sessions"] for row in history["rows"]]
    part.judge(
        f"summary cost against history {sizes} ({backend})",
        "flat" if flat["flat"] else "grows",
        "flat",
        flat["flat"],
        detail,
    )
    return part


def _cold_start(cold: dict[str, Any], _: str, __: dict[str, Any]) -> Part:
    bundles = cold["bundles"]
    part = Part(
        f"Cold start, median of {cold['runs']} fresh interpreters (ours: {bundles['ours']}; "
        f"reference: {bundles['reference']})",
        ["bytecode", "bundle", "import ms", "1st turn ms", "both ms"],
    )
    conditions = cold["conditions"]
    for condition, figures in conditions.items():
        for name in ("ours", "reference"):
            f = figures[name]
            part.rows.append(
                [condition, name, f["import_ms"], f["first_turn_ms"], f["import_and_first_turn_ms"]]
            )
        ratios = [figures["ratio_import_ms"], "", figures["ratio_import_and_first_turn_ms"]]
        part.rows.append([condition, "ratio", *ratios])
    condition = "source" if "source" in conditions else "bytecode"
    figures = conditions[condition]
    ours, reference = figures["ours"], figures["reference"]
    part.judge(
        f"cold import, ours/reference ({condition})",
        figures["ratio_import_ms"],
        "<= 1.0",
        (figures["ratio_import_ms"] or 0) <= 1.0,
        f"{ours['import_ms']:.0f} ms vs {reference['import_ms']:.0f} ms; import + first turn: "
        f"{ours['import_and_first_turn_ms']:.0f} vs {reference['import_and_first_turn_ms']:.0f}"
        f" ms (x{figures['ratio_import_and_first_turn_ms']})",
    )
    shipped = conditions["bytecode"]
    both = shipped["ratio_import_and_first_turn_ms"]
    part.judge(
        "cold start as shipped (bytecode), import + first turn, ours/reference",
        both,
        f"<= {COLD_START_TARGET}",
        (both or 0) <= COLD_START_TARGET,
        f"{shipped['ours']['import_and_first_turn_ms']:.0f} ms vs "
        f"{shipped['reference']['import_and_first_turn_ms']:.0f} ms: ours builds its "
        "skill and DynamoDB client on the first request, the reference at import",
    )
    return part


def _throughput(section: dict[str, Any], backend: str, _: dict[str, Any]) -> Part:
    part = Part(
        f"Endpoint throughput on {backend}",
        ["verification", "requests", "req/s", "ms p50/p95/p99", "statuses", "chain fetches"],
    )
    part.lines.append(
        f"  {section['server']}; {section['concurrency']} connections from a separate "
        f"process; {section['pool']}; slices of {section['slice_seconds']} s alternating"
    )
    on, off = section["verify_on"], section["verify_off"]
    for mode, m in (("on", on), ("off", off)):
        part.rows.append(
            [
                mode,
                m["requests"],
                m["requests_per_second"],
                _dist(m["latency_ms"]),
                _ops(m["statuses"]),
                m["certificate_fetches"],
            ]
        )
    cost = section["verification_in_process"]["per_request_us"]
    part.lines.append(f"  ratio on/off: {section['ratio_rps']}; verify() alone: {cost} us/request")
    if section.get("backend_server_errors"):
        part.lines.append(
            f"  {backend} failed {section['backend_server_errors']} DynamoDB requests "
            "under concurrency (retried by botocore)"
        )
    part.judge(
        f"endpoint req/s, verification on/off ({backend})",
        section["ratio_rps"],
        ">= 0.667",
        (section["ratio_rps"] or 0) >= VERIFY_RATIO_TARGET,
        f"{on['requests_per_second']} vs {off['requests_per_second']} req/s; p99 "
        f"{on['latency_ms']['p99']:.1f} vs {off['latency_ms']['p99']:.1f} ms; "
        f"chain fetched {on['certificate_fetches']}x",
    )
    return part


Reader = Callable[[dict[str, Any], str, dict[str, Any]], Part]
# Each section of the results: its key, whether it holds one entry per backend, its reader.
SECTIONS: Final[tuple[tuple[str, bool, Reader], ...]] = (
    ("latency", True, _latency),
    ("dynamodb_calls", False, _calls),
    ("summary_history", True, _history),
    ("cold_start", False, _cold_start),
    ("throughput", True, _throughput),
)


def parts(results: dict[str, Any]) -> list[Part]:
    """Every section that is there, read; a failed one says why."""
    found: list[Part] = []
    for key, per_backend, read in SECTIONS:
        data = results.get(key)
        for backend, section in (data or {}).items() if per_backend else [("", data)]:
            if section is None or "error" in section:
                reason = section["error"] if section else "not measured"
                found.append(Part(f"{key} {backend}".strip(), lines=[f"  failed: {reason}"]))
            else:
                found.append(read(section, backend, results["meta"]))
    return found


def targets(results: dict[str, Any]) -> list[dict[str, Any]]:
    """Every target with the figure that judges it, and whether it is met."""
    return [target for part in parts(results) for target in part.targets]


def render(results: dict[str, Any]) -> str:
    """The whole report as text."""
    meta = results["meta"]
    quick = " [QUICK smoke run]" if meta["quick"] else ""
    out = [
        f"Back Stretch Coach benchmarks, {meta['date']}, {meta['nproc']} cores "
        f"({meta['machine']}), Python {meta['python']}{quick}",
        "",
        *(f"* {note}" for note in meta["notes"]),
    ]
    for part in parts(results):
        out += ["", part.title, *([table(part.headers, part.rows)] if part.rows else [])]
        out += part.lines
    rows = [
        [t["target"], _cell(t["value"], 3), t["goal"], "yes" if t["met"] else "NO", t["detail"]]
        for t in results["targets"]
    ]
    out += ["", "Targets", table(["target", "value", "goal", "met", "detail"], rows, "|")]
    return "\n".join(out)


def table(headers: Sequence[str], rows: Sequence[Sequence[Any]], edge: str = "") -> str:
    """Left-aligned columns, as wide as their widest cell; with ``edge`` "|", Markdown."""
    cells = [[_cell(value) for value in row] for row in [headers, *rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    cells.insert(1, ["-" * width for width in widths])
    gap = f" {edge} " if edge else "  "
    lines = [gap.join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in cells]
    return "\n".join(f"{edge} {line} {edge}".strip() for line in lines)


def _cell(value: Any, decimals: int = 2) -> str:
    """None as "-"; a float to two decimals, or three for a target (a miss by 0.003 shows)."""
    if value is None:
        return "-"
    return f"{value:.{decimals}f}" if isinstance(value, float) else str(value)


def _dist(d: dict[str, Any]) -> str:
    return f"{d['p50']:.2f} / {d['p95']:.2f} / {d['p99']:.2f}"


def _ops(calls: dict[str, int]) -> str:
    return ", ".join(f"{op} {n}" for op, n in calls.items()) or "none"
