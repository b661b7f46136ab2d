"""Dialogs: one generic form and one read-only list, both modal and keyboard-first.

A form returns its button and field values through `dismiss`; the app turns them into a
command. Validation that needs the rules (a phone number, GO with blockers) happens in the
store, so a refused form shows the store's own reason without closing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.button import ButtonVariant
from textual.widgets.option_list import Option

from golive.data.text import MAX_TEXT
from golive.widgets.panels import StepList

# Terminals shorter than this get borderless inputs and buttons in dialogs.
SHORT_BELOW = 32


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
# Called with the field values as they are typed; what a submit would mean, in words.
Preview = Callable[[dict[str, str]], Content]


class FormDialog(ModalScreen[FormResult | None]):
    """Title, optional explanation, input fields and buttons. Enter presses the default
    button; tab moves between fields and buttons; Escape cancels."""

    # not in the footer: the dialog's own button says it in the interface language
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel", show=False)]

    def __init__(self, title: str, *, info: Sequence[Content | str] = (),
                 fields: Sequence[Field] = (), actions: Sequence[Action] = (),
                 cancel_label: str = "Cancel", submit: Submit | None = None,
                 default_action: str | None = None, enter_hint: str = "",
                 preview: Preview | None = None) -> None:
        super().__init__()
        self.title_text = title
        self.info = list(info)
        self.fields = list(fields)
        self.actions = list(actions)
        self.cancel_label = cancel_label
        self.submit = submit
        self.default_action = default_action or next(
            (a.id for a in self.actions if not a.disabled), None)
        # "Enter: {what enter does}", so the key that writes is never a guess
        self.enter_hint = enter_hint
        self.preview = preview

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
                            max_length=MAX_TEXT)
            if self.preview is not None:
                yield Static(self.preview({f.key: f.value for f in self.fields}),
                             id="dialog-preview", markup=False)
            yield Static("", id="dialog-error", markup=False)
            with Horizontal(id="dialog-buttons"):
                for a in self.actions:
                    yield Button(Content(a.label), id=f"action-{a.id}", variant=a.variant,
                                 disabled=a.disabled)
                yield Button(Content(self.cancel_label), id="action-cancel")
            if self.enter_hint and self.default_action:
                label = self.cancel_label if self.default_action == "cancel" else next(
                    a.label for a in self.actions if a.id == self.default_action)
                yield Static(Content.assemble((self.enter_hint, "bold"), " ", label),
                             id="dialog-enter", markup=False)

    def on_resize(self, event: events.Resize) -> None:
        self.fit(event.size.height)

    def fit(self, height: int) -> None:
        """Keep every field and button on screen: in a short terminal the inputs and
        buttons lose their borders, and the explanation (a long list of blockers, say)
        scrolls in whatever room is left."""
        short = height < SHORT_BELOW
        self.set_class(short, "-short")
        for widget in self.query(Input):
            widget.compact = short
        for button in self.query(Button):
            button.compact = short
        rows = (2 if short else 4) + 2 + len(self.fields) * (2 if short else 5) \
            + (2 if short else 4) + 2 + 1 + (2 if self.preview else 0)
        for info in self.query("#dialog-info"):
            info.styles.max_height = max(2, min(12, int(height * 0.9) - rows))

    def on_mount(self) -> None:
        self.fit(self.app.size.height)
        inputs = self.query(Input)
        if inputs:
            inputs.first().focus()
        elif self.default_action:
            self.query_one(f"#action-{self.default_action}", Button).focus()

    def values(self) -> dict[str, str]:
        return {f.key: self.query_one(f"#field-{f.key}", Input).value for f in self.fields}

    def _finish(self, action: str) -> None:
        if action == "cancel":
            self.dismiss(None)
            return
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

    def on_input_changed(self, event: Input.Changed) -> None:
        if self.preview is not None and self.is_mounted:
            for target in self.query("#dialog-preview").results(Static):
                target.update(self.preview(self.values()))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in any field presses the default button (tab moves between fields), so
        a quick name-and-enter never depends on where the focus happens to be."""
        event.stop()
        if self.default_action:
            self._finish(self.default_action)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ListScreen(ModalScreen[int | None]):
    """A read-only list (all blockers, the key help); escape, q or the close button close
    it. When its first `pickable` lines stand for something (a blocker's item), the cursor
    moves over them and Enter returns the index of the chosen one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,b,question_mark", "close", "Close", show=False),
        Binding("enter", "pick", "Pick", show=False, priority=True),
    ]

    def __init__(self, title: str, lines: Sequence[Content | str], close_label: str = "Close",
                 *, pickable: int = 0, hint: str = "", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.title_text = title
        self.lines = list(lines)
        self.close_label = close_label
        self.pickable = pickable
        self.hint = hint

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="list"):
            yield Label(Content(self.title_text), id="dialog-title")
            options = [Option(line if isinstance(line, Content) else Content(line),
                              disabled=n >= self.pickable) for n, line in enumerate(self.lines)]
            yield StepList(*options, id="dialog-list")
            if self.hint and self.pickable:
                yield Static(Content(self.hint), id="dialog-enter", markup=False)
            with Horizontal(id="dialog-buttons"):
                yield Button(Content(self.close_label), id="action-close", variant="primary")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option_index)

    def action_pick(self) -> None:
        index = self.query_one(OptionList).highlighted
        self.dismiss(index if self.pickable and index is not None else None)

    def on_resize(self, event: events.Resize) -> None:
        self.fit(event.size.height)

    def fit(self, height: int) -> None:
        """The list scrolls; its close button stays on screen at any height."""
        short = height < SHORT_BELOW
        self.set_class(short, "-short")
        for button in self.query(Button):
            button.compact = short
        rows = (2 if short else 4) + 2 + (2 if short else 4)
        self.query_one("#dialog-list").styles.max_height = max(2, int(height * 0.9) - rows)

    def on_mount(self) -> None:
        self.fit(self.app.size.height)
        self.query_one("#dialog-list").focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)
