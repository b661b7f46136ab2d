"""What a person feels, in a real terminal: a key, a note from another process, and the
first seconds after opening a big file, golive against a bare Textual app in the same run.

Both programs run at once in tmux sessions of 120x40 (bench/terminal.py) and are looked at
through one control-mode client; their keys alternate one by one (the order swaps every
round), so drift of the shared machine hits both alike.

- golive: the real `golive` console script on a REAL file (bench/biglog.py, real=True) of
  1 or 1,000,000 events, on the wall clock (a real file takes writes only there), its
  last head remembered as golive remembers a file it wrote (seen_heads), so opening it
  walks nothing. A key is `space` on the first communication task (panel "3"): a WAL
  `synchronous=FULL` transaction, then the screen. It counts as shown when the pane holds
  the new event's log line (its number) and the panel's new count.
- bare: a Textual app (Header, a Static ticking once a second, a Static with the count,
  Footer) whose `space` inserts one row into a WAL FULL SQLite file and shows the count;
  it polls `PRAGMA data_version` every 0.5 s, as golive does, for other writers.

Measures, per size: key → on screen (p50, p99), from just before `send-keys` to the first
look that shows it, once in the first ~25 s after launch and once settled; durability per
key (the event is in the file, read through another connection, the moment the screen
shows it: a key shown but not in the file is a failure, said in the row); the same and
the CPU per key for golive's two kinds of key apart (half are a tick, half an Enter that
closes the reopen question, which makes Textual repaint the whole screen); CPU per key
(all threads, /proc/<pid>/task/*/schedstat, from the key until 50 ms after it showed);
CPU in the first 25 s after launch with no key pressed (/proc/<pid>/stat, and the
children it waited for); peak RSS; and `golive note` started → visible in the open
cockpit (the baseline: a Python sqlite3 insert, seen by the bare app's poll).

    .venv/bin/python bench/feel_bench.py [--runs 2] [--sizes 1,1000000] [--keys 40]

Prints one `BENCH {json}` line per number for bench/run.py.
"""

from __future__ import annotations

import argparse
import os
import random
import shlex
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import report  # noqa: E402
from startup_bench import cached_file, golive_command  # noqa: E402
from terminal import HZ, Terminal, child_ticks, cpu_ns, cpu_ticks, peak_rss_mib  # noqa: E402

# "the first ~25 s after opening" ($GOLIVE_BENCH_OPENING: shorter, to try the bench out)
OPENING_S = float(os.environ.get("GOLIVE_BENCH_OPENING", "25"))
GAP_S = 0.1  # between one key shown and the next key sent
BARE = '''
import sqlite3, sys
from textual.app import App
from textual.widgets import Footer, Header, Static

conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("PRAGMA journal_mode = WAL")
conn.execute("PRAGMA synchronous = FULL")
conn.execute("CREATE TABLE IF NOT EXISTS t (n INTEGER PRIMARY KEY, at REAL)")

def count():
    return conn.execute("SELECT count(*) FROM t").fetchone()[0]

class Bare(App):
    BINDINGS = [("space", "write", "write")]

    def compose(self):
        yield Header()
        yield Static("T-01:00:00", id="t")
        yield Static(f"bare events {count()} .", id="n")
        yield Footer()

    def on_mount(self):
        self.left, self.version = 3600, None
        self.set_interval(1, self.tick)
        self.set_interval(0.5, self.poll)

    def tick(self):
        self.left -= 1
        self.query_one("#t", Static).update(f"T-{self.left // 3600:02d}:"
                                            f"{self.left // 60 % 60:02d}:{self.left % 60:02d}")

    def poll(self):
        version = conn.execute("PRAGMA data_version").fetchone()[0]
        if version != self.version:
            self.version = version
            self.query_one("#n", Static).update(f"bare events {count()} .")

    def action_write(self):
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO t (at) VALUES (julianday('now'))")
        conn.execute("COMMIT")
        self.query_one("#n", Static).update(f"bare events {count()} .")

Bare().run()
'''
WRITER = ("import sqlite3, sys; c = sqlite3.connect(sys.argv[1], isolation_level=None); "
          "c.execute('PRAGMA synchronous = FULL'); c.execute('BEGIN IMMEDIATE'); "
          "c.execute(\"INSERT INTO t (at) VALUES (julianday('now'))\"); c.execute('COMMIT')")
GOLIVE_PAINTED = ("Retrospektive ansetzen", "Befehle")
REOPEN = "Enter: Wieder öffnen"  # the question before a ticked task is reopened


def p99(values: list[float]) -> float:
    if len(values) < 2:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[98]


def p95(values: list[float]) -> float:
    if len(values) < 2:
        return values[0]
    return statistics.quantiles(values, n=20, method="inclusive")[18]


class Program:
    """One of the two programs under test: how to start it, press its key, and know
    from its screen and its file that the key took effect."""

    def __init__(self, name: str, command: str, db: Path, count_sql: str,
                 painted: Callable[[list[str]], bool],
                 shows: Callable[[list[str], int, int], bool]) -> None:
        self.name, self.command, self.db = name, command, db
        self.count_sql, self.painted, self.shows = count_sql, painted, shows
        self.pid = 0
        self.keys = 0  # pressed so far
        self.latency: dict[str, list[float]] = {"opening": [], "settled": []}
        self.cpu: list[float] = []
        # golive's two kinds of key apart: (latency, CPU) of each tick (Space) and reopen
        # (Enter in the question: the dialog closes, which repaints the whole screen)
        self.by_kind: dict[str, list[tuple[float, float]]] = {"Space": [], "Enter": []}
        self.lost = 0  # keys shown before their event was in the file
        self.conn: sqlite3.Connection | None = None

    def count(self) -> int:
        if self.conn is None:
            self.conn = sqlite3.connect(f"file:{self.db}?mode=ro", uri=True,
                                        isolation_level=None)
        return int(self.conn.execute(self.count_sql).fetchone()[0])

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def golive_program(db: Path, env: str) -> Program:
    golive = " ".join(map(shlex.quote, golive_command()))

    def shows(lines: list[str], events: int, keys: int) -> bool:
        return (any(line.startswith(f"│{events} ") for line in lines)
                and any(f" {keys % 2}/4 ─╯" in line for line in lines)
                and not any(REOPEN in line for line in lines))

    return Program("golive", f"{env}{golive} --db {shlex.quote(str(db))} --as bench", db,
                   "SELECT max(seq) FROM events",
                   lambda lines: all(any(m in line for line in lines)
                                     for m in GOLIVE_PAINTED), shows)


def bare_program(db: Path, script: Path, env: str) -> Program:
    py = shlex.quote(sys.executable)

    def shows(lines: list[str], events: int, keys: int) -> bool:
        return any(f"bare events {events} ." in line for line in lines)

    return Program("bare", f"{env}{py} {shlex.quote(str(script))} {shlex.quote(str(db))}",
                   db, "SELECT count(*) FROM t",
                   lambda lines: any("bare events" in line for line in lines), shows)


def press(term: Terminal, prog: Program, phase: str) -> None:
    """One key that writes one event, timed until the screen shows it. golive's task
    ticks with `space`; reopening it asks first (a real file's tick stays in the log), so
    every other time `space` opens that question, untimed, and `enter` is the key timed."""
    key = "Space"
    if prog.name == "golive" and prog.keys % 2:
        term.keys(prog.name, "Space")
        term.wait_for(prog.name, lambda lines: any(REOPEN in line for line in lines))
        key = "Enter"
    expected = prog.count() + 1
    prog.keys += 1
    before_cpu = cpu_ns(prog.pid)
    start = time.monotonic()
    term.keys(prog.name, key)
    seen = term.wait_for(prog.name, lambda lines: prog.shows(lines, expected, prog.keys),
                         timeout=30, poll=0.001)
    if prog.count() < expected:
        prog.lost += 1
    prog.latency[phase].append((seen - start) * 1000)
    time.sleep(0.05)
    prog.cpu.append((cpu_ns(prog.pid) - before_cpu) / 1e6)
    prog.by_kind[key].append((prog.latency[phase][-1], prog.cpu[-1]))
    time.sleep(GAP_S)


def key_run(term: Terminal, progs: list[Program], keys: int) -> float:
    """Both started at once; keys alternate from the first paint until OPENING_S after
    launch (the opening phase), then `keys` more each once settled. Returns the peak RSS
    of golive."""
    launched = time.monotonic()
    for prog in progs:
        prog.pid = term.start(prog.name, prog.command)
    for prog in progs:
        term.wait_for(prog.name, prog.painted)
    term.keys("golive", "3")  # the communication tasks
    time.sleep(0.2)
    round_no = 0
    while time.monotonic() - launched < OPENING_S:
        for prog in progs[::1 if round_no % 2 == 0 else -1]:
            press(term, prog, "opening")
        round_no += 1
    time.sleep(5)  # settled: what the opening started has ended
    for round_no in range(keys):
        for prog in progs[::1 if round_no % 2 == 0 else -1]:
            press(term, prog, "settled")
    return peak_rss_mib(progs[0].pid)


def note_run(term: Terminal, progs: list[Program], notes: int) -> dict[str, list[float]]:
    """Another process writes, the open program shows it: `golive note` against a Python
    sqlite3 insert, alternated, each after a random wait (the poll's phase varies)."""
    golive, bare = progs
    times: dict[str, list[float]] = {"golive": [], "bare": []}
    for i in range(notes):
        for prog in (golive, bare)[::1 if i % 2 == 0 else -1]:
            time.sleep(random.uniform(0, 0.5))
            expected = prog.count() + 1
            if prog is golive:
                text = f"Bench-Notiz {i} von außen"
                argv = [*golive_command(), "--db", str(prog.db), "--as", "bench-cli",
                        "note", text]

                def shown(lines: list[str], text: str = text) -> bool:
                    return any(text in line for line in lines)
            else:
                argv = [sys.executable, "-c", WRITER, str(prog.db)]

                def shown(lines: list[str], n: int = expected) -> bool:
                    return any(f"bare events {n} ." in line for line in lines)
            start = time.monotonic()
            writer = subprocess.Popen(argv, stdout=subprocess.DEVNULL,
                                      stderr=subprocess.PIPE)
            seen = term.wait_for(prog.name, shown, timeout=30, poll=0.002)
            _, err = writer.communicate()
            if writer.returncode:
                raise SystemExit(f"{' '.join(argv)}: exit {writer.returncode}: {err!r}")
            times[prog.name].append((seen - start) * 1000)
    return times


def idle_run(term: Terminal, prog: Program) -> tuple[float, float]:
    """Share of a core the program used from launch until OPENING_S after it, no key
    pressed: (the process itself, with the children it waited for)."""
    launched = time.monotonic()
    prog.pid = term.start(prog.name, prog.command)
    time.sleep(max(0.0, OPENING_S - (time.monotonic() - launched)))
    own, children = cpu_ticks(prog.pid), child_ticks(prog.pid)
    elapsed = time.monotonic() - launched
    term.stop(prog.name)
    return 100 * own / HZ / elapsed, 100 * (own + children) / HZ / elapsed


def fresh_copy(source: Path, target: Path) -> None:
    """A copy of a cached real file, its proven head remembered under the new path."""
    from golive.data.log import seen_heads

    shutil.copy(source, target)
    seen = seen_heads.load(source)
    if seen is None:
        raise SystemExit(f"{source}: no remembered head (rebuild with startup_bench.py "
                         "--rebuild)")
    seen_heads.record(target, seen.genesis, seen.trusted, replace=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=2)
    ap.add_argument("--keys", type=int, default=40, help="settled keys per run and program")
    ap.add_argument("--notes", type=int, default=12, help="notes per run and program")
    ap.add_argument("--sizes", default="1,1000000")
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/golive-startup-bench"))
    args, _ = ap.parse_known_args()  # bench/run.py may pass other scripts' options
    if shutil.which("tmux") is None:
        print("tmux not found: nothing measured in a terminal", file=sys.stderr)
        return
    args.workdir.mkdir(parents=True, exist_ok=True)
    sizes = [int(s) for s in args.sizes.split(",")]
    sources = {n: cached_file(args.workdir, n, False, real=True)[0] for n in sizes}
    term = Terminal()
    try:
        with tempfile.TemporaryDirectory(dir=args.workdir) as tmp:
            bare_py = Path(tmp) / "bare.py"
            bare_py.write_text(BARE)
            # the programs run under the tmux server's environment, not this one: the
            # folder of remembered heads the copies were recorded in goes along
            state = os.environ.get("GOLIVE_STATE_DIR")
            env = (f"env -u PYTHONDONTWRITEBYTECODE -u GOLIVE_DB "
                   f"XDG_CONFIG_HOME={shlex.quote(tmp)} "
                   + (f"GOLIVE_STATE_DIR={shlex.quote(state)} " if state else ""))
            for n in sizes:
                measure(term, n, sources[n], Path(tmp), bare_py, env, args)
    finally:
        term.close()


def measure(term: Terminal, n: int, source: Path, tmp: Path, bare_py: Path, env: str,
            args: argparse.Namespace) -> None:
    events = f"{n:,} event{'s' * (n != 1)}"
    bare_name = "bare Textual app: WAL FULL insert + Static, same run"
    golive_all = {"opening": [], "settled": []}  # type: dict[str, list[float]]
    bare_all = {"opening": [], "settled": []}  # type: dict[str, list[float]]
    cpu: dict[str, list[float]] = {"golive": [], "bare": []}
    lost = {"golive": 0, "bare": 0}
    kinds: dict[str, list[tuple[float, float]]] = {"Space": [], "Enter": []}
    bare_keys: list[tuple[float, float]] = []
    rss: list[float] = []
    notes: dict[str, list[float]] = {"golive": [], "bare": []}
    idle: dict[str, list[float]] = {"golive": [], "golive+": [], "bare": []}
    for run in range(args.runs):
        db, bare_db = tmp / f"golive-{n}-{run}.sqlite", tmp / f"bare-{n}-{run}.sqlite"
        fresh_copy(source, db)
        progs = [golive_program(db, env), bare_program(bare_db, bare_py, env)]
        try:
            rss.append(key_run(term, progs, args.keys))
            if n == 1 or run == 0:
                got = note_run(term, progs, args.notes)
                for name in notes:
                    notes[name] += got[name]
        finally:
            for prog in progs:
                term.stop(prog.name)
                prog.close()
        for prog, into in ((progs[0], golive_all), (progs[1], bare_all)):
            for phase in into:
                into[phase] += prog.latency[phase]
            cpu[prog.name] += prog.cpu
            lost[prog.name] += prog.lost
        for kind in kinds:
            kinds[kind] += progs[0].by_kind[kind]
        bare_keys.extend(progs[1].by_kind["Space"])
        for name, prog in (("golive", progs[0]), ("bare", progs[1]))[
                ::1 if run % 2 == 0 else -1]:
            fresh_copy(source, db) if name == "golive" else bare_db.unlink(missing_ok=True)
            own, with_children = idle_run(term, prog)
            idle[name].append(own)
            if name == "golive":
                idle["golive+"].append(with_children)
        for stale in tmp.glob(f"golive-{n}-{run}.sqlite*"):
            stale.unlink()
    durable = (f"durable when shown: golive {len(cpu['golive']) - lost['golive']}/"
               f"{len(cpu['golive'])}, bare {len(cpu['bare']) - lost['bare']}/"
               f"{len(cpu['bare'])} keys")
    for phase, label in (("opening", f"in the first {OPENING_S:g} s after launch"),
                         ("settled", "settled")):
        for name, pick in (("p50", statistics.median), ("p99", p99)):
            report("feel", f"key → event durable and on screen, tmux 120x40, {name}, "
                   f"{events}, {label}", [pick(golive_all[phase])], [pick(bare_all[phase])],
                   "ms", goal="≤ 1.3×", baseline_name=bare_name,
                   note=f"{len(golive_all[phase])} keys each; {durable}")
    report("feel", f"CPU per key (all threads, key → shown + 50 ms), p50, {events}",
           [statistics.median(cpu["golive"])], [statistics.median(cpu["bare"])], "ms",
           goal="≤ 1.5×", baseline_name=bare_name, note=durable)
    # the rows above mix golive's two kinds of key half and half; apart, both phases
    for kind, words in (("Space", "tick (space)"),
                        ("Enter", "reopen (enter: the question closes)")):
        for what, pick_from in (("key → shown p50", 0), ("CPU per key p50", 1)):
            report("feel", f"{words}: {what}, {events}",
                   [statistics.median(k[pick_from] for k in kinds[kind])],
                   [statistics.median(k[pick_from] for k in bare_keys)], "ms",
                   baseline_name=bare_name, note=f"{len(kinds[kind])} keys, both phases")
    report("feel", f"idle CPU, first {OPENING_S:g} s after launch, no key, {events}",
           idle["golive"], idle["bare"], "% of a core", goal="≤ 1 % absolute",
           baseline_name="bare Textual app, ticking, polling 0.5 s")
    report("feel", f"idle CPU with the children it ran (the whole-chain check), first "
           f"{OPENING_S:g} s, {events}", idle["golive+"], idle["bare"], "% of a core",
           baseline_name="bare Textual app, ticking, polling 0.5 s",
           note="the check's child runs at the lowest priority (os.nice 19)")
    if notes["golive"]:
        for name, pick in (("p50", statistics.median), ("p95", p95)):
            report("feel", f"`golive note` started → visible in the open cockpit, {name}, "
                   f"{events}", [pick(notes["golive"])], [pick(notes["bare"])], "ms",
                   goal="p95 ≤ 400 ms", baseline_name="Python sqlite3 insert, bare app "
                   "polling 0.5 s", note=f"{len(notes['golive'])} notes each")
    report("feel", f"peak RSS after the keys, {events}", rss, None, "MiB")


if __name__ == "__main__":
    main()
