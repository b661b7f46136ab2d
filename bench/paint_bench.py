"""Launch → full first paint in a real terminal, as issue 10 measures it: tmux 120x40.

Each run starts one program in a new tmux window of 120x40 and polls what the pane shows
(`tmux capture-pane`, every --poll seconds) until every mark of a full first paint is on
it; the time runs from just before `tmux new-session` to the poll that saw them all, so
interpreter start-up, imports, the terminal driver and drawing are all included.

- golive: the real console script, `golive --db FILE --now … --as bench`, on the
  rehearsal files of bench/startup_bench.py (1, 100,000 and 1,000,000 events, cached in
  --workdir; a rehearsal, since a real file opened at `--now` is the read-only view). Full
  means the whole board (the last T-plan check, the gates' last line, the contacts' rule,
  the countdown's caption), the key line and the log's last event.
- the baselines, in the same run: a bare Textual app with a Header, a Static and a Footer
  (the one the issue was measured against) and one with a Static and a Footer only.

The runs are interleaved, so drift of the shared machine hits every case alike. A tmux
session that only sleeps keeps the tmux server up, so no run pays for starting it. The
polling costs each program the same (a `tmux` client process every --poll seconds).

    .venv/bin/python bench/paint_bench.py [--runs 9] [--sizes 1,100000,1000000]

Prints one `BENCH {json}` line per number for bench/run.py.
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import biglog  # noqa: E402  (bench/, on the path above)
from common import report  # noqa: E402
from startup_bench import SIZES, cached_file, golive_command  # noqa: E402

SIZE = (120, 40)
NOW = "2026-03-06T09:00:00"  # = biglog.NOW: T-1h on the default plan
BARE = '''
import sys
from textual.app import App
from textual.widgets import Footer, Header, Static

class Bare(App):
    def compose(self):
        if sys.argv[1] == "header":
            yield Header()
        yield Static("golive paint baseline")
        yield Footer()

Bare().run()
'''
BARE_MARKS = ("golive paint baseline", "^p")
# the default plan's words (German): the bottom of every column, the key line's last key
BOARD_MARKS = ("Retrospektive ansetzen", "Incident-Kanal und Status-Kanal",
               "belastbarer Go-Live", "ab T-1h", "Befehle")


def last_event_mark(events: int) -> str:
    """Text of the file's last event as the log shows it."""
    return "Go-Live-Datei angelegt" if events == 1 else biglog.note_text(events)[:25]


def paint_seconds(command: str, marks: tuple[str, ...], poll: float,
                  timeout: float = 30) -> float:
    session = f"golive-paint-{os.getpid()}"
    start = time.monotonic()
    subprocess.run(["tmux", "new-session", "-d", "-s", session, "-x", str(SIZE[0]), "-y",
                    str(SIZE[1]), f"exec {command}"], check=True)
    try:
        while True:
            shown = subprocess.run(["tmux", "capture-pane", "-p", "-t", session],
                                   capture_output=True, text=True).stdout
            if all(mark in shown for mark in marks):
                return time.monotonic() - start
            if time.monotonic() - start > timeout:
                raise SystemExit(f"no full paint within {timeout:g} s of {command}; the pane "
                                 f"showed:\n{shown}")
            time.sleep(poll)
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)
        time.sleep(0.2)  # the killed program's exit is not the next run's neighbour


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=9)
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/golive-startup-bench"))
    ap.add_argument("--sizes", default=",".join(map(str, SIZES)),
                    help="comma-separated event counts (default %(default)s)")
    ap.add_argument("--poll", type=float, default=0.005, help="seconds between looks")
    args, _ = ap.parse_known_args()  # bench/run.py may pass other scripts' options
    if shutil.which("tmux") is None:
        print("tmux not found: first paint in a terminal not measured", file=sys.stderr)
        return
    args.workdir.mkdir(parents=True, exist_ok=True)
    sizes = [int(s) for s in args.sizes.split(",")]
    files = {n: cached_file(args.workdir, n, rebuild=False) for n in sizes}
    py = shlex.quote(sys.executable)
    golive = " ".join(map(shlex.quote, golive_command()))
    holder = f"golive-paint-holder-{os.getpid()}"
    with tempfile.TemporaryDirectory() as tmp:
        bare_py = Path(tmp) / "bare.py"
        bare_py.write_text(BARE)
        # the same for every program (a window gets the tmux server's environment, so it
        # is set on the command): bytecode cached as installed, no user keymap
        env = (f"env -u PYTHONDONTWRITEBYTECODE -u GOLIVE_DB "
               f"XDG_CONFIG_HOME={shlex.quote(tmp)} ")
        cases: dict[str, tuple[str, tuple[str, ...]]] = {
            "bare": (f"{env}{py} {shlex.quote(str(bare_py))} plain", BARE_MARKS),
            "bare-header": (f"{env}{py} {shlex.quote(str(bare_py))} header", BARE_MARKS)}
        for n, (path, _meta) in files.items():
            cases[str(n)] = (f"{env}{golive} --db {shlex.quote(str(path))} --now {NOW} "
                             "--as bench", (*BOARD_MARKS, last_event_mark(n)))
        subprocess.run(["tmux", "new-session", "-d", "-s", holder, "sleep 3600"], check=True)
        try:
            for command, marks in cases.values():  # warm the OS caches; not counted
                paint_seconds(command, marks, args.poll)
            times: dict[str, list[float]] = {name: [] for name in cases}
            for _ in range(args.runs):
                for name, (command, marks) in cases.items():
                    times[name].append(paint_seconds(command, marks, args.poll) * 1000)
        finally:
            subprocess.run(["tmux", "kill-session", "-t", holder], capture_output=True)
    for n, (path, meta) in files.items():  # opening must not have written anything
        _, again = cached_file(args.workdir, n, rebuild=False)
        if not again["cached"] or again["head"] != meta["head"]:
            raise SystemExit(f"{path} changed while the cockpit was open")
    events = {n: f"{n:,} event{'s' * (n != 1)}" for n in sizes}
    for n in sizes:
        report("paint", f"launch → full first paint, tmux 120x40 (the issue's measure), "
               f"{events[n]} (rehearsal file)", times[str(n)], times["bare-header"], "ms",
               goal="≤ 1.3×",
               baseline_name="bare Textual app (Header, Static, Footer) in tmux")
    for n in sizes:
        report("paint", f"launch → full first paint, tmux 120x40, {events[n]}, against the "
               "stricter baseline", times[str(n)], times["bare"], "ms", goal="≤ 1.3×",
               baseline_name="bare Textual app (Static, Footer) in tmux")


if __name__ == "__main__":
    main()
