"""Small shared helpers for the reliability tests: hostile plans, notifications, screens."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from textual.app import App

from golive.data.clock import FixedClock, parse_instant
from golive.data.plan import Plan, default_plan_text, parse_plan
from golive.data.store import Store

ZONE = "Europe/Berlin"


def at(text: str):  # type: ignore[no-untyped-def]
    return parse_instant(text, ZONE)


def toml_string(value: str) -> str:
    """A TOML basic string holding value exactly (controls as \\u escapes)."""
    out = []
    for ch in value:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def default_with(**replacements: str) -> str:
    """The default plan's text with quoted values replaced: {'"T-0"': '"T-0 [/prod]"'}."""
    text = default_plan_text()
    for old, new in replacements.items():
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def plan_with(**replacements: str) -> Plan:
    return parse_plan(default_with(**replacements), "hostile.toml")


def new_store(path: Path, plan: Plan, now: str = "2026-03-05T10:00:00") -> Store:
    return Store.create(path, plan, FixedClock(at(now)), "rm")


def notes(app: App[None]) -> list[str]:
    return [str(n.message) for n in app._notifications]


def screen_text(app: App[None]) -> str:
    """What the terminal shows, as plain text (the SVG with its spacing undone)."""
    import html
    import re

    svg = app.export_screenshot()
    texts = re.findall(r"<text[^>]*>(.*?)</text>", svg, flags=re.S)
    return html.unescape("".join(texts)).replace("\xa0", " ")


def toasts(app: App[None]) -> list[str]:
    """The plain text every toast on the screen draws."""
    from textual.widgets._toast import Toast

    return [toast.render().plain for toast in app.screen.query(Toast)]


def event_count(path: Path | str) -> int:
    """Events in the file, read through a plain sqlite3 connection."""
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("SELECT count(*) FROM events").fetchone()[0])
    finally:
        conn.close()
