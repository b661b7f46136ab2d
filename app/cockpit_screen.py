"""The live cockpit screen: its panels, its keys, and what each key opens.

The screen owns its bindings (declared once in golive.keys, with ids a keymap can remap)
and their actions; a key that only opens a form or flow names it in the key table
(`Key.opens`), which makes its action here. Keys that write open a form (golive.forms)
that hands one command to the app's one write path; the lists here (blockers, help,
plan facts) only read. The forms and dialogs are imported by the action that opens them:
the first frame needs none.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from importlib import import_module
from typing import TYPE_CHECKING, cast

from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import ActiveBinding
from textual.content import Content

from golive.clipboard import copy_text
from golive.data.plan.config import config_path
from golive.data.rules.board import Board
from golive.data.texts.catalogue import say, text
from golive.data.time.formats import date_hm_zone
from golive.keys import BINDINGS, KEYS, MUTATING_ACTIONS, Key, key_name
from golive.screens import PANELS, BoardScreen
from golive.widgets.banner import VerdictBanner
from golive.widgets.key_bar import KeyBar
from golive.widgets.log_view import Fetch, LogView
from golive.widgets.panels import BoardList, ContactList, GateList, SignoffList
from golive.widgets.row_list import RowList

if TYPE_CHECKING:
    from golive.cockpit import GoliveApp
    from golive.data.log.whole_check import WholeCheck


# Left out of the footer below the wide layout, so space (what everyone tries first), help
# and quit fit in it at 80 columns: s, b and the palette are in the help (?), and the
# verdict line says "b: alle Blocker" whenever there are any.
NARROW_UNSHOWN = frozenset({"staging", "blockers", "palette"})


def writes(action: Callable[..., None]) -> Callable[..., None]:
    """An action that leads to a write: a read-only cockpit answers it with one line
    instead, however it was reached (key, click, palette)."""
    @wraps(action)
    def guarded(self: CockpitScreen, *args: object) -> None:
        if self.read_only:
            self.golive.action_read_only()
            return
        action(self, *args)
    return guarded


class CockpitScreen(BoardScreen):
    """The live cockpit: every key here ends in a command to the store, or only reads."""

    BINDINGS = BINDINGS

    def __init__(self, lang: str, db_path: str, fetch: Fetch, rehearsal: bool = False, *,
                 read_only: bool = False) -> None:
        super().__init__(lang, db_path, rehearsal, read_only=read_only)
        self.fetch = fetch
        self._whole_check: WholeCheck | None = None  # the whole-chain check, once started

    @property
    def golive(self) -> GoliveApp:
        return cast("GoliveApp", self.app)

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """A read-only cockpit leaves the keys that write out of the footer; a narrow one
        the keys that would push help and quit off the line."""
        return {key: active for key, active in super().active_bindings.items()
                if not (self.read_only and active.binding.action in MUTATING_ACTIONS)
                and not (self.has_class("-narrow") and active.binding.id in NARROW_UNSHOWN)}

    def compose(self) -> ComposeResult:
        yield from self.compose_panels()
        yield LogView(self.fetch, text(self.lang, "panel.log"), id="log", classes="panel")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#signoffs").focus()
        # the live board and log: the app's, as it last read them (its panels follow ours)
        self.watch(self.app, "board", self.take_board)
        self.watch(self.app, "log_count", self.take_log_count)
        self.watch(self.app, "log_marks", self.take_log_marks, init=False)
        if self.golive.verify_after is not None:
            self.set_timer(max(self.golive.verify_after, 0.01), self.start_whole_check)

    def take_board(self, board: Board | None) -> None:
        if self.golive.readable:  # no board drawn from a state that could not be read
            self.board = board

    def take_log_count(self, count: int) -> None:
        self.log_count = count

    def take_log_marks(self, _marks: int) -> None:
        """A correction marks the row of the event it corrects: the log's rows anew."""
        for log in self.query(LogView):
            log.set_count(log.count, reset=True)

    # --- focus and the item under it ----------------------------------------------------

    def action_panel(self, number: int) -> None:
        """Focus at once, not after the keys already waiting (Widget.focus waits for
        them): "4" and space arriving together must act on the T-plan, not on the panel
        focused before (it ticked a comms task nobody meant)."""
        panel = self.query_one(f"#{PANELS[number - 1]}")
        self.set_focus(panel, scroll_visible=False)  # the panel shows its cursor row

    def focused_item(self) -> tuple[BoardList | None, str | None]:
        focused = self.focused
        if isinstance(focused, BoardList):
            return focused, focused.highlighted_id
        return None, None

    def on_row_list_selected(self, event: RowList.Selected) -> None:
        if isinstance(event.row_list, BoardList) and event.option.id:
            event.stop()
            self.act_on(event.row_list, event.option.id)

    def action_toggle_item(self) -> None:
        panel, item_id = self.focused_item()
        if panel is not None and item_id:
            self.act_on(panel, item_id)

    @writes
    def act_on(self, panel: BoardList, item_id: str) -> None:
        """space/enter on an item: the dialog of its kind, or a tick for an open check (a
        done one asks before it is reopened). A tick writes at once, so it needs the row
        on screen: a row that is not (something moved it away, or the keys that chose it
        came faster than the screen) is brought into view, and the key writes nothing. A
        dialog names its item before anything is written, so it opens either way."""
        index = next((n for n, o in enumerate(panel.options) if o.id == item_id), None)
        if index is None:
            return
        seen = panel.row_seen(index)
        if not seen:
            panel.keep_row_in_view()
        app = self.golive
        if isinstance(panel, ContactList):
            from golive.forms import contact_dialog

            contact_dialog(app, item_id)
            return
        item = app.item(item_id)
        plan_item = app.store.plan.item(item_id)
        if item is None or plan_item is None:
            return
        if plan_item.derived == "deploy-started":  # ticked by the deploy itself
            from golive.golive_actions import golive_dialog

            golive_dialog(app)
        elif item.derived and not isinstance(panel, GateList):
            source = text(self.lang, "note.derived.contacts"
                          if plan_item.derived == "contacts-complete" else "note.derived.staging")
            app.notify(text(self.lang, "note.derived", label=item.label, source=source))
        elif isinstance(panel, SignoffList):
            from golive.forms import signoff_dialog

            signoff_dialog(app, item_id)
        elif isinstance(panel, GateList):
            from golive.forms import gate_dialog

            gate_dialog(app, item_id)
        elif item.state == "done":  # done work stays done unless asked
            from golive.forms import reopen_dialog

            reopen_dialog(app, item_id)
        elif seen:
            from golive.data.changes.commands import Check

            app.write(Check(item_id))

    # --- keys that open a form ----------------------------------------------------------

    @writes
    def action_reject(self) -> None:
        panel, item_id = self.focused_item()
        if isinstance(panel, SignoffList) and item_id:
            from golive.forms import reject_dialog

            reject_dialog(self.golive, item_id)
        else:
            self.golive.notify(text(self.lang, "note.reject.where"), timeout=5)

    @writes
    def action_edit_contact(self) -> None:
        """Edit the focused contact; from elsewhere, first move the focus to the contact it
        will edit (the first placeholder), so the user sees which one."""
        panel, item_id = self.focused_item()
        board = self.golive.board
        if not isinstance(panel, ContactList) or not item_id:
            if board is None or not board.contacts:
                return
            item_id = next((c.id for c in board.contacts if c.placeholder),
                           board.contacts[0].id)
            self.focus_item(item_id)
        from golive.forms import contact_dialog

        contact_dialog(self.golive, item_id)

    @writes
    def action_clock_next(self) -> None:
        """] in a rehearsal: its clock to the next checkpoint."""
        self.golive.jump_clock(1)

    @writes
    def action_clock_previous(self) -> None:
        """[ in a rehearsal: its clock to the previous checkpoint."""
        self.golive.jump_clock(-1)

    # --- keys that only read ------------------------------------------------------------

    def action_export(self) -> None:
        if self.golive.is_web:
            # a browser tab under `golive serve` writes nothing on the server (each press
            # was a 2 MB file beside the database); a download would hold each unfetched
            # export in memory and carry the server's path in its verify line
            self.golive.notify(text(self.lang, "note.export.served"), timeout=6)
            return
        self.golive.notify(text(self.lang, "note.exporting"), timeout=3)
        self.export_worker()

    def start_whole_check(self) -> None:
        """The check made here, in the screen's own thread, so that quitting (on_unmount,
        the same thread) always finds it to end."""
        from golive.data.log.whole_check import WholeCheck

        self._whole_check = WholeCheck(self.golive.store.path, self.lang)
        self.verify_worker()

    @work(thread=True, exclusive=True, group="verify")
    def verify_worker(self) -> None:
        """The whole chain, checked once in the background after start: a reader compares
        the state with the newest event only, so an edit deep in the log (with the
        triggers put back) would otherwise show only to `golive verify`. The walk runs in
        a child process at the lowest priority (data/log/whole_check.py): this thread
        only waits for its verdict, and never holds the screen."""
        from golive.data.log import whole_check

        app = self.golive
        check = self._whole_check or whole_check.WholeCheck(app.store.path, self.lang)
        problem = check.run()
        if problem is not None:
            app.call_from_thread(app.not_intact, text(self.lang, "note.verify_failed",
                                                      path=str(app.store.path),
                                                      problem=problem))

    def on_unmount(self) -> None:
        """Quitting ends a check still running: nobody waits for its verdict."""
        if self._whole_check is not None:
            self._whole_check.stop()

    @work(thread=True, exclusive=True, group="export")
    def export_worker(self) -> None:
        """Exports read through their own connection, so a long log never freezes the
        screen; the worker only reports back."""
        from golive.data.outputs.export import write_export
        from golive.data.outputs.export_file import ExportError
        from golive.progress import MIN_EVENTS

        app, lang = self.golive, self.lang
        shown = [-1]

        def progress(done: int, total: int) -> None:
            tenth = done * 10 // max(total, 1) * 10
            if total >= MIN_EVENTS and tenth != shown[0]:
                shown[0] = tenth
                app.call_from_thread(self.show_export_progress, tenth)

        try:
            path = write_export(app.store, progress=progress)
        except (ExportError, OSError) as exc:
            why = say(exc, lang)
            app.call_from_thread(app.notify, text(lang, "note.export.failed", why=why),
                                 severity="error", timeout=10)
            return
        finally:
            app.call_from_thread(self.show_export_progress, None)
        app.call_from_thread(app.notify, text(lang, "note.exported", path=str(path)),
                             timeout=10)

    def show_export_progress(self, percent: int | None) -> None:
        """A long export counts up beside the log's event count (None: done)."""
        for log in self.query(LogView):
            log.border_subtitle = str(log.count) if percent is None else (
                f"{log.count} · {text(self.lang, 'log.export.progress', pct=percent)}")

    def action_copy_summary(self) -> None:
        app = self.golive
        if app.board is None:
            return
        summary = app.board.summary_line()
        if app.store.rehearsal:  # a pasted rehearsal status must not pass for the real one
            summary = f"{text(self.lang, 'mode.rehearsal')} · {summary}"
        if copy_text(app, summary):
            app.notify(text(self.lang, "note.copied", text=summary))
        else:
            app.notify(text(self.lang, "note.copy.failed", text=summary), severity="warning")

    def on_verdict_banner_clicked(self, _message: VerdictBanner.Clicked) -> None:
        self.action_blockers()

    def action_blockers(self) -> None:
        """Every blocker and warning; Enter on a blocker jumps to its item."""
        board = self.golive.board
        if board is None:
            return
        lang = self.lang
        lines: list[Content | str] = [Content.assemble(("✖ ", "bold"), b.text)
                                      for b in board.blockers]
        targets: list[str | None] = [b.target for b in board.blockers]
        if not lines:
            lines, targets = [text(lang, "blockers.none")], [None]
        if board.warnings:
            lines.append("")
            lines.append(Content.assemble((text(lang, "warnings.title"), "bold")))
            lines += [Content.assemble("· ", w) for w in board.warnings]

        def jump(index: int | None) -> None:
            target = targets[index] if index is not None and index < len(targets) else None
            if target is not None:
                self.focus_item(target)

        from golive.dialogs import ListScreen

        self.app.push_screen(ListScreen(
            text(lang, "blockers.title", n=len(board.blockers)), lines, text(lang, "close"),
            pickable=len(board.blockers), hint=text(lang, "blockers.hint")), jump)

    def action_info(self) -> None:
        """Every fact of the plan in full, and the file with its chain head."""
        from golive.data.plan.facts import fact_lines, plan_facts
        from golive.dialogs import ListScreen

        app, lang = self.golive, self.lang
        plan = app.store.plan
        rows = [(text(lang, "facts.release"), f"{plan.product} {plan.release}"),
                (text(lang, "facts.t0"), f"{date_hm_zone(plan.t0)} "
                                         f"({plan.timezone})"),
                *fact_lines(plan_facts(plan), lang),
                ("", ""), (text(lang, "info.file"), str(app.store.path))]
        if app.board is not None:
            rows += [(text(lang, "info.events"), str(app.board.events)),
                     (text(lang, "info.head"), app.board.head)]
        # a label that repeats (two docs) stands once, as a heading over its values
        labels = [label if n == 0 or label != rows[n - 1][0] else ""
                  for n, (label, _) in enumerate(rows)]
        app.push_screen(ListScreen(text(lang, "info.title"), [
            fact_row(label, value) for label, (_, value) in zip(labels, rows, strict=True)],
            text(lang, "close")))

    def action_help(self) -> None:
        app, lang = self.golive, self.lang
        lines: list[Content | str] = [
            Content.assemble((f"{app.key_of(k):<13} ", "bold"), text(lang, k.text_key),
                             (f"  [{key_name(lang, k)}]", "dim")) for k in KEYS]
        lines += ["", text(lang, "help.moving"),
                  text(lang, "help.keymap", path=str(config_path()))]
        from golive.dialogs import ListScreen

        app.push_screen(ListScreen(text(lang, "help.title"), lines, text(lang, "close")))



def opening(key: Key) -> Callable[[CockpitScreen], None]:
    """The action of a key that opens a form or flow (`Key.opens`): its module is imported
    by the first press (the first frame needs none), and a key that writes is refused in
    a read-only cockpit like every other."""
    module, function = key.opens.split(":")

    def action(self: CockpitScreen) -> None:
        getattr(import_module(f"golive.{module}"), function)(self.golive)

    action.__name__ = f"action_{key.action}"
    action.__doc__ = f"{key.keys}: golive.{module}.{function}"
    return writes(action) if key.mutates else action


for _key in KEYS:  # the key table makes these actions; the others are written above
    if _key.opens:
        setattr(CockpitScreen, f"action_{_key.action}", opening(_key))

def fact_row(label: str, value: str) -> Table:
    """A label and its value, the value wrapping in its own column (a long Zielbild note or
    path at 80 columns must not run back under the labels)."""
    row = Table.grid(padding=(0, 1))
    row.add_column(width=19, style="bold", no_wrap=True)
    row.add_column(ratio=1, overflow="fold")
    row.add_row(Text(label), Text(("· " if value and not label else "") + value))
    return row
