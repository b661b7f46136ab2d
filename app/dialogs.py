"""Dialogs: one generic form and one read-only list, both modal and keyboard-first.

A form returns its button and field values through `dismiss`; the app turns them into a
command. Validation that needs the rules (a phone number, GO with blockers) happens in the
store, so a refused form shows the store's own reason without closing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static
from textual.widgets.button import ButtonVariant


@dataclass
class Field:
    key: str
    label: str
    value: str = ""
    placeholder: str = ""


@dataclass
class Action:
    id: str
    label: str
    variant: ButtonVariant = "default"
    disabled: bool = False


@dataclass
class FormResult:
    action: str
    values: dict[str, str] = field(default_factory=dict)


# Called with the result before the dialog closes; returns an error to show, or None.
Submit = Callable[[FormResult], str | None]


class FormDialog(ModalScreen[FormResult | None]):
    """Title, optional explanation, input fields and buttons. Enter presses the default
    button; tab moves between fields and buttons; Escape cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, *, info: Sequence[Content | str] = (),
                 fields: Sequence[Field] = (), actions: Sequence[Action] = (),
                 cancel_label: str = "Cancel", submit: Submit | None = None,
                 default_action: str | None = None) -> None:
        super().__init__()
        self.title_text = title
        self.info = list(info)
        self.fields = list(fields)
        self.actions = list(actions)
        self.cancel_label = cancel_label
        self.submit = submit
        self.default_action = default_action or next(
            (a.id for a in self.actions if not a.disabled), None)

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(Content(self.title_text), id="dialog-title")
            if self.info:
                with VerticalScroll(id="dialog-info"):
                    for line in self.info:
                        yield Static(line if isinstance(line, Content) else Content(line),
                                     markup=False)
            for f in self.fields:
                yield Label(Content(f.label), classes="field-label")
                yield Input(value=f.value, placeholder=f.placeholder, id=f"field-{f.key}",
                            max_length=2000)
            yield Static("", id="dialog-error", markup=False)
            with Horizontal(id="dialog-buttons"):
                for a in self.actions:
                    yield Button(Content(a.label), id=f"action-{a.id}", variant=a.variant,
                                 disabled=a.disabled)
                yield Button(Content(self.cancel_label), id="action-cancel")

    def on_mount(self) -> None:
        inputs = self.query(Input)
        if inputs:
            inputs.first().focus()
        elif self.default_action:
            self.query_one(f"#action-{self.default_action}", Button).focus()

    def values(self) -> dict[str, str]:
        return {f.key: self.query_one(f"#field-{f.key}", Input).value for f in self.fields}

    def _finish(self, action: str) -> None:
        result = FormResult(action, self.values())
        if self.submit is not None:
            error = self.submit(result)
            if error:
                self.query_one("#dialog-error", Static).update(Content(error))
                return
        self.dismiss(result)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        button_id = event.button.id or ""
        if button_id == "action-cancel":
            self.dismiss(None)
        elif button_id.startswith("action-"):
            self._finish(button_id.removeprefix("action-"))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in any field presses the default button (tab moves between fields), so
        a quick name-and-enter never depends on where the focus happens to be."""
        event.stop()
        if self.default_action:
            self._finish(self.default_action)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ListScreen(ModalScreen[None]):
    """A read-only list (all blockers, the key help); any of escape, q, enter closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,enter,b,question_mark", "close", "Close"),
    ]

    def __init__(self, title: str, lines: Sequence[Content | str], close_label: str = "Close",
                 **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.title_text = title
        self.lines = list(lines)
        self.close_label = close_label

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="list"):
            yield Label(Content(self.title_text), id="dialog-title")
            with VerticalScroll(id="dialog-list"):
                for line in self.lines:
                    yield Static(line if isinstance(line, Content) else Content(line),
                                 markup=False)
            with Horizontal(id="dialog-buttons"):
                yield Button(Content(self.close_label), id="action-close", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#dialog-list").focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)
