"""Content laid out for the width it is drawn at, decided when it is drawn.

A panel's lines depend on its width (wrapped labels with a hanging indent, right-aligned
times). Built ahead of time they need the width first, so the board could only be drawn
after a layout pass, and every width change rebuilt the panel. A `Fitted` holds the
recipe instead: Textual asks it for its height and lines at the real width, in the first
layout already, and a resize costs only the lines at the new width.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual

MIN_WIDTH = 20  # narrower than this, lines are built for 20 cells and wrapped by Textual


class Fitted(Visual):
    """A Visual that builds its Content for each width it is asked about (the last one
    kept). `key` is what the Content is made from: equal keys, equal lines."""

    def __init__(self, make: Callable[[int], Content], key: object = None,
                 min_width: int = MIN_WIDTH) -> None:
        self.make = make
        self.key = key
        self.min_width = min_width
        self._width = -1
        self._content = Content("")
        self._heights: dict[int, int] = {}  # per width; one Fitted serves one panel's rules

    def at(self, width: int) -> Content:
        width = max(self.min_width, width)
        if width != self._width:
            self._content = self.make(width)
            self._width = width
            self._heights.clear()
        return self._content

    def render_strips(self, width: int, height: int | None, style: Style,
                      options: RenderOptions) -> list[Strip]:
        return self.at(width).render_strips(width, height, style, options)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return self.at(container_width).get_optimal_width(rules, container_width)

    def get_height(self, rules: RulesMap, width: int) -> int:
        """Asked for again on every layout and row lookup: wrapping the Content each time
        was a third of the panels' share of the first frame."""
        content = self.at(width)
        if width not in self._heights:
            self._heights[width] = content.get_height(rules, width)
        return self._heights[width]
