"""Run every benchmark in bench/ and print their numbers as one table.

A benchmark is any `bench/*_bench.py` script; it prints one `BENCH {json}` line per
measure (bench/common.py: golive's samples and a baseline's from the same run, as medians
with min-max spread, and their ratio; older scripts print case/metric/value) and anything
else it likes. The table goes to stdout, the rows to bench/results.json as well. Numbers,
not pass/fail: a slow result is reported, never turned into a failure.

    .venv/bin/python bench/run.py [NAME ...] [-- ARGS for every script]
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
PREFIX = "BENCH "
RESULTS_JSON = HERE / "results.json"


# what a person feels, in a real terminal, comes first in the table; then the rest
FIRST = ("feel_bench", "paint_bench", "idle_bench")


def discover(names: list[str]) -> list[Path]:
    scripts = sorted(HERE.glob("*_bench.py"),
                     key=lambda s: (FIRST.index(s.stem) if s.stem in FIRST else len(FIRST),
                                    s.stem))
    if names:
        scripts = [s for s in scripts if s.stem.removesuffix("_bench") in names
                   or s.stem in names]
    return scripts


def run(script: Path, extra: list[str]) -> tuple[list[dict[str, Any]], int, float]:
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, str(script), *extra], capture_output=True,
                          text=True)
    elapsed = time.perf_counter() - start
    rows = [json.loads(line[len(PREFIX):]) for line in proc.stdout.splitlines()
            if line.startswith(PREFIX)]
    if proc.returncode:
        sys.stderr.write(proc.stderr)
    return rows, proc.returncode, elapsed


def normalise(row: dict[str, Any]) -> dict[str, Any]:
    """An old-style row (case, metric, value) as a measure without a baseline."""
    if "measure" in row:
        return row
    return {"bench": row["bench"], "measure": f"{row['case']}: {row['metric']}",
            "unit": row.get("unit", ""), "golive": row["value"], "runs": 1}


def _num(value: float) -> str:
    return f"{value:,.3g}" if abs(value) < 100 else f"{value:,.0f}"


def _cell(row: dict[str, Any], key: str) -> str:
    if row.get(key) is None:
        return "–"
    text = f"{_num(row[key])} {row.get('unit', '')}".strip()
    lo_hi = row.get(f"{key}_spread")
    if lo_hi and row.get("runs", 1) > 1:
        text += f" ({_num(lo_hi[0])}–{_num(lo_hi[1])})"
    return text


def table(rows: list[dict[str, Any]]) -> str:
    """One row per measure: golive and its baseline from the same run as median (min–max),
    the ratio of the medians, the goal."""
    head = ("measure", "golive", "baseline (same run)", "ratio", "goal", "runs")
    cells = [head]
    for r in rows:
        base = _cell(r, "baseline")
        if r.get("baseline_name"):
            base = f"{base}: {r['baseline_name']}"
        ratio = f"{r['ratio']:.2f}×" if r.get("ratio") is not None else "–"
        cells.append((r["measure"], _cell(r, "golive"), base, ratio, r.get("goal") or "",
                      str(r.get("runs", 1))))
    widths = [max(len(c[i]) for c in cells) for i in range(len(head))]
    lines = ["| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |"
             for row in cells]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    names, extra = (argv[:argv.index("--")], argv[argv.index("--") + 1:]) if "--" in argv \
        else (argv, [])
    scripts = discover(names)
    if not scripts:
        print("no benchmarks found", file=sys.stderr)
        return 2
    all_rows: list[dict[str, Any]] = []
    failed = 0
    for script in scripts:
        print(f"running {script.name} …", file=sys.stderr, flush=True)
        rows, code, elapsed = run(script, extra)
        all_rows += rows
        if code:
            failed += 1
            print(f"{script.name}: exit {code} after {elapsed:.1f} s", file=sys.stderr)
    rows = [normalise(r) for r in all_rows]
    print(table(rows))
    RESULTS_JSON.write_text(json.dumps({"when": time.strftime("%Y-%m-%dT%H:%M:%SZ",
                                                              time.gmtime()),
                                        "python": sys.version.split()[0], "rows": rows},
                                       ensure_ascii=False, indent=1) + "\n")
    print(f"(also written to {RESULTS_JSON.relative_to(HERE.parent)})", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
