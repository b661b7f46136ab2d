"""The list panels: sign-offs, gates, communication, T-plan and contacts.

Each is an OptionList that redraws from a Board snapshot only when what it shows changed,
keeps the highlighted item across redraws, and posts nothing but OptionList's own
messages; the app decides what a key does.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from golive.data.rules import Board, ContactView, ItemView
from golive.data.text import one_line
from golive.widgets.look import fit, line, symbol, when
from golive.widgets.ui_texts import ui


class BoardList(OptionList):
    """An OptionList that shows one part of the board."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]
    title_key = ""

    def __init__(self, lang: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.lang = lang
        self.board: Board | None = None
        self._shown_key: object = None
        self.border_title = ui(lang, self.title_key) if self.title_key else ""

    def show(self, board: Board) -> None:
        self.board = board
        width = max(20, self.scrollable_content_region.width or self.size.width - 2 or 40)
        key = (self.key_for(board), width, board.now.date())
        if key == self._shown_key:
            return
        self._shown_key = key
        keep = self.highlighted_option.id if self.highlighted_option else None
        options = self.options_for(board, width)
        self.set_options(options)
        ids = [o.id for o in options]
        if keep in ids:
            self.highlighted = ids.index(keep)
        elif options:
            first = next((n for n, o in enumerate(options) if not o.disabled), None)
            self.highlighted = first
        self.after_show(board)

    def on_resize(self) -> None:
        if self.board is not None:
            self._shown_key = None
            self.show(self.board)

    def key_for(self, board: Board) -> object:
        raise NotImplementedError

    def options_for(self, board: Board, width: int) -> list[Option]:
        raise NotImplementedError

    def after_show(self, board: Board) -> None:
        """Hook for a panel that shows a summary in its border."""

    @property
    def highlighted_id(self) -> str | None:
        option = self.highlighted_option
        return option.id if option else None


def item_line(item: ItemView, board: Board, width: int, lang: str) -> Content:
    """One line per item (symbol, label, who and when); a second, dimmer line carries the
    reason of a rejection, revocation or red gate, which matters more than the label."""
    sym, style = symbol(item.state)
    label = item.label
    left: list[tuple[str, str] | str] = [(sym, style), " ", fit(label, width)]
    right: list[tuple[str, str] | str] = []
    if item.overdue:
        right.append((ui(lang, "tplan.overdue"), "bold $warning"))
    elif item.derived and item.detail:
        right.append((fit(item.detail, max(12, width * 2 // 5)), "$text-muted"))
    elif item.by and item.state != "open" and item.at is not None:
        if item.section != "check":
            right += [fit(item.by, 16), " "]
        right.append((when(item.at, board.now), "$text-muted"))
    first = line(left, right, width)
    if not item.reason:
        return first
    second = Content.assemble("  ↳ ", (one_line(item.reason), "italic $text-muted"))
    return Content("\n").join([first, second.truncate(width, ellipsis=True)])


class SectionList(BoardList):
    section = ""

    def key_for(self, board: Board) -> object:
        return board.section(self.section)

    def options_for(self, board: Board, width: int) -> list[Option]:
        return [Option(item_line(item, board, width, self.lang), id=item.id)
                for item in board.section(self.section)]

    def after_show(self, board: Board) -> None:
        items = board.section(self.section)
        self.border_subtitle = f"{sum(i.ok for i in items)}/{len(items)}"
        self.set_class(all(i.ok for i in items), "-complete")


class SignoffList(SectionList):
    section = "signoff"
    title_key = "panel.signoffs"


class GateList(SectionList):
    section = "gate"
    title_key = "panel.gates"


class CommsList(SectionList):
    section = "comms"
    title_key = "panel.comms"


class TPlanList(BoardList):
    """Every checkpoint with its local time and offset, then its checks."""

    title_key = "panel.tplan"

    def key_for(self, board: Board) -> object:
        return board.section("check"), board.milestones

    def options_for(self, board: Board, width: int) -> list[Option]:
        options: list[Option] = []
        for m in board.milestones:
            marker: list[tuple[str, str] | str] = []
            if m.current:
                marker = [("◀ " + ui(self.lang, "tplan.current"), "bold $accent")]
            head_style = "bold $accent" if m.current else ("bold" if not m.reached else
                                                             "bold $text-muted")
            offset = f" ({m.offset})" if m.offset != m.label else ""
            head = line([(m.label, head_style), (offset, head_style), " ",
                         (m.at.format("DD.MM. HH:mm zz"), "$text-muted")],
                        marker, width)
            options.append(Option(head, id=f"checkpoint:{m.id}", disabled=True))
            for item in board.section("check"):
                if item.checkpoint == m.id:
                    options.append(Option(Content.assemble(
                        " ", item_line(item, board, width - 1, self.lang)), id=item.id))
        return options

    def after_show(self, board: Board) -> None:
        checks = board.section("check")
        self.border_subtitle = f"{sum(i.ok for i in checks)}/{len(checks)}"


def contact_lines(contact: ContactView, width: int, lang: str) -> Content:
    sym, style = symbol("red" if contact.placeholder else "green")
    right: list[tuple[str, str] | str] = []
    if contact.placeholder:
        right = [(ui(lang, "contacts.placeholder"), "bold $error")]
    head = line([(sym, style), " ", (fit(contact.label, width), "bold")], right, width)
    value_style = "bold $error" if contact.placeholder else ""
    value = Content.assemble("  ", (fit(contact.value, width - 2), value_style))
    if contact.problem:
        value = Content.assemble(value, (" – " + fit(contact.problem, width), "italic $warning"))
    return Content("\n").join([head, value.truncate(width, ellipsis=True)])


class ContactList(BoardList):
    title_key = "panel.contacts"

    def key_for(self, board: Board) -> object:
        return board.contacts

    def options_for(self, board: Board, width: int) -> list[Option]:
        options = [Option(contact_lines(c, width, self.lang), id=c.id) for c in board.contacts]
        if board.placeholders:
            rule = board.plan.placeholder_rule or ui(self.lang, "contacts.rule")
            options.append(Option(Content.assemble((rule, "bold $error")), id="rule",
                                  disabled=True))
        return options

    def after_show(self, board: Board) -> None:
        missing = board.placeholders
        self.border_subtitle = f"{len(board.contacts) - missing}/{len(board.contacts)}"
        self.set_class(missing > 0, "-blocked")
