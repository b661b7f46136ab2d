"""The one line every benchmark prints per measure, so bench/run.py can tabulate them.

A measure is golive's samples and, where there is one, a baseline's samples taken in the
same run (ratios matter on a shared machine; absolute times drift 2-3x between runs).
"""

from __future__ import annotations

import json
import statistics
from collections.abc import Sequence

PREFIX = "BENCH "


def spread(values: Sequence[float]) -> list[float]:
    return [round(min(values), 4), round(max(values), 4)]


def report(bench: str, measure: str, golive: Sequence[float],
           baseline: Sequence[float] | None, unit: str, *, goal: str = "",
           baseline_name: str = "", note: str = "") -> None:
    """One measure: medians, min-max spread and golive/baseline (of the medians)."""
    row: dict[str, object] = {"bench": bench, "measure": measure, "unit": unit,
                              "golive": round(statistics.median(golive), 4),
                              "golive_spread": spread(golive), "runs": len(golive),
                              "goal": goal, "note": note}
    if baseline:
        base = statistics.median(baseline)
        row.update(baseline=round(base, 4), baseline_spread=spread(baseline),
                   baseline_name=baseline_name,
                   ratio=round(statistics.median(golive) / base, 2) if base else None)
    print(PREFIX + json.dumps(row, ensure_ascii=False), flush=True)
