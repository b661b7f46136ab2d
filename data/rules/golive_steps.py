"""The go-live after GO as a short timeline with durations, shared by `status`, the export
and the banner so all three say the same thing."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from golive.data.outputs.describe import golive_step_text
from golive.data.rules.board import Board
from golive.data.texts.catalogue import text
from golive.data.time.clock import format_duration
from golive.data.time.instants import elapsed


@dataclass(frozen=True)
class StepLine:
    words: str
    by: str
    actor: str
    at: _dt.datetime
    seq: int
    since: str | None  # time since the line before (None for the GO itself): "11 min",
    # or "-2 min" when a rehearsal's clock put a step before the one it follows


def golive_lines(board: Board) -> list[StepLine]:
    """GO, then every recorded step in the order it happened, each with the time it took
    since the one before."""
    g, d = board.golive, board.decision
    if g is None:
        return []
    plan = board.plan
    lines: list[StepLine] = []
    if d is not None and d.decision == "go":
        lines.append(StepLine(text(plan.language, "golive.go", by=d.by), d.by, "", d.at,
                              d.seq, None))
    for step in sorted(g.steps, key=lambda s: s.seq):
        since = interval(elapsed(lines[-1].at, step.at).total_seconds()) if lines else None
        words = golive_step_text(plan, step.step, by=step.by, reason=step.reason or "",
                                 decider=step.decider)
        lines.append(StepLine(words, step.by, step.actor, step.at, step.seq, since))
    return lines


def interval(seconds: float) -> str:
    """A duration with its sign: format_duration drops it, and a rehearsal's step recorded
    before the one it follows was printed "+2 min"."""
    return format_duration(seconds) if seconds >= 0 else f"-{format_duration(seconds)}"


def signed(since: str) -> str:
    """An interval as shown beside a step: +11 min, -2 min."""
    return since if since.startswith("-") else f"+{since}"


def golive_total(board: Board) -> str | None:
    """From GO to the last step, when there is more than the GO."""
    lines = golive_lines(board)
    if len(lines) < 2:
        return None
    return interval(elapsed(lines[0].at, lines[-1].at).total_seconds())


def phase_text(board: Board) -> str | None:
    """The go-live's phase in words once there is a go-live: 'Deploy läuft',
    'erfolgreich', 'zurückgerollt' (the same words as the verdict)."""
    if board.golive is None:
        return None
    if board.phase == "go":  # "GO" alone would only repeat the decision
        return f"{board.phase_label} · {text(board.plan.language, 'golive.phase.pending')}"
    return board.phase_label
