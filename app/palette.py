"""The command palette (ctrl+p): golive's own commands, in the interface language, each
with its key as the keymap has it. Textual's system commands would be the only English on
the screen, and golive needs none of them."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, cast

from rich.align import Align
from rich.text import Text
from textual.app import App, SystemCommand
from textual.command import CommandList, CommandPalette
from textual.screen import Screen
from textual.widgets.option_list import Option

from golive.cockpit_screen import CockpitScreen
from golive.data.texts.catalogue import text
from golive.keys import KEYS, key_name

if TYPE_CHECKING:
    from golive.cockpit import GoliveApp


class Palette(CommandPalette):
    """Textual's palette saying its one line of its own, "No matches found", in the
    interface language (Textual writes it as a literal in this method; textual is pinned,
    so a change of it shows in the test of this line)."""

    def __init__(self, lang: str, **kwargs: Any) -> None:
        super().__init__(placeholder=text(lang, "palette.placeholder"), **kwargs)
        self.lang = lang

    def _start_no_matches_countdown(self, search_value: str) -> None:
        self._stop_no_matches_countdown()

        def show_none() -> None:
            if search_value:  # while discovering (nothing typed) an empty list says nothing
                self.query_one(CommandList).add_option(Option(
                    Align.center(Text(text(self.lang, "palette.none"), style="not bold")),
                    disabled=True, id=self._NO_MATCHES))
            self._list_visible = bool(search_value)

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_none)


def open_palette(app: GoliveApp) -> None:
    """Textual's palette, with its search line in the interface language."""
    if app.use_command_palette and not CommandPalette.is_open(cast("App[object]", app)):
        app.push_screen(Palette(app.lang, id="--command-palette"))


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
