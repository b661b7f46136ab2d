"""`golive status`: the board as text, as JSON, or as one line for a status bar, and the
exit code by the go-live's phase. Its own module, so a status bar that asks every few
seconds loads no writer, checker or exporter."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from golive.data.log.store import Store
from golive.data.plan.source import plan_instant
from golive.data.rules.board import Board
from golive.data.rules.phase import exit_code
from golive.data.texts.catalogue import text
from golive.data.texts.user_text import visible

if TYPE_CHECKING:
    from golive.data.log.replica_state import Freshness

REHEARSAL_READY = 3  # `status` of a rehearsal that is GO-READY (README: exit codes)


def status_cmd(ns: argparse.Namespace, store: Store) -> int:
    if ns.at is not None:  # --at '' is a mistake, not now
        board = store.board_at(plan_instant(ns.at, store.plan, "--at"))
    else:
        board = store.board()  # a rehearsal's at its log's time (cli_files.open_store)
    # the exit code is the phase (README: "Exit codes of status"), also when the reader
    # stops early (status | head): never 0 after a rollback or on a superseded GO; a ready
    # rehearsal has its own, so no script takes a rehearsal's GO-READY for real
    code = exit_code(board.phase, bool(board.blockers))
    if code == 0 and store.rehearsal:
        code = REHEARSAL_READY
    fresh = None if ns.at is not None or getattr(ns, "line", False) else copy_freshness(store)
    try:
        if ns.json:
            import json

            from golive.data.outputs.report import board_to_dict

            data = {"mode": "rehearsal" if store.rehearsal else "real", **board_to_dict(board)}
            if fresh is not None:
                data["replica"] = fresh.as_dict()
            print(json.dumps(data, ensure_ascii=False, indent=2))
        elif getattr(ns, "line", False):
            print(status_line(board, store.rehearsal))
        else:
            from golive.data.outputs.status_text import status_text

            if store.rehearsal:
                print(text(store.plan.language, "mode.rehearsal.line"))
            print(status_text(board))
            if fresh is not None:
                from golive.data.log.replica_state import freshness_text

                print(freshness_text(store.plan.language, fresh))
        sys.stdout.flush()
    except BrokenPipeError:
        stdout_gone()
    return code


def copy_freshness(store: Store) -> Freshness | None:
    """How fresh the copy off the node is (golive.data.log.replica_state), None when the
    file was never replicated and no replica is set up."""
    from golive.data.log.replica_state import file_freshness
    from golive.data.plan.config import config_path
    from golive.data.time.instants import now

    return file_freshness(Path(store.path).resolve(), None if store.rehearsal else store.conn,
                          now("UTC"), config_path())


def status_line(board: Board, rehearsal: bool) -> str:
    """One line for tmux's status-right or a shell prompt, in the plan's language:
    PROBE first for a rehearsal (a glance must never take it for the real go-live), the
    verdict or phase, the blockers when there are any, the countdown to T-0 (T+ after it).
    `PROBE · NO-GO · 3 Blocker · T-1d 02:03:04`."""
    lang = board.plan.language
    parts = [text(lang, "mode.rehearsal")] if rehearsal else []
    parts.append(board.verdict)
    if board.blockers:
        parts.append(text(lang, "status.line.blockers", n=len(board.blockers)))
    parts.append(board.countdown)
    return visible(" · ".join(parts))


def stdout_gone() -> None:
    """The reader closed the pipe: send what is left to /dev/null, so Python's exit does
    not complain about it on stderr."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
