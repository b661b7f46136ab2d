"""The key line at the bottom of a board screen, drawn by one widget.

Textual's Footer builds a widget per key and builds them all again whenever the bindings
change (every focus move); with ten keys that was a third of the cockpit's start-up. This
line draws the same keys, in the same colours and spacing, from `screen.active_bindings`
at render time, so a change of bindings costs one repaint.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import ActiveBinding, Binding
from textual.reactive import reactive
from textual.widget import Widget


def relabelled(bindings: dict[str, ActiveBinding],
               label: Callable[[Binding], str]) -> dict[str, ActiveBinding]:
    """The same bindings with the descriptions a screen shows (its language, a dialog's
    own button words)."""
    return {key: active._replace(binding=replace(active.binding,
                                                 description=label(active.binding)))
            for key, active in bindings.items()}


class KeyBar(Widget):
    """The shown bindings of the screen, one action each, as Footer draws them; a click on
    a key presses it (a disabled one rings the bell)."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "key-bar--key", "key-bar--description", "key-bar--hover"}
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        text-wrap: nowrap;
        text-overflow: clip;
    }
    KeyBar > .key-bar--key {
        color: $footer-key-foreground;
        background: $footer-key-background;
        text-style: bold;
    }
    KeyBar > .key-bar--description {
        color: $footer-description-foreground;
        background: $footer-description-background;
    }
    KeyBar > .key-bar--hover {
        color: $footer-key-foreground;
        background: $block-hover-background;
    }
    """

    compact: reactive[bool] = reactive(False)
    """Less space around each key, as Footer's compact style."""

    covered: reactive[str | None] = reactive(None)
    """While a screen without a key line of its own (the command palette) covers this
    one: what esc does there. The keys below would not work then."""

    def __init__(self, *, compact: bool = False, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.set_reactive(KeyBar.compact, compact)
        # (first cell, end cell, binding, enabled) of each key as last drawn
        self._spans: list[tuple[int, int, Binding, bool]] = []
        self._hover: int | None = None

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, _screen: object) -> None:
        self.refresh()

    def shown(self) -> list[tuple[Binding, bool]]:
        """The first shown binding of each action, in the screen's order (as Footer)."""
        if self.covered is not None:
            return [(Binding("escape", "", self.covered), True)]
        seen: dict[str, tuple[Binding, bool]] = {}
        for _node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            if binding.show and binding.action not in seen:
                seen[binding.action] = (binding, enabled)
        return list(seen.values())

    def render(self) -> Text:
        key_style = self.get_component_rich_style("key-bar--key")
        description_style = self.get_component_rich_style("key-bar--description")
        base = self.rich_style
        line = Text(no_wrap=True, end="")
        spans: list[tuple[int, int, Binding, bool]] = []
        for n, (binding, enabled) in enumerate(self.shown()):
            key = self.app.get_key_display(binding)
            if binding.description:
                key = key if self.compact else f" {key} "
                description = (f" {binding.description}" if self.compact
                               else f"{binding.description} ")
            else:
                description = ""
            item = Text.assemble((key, key_style), (description, description_style))
            item_base = base
            if n == self._hover:
                item_base = base + self.get_component_rich_style("key-bar--hover")
            if not enabled:
                item_base += Style(dim=True)
            item.stylize_before(item_base)
            if self.compact and n:
                line.append(" ")  # Footer's compact keys keep one cell apart
            start = line.cell_len
            line.append_text(item)
            spans.append((start, line.cell_len, binding, enabled))
        self._spans = spans
        return line

    def watch_compact(self) -> None:
        self.refresh()

    def watch_covered(self) -> None:
        self.refresh()

    def _at(self, x: int) -> int | None:
        return next((n for n, (start, end, _, _) in enumerate(self._spans)
                     if start <= x < end), None)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        hover = self._at(event.x)
        if hover != self._hover:
            self._hover = hover
            self.refresh()

    def on_leave(self) -> None:
        if self._hover is not None:
            self._hover = None
            self.refresh()

    def on_mouse_down(self, event: events.MouseDown) -> None:
        n = self._at(event.x)
        if n is None:
            return
        _start, _end, binding, enabled = self._spans[n]
        if enabled:
            self.app.simulate_key(binding.key)
        else:
            self.app.bell()
