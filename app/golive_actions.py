"""The cockpit's go-live actions after GO (deploy steps, rollback) and corrections.

Functions that take the app, so the key table and the App need only a line each; the
dialogs are the generic FormDialog, and every write goes through the app's `submitting`
(or `write`), so a refused step keeps its dialog open with the store's reason.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content

from golive.data.changes.commands import Command, Correct
from golive.data.changes.golive_commands import Deploy, Outcome, Rollback
from golive.data.changes.refused import Refused
from golive.data.outputs.describe import golive_step_text
from golive.data.rules import roster
from golive.data.rules.golive_steps import golive_lines, phase_text, signed
from golive.data.texts.catalogue import text
from golive.data.time.formats import day_hm_zone, hm_or_day_hm
from golive.dialogs import Action, Field, FormResult
from golive.keys import KEYS
from golive.widgets.log_view import LogView

if TYPE_CHECKING:
    from golive.cockpit import GoliveApp


def _history(app: GoliveApp) -> list[Content | str]:
    """The phase and every step so far, each with the time since the one before."""
    board = app.board
    assert board is not None
    phase = phase_text(board)
    if phase is None:
        return [text(app.lang, "golive.no_go")]
    lines: list[Content | str] = [Content.assemble((phase, "bold"))]
    for step in golive_lines(board):
        since = f" ({signed(step.since)})" if step.since else ""
        lines.append(Content.assemble(f"{hm_or_day_hm(step.at, board.now)}{since} ", step.words))
    return lines


def _key(app: GoliveApp, key_id: str) -> str:
    return app.key_of(next(k for k in KEYS if k.id == key_id))


def golive_dialog(app: GoliveApp) -> None:
    """The next step of the go-live: deploy started, finished, verified, success. Only the
    step that can come next is offered (one button fits any width); the store still has
    the last word."""
    board = app.board
    assert board is not None
    lang, g = app.lang, board.golive
    if g is None:  # no GO: a form whose every submit is refused is no answer
        app.notify(text(lang, "golive.no_go"), severity="warning")
        return
    d = board.decision
    if board.phase == "superseded" and d is not None:  # every step would be refused
        app.notify(text(lang, "note.golive.superseded", cause=d.superseded_by or "",
                        decide=_key(app, "decide"), rollback=_key(app, "rollback")),
                   severity="warning", markup=False)
        return
    done = {s.step for s in g.steps}
    order = ["started", "finished", "verified", "success"]
    following = next((s for s in order if s not in done), None)
    if "rollback" in done:
        following = None
    actions = [] if following is None else [
        Action(following, golive_step_text(board.plan, following), "success")]

    def make(result: FormResult) -> Command:
        return Outcome("success") if result.action == "success" else Deploy(result.action)

    info = _history(app)
    if following == "started" and board.now < board.plan.t0:
        info.append(Content.assemble((text(lang, "dialog.golive.early",
                                           t0=day_hm_zone(board.plan.t0)), "bold $warning")))
    app.push_screen(app.dialog(text(lang, "dialog.golive.title"), info=info,
                               actions=actions, default_action=following or "cancel",
                               submit=app.submitting(make)))


def rollback_dialog(app: GoliveApp) -> None:
    """A rollback decision: the rollback decider's name is offered; another name is allowed
    and recorded as not the named decider. Once decided, the dialog offers 'finished';
    once finished, only the history (Enter closes it)."""
    board = app.board
    assert board is not None
    lang = app.lang
    decider = next((c for c in board.contacts if "rollback" in c.id), None)
    name = decider.name if decider is not None and not decider.placeholder else ""
    decided = board.golive is not None and board.golive.step("rollback") is not None
    if not decided and (board.golive is None or board.golive.step("started") is None):
        # a form whose every submit is refused is no answer: say why in one line
        app.notify(text(lang, "note.rollback.not_yet"), severity="warning")
        return
    info = _history(app) + [text(lang, "dialog.rollback.decider", name=name or "—")]
    criteria = app.store.plan.rollback_criteria  # as the team's checklist wrote them
    if criteria and not decided:
        info.append(text(lang, "dialog.rollback.criteria", criteria=" · ".join(criteria)))
    finished = decided and board.golive is not None and (
        board.golive.step("rollback-finished") is not None)
    fields: list[Field] = []
    if finished:  # the history only: 'finished' again would only be refused
        actions: list[Action] = []
    elif decided:
        actions = [Action("finished", text(lang, "dialog.rollback.finished"), "warning")]
    else:
        actions = [Action("rollback", text(lang, "dialog.rollback.decide"), "error")]
        fields = [Field("by", text(lang, "dialog.rollback.by"), name or "",
                        suggestions=roster.suggestions(app.store.plan, role="rollback")),
                  Field("reason", text(lang, "dialog.reason"))]

    def make(result: FormResult) -> Command:
        if result.action == "finished":
            return Rollback(finished=True)
        if not result.values["reason"].strip():
            raise Refused(text(lang, "dialog.reason.needed"))
        return Rollback(result.values["by"], result.values["reason"])

    app.push_screen(app.dialog(text(lang, "dialog.rollback.title"), info=info, fields=fields,
                               actions=actions, default_action="cancel" if finished else None,
                               submit=app.submitting(make)))


def correct_dialog(app: GoliveApp) -> None:
    """Correct one event: the line at the bottom of the log as shown (the last event unless
    the log is scrolled up) is offered; the event stays in the log, marked."""
    lang = app.lang
    seq = app.store.event_count()
    log = next(iter(app.query(LogView)), None)
    if log is not None and log.count:
        seq = min(log.count, int(log.scroll_offset.y) + max(1, log.scrollable_content_region
                                                             .height))

    def make(result: FormResult) -> Command:
        raw = result.values["seq"].strip()
        if not raw.isdigit():
            raise Refused(text(lang, "dialog.correct.number"))
        return Correct(int(raw), result.values["reason"])

    app.push_screen(app.dialog(
        text(lang, "dialog.correct.title"), info=[text(lang, "dialog.correct.info")],
        fields=[Field("seq", text(lang, "dialog.correct.seq"), str(seq)),
                Field("reason", text(lang, "dialog.reason"))],
        actions=[Action("correct", text(lang, "dialog.correct"), "warning")],
        focus="reason", submit=app.submitting(make)))
