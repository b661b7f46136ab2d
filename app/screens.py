"""The cockpit screen (live, with keys) and the read-only "as it was" screen.

Both lay out the same panels, which watch the screen's `board` and `log_count`; the
cockpit takes them from the app's (live), the "as it was" screen holds one past board.
Only the cockpit has the keys that change things.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding, BindingType
from textual.containers import Container, Vertical
from textual.content import Content
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import Static

from golive.data.rules.board import Board
from golive.data.texts.catalogue import has, text
from golive.data.time.formats import dotted_date_hms_zone
from golive.widgets.banner import HeaderBar, VerdictBanner
from golive.widgets.board_feed import Reflowed
from golive.widgets.countdown import CountdownPanel
from golive.widgets.key_bar import KeyBar, relabelled
from golive.widgets.log_view import Fetch, LogView
from golive.widgets.panels import (
    BoardList,
    CommsList,
    ContactList,
    GateList,
    SignoffList,
    TPlanList,
)

PANELS = ("signoffs", "gates", "comms", "tplan", "contacts", "log")
# From this width the panels stand in three columns; below it they stack.
WIDE_FROM = 110


def fit_width(screen: Screen[Any], width: int) -> None:
    """Switch a board screen between its stacked and its column layout.

    The app calls this for every board screen on the stack as soon as the terminal
    reports a new size, before any screen lays itself out at that size, so a covered
    cockpit under a dialog switches too and no layout ever runs with the wrong set."""
    screen.set_class(width < WIDE_FROM, "-narrow")
    screen.set_class(width >= WIDE_FROM, "-wide")
    for keys in screen.query(KeyBar):
        keys.compact = width < WIDE_FROM  # so ? and q still fit at 80 columns
    screen.refresh_bindings()  # the footer leaves some keys out when narrow


class Body(Container):
    """The panels' area, scrolled where they stack. When its size changes (a resize, a
    taller verdict), the row under the cursor is brought back into view: space acts on
    that row."""

    def on_resize(self) -> None:
        if isinstance(self.screen, BoardScreen):
            self.screen.cursor_into_view()


class BoardScreen(Screen[None]):
    """All panels of one board. They watch `board` and draw their own part of it when
    that part changed; the log watches `log_count`."""

    NOW_WORD = "header.now"

    board: var[Board | None] = var(None)
    log_count: var[int] = var(0)

    def __init__(self, lang: str, db_path: str, rehearsal: bool = False, *,
                 read_only: bool = False) -> None:
        super().__init__()
        self.lang = lang
        self.db_path = db_path
        self.rehearsal = rehearsal
        self.read_only = read_only

    def on_screen_resume(self) -> None:
        fit_width(self, self.app.size.width)
        for keys in self.query(KeyBar):
            keys.covered = None
        self.cursor_into_view()  # the board may have changed under a dialog

    def on_resize(self) -> None:
        self.cursor_into_view()  # a long plan makes the screen itself scroll

    def cursor_into_view(self) -> None:
        """The focused panel's cursor row into view, once the layout has settled."""
        if isinstance(self.focused, BoardList):
            self.focused.keep_row_in_view()

    def on_screen_suspend(self) -> None:
        """Under a dialog its own key line hides this one; under the command palette,
        which has none, this one says how to leave it."""
        for keys in self.query(KeyBar):
            keys.covered = text(self.lang, "close")

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """The bindings with their descriptions in the interface language: they are
        declared with catalogue keys, so one declaration serves both languages."""
        return relabelled(super().active_bindings, lambda binding: text(
            self.lang, binding.description) if has(binding.description) else binding.description)

    def compose_panels(self) -> ComposeResult:
        lang = self.lang
        yield HeaderBar(lang, self.db_path, self.rehearsal, read_only=self.read_only,
                        now_word=self.NOW_WORD, id="header")
        yield VerdictBanner(lang, self.rehearsal, id="verdict")
        with Body(id="body"):
            with Vertical(id="col-left", classes="column"):
                yield SignoffList(lang, id="signoffs", classes="panel")
                yield GateList(lang, id="gates", classes="panel")
                yield CommsList(lang, id="comms", classes="panel")
            with Vertical(id="col-mid", classes="column"):
                yield CountdownPanel(lang, id="countdown", classes="panel")
                yield ContactList(lang, id="contacts", classes="panel")
            with Vertical(id="col-right", classes="column"):
                yield TPlanList(lang, id="tplan", classes="panel")

    def focus_item(self, item_id: str) -> None:
        """Focus the panel that shows this item or contact and highlight it there."""
        for panel in self.query(BoardList):
            if panel.select(item_id):
                # at once: a key right after acts here; the panel scrolls its cursor
                # row into view itself (Textual's own scroll would come later and
                # undo that)
                self.set_focus(panel, scroll_visible=False)
                return

    def on_reflowed(self, event: Reflowed) -> None:
        """A part changed height: what lies below it moved, the cursor row with it."""
        event.stop()
        self.cursor_into_view()


class AsOfScreen(BoardScreen):
    """The whole board at a past instant, read-only, so a retrospective sees what was known
    when GO was given; below it the log as it was: its first `logged` events, up to the
    first one after the instant (Store.log_prefix_at)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,a", "app.pop_screen", "dialog.back", id="as-of.close"),
    ]
    NOW_WORD = "header.asof"  # the header's time is the instant asked for, not now

    def __init__(self, lang: str, db_path: str, board: Board, fetch: Fetch, logged: int,
                 rehearsal: bool = False) -> None:
        super().__init__(lang, db_path, rehearsal)
        self.set_reactive(BoardScreen.board, board)  # its panels draw it as they mount
        self.set_reactive(BoardScreen.log_count, logged)
        self.fetch = fetch
        self.past = board

    def compose(self) -> ComposeResult:
        at = dotted_date_hms_zone(self.past.now)
        yield Static(Content.assemble((f" {text(self.lang, 'asof.readonly', at=at)} ",
                                       "bold reverse")), id="asof-title", markup=False)
        yield from self.compose_panels()
        yield LogView(self.fetch, text(self.lang, "panel.log"), id="log", classes="panel")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#signoffs").focus()
