"""The cockpit under Textual's Pilot: one way to open it, to type, and to read what a
screen, a dialog, a notification or a toast shows."""

from __future__ import annotations

import html
import io
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from rich.console import Console
from rich.table import Table
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Input, OptionList

from golive.cockpit import GoliveApp, make_app
from golive.data.log.store import Store

SIZE = (120, 40)  # the size the design is checked at
# big jumps and small ones, up and down, for resize tests
SIZES = [(200, 60), (120, 40), (100, 30), (80, 24), (60, 20), (40, 12), (120, 40), (40, 12),
         (200, 60), (80, 24), (81, 24), (79, 23), (110, 30), (109, 30), (111, 31), (120, 40)]
# the short path for a screen or dialog open over the cockpit (the cockpit alone takes
# SIZES): largest, smallest, both sides of the wide/narrow threshold (screens.WIDE_FROM),
# the small standard size, back; each step is a full layout of two screens
STEPS = [(200, 60), (40, 12), (110, 30), (109, 30), (80, 24), (120, 40)]


@asynccontextmanager
async def open_cockpit(store: Store, actor: str = "rm", *, size: tuple[int, int] = SIZE,
                  **options: Any) -> AsyncIterator[tuple[GoliveApp, Pilot[None]]]:
    """`async with open_cockpit(store) as (app, pilot):` — the app from the one factory
    (make_app), running headless at `size`, its first frame drawn."""
    app = make_app(store, actor, **options)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        yield app, pilot


async def type_text(pilot: Pilot[Any], text: str) -> None:
    """Type as a person does, one key at a time (a space is the key "space")."""
    for ch in text:
        await pilot.press("space" if ch == " " else ch)


def field(app: App[Any], key: str) -> Input:
    """The input of a form dialog's field `key`."""
    return app.screen.query_one(f"#field-{key}", Input)


def notes(app: App[Any]) -> list[str]:
    """The notifications' words, oldest first."""
    return [str(n.message) for n in app._notifications]


def toasts(app: App[Any]) -> list[str]:
    """The plain text every toast on the screen draws."""
    from textual.widgets._toast import Toast

    return [toast.render().plain for toast in app.screen.query(Toast)]


def screen_text(app: App[Any]) -> str:
    """What the terminal shows, as plain text (the SVG with its spacing undone)."""
    svg = app.export_screenshot()
    texts = re.findall(r"<text[^>]*>(.*?)</text>", svg, flags=re.S)
    return html.unescape("".join(texts)).replace("\xa0", " ")


def dialog_text(screen: Any) -> str:
    """Every line a dialog or list shows (its Statics and options), as plain text."""
    parts = [str(s.render()) for s in screen.query("Static")]
    for option_list in screen.query(OptionList):
        parts += [str(o.prompt) for o in option_list.options]
    return " ".join(parts)


def plain(prompt: object, width: int = 300) -> str:
    """What an option shows, as text at `width` columns."""
    if not isinstance(prompt, Table):
        return str(prompt)
    console = Console(width=width, file=io.StringIO(), record=True)
    console.print(prompt)
    return console.export_text()


def listed(screen: Any) -> str:
    """Every option of a list dialog, as text."""
    return " ".join(plain(o.prompt) for o in screen.query_one("#dialog-list").options)
