"""The list panels: sign-offs, gates, communication, T-plan and contacts.

Each is a RowList (widgets/row_list.py) that redraws from a Board snapshot only when what
it shows changed, keeps the highlighted item across redraws, and posts nothing but
RowList's Selected message; the app decides what a key does.
"""

from __future__ import annotations

from functools import partial
from typing import Any, ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.errors import NoWidget
from textual.geometry import Region
from textual.widget import Widget

from golive.data.outputs.describe import imported_words
from golive.data.rules.board import Board, ContactView, ItemView
from golive.data.texts.catalogue import text
from golive.data.texts.symbols import SIGNED
from golive.data.texts.user_text import one_line
from golive.data.time.formats import day_hm_zone, near_when
from golive.widgets.board_feed import follow
from golive.widgets.fitted import Fitted
from golive.widgets.look import Part, line, symbol
from golive.widgets.row_list import Row, RowList


def unchanged(before: Row | None, after: Row) -> Row:
    """The row shown before when it stands for the same row with the same lines."""
    if (before is not None and before.disabled == after.disabled
            and before.prompt.key == after.prompt.key):
        return before
    return after


class BoardList(RowList):
    """A list of rows that shows one part of the board."""

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
        self._into_view_due = self._into_view_whole = False
        self.border_title = text(lang, self.title_key) if self.title_key else ""

    def on_mount(self) -> None:
        follow(self, "board", self.show)

    def show(self, board: Board) -> bool:
        """Draw the board's part; nothing when it did not change. The options do not
        depend on the panel's width (each builds its lines at the width it is drawn at),
        so this works before the first layout and a resize needs no new options. A row
        that did not change keeps its option, and with it the lines it has built. True
        when the panel's height changed, which moves what is below it."""
        self.board = board
        key = (self.key_for(board), board.now.date())
        if key == self._shown_key:
            return False
        self._shown_key = key
        before = {option.id: option for option in self.options}
        options = [unchanged(before.get(option.id), option)
                   for option in self.options_for(board)]
        keep = self.highlighted_option.id if self.highlighted_option else None
        grew = self.set_options(options)
        ids = [o.id for o in options]
        first = next((n for n, o in enumerate(options) if not o.disabled), None)
        self.highlighted = ids.index(keep) if keep in ids else first
        self.after_show(board)
        return grew

    def on_resize(self, event: events.Resize) -> None:
        self.keep_row_in_view()  # the panels may now stack

    def on_focus(self) -> None:
        self.keep_row_in_view(whole_panel=True)

    def cursor_moved(self) -> None:
        self.keep_row_in_view()

    def keep_row_in_view(self, *, whole_panel: bool = False) -> None:
        """Bring the cursor row into view once the screen is drawn as it now is (with
        `whole_panel`, as much of the panel as fits too: a panel just focused). Once per
        frame: the panel's place on screen is known only from the last frame, so a second
        scroll before the next one would scroll again by the same amount."""
        self._into_view_whole = self._into_view_whole or whole_panel
        if self.focused_here() and not self._into_view_due:
            self._into_view_due = True
            self.call_after_refresh(self._row_into_view_now)
            self.refresh()  # there is a next frame to wait for, even if nothing else moves

    def focused_here(self) -> bool:
        """Whether keys go to this panel. Its screen says so at once; `has_focus` only
        once the Focus event is handled, after keys that came with the one that focused
        it ("4" and End in one read)."""
        return self.is_mounted and self.screen.focused is self

    def _row_into_view_now(self) -> None:
        whole, self._into_view_due, self._into_view_whole = self._into_view_whole, False, False
        self.row_into_view(whole_panel=whole)

    def row_seen(self, index: int) -> bool:
        """Whether the row's first line is on screen and on top there (not scrolled away,
        not under the key line): space must never act on a row no one sees."""
        span = self.row_span(index)
        if span is None:
            return False
        x, y = self.content_region.x, self.content_region.y + span[0]
        try:
            return self.screen.get_widget_at(x, y)[0] is self
        except NoWidget:
            return False

    def row_into_view(self, *, whole_panel: bool = False) -> None:
        """Where the panels stack (80x24) their column scrolls, and where a long plan
        overflows the screen the screen does: bring the row under the cursor into view
        there, or space would act on a row no one sees; at the first or last row, the
        panel's title or counter with it."""
        index = self.highlighted
        if index is None or not self.focused_here():
            return
        span = self.row_span(index)
        scrolling = self.scrolling_ancestor()
        if span is None or scrolling is None:
            return
        # where the scrolling area has the row, whatever it is scrolled to now
        shift = round(scrolling.scroll_offset.y) - scrolling.content_region.y
        row = Region(0, self.content_region.y + span[0] + shift, 1, span[1])
        top, bottom = row.y, row.bottom
        if all(o.disabled for o in self.options[:index]):
            top = self.region.y + shift
        if all(o.disabled for o in self.options[index + 1:]):
            bottom = self.region.bottom + shift
        # what is docked over the scrolled area (the key line) hides rows there too
        inside = next(node for node in self.ancestors_with_self
                      if isinstance(node, Widget) and node.parent is scrolling)
        # the whole panel or its title or counter along where they fit; the row itself in
        # any case (each scroll is the least that shows its region)
        regions = [Region(0, top, 1, bottom - top), row]
        if whole_panel:
            regions.insert(0, Region(0, self.region.y + shift, 1, self.region.height))
        for region in regions:
            scrolling.scroll_to_region(region, spacing=inside.dock_gutter, animate=False,
                                       immediate=True)

    def key_for(self, board: Board) -> object:
        raise NotImplementedError

    def options_for(self, board: Board) -> list[Row]:
        raise NotImplementedError

    def after_show(self, board: Board) -> None:
        """Hook for a panel that shows a summary in its border."""

    def select(self, option_id: str) -> bool:
        """Highlight the option with this id; False if this panel does not show it."""
        ids = [o.id for o in self.options]
        if option_id not in ids:
            return False
        self.highlighted = ids.index(option_id)
        self.keep_row_in_view()
        return True

    @property
    def highlighted_id(self) -> str | None:
        option = self.highlighted_option
        return option.id if option else None


def item_line(item: ItemView, board: Board, width: int, lang: str, *,
              with_detail: bool = True) -> Content:
    """An item in full: symbol and label, then who and when (or what it follows from).

    The plan's words are never cut: a label too long for the panel wraps with a hanging
    indent, and what golive adds moves to its own, dimmer line when it does not fit beside
    the label. A last line carries the reason of a rejection, revocation or red gate."""
    sym, style = symbol(item.state)
    if item.void:  # on record, but it does not count (its signature)
        sym, style = "!", "bold $warning"
    meta: list[tuple[str, str] | str] = []
    if item.signed and not item.void:  # signed with the person's own key, and it holds
        meta.append((f"{SIGNED} ", "bold $success"))
    if item.overdue:
        meta.append((text(lang, "tplan.overdue"), "bold $warning"))
    elif item.derived and item.detail and with_detail:
        meta.append((one_line(item.detail), "$text-muted"))
    elif item.imported and item.ok:  # the checklist's person and date, not the import's
        if item.by and item.section != "check":
            meta += [one_line(item.by), " "]
        meta.append((imported_words(lang, item.imported), "$text-muted"))
    elif item.by and item.state != "open" and item.at is not None:
        if item.section != "check":
            meta += [one_line(item.by), " "]
        meta.append((near_when(item.at, board.now, lang), "$text-muted"))
    lines = hanging(Content.assemble((sym, style), " ", one_line(item.label)), width)
    if meta:
        right = Content.assemble(*meta)
        last = lines[-1]
        if last.cell_length + 1 + right.cell_length <= width:
            lines[-1] = line([last], [right], width)
        elif right.cell_length + 2 <= width:
            lines.append(line(["  "], [right], width))  # right-aligned, as on one line
        else:
            lines += hanging(Content.assemble("  ", right), width)
    why = item.reason or (item.void and text(lang, "void.row", why=item.void))
    if why:
        reason = Content.assemble("  ↳ ", (one_line(why), "italic $text-muted"))
        lines.append(reason.truncate(width, ellipsis=True))
    return Content("\n").join(lines)


def check_line(item: ItemView, board: Board, lang: str, width: int) -> Content:
    """A T-plan check, indented under its checkpoint; the gate beside it explains a
    derived check, so its detail is left out."""
    return Content.assemble(" ", item_line(item, board, width - 1, lang, with_detail=False))


def hanging(text: Content, width: int, indent: int = 2) -> list[Content]:
    """Wrap text to width; every line after the first is indented, so a wrapped label
    still reads as one item."""
    first, *rest = text.wrap(max(1, width)) or [Content("")]
    if not rest:
        return [first]
    tail = Content(" ").join(rest).wrap(max(1, width - indent))
    return [first, *(Content.assemble(" " * indent, part) for part in tail)]


class SectionList(BoardList):
    section = ""

    def key_for(self, board: Board) -> object:
        return board.section(self.section)

    def options_for(self, board: Board) -> list[Row]:
        return [Row(Fitted(partial(item_line, item, board, lang=self.lang),
                              key=(item, board.now.date())), id=item.id)
                for item in board.section(self.section)]

    def after_show(self, board: Board) -> None:
        items = board.section(self.section)
        self.show_subtitle(f"{sum(i.ok for i in items)}/{len(items)}")
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

    def options_for(self, board: Board) -> list[Row]:
        options: list[Row] = []
        for m in board.milestones:
            marker: list[tuple[str, str] | str] = []
            if m.current:
                marker = [("◀ " + text(self.lang, "tplan.current"), "bold $accent")]
            head_style = "bold $accent" if m.current else ("bold" if not m.reached else
                                                             "bold $text-muted")
            # an imported phase often names its offset already: "Pre-freeze (T-48h)"
            offset = f" ({m.offset})" if m.offset not in m.label else ""
            left: list[Part] = [(m.label, head_style), (offset, head_style), " ",
                    (day_hm_zone(m.at), "$text-muted")]
            options.append(Row(Fitted(partial(line, left, marker), key=(m, self.lang)),
                                  id=f"checkpoint:{m.id}", disabled=True))
            for item in board.section("check"):
                if item.checkpoint == m.id:
                    options.append(Row(Fitted(partial(check_line, item, board, self.lang),
                                                 key=(item, board.now.date())), id=item.id))
        return options

    def after_show(self, board: Board) -> None:
        checks = board.section("check")
        self.show_subtitle(f"{sum(i.ok for i in checks)}/{len(checks)}")


def contact_lines(contact: ContactView, width: int, lang: str) -> Content:
    """The contact's label in full, its value below; a placeholder is red, and marked in
    words where there is room beside the label."""
    sym, style = symbol("red" if contact.placeholder else "green")
    lines = hanging(Content.assemble((sym, style), " ", (one_line(contact.label), "bold")),
                    width)
    if contact.placeholder:
        tag = Content.assemble((text(lang, "contacts.placeholder"), "bold $error"))
        if lines[-1].cell_length + 1 + tag.cell_length <= width:
            lines[-1] = line([lines[-1]], [tag], width)
    value_style = "bold $error" if contact.placeholder else ""
    value = Content.assemble("  ", (one_line(contact.value), value_style))
    if contact.problem:
        value = Content.assemble(value, (" – " + one_line(contact.problem), "italic $warning"))
    lines.append(value.truncate(width, ellipsis=True))
    return Content("\n").join(lines)


class ContactList(BoardList):
    title_key = "panel.contacts"

    def key_for(self, board: Board) -> object:
        return board.contacts

    def options_for(self, board: Board) -> list[Row]:
        options = [Row(Fitted(partial(contact_lines, c, lang=self.lang), key=c), id=c.id)
                   for c in board.contacts]
        if board.placeholders:
            rule = board.plan.placeholder_rule or text(self.lang, "contacts.rule")
            options.append(Row(Fitted.fixed(Content.assemble((rule, "bold $error"))),
                               id="rule", disabled=True))
        return options

    def after_show(self, board: Board) -> None:
        missing = board.placeholders
        self.show_subtitle(f"{len(board.contacts) - missing}/{len(board.contacts)}")
        self.set_class(missing > 0, "-blocked")
