"""One symbol per state, shared by the panels and plain `status`, so the board reads the
same without colour (NO_COLOR) and in a terminal without the cockpit."""

from __future__ import annotations

SYMBOLS = {
    "approved": "✔", "green": "✔", "done": "✔", "rejected": "✖", "red": "✖",
    "revoked": "⟲", "pending": "○", "open": "○",
}
SIGNED = "✍"  # a sign-off or decision signed with the person's own SSH key


def symbol_of(state: str) -> str:
    return SYMBOLS.get(state, "?")
