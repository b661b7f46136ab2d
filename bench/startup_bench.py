"""How fast the cockpit opens on a large log, compared with a bare Textual app.

The claim (issue 3): "a file with 1,000,000 events opens as fast as an empty one". Files
with 1 event (the plan only), 100,000 and 1,000,000 events are built by bench/biglog.py
(notes inserted straight into SQLite with the real hash chain; checked once with
Store.verify) and cached in --workdir. Every measurement runs in a fresh process:

- cockpit: process start -> the first `await pilot.pause()` (in `run_test(size=(120, 40))`,
  headless) after which the board is shown, the log knows its count, is scrolled to the
  end, and the page holding the last event has been fetched by the log's render_line (so
  the last rows were drawn). Peak RSS of that process. Then "6" + "home": time until the
  top row is drawn, once with the page cache as it is (warm) and once after
  `LogView.set_count(count, reset=True)` emptied it (cold: the top page comes from disk).
- bare: the same for a Textual App with a Static and a Footer.
- status: wall time of `golive status --json` (the console script).

"Process start" is the parent's clock just before it spawns the child (CLOCK_MONOTONIC is
shared between processes), so interpreter start-up and imports are included.

    .venv/bin/python bench/startup_bench.py [--runs 7] [--workdir DIR] [--no-results]

Prints one `BENCH {json}` line per number for bench/run.py, a table, and rewrites the
generated part of "Startup with large logs" in bench/RESULTS.md (text after the end
marker in that section is kept).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import report as common_report  # noqa: E402

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "RESULTS.md"
SECTION = "## Startup with large logs"
END_MARK = "<!-- end of numbers written by bench/startup_bench.py -->"
SIZES = (1, 100_000, 1_000_000)
NOW = "2026-03-06T09:00:00"  # = biglog.NOW; repeated so the bare child never imports golive
ZONE = "Europe/Berlin"
SIZE = (120, 40)


# --- the child processes (only the standard library is imported before the marks) -------

def _rss_mib() -> float:
    """Peak resident set of this process image. ru_maxrss is carried across execve on
    Linux, so in a child it is at least the parent's peak at spawn time (the parent has
    just verified a million events); VmHWM belongs to the new address space only."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def child_bare(out: dict[str, Any], header: bool = False) -> None:
    """The bare app: a Static and a Footer, and with `header` also a Header (the baseline
    issue 10 was measured against; the Static and Footer alone are the stricter one)."""
    import asyncio

    from textual.app import App, ComposeResult
    from textual.widgets import Footer, Header, Static

    out["imports"] = time.monotonic()

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            if header:
                yield Header()
            yield Static("golive startup baseline: a Static and a Footer")
            yield Footer()

    async def run() -> None:
        app = Bare()
        async with app.run_test(size=SIZE) as pilot:
            out["ready"] = time.monotonic()
            await pilot.pause()
            out["painted"] = time.monotonic()
            out["cpu"] = time.process_time()

    asyncio.run(run())


def child_cockpit(out: dict[str, Any], path: str, expected: int) -> None:
    import asyncio

    from golive import cockpit
    from golive.cockpit import make_app
    from golive.data.log.store import Store
    from golive.data.time.clock import FixedClock, parse_instant
    from golive.widgets.log_view import PAGE, LogView

    out["imports"] = time.monotonic()
    store = Store.open(path, FixedClock(parse_instant(NOW, ZONE)))
    out["open"] = time.monotonic()
    settle = getattr(cockpit, "settle_imports", None)  # absent in older checkouts (--before)
    if settle is not None:
        settle()  # as run_cockpit does between opening the store and the app

    # every read of events, by anyone: (first seq asked, rows read, seconds incl. formatting)
    fetched: list[tuple[int, int, float]] = []
    events = store.events

    def counted(start: int = 1, limit: int | None = None):  # type: ignore[no-untyped-def]
        t, n = time.perf_counter(), 0
        for event in events(start, limit):
            n += 1
            yield event
        fetched.append((start, n, time.perf_counter() - t))

    store.events = counted  # type: ignore[method-assign]
    last_page_seq = (expected - 1) // PAGE * PAGE + 1

    def drew(seq: int, since: int) -> bool:
        return any(start == seq for start, _, _ in fetched[since:])

    async def run() -> None:
        app = make_app(store, "bench", bell_on_checkpoint=False)
        async with app.run_test(size=SIZE) as pilot:
            out["ready"] = time.monotonic()
            log = app.screen.query_one(LogView)
            pauses = 0
            while True:
                await pilot.pause()
                pauses += 1
                if (app.board is not None and log.count == expected
                        and log.is_vertical_scroll_end and drew(last_page_seq, 0)):
                    break
                if pauses == 500:
                    raise SystemExit("the cockpit never showed the end of the log")
            out["painted"] = time.monotonic()
            out["cpu"] = time.process_time()
            out["pauses"] = pauses
            out["open_fetches"] = [(s, n) for s, n, _ in fetched]
            out["open_rows"] = sum(n for _, n, _ in fetched)
            out["open_fetch_s"] = sum(d for _, _, d in fetched)

            await pilot.press("6")
            await pilot.pause()
            if app.focused is not log:
                raise SystemExit("key 6 did not focus the log")
            for label in ("warm", "cold"):
                reset = len(fetched)
                if label == "cold":
                    await pilot.press("end")
                    await pilot.pause()
                    reset = len(fetched)
                    log.set_count(log.count, reset=True)  # forget every page
                    await pilot.pause()  # draws the end again, from disk
                since = len(fetched)
                start = time.monotonic()
                await pilot.press("home")
                for _ in range(500):
                    # cold: event 1 read from disk since the reset (a one-page log reads
                    # it when the reset redraws, not after "home")
                    if log.scroll_offset.y == 0 and (label == "warm" or drew(1, reset)):
                        break
                    await pilot.pause()
                else:
                    raise SystemExit(f"home ({label}) never showed the top of the log")
                out[f"home_{label}"] = time.monotonic() - start
                out[f"home_{label}_fetches"] = [(s, n) for s, n, _ in fetched[since:]]
                out[f"home_{label}_fetch_s"] = sum(d for _, _, d in fetched[since:])

    asyncio.run(run())
    store.close()


def child(argv: list[str]) -> None:
    out: dict[str, Any] = {"python": time.monotonic()}
    if argv[0] in ("bare", "bare-header"):
        child_bare(out, header=argv[0] == "bare-header")
    else:
        child_cockpit(out, argv[1], int(argv[2]))
    out["rss_mib"] = _rss_mib()
    print("CHILD " + json.dumps(out), flush=True)


# --- the parent ----------------------------------------------------------------------------

def spawn(args: list[str], pythonpath: str | None = None) -> dict[str, Any]:
    env = dict(os.environ, TEXTUAL_ANIMATIONS="none")
    if pythonpath:
        env["PYTHONPATH"] = pythonpath
    env.pop("GOLIVE_DB", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: golive's bytecode is cached
    start = time.monotonic()
    proc = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--child", *args],
                          capture_output=True, text=True, env=env, timeout=600)
    if proc.returncode:
        raise SystemExit(f"child {args} failed:\n{proc.stderr}")
    line = next(x for x in proc.stdout.splitlines() if x.startswith("CHILD "))
    out = json.loads(line[len("CHILD "):])
    for key in ("python", "imports", "open", "ready", "painted"):
        if key in out:
            out[key] -= start
    return out


def golive_command() -> list[str]:
    script = Path(sys.executable).with_name("golive")
    return [str(script)] if script.exists() else [sys.executable, "-m", "golive"]


def time_status(path: Path, expected: int) -> float:
    env = dict(os.environ)
    env.pop("GOLIVE_DB", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    start = time.monotonic()
    proc = subprocess.run([*golive_command(), "--db", str(path), "--now", NOW, "status",
                           "--json"], capture_output=True, text=True, env=env, timeout=600)
    elapsed = time.monotonic() - start
    if proc.returncode not in (0, 1, 3) or json.loads(proc.stdout)["events"] != expected:
        raise SystemExit(f"golive status failed on {path}:\n{proc.stderr}")
    return elapsed


def cached_file(workdir: Path, events: int, rebuild: bool, *, real: bool = False
                ) -> tuple[Path, dict[str, Any]]:
    """The file with `events` events, reused when its recorded count and head still match
    (and it passed Store.verify when built); built, verified and recorded otherwise. A
    rehearsal file unless `real` (biglog.build)."""
    import biglog

    from golive.data.log.dbfile import StoreError
    from golive.data.log.store import Store

    path = workdir / f"golive-{'real-' * real}{events}-v{biglog.VERSION}.sqlite"
    meta_path = path.with_suffix(".json")
    if not rebuild and path.exists() and meta_path.exists():
        try:
            meta = json.loads(meta_path.read_text())
            store = Store.open(path, biglog.now_clock())
            try:
                valid = (meta["verify_ok"] and store.event_count() == events == meta["events"]
                         and store.head() == meta["head"])
            finally:
                store.close()
            if valid:
                return path, {**meta, "cached": True}
        except (OSError, ValueError, KeyError, StoreError):
            pass
    for stale in (path, meta_path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        stale.unlink(missing_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    for stale in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
        stale.unlink(missing_ok=True)
    print(f"building {path.name} …", file=sys.stderr, flush=True)
    start = time.perf_counter()
    head = biglog.build(tmp, events, real=real)
    build_s = time.perf_counter() - start
    store = Store.open(tmp, biglog.now_clock())
    start = time.perf_counter()
    check = store.verify()
    verify_s = time.perf_counter() - start
    store.close()
    if not check.ok or check.events != events or check.head != head:
        raise SystemExit(f"{tmp}: the built file does not verify: {check.problems}")
    os.replace(tmp, path)
    # remembered under its own name, as for a file golive wrote itself (biglog.build
    # remembered the temporary name): opening it walks nothing, as on go-live day
    from golive.data.log import seen_heads

    with sqlite3.connect(path) as conn:
        genesis = conn.execute("SELECT hash FROM events WHERE seq = 1").fetchone()[0]
    assert check.trusted is not None
    seen_heads.record(path, genesis, check.trusted, replace=True)
    meta = {"events": events, "head": head, "build_s": build_s, "verify_s": verify_s,
            "verify_ok": True, "mib": path.stat().st_size / 2**20}
    meta_path.write_text(json.dumps(meta))
    return path, {**meta, "cached": False}


def summary(values: list[float]) -> tuple[float, float]:
    return statistics.median(values), min(values)


def machine() -> str:
    import sqlite3
    from importlib.metadata import version

    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kib / 2**20:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return (f"{os.cpu_count()} vCPU {cpu}{mem}, {platform.system()} {platform.release()}, "
            f"CPython {platform.python_version()}, SQLite {sqlite3.sqlite_version}, "
            f"Textual {version('textual')}")


def fmt_ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f}"


def markdown(rows: list[dict[str, Any]], bare: dict[str, Any], runs: int,
             files: dict[int, dict[str, Any]]) -> str:
    today = time.strftime("%Y-%m-%d")
    lines = [
        SECTION, "",
        "Claim (issue 3): a file with 1,000,000 events opens as fast as an empty one. Measured "
        "with `bench/startup_bench.py`.", "",
        f"Machine: {machine()}, local disk. Measured {today}, {runs} fresh processes per "
        "number (median, best); `TEXTUAL_ANIMATIONS=none`.", "",
        "Method: each number comes from a new process. *Open* is the time from the parent "
        "spawning the child (its `CLOCK_MONOTONIC`, shared with the child) to the first "
        "`await pilot.pause()` of `app.run_test(size=(120, 40))` (headless) after which the "
        "board is shown, the log holds the file's count, is scrolled to its end and the page "
        "with the last event has been fetched by the log's `render_line`, i.e. drawn. It "
        "includes interpreter start-up, imports and `Store.open`. `pilot.pause()` waits for "
        "the process to go idle in 20 ms steps, so every open time carries that granularity; "
        "the bare app (a `Static` and a `Footer`) goes through the same wait. *Home* is "
        "\"6\" then \"home\" on the focused log, timed from the `home` key to the pause in "
        "which the top row is on screen: *warm* with the page cache as it was after opening, "
        "*cold* after `LogView.set_count(count, reset=True)` emptied it, so event 1 is read "
        "from disk. Both include Textual's key-press idle waits (about 40 ms). *Status* is "
        "the wall time of `golive status --json` (the console script). *Peak RSS* is the "
        "child's `VmHWM` from `/proc/self/status` (its `ru_maxrss` would include the "
        "parent's peak: Linux carries it across `execve`).", "",
        "Files: event 1 is the plan, the rest are notes 50 ms apart, written by "
        "`bench/biglog.py` (executemany in transactions of 50,000 through the append-only "
        "trigger, real hash chain, `state.notes` updated as `Store.apply` does; rows are "
        "byte-identical to what `Store.apply(Note(...))` writes, see "
        "`tests/unit/test_large_log.py`).", "",
        "| events | file MiB | build s | `Store.verify` s |",
        "|---:|---:|---:|---:|",
    ]
    for n, meta in files.items():
        lines.append(f"| {n:,} | {meta['mib']:.1f} | {meta['build_s']:.1f} | "
                     f"{meta['verify_s']:.1f} |")
    lines += [
        "", "Times in milliseconds, median (best):", "",
        "| app | events | open | start-up + imports | open after imports | `Store.open` | "
        "events read while opening | peak RSS MiB | home warm | home cold | "
        "`status --json` |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        f"| bare Textual | – | **{fmt_ms(bare['painted'][0])}** ({fmt_ms(bare['painted'][1])}) "
        f"| {fmt_ms(bare['imports'][0])} | {fmt_ms(bare['after'][0])} "
        f"({fmt_ms(bare['after'][1])}) | – | – | {bare['rss_mib'][0]:.0f} | – | – | – |",
    ]
    for r in rows:
        lines.append(
            f"| cockpit | {r['events']:,} | **{fmt_ms(r['painted'][0])}** "
            f"({fmt_ms(r['painted'][1])}) | {fmt_ms(r['imports'][0])} | "
            f"{fmt_ms(r['after'][0])} ({fmt_ms(r['after'][1])}) | "
            f"{fmt_ms(r['open'][0] - r['imports'][0])} | {r['open_rows']:,} | "
            f"{r['rss_mib'][0]:.0f} | {fmt_ms(r['home_warm'][0])} | "
            f"{fmt_ms(r['home_cold'][0])} | {fmt_ms(r['status'][0])} "
            f"({fmt_ms(r['status'][1])}) |")
    lines += ["", "CPU time of the process until the end of the log was on screen (user + "
              "system, `time.process_time`; steadier than wall time on a shared machine): bare "
              f"{fmt_ms(bare['cpu'][0])} ms; cockpit " + "; ".join(
                  f"{r['events']:,}: {fmt_ms(r['cpu'][0])} ({fmt_ms(r['cpu'][1])})"
                  for r in rows) + " ms (median, best).", "",
              "`pilot.pause()` calls until the end of the log was on screen: " + "; ".join(
        f"{r['events']:,}: {r['pauses'][0]:g}" for r in rows) + " (median).", "",
        "Page reads while opening (first seq, rows): " + "; ".join(
        f"{r['events']:,}: {r['open_fetches']}" for r in rows) + ". Cold home read: " +
        "; ".join(f"{r['events']:,}: {r['home_cold_fetches']} in "
                  f"{r['home_cold_fetch_s'] * 1000:.1f} ms" for r in rows) + ".", "", END_MARK]
    return "\n".join(lines) + "\n"


def write_results(text: str) -> None:
    old = RESULTS.read_text() if RESULTS.exists() else "# Benchmark results\n"
    if SECTION in old:
        before, rest = old.split(SECTION, 1)
        # keep hand-written text after the end marker, up to the next section
        nxt = rest.find("\n## ")
        section, after = (rest, "") if nxt < 0 else (rest[:nxt + 1], rest[nxt + 1:])
        kept = section.split(END_MARK, 1)[1] if END_MARK in section else ""
        parts = [before + text.rstrip("\n"), kept.strip("\n"), after.rstrip("\n")]
        new = "\n\n".join(p for p in parts if p) + "\n"
    else:
        new = old.rstrip("\n") + "\n\n" + text
    RESULTS.write_text(new)


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2:])
        return
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/golive-startup-bench"))
    ap.add_argument("--sizes", default=",".join(map(str, SIZES)),
                    help="comma-separated event counts (default %(default)s)")
    ap.add_argument("--rebuild", action="store_true", help="ignore cached files")
    ap.add_argument("--no-results", action="store_true", help="do not touch RESULTS.md")
    ap.add_argument("--before", metavar="DIR",
                    help="also measure the golive package found in DIR (put on PYTHONPATH; "
                         "e.g. links to another checkout's app/, widgets/, data/), "
                         "interleaved in the same run, reported as 'before' rows")
    args = ap.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    sizes = [int(s) for s in args.sizes.split(",")]

    files: dict[int, tuple[Path, dict[str, Any]]] = {}
    for n in sizes:
        path, meta = cached_file(args.workdir, n, args.rebuild)
        files[n] = (path, meta)

    def collect(args_: list[str]) -> list[dict[str, Any]]:
        return [spawn(args_) for _ in range(args.runs)]

    spawn(["bare"])  # warm the page cache for Python and Textual; not counted
    # interleave the cases run by run, so drift of the machine hits all of them alike
    raw: dict[str, list[dict[str, Any]]] = {"bare": [], "bare-header": []}
    status: dict[int, list[float]] = {n: [] for n in sizes}
    for n in sizes:
        raw[str(n)] = []
        spawn(["cockpit", str(files[n][0]), str(n)])  # warm the file in the OS cache
    for n in sizes:
        raw[f"before-{n}"] = []
    for _ in range(args.runs):
        raw["bare"].append(spawn(["bare"]))
        raw["bare-header"].append(spawn(["bare-header"]))
        for n in sizes:
            raw[str(n)].append(spawn(["cockpit", str(files[n][0]), str(n)]))
            status[n].append(time_status(files[n][0], n))
            if args.before:
                raw[f"before-{n}"].append(spawn(["cockpit", str(files[n][0]), str(n)],
                                                args.before))

    def agg(runs: list[dict[str, Any]], keys: tuple[str, ...]) -> dict[str, Any]:
        for r in runs:
            r["after"] = r["painted"] - r["imports"]
        out: dict[str, Any] = {k: summary([r[k] for r in runs]) for k in keys}
        for k, v in runs[-1].items():
            out.setdefault(k, v)
        return out

    bare = agg(raw["bare"], ("painted", "imports", "after", "ready", "rss_mib", "cpu"))
    rows = []
    for n in sizes:
        r = agg(raw[str(n)], ("painted", "imports", "after", "open", "ready", "rss_mib",
                              "home_warm",
                              "home_cold", "pauses", "cpu"))
        r["events"] = n
        r["status"] = summary(status[n])
        rows.append(r)
    # one row per measure, each against the bare app of the same run (bench/common.py)
    for key, what, unit, scale, goal in (
            ("painted", "launch → end of the log drawn and the process idle, headless "
             "120x40",
             "ms", 1000, "≤ 1.3×"),
            ("cpu", "CPU until the end of the log is drawn", "ms", 1000, ""),
            ("rss_mib", "peak RSS", "MiB", 1, "≤ 1.3×")):
        for n in sizes:
            common_report("startup", f"{what}, {n:,} event{'s' * (n != 1)}",
                          [x[key] * scale for x in raw[str(n)]],
                          [x[key] * scale for x in raw["bare"]], unit, goal=goal,
                          baseline_name="bare Textual app (Static, Footer)")
    for n in sizes:  # the same first paint against the issue's own baseline
        common_report("startup", f"launch → end of the log drawn and the process idle, "
                      f"headless 120x40, {n:,} event{'s' * (n != 1)}, against the issue's "
                      "baseline",
                      [x["painted"] * 1000 for x in raw[str(n)]],
                      [x["painted"] * 1000 for x in raw["bare-header"]], "ms", goal="≤ 1.3×",
                      baseline_name="bare Textual app (Header, Static, Footer)")
    if args.before:
        for key, what, unit, scale in (
                ("painted", "launch → first paint", "ms", 1000),
                ("cpu", "CPU until the end of the log is drawn", "ms", 1000),
                ("rss_mib", "peak RSS", "MiB", 1)):
            for n in sizes:
                common_report("startup", f"before ({args.before}): {what}, {n:,} "
                              f"event{'s' * (n != 1)}",
                              [x[key] * scale for x in raw[f"before-{n}"]],
                              [x[key] * scale for x in raw["bare"]], unit, goal="",
                              baseline_name="bare Textual app (Static, Footer)")
    for n in sizes:
        common_report("startup", f"status --json, {n:,} event{'s' * (n != 1)}",
                      [x * 1000 for x in status[n]], None, "ms",
                      note="baseline: see cli bench")

    text = markdown(rows, bare, args.runs, {n: m for n, (_, m) in files.items()})
    print(text)
    if not args.no_results:
        write_results(text)


if __name__ == "__main__":
    main()
