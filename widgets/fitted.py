"""Content laid out for the width it is drawn at, decided when it is drawn.

A panel's lines depend on its width (wrapped labels with a hanging indent, right-aligned
times). Built ahead of time they need the width first, so the board could only be drawn
after a layout pass, and every width change rebuilt the panel. A `Fitted` holds the
recipe instead: the widget asks it for its lines at the real width, in the first layout
already, and a resize costs only the lines at the new width. Plain `Content` only (its
public `wrap`), no Visual internals.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.content import Content

MIN_WIDTH = 20  # narrower than this, lines are built for 20 cells and wrapped to the width


class Fitted:
    """Content built for each width it is asked about (the last one kept). `key` is what
    the Content is made from: equal keys, equal lines."""

    def __init__(self, make: Callable[[int], Content], key: object = None,
                 min_width: int = MIN_WIDTH) -> None:
        self.make = make
        self.key = key
        self.min_width = min_width
        self._width = -1
        self._content = Content("")
        self._lines: dict[int, list[Content]] = {}  # per width drawn at

    @classmethod
    def fixed(cls, content: Content) -> Fitted:
        """Content that is the same at every width (wrapped where it does not fit)."""
        return cls(lambda _width: content, key=content, min_width=1)

    def at(self, width: int) -> Content:
        width = max(self.min_width, width)
        if width != self._width:
            self._content = self.make(width)
            self._width = width
            self._lines.clear()
        return self._content

    def lines(self, width: int) -> list[Content]:
        """The lines at this width, wrapped where a line is still too long. Asked for again
        on every layout and row lookup: wrapping each time was a third of the panels'
        share of the first frame."""
        content = self.at(width)
        if width not in self._lines:
            self._lines[width] = content.wrap(max(1, width)) or [Content("")]
        return self._lines[width]

    def height(self, width: int) -> int:
        return len(self.lines(width))
