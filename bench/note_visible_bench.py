"""Where `golive note` → visible in an open cockpit goes (issue 24): the note process's
own wall time, when the pane shows the note, and the difference (the cockpit's part:
noticing the commit, reading and drawing it). Not in `make bench`; a diagnosis.

The cockpit runs in tmux (bench/terminal.py) on a copy of the cached real 1-event file
(bench/biglog.py), the notes on the wall clock as a user writes them, each after a random
0–0.5 s wait. With PYTHONPATH set (a source tree laid out as the package), the cockpit
and the notes both run that version: the tmux command line carries it.

    .venv/bin/python bench/note_visible_bench.py [--notes 16]
"""

from __future__ import annotations

import argparse
import os
import random
import shlex
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from feel_bench import fresh_copy, golive_program  # noqa: E402
from startup_bench import cached_file, golive_command  # noqa: E402
from terminal import Terminal  # noqa: E402


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[18]


def exit_time(writer: subprocess.Popen[bytes], into: list[float]) -> None:
    writer.wait()
    into.append(time.monotonic())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--notes", type=int, default=16)
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/golive-startup-bench"))
    args = ap.parse_args()
    source = cached_file(args.workdir, 1, False, real=True)[0]
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE",
                                                            "GOLIVE_DB")}
    rows: list[tuple[float, float]] = []
    term = Terminal()
    try:
        with tempfile.TemporaryDirectory(dir=args.workdir) as tmp:
            prefix = (f"env -u PYTHONDONTWRITEBYTECODE -u GOLIVE_DB "
                      f"XDG_CONFIG_HOME={shlex.quote(tmp)} ")
            if env.get("PYTHONPATH"):
                prefix += f"PYTHONPATH={shlex.quote(env['PYTHONPATH'])} "
            db = Path(tmp) / "g.sqlite"
            fresh_copy(source, db)
            prog = golive_program(db, prefix)
            prog.pid = term.start(prog.name, prog.command)
            term.wait_for(prog.name, prog.painted, timeout=60)
            time.sleep(3)  # past the opening's checks
            for i in range(args.notes):
                time.sleep(random.uniform(0, 0.5))
                text = f"Diagnose-Notiz {i} von außen"
                start = time.monotonic()
                writer = subprocess.Popen([*golive_command(), "--db", str(db), "--as",
                                           "bench-cli", "note", text],
                                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                          env=env)
                ended: list[float] = []
                waiter = threading.Thread(target=exit_time, args=(writer, ended))
                waiter.start()
                seen = term.wait_for(prog.name, lambda lines, t=text: any(t in line
                                                                          for line in lines),
                                     timeout=30, poll=0.002)
                waiter.join()
                if writer.returncode:
                    raise SystemExit(f"golive note: exit {writer.returncode}")
                rows.append(((ended[0] - start) * 1000, (seen - start) * 1000))
            term.stop(prog.name)
    finally:
        term.close()
    process, visible = [a for a, _ in rows], [b for _, b in rows]
    after = [b - a for a, b in rows]
    print(f"load {os.getloadavg()[0]:.1f}, {len(rows)} notes; p50 / p95 in ms")
    for name, values in (("note process", process), ("visible", visible),
                         ("visible minus the note's exit", after)):
        print(f"  {name}: {statistics.median(values):.0f} / {p95(values):.0f}")


if __name__ == "__main__":
    main()
