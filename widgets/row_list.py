"""Rows with a cursor, drawn by one plain widget: the board panels' base.

The panels were Textual OptionLists: a scrolling widget with five component classes
(styled again on every restyle), a line cache and a scrollbar each, for a list that never
scrolls itself (the panels are as tall as their rows; where they stack, the column
scrolls). Measured on the cockpit's first frame: ≈ 11 ms of CPU more than the same rows
drawn by a plain widget. A RowList keeps what the panels use: rows given as `Row`s (a
prompt fitted to the width, an id, disabled), a cursor that stops at the ends and never
rests on a disabled row, Enter or a click to select. Its height is its rows' at the
width it is laid out at, so the first layout already has the right height; nothing here
needs a second pass. Only public Textual API: each row's lines are its Content wrapped at
the width (`Content.wrap`) and drawn as segments (`Content.render_segments`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import ClassVar, Self

from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.strip import Strip
from textual.style import Style as VisualStyle
from textual.widget import Widget

from golive.widgets.fitted import Fitted

CURSOR = "row-list--cursor"
DISABLED = "row-list--disabled"


@dataclass(eq=False)
class Row:
    """One row: its lines (built for the width they are drawn at), an id, and whether the
    cursor may rest on it."""

    prompt: Fitted
    id: str | None = None
    disabled: bool = False


class RowList(Widget, can_focus=True):
    """Rows, each as many lines as its prompt takes at the widget's width. In
    the focused list the row under the cursor takes the `row-list--cursor` style; a
    disabled row always takes `row-list--disabled`."""

    ALLOW_SELECT = False
    _bottom_only = False  # see show_subtitle
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "cursor_down", "Down", show=False),
        Binding("up", "cursor_up", "Up", show=False),
        Binding("home", "first", "First", show=False),
        Binding("end", "last", "Last", show=False),
        Binding("pagedown", "page_down", "Page Down", show=False),
        Binding("pageup", "page_up", "Page Up", show=False),
        Binding("enter", "select", "Select", show=False),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {CURSOR, DISABLED}
    DEFAULT_CSS = """
    RowList {
        height: auto;
        color: $foreground;
        background: $surface;
        &:focus { background-tint: $foreground 5%; }
        & > .row-list--disabled { color: $text-disabled; }
        &:focus > .row-list--cursor {
            color: $block-cursor-foreground;
            background: $block-cursor-background;
            text-style: $block-cursor-text-style;
        }
    }
    """

    class Selected(Message):
        """Enter, or a click, on an enabled row."""

        def __init__(self, row_list: RowList, option: Row, index: int) -> None:
            super().__init__()
            self.row_list = row_list
            self.option = option
            self.index = index

        @property
        def control(self) -> RowList:
            return self.row_list

    def __init__(self, *, name: str | None = None, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._options: list[Row] = []
        self._highlighted: int | None = None
        self._width = -1  # the width the line map below was made for
        self._starts: list[int] = []  # each row's first line
        self._heights: list[int] = []
        self._owners: list[int] = []  # each line's row
        # each row's lines at _width, per kind of row (plain, cursor, disabled)
        self._strips: dict[tuple[int, str], tuple[VisualStyle, list[Strip]]] = {}

    # --- the rows ------------------------------------------------------------------------

    @property
    def options(self) -> Sequence[Row]:
        return self._options

    @property
    def option_count(self) -> int:
        return len(self._options)

    def set_options(self, options: Iterable[Row]) -> bool:
        """New rows. A row whose option is the one shown before at its place keeps the
        lines drawn for it, and the screen is laid out again only when the list's height
        changes (True): a write that changes one row repaints that row alone."""
        width = self.content_region.width
        before, starts_before, lines_before = self._options, self._starts, len(self._owners)
        laid_out = width == self._width  # the line map and the drawn lines are for it
        self._options = list(options)
        if self._highlighted is not None and self._highlighted >= len(self._options):
            self._highlighted = None
        shared = min(len(before), len(self._options)) if laid_out else 0
        kept = {key: drawn for key, drawn in self._strips.items()
                if key[0] < shared and self._options[key[0]] is before[key[0]]}
        self._width = -1
        lines = self._line_map(width)
        self._strips = kept
        if not laid_out or lines != lines_before:
            self.refresh(layout=True)
            return True
        # the same lines: repaint the rows that changed or moved, not the whole list
        changed = [Region(0, self._starts[n], width, self._heights[n])
                   for n in range(len(self._options))
                   if n >= shared or self._options[n] is not before[n]
                   or self._starts[n] != starts_before[n]]
        if changed:
            self.refresh(*changed)
        return False

    def refresh(self, *regions: Region, repaint: bool = True, layout: bool = False,
                recompose: bool = False) -> Self:
        """As Widget.refresh; while `show_subtitle` sets the border's subtitle, the
        repaint it asks for is the bottom border row alone."""
        if self._bottom_only and not (regions or layout or recompose):
            offset, outer = self.content_offset, self.outer_size
            regions = (Region(-offset.x, outer.height - 1 - offset.y, outer.width, 1),)
        return super().refresh(*regions, repaint=repaint, layout=layout,
                               recompose=recompose)

    def show_subtitle(self, subtitle: str) -> None:
        """The text in the bottom border (a count): Textual's `border_subtitle` repaints
        the whole widget for it, this only the border row it is drawn in."""
        if subtitle == self.border_subtitle:
            return
        self._bottom_only = True
        try:
            self.border_subtitle = subtitle
        finally:
            self._bottom_only = False

    def _line_map(self, width: int) -> int:
        """Which lines each row takes at this width (made again when it changes); the
        number of lines."""
        if width != self._width:
            self._width = width
            self._strips.clear()
            self._starts, self._heights, self._owners = [], [], []
            for index, row in enumerate(self._options):
                height = row.prompt.height(width) if width > 0 else 1
                self._starts.append(len(self._owners))
                self._heights.append(height)
                self._owners += [index] * height
        return len(self._owners)

    def scrolling_ancestor(self) -> Widget | None:
        """What scrolls this list into view where it is taller than the screen shows (the
        list never scrolls itself; where the panels stack, their column does)."""
        return next((node for node in self.ancestors
                     if isinstance(node, Widget) and node.max_scroll_y > 0), None)

    def row_span(self, index: int) -> tuple[int, int] | None:
        """The row's first line in the list and its height, as last laid out."""
        width = self.content_region.width
        if not width or not 0 <= index < len(self._options):
            return None
        self._line_map(width)
        return self._starts[index], self._heights[index]

    # --- the cursor ------------------------------------------------------------------------

    @property
    def highlighted(self) -> int | None:
        return self._highlighted

    @highlighted.setter
    def highlighted(self, index: int | None) -> None:
        if index is not None:
            index = max(0, min(index, len(self._options) - 1)) if self._options else None
        if index != self._highlighted:
            self._highlighted = index
            self.refresh()

    def _move(self, index: int | None) -> None:
        """A cursor key: to this row (None: it stays). The hook runs either way, so a key
        at the end of the list still brings a row that was pushed out of view back."""
        if index is not None:
            self.highlighted = index
        self.cursor_moved()

    def cursor_moved(self) -> None:
        """Hook: a cursor key was pressed."""

    @property
    def highlighted_option(self) -> Row | None:
        index = self._highlighted
        return None if index is None else self._options[index]

    def _enabled(self, start: int, direction: int) -> int | None:
        """The first enabled row from start on in the direction, start included."""
        index = start
        while 0 <= index < len(self._options):
            if not self._options[index].disabled:
                return index
            index += direction
        return None

    def _step(self, direction: int) -> None:
        """The next enabled row; at the ends the cursor stays: a wrapped cursor lands on
        an item the user did not look at, and the next key acts on it."""
        if self._highlighted is not None:
            self._move(self._enabled(self._highlighted + direction, direction))

    def action_cursor_down(self) -> None:
        self._step(1)

    def action_cursor_up(self) -> None:
        self._step(-1)

    def action_first(self) -> None:
        self._move(self._enabled(0, 1))

    def action_last(self) -> None:
        self._move(self._enabled(len(self._options) - 1, -1))

    def _page(self, direction: int) -> None:
        """As many lines on as the list shows (where the panels stack, as its column
        shows), then the nearest enabled row."""
        span = None if self._highlighted is None else self.row_span(self._highlighted)
        if span is None:
            self.action_first() if direction < 0 else self.action_last()
            return
        shown = self.content_region.height
        scrolling = self.scrolling_ancestor()
        if scrolling is not None:
            shown = min(shown, scrolling.scrollable_content_region.height)
        line = max(0, min(span[0] + direction * max(1, shown), len(self._owners) - 1))
        index = self._owners[line]
        found = self._enabled(index, direction)
        if found is None:
            found = self._enabled(index, -direction)
        self._move(found)

    def action_page_down(self) -> None:
        self._page(1)

    def action_page_up(self) -> None:
        self._page(-1)

    def action_select(self) -> None:
        index = self._highlighted
        if index is not None and not self._options[index].disabled:
            self.post_message(self.Selected(self, self._options[index], index))

    async def _on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or not 0 <= offset.y < self._line_map(self.content_region.width):
            return
        index = self._owners[offset.y]
        if not self._options[index].disabled:
            self.highlighted = index
            self.action_select()

    # --- drawing ---------------------------------------------------------------------------

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return max((line.cell_length for row in self._options
                    for line in row.prompt.lines(container.width)), default=0)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return self._line_map(width)

    def notify_style_update(self) -> None:
        """Focus, the theme or a class changed how rows look: draw them anew."""
        self._strips.clear()
        super().notify_style_update()

    def _on_focus(self, event: events.Focus) -> None:
        self.refresh()  # the cursor shows only in the focused list

    def _on_blur(self, event: events.Blur) -> None:
        self.refresh()

    def render_line(self, y: int) -> Strip:
        width = self.content_region.width
        if width <= 0 or not 0 <= y < self._line_map(width):
            return Strip.blank(width, self.visual_style.rich_style)
        index = self._owners[y]
        if self._options[index].disabled:
            kind = DISABLED
        elif index == self._highlighted and self.has_focus:
            kind = CURSOR
        else:
            kind = ""
        style = self.get_visual_style(kind) if kind else self.visual_style
        cached = self._strips.get((index, kind))
        if cached is None or cached[0] != style:  # focus tints the whole list
            rich_style = style.rich_style
            cached = style, [Strip(line.render_segments(style)).extend_cell_length(
                width, rich_style) for line in self._options[index].prompt.lines(width)]
            self._strips[(index, kind)] = cached
        strips = cached[1]
        offset = y - self._starts[index]
        return strips[offset] if offset < len(strips) else Strip.blank(width)
