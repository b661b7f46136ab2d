"""The cockpit app: reads the store, draws boards, turns keys into commands.

Truth first: a key becomes a command, the store writes it, and only then is the board
re-read and drawn. A refused or failed write leaves the screen as it was and says why.
Another process's commit is noticed through `PRAGMA data_version` within half a second.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from functools import partial
from typing import Any

import pendulum
from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widgets import OptionList

from golive.data.clock import ClockError, is_wall_clock, parse_instant
from golive.data.commands import (
    Approve,
    Check,
    Command,
    Decide,
    Note,
    Refused,
    Reject,
    Revoke,
    SetContact,
    SetGate,
    StagingStableSince,
)
from golive.data.facts import fact_lines, plan_facts
from golive.data.rules import Board, ItemView, evaluate
from golive.data.state import State
from golive.data.store import Store, StoreError
from golive.data.text import one_line
from golive.data.texts import say, text
from golive.dialogs import Action, Field, FormDialog, FormResult, ListScreen
from golive.keys import (
    KEYS,
    MUTATING_ACTIONS,
    Key,
    KeymapError,
    bindings,
    config_path,
    load_keymap,
)
from golive.log_source import log_rows
from golive.screens import PANELS, AsOfScreen, BoardScreen, CockpitScreen, fit_width
from golive.widgets.banner import VerdictBanner
from golive.widgets.log_view import LogView
from golive.widgets.panels import BoardList, ContactList, GateList, SignoffList


def cockpit_screen_class(lang: str, read_only: bool = False) -> type[CockpitScreen]:
    """The cockpit screen with its bindings described in the interface language."""
    binding_list: list[BindingType] = list(bindings(lang, read_only))
    return type(f"CockpitScreen_{lang}", (CockpitScreen,), {"BINDINGS": binding_list})


class GoliveApp(App[None]):
    CSS_PATH = "golive.tcss"
    TITLE = "golive"

    def __init__(self, store: Store, actor: str, *, lang: str | None = None,
                 keymap: dict[str, str] | None = None, poll_seconds: float = 0.5,
                 tick_seconds: float = 1.0, bell_on_checkpoint: bool = True,
                 keymap_error: str | None = None, read_only: bool = False) -> None:
        super().__init__()
        self.store = store
        self.read_only = read_only or store.read_only
        self.actor = actor
        self.lang = lang or store.plan.language
        self.poll_seconds = poll_seconds
        self.tick_seconds = tick_seconds
        self.bell_on_checkpoint = bell_on_checkpoint
        self._keymap = keymap or {}
        self._keymap_error = keymap_error
        self._state = State()
        self._count = 0
        self._head = ""
        self._data_version = -1
        self._checkpoint: str | None = None
        self._poll_failed = False
        self.board: Board | None = None
        self.theme = "textual-dark"

    # --- lifecycle --------------------------------------------------------------------

    def get_default_screen(self) -> Screen[Any]:
        cls = cockpit_screen_class(self.lang, self.read_only)
        return cls(self.lang, str(self.store.path), partial(log_rows, self.store),
                   self.store.rehearsal, read_only=self.read_only)

    def on_mount(self) -> None:
        if self.store.rehearsal:
            self.title = f"golive · {text(self.lang, 'mode.rehearsal')}"
        elif not is_wall_clock(self.store.clock):
            self.notify(text(self.lang, "note.real_file.view"), severity="warning", timeout=15)
        if self._keymap:
            self.set_keymap(self._keymap)
        if self._keymap_error:
            self.notify(text(self.lang, "note.keymap", path=str(config_path()),
                           why=self._keymap_error), severity="warning", timeout=10)
        self.reload()
        self.call_after_refresh(self.reload)  # the screen's widgets exist from here on
        self._checkpoint = self._current_checkpoint()
        self.set_interval(self.tick_seconds, self.tick)
        self.set_interval(self.poll_seconds, self.poll)

    def on_resize(self, event: events.Resize) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, BoardScreen):
                fit_width(screen, event.size.width)

    @property
    def cockpit(self) -> CockpitScreen | None:
        screen = self.screen
        if isinstance(screen, CockpitScreen):
            return screen
        for s in self.screen_stack:
            if isinstance(s, CockpitScreen):
                return s
        return None

    # --- reading ----------------------------------------------------------------------

    def reload(self) -> None:
        """Re-read state from disk and redraw; the only way new data reaches the screen."""
        try:
            # version first: a commit landing between the two reads is then seen again by
            # the next poll instead of being missed
            self._data_version = self.store.data_version()
            self._state, self._count, self._head = self.store.read()
        except StoreError as exc:
            self.notify(say(exc, self.lang), severity="error", timeout=10)
            return
        self.redraw()
        cockpit = self.cockpit
        if cockpit is not None and cockpit.is_mounted:
            for log in cockpit.query(LogView):
                log.set_count(self._count)

    def redraw(self) -> None:
        self.board = evaluate(self.store.plan, self._state, self.store.clock.now(),
                              events=self._count, head=self._head)
        cockpit = self.cockpit
        if cockpit is not None and cockpit.is_mounted:
            cockpit.show(self.board)

    def tick(self) -> None:
        self.redraw()
        current = self._current_checkpoint()
        if current != self._checkpoint and current is not None and self.board is not None:
            m = next(m for m in self.board.milestones if m.id == current)
            self.notify(text(self.lang, "note.checkpoint", label=m.label), timeout=15)
            if self.bell_on_checkpoint:
                self.bell()
        self._checkpoint = current

    def poll(self) -> None:
        """Notice another process's commit; if the file cannot be read, say so once and
        keep showing the last board."""
        try:
            version = self.store.data_version()
        except sqlite3.Error as exc:
            if not self._poll_failed:
                self._poll_failed = True
                self.notify(f"{self.store.path}: {exc}", severity="error", timeout=15)
            return
        self._poll_failed = False
        if version != self._data_version:
            self.reload()

    def _current_checkpoint(self) -> str | None:
        if self.board is None:
            return None
        return next((m.id for m in self.board.milestones if m.current), None)

    def notify(self, message: str, *args: Any, **kwargs: Any) -> None:
        """Every notification of a rehearsal says so, even one seen out of context."""
        if self.store.rehearsal:
            message = f"{text(self.lang, 'mode.rehearsal')} · {message}"
        super().notify(message, *args, **kwargs)

    # --- writing ----------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Read-only, no route (key, palette, mouse) reaches an action that writes."""
        return not (self.read_only and action in MUTATING_ACTIONS)

    def action_read_only(self) -> None:
        self.clear_notifications()  # one plain line, however often a key is pressed
        self.notify(text(self.lang, "note.readonly"), severity="warning", timeout=4)

    def write(self, command: Command, *, notify: bool = True) -> str | None:
        """Apply a command; on success redraw from disk, on failure say why (a dialog shows
        the reason itself, so it passes notify=False)."""
        if self.read_only:  # the one write path: nothing gets past it in a read-only view
            self.action_read_only()
            return text(self.lang, "note.readonly")
        try:
            self.store.apply(command, self.actor)
        except (Refused, StoreError) as exc:
            message = text(self.lang, "note.refused", why=say(exc, self.lang))
            if notify:
                self.notify(message, severity="error", timeout=8)
            return message
        self.reload()
        return None

    def _submit(self, make: Callable[[FormResult], Command | None]) -> Callable[
            [FormResult], str | None]:
        """A form callback that writes the command the form describes and keeps the form
        open with the reason if the store refuses it."""
        def submit(result: FormResult) -> str | None:
            try:
                command = make(result)
            except (Refused, ClockError) as exc:
                return say(exc, self.lang)
            return None if command is None else self.write(command, notify=False)
        return submit

    def dialog(self, title: str, **kwargs: Any) -> FormDialog:
        """A form in the interface language, which always says what Enter will do."""
        kwargs.setdefault("cancel_label", text(self.lang, "dialog.cancel"))
        return FormDialog(title, enter_hint=text(self.lang, "dialog.enter"), **kwargs)

    def _item(self, item_id: str) -> ItemView | None:
        """The item as the board shows it now; None (calmly) before the first read."""
        return self.board.item(item_id) if self.board is not None else None

    # --- focus ------------------------------------------------------------------------

    def action_panel(self, number: int) -> None:
        cockpit = self.cockpit
        if cockpit is None:
            return
        panel = cockpit.query_one(f"#{PANELS[number - 1]}")
        panel.focus()
        panel.scroll_visible()

    def _focused_item(self) -> tuple[BoardList | None, str | None]:
        focused = self.focused
        if isinstance(focused, BoardList):
            return focused, focused.highlighted_id
        return None, None

    # --- toggling ---------------------------------------------------------------------

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if isinstance(event.option_list, BoardList) and event.option.id:
            event.stop()
            self.toggle(event.option_list, event.option.id)

    def action_toggle_item(self) -> None:
        panel, item_id = self._focused_item()
        if panel is not None and item_id:
            self.toggle(panel, item_id)

    def toggle(self, panel: BoardList, item_id: str) -> None:
        if self.read_only:  # enter or a click on a row would open a dialog that writes
            self.action_read_only()
            return
        if isinstance(panel, ContactList):
            self.edit_contact(item_id)
            return
        board = self.board
        item = board.item(item_id) if board else None
        if item is None:
            return
        plan_item = self.store.plan.item(item_id)
        if item.derived and not isinstance(panel, GateList) and plan_item is not None:
            source = text(self.lang, "note.derived.contacts"
                        if plan_item.derived == "contacts-complete" else "note.derived.staging")
            self.notify(text(self.lang, "note.derived", label=item.label, source=source))
            return
        if isinstance(panel, SignoffList):
            self.signoff_dialog(item_id)
        elif isinstance(panel, GateList):
            self.gate_dialog(item_id)
        else:
            self.write(Check(item_id, undo=item.state == "done"))

    def signoff_dialog(self, item_id: str) -> None:
        """Approve with a name (this sign-off's own last approver offered), revoke an
        approval with a reason, or go on to reject."""
        lang = self.lang
        item = self._item(item_id)
        if item is None:
            return
        label = item.label
        if item.state == "approved":
            at = item.at.format("DD.MM. HH:mm zz") if item.at else ""
            self.push_screen(self.dialog(
                text(lang, "dialog.revoke.title", label=label),
                info=[text(lang, "dialog.revoke.info", by=item.by or "", at=at)],
                fields=[Field("reason", text(lang, "dialog.reason.required"))],
                actions=[Action("revoke", text(lang, "dialog.revoke"), "warning")],
                submit=self._submit(lambda r: Revoke(item_id, r.values["reason"]))))
            return

        def chosen(result: FormResult) -> str | None:
            if result.action == "reject":
                self.call_later(self.reject_dialog, item_id, result.values["name"])
                return None
            return self._submit(lambda r: Approve(item_id, r.values["name"]))(result)

        info: list[Content | str] = []
        if item.reason:
            info = [Content.assemble((_state_word(lang, item.state), "bold"), " – ",
                                     one_line(item.reason))]
        approve_label = text(lang, "dialog.inform" if item.informed else "dialog.approve")
        actions = [Action("approve", approve_label, "success")]
        if item.state != "rejected":
            actions.append(Action("reject", text(lang, "dialog.reject.more"), "error"))
        self.push_screen(self.dialog(
            text(lang, "dialog.approve.title", label=label), info=info,
            fields=[Field("name", text(lang, "dialog.approve.name"),
                          self.store.last_approver(item_id) or "")],
            actions=actions, submit=chosen))

    def action_reject(self) -> None:
        panel, item_id = self._focused_item()
        if isinstance(panel, SignoffList) and item_id:
            self.reject_dialog(item_id)

    def reject_dialog(self, item_id: str, name: str = "") -> None:
        lang = self.lang
        item = self._item(item_id)
        if item is None:
            return

        def make(result: FormResult) -> Command:
            return Reject(item_id, result.values["name"], required_reason(result, lang))

        self.push_screen(self.dialog(
            text(lang, "dialog.reject.title", label=item.label),
            fields=[Field("name", text(lang, "dialog.reject.name"), name),
                    Field("reason", text(lang, "dialog.reason.required"))],
            actions=[Action("reject", text(lang, "dialog.reject"), "error")],
            submit=self._submit(make)))

    def gate_dialog(self, item_id: str) -> None:
        """Buttons first, each naming the state it writes; Enter presses the obvious next
        step (open -> green, red -> green once fixed) and on a green gate writes nothing.
        Red always asks for its reason in a second step."""
        lang = self.lang
        item = self._item(item_id)
        if item is None:
            return
        info: list[Content | str] = [Content.assemble(
            (text(lang, "dialog.gate.now"), "bold"), " ", _state_word(lang, item.state),
            *((" – ", one_line(item.reason)) if item.reason else ()))]
        if item.derived:
            info.append(item.detail or "")
            info.append(text(lang, "dialog.gate.derived"))
        actions: list[Action] = []
        # the derived staging gate turns green by itself: offer no button that can only fail
        if item.state != "green" and not item.derived:
            actions.append(Action("green", text(lang, "dialog.gate.green"), "success"))
        if item.state == "red":
            actions.append(Action("open", text(lang, "dialog.gate.reopen")))
        actions.append(Action("red", text(lang, "dialog.gate.red"), "error"))
        if item.derived and item.state != "red":
            actions.append(Action("staging", text(lang, "dialog.gate.staging"), "primary"))
        default = "green" if any(a.id == "green" for a in actions) else "cancel"

        def chosen(result: FormResult) -> str | None:
            if result.action == "red":
                self.call_later(self.red_gate_dialog, item_id)
                return None
            if result.action == "staging":
                self.call_later(self.action_staging)
                return None
            return self.write(SetGate(item_id, result.action), notify=False)

        self.push_screen(self.dialog(
            text(lang, "dialog.gate.title", label=item.label), info=info, actions=actions,
            default_action=default, submit=chosen))

    def red_gate_dialog(self, item_id: str) -> None:
        lang = self.lang
        item = self._item(item_id)
        if item is None:
            return

        def make(result: FormResult) -> Command:
            return SetGate(item_id, "red", required_reason(result, lang))

        self.push_screen(self.dialog(
            text(lang, "dialog.gate.red.title", label=item.label),
            fields=[Field("reason", text(lang, "dialog.gate.red.reason"))],
            actions=[Action("red", text(lang, "dialog.gate.red.confirm"), "error")],
            submit=self._submit(make)))

    # --- the other keys ---------------------------------------------------------------

    def action_edit_contact(self) -> None:
        """Edit the focused contact; from elsewhere, first move the focus to the contact it
        will edit (the first placeholder), so the user sees which one."""
        panel, item_id = self._focused_item()
        if not isinstance(panel, ContactList) or not item_id:
            board, cockpit = self.board, self.cockpit
            if board is None or cockpit is None or not board.contacts:
                return
            item_id = next((c.id for c in board.contacts if c.placeholder),
                           board.contacts[0].id)
            cockpit.focus_item(item_id)
        self.edit_contact(item_id)

    def edit_contact(self, contact_id: str) -> None:
        lang = self.lang
        contact = next((c for c in self.board.contacts if c.id == contact_id), None) \
            if self.board is not None else None
        if contact is None:
            return
        if contact.kind == "channel":
            fields = [Field("channel", text(lang, "dialog.contact.channel"),
                            contact.channel or "", contact.value)]
        else:
            fields = [Field("name", text(lang, "dialog.contact.name"), contact.name or "",
                            contact.value),
                      Field("phone", text(lang, "dialog.contact.phone"), contact.phone or "")]
        info: list[Content | str] = [self.store.plan.placeholder_rule] if (
            contact.placeholder and self.store.plan.placeholder_rule) else []

        def make(result: FormResult) -> Command:
            v = result.values
            return SetContact(contact_id, v.get("name"), v.get("phone"), v.get("channel"))

        self.push_screen(self.dialog(
            text(lang, "dialog.contact.title", label=contact.label), info=info, fields=fields,
            actions=[Action("save", text(lang, "dialog.save"), "primary")],
            submit=self._submit(make)))

    def action_note(self) -> None:
        lang = self.lang
        self.push_screen(self.dialog(
            text(lang, "dialog.note.title"), fields=[Field("text", text(lang, "key.note"))],
            actions=[Action("save", text(lang, "dialog.save"), "primary")],
            submit=self._submit(lambda r: Note(r.values["text"]))))

    def action_staging(self) -> None:
        """Record since when staging has been stable: now by default, or an earlier instant
        typed in the plan's local time; the dialog says when the hold will end and whether
        that is before T-0."""
        lang = self.lang
        plan = self.store.plan
        now = self.store.clock.now().in_tz(plan.timezone)
        gate = next((g for g in plan.gates if g.derived == "staging-stable"), None)
        hours = gate.hours if gate else 24
        default = now.format("YYYY-MM-DD HH:mm:ss")

        def since(values: dict[str, str]) -> pendulum.DateTime:
            typed = values["since"].strip()
            # the default is the instant of the keypress the user confirmed
            return now if typed == default else parse_instant(typed, plan.timezone)

        def preview(values: dict[str, str]) -> Content:
            try:
                start = since(values)
            except ClockError as exc:
                return Content.assemble((say(exc, lang), "$error"))
            end = start.add(hours=hours)
            key = "dialog.staging.before" if end <= plan.t0 else "dialog.staging.after"
            return Content.assemble((text(lang, key, end=end.format("DD.MM. HH:mm zz"),
                                        t0=plan.t0.format("DD.MM. HH:mm zz")),
                                     "bold" if end <= plan.t0 else "bold $warning"))

        def make(result: FormResult) -> Command:
            return StagingStableSince(since(result.values))

        self.push_screen(self.dialog(
            text(lang, "dialog.staging.title"),
            info=[text(lang, "dialog.staging.body", hours=hours)],
            fields=[Field("since", text(lang, "dialog.staging.since", zone=plan.timezone),
                          default)],
            actions=[Action("record", text(lang, "dialog.confirm"), "primary")],
            preview=preview, submit=self._submit(make)))

    def action_decide(self) -> None:
        """A decision is a deliberate act: the decider is named (never just the login),
        and GO is confirmed in a second step that says exactly what will be recorded."""
        lang = self.lang
        board = self.board
        if board is None:
            return
        blockers = board.blockers
        info: list[Content | str] = []
        if blockers:
            info.append(Content.assemble((text(lang, "dialog.decide.blocked",
                                                n=len(blockers)), "bold")))
            info += [Content.assemble("• ", b) for b in blockers]
        else:
            info.append(text(lang, "dialog.decide.ready"))
        last = board.decision.by if board.decision else ""

        def chosen(result: FormResult) -> str | None:
            by, reason = result.values["by"].strip(), result.values["reason"]
            if not by:
                return text(lang, "dialog.decide.name.needed")
            if result.action == "go":
                self.call_later(self.confirm_go, by, reason)
                return None
            return self.write(Decide("no-go", by, reason), notify=False)

        self.push_screen(self.dialog(
            text(lang, "dialog.decide.title"), info=info,
            fields=[Field("by", text(lang, "dialog.decide.decider"), last),
                    Field("reason", text(lang, "dialog.reason"))],
            actions=[Action("go", text(lang, "dialog.decide.go"), "success",
                            disabled=bool(blockers)),
                     Action("no-go", text(lang, "dialog.decide.nogo"), "error")],
            default_action="no-go" if blockers else "go", submit=chosen))

    def confirm_go(self, by: str, reason: str) -> None:
        lang = self.lang
        board = self.board
        if board is None:
            return
        plan = self.store.plan
        now = self.store.clock.now().in_tz(plan.timezone)
        info: list[Content | str] = [text(
            lang, "dialog.go.confirm.info", product=plan.product, release=plan.release,
            by=one_line(by), at=now.format("DD.MM.YYYY HH:mm zz"))]
        if reason.strip():
            info.append(Content.assemble((text(lang, "dialog.reason") + ": ", "bold"),
                                         one_line(reason)))
        info.append(text(lang, "dialog.go.confirm.permanent"))
        self.push_screen(self.dialog(
            text(lang, "dialog.go.confirm.title"), info=info,
            actions=[Action("go", text(lang, "dialog.go.confirm"), "success")],
            cancel_label=text(lang, "dialog.back"),
            submit=self._submit(lambda r: Decide("go", by, reason))))

    def action_export(self) -> None:
        self.notify(text(self.lang, "note.exporting"), timeout=3)
        self.export_worker()

    @work(thread=True, exclusive=True, group="export")
    def export_worker(self) -> None:
        """Exports read through their own connection, so a long log never freezes the
        screen; the worker only reports back."""
        from golive.data.export import ExportError, write_export

        try:
            path = write_export(self.store)
        except (ExportError, OSError) as exc:
            why = say(exc, self.lang)
            self.call_from_thread(self.notify, text(self.lang, "note.export.failed", why=why),
                                  severity="error", timeout=10)
            return
        self.call_from_thread(self.notify, text(self.lang, "note.exported", path=str(path)),
                              timeout=10)

    def copy_text(self, value: str) -> bool:
        """OSC 52 (works over ssh in most terminals), and the node's clipboard tool when
        there is one; False when only the OSC 52 copy may have worked."""
        self.copy_to_clipboard(value)
        try:
            import pyperclip

            pyperclip.copy(value)
            return True
        except Exception:  # no clipboard tool on this node
            return False

    def action_copy_summary(self) -> None:
        if self.board is None:
            return
        summary = self.board.summary_line()
        if self.store.rehearsal:  # a pasted rehearsal status must not pass for the real one
            summary = f"{text(self.lang, 'mode.rehearsal')} · {summary}"
        if self.copy_text(summary):
            self.notify(text(self.lang, "note.copied", text=summary))
        else:
            self.notify(text(self.lang, "note.copy.failed", text=summary), severity="warning")

    def action_announce(self) -> None:
        from golive.announcing import start

        start(self)

    def on_verdict_banner_clicked(self, _message: VerdictBanner.Clicked) -> None:
        self.action_blockers()

    def action_blockers(self) -> None:
        """Every blocker and warning; Enter on a blocker jumps to its item."""
        board = self.board
        if board is None:
            return
        lang = self.lang
        lines: list[Content | str] = [Content.assemble(("✖ ", "bold"), b)
                                      for b in board.blockers]
        targets: list[str | None] = list(board.blocker_targets)
        if not lines:
            lines, targets = [text(lang, "blockers.none")], [None]
        if board.warnings:
            lines.append("")
            lines.append(Content.assemble((text(lang, "warnings.title"), "bold")))
            lines += [Content.assemble("· ", w) for w in board.warnings]

        def jump(index: int | None) -> None:
            target = targets[index] if index is not None and index < len(targets) else None
            cockpit = self.cockpit
            if target is not None and cockpit is not None:
                cockpit.focus_item(target)

        self.push_screen(ListScreen(text(lang, "blockers.title", n=len(board.blockers)),
                                    lines, text(lang, "close"), pickable=len(board.blockers),
                                    hint=text(lang, "blockers.hint")), jump)

    def action_info(self) -> None:
        """Every fact of the plan in full, and the file with its chain head."""
        lang = self.lang
        plan = self.store.plan
        rows = [(text(lang, "facts.release"), f"{plan.product} {plan.release}"),
                (text(lang, "facts.t0"), f"{plan.t0.format('YYYY-MM-DD HH:mm zz')} "
                                         f"({plan.timezone})"),
                *fact_lines(plan_facts(plan), lang)]
        lines: list[Content | str] = [
            Content.assemble((f"{label:<20}", "bold"), ("" if label else "· ") + value)
            for label, value in rows]
        lines += ["", Content.assemble((f"{text(lang, 'info.file'):<20}", "bold"),
                                       str(self.store.path))]
        if self.board is not None:
            lines += [Content.assemble((f"{text(lang, 'info.events'):<20}", "bold"),
                                       str(self.board.events)),
                      Content.assemble((f"{text(lang, 'info.head'):<20}", "bold"),
                                       self.board.head)]
        self.push_screen(ListScreen(text(lang, "info.title"), lines, text(lang, "close")))

    def action_help(self) -> None:
        lang = self.lang
        lines: list[Content | str] = []
        for k in KEYS:
            lines.append(Content.assemble((f"{self.key_of(k):<14}", "bold"),
                                          text(lang, k.text_key), (f"  [{k.id}]", "dim")))
        lines += ["", text(lang, "help.moving"),
                  text(lang, "help.keymap", path=str(config_path()))]
        self.push_screen(ListScreen(text(lang, "help.title"), lines, text(lang, "close")))

    def action_as_of(self) -> None:
        lang = self.lang
        board = self.board
        if board is None:
            return
        actions = []
        if board.decision is not None:
            actions.append(Action("decision", text(lang, "asof.decision"), "primary"))
        actions += [Action(f"cp-{n}", m.label) for n, m in enumerate(board.milestones)]
        actions.append(Action("show", text(lang, "asof.show"), "success"))
        zone = self.store.plan.timezone
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
                    return say(exc, lang)
            try:
                past = self.store.board_at(instant)
            except StoreError as exc:
                return say(exc, lang)
            self.call_later(self.push_screen, AsOfScreen(lang, str(self.store.path), past,
                                                         self.store.rehearsal))
            return None

        self.push_screen(self.dialog(
            text(lang, "asof.title"),
            fields=[Field("at", text(lang, "asof.prompt", zone=zone),
                          default.format("YYYY-MM-DDTHH:mm:ss"))],
            actions=actions, default_action="show", submit=show))

    # --- command palette --------------------------------------------------------------

    def key_of(self, key: Key) -> str:
        """The key as the user presses it: remapped by the keymap, '?' for question_mark."""
        return self._keymap.get(key.id, key.keys).replace("question_mark", "?")

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """golive's own commands, in the interface language (Textual's system commands
        would be the only English on the screen, and golive needs none of them)."""
        if not isinstance(screen, CockpitScreen):
            return
        for k in KEYS:
            if not k.palette or (self.read_only and k.mutates):
                continue
            action = k.action.removeprefix("app.")
            method = getattr(self, f"action_{action}")
            yield SystemCommand(f"golive: {text(self.lang, k.text_key)}",
                                text(self.lang, "palette.help", key=self.key_of(k), id=k.id),
                                method)


def required_reason(result: FormResult, lang: str) -> str:
    """The form's reason; refused in the form (nothing written) while it is empty."""
    reason = result.values["reason"]
    if not reason.strip():
        raise Refused(text(lang, "dialog.reason.needed"))
    return reason


def _state_word(lang: str, state: str) -> str:
    return text(lang, f"state.{state}")


def make_app(store: Store, actor: str, *, lang: str | None = None,
             keymap: dict[str, str] | None = None, **kwargs: Any) -> GoliveApp:
    """The one factory for the cockpit: the CLI, tests and the screenshot script use it."""
    return GoliveApp(store, actor, lang=lang, keymap=keymap, **kwargs)


def run_cockpit(store: Store, actor: str, lang: str | None = None, *,
                read_only: bool = False) -> int:
    keymap_error = None
    try:
        keymap = load_keymap()
    except KeymapError as exc:
        keymap, keymap_error = {}, str(exc)
    app = make_app(store, actor, lang=lang, keymap=keymap, keymap_error=keymap_error,
                   read_only=read_only)
    try:
        app.run()
    finally:
        store.close()
    return 0

