"""A progress bar for long CLI reads (verify, export) on a terminal, and nothing otherwise.

Only numbers are drawn (no words to translate), on stderr, and only when both stdout and
stderr are terminals: `golive verify | tee`, `--json` and scripts see exactly the output
they saw before. Rich is imported only once a log is long enough to show a bar for.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from golive.data.log.chain import Progress

MIN_EVENTS = 10_000  # below this a read takes well under a second: no bar


def on_terminal() -> bool:
    return sys.stdout.isatty() and sys.stderr.isatty()


@contextmanager
def terminal_progress(enabled: bool = True) -> Iterator[Progress | None]:
    """A `progress(done, total)` callback drawing a transient bar, or None when the
    output is not a terminal (or `enabled` is false)."""
    if not (enabled and on_terminal()):
        yield None
        return
    bar: dict[str, Any] = {}

    def progress(done: int, total: int) -> None:
        if not bar:
            if total < MIN_EVENTS:
                return
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TimeRemainingColumn,
            )

            shown = Progress(BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                             console=Console(stderr=True), transient=True)
            shown.start()
            bar["shown"], bar["task"] = shown, shown.add_task("", total=total)
        bar["shown"].update(bar["task"], completed=done, total=total)

    try:
        yield progress
    finally:
        if bar:
            bar["shown"].stop()
