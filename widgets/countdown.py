"""The countdown: large digits to T-0 (then up after it), the phase, a timeline bar from the
first to the last checkpoint with a marker for now, and the approval deadline.

It is updated every second and repaints only the lines that changed; only a change of its
height (a caption that wraps differently) lays the screen out again.
"""

from __future__ import annotations

from functools import lru_cache, partial
from typing import Any, ClassVar

from rich.segment import Segment
from rich.style import Style as RichStyle
from textual.content import Content
from textual.geometry import Region, Size
from textual.renderables.digits import Digits as DigitsFont
from textual.strip import Strip
from textual.widget import Widget

from golive.data.rules.board import Board, MilestoneView
from golive.data.texts.catalogue import text
from golive.data.time.clock import countdown_parts
from golive.data.time.formats import day_hm_zone, dotted_date
from golive.data.time.instants import elapsed
from golive.widgets.board_feed import follow
from golive.widgets.fitted import Fitted


def digits_text(seconds_to_t0: float) -> str:
    """-HH:MM:SS before T-0, +HH:MM:SS after; days as a leading count when 100 h or more."""
    sign, hours, minutes, seconds = countdown_parts(seconds_to_t0)
    if hours >= 100:
        days, hours = divmod(hours, 24)
        return f"{sign}{days} {hours:02d}:{minutes:02d}"
    return f"{sign}{hours:02d}:{minutes:02d}:{seconds:02d}"


def now_mark(board: Board, width: int) -> tuple[int, str]:
    """Where now stands on a bar `width` cells wide: its cell, and whether it lies within
    the checkpoints ("in"), before the first ("before") or after the last ("after")."""
    ms = board.milestones
    start, end = ms[0].at, ms[-1].at
    span = max(1.0, elapsed(start, end).total_seconds())
    frac = elapsed(start, board.now).total_seconds() / span
    where = "in" if start <= board.now <= end else "before" if board.now < start else "after"
    return min(width - 1, max(0, round(frac * (width - 1)))), where


def timeline_bar(board: Board, width: int) -> Content:
    """First checkpoint … last checkpoint as a bar; ┃ marks now, ◆ each checkpoint."""
    if not board.milestones or width < 10:
        return Content("")
    return _bar(board.milestones, width, *now_mark(board, width))


@lru_cache(maxsize=4)
def _bar(ms: tuple[MilestoneView, ...], width: int, now_pos: int, where: str) -> Content:
    """The bar for a marker cell: built again only when the marker moves (each tick asks)."""
    start, end = ms[0].at, ms[-1].at
    span = max(1.0, elapsed(start, end).total_seconds())
    cells = ["─"] * width
    styles = ["$text-muted"] * width
    for n in range(now_pos):
        cells[n], styles[n] = "━", "$accent"
    for m in ms:
        frac = elapsed(start, m.at).total_seconds() / span
        cells[min(width - 1, max(0, round(frac * (width - 1))))] = "◆"
    mark = {"in": (now_pos, "┃"), "before": (0, "◀"), "after": (width - 1, "▶")}[where]
    cells[mark[0]], styles[mark[0]] = mark[1], "bold $warning"
    return Content.assemble(*[(c, s) for c, s in zip(cells, styles, strict=True)])


def labels_row(board: Board, width: int) -> Content:
    """The checkpoint labels under the bar, each at its position."""
    return _labels(board.milestones, width)


@lru_cache(maxsize=4)
def _labels(ms: tuple[MilestoneView, ...], width: int) -> Content:
    if not ms:
        return Content("")
    start, end = ms[0].at, ms[-1].at
    span = max(1.0, elapsed(start, end).total_seconds())
    row = [" "] * width
    for m in ms:
        p = min(width - 1, max(0, round(elapsed(start, m.at).total_seconds() / span * (width - 1))))
        text = m.label
        p = min(max(0, p - len(text) // 2), max(0, width - len(text)))
        # later labels never overwrite earlier ones; T-1h and T-0 sit close together
        while p < width and any(c != " " for c in row[max(0, p - 1): p + len(text) + 1]):
            p += 1
        for k, ch in enumerate(text):
            if p + k < width:
                row[p + k] = ch
    return Content("".join(row))


def digit_rows(value: str) -> list[str]:
    """The three rows of Textual's 3x3 digit font (as its Digits widget draws them)."""
    rows = [segment.text for segment in DigitsFont(value).render(RichStyle())
            if isinstance(segment, Segment) and segment.text != "\n"]
    return rows or ["", "", ""]


class CountdownPanel(Widget):
    """Countdown to T-0 with the T-plan timeline. One widget that draws its own lines at
    the width it is drawn at (it was a container of six: a fifth of the cockpit's widgets,
    each styled, laid out and drawn on its own). A tick repaints only the lines whose text
    changed (the digits and the caption; the bar when its marker moves), not the whole
    panel with its border: that was most of the idle cockpit's drawing."""

    ALLOW_SELECT = False  # it draws its own lines, without a selection's highlight
    COMPONENT_CLASSES: ClassVar[set[str]] = {"countdown--caption"}
    DEFAULT_CSS = """
    CountdownPanel { height: auto; }
    CountdownPanel > .countdown--caption { color: $text-muted; }
    """

    def __init__(self, lang: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.lang = lang
        self.border_title = text(lang, "panel.countdown")
        self._t0_shown = False
        self._visual: Fitted | None = None
        self._strips: dict[int, tuple[Content, Strip]] = {}  # line: its text, styled

    def on_mount(self) -> None:
        follow(self, "board", self.show)

    def render(self) -> Content:
        """The lines at the width drawn at, as one text (what the panel shows)."""
        if self._visual is None:
            return Content("")
        return Content("\n").join(self._visual.lines(self.content_region.width))

    def render_line(self, y: int) -> Strip:
        """Line `y`, styled again only when its text changed (a tick changes four of
        seven), segment by segment as Textual draws a widget's text."""
        width = self.content_region.width
        lines = self._visual.lines(width) if self._visual is not None else []
        style = self.visual_style
        if not 0 <= y < len(lines) or width <= 0:
            return Strip.blank(width, style.rich_style)
        cached = self._strips.get(y)
        if cached is None or cached[0] is not lines[y]:
            segments, x = [], 0
            for part, part_style in lines[y].render(style, end=""):
                segments.append(Segment(part, (style + part_style).rich_style_with_offset(x, y)))
                x += len(part)
            cached = self._strips[y] = (lines[y], Strip(segments))
        return cached[1]

    def notify_style_update(self) -> None:
        """The theme or a class changed how the lines look: style them anew."""
        self._strips.clear()
        super().notify_style_update()

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return self._visual.height(width) if self._visual is not None else 1

    def show(self, board: Board) -> bool:
        """The countdown as of the board's now; True when its height changed, which
        moves the panel below it."""
        lang = self.lang
        seconds = board.seconds_to_t0
        if not self._t0_shown:
            self._t0_shown = True
            t0 = day_hm_zone(board.plan.t0)
            self.border_title = f"T-0 {t0}"
        self.set_class(seconds < 0, "-after")
        caption = f"{board.countdown} · {board.window_label}"
        deadline = Content("")
        if board.plan.approval_deadline is not None:
            date = dotted_date(board.plan.approval_deadline)
            signed = all(i.ok for i in board.section("signoff"))
            said = ("countdown.deadline.missed" if board.deadline_missed else
                    "countdown.deadline.met" if signed else "countdown.deadline")
            style = "bold $error" if board.deadline_missed else "$text-muted"
            deadline = Content.assemble((text(lang, said, date=date), style))
        digits = digits_text(seconds)
        # the bar's marker moves with now: whole seconds are enough (a redraw within the
        # same second, e.g. after a write, then repaints nothing here)
        key = (digits, caption, deadline, int(board.now.timestamp()), board.milestones)
        if self._visual is not None and self._visual.key == key:
            return False
        visual = Fitted(partial(self._lines, board, digits, caption, deadline), key=key,
                        min_width=1)
        width = self.content_region.width
        before = self._visual.lines(width) if self._visual is not None and width else None
        self._visual = visual
        if before is None:
            self.refresh(layout=True)
            return True
        after = visual.lines(width)
        if len(after) != len(before):  # a caption that wraps differently: lay out again
            self.refresh(layout=True)
            return True
        # the same height: repaint only the lines whose text changed
        changed = [y for y, (old, new) in enumerate(zip(before, after, strict=True))
                   if (old.plain, old.spans) != (new.plain, new.spans)]
        for y, line in enumerate(after):  # unchanged: the styled line stays
            if y not in changed and y in self._strips:
                self._strips[y] = (line, self._strips[y][1])
        if changed:
            self.refresh(*(Region(0, y, width, 1) for y in changed))
        return False

    def _lines(self, board: Board, digits: str, caption: str, deadline: Content,
               width: int) -> Content:
        """Digits, caption, bar, labels and deadline, each one cell in from the border."""
        inner = max(1, width - 2)
        bar = max(10, width - 4)  # as drawn before: two cells short of the margin
        style = "$warning" if board.seconds_to_t0 < 0 else "$accent"
        rows = digit_rows(digits)
        if len(rows[0]) > width - 1 and " " in digits:
            # 100 days and more do not fit with the time: the days alone, big (the caption
            # below has it all); never a cut digit that reads as another number
            rows = digit_rows(digits.split(" ")[0])
        lines = [Content.assemble((row[:max(0, width - 1)], style)) for row in rows]
        muted = self.get_visual_style("countdown--caption")  # as a muted widget colour
        lines += [Content.assemble((part.plain, muted)) for part in Content(caption).wrap(inner)]
        lines += [timeline_bar(board, bar), labels_row(board, bar),
                  (deadline.wrap(inner) or [Content("")])[0]]
        return Content("\n").join(Content.assemble(" ", line) for line in lines)
