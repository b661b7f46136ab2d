"""Dialogs: one generic form and one read-only list, both modal and keyboard-first.

A form returns its button and field values through `dismiss`. A form that writes turns
them into a command and asks for the write with a message (golive.messages); it closes
when the app answers that the event is on disk. Validation that needs the rules (a phone
number, GO with blockers) happens in the store, so a refused form shows the store's own
reason without closing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.visual import VisualType
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.button import ButtonVariant
from textual.widgets.option_list import Option

from golive.data.changes.commands import Command
from golive.data.texts.user_text import MAX_TEXT
from golive.messages import WriteRequested, Written
from golive.widgets.key_bar import KeyBar, relabelled

# Terminals shorter than this get borderless inputs and buttons in dialogs.
SHORT_BELOW = 32


def _editing_keys() -> dict[str, str]:
    """Input's own keys (ctrl+u, backspace, the arrows …) and their actions; Enter is the
    dialog's."""
    return {key.strip(): binding.action for binding in Input.BINDINGS
            if isinstance(binding, Binding) for key in binding.key.split(",")
            if key.strip() != "enter"}


class FieldInput(Input):
    """A dialog's text field that takes no key pressed with Alt: in a terminal, Esc and a
    letter typed quickly after it arrive as Alt+letter, and that letter must not end up
    in a name the log keeps for good ("freigegeben von r").

    Its editing keys act as they arrive, in their place among the letters: Textual runs a
    binding only once the key has bubbled up to the app, through a queue per parent, and
    the letters typed behind it are in the field by then (`ctrl+u #ltc-incident` in one
    go kept "ident")."""

    EDITING: ClassVar[dict[str, str]] = _editing_keys()

    async def on_key(self, event: events.Key) -> None:
        if event.key.startswith(("alt+", "escape+")):
            event.prevent_default()
            event.stop()
            return
        action = self.EDITING.get(event.key)
        if action is not None:
            event.prevent_default()
            event.stop()
            await self.run_action(action)


@dataclass
class Field:
    key: str
    label: str
    value: str = ""
    placeholder: str = ""
    # offered, not filled in: typing its first letters completes it (→ accepts), so a
    # careless Enter never submits it
    suggestion: str = ""
    suggestions: tuple[str, ...] = ()  # more names to complete from (the plan's roster)


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


# Called with the result before the dialog closes: an error to show, a command to write
# (the dialog closes once it is written), or None (it closes now).
Submit = Callable[[FormResult], "str | Command | None"]
# Called with the field values as they are typed; what a submit would mean, in words.
Preview = Callable[[dict[str, str]], Content]


class FormDialog(ModalScreen[FormResult | None]):
    """Title, optional explanation, input fields and buttons. Enter in a field moves to
    the next one, and in the last presses the default button; Enter on a button presses
    it; a line under the buttons always says which. Escape cancels."""

    # the key line names esc with the dialog's own cancel button. Enter is handled here,
    # before the focused widget sees it: keys arrive at a widget in a queue, so a focus
    # moved by the field itself would come after the keys typed right behind Enter
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("enter", "enter", "Enter", show=False, priority=True),
    ]

    def __init__(self, title: str, *, info: Sequence[Content | str] = (),
                 fields: Sequence[Field] = (), actions: Sequence[Action] = (),
                 cancel_label: str = "Cancel", submit: Submit | None = None,
                 default_action: str | None = None, enter_hint: str = "",
                 preview: Preview | None = None, next_hint: str = "",
                 focus: str | None = None) -> None:
        super().__init__()
        # the field a person types into first (its key), when an earlier one holds a
        # value offered to keep: typing would replace it, selected on focus
        self.focus_first = focus
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
        self.next_hint = next_hint
        self.preview = preview
        self._pressing = False  # an Enter's press waits for the letters typed before it
        self._writing: FormResult | None = None  # asked for a write, not answered yet
        # keys typed in one go with the key that opened the dialog, kept until its first
        # field has the focus; None from then on
        self._early: list[events.Key] | None = []
        self.opened_at = Message().time  # on the clock keys are stamped with

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
                offered = list(dict.fromkeys(n for n in (f.suggestion, *f.suggestions) if n))
                yield FieldInput(value=f.value, placeholder=f.placeholder, id=f"field-{f.key}",
                            max_length=MAX_TEXT, suggester=SuggestFromList(
                                offered, case_sensitive=False) if offered else None)
            if self.preview is not None:
                yield Static(self.preview({f.key: f.value for f in self.fields}),
                             id="dialog-preview", markup=False)
            yield Static("", id="dialog-error", markup=False)
            # more buttons than fit in a row wrap onto a second one
            many = "-many" if len(self.actions) > 3 else ""
            with Horizontal(id="dialog-buttons", classes=many):
                for a in self.actions:
                    yield Button(Content(a.label), id=f"action-{a.id}", variant=a.variant,
                                 disabled=a.disabled)
                yield Button(Content(self.cancel_label), id="action-cancel")
            if self.enter_hint:
                yield Static("", id="dialog-enter", markup=False)
        yield KeyBar()

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """The key line over the cockpit's says what Escape does here, not the cockpit's
        keys, which a dialog does not answer."""
        return relabelled(super().active_bindings, lambda binding: self.cancel_label
                          if binding.action == "cancel" else binding.description)

    def enter_does(self) -> str:
        """What Enter does where the focus is now, in the dialog's own words."""
        focused = self.focused
        if isinstance(focused, Button):
            return str(focused.label)
        inputs = list(self.query(Input))
        if isinstance(focused, Input) and inputs and focused is not inputs[-1]:
            return self.next_hint
        if self.default_action == "cancel" or not self.default_action:
            return self.cancel_label
        return next(a.label for a in self.actions if a.id == self.default_action)

    def on_descendant_focus(self) -> None:
        for hint in self.query("#dialog-enter").results(Static):
            hint.update(Content.assemble((self.enter_hint, "bold"), " ", self.enter_does()))

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
        # at once (Widget.focus would wait behind the keys already queued), then the keys
        # that came before the field could take them, in the order they were typed
        if self.focus_first is not None:
            self.set_focus(self.query_one(f"#field-{self.focus_first}", Input))
        elif inputs:
            self.set_focus(inputs.first())
        elif self.default_action:
            self.set_focus(self.query_one(f"#action-{self.default_action}", Button))
        early, self._early = sorted(self._early or [], key=lambda key: key.time), None
        self._type(early)

    # --- keys typed before the dialog could take them -----------------------------------

    def post_message(self, message: Message) -> bool:
        """Until a field has the focus the app hands keys to the screen itself, which
        would drop them ("Peter Lang" typed with space arrived as "er Lang" or nothing):
        they wait for the field instead."""
        if isinstance(message, events.Key) and self._early is not None:
            self._early.append(message)
            return True
        return super().post_message(message)

    def take_key(self, event: events.Key) -> None:
        """A key typed before this dialog opened, in one go with the key that opened
        it, which the app had routed to the board behind it."""
        if self._early is not None:
            self._early.append(event)
        else:
            self._type([event])

    def _type(self, keys: Sequence[events.Key]) -> None:
        """Keys as if typed now: letters to the focused field, Enter as Enter (the next
        field, or the press). From the first other key, or once a press waits, the
        rest go through the app in their order, as any key does."""
        for n, key in enumerate(keys):
            focused = self.focused
            if key.key == "enter" and not self._pressing:
                self.action_enter()
                continue
            if key.is_printable and isinstance(focused, Input) and not self._pressing:
                # into the field's own queue, behind its focus (which may select a name
                # offered there, as typing after the dialog opened would replace it)
                focused.post_message(events.Key(key.key, key.character))
                continue
            for rest in keys[n:]:
                self.app.post_message(events.Key(rest.key, rest.character))
            return

    def values(self) -> dict[str, str]:
        return {f.key: self.query_one(f"#field-{f.key}", Input).value for f in self.fields}

    def _finish(self, action: str) -> None:
        if action == "cancel":
            self.dismiss(None)
            return
        result = FormResult(action, self.values())
        if self.submit is not None:
            outcome = self.submit(result)
            if isinstance(outcome, Command):
                # one write at a time: Enter and the buttons wait for the answer
                self._writing = result
                self._pressing = True
                self.post_message(WriteRequested(outcome, self))
                return
            if outcome:
                self.refused(outcome)
                return
        self.dismiss(result)

    def on_written(self, message: Written) -> None:
        """The app's answer: closed once written, or open with the reason."""
        message.stop()
        result, self._writing, self._pressing = self._writing, None, False
        if not self.is_current or result is None:
            return  # closed meanwhile (escape): the write stands, nothing more to show
        if message.error:
            self.refused(message.error)
        else:
            self.dismiss(result)

    def refused(self, error: str) -> None:
        """Say why nothing was written; the form stays open to be corrected."""
        if self.preview is not None and self.preview(self.values()).plain == error:
            self.app.bell()  # the live preview above already says it, in red
        else:
            self.query_one("#dialog-error", Static).update(Content(error))
        # what the user types next goes where it is missing, not after a name
        empty = next((i for i in self.query(Input) if not i.value.strip()), None)
        if empty is not None:
            self.set_focus(empty)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        button_id = event.button.id or ""
        if self._writing is not None:
            return  # a write asked for is not answered yet: one press only
        if button_id == "action-cancel":
            self.dismiss(None)
        elif button_id.startswith("action-"):
            self._finish(button_id.removeprefix("action-"))

    def on_input_changed(self, event: Input.Changed) -> None:
        if not self.is_mounted:
            return
        for error in self.query("#dialog-error").results(Static):
            error.update("")  # an old complaint must not stand beside a fixed field
        if self.preview is not None:
            for target in self.query("#dialog-preview").results(Static):
                target.update(self.preview(self.values()))

    def action_enter(self) -> None:
        """Enter in a field moves to the next field at once, and in the last one presses
        the default button; on a button it presses that one. A name, Enter and a reason
        typed in one go never land the reason in the name field. The press waits until
        every field has taken the letters typed before Enter: Enter is handled as it
        arrives, the letters wait in the field's own queue, and a value read at once
        missed them ("abcdef" was saved as "abcde", a name typed with Enter as nothing)."""
        if self._pressing:
            return  # a second Enter before the first one's press: one press only
        focused = self.focused
        if isinstance(focused, Button):
            self._when_typed(focused.press)
            return
        if not isinstance(focused, Input):
            # the explanation (it takes the focus to scroll): what the hint there says,
            # the default button, or Abbrechen where there is none
            action = self.default_action or "cancel"
            self._when_typed(lambda: self._finish(action))
            return
        inputs = list(self.query(Input))
        if focused is not inputs[-1]:
            self.set_focus(inputs[inputs.index(focused) + 1])
        elif self.default_action:
            action = self.default_action
            self._when_typed(lambda: self._finish(action))

    def _when_typed(self, press: Callable[[], object]) -> None:
        """Run `press` once each field has handled the keys sent to it before now (a
        callback queued behind them, field after field)."""
        self._pressing = True
        fields = list(self.query(Input))

        def next_field() -> None:
            if fields:
                fields.pop(0).call_later(next_field)
            else:
                self._pressing = False
                if self.is_current:  # not dismissed meanwhile (escape, a click)
                    press()

        next_field()

    def action_cancel(self) -> None:
        self.dismiss(None)


class ReadingList(OptionList):
    """A ListScreen's list: the cursor moves over the lines that can be picked and stops
    at the ends (never wraps round to a line not looked at); past them, or where none can
    be picked (the info view), the same keys scroll, so every line can be read from the
    keyboard at 80x24."""

    def action_cursor_down(self) -> None:
        self._step(1)

    def action_cursor_up(self) -> None:
        self._step(-1)

    def _step(self, direction: int) -> None:
        before = self.highlighted
        if before is not None:
            index = before + direction
            while 0 <= index < self.option_count:
                if not self.get_option_at_index(index).disabled:
                    self.highlighted = index
                    break
                index += direction
        if self.highlighted == before:
            self.scroll_relative(y=direction, animate=False)

    def action_first(self) -> None:
        super().action_first()
        self.scroll_home(animate=False)

    def action_last(self) -> None:
        super().action_last()
        self.scroll_end(animate=False)

    def action_page_down(self) -> None:
        super().action_page_down()  # type: ignore[no-untyped-call]  # Textual's is untyped
        if self.highlighted is None:
            self.scroll_page_down(animate=False)

    def action_page_up(self) -> None:
        super().action_page_up()  # type: ignore[no-untyped-call]  # Textual's is untyped
        if self.highlighted is None:
            self.scroll_page_up(animate=False)


class ListScreen(ModalScreen[int | None]):
    """A read-only list (all blockers, the key help); escape, q or the close button close
    it. When its first `pickable` lines stand for something (a blocker's item), the cursor
    moves over them and Enter returns the index of the chosen one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,b,question_mark", "close", "Close"),
        Binding("enter", "pick", "Pick", show=False, priority=True),
    ]

    def __init__(self, title: str, lines: Sequence[VisualType], close_label: str = "Close",
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
            options = [Option(Content(line) if isinstance(line, str) else line,
                              disabled=n >= self.pickable) for n, line in enumerate(self.lines)]
            yield ReadingList(*options, id="dialog-list")
            if self.hint and self.pickable:
                yield Static(Content(self.hint), id="dialog-enter", markup=False)
            with Horizontal(id="dialog-buttons"):
                yield Button(Content(self.close_label), id="action-close", variant="primary")
        yield KeyBar()

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        return relabelled(super().active_bindings, lambda binding: self.close_label
                          if binding.action == "close" else binding.description)

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
