"""Percentiles and ratios of the benchmark's samples."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any


def percentile(samples: Sequence[float], q: float) -> float:
    """The q-th percentile (0..100), linearly interpolated between the closest ranks.

    >>> percentile([1.0, 2.0, 3.0, 4.0], 50)
    2.5
    """
    if not samples:
        raise ValueError("no samples")
    ordered = sorted(samples)
    rank = (len(ordered) - 1) * q / 100
    low, high = math.floor(rank), math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def distribution(samples: Sequence[float]) -> dict[str, Any]:
    """Milliseconds: how many samples, and where they fall.

    >>> distribution([2.0, 1.0, 3.0])["p50"]
    2.0
    """
    figures = {f"p{q}": percentile(samples, q) for q in (50, 95, 99)}
    figures |= {"mean": sum(samples) / len(samples), "min": min(samples), "max": max(samples)}
    return {"n": len(samples)} | {key: round(value, 4) for key, value in figures.items()}


def ratio(ours: float | None, reference: float | None) -> float | None:
    """ours / reference, or None when either is missing or the reference is zero."""
    if ours is None or reference is None or reference == 0:
        return None
    return round(ours / reference, 3)
