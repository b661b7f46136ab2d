"""Keys typed in one go with the key that opens a dialog reach the dialog, all of them.

A terminal hands golive a burst (a paste, fast typing, tmux send-keys) in one read: the
app routes every key as it arrives, so the keys behind `space` went to the board before
the dialog existed, and were lost ("Peter Lang" arrived as "er Lang", or as nothing).
`burst` posts the keys as such a read does; Pilot's `press` waits for the app between
keys and is kept beside it.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
from textual import events
from textual.app import App
from textual.widgets import Input

from golive.cockpit import GoliveApp
from golive.data.changes.commands import Decide
from golive.data.log.store import Store
from golive.dialogs import FormDialog

from support.pilot import open_cockpit

os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")

CHARACTERS = {"space": " ", "enter": "\r", "tab": "\t", "escape": "\x1b"}


def keys(text: str) -> list[str]:
    return ["space" if ch == " " else ch for ch in text]


def burst(app: App[None], *names: str) -> None:
    """Every key in the app's queue at once, as one read from the terminal delivers them."""
    for name in names:
        app.post_message(events.Key(name, CHARACTERS.get(name, name)))


async def send(app: GoliveApp, pilot, how: str, *names: str) -> None:  # type: ignore[no-untyped-def]
    if how == "burst":
        burst(app, *names)
    else:
        await pilot.press(*names)
    for _ in range(5):
        await pilot.pause()


def fields(app: GoliveApp) -> list[str]:
    return [i.value for i in app.screen.query(Input)]


HOW = pytest.mark.parametrize("how", ["burst", "press"])


@HOW
async def test_space_and_a_name_in_one_go_approve_in_that_name(store: Store, how: str) -> None:
    async with open_cockpit(store, "rm") as (app, pilot):
        await send(app, pilot, how, "space", *keys("Peter Lang"))
        assert isinstance(app.screen, FormDialog) and fields(app) == ["Peter Lang"]
        await send(app, pilot, how, "enter")
    item = store.board().item("approval.business")
    assert item is not None and (item.state, item.by) == ("approved", "Peter Lang")


@HOW
async def test_space_a_name_and_enter_in_one_go(store: Store, how: str) -> None:
    async with open_cockpit(store, "rm") as (app, pilot):
        await send(app, pilot, how, "space", *keys("Peter Lang"), "enter")
    item = store.board().item("approval.business")
    assert item is not None and (item.state, item.by) == ("approved", "Peter Lang")
    assert store.event_count() == 2


@HOW
async def test_g_a_name_enter_and_a_reason_fill_both_fields(store: Store, how: str) -> None:
    async with open_cockpit(store, "rm") as (app, pilot):
        await send(app, pilot, how, "g", *keys("Ruth Decker"), "enter", *keys("alles offen"))
        assert isinstance(app.screen, FormDialog)
        assert fields(app) == ["Ruth Decker", "alles offen"]
    assert store.event_count() == 1


@HOW
async def test_n_and_a_note_in_one_go_keep_every_letter(store: Store, how: str) -> None:
    async with open_cockpit(store, "rm") as (app, pilot):
        await send(app, pilot, how, "n", *keys("Statuscall 08:55"), "enter")
    last = list(store.events())[-1]
    assert (last.kind, last.payload["text"]) == ("note", "Statuscall 08:55")


async def test_a_burst_replaces_a_name_offered_selected_as_typing_would(store: Store) -> None:
    """The decider's field holds the last decider, selected: keys typed right behind `g`
    replace it, as they do when typed after the dialog opened."""
    store.apply(Decide("no-go", "Ruth Decker", "Pen-Test offen"), "rm")
    async with open_cockpit(store, "rm") as (app, pilot):
        await send(app, pilot, "burst", "g", *keys("Ina Brandt"))
        assert fields(app) == ["Ina Brandt", ""]


# --- the real binary in a real terminal ----------------------------------------------------


def _tmux(socket: str) -> Callable[..., str]:
    def run(*args: str) -> str:
        return subprocess.run(["tmux", "-L", socket, *args], capture_output=True, text=True,
                              timeout=10).stdout
    return run


def _wait(condition: Callable[[], bool], seconds: float = 20.0) -> bool:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


def _events(db: Path) -> list[tuple[str, str, str]]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return list(conn.execute("SELECT kind, target, payload FROM events ORDER BY seq"))
    finally:
        conn.close()


@pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux")
def test_tmux_send_keys_of_the_whole_string_at_once(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    """`tmux send-keys " Peter Lang"` writes the whole string in one go, as a paste does."""
    db = tmp_path / "g.sqlite"
    assert cli("init", "--db", str(db), "--now", "2026-03-05T10:00", "--as", "rm").code == 0
    socket = f"golive-test-{uuid.uuid4().hex[:8]}"  # a server of its own, not the user's
    tmux = _tmux(socket)
    command = (f"cd {tmp_path} && {sys.executable} -m golive --db {db} --as rm "
               f"--now 2026-03-05T10:00; sleep 5")
    env = {**os.environ, "TERM": "xterm-256color"}
    subprocess.run(["tmux", "-L", socket, "-f", "/dev/null", "new-session", "-d", "-x", "120",
                    "-y", "40", command], check=True, env=env, timeout=10)
    try:
        assert _wait(lambda: "Freigaben" in tmux("capture-pane", "-p")), tmux("capture-pane", "-p")
        tmux("send-keys", " Peter Lang")
        assert _wait(lambda: "Peter Lang" in tmux("capture-pane", "-p")), \
            tmux("capture-pane", "-p")
        tmux("send-keys", "Enter")
        assert _wait(lambda: len(_events(db)) == 2), _events(db)
        tmux("send-keys", "nHallo Welt, alles gut", "Enter")
        assert _wait(lambda: len(_events(db)) == 3), _events(db)
    finally:
        tmux("kill-server")
    (_, _, _), (kind, target, approved), (note, _, said) = _events(db)
    assert (kind, target) == ("approve", "approval.business") and '"Peter Lang"' in approved
    assert note == "note" and '"Hallo Welt, alles gut"' in said
