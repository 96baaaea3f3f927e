"""cProfile summaries small enough to print: the top functions, and time by package."""

from __future__ import annotations

import cProfile
import pstats
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any, Final

from bench.backends import REPO_DIR

_TOP: Final = 15

ProfileEntry = tuple[str, int, str, int, float, float]


def profile(work: Callable[[], object], *, top: int = _TOP) -> dict[str, Any]:
    """Run ``work`` under cProfile; its hottest functions (own time and cumulative) and its
    own time grouped by top-level package, in milliseconds."""
    profiler = cProfile.Profile()
    profiler.enable()
    try:
        work()
    finally:
        profiler.disable()
    raw: dict[Any, Any] = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    return summarize(
        [
            (filename, line, name, calls, own, cumulative)
            for (filename, line, name), (_, calls, own, cumulative, _) in raw.items()
        ],
        top=top,
    )


def summarize(entries: list[ProfileEntry], *, top: int = _TOP) -> dict[str, Any]:
    """The hottest of (file, line, function, calls, own s, cumulative s) entries, by own and
    by cumulative time, and own time by package."""
    rows: list[dict[str, Any]] = []
    by_package: defaultdict[str, float] = defaultdict(float)
    for filename, line, name, calls, own, cumulative in entries:
        where, package = _locate(filename)
        rows.append(
            {
                "function": f"{where}:{line}({name})",
                "calls": calls,
                "own_ms": round(own * 1000, 3),
                "cumulative_ms": round(cumulative * 1000, 3),
            }
        )
        by_package[package] += own * 1000
    total = sum(by_package.values())
    return {
        "total_ms": round(total, 3),
        "by_own_time": sorted(rows, key=lambda r: -r["own_ms"])[:top],
        "by_cumulative_time": sorted(rows, key=lambda r: -r["cumulative_ms"])[:top],
        "own_time_by_package": [
            {"package": name, "ms": round(ms, 3), "share": round(ms / total, 3) if total else 0}
            for name, ms in sorted(by_package.items(), key=lambda item: -item[1])[:top]
        ],
    }


def _locate(filename: str) -> tuple[str, str]:
    """(a short path, the top-level package or "stdlib"/"builtins") of profiled code."""
    if filename == "~" or filename.startswith("<"):
        return filename, "builtins"
    parts = Path(filename).parts
    for marker, skip in (("site-packages", 1), (".build", 2)):  # bench/.build/<bundle>/...
        if marker in parts:
            inside = parts[parts.index(marker) + skip :]
            return "/".join(inside), inside[0].removesuffix(".py")
    try:
        short = str(Path(filename).resolve().relative_to(REPO_DIR))
    except ValueError:
        return "/".join(parts[-2:]), "stdlib"
    if short.startswith("lambda/"):
        return short, short.split("/")[1].removesuffix(".py")
    if short.startswith("bench/reference"):
        return short, "reference skill"
    return short, "bench harness"
