"""The command palette (ctrl+p): golive's own commands, in the interface language, each
with its key as the keymap has it. Textual's system commands would be the only English on
the screen, and golive needs none of them."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, cast

from textual.app import App, SystemCommand
from textual.command import CommandPalette
from textual.screen import Screen

from golive.cockpit_screen import CockpitScreen
from golive.data.texts.catalogue import text
from golive.keys import KEYS, key_name

if TYPE_CHECKING:
    from golive.cockpit import GoliveApp


def open_palette(app: GoliveApp) -> None:
    """Textual's palette, with its search line in the interface language."""
    if app.use_command_palette and not CommandPalette.is_open(cast("App[object]", app)):
        app.push_screen(CommandPalette(placeholder=text(app.lang, "palette.placeholder"),
                                       id="--command-palette"))


def golive_commands(app: GoliveApp, screen: Screen[Any]) -> Iterator[SystemCommand]:
    """The cockpit's keys as palette commands; a read-only view offers none that writes."""
    if not isinstance(screen, CockpitScreen):
        return
    for k in KEYS:
        if k.palette and not (app.read_only and k.mutates):
            method = getattr(screen, f"action_{k.action}", None) or getattr(
                app, f"action_{k.action.removeprefix('app.')}")
            yield SystemCommand(f"golive: {text(app.lang, k.text_key)}",
                                text(app.lang, "palette.help", key=app.key_of(k),
                                     name=key_name(app.lang, k)),
                                method)
