"""Idle CPU of the running cockpit, countdown ticking, against a bare Textual app that
updates a Static once a second, both in a real terminal (tmux, 120x40) side by side.

CPU is read from /proc/<pid>/stat (user + system ticks) of the app's own process over
--seconds after a settling pause; the result is the share of one core.

    .venv/bin/python bench/idle_bench.py [--seconds 30] [--runs 3]

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
from common import report  # noqa: E402

SIZE = (120, 40)
NOW = "2026-03-06T09:00:00+01:00"
BARE = '''
from textual.app import App
from textual.widgets import Footer, Header, Static

class Bare(App):
    def compose(self):
        yield Header()
        yield Static("T-01:00:00", id="t")
        yield Footer()

    def on_mount(self):
        self.n = 3600
        self.set_interval(1, self.tick)

    def tick(self):
        self.n -= 1
        self.query_one("#t", Static).update(f"T-{self.n // 3600:02d}:{self.n // 60 % 60:02d}:"
                                            f"{self.n % 60:02d}")

Bare().run()
'''


def ticks(pid: int) -> int:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime + stime


def app_pid(session: str) -> int:
    """The python process tmux runs (the pane's shell execs it)."""
    out = subprocess.run(["tmux", "list-panes", "-t", session, "-F", "#{pane_pid}"],
                         capture_output=True, text=True, check=True).stdout.split()
    return int(out[0])


def idle_share(command: str, settle: float, seconds: float) -> float:
    session = f"golive-idle-{os.getpid()}"
    env = dict(os.environ, TEXTUAL_ANIMATIONS="none")
    subprocess.run(["tmux", "new-session", "-d", "-s", session, "-x", str(SIZE[0]), "-y",
                    str(SIZE[1]), f"exec {command}"], check=True, env=env)
    try:
        pid = app_pid(session)
        time.sleep(settle)
        hz = os.sysconf("SC_CLK_TCK")
        start_ticks, start = ticks(pid), time.monotonic()
        time.sleep(seconds)
        used = (ticks(pid) - start_ticks) / hz
        return 100 * used / (time.monotonic() - start)
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=30)
    ap.add_argument("--settle", type=float, default=4)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    if shutil.which("tmux") is None:
        print("tmux not found: idle CPU not measured", file=sys.stderr)
        return
    py = shlex.quote(sys.executable)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "idle.sqlite"
        subprocess.run([sys.executable, "-m", "golive", "init", "--db", str(db), "--now", NOW],
                       check=True, capture_output=True)
        bare_py = Path(tmp) / "bare.py"
        bare_py.write_text(BARE)
        golive: list[float] = []
        bare: list[float] = []
        # a session that only sleeps keeps the tmux server up between runs (without it,
        # killing one run's session ended the server under the next run's new-session)
        holder = f"golive-idle-holder-{os.getpid()}"
        subprocess.run(["tmux", "new-session", "-d", "-s", holder, "sleep 36000"], check=True)
        try:
            for _ in range(args.runs):  # alternate, so drift on a shared machine hits both
                golive.append(idle_share(f"{py} -m golive --db {shlex.quote(str(db))} --now "
                                         f"{NOW} --speed 1", args.settle, args.seconds))
                bare.append(idle_share(f"{py} {shlex.quote(str(bare_py))}", args.settle,
                                       args.seconds))
        finally:
            subprocess.run(["tmux", "kill-session", "-t", holder], capture_output=True)
    report("idle", f"idle CPU, countdown running, {args.seconds:g} s, tmux 120x40 "
           "(rehearsal file, --speed 1)",
           golive, bare, "% of a core", goal="≤ 0.5 % absolute",
           baseline_name="bare Textual app ticking a Static once a second")


if __name__ == "__main__":
    main()
