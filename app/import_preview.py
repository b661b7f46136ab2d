"""`golive import FILE --preview`: the checklist beside the plan it will become, in the
cockpit's calm style. `m`/`M` move the selected item to the next/previous kind or
checkpoint (one key), `w` asks to write and `y` writes the plan and keeps the choices in a
sidecar beside the checklist (a re-import makes them again); `q` leaves, writing nothing.
Widgets draw; the importing is golive.data.checklist's."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import DataTable, Static

from golive.data.checklist.importer import Imported, import_checklist
from golive.data.checklist.moves import moves_json, read_moves, sidecar_path, targets, where
from golive.data.outputs.safe_file import write_file
from golive.data.plan.model import PlanError
from golive.data.texts.catalogue import text


class ImportPreview(App[int]):
    """Exit code 0 once written, 1 when left without writing."""

    DEFAULT_CSS = """
    #head { height: 1; padding: 0 1; background: $panel; text-style: bold; }
    #panes { height: 1fr; }
    #source, #plan { width: 1fr; border: round $panel-lighten-2; }
    #plan:focus-within { border: round $accent; }
    #say { height: 1; padding: 0 1; background: $warning 30%; }
    #keys { height: 1; padding: 0 1; background: $panel; }
    """
    BINDINGS = [Binding("m", "move(1)", show=False), Binding("M", "move(-1)", show=False),
                Binding("w", "ask_write", show=False), Binding("y", "write", show=False),
                Binding("n,escape", "cancel", show=False), Binding("q", "leave", show=False)]

    def __init__(self, checklist: Path, out: Path, given: dict[str, str] | None = None) -> None:
        super().__init__()
        self.checklist, self.out, self.given = checklist, out, given or {}
        self.sidecar = sidecar_path(checklist)
        self.source = checklist.read_text("utf-8")
        self.moves = read_moves(self.sidecar)
        self.imported: Imported = import_checklist(self.source, str(checklist), self.given,
                                                   self.moves)
        self.asking = False

    @property
    def lang(self) -> str:
        return self.imported.plan.language

    def compose(self) -> ComposeResult:
        yield Static(id="head")
        with Horizontal(id="panes"):
            yield DataTable(id="source", cursor_type="none", zebra_stripes=False)
            yield DataTable(id="plan", cursor_type="row")
        yield Static(id="say")
        yield Static(id="keys")

    def on_mount(self) -> None:
        self.title = text(self.lang, "preview.title", name=self.checklist.name)
        self.refresh_panes()
        self.query_one("#plan", DataTable).focus()

    def rows(self) -> list[tuple[str, str]]:
        """(where, label) of every item in plan order."""
        plan = self.imported.plan
        out = [(text(self.lang, f"preview.kind.{i.section}"), i.label)
               for i in (*plan.signoffs, *plan.gates, *plan.comms)]
        for cp in plan.checkpoints:
            out += [(f"{text(self.lang, 'preview.kind.check')} {cp.label}", c.label)
                    for c in cp.checks]
        return out

    def refresh_panes(self, keep: str | None = None) -> None:
        lang = self.lang
        self.query_one("#head", Static).update(Text(text(
            lang, "preview.head", name=str(self.checklist), product=self.imported.plan.product,
            release=self.imported.plan.release, out=str(self.out))))
        source = self.query_one("#source", DataTable)
        source.clear(columns=True)
        source.add_columns(text(lang, "preview.col.line"), text(lang, "preview.col.source"))
        report = {r.line: r for r in self.imported.report}
        for n, raw in enumerate(self.source.splitlines(), 1):
            style = "dim" if n in report and report[n].kind in ("prose", "structure") else ""
            source.add_row(Text(str(n), style="dim"), Text(raw, style=style))
        plan = self.query_one("#plan", DataTable)
        row = plan.cursor_row
        plan.clear(columns=True)
        plan.add_columns(text(lang, "preview.col.where"), text(lang, "preview.col.item"))
        for i, (place, label) in enumerate(self.rows()):
            plan.add_row(Text(place), Text(label), key=str(i))
            if keep is not None and label == keep:
                row = i
        plan.move_cursor(row=min(row, max(plan.row_count - 1, 0)))
        self.query_one("#keys", Static).update(Text(text(lang, "preview.keys")))

    def say(self, words: str) -> None:
        self.query_one("#say", Static).update(Text(words))

    def _data(self) -> dict[str, Any]:
        plan = self.imported.plan
        return {"signoffs": [{"label": s.label} for s in plan.signoffs],
                "gates": [{"label": g.label} for g in plan.gates],
                "comms": [{"label": c.label} for c in plan.comms],
                "checkpoints": [{"label": cp.label, "checks": [{"label": c.label}
                                                               for c in cp.checks]}
                                for cp in plan.checkpoints]}

    def action_move(self, step: int) -> None:
        """The selected item to the next (or previous) kind or checkpoint."""
        rows = self.rows()
        plan = self.query_one("#plan", DataTable)
        if not rows or self.asking:
            return
        label = rows[plan.cursor_row][1]
        data = self._data()
        places = targets(data)
        now = where(data, label) or places[0]
        target = places[(places.index(now) + step) % len(places)]
        moves = self.moves | {label: target}
        try:
            self.imported = import_checklist(self.source, str(self.checklist), self.given, moves)
        except PlanError as exc:  # e.g. the last check of a checkpoint: said, nothing kept
            self.say(str(exc))
            return
        self.moves = moves
        self.refresh_panes(keep=label)
        self.say(text(self.lang, "preview.moved", label=label, where=self.rows()[
            self.query_one("#plan", DataTable).cursor_row][0]))

    def action_ask_write(self) -> None:
        self.asking = True
        self.say(text(self.lang, "preview.confirm", out=str(self.out)))

    def action_cancel(self) -> None:
        if self.asking:
            self.asking = False
            self.say(text(self.lang, "preview.not_written"))

    def action_write(self) -> None:
        """Only after `w`: the plan to its file and the choices beside the checklist."""
        if not self.asking:
            return
        try:
            write_file(self.out, self.imported.toml)
            if self.moves:
                write_file(self.sidecar, moves_json(self.moves))
        except OSError as exc:
            self.asking = False
            self.say(f"{self.out}: {exc.strerror or exc}")
            return
        self.exit(0)

    def action_leave(self) -> None:
        self.exit(1)
