"""HEADLESS PROXY of a key -> durable event -> repainted panel, against a bare app doing
the same work. What a person feels is measured in a real terminal by bench/feel_bench.py;
this harness adds ~85 ms of its own waits to both apps and checks durability only by the
final count, so its rows are labelled as a proxy.

golive: the communication panel focused ("3"), `space` ticks its first task: a WAL
`synchronous=FULL` transaction through Store.apply, then the panel repainted. A done task
asks before it is reopened, so every other timed key is `enter` in that question (the
`space` that opens it is not timed), as in feel_bench.py. The files are real ones
(biglog real=True, not rehearsals), so golive runs on the wall clock: a real file refuses
writes from a fixed clock, and a refusal is not what is timed here (the count of new
events is checked after the run). Bare: a Textual app whose
`space` inserts one row into a WAL FULL SQLite file and updates a Static. Both headless
(`run_test`, 120x40): each sample is the wall time of `await pilot.press("space")` plus
one `await pilot.pause()`, i.e. until the key was handled and the screen refreshed. The
1,000,000-event case writes to a copy of the cached file of bench/startup_bench.py.

    .venv/bin/python bench/key_bench.py [--presses 60] [--sizes 1,1000000]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")

from common import report  # noqa: E402
from startup_bench import ZONE, cached_file  # noqa: E402


def p99(values: list[float]) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[98]


async def presses(app, count: int, check, reopen=False):  # type: ignore[no-untyped-def]
    """Wall and CPU milliseconds per press; the wall time includes the harness's idle
    waits (alike for both apps), the CPU time is the work itself. With `reopen`, every
    other timed key is `enter` in the question an untimed `space` opened."""
    samples, cpu = [], []
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await check(pilot, None)
        for n in range(count + 5):
            key = "space"
            if reopen and n % 2:
                await pilot.press("space")
                await pilot.pause()
                key = "enter"
            start, start_cpu = time.perf_counter(), time.process_time()
            await pilot.press(key)
            await pilot.pause()
            samples.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
        await check(pilot, count + 5)
    return samples[5:], cpu[5:]  # the first presses warm caches


def bare_samples(db: Path, count: int) -> tuple[list[float], list[float]]:
    from textual.app import App, ComposeResult
    from textual.widgets import Footer, Static

    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("CREATE TABLE IF NOT EXISTS t (n INTEGER PRIMARY KEY, at TEXT)")

    class Bare(App[None]):
        BINDINGS = [("space", "write", "write")]

        def compose(self) -> ComposeResult:
            yield Static("0", id="n")
            yield Footer()

        def action_write(self) -> None:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("INSERT INTO t (at) VALUES (?)", (time.time(),))
            conn.execute("COMMIT")
            n = conn.execute("SELECT count(*) FROM t").fetchone()[0]
            self.query_one("#n", Static).update(str(n))

    async def check(pilot, expected):  # type: ignore[no-untyped-def]
        if expected is not None:
            assert conn.execute("SELECT count(*) FROM t").fetchone()[0] == expected

    try:
        return asyncio.run(presses(Bare(), count, check))
    finally:
        conn.close()


def golive_samples(db: Path, count: int) -> tuple[list[float], list[float]]:
    from golive.cockpit import make_app
    from golive.data.log.store import Store
    from golive.data.time.clock import RealClock

    store = Store.open(db, RealClock(ZONE))
    before = store.event_count()
    app = make_app(store, "bench", bell_on_checkpoint=False)

    async def check(pilot, expected):  # type: ignore[no-untyped-def]
        if expected is None:
            await pilot.press("3")  # the communication tasks
            await pilot.pause()

    try:
        samples = asyncio.run(presses(app, count, check, reopen=True))
        # outside the app: an exception inside run_test would end the app, not the bench
        if store.event_count() != before + count + 5:
            raise SystemExit(f"expected {count + 5} new events, found "
                             f"{store.event_count() - before}")
        return samples
    finally:
        store.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--presses", type=int, default=60)
    ap.add_argument("--sizes", default="1,1000000")
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/golive-startup-bench"))
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(dir=args.workdir if args.workdir.is_dir() else None
                                     ) as tmp:
        base = bare_samples(Path(tmp) / "bare.sqlite", args.presses)
        for n in (int(s) for s in args.sizes.split(",")):
            copy = Path(tmp) / f"golive-{n}.sqlite"
            shutil.copy(cached_file(args.workdir, n, False, real=True)[0], copy)
            ours = golive_samples(copy, args.presses)
            for kind, o, b in (("", ours[0], base[0]), (" CPU", ours[1], base[1])):
                for name, pick in (("p50", statistics.median), ("p99", p99)):
                    report("key", "headless proxy: key → durable event → repainted "
                           f"panel,{kind} {name}, {n:,} event{'s' * (n != 1)}", [pick(o)],
                           [pick(b)], "ms",
                           goal="≤ 1.3×", baseline_name="bare app: WAL FULL insert + Static",
                           note=f"{args.presses} presses each")


if __name__ == "__main__":
    main()
