"""Run every benchmark in bench/ and print their numbers as one table.

A benchmark is any `bench/*_bench.py` script; it prints one `BENCH {json}` line per
number (keys: bench, case, metric, value, unit) and anything else it likes. Numbers, not
pass/fail: a slow result is reported, never turned into a failure.

    .venv/bin/python bench/run.py [NAME ...] [-- ARGS for every script]
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PREFIX = "BENCH "


def discover(names: list[str]) -> list[Path]:
    scripts = sorted(HERE.glob("*_bench.py"))
    if names:
        scripts = [s for s in scripts if s.stem.removesuffix("_bench") in names
                   or s.stem in names]
    return scripts


def run(script: Path, extra: list[str]) -> tuple[list[dict[str, object]], int, float]:
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, str(script), *extra], capture_output=True,
                          text=True)
    elapsed = time.perf_counter() - start
    rows = [json.loads(line[len(PREFIX):]) for line in proc.stdout.splitlines()
            if line.startswith(PREFIX)]
    if proc.returncode:
        sys.stderr.write(proc.stderr)
    return rows, proc.returncode, elapsed


def table(rows: list[dict[str, object]]) -> str:
    head = ("bench", "case", "metric", "value")
    cells = [head] + [(str(r["bench"]), str(r["case"]), str(r["metric"]),
                       f"{r['value']} {r.get('unit', '')}".strip()) for r in rows]
    widths = [max(len(c[i]) for c in cells) for i in range(len(head))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip()
             for row in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    names, extra = (argv[:argv.index("--")], argv[argv.index("--") + 1:]) if "--" in argv \
        else (argv, [])
    scripts = discover(names)
    if not scripts:
        print("no benchmarks found", file=sys.stderr)
        return 2
    all_rows: list[dict[str, object]] = []
    failed = 0
    for script in scripts:
        print(f"running {script.name} …", file=sys.stderr, flush=True)
        rows, code, elapsed = run(script, extra)
        all_rows += rows
        if code:
            failed += 1
            print(f"{script.name}: exit {code} after {elapsed:.1f} s", file=sys.stderr)
    print(table(all_rows))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
