"""The cockpit's whole-chain check, run where it costs nobody: a child process at the
lowest priority.

Every read walks only what was added since the last proven head (chain.walk from
seen_heads), so damage further back, with the triggers put back, shows only to a walk from
event 1 (`golive verify`). That walk costs about 10 µs of CPU per event, 10 s at 1,000,000:
in the cockpit's own process it held the GIL against the screen (a key's p99 went from
22 to 154 ms). So it runs as `python -m golive.data.log.whole_check FILE LANG`, niced to
19; only its verdict comes back.
If the child cannot run at all, the check runs here instead: it is never skipped.

Exit codes of the child: 0 whole, 1 a problem (the first, in LANG, as a JSON string on stdout),
3 the file cannot be read at all (the cockpit's own reads say so).
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

WHOLE, PROBLEM, UNUSABLE = 0, 1, 3


def lowest_priority() -> None:
    """This process yields the CPU to everyone else (nice 19; not SCHED_IDLE, under which
    a busy machine could starve the check for good)."""
    with contextlib.suppress(OSError, AttributeError):
        os.nice(19)


def check_here(path: str | Path, lang: str) -> str | None:
    """The whole chain walked in this process: the first problem in `lang`, or None when
    it is whole or the file cannot be read at all."""
    from golive.data.log.dbfile import StoreError
    from golive.data.log.verify import verify_file

    try:
        report = verify_file(path)
    except StoreError:
        return None
    return None if report.ok else report.lines(lang)[0]


class WholeCheck:
    """One whole-chain check of a file in a child process; `stop` ends it early (the
    cockpit quits: nobody waits for its verdict)."""

    def __init__(self, path: str | Path, lang: str) -> None:
        self.path, self.lang = str(path), lang
        self._proc: subprocess.Popen[str] | None = None
        self._stopped = False
        self._lock = threading.Lock()

    def run(self) -> str | None:
        """The first problem found, in the check's language; None when the chain is whole,
        the file cannot be read, or the check was stopped."""
        # the child imports golive exactly as this process did: -P keeps `python -m` from
        # putting the folder it starts in first on the path (a `golive.py` or `golive/`
        # there would run instead of golive's own code)
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
        with self._lock:
            if self._stopped:
                return None
            try:
                self._proc = subprocess.Popen(
                    [sys.executable, "-P", "-m", __name__, self.path, self.lang], env=env,
                    stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                    stderr=subprocess.DEVNULL, text=True, encoding="utf-8")
            except OSError:
                self._proc = None
        if self._proc is None:
            return check_here(self.path, self.lang)
        out, _ = self._proc.communicate()
        if self._stopped:
            return None
        if self._proc.returncode == WHOLE or self._proc.returncode == UNUSABLE:
            return None
        if self._proc.returncode == PROBLEM:
            with contextlib.suppress(ValueError):
                said = json.loads(out)
                if isinstance(said, str) and said:
                    return said
        return check_here(self.path, self.lang)  # the child died: checked here after all

    def stop(self) -> None:
        with self._lock:
            self._stopped = True
            if self._proc is not None and self._proc.poll() is None:
                self._proc.kill()


def main(argv: list[str]) -> int:
    lowest_priority()
    path, lang = argv
    from golive.data.log.dbfile import StoreError
    from golive.data.log.verify import verify_file

    try:
        report = verify_file(path)
    except StoreError:
        return UNUSABLE
    if report.ok:
        return WHOLE
    print(json.dumps(report.lines(lang)[0]), flush=True)  # one line, whatever it holds
    return PROBLEM


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
