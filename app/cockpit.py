"""The cockpit app: the store, the clock, the poll and the one write path.

Truth first: a key becomes a command, the store writes it, and only then is the board
drawn, from the state the write's own transaction proved and folded the event into.
A refused or failed write leaves the screen as it was and says why. Another process's
commit is noticed through `PRAGMA data_version` as it lands (Linux: golive.file_watch,
backed by a poll every 2 s), else within half a second, and read whole.
A real file opened on another clock (`--now`) shows the board and log as they were then.
The screens own their keys (golive.cockpit_screen) and forms (golive.forms).
"""

from __future__ import annotations

import gc
import re
import sqlite3
import sys
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import events
from textual.app import App, SystemCommand
from textual.notifications import SeverityLevel
from textual.reactive import var
from textual.screen import Screen

from golive.cockpit_screen import CockpitScreen
from golive.data.changes.refused import Refused
from golive.data.log.dbfile import StoreError, unreadable
from golive.data.log.fold import State
from golive.data.log.store import Store
from golive.data.plan.config import config_path
from golive.data.rules.board import Board, ItemView
from golive.data.rules.verdict import evaluate
from golive.data.texts.catalogue import say, text
from golive.data.time.clock import ClockError, FixedClock, is_wall_clock
from golive.data.time.formats import day_hm_zone
from golive.data.time.instants import in_zone, later
from golive.file_watch import FileWatch
from golive.keys import KEYS, Key, KeymapError, load_keymap
from golive.log_source import log_rows
from golive.messages import WriteRequested, Written
from golive.palette import golive_commands, open_palette
from golive.screens import BoardScreen, fit_width

if TYPE_CHECKING:  # the dialogs and commands load with the first form or write
    from golive.data.changes.commands import Command
    from golive.data.log.events import Event
    from golive.dialogs import FormDialog, FormResult

# the cockpit checks the whole chain this long after it opened (not before: the first
# frame and the first keys come first); ≈ 10 s of CPU at 1,000,000 events, spent in a
# child process at the lowest priority (data/log/whole_check.py), not in the cockpit's
VERIFY_AFTER = 3.0
COPY_SECONDS = 1.0  # how often the header's copy freshness is read again
POLL = 0.5  # how often `PRAGMA data_version` is read where no file watch runs
WATCHED_POLL = 2.0  # … and beside a running watch (a wake-up less each second at rest)
# " (--reason)" in a catalogue field name: right on the command line, noise in a dialog
CLI_FLAG = re.compile(r" \(--[\w-]+\)")


class GoliveApp(App[None]):
    CSS_PATH = "golive.tcss"
    TITLE = "golive"

    board: var[Board | None] = var(None)
    """The proven fold as last read, evaluated at the clock's now: the one feed of every
    live board screen, which watches it (set only after the store read it back)."""
    log_count: var[int] = var(0)
    """How many events the log holds as last read: the live log follows it."""
    log_marks: var[int] = var(0)
    """How many events stand corrected as last read: a correction marks an earlier row of
    the log, which the live log then draws again (it only fetches new rows otherwise)."""
    copy_state: var[tuple[str, bool] | None] = var(None)
    """How fresh the copy off the node is (words, alarming), None when there is none: the
    header follows it."""

    def __init__(self, store: Store, actor: str, *, lang: str | None = None,
                 keymap: dict[str, str] | None = None, poll_seconds: float | None = None,
                 tick_seconds: float = 1.0, bell_on_checkpoint: bool = True,
                 keymap_error: str | None = None, read_only: bool = False,
                 verify_after: float | None = None, follow_log: bool = False) -> None:
        super().__init__()
        self.store = store
        # a real file on another clock than the wall's (--now) can only be looked at: it
        # opens as the read-only view does, instead of looking writable until a key fails
        self.read_only = read_only or store.read_only or (
            not store.rehearsal and not is_wall_clock(store.clock))
        self.actor = actor
        self.lang = lang or store.plan.language
        self.poll_seconds = poll_seconds
        self.tick_seconds = tick_seconds
        self.bell_on_checkpoint = bell_on_checkpoint
        self.verify_after = verify_after  # seconds after start: the whole chain, checked
        # a rehearsal watched from outside: its time is its log's (the rehearsal's clock
        # runs in the process that rehearses), not the wall clock months away
        self.follow_log = follow_log
        self._keymap = keymap or {}
        self._keymap_error = keymap_error
        self._state = State()
        self._count, self._head, self._data_version = 0, "", -1
        self._checkpoint: str | None = None
        self._poll_failed = False
        # config.toml as last read for the copy's freshness (golive.cockpit.poll_copy)
        self._config_seen: tuple[int, ...] | None = None
        self._config_copy: tuple[str, bool] | None = None
        self._watch: FileWatch | None = None  # golive.file_watch, from on_mount
        self._gone = False  # the path no longer names the file this cockpit opened
        self._unreadable = ""  # why the file's state cannot be read, while it cannot
        self._not_intact = ""  # what the whole-chain check found: no write after it
        # a real file on another clock (--now) shows the board and log as they were then
        self.as_of = not store.rehearsal and not is_wall_clock(store.clock)
        self.refusal = ""  # why the cockpit would not open the file (run_cockpit says it)
        self.theme = "textual-dark"

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = False) -> None:
        """Every toast is drawn literally: its text holds labels, names, reasons and paths,
        and Textual would read `[/srv]` in them as markup (and crash on it). Widgets'
        notify lands here too, so no caller can turn markup back on. Every notification
        of a rehearsal says so, even one seen out of context."""
        if self.store.rehearsal:
            message = f"{text(self.lang, 'mode.rehearsal')} · {message}"
        super().notify(message, title=title, severity=severity, timeout=timeout,
                       markup=False)

    # --- lifecycle --------------------------------------------------------------------

    def get_default_screen(self) -> Screen[Any]:
        return CockpitScreen(self.lang, str(self.store.path), partial(log_rows, self.store),
                             self.store.rehearsal, read_only=self.read_only)

    def on_load(self) -> None:
        """The first read, before the terminal changes mode: a file whose rows cannot be
        read is refused before anything is drawn. The cockpit takes the board as it
        mounts (it watches `board`), before its first layout."""
        self.reload(opening=True)

    def on_mount(self) -> None:
        if self.store.rehearsal:
            self.title = f"golive · {text(self.lang, 'mode.rehearsal')}"
        elif not is_wall_clock(self.store.clock):
            self.notify(text(self.lang, "note.real_file.view"), severity="warning", timeout=15)
        if self._keymap:
            self.set_keymap(self._keymap)
        if self._keymap_error:
            self.notify(text(self.lang, "note.keymap", path=str(config_path()),
                             why=self._keymap_error), severity="warning", timeout=10)
        self._checkpoint = self.board.current_checkpoint if self.board else None
        if self._unreadable:  # read before any screen existed: the red screen now
            self.show_not_intact(self._unreadable)
        self.set_interval(self.tick_seconds, self.tick)
        # the watch once the first frame is out: ctypes and inotify (≈ 8 ms) need not
        # delay it
        self.call_after_refresh(self.start_watch)
        if not self.as_of:  # a view of the past has no copy to speak of
            self.set_interval(COPY_SECONDS, self.poll_copy)

    def start_watch(self) -> None:
        """Linux: another process's commit is read as it lands, not at the next poll,
        which then only backs the watch up (a moved folder, a missed event). A commit
        that landed between the first read and the watch is looked for at once."""
        if self._watch is not None or not self.is_running:
            return
        self._watch = FileWatch.start(self.store.path, self.poll)
        poll = self.poll_seconds or (WATCHED_POLL if self._watch is not None else POLL)
        self.set_interval(poll, self.poll)
        self.poll()

    def on_unmount(self) -> None:
        if self._watch is not None:
            self._watch.stop()
            self._watch = None

    def on_key(self, event: events.Key) -> None:
        """A key typed before the dialog on top opened, in one go with the key that
        opened it ("Peter Lang" right after space), comes back here from the board it
        was routed to (keys are routed as they arrive, before the dialog existed): it
        is the dialog's, not lost (it arrived as "er Lang", or not at all)."""
        top = self.screen
        if isinstance(top, BoardScreen):
            return
        from golive.dialogs import FormDialog  # loaded with the first dialog

        if isinstance(top, FormDialog) and event.time < top.opened_at:
            event.prevent_default()
            event.stop()
            top.take_key(event)

    def on_resize(self, event: events.Resize) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, BoardScreen):
                fit_width(screen, event.size.width)

    @property
    def readable(self) -> bool:
        """Whether the file's state could be read the last time it was (else the red
        screen says why, and no board is drawn from it)."""
        return not self._unreadable

    @property
    def cockpit(self) -> CockpitScreen | None:
        return next((s for s in self.screen_stack if isinstance(s, CockpitScreen)), None)

    # --- reading ----------------------------------------------------------------------

    def reload(self, *, opening: bool = False) -> None:
        """Re-read state from disk and redraw: how another process's commit reaches the
        screen (this cockpit's own write: show_written). A file whose rows cannot be read
        when the cockpit opens is refused as the CLI refuses it: one line, exit code 2
        (there is no board to show, nothing to write)."""
        try:
            # version first: a commit landing between the two reads is then seen again by
            # the next poll instead of being missed
            self._data_version = self.store.data_version()
            if self.as_of:
                self.board = self._board_as_of(again=True)
            else:
                self._state, self._count, self._head = self.store.read()
                if self.follow_log:
                    last = next(self.store.events(self._count, 1), None)
                    if last is not None:
                        self.store.clock = FixedClock(last.instant)
        except StoreError as exc:
            # a damaged or tampered file: the red screen for as long as it lasts, and no
            # board from a state that could not be read (nothing can be written either)
            self._unreadable = say(exc, self.lang)
            self.show_not_intact(self._unreadable)  # it says why, in place of the board
            if opening and unreadable(exc):
                self.refusal = say(exc, self.lang)
                self.exit(return_code=2)
                return
            # a damaged or tampered file: say so once and for as long as it lasts, and draw
            # no board from a state that could not be read (nothing can be written either)
            message = say(exc, self.lang)
            if message != self._unreadable:
                self._unreadable = message
                self.notify(message, severity="error", timeout=3600)
            return
        self._unreadable = ""
        if not self._not_intact:
            self.hide_not_intact()
        self.redraw()

    def redraw(self) -> None:
        """The board at the clock's now, from the fold last read: screens watching `board`
        and `log_count` draw what changed."""
        if self._unreadable:
            return
        if self.as_of:
            try:
                self.board = self._board_as_of()
            except StoreError as exc:
                self._unreadable = say(exc, self.lang)
                self.notify(self._unreadable, severity="error", timeout=3600)
                return
        else:
            self.board = evaluate(self.store.plan, self._state, self.store.clock.now(),
                                  events=self._count, head=self._head)
        self.log_count = self._count  # a running --speed clock passes events too
        if not self.as_of:
            self.log_marks = len(self._state.corrections)

    def _board_as_of(self, *, again: bool = False) -> Board:
        """The board and the log's length at the clock's instant, as `a` shows them; read
        again only when the instant or (`again`) the file changed."""
        now = self.store.clock.now()
        if not again and self.board is not None and self.board.now == now:
            return self.board
        self._count = self.store.log_prefix_at(now)
        return self.store.board_at(now)

    def tick(self) -> None:
        self.redraw()
        current = self.board.current_checkpoint if self.board else None
        if current != self._checkpoint and current is not None and self.board is not None:
            m = next(m for m in self.board.milestones if m.id == current)
            self.notify(text(self.lang, "note.checkpoint", label=m.label), timeout=15)
            if self.bell_on_checkpoint:
                self.bell()
        self._checkpoint = current

    def poll(self) -> None:
        """Notice another process's commit; if the file cannot be read, say so once and
        keep showing the last board."""
        try:
            self.store.check_still_there()  # deleted or replaced: say so before a write
            version = self.store.data_version()
        except (sqlite3.Error, StoreError) as exc:
            if isinstance(exc, StoreError) and exc.key == "store.gone":
                self.file_gone()
                return
            if not self._poll_failed:
                self._poll_failed = True
                self.notify(self.say(exc) if isinstance(exc, StoreError) else
                            f"{self.store.path}: {exc}", severity="error", timeout=15)
            return
        self._poll_failed = False
        if version != self._data_version:
            self.reload()

    def poll_copy(self) -> None:
        """How fresh the copy off the node is. Once a copy runs (its status file lies
        beside the database) it is read in a thread (the status and the events the copy
        lacks): never on the UI thread, never blocking a key. Before that only
        config.toml's [replica] table decides ("off" or nothing), read again only when
        that file changed: a thread and a connection each second were a third of the
        idle cockpit's CPU."""
        from golive.data.log.replica_state import status_path

        if status_path(self.store.path.resolve()).exists():
            self.run_worker(self._read_copy, thread=True, exclusive=True, group="copy",
                            exit_on_error=False)
            return
        config = config_path()
        try:
            seen = config.stat()
            signature: tuple[int, ...] | None = (seen.st_ino, seen.st_size, seen.st_mtime_ns)
        except OSError:
            signature = None
        if signature != self._config_seen:
            self._config_seen = signature
            self._config_copy = self._copy_off(config) if signature is not None else None
        self.copy_state = self._config_copy

    def _copy_off(self, config: Path) -> tuple[str, bool] | None:
        """A copy set up in config.toml but never started ("off"), or none."""
        from golive.data.log.replica_state import configured, freshness, freshness_text
        from golive.data.time.instants import now

        fresh = freshness(None, None, now("UTC"), is_configured=configured(config))
        return None if fresh is None else (freshness_text(self.lang, fresh), fresh.alarming)

    def _read_copy(self) -> None:
        from golive.data.log.dbfile import connect
        from golive.data.log.replica_state import file_freshness, freshness_text
        from golive.data.plan.config import config_path
        from golive.data.time.instants import now

        path = self.store.path.resolve()
        conn = None if self.store.rehearsal else connect(path, read_only=self.store.read_only)
        try:
            fresh = file_freshness(path, conn, now("UTC"), config_path())
        except (sqlite3.Error, StoreError, ValueError):
            return  # the file's own poll says what is wrong with it
        finally:
            if conn is not None:
                conn.close()
        shown = None if fresh is None else (freshness_text(self.lang, fresh), fresh.alarming)
        self.call_from_thread(self.show_copy, shown)

    def show_copy(self, shown: tuple[str, bool] | None) -> None:
        self.copy_state = shown  # the header watches it

    def not_intact(self, message: str) -> None:
        """The whole chain failed its check: say so for good and write nothing more in
        this cockpit (a reader only walks what was added since its last proven head, so
        damage further back shows here first)."""
        self._not_intact = message
        self.show_not_intact(message)

    def show_not_intact(self, why: str) -> None:
        """The red screen instead of the board (app/not_intact.py), once."""
        from golive.not_intact import NotIntactScreen

        if not self.screen_stack:
            return  # still loading: on_mount shows it
        shown = next((s for s in self.screen_stack if isinstance(s, NotIntactScreen)), None)
        if shown is not None:
            shown.say_why(why)
            return
        while len(self.screen_stack) > 1 and not isinstance(self.screen, CockpitScreen):
            self.pop_screen()  # a dialog open on the board has nothing left to act on
        self.push_screen(NotIntactScreen(self.lang, str(self.store.path), why,
                                         rehearsal=self.store.rehearsal))

    def hide_not_intact(self) -> None:
        """The file reads whole again: back to the board. The red screen's module loads
        only when something other than the board is on top (every read calls this)."""
        if not self.screen_stack or isinstance(self.screen, BoardScreen):
            return
        from golive.not_intact import NotIntactScreen

        if isinstance(self.screen, NotIntactScreen):
            self.pop_screen()

    def file_gone(self) -> None:
        """The file was deleted or replaced under this cockpit, which can only go on reading
        the one it opened: say so once, for as long as it runs, and take no more writes
        (the keys that write answer as in a read-only view)."""
        if self._gone:
            return
        self._gone = self.read_only = True
        cockpit = self.cockpit
        if cockpit is not None:
            cockpit.read_only = True
            cockpit.refresh_bindings()  # the key line drops the keys that write
        self.say_gone()

    def say_gone(self) -> None:
        self.notify(text(self.lang, "note.file_gone", path=str(self.store.path)),
                    severity="error", timeout=3600)

    def jump_clock(self, direction: int) -> None:
        """A rehearsal's clock to the next (1) or the previous (-1) checkpoint, logged as a
        note written at the new instant, so the log says where its times jump. A real
        file's clock is the wall clock and never jumps."""
        from golive.data.changes.commands import Note
        from golive.data.time.clock import RehearsalClock

        clock = self.store.clock
        if not self.store.rehearsal or not isinstance(clock, RehearsalClock):
            self.notify(text(self.lang, "note.clock.rehearsal_only"), severity="warning",
                        timeout=6)
            return
        now = clock.now()
        # a checkpoint passed less than a real second ago is where the clock stands (at
        # --speed 60 a minute of the rehearsal's time is gone before a person presses the
        # next key): [ right after ] goes on to the one before it, never to the same one
        # again. ] never skips one not reached yet.
        points = [cp for cp in self.store.plan.checkpoints
                  if (cp.at > later(now, seconds=1) if direction > 0
                      else cp.at < later(now, seconds=-max(1.0, clock.speed)))]
        if not points:
            self.notify(text(self.lang, "note.clock.none"), timeout=4)
            return
        target = points[0] if direction > 0 else points[-1]
        clock.jump_to(target.at)
        said = self.write(Note(text(self.lang, "note.clock.jumped", label=target.label,
                                    at=day_hm_zone(target.at),
                                    was=day_hm_zone(in_zone(now, self.store.plan.timezone)))))
        if said is not None:  # not logged: the clock goes back to where it was
            clock.jump_to(now)
            return
        self.tick()

    def say(self, exc: BaseException) -> str:
        """An error for the screen: in the interface language, without the CLI's flag
        names ('Grund (--reason)' reads 'Grund' here)."""
        return CLI_FLAG.sub("", say(exc, self.lang))

    def item(self, item_id: str) -> ItemView | None:
        """The item as the board shows it now; None (calmly) before the first read."""
        return self.board.item(item_id) if self.board is not None else None

    # --- writing ----------------------------------------------------------------------

    def action_read_only(self) -> None:
        self.clear_notifications()  # one plain line, however often a key is pressed
        if self._gone:  # the reason stays on screen
            self.say_gone()
            return
        self.notify(text(self.lang, "note.readonly"), severity="warning", timeout=4)

    def write(self, command: Command, *, notify: bool = True) -> str | None:
        """Apply a command; on success redraw from disk, on failure say why (a dialog shows
        the reason itself, so it passes notify=False)."""
        if self.read_only:  # the one write path: nothing gets past it in a read-only view
            self.action_read_only()
            return text(self.lang, "note.readonly")
        if self._not_intact:
            message = text(self.lang, "note.refused", why=self._not_intact)
            if notify:
                self.notify(message, severity="error", timeout=8)
            return message
        try:
            event = self.store.apply(command, self.actor)
        except (Refused, StoreError) as exc:
            message = text(self.lang, "note.refused", why=self.say(exc))
            if notify:
                self.notify(message, severity="error", timeout=8)
            return message
        self.show_written(event)
        return None

    def show_written(self, event: Event) -> None:
        """After this cockpit's own write, committed: the board from the state its
        transaction proved and folded the event into (Store.written), not a second read of
        the whole state. Whatever only a read can tell (a signature, the log a follower's
        clock runs on, a file not readable before) is read again. `_data_version` stays as
        it was read, so another process's commit, before or after this one, is still read
        whole by the next poll."""
        written = (None if self.follow_log or self.as_of or self._unreadable
                   else self.store.written(event))
        if written is None:
            self.reload()
            return
        self._state, self._count, self._head = written
        self.redraw()

    def on_write_requested(self, message: WriteRequested) -> None:
        """A form asks for a write: the one write path, then the answer to the form (which
        shows a refusal itself, so no notification)."""
        message.stop()
        error = self.write(message.command, notify=False)
        message.reply_to.post_message(Written(error))

    def submitting(self, make: Callable[[FormResult], Command | None]) -> Callable[
            [FormResult], str | Command | None]:
        """A form callback: the command the form describes (the form asks for its write),
        or why it cannot be made (the form stays open and says it)."""
        def submit(result: FormResult) -> str | Command | None:
            try:
                return make(result)
            except (Refused, ClockError) as exc:
                return self.say(exc)
        return submit

    def dialog(self, title: str, **kwargs: Any) -> FormDialog:
        """A form in the interface language, which always says what Enter will do."""
        from golive.dialogs import FormDialog

        kwargs.setdefault("cancel_label", text(self.lang, "dialog.cancel"))
        return FormDialog(title, enter_hint=text(self.lang, "dialog.enter"),
                          next_hint=text(self.lang, "dialog.next"), **kwargs)

    # --- keys and the command palette -------------------------------------------------

    def action_command_palette(self) -> None:
        open_palette(self)

    def key_of(self, key: Key) -> str:
        """The key as the user presses it, remapped by the keymap: '?' and ']', not
        Textual's names question_mark and right_square_bracket."""
        from textual.keys import format_key

        keys = self._keymap.get(key.id, key.keys)
        return ",".join(format_key(one.strip()) for one in keys.split(","))

    def action_help_quit(self) -> None:
        """ctrl+c: Textual's reminder that it does not quit ("Press [b]q[/b] to quit the
        app", English, its markup shown literally here), in the interface language."""
        self.notify(text(self.lang, "note.quit", key=self.key_of(
            next(k for k in KEYS if k.id == "quit"))))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        return golive_commands(self, screen)


def make_app(store: Store, actor: str, *, lang: str | None = None,
             keymap: dict[str, str] | None = None, **kwargs: Any) -> GoliveApp:
    """The one factory for the cockpit: the CLI, tests and the screenshot script use it."""
    return GoliveApp(store, actor, lang=lang, keymap=keymap, **kwargs)


def settle_imports() -> None:
    """Keep the cyclic garbage collector off everything imported so far: modules, classes
    and parsed CSS live as long as the cockpit, and one full collection over them during
    the first paint cost 15-40 ms (bench/RESULTS.md). Only for a process that runs one
    cockpit (the CLI, the startup benchmark), not for tests that build many apps. The
    collector is on again afterwards, also if the caller turned it off for its imports
    (another ≈ 10 ms of collections while importing the cockpit)."""
    gc.freeze()
    gc.enable()


def run_cockpit(store: Store, actor: str, lang: str | None = None, *,
                read_only: bool = False, follow_log: bool = False) -> int:
    settle_imports()
    keymap_error = None
    shown_in = lang or store.plan.language
    try:
        keymap = load_keymap(lang=shown_in)
    except KeymapError as exc:
        keymap, keymap_error = {}, exc.text(shown_in)
    app = make_app(store, actor, lang=lang, keymap=keymap, keymap_error=keymap_error,
                   read_only=read_only, verify_after=VERIFY_AFTER, follow_log=follow_log)
    try:
        app.run()
    finally:
        store.close()
    if app.refusal:  # after the terminal is restored, where the CLI says its errors
        print(f"golive: {app.refusal}", file=sys.stderr)
    # Textual sets 1 when the app died of an unhandled exception: a crash never exits 0
    return app.return_code or 0

