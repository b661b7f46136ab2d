"""The `u` key: compose a status update from the board, let the user edit it, post it to
the status channel in a worker, and log that it was sent (or not) by channel name.

Apprise and the channel URLs stay out of the cockpit's start-up and out of the file: they
are loaded when `u` is pressed and only the channel's name reaches the log.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static, TextArea

from golive.clipboard import copy_text
from golive.data.changes.commands import Announce
from golive.data.outputs.announce import (
    Channel,
    ChannelError,
    compose,
    load_channels,
    marked,
    post,
    reason_text,
    title,
)
from golive.data.plan.config import config_path
from golive.data.texts.catalogue import Term, say, text
from golive.data.texts.user_text import TextError, user_text
from golive.dialogs import Action
from golive.widgets.key_bar import KeyBar, relabelled

if TYPE_CHECKING:
    from golive.cockpit import GoliveApp


@dataclass(frozen=True)
class Update:
    channel: Channel
    text: str


class AnnounceDialog(ModalScreen[Update | None]):
    """The composed update in an editable box, one send button per configured channel."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, lang: str, body: str, channels: list[Channel],
                 rehearsal: bool = False) -> None:
        super().__init__()
        self.lang = lang
        self.body = body
        self.channels = channels
        self.rehearsal = rehearsal

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        return relabelled(super().active_bindings, lambda binding: text(
            self.lang, "dialog.cancel") if binding.action == "cancel" else binding.description)

    def compose(self) -> ComposeResult:
        lang = self.lang
        with Vertical(id="dialog", classes="announce"):
            yield Label(Content(text(lang, "announce.title")), id="dialog-title")
            yield Static(Content(text(lang, "announce.hint")), markup=False)
            # an empty last line for the cursor: what one types is a line of its own
            yield TextArea(self.body.rstrip("\n") + "\n", id="announce-text", soft_wrap=True)
            yield Static("", id="dialog-error", markup=False)
            with Horizontal(id="dialog-buttons"):
                for n, channel in enumerate(self.channels):
                    yield Button(Content(text(lang, "announce.send", channel=channel.name)),
                                 id=f"send-{n}", variant="primary")
                yield Button(Content(text(lang, "dialog.cancel")), id="cancel")
        yield KeyBar()

    def on_mount(self) -> None:
        """The cursor on the empty line after the text: what one adds follows the update
        as a line of its own (at the top it was glued in front of the first line, at the
        end of the last line onto it). Sending strips the empty line again."""
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        button = event.button.id or ""
        if not button.startswith("send-"):
            self.dismiss(None)
            return
        try:  # checked before it is posted: what the channel gets, the log can hold
            body = user_text(marked(self.query_one(TextArea).text, self.lang, self.rehearsal),
                             Term("key.announce"))
        except TextError as exc:
            self.query_one("#dialog-error", Static).update(Content(say(exc, self.lang)))
            return
        self.dismiss(Update(self.channels[int(button[5:])], body))

    def action_cancel(self) -> None:
        self.dismiss(None)


def start(app: GoliveApp) -> None:
    """`u`: the editable update for a configured channel, else the text on the clipboard."""
    board = app.board
    if board is None:
        return
    lang, rehearsal = app.lang, app.store.rehearsal
    body = compose(board, rehearsal)
    try:
        channels = load_channels(lang)
    except ChannelError as exc:
        app.notify(str(exc), severity="error", timeout=12, markup=False)
        return
    if not channels:  # said as `c` says it: copied only where the clipboard was reached
        copied = copy_text(app, body)
        app.notify(text(lang, "note.announce.copied" if copied else "note.announce.copy.failed",
                        path=str(config_path())), timeout=8 if copied else 12,
                   severity="information" if copied else "warning", markup=False)
        return

    def post_it(update: Update) -> None:
        app.notify(text(lang, "note.announce.sending", channel=update.channel.name), timeout=3,
                   markup=False)
        app.run_worker(lambda: _post(app, update, title(board, rehearsal)), thread=True,
                       group="announce", description="status update")

    def send(update: Update | None) -> None:
        if update is None:
            return
        if not rehearsal or update.channel.rehearsal:
            post_it(update)
            return
        # a rehearsal's update to a real channel: asked once more, naming the channel
        name = update.channel.name
        app.push_screen(app.dialog(
            text(lang, "announce.confirm.title", channel=name),
            info=[text(lang, "announce.confirm.body", channel=name)],
            actions=[Action("send", text(lang, "announce.confirm.send", channel=name),
                            "warning")],
            default_action="cancel"),
            lambda result: post_it(update) if result is not None else None)

    app.push_screen(AnnounceDialog(lang, body, channels, rehearsal), send)


def _post(app: GoliveApp, update: Update, subject: str) -> None:
    """In a worker: a slow or dead channel never holds up the board."""
    reason = post(update.channel, update.text, subject)
    app.call_from_thread(_record, app, update, reason)


def _record(app: GoliveApp, update: Update, reason: str | None) -> None:
    """Back on the app's thread: one event says sent or not sent, and to which channel."""
    lang = app.lang
    error = app.write(Announce(update.channel.name, update.text, reason is None, reason),
                      notify=False)
    if reason is None:
        message = text(lang, "announce.sent", channel=update.channel.name)
    else:
        message = text(lang, "announce.notsent", channel=update.channel.name,
                       why=reason_text(lang, reason))
    if error:
        message = f"{message} · {error}"
    app.notify(message, severity="information" if reason is None and not error else "error",
               timeout=10, markup=False)
