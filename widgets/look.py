"""Symbols, styles and time formats shared by the panels.

Every state has a symbol as well as a colour, so the board reads the same with NO_COLOR.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content

from golive.data.texts.symbols import symbol_of

STYLE = {
    "approved": "$success", "green": "$success", "done": "$success",
    "rejected": "$error", "red": "$error", "revoked": "$warning",
    "pending": "$foreground-muted", "open": "$foreground-muted",
}


def symbol(state: str) -> tuple[str, str]:
    return symbol_of(state), f"bold {STYLE.get(state, '')}".strip()


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
