"""A real terminal for the benchmarks: tmux sessions of 120x40 and one control-mode client.

The client (`tmux -C`, attached to a session that only sleeps, so no pane output floods
it) sends `send-keys` and `capture-pane` as lines on a pipe: a look at the screen costs a
round trip to the tmux server, not a new `tmux` process. The programs run in their own
detached sessions, so they keep the size they were made with.

CPU comes from /proc: `cpu_ns` sums every thread's time on a CPU (schedstat, in
nanoseconds: fine enough for one key), `cpu_ticks` is utime + stime of /proc/<pid>/stat
(long windows) and `child_ticks` what its children used, finished or running.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import time
from pathlib import Path

SIZE = (120, 40)
HZ = os.sysconf("SC_CLK_TCK")


class Terminal:
    """tmux sessions and the control-mode client that looks at them."""

    def __init__(self) -> None:
        self.prefix = f"golive-bench-{os.getpid()}"
        self.holder = f"{self.prefix}-holder"
        subprocess.run(["tmux", "new-session", "-d", "-s", self.holder, "sleep 36000"],
                       check=True)
        self.client = subprocess.Popen(["tmux", "-C", "attach", "-t", self.holder],
                                       stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                       text=True, encoding="utf-8", errors="replace")
        while self.command("display-message -p golive-ready") != ["golive-ready"]:
            pass  # the attach's own (empty) answer comes first

    def command(self, line: str) -> list[str]:
        """One tmux command through the control client: the lines it printed."""
        assert self.client.stdin is not None and self.client.stdout is not None
        self.client.stdin.write(line + "\n")
        self.client.stdin.flush()
        out: list[str] = []
        inside = False
        for raw in self.client.stdout:
            text = raw.rstrip("\n")
            if text.startswith("%begin"):
                inside, out = True, []
            elif inside and (text.startswith("%end") or text.startswith("%error")):
                if text.startswith("%error"):
                    raise RuntimeError(f"tmux: {line}: {out}")
                return out
            elif inside:
                out.append(text)
        raise RuntimeError("the tmux control client ended")

    def start(self, name: str, command: str) -> int:
        """A new 120x40 session running `command` (exec'd: the pane's pid is the
        program's); returns that pid."""
        session = f"{self.prefix}-{name}"
        subprocess.run(["tmux", "new-session", "-d", "-s", session, "-x", str(SIZE[0]), "-y",
                        str(SIZE[1]), f"exec {command}"], check=True)
        out = subprocess.run(["tmux", "list-panes", "-t", session, "-F", "#{pane_pid}"],
                             capture_output=True, text=True, check=True).stdout.split()
        return int(out[0])

    def stop(self, name: str) -> None:
        subprocess.run(["tmux", "kill-session", "-t", f"{self.prefix}-{name}"],
                       capture_output=True)

    def screen(self, name: str) -> list[str]:
        return self.command(f"capture-pane -p -t {self.prefix}-{name}")

    def keys(self, name: str, *keys: str) -> None:
        self.command(f"send-keys -t {self.prefix}-{name} " + " ".join(map(shlex.quote, keys)))

    def wait_for(self, name: str, shown: object, timeout: float = 60, poll: float = 0.002
                 ) -> float:
        """Poll the screen until `shown(lines)` is true; the monotonic time it was seen."""
        end = time.monotonic() + timeout
        while True:
            lines = self.screen(name)
            if shown(lines):  # type: ignore[operator]
                return time.monotonic()
            if time.monotonic() > end:
                raise SystemExit(f"{name}: not shown within {timeout:g} s; the pane showed:\n"
                                 + "\n".join(lines))
            time.sleep(poll)

    def close(self) -> None:
        if self.client.stdin is not None:
            self.client.stdin.close()
        self.client.wait(timeout=5)
        subprocess.run(["tmux", "kill-session", "-t", self.holder], capture_output=True)


def cpu_ns(pid: int) -> int:
    """Time on a CPU of every thread of the process so far, in nanoseconds."""
    total = 0
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            total += int((task / "schedstat").read_text().split()[0])
        except (OSError, ValueError, IndexError):
            pass  # a thread that just ended
    return total


def _stat(pid: int) -> list[str]:
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()


def cpu_ticks(pid: int) -> int:
    fields = _stat(pid)
    return int(fields[11]) + int(fields[12])  # utime + stime


def child_ticks(pid: int) -> int:
    """What its children used: the ones it waited for (cutime + cstime) and the ones still
    running (their utime + stime)."""
    fields = _stat(pid)
    total = int(fields[13]) + int(fields[14])
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            children = (task / "children").read_text().split()
        except OSError:
            continue
        for child in children:
            try:
                total += cpu_ticks(int(child)) + child_ticks(int(child))
            except (OSError, ValueError, IndexError):
                pass  # it just ended
    return total


def peak_rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0
