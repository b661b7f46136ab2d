"""The countdown: large digits to T-0 (then up after it), the phase, a timeline bar from the
first to the last checkpoint with a marker for now, and the approval deadline.

It is updated every second; each part only refreshes when its text actually changed, so
the tick costs next to nothing and never flickers.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Digits, Static

from golive.data.clock import countdown_parts
from golive.data.rules import Board
from golive.data.texts import text
from golive.widgets.look import local_text, same_shape


def digits_text(seconds_to_t0: float) -> str:
    """-HH:MM:SS before T-0, +HH:MM:SS after; days as a leading count when 100 h or more."""
    sign, hours, minutes, seconds = countdown_parts(seconds_to_t0)
    if hours >= 100:
        days, hours = divmod(hours, 24)
        return f"{sign}{days} {hours:02d}:{minutes:02d}"
    return f"{sign}{hours:02d}:{minutes:02d}:{seconds:02d}"


def timeline_bar(board: Board, width: int) -> Content:
    """First checkpoint … last checkpoint as a bar; ┃ marks now, ◆ each checkpoint."""
    ms = board.milestones
    if not ms or width < 10:
        return Content("")
    start, end = ms[0].at, ms[-1].at
    span = max(1.0, (end - start).total_seconds())
    cells = ["─"] * width
    styles = ["$text-muted"] * width

    def pos(instant: Any) -> int:
        frac = (instant - start).total_seconds() / span
        return min(width - 1, max(0, round(frac * (width - 1))))

    now_pos = pos(board.now)
    for n in range(width):
        if n < now_pos:
            cells[n], styles[n] = "━", "$accent"
    for m in ms:
        cells[pos(m.at)] = "◆"
    if start <= board.now <= end:
        cells[now_pos], styles[now_pos] = "┃", "bold $warning"
    elif board.now < start:
        cells[0], styles[0] = "◀", "bold $warning"
    else:
        cells[-1], styles[-1] = "▶", "bold $warning"
    return Content.assemble(*[(c, s) for c, s in zip(cells, styles, strict=True)])


def labels_row(board: Board, width: int) -> Content:
    """The checkpoint labels under the bar, each at its position."""
    ms = board.milestones
    if not ms:
        return Content("")
    start, end = ms[0].at, ms[-1].at
    span = max(1.0, (end - start).total_seconds())
    row = [" "] * width
    for m in ms:
        p = min(width - 1, max(0, round((m.at - start).total_seconds() / span * (width - 1))))
        text = m.label
        p = min(max(0, p - len(text) // 2), max(0, width - len(text)))
        # later labels never overwrite earlier ones; T-1h and T-0 sit close together
        while p < width and any(c != " " for c in row[max(0, p - 1): p + len(text) + 1]):
            p += 1
        for k, ch in enumerate(text):
            if p + k < width:
                row[p + k] = ch
    return Content("".join(row))


class CountdownPanel(Vertical):
    """Countdown to T-0 with the T-plan timeline."""

    DEFAULT_CSS = """
    CountdownPanel { height: auto; }
    CountdownPanel Digits { width: auto; margin: 0 1; }
    CountdownPanel #countdown-caption { color: $text-muted; margin: 0 1; }
    CountdownPanel .bar { margin: 0 1; height: 1; }
    """

    def __init__(self, lang: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.lang = lang
        self.border_title = text(lang, "panel.countdown")
        self._t0_shown = False
        self._last: dict[str, object] = {}
        self._board: Board | None = None

    def compose(self) -> ComposeResult:
        yield Digits("", id="countdown-digits")
        yield Static("", id="countdown-caption", markup=False)
        yield Static("", id="countdown-bar", classes="bar", markup=False)
        yield Static("", id="countdown-labels", classes="bar", markup=False)
        yield Static("", id="countdown-deadline", classes="bar", markup=False)

    def _set(self, widget_id: str, value: object) -> None:
        old = self._last.get(widget_id)
        if old == value:
            return
        self._last[widget_id] = value
        widget = self.query_one(f"#{widget_id}")
        if isinstance(widget, Digits):
            widget.update(str(value))  # lays out only when its length changes
        elif isinstance(widget, Static):
            # the bars are one line of fixed height: a new text never needs a layout pass
            widget.update(value if isinstance(value, Content) else Content(str(value)),
                          layout=not widget.has_class("bar") and not same_shape(old, value))

    def on_resize(self) -> None:
        """The board may be shown before the first layout (at a guessed width): draw the
        bars again at the real one."""
        if self._board is not None:
            self.show(self._board)

    def show(self, board: Board) -> None:
        self._board = board
        lang = self.lang
        seconds = board.seconds_to_t0
        if not self._t0_shown:
            self._t0_shown = True
            t0 = local_text(board.plan.t0, "%d.%m. %H:%M %Z")
            self.border_title = f"T-0 {t0}"
        self._set("countdown-digits", digits_text(seconds))
        self.set_class(seconds < 0, "-after")
        caption = f"{board.countdown} · {board.phase_label}"
        self._set("countdown-caption", caption)
        width = max(10, (self.size.width or 40) - 4)
        self._set("countdown-bar", timeline_bar(board, width))
        self._set("countdown-labels", labels_row(board, width))
        deadline = board.plan.approval_deadline
        if deadline is None:
            self._set("countdown-deadline", "")
        else:
            date = deadline.strftime("%d.%m.%Y")
            signed = all(i.ok for i in board.section("signoff"))
            key = ("countdown.deadline.missed" if board.deadline_missed else
                   "countdown.deadline.met" if signed else "countdown.deadline")
            style = "bold $error" if board.deadline_missed else "$text-muted"
            self._set("countdown-deadline", Content.assemble((text(lang, key, date=date), style)))
