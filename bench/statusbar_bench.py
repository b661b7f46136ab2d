"""The CLI as a status bar and the log as a row scan (issue 24), each against a baseline
measured in the same run, interleaved:

- `status --json` and `status --line` at 1,000 and 1,000,000 events against Python +
  sqlite3 answering a one-row query: wall time and CPU (user + system of the child) of
  fresh processes, as the real `golive` console script runs them;
- what `status --line` imports: modules and the sum of their self times (`-X importtime`);
- `verify`, export Markdown and export JSON in µs per event against a plain row scan of
  the same file (CPU of this process, steadier than wall time on a shared machine).

Files are the notes-only logs of bench/biglog.py, cached in --workdir (shared with
bench/startup_bench.py). Set PYTHONPATH to a source tree laid out as the package
(golive/, golive/data/, golive/widgets/) to measure another version the same way.

    .venv/bin/python bench/statusbar_bench.py [--runs 20] [--sizes 1000,1000000]
"""

from __future__ import annotations

import argparse
import os
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from common import report  # noqa: E402
from startup_bench import NOW, cached_file  # noqa: E402

from golive.data.log.eventlog import EVENT_COLUMNS  # noqa: E402
from golive.data.log.store import Store  # noqa: E402
from golive.data.log.verify import verify_file  # noqa: E402
from golive.data.outputs.export import write_export  # noqa: E402
from golive.data.time.clock import FixedClock, parse_instant  # noqa: E402

GOLIVE = [sys.executable, "-c", "import sys; from golive.cli import main; sys.exit(main())"]
BARE = [sys.executable, "-c", "import sqlite3, sys; print(sqlite3.connect(sys.argv[1])"
        ".execute('SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1').fetchone())"]


def env() -> dict[str, str]:
    """The bytecode cache allowed (an installed golive has its .pyc files)."""
    return {k: v for k, v in os.environ.items()
            if k not in ("GOLIVE_DB", "PYTHONDONTWRITEBYTECODE")}


def run(argv: list[str]) -> tuple[float, float]:
    """Wall and CPU milliseconds of one fresh process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(argv, capture_output=True, env=env(), timeout=600)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode not in (0, 1, 3):  # status: GO-READY, NO-GO, GO-READY rehearsal
        raise SystemExit(f"{argv} failed:\n{proc.stderr.decode()}")
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return wall * 1000, cpu * 1000


def imports(argv: list[str], runs: int) -> tuple[list[float], list[float]]:
    """Modules imported and the sum of their self times (ms), per run."""
    counts, totals = [], []
    for _ in range(runs):
        proc = subprocess.run([sys.executable, "-X", "importtime", *argv[1:]],
                              capture_output=True, text=True, env=env(), timeout=600)
        rows = [line.split("|") for line in proc.stderr.splitlines()
                if line.startswith("import time:") and "self [us]" not in line]
        counts.append(float(len(rows)))
        totals.append(sum(int(r[0].split(":")[1]) for r in rows) / 1000)
    return counts, totals


def row_scan(path: Path) -> None:
    conn = sqlite3.connect(path)
    try:
        for _row in conn.execute(f"SELECT {EVENT_COLUMNS} FROM events ORDER BY seq"):
            pass
    finally:
        conn.close()


def cpu_of(fn: Callable[[], object]) -> float:
    start = time.process_time()
    fn()
    return time.process_time() - start


def events(n: int) -> str:
    return f"{n:,} event" + ("s" if n != 1 else "")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/golive-startup-bench"))
    ap.add_argument("--sizes", default="1000,1000000")
    args = ap.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    sizes = [int(s) for s in args.sizes.split(",")]
    files = {n: cached_file(args.workdir, n, False)[0] for n in sizes}
    for path in files.values():  # the schema migration (indexes) is not timed
        Store.open(path, FixedClock(parse_instant(NOW, "Europe/Berlin"))).close()

    for n, path in files.items():
        status = [*GOLIVE, "--db", str(path), "--now", NOW, "status"]
        cases = {"--json": [*status, "--json"], "--line": [*status, "--line"],
                 "bare": [*BARE, str(path)]}
        for argv in cases.values():  # bytecode caches written, the file in the page cache
            run(argv)
        samples: dict[str, list[tuple[float, float]]] = {name: [] for name in cases}
        for _ in range(args.runs):  # interleaved, so drift hits each alike
            for name, argv in cases.items():
                samples[name].append(run(argv))
        base_wall = [w for w, _ in samples["bare"]]
        base_cpu = [c for _, c in samples["bare"]]
        for shape in ("--json", "--line"):
            report("statusbar", f"status {shape}, {events(n)}", [w for w, _ in samples[shape]],
                   base_wall, "ms", goal="≤ 2×", baseline_name="Python + sqlite3 one-row query")
            report("statusbar", f"status {shape}, {events(n)}, CPU",
                   [c for _, c in samples[shape]], base_cpu, "ms", goal="≤ 2×",
                   baseline_name="Python + sqlite3 one-row query")

    small = files[min(sizes)]
    counts, totals = imports([*GOLIVE, "--db", str(small), "--now", NOW, "status", "--line"],
                             max(3, args.runs // 4))
    bare_counts, bare_totals = imports([*BARE, str(small)], max(3, args.runs // 4))
    report("statusbar", "status --line: modules imported", counts, bare_counts, "modules",
           baseline_name="Python + sqlite3 one-row query")
    report("statusbar", "status --line: sum of import self times", totals, bare_totals, "ms",
           baseline_name="Python + sqlite3 one-row query")

    n = max(sizes)
    path = files[n]
    per_event = 1e6 / n
    store = Store.open(path, FixedClock(parse_instant(NOW, "Europe/Berlin")))
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        jobs: dict[str, Callable[[], object]] = {
            "verify": lambda: verify_file(path),
            "export md": lambda: write_export(store, out, fmt="md"),
            "export json": lambda: write_export(store, out, fmt="json"),
        }
        for name, job in jobs.items():
            ours, base = [], []
            for _ in range(max(1, args.runs // 7)):
                base.append(cpu_of(lambda: row_scan(path)) * per_event)
                ours.append(cpu_of(job) * per_event)
                for old in out.iterdir():
                    old.unlink()
            report("statusbar", f"{name}, {events(n)}, CPU per event", ours, base, "µs",
                   goal="≤ 2×" if name == "verify" else "≤ 3×",
                   baseline_name="Python reading every row")
    store.close()


if __name__ == "__main__":
    main()
