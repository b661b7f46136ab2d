"""Copying a line for the status channel: OSC 52 (works over ssh in most terminals), and
the node's clipboard tool through pyperclip when there is one."""

from __future__ import annotations

from typing import Any

from textual.app import App


def copy_text(app: App[Any], value: str) -> bool:
    """True when the node's clipboard has it; False when only OSC 52 may have worked."""
    app.copy_to_clipboard(value)
    try:
        import pyperclip

        pyperclip.copy(value)
        return True
    except Exception:  # no clipboard tool on this node
        return False
