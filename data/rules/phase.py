"""The go-live's phase: what happened, not only whether a GO is possible.

Before a GO the verdict is GO-READY or NO-GO; once a GO was given it is the phase itself
(GO, Deploy läuft, verifiziert, erfolgreich, Rollback läuft, zurückgerollt, GO überholt),
so no surface can show "GO-READY" beside a rollback. `status` exits by phase, so a script
gating on it stops after a rollback or on a superseded GO.
"""

from __future__ import annotations

import datetime as _dt

from golive.data.log.kinds import Step
from golive.data.rules.board import Board, DecisionView, GoLiveView

# stable ids (status --json "phase"); the words are the catalogue's "verdict.<id>"
PHASES = ("prepared", "go", "deploying", "verified", "succeeded", "rolling-back",
          "rolled-back", "superseded")

# `golive status` exit codes besides 0 (GO-READY, or a GO that stands and its go-live on
# track), 1 (NO-GO before a GO) and 2 (bad input or file); 3 is a rehearsal's GO-READY
EXIT_SUPERSEDED = 4
EXIT_ROLLBACK = 5


def golive_phase(decision: DecisionView | None, golive: GoLiveView | None) -> str:
    """A rollback outranks everything (it is what happened); a GO that no longer stands
    outranks the steps taken on it; a deploy recorded without a GO in force (the GO
    corrected away or followed by a NO-GO) is a superseded GO too."""
    done = {s.step for s in golive.steps} if golive is not None else set()
    if Step.ROLLBACK_FINISHED in done:
        return "rolled-back"
    if Step.ROLLBACK in done:
        return "rolling-back"
    if decision is None or decision.decision != "go":
        return "superseded" if done else "prepared"
    if decision.state == "superseded":
        return "superseded"
    for step, phase in ((Step.SUCCESS, "succeeded"), (Step.VERIFIED, "verified"),
                        (Step.STARTED, "deploying")):
        if step in done:
            return phase
    return "go"


def exit_code(phase: str, blocked: bool) -> int:
    """0 GO-READY or on track, 1 NO-GO, 4 GO superseded, 5 rollback running or done."""
    if phase in ("rolling-back", "rolled-back"):
        return EXIT_ROLLBACK
    if phase == "superseded":
        return EXIT_SUPERSEDED
    return 1 if blocked else 0


def says_no_blockers(phase: str) -> bool:
    """Whether "keine Blocker" belongs beside the verdict: not once the go-live succeeded
    or a rollback was decided, where it would read as if a GO were still to come."""
    return phase not in ("succeeded", "rolling-back", "rolled-back")


def rolled_back_at(board: Board) -> _dt.datetime | None:
    """When the go-live's rollback finished, if it did: a GO now starts a new attempt
    (the fold resets the go-live), which the GO dialog makes a person confirm as such."""
    if board.phase != "rolled-back" or board.golive is None:
        return None
    done = board.golive.step(Step.ROLLBACK_FINISHED)
    return done.at if done is not None else None
