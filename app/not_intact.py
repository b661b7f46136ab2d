"""The screen a cockpit shows instead of the board when its file is not intact: nothing of
the board is drawn from a state that is not the fold of the log, and no key writes. It
offers what helps: check the file, keep the evidence, quit. It goes away by itself when the
file is whole again (the poll reads it)."""

from __future__ import annotations

from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from golive.data.texts.catalogue import text


class NotIntactScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("v", "verify", show=False),
        Binding("x", "evidence", show=False),
        Binding("q", "app.quit", show=False),
    ]

    def __init__(self, lang: str, db_path: str, why: str, *, rehearsal: bool = False) -> None:
        super().__init__(id="not-intact")
        self.lang = lang
        self.db_path = db_path
        self.why = why
        self.rehearsal = rehearsal

    def compose(self) -> ComposeResult:
        with Vertical(id="not-intact-box"):
            yield Static(Content(text(self.lang, "intact.title")), id="not-intact-title")
            yield Static(Content(self.why), id="not-intact-why")
            yield Static(Content(""), id="not-intact-found")
            yield Static(Content(text(self.lang, "intact.keys")), id="not-intact-keys")

    def say_why(self, why: str) -> None:
        """A newer reason (the poll read the file again)."""
        if why != self.why:
            self.why = why
            self.query_one("#not-intact-why", Static).update(Content(why))

    def show_found(self, lines: list[str]) -> None:
        self.query_one("#not-intact-found", Static).update(Content("\n".join(lines)))

    def action_verify(self) -> None:
        self.show_found([text(self.lang, "intact.verifying")])
        self.verify_worker()

    @work(thread=True, exclusive=True, group="intact")
    def verify_worker(self) -> None:
        from golive.data.log.dbfile import StoreError
        from golive.data.log.verify import verify_file

        try:
            report = verify_file(self.db_path)
            lines = list(report.lines(self.lang)) or [text(self.lang, "intact.verified")]
        except StoreError as exc:
            lines = [exc.text(self.lang)]
        self.app.call_from_thread(self.show_found, lines)

    def action_evidence(self) -> None:
        self.evidence_worker()

    @work(thread=True, exclusive=True, group="intact")
    def evidence_worker(self) -> None:
        from pathlib import Path

        from golive.data.log.dbfile import StoreError
        from golive.data.log.evidence import save_evidence
        from golive.data.log.verify import verify_file
        from golive.data.outputs.export_file import ExportError

        try:
            findings = list(verify_file(self.db_path).lines(self.lang))
        except StoreError as exc:
            findings = [exc.text(self.lang)]
        try:
            mark = (text(self.lang, "mode.rehearsal"), text(self.lang, "mode.rehearsal.line")) \
                if self.rehearsal else None
            copy = save_evidence(Path(self.db_path), [self.why, *findings], rehearsal=mark)
            line = text(self.lang, "intact.evidence", path=str(copy))
        except ExportError as exc:
            line = exc.text(self.lang)
        self.app.call_from_thread(self.show_found, [*findings, line])
