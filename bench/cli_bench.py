"""The shell interface on long logs, each against a baseline measured in the same run:

- `status --json` (1 event) against Python + sqlite3 answering a one-row query;
- `status --at` against plain `status` on the same file (1, 100,000, 1,000,000 events):
  flat means the ratio stays near 1 as the log grows;
- `verify` against a plain row scan (Python reading every row of `events`);
- export Markdown and JSON against the same row scan, and their peak memory
  (tracemalloc) at a tenth of the events and at all of them: flat means about equal.

Files are the notes-only logs of bench/biglog.py, cached in --workdir (shared with
bench/startup_bench.py). Subprocess timings are wall time of fresh processes, with Python's
bytecode cache allowed (PYTHONDONTWRITEBYTECODE would make every run compile golive).

    .venv/bin/python bench/cli_bench.py [--runs 5] [--sizes 1,100000,1000000]
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from common import report  # noqa: E402
from startup_bench import NOW, cached_file, golive_command  # noqa: E402

from golive.data.log.eventlog import EVENT_COLUMNS  # noqa: E402
from golive.data.log.store import Store  # noqa: E402
from golive.data.log.verify import verify_file  # noqa: E402
from golive.data.outputs.export import write_export  # noqa: E402
from golive.data.time.clock import FixedClock, parse_instant  # noqa: E402

AT = "2026-03-05T02:00:00"  # local: inside the notes of the big files


def env() -> dict[str, str]:
    e = {k: v for k, v in os.environ.items()
         if k not in ("GOLIVE_DB", "PYTHONDONTWRITEBYTECODE")}
    return e


def wall(argv: list[str]) -> float:
    start = time.perf_counter()
    proc = subprocess.run(argv, capture_output=True, env=env(), timeout=600)
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1, 3):  # status: GO-READY, NO-GO, GO-READY rehearsal
        raise SystemExit(f"{argv} failed:\n{proc.stderr.decode()}")
    return elapsed


def timed(fn: Callable[[], object], cpu: list[float] | None = None) -> float:
    """Wall seconds of fn(); its CPU seconds (steadier on a shared machine) go to `cpu`."""
    start, start_cpu = time.perf_counter(), time.process_time()
    fn()
    if cpu is not None:
        cpu.append(time.process_time() - start_cpu)
    return time.perf_counter() - start


def events(n: int) -> str:
    return f"{n:,} event" + ("s" if n != 1 else "")


def row_scan(path: Path) -> None:
    conn = sqlite3.connect(path)
    try:
        for _row in conn.execute(f"SELECT {EVENT_COLUMNS} FROM events ORDER BY seq"):
            pass
    finally:
        conn.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/golive-startup-bench"))
    ap.add_argument("--sizes", default="1,100000,1000000")
    args = ap.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    sizes = [int(s) for s in args.sizes.split(",")]
    files = {n: cached_file(args.workdir, n, False)[0] for n in sizes}
    for path in files.values():  # the schema migration (indexes) is not timed
        Store.open(path, FixedClock(parse_instant(NOW, "Europe/Berlin"))).close()
    golive = golive_command()
    bare = [sys.executable, "-c", "import sqlite3, sys; print(sqlite3.connect(sys.argv[1])"
            ".execute('SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1').fetchone())"]

    def status(path: Path, *extra: str) -> list[str]:
        return [*golive, "--db", str(path), "--now", NOW, "status", "--json", *extra]

    small = files[min(sizes)]
    wall(status(small)), wall([*bare, str(small)])  # write bytecode caches, warm the OS
    ours, base = [], []
    for _ in range(args.runs):  # interleaved, so drift hits both alike
        ours.append(wall(status(small)) * 1000)
        base.append(wall([*bare, str(small)]) * 1000)
    report("cli", f"status --json, {events(min(sizes))}", ours, base, "ms",
           goal="≤ 2×", baseline_name="Python + sqlite3 one-row query")

    for n, path in files.items():
        ours, base = [], []
        for _ in range(args.runs):
            ours.append(wall(status(path, "--at", AT)) * 1000)
            base.append(wall(status(path)) * 1000)
        report("cli", f"status --at, {events(n)}", ours, base, "ms",
               goal="≤ 2× plain status at 1M, flat in n", baseline_name="plain status")

    big = [n for n in sizes if n >= 100_000]
    for n in big:
        path = files[n]
        ours, base, ours_cpu, base_cpu = [], [], [], []
        for _ in range(max(1, args.runs // 2)):
            base.append(timed(lambda p=path: row_scan(p), base_cpu))
            ours.append(timed(lambda p=path: verify_file(p), ours_cpu))
        report("cli", f"verify, {n:,} events", ours, base, "s", goal="≤ 3×",
               baseline_name="Python reading every row")
        report("cli", f"verify, {n:,} events, CPU", ours_cpu, base_cpu, "s", goal="≤ 3×",
               baseline_name="Python reading every row")

    n = min(big, default=None) if big else None
    if n is None:
        return
    path = files[n]
    store = Store.open(path, FixedClock(parse_instant(NOW, "Europe/Berlin")))
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        for fmt in ("md", "json"):
            ours, base, ours_cpu, base_cpu = [], [], [], []
            for _ in range(max(1, args.runs // 2)):
                base.append(timed(lambda: row_scan(path), base_cpu))
                ours.append(timed(lambda f=fmt: write_export(store, out, fmt=f), ours_cpu))
            for label, o, b in (("", ours, base), (", CPU", ours_cpu, base_cpu)):
                report("cli", f"export {fmt}, {n:,} events{label}", o, b, "s",
                       goal="≤ 1 s per 100k on a quiet run",
                       baseline_name="Python reading every row")
        tenth = Path(tmp) / "tenth.sqlite"
        import biglog

        biglog.build(tenth, n // 10)
        small_store = Store.open(tenth, store.clock)
        for fmt in ("md", "json"):
            peaks = []
            for s in (small_store, store):
                tracemalloc.start()
                write_export(s, out, fmt=fmt)
                peaks.append(tracemalloc.get_traced_memory()[1] / 2**20)
                tracemalloc.stop()
            report("cli", f"export {fmt} peak memory, {n:,} vs {n // 10:,} events",
                   [peaks[1]], [peaks[0]], "MiB", goal="flat (ratio ≈ 1)",
                   baseline_name=f"same export of {n // 10:,} events")
        small_store.close()
    store.close()


if __name__ == "__main__":
    main()
