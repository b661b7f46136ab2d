"""The dialogs that write: each builds a form in the interface language, turns its answer
into one command and hands it to the app's one write path.

A refused command keeps the form open with the store's own reason; nothing is written
until the user has said, in so many words, what they want recorded.
"""

from __future__ import annotations

import datetime as _dt
from functools import partial
from typing import TYPE_CHECKING

from textual.content import Content

from golive.data.changes.commands import (
    Approve,
    Check,
    Command,
    Decide,
    Note,
    Reject,
    Revoke,
    SetContact,
    SetGate,
    StagingStableSince,
)
from golive.data.changes.refused import Refused
from golive.data.log.dbfile import StoreError
from golive.data.rules import roster
from golive.data.rules.item_states import contacts_to_fill
from golive.data.rules.phase import rolled_back_at
from golive.data.texts.catalogue import text
from golive.data.texts.user_text import one_line
from golive.data.time.clock import ClockError, parse_instant
from golive.data.time.formats import (
    date_hm,
    date_t_hms,
    day_hm_zone,
    day_hm_zone_in,
    dotted_date_hm_zone,
)
from golive.data.time.instants import in_zone, later
from golive.dialogs import Action, Field, FormResult
from golive.log_source import log_rows
from golive.screens import AsOfScreen

if TYPE_CHECKING:
    from golive.cockpit import GoliveApp


def signoff_dialog(app: GoliveApp, item_id: str) -> None:
    """Approve with a name (this sign-off's own last approver offered), revoke an
    approval with a reason, or go on to reject."""
    lang = app.lang
    item = app.item(item_id)
    if item is None:
        return
    label = item.label
    if item.state == "approved":
        at = day_hm_zone(item.at) if item.at else ""
        app.push_screen(app.dialog(
            text(lang, "dialog.revoke.title", label=label),
            info=[text(lang, "dialog.revoke.info", by=item.by or "", at=at)],
            fields=[Field("reason", text(lang, "dialog.reason.required"))],
            actions=[Action("revoke", text(lang, "dialog.revoke"), "warning")],
            submit=app.submitting(lambda r: Revoke(item_id, r.values["reason"]))))
        return

    def chosen(result: FormResult) -> str | Command | None:
        if result.action == "reject":
            app.call_later(reject_dialog, app, item_id, result.values["name"])
            return None
        return app.submitting(lambda r: Approve(item_id, r.values["name"]))(result)

    info: list[Content | str] = []
    if item.reason:
        info = [Content.assemble((state_word(lang, item.state), "bold"), " – ",
                                 one_line(item.reason))]
    approve_label = text(lang, "dialog.inform" if item.informed else "dialog.approve")
    actions = [Action("approve", approve_label, "success")]
    if item.state != "rejected":
        actions.append(Action("reject", text(lang, "dialog.reject.more"), "error"))
    app.push_screen(app.dialog(
        text(lang, "dialog.approve.title", label=label), info=info,
        fields=[name_field(lang, app.store.last_approver(item_id),
                           roster.suggestions(app.store.plan, item_id))],
        actions=actions, submit=chosen))


def reject_dialog(app: GoliveApp, item_id: str, name: str = "") -> None:
    lang = app.lang
    item = app.item(item_id)
    if item is None:
        return

    def make(result: FormResult) -> Command:
        return Reject(item_id, result.values["name"], required_reason(result, lang))

    app.push_screen(app.dialog(
        text(lang, "dialog.reject.title", label=item.label),
        fields=[Field("name", text(lang, "dialog.reject.name"), name),
                Field("reason", text(lang, "dialog.reason.required"))],
        actions=[Action("reject", text(lang, "dialog.reject"), "error")],
        submit=app.submitting(make)))


def gate_dialog(app: GoliveApp, item_id: str) -> None:
    """Buttons first, each naming the state it writes; Enter presses the obvious next
    step (open -> green, red -> green once fixed) and on a green gate writes nothing.
    Red always asks for its reason in a second step. A derived gate offers no green
    that could only fail: the staging gate its instant, a gate that names contacts the
    contact still to fill in (it turns green by itself once they are real)."""
    lang = app.lang
    item, planned = app.item(item_id), app.store.plan.item(item_id)
    if item is None or planned is None or app.board is None:
        return
    info: list[Content | str] = [Content.assemble(
        (text(lang, "dialog.gate.now"), "bold"), " ", state_word(lang, item.state),
        *((" – ", one_line(item.reason)) if item.reason else ()))]
    staging = planned.derived == "staging-stable"
    to_fill = contacts_to_fill(planned, app.board.contacts)
    if item.derived:
        if item.detail:
            info.append(item.detail)
        info.append(text(lang, "dialog.gate.derived") if staging else text(
            lang, "dialog.gate.derived.contacts",
            labels=", ".join(c.label for c in app.board.contacts if c.id in planned.contacts)))
    actions: list[Action] = []
    if to_fill:
        actions.append(Action("contact", text(lang, "dialog.gate.contact",
                                              label=to_fill[0].label), "primary"))
    elif item.state != "green" and not item.derived:
        actions.append(Action("green", text(lang, "dialog.gate.green"), "success"))
    if item.state == "red" or (item.state == "green" and not item.derived):
        actions.append(Action("open", text(lang, "dialog.gate.reopen")))
    actions.append(Action("red", text(lang, "dialog.gate.red"), "error"))
    if staging and item.state != "red":
        actions.append(Action("staging", text(lang, "dialog.gate.staging"), "primary"))
    default = next((a.id for a in actions if a.id in ("green", "contact")), "cancel")

    def chosen(result: FormResult) -> str | Command | None:
        if result.action == "red":
            app.call_later(red_gate_dialog, app, item_id)
            return None
        if result.action == "staging":
            app.call_later(staging_dialog, app)
            return None
        if result.action == "contact":
            app.call_later(contact_dialog, app, to_fill[0].id)
            return None
        return SetGate(item_id, result.action)

    app.push_screen(app.dialog(
        text(lang, "dialog.gate.title", label=item.label), info=info, actions=actions,
        default_action=default, submit=chosen))


def red_gate_dialog(app: GoliveApp, item_id: str) -> None:
    lang = app.lang
    item = app.item(item_id)
    if item is None:
        return

    def make(result: FormResult) -> Command:
        return SetGate(item_id, "red", required_reason(result, lang))

    app.push_screen(app.dialog(
        text(lang, "dialog.gate.red.title", label=item.label),
        fields=[Field("reason", text(lang, "dialog.gate.red.reason"))],
        actions=[Action("red", text(lang, "dialog.gate.red.confirm"), "error")],
        submit=app.submitting(make)))


def contact_dialog(app: GoliveApp, contact_id: str) -> None:
    lang = app.lang
    contact = next((c for c in app.board.contacts if c.id == contact_id), None) \
        if app.board is not None else None
    if contact is None:
        return
    if contact.kind == "channel":
        fields = [Field("channel", text(lang, "dialog.contact.channel"),
                        contact.channel or "", contact.value)]
    else:
        fields = [Field("name", text(lang, "dialog.contact.name"), contact.name or "",
                        contact.value),
                  Field("phone", text(lang, "dialog.contact.phone"), contact.phone or "")]
    info: list[Content | str] = [app.store.plan.placeholder_rule] if (
        contact.placeholder and app.store.plan.placeholder_rule) else []

    def make(result: FormResult) -> Command:
        v = result.values
        return SetContact(contact_id, v.get("name"), v.get("phone"), v.get("channel"))

    app.push_screen(app.dialog(
        text(lang, "dialog.contact.title", label=contact.label), info=info, fields=fields,
        actions=[Action("save", text(lang, "dialog.save"), "primary")],
        submit=app.submitting(make)))


def reopen_dialog(app: GoliveApp, item_id: str) -> None:
    """Done work stays done unless asked: reopening a done check or task names it and who
    ticked it when; Enter reopens, esc writes nothing."""
    lang = app.lang
    item = app.item(item_id)
    if item is None:
        return
    at = day_hm_zone(item.at) if item.at else ""
    app.push_screen(app.dialog(
        text(lang, "dialog.reopen.title", label=item.label),
        info=[text(lang, "dialog.reopen.info", by=item.by or "", at=at)],
        actions=[Action("reopen", text(lang, "dialog.reopen"), "warning")],
        submit=app.submitting(lambda r: Check(item_id, undo=True))))


def note_dialog(app: GoliveApp) -> None:
    lang = app.lang
    app.push_screen(app.dialog(
        text(lang, "dialog.note.title"), fields=[Field("text", text(lang, "key.note"))],
        actions=[Action("save", text(lang, "dialog.save"), "primary")],
        submit=app.submitting(lambda r: Note(r.values["text"]))))


def staging_dialog(app: GoliveApp) -> None:
    """Record since when staging has been stable: now by default, or an earlier instant
    typed in the plan's local time; the dialog says when the hold will end and whether
    that is before T-0. Once an instant is recorded, one earlier than it needs a reason
    (the store refuses it without one; the preview says so first)."""
    lang = app.lang
    plan = app.store.plan
    now = in_zone(app.store.clock.now(), plan.timezone)
    gate = next((g for g in plan.gates if g.derived == "staging-stable"), None)
    hours = gate.hours if gate else 24
    default = date_hm(now)

    def since(values: dict[str, str]) -> _dt.datetime:
        typed = values["since"].strip()
        # the default is the instant of the keypress the user confirmed
        return now if typed == default else parse_instant(typed, plan.timezone)

    def preview(values: dict[str, str]) -> Content:
        try:
            start = since(values)
        except ClockError as exc:
            return Content.assemble((app.say(exc), "$error"))
        end = later(start, hours=hours)
        key = "dialog.staging.before" if end <= plan.t0 else "dialog.staging.after"
        ends = day_hm_zone_in(end, plan.t0.astimezone(end.tzinfo).year)
        said = Content.assemble((text(lang, key, end=ends, t0=day_hm_zone(plan.t0)),
                                 "bold" if end <= plan.t0 else "bold $warning"))
        if recorded is not None and start < recorded and not values.get("reason", "").strip():
            said = Content.assemble(said, "\n", (text(lang, "dialog.staging.earlier", was=(
                day_hm_zone(recorded))), "bold $error"))
        return said

    def make(result: FormResult) -> Command:
        return StagingStableSince(since(result.values),
                                  result.values.get("reason", "").strip() or None)

    recorded = app.board.staging_since if app.board is not None else None
    fields = [Field("since", text(lang, "dialog.staging.since", zone=plan.timezone), default)]
    if recorded is not None:
        fields.append(Field("reason", text(lang, "dialog.staging.reason")))
    app.push_screen(app.dialog(
        text(lang, "dialog.staging.title"),
        info=[text(lang, "dialog.staging.body", hours=hours)],
        fields=fields,
        actions=[Action("record", text(lang, "dialog.confirm"), "primary")],
        preview=preview, submit=app.submitting(make)))


def decide_dialog(app: GoliveApp, by: str | None = None, reason: str = "") -> None:
    """A decision is a deliberate act: the decider is named (never just the login),
    and GO is confirmed in a second step that says exactly what will be recorded; going
    back from it returns here with the name and reason as typed."""
    lang = app.lang
    board = app.board
    if board is None:
        return
    blockers = board.blocker_texts
    info: list[Content | str] = []
    if blockers:
        info.append(Content.assemble((text(lang, "dialog.decide.blocked",
                                            n=len(blockers)), "bold")))
        info += [Content.assemble("• ", b) for b in blockers]
    else:
        info.append(text(lang, "dialog.decide.ready"))
    info[:0] = again_lines(app)
    if by is None:
        by = board.decision.by if board.decision else ""

    def chosen(result: FormResult) -> str | Command | None:
        by, reason = result.values["by"].strip(), result.values["reason"]
        if not by:
            return text(lang, "dialog.decide.name.needed")
        if result.action == "go":
            app.call_later(confirm_go, app, by, reason)
            return None
        return Decide("no-go", by, reason)

    app.push_screen(app.dialog(
        text(lang, "dialog.decide.title"), info=info,
        fields=[Field("by", text(lang, "dialog.decide.decider"), by,
                      suggestions=roster.suggestions(app.store.plan, role="decision")),
                Field("reason", text(lang, "dialog.reason"), reason)],
        actions=[Action("go", text(lang, "dialog.decide.go"), "success",
                        disabled=bool(blockers)),
                 Action("no-go", text(lang, "dialog.decide.nogo"), "error")],
        default_action="no-go" if blockers else "go", submit=chosen))


def confirm_go(app: GoliveApp, by: str, reason: str) -> None:
    """The second step of a GO; its "Zurück" (and esc) returns to the decision with the
    name and reason kept, never to the board with them lost."""
    lang = app.lang
    board = app.board
    if board is None:
        return
    plan = app.store.plan
    now = in_zone(app.store.clock.now(), plan.timezone)
    info: list[Content | str] = [text(
        lang, "dialog.go.confirm.info", product=plan.product, release=plan.release,
        by=one_line(by), at=dotted_date_hm_zone(now))]
    if reason.strip():
        info.append(Content.assemble((text(lang, "dialog.reason") + ": ", "bold"),
                                     one_line(reason)))
    info.append(text(lang, "dialog.go.confirm.permanent"))
    again = again_lines(app)

    def back(result: FormResult | None) -> None:
        if result is None:
            decide_dialog(app, by, reason)

    # a new attempt after a rollback is chosen on its own button: Enter goes back
    app.push_screen(app.dialog(
        text(lang, "dialog.go.confirm.title"), info=again + info,
        actions=[Action("go", text(lang, "dialog.go.again.confirm" if again else
                                   "dialog.go.confirm"), "success")],
        cancel_label=text(lang, "dialog.back"), default_action="cancel" if again else None,
        submit=app.submitting(lambda r: Decide("go", by, reason))), back)


def again_lines(app: GoliveApp) -> list[Content | str]:
    """After a finished rollback, the line that says a GO starts a new attempt."""
    at = rolled_back_at(app.board) if app.board is not None else None
    if at is None:
        return []
    zone = app.store.plan.timezone
    return [Content.assemble((text(app.lang, "dialog.decide.again",
                                   at=day_hm_zone(in_zone(at, zone))), "bold $warning"))]


def as_of_dialog(app: GoliveApp) -> None:
    lang = app.lang
    board = app.board
    if board is None:
        return
    actions = []
    if board.decision is not None:
        actions.append(Action("decision", text(lang, "asof.decision"), "primary"))
    actions += [Action(f"cp-{n}", m.label) for n, m in enumerate(board.milestones)]
    actions.append(Action("show", text(lang, "asof.show"), "success"))
    zone = app.store.plan.timezone
    default = board.decision.at if board.decision else board.now

    def show(result: FormResult) -> str | None:
        if result.action == "decision" and board.decision is not None:
            instant = board.decision.at
        elif result.action.startswith("cp-"):
            instant = board.milestones[int(result.action[3:])].at
        else:
            try:
                instant = parse_instant(result.values["at"], zone)
            except ClockError as exc:
                return app.say(exc)
        app.run_worker(partial(_show_past, app, instant), thread=True, exclusive=True,
                       group="as-of")
        return None

    app.push_screen(app.dialog(
        text(lang, "asof.title"),
        fields=[Field("at", text(lang, "asof.prompt", zone=zone),
                      date_t_hms(default))],
        actions=actions, default_action="show", submit=show))


def name_field(lang: str, last: str | None, people: tuple[str, ...] = ()) -> Field:
    """The approver's name, empty: this sign-off's last approver is offered as a hint and
    a completion (type its first letters, → accepts), never filled in, so space and a
    careless Enter cannot re-approve in someone's name; the plan's roster completes too
    (the sign-off's own people first)."""
    return Field("name", text(lang, "dialog.approve.name"),
                 placeholder=text(lang, "dialog.approve.last", name=last) if last else "",
                 suggestion=last or "", suggestions=people)


def _show_past(app: GoliveApp, instant: _dt.datetime) -> None:
    """The past board is read on a connection of its own, off the UI thread (a worker);
    it only posts the result back."""
    try:
        past = app.store.board_at(instant, own_connection=True)
        logged = app.store.log_prefix_at(instant, own_connection=True)
    except StoreError as exc:
        app.call_from_thread(app.notify, app.say(exc), severity="error")
        return
    fetch = partial(log_rows, app.store)
    app.call_from_thread(app.push_screen, AsOfScreen(app.lang, str(app.store.path), past,
                                                     fetch, logged, app.store.rehearsal))


def required_reason(result: FormResult, lang: str) -> str:
    """The form's reason; refused in the form (nothing written) while it is empty."""
    reason = result.values["reason"]
    if not reason.strip():
        raise Refused(text(lang, "dialog.reason.needed"))
    return reason


def state_word(lang: str, state: str) -> str:
    return text(lang, f"state.{state}")


