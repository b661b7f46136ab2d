"""How a panel follows its screen's board: it watches the screen's reactive and draws its
own part when that part changed; nobody pushes a board into a panel.

The screen's `board` (and the log's `log_count`) is the one feed: the live cockpit takes
it from the app after every proven read, the "as it was" screen holds one past board.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.message import Message
from textual.widget import Widget


class Reflowed(Message):
    """A panel changed height for a new board: what lies below it moved (the screen brings
    the cursor row back into view)."""


def follow(widget: Widget, attribute: str, show: Callable[[Any], bool | None]) -> None:
    """Call `show` with the screen's `attribute` now and whenever it changes (never with
    None: no board read yet); a True answer means the widget's height changed."""
    def changed(value: object) -> None:
        if value is not None and show(value):
            widget.post_message(Reflowed())

    widget.watch(widget.screen, attribute, changed)
