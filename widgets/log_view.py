"""The running log: every event, newest at the bottom, loaded lazily page by page.

The widget only knows how many rows there are and asks a `fetch(start, count)` callback
for the rows it is about to draw, so a log of a million events opens as fast as an empty
one. It follows the end (new events, every resize) until the user scrolls up, and follows
again once they scroll back to the end.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from typing import Any, ClassVar

from rich.segment import Segment
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from golive.widgets.board_feed import follow


class Rows(list[Content]):
    """Rows as a fetch returns them, with the widths their columns are padded to: rows
    fetched later with other widths (a later event's longer offset or summer-time zone)
    mean the rows already drawn are drawn anew."""

    columns: tuple[int, ...] = ()


# fetch(start, count, compact): rows start+1 … start+count, compact for a narrow log
Fetch = Callable[[int, int, bool], list[Content]]
PAGE = 128
MAX_PAGES = 16
# Below this width the rows drop columns so the message keeps at least 40 cells.
COMPACT_BELOW = 100


class LogView(ScrollView, can_focus=True):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "scroll_down", "Down", show=False),
        Binding("k,up", "scroll_up", "Up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        # home/end only: g is Go/No-Go everywhere in the cockpit
        Binding("home", "scroll_home", "Oldest", show=False),
        Binding("end", "scroll_end", "Newest", show=False),
    ]

    DEFAULT_CSS = """
    LogView { height: 1fr; overflow-x: hidden; }
    """

    def __init__(self, fetch: Fetch, title: str = "Log", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.fetch = fetch
        self.count = 0
        self.border_title = title
        self._pages: OrderedDict[int, list[Content]] = OrderedDict()
        # each row's line as last drawn, for the width, scroll and style in _drawn_for: a
        # new event scrolls every row up by one, and only the new one is drawn anew
        self._strips: dict[int, Strip] = {}
        self._drawn_for: tuple[object, ...] = ()
        self.following = True
        self.compact = False

    def on_mount(self) -> None:
        follow(self, "log_count", self.set_count)

    def set_count(self, count: int, *, reset: bool = False) -> None:
        """Tell the view how many events exist; stay on the end if following it."""
        if reset:
            self._forget_rows()
        if count == self.count and not reset:
            return
        if count < self.count or len(str(count)) != len(str(self.count)):
            self._forget_rows()  # rows pad seq to the widest: a new digit changes them all
        elif self.count:
            self._append(count)
        self.count = count
        self._set_rows(count)
        self.border_subtitle = str(count)
        self._keep_end()
        self.refresh()

    def _append(self, count: int) -> None:
        """The log only grows: fetch just the new rows into the cached last page (a write
        used to re-read and re-format the whole page)."""
        page_no = (self.count - 1) // PAGE
        page = self._pages.get(page_no)
        if page is None or len(page) != self.count - page_no * PAGE:
            self._pages.pop(page_no, None)
            self._strips.clear()
            return
        end = min(count, (page_no + 1) * PAGE)
        rows = self.fetch(self.count, end - self.count, self.compact)
        if getattr(rows, "columns", ()) != getattr(page, "columns", ()):
            self._forget_rows()  # wider columns: every row is drawn anew with them
            return
        page.extend(rows)

    def _set_rows(self, count: int) -> None:
        """The scroll range. virtual_size asks for a layout of the whole screen, which was
        most of what a key press cost; while the scrollbar stays as it is (shown or not),
        a new row changes only the range and the bar's window, in place."""
        height = self.container_size.height
        if not self.is_mounted or not height or (count > height) != self.show_vertical_scrollbar:
            self.virtual_size = Size(0, count)
            return
        self.set_reactive(LogView.virtual_size, Size(0, count))
        if self.show_vertical_scrollbar:
            self.vertical_scrollbar.window_virtual_size = count
        self.refresh()

    def _keep_end(self) -> None:
        """Pin the view to its end now, from the size it has now. Every later change of size
        arrives as a Resize and pins again, so no ordering of layout and data can leave a
        following log short of its end."""
        if self.following:
            self.scroll_to(y=self.max_scroll_y, animate=False, immediate=True, force=True)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        # scrolling up stops following; scrolling back to the end resumes it
        self.following = round(new_value) >= self.max_scroll_y

    def watch_show_vertical_scrollbar(self, shown: bool) -> None:
        # Textual moves a scrollbar only on a later scroll; a log pinned to its end before
        # its bar appeared would otherwise draw the thumb at the top
        if shown:
            self.vertical_scrollbar.position = self.scroll_y

    def _forget_rows(self) -> None:
        """Rows are fetched and drawn anew (new columns, a wider seq, a log not as read)."""
        self._pages.clear()
        self._strips.clear()

    def _row(self, index: int) -> Content | None:
        page_no = index // PAGE
        page = self._pages.get(page_no)
        if page is None:
            page = self.fetch(page_no * PAGE, PAGE, self.compact)
            self._pages[page_no] = page
            while len(self._pages) > MAX_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page_no)
        offset = index - page_no * PAGE
        return page[offset] if offset < len(page) else None

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        index = scroll_y + y
        width = self.scrollable_content_region.width
        if index >= self.count or (self.following and scroll_y < self.max_scroll_y):
            # a following log not yet pinned to its end (its first frame is drawn before
            # the Resize that pins it) shows nothing rather than fetch rows from the top
            return Strip.blank(width, self.rich_style)
        drawn_for = (width, scroll_x, self.visual_style)
        if drawn_for != self._drawn_for:  # focus, theme, width or scroll: all anew
            self._drawn_for = drawn_for
            self._strips.clear()
        strip = self._strips.get(index)
        if strip is None:
            row = self._row(index)
            if row is None:
                return Strip.blank(width, self.rich_style)
            strip = self._draw(row, scroll_x, width)
            if len(self._strips) > PAGE:  # the rows on screen, not the whole log
                self._strips.clear()
            self._strips[index] = strip
        return strip

    def _draw(self, row: Content, scroll_x: int, width: int) -> Strip:
        strip = Strip(list(row.render_segments(self.visual_style))).crop(scroll_x)
        if strip.cell_length > width:  # a cut line says so: "+49 172 555555" is no number
            return Strip.join([strip.crop(0, width - 1), Strip([Segment("…", self.rich_style)])])
        return strip.extend_cell_length(width, self.rich_style)

    # Jumps are instant: an animated scroll through a long log would draw (and fetch) every
    # page on the way.
    def action_scroll_home(self) -> None:
        self.scroll_home(animate=False)

    def action_scroll_end(self) -> None:
        self.scroll_end(animate=False)

    def action_page_up(self) -> None:
        self.scroll_page_up(animate=False)

    def action_page_down(self) -> None:
        self.scroll_page_down(animate=False)

    def on_resize(self) -> None:
        compact = self.size.width < COMPACT_BELOW
        if compact != self.compact:
            self.compact = compact
            self._forget_rows()
            self.refresh()  # every drawn row, not only new ones, in the new columns
        self.virtual_size = Size(0, self.count)
        self._keep_end()
