"""Symbols, styles and time formats shared by the panels.

Every state has a symbol as well as a colour, so the board reads the same with NO_COLOR.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import pendulum
from textual.content import Content

from golive.data.texts.catalogue import text
from golive.data.texts.symbols import symbol_of

STYLE = {
    "approved": "$success", "green": "$success", "done": "$success",
    "rejected": "$error", "red": "$error", "revoked": "$warning",
    "pending": "$foreground-muted", "open": "$foreground-muted",
}


def symbol(state: str) -> tuple[str, str]:
    return symbol_of(state), f"bold {STYLE.get(state, '')}".strip()


def local_text(instant: datetime, pattern: str, lang: str = "en") -> str:
    """strftime, with %a as pendulum's `format("dd", locale=lang)`. The same text as
    pendulum's format (tests/test_look.py), which loads its locale machinery through
    importlib.resources on first use: 11 ms of the cockpit's first frame."""
    if "%a" in pattern:  # the catalogue's weekdays, Monday first (pendulum's "dd")
        pattern = pattern.replace("%a", text(lang, "weekdays").split()[instant.weekday()])
    return instant.strftime(pattern)


def when(instant: pendulum.DateTime | None, now: pendulum.DateTime, lang: str = "de") -> str:
    """Short local time: HH:mm on the day of now, the weekday and HH:mm within the week
    around it ("Do. 09:10"), else DD.MM. HH:mm."""
    if instant is None:
        return ""
    if instant.date() == now.date():
        return local_text(instant, "%H:%M")
    if abs((instant.date() - now.date()).days) < 6:
        return local_text(instant, "%a %H:%M", lang)
    return local_text(instant, "%d.%m. %H:%M")


Part = tuple[str, str] | str | Content


def line(left: Sequence[Part], right: Sequence[Part], width: int) -> Content:
    """left-aligned parts, then right-aligned parts, on one line of `width` cells; user text
    is always literal (Content.assemble never parses markup)."""
    left_c = Content.assemble(*left)
    right_c = Content.assemble(*right)
    gap = width - left_c.cell_length - right_c.cell_length
    if gap < 1:
        room = max(0, width - right_c.cell_length - 1)
        left_c = left_c.truncate(room, ellipsis=True)
        gap = max(1, width - left_c.cell_length - right_c.cell_length)
    return Content.assemble(left_c, " " * gap, right_c)
