"""Status updates: composed from the board, posted through Apprise to a real HTTP server on
127.0.0.1, recorded in the log by channel name; the URL never reaches the file or an export."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from textual.widgets import Button, TextArea

from golive import announcing
from golive.cockpit import GoliveApp, make_app
from golive.data.log.store import Store
from golive.data.outputs import announce
from golive.data.outputs.export import write_export
from golive.dialogs import FormDialog

from support.pilot import open_cockpit
from support.scenarios import build

SECRET = "t0ps3cr3t-webhook-token"


class Hook:
    """A webhook on 127.0.0.1: /ok takes a post, /fail answers 500, /slow never answers
    before the test ends."""

    def __init__(self) -> None:
        self.posts: list[tuple[str, dict[str, object]]] = []
        self.release = threading.Event()
        hook = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (the stdlib's name)
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                hook.posts.append((self.path, json.loads(body)))
                if self.path.startswith("/slow"):
                    hook.release.wait(60)
                self.send_response(500 if self.path.startswith("/fail") else 200)
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def url(self, path: str) -> str:
        return f"json://127.0.0.1:{self.port}/{path}/{SECRET}"

    def close(self) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def hook() -> Iterator[Hook]:
    h = Hook()
    yield h
    h.close()


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Path]:
    """Write config.toml (keymap and channels side by side) under a private XDG dir."""
    home = tmp_path / "xdg"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home))

    def write(channels: dict[str, str], mode: int = 0o600, rehearsal: tuple[str, ...] = ()
              ) -> Path:
        """Channels named in `rehearsal` are marked as channels for rehearsals."""
        path = home / "golive" / "config.toml"
        path.parent.mkdir(parents=True, exist_ok=True)
        lines = ["[keymap]", 'decide = "g"', "", "[channels]"]
        lines += [f'{name} = {{ url = "{url}", rehearsal = true }}' if name in rehearsal
                  else f'{name} = "{url}"' for name, url in channels.items()]
        path.write_text("\n".join(lines) + "\n")
        path.chmod(mode)
        return path

    return write


@pytest.fixture
def t_minus_1h(tmp_path: Path) -> Iterator[Store]:
    store = build("t-1h", tmp_path / "golive.sqlite")
    yield store
    store.close()


def notes(app: GoliveApp) -> list[str]:
    """The notifications' words; the scenario files are rehearsals, whose every
    notification starts with the PROBE mark (tested in test_rehearsal)."""
    return [str(n.message).removeprefix("PROBE · ") for n in app._notifications]


def on_disk(store: Store) -> bytes:
    return b"".join(p.read_bytes() for p in store.path.parent.glob(store.path.name + "*"))


def test_the_update_reads_like_the_board_in_german(t_minus_1h: Store) -> None:
    body = announce.compose(t_minus_1h.board())
    lines = body.splitlines()
    assert lines[0] == "Status LifeTimeCircle rc-2026-03-01 · T-01:00:00 (06.03. 09:00 CET)"
    assert announce.compose(t_minus_1h.board(), rehearsal=True).splitlines()[0] == (
        "PROBE · " + lines[0])
    assert lines[1] == "NO-GO: 10 Blocker"
    assert lines[2] == "Freigaben 2/6 · Gates 3/6"
    assert "• DevOps: Freigabe ausstehend" in lines
    assert "… und 2 weitere Blocker" in lines
    assert lines[-4:-1] == ["Entscheidung: noch keine", "Zeitfenster: ab T-1h",
                            "Nächster Checkpoint: T-0 (06.03. 10:00 CET)"]
    # the last line is an anchor: the head, and how to check a file still holds it
    head = t_minus_1h.head()[:16]
    assert lines[-1] == f"Log-Kopf {head} (prüfbar mit golive verify --anchor {head})"


async def send_with_u(app: GoliveApp, extra: str = "") -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("u")
        await pilot.pause()
        assert isinstance(app.screen, announcing.AnnounceDialog)
        area = app.screen.query_one(TextArea)
        assert "NO-GO: 10 Blocker" in area.text
        if extra:
            area.move_cursor(area.document.end)
            area.insert(extra)
        app.screen.query_one("#send-0", Button).press()
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()


async def test_u_posts_the_edited_update_and_the_log_says_so(
        t_minus_1h: Store, hook: Hook, config: Callable[..., Path]) -> None:
    config({"status": hook.url("ok")}, rehearsal=("status",))  # the file is a rehearsal
    before = t_minus_1h.event_count()
    app = make_app(t_minus_1h, "rm")
    await send_with_u(app, "\nNächster Call 09:30 [Status-Kanal]")
    assert len(hook.posts) == 1
    path, body = hook.posts[0]
    assert path == f"/ok/{SECRET}"
    message = str(body["message"])
    assert message.startswith("PROBE · Status LifeTimeCircle rc-2026-03-01 · T-01:00:00")
    assert message.endswith("Nächster Call 09:30 [Status-Kanal]")
    assert body["title"] == "PROBE · LifeTimeCircle rc-2026-03-01: NO-GO"
    event = list(t_minus_1h.events(before + 1))
    assert [(e.kind, e.target, e.payload["sent"]) for e in event] == [
        ("announce", "status", True)]
    assert event[0].payload["text"] == message
    assert "Statusmeldung an status gesendet" in notes(app)
    # the secret is in neither the file nor an export
    export = write_export(t_minus_1h)
    for blob in (on_disk(t_minus_1h), export.read_bytes()):
        assert SECRET.encode() not in blob
        assert f"127.0.0.1:{hook.port}".encode() not in blob
    assert "Statusmeldung an status gesendet" in export.read_text()
    assert t_minus_1h.verify().ok


@pytest.mark.parametrize("path, reason, words", [
    ("fail", "http-500", "HTTP-Status 500"),
    ("slow", "timeout", "Zeitüberschreitung"),
])
async def test_a_failed_post_is_one_line_and_recorded_as_not_sent(
        t_minus_1h: Store, hook: Hook, config: Callable[..., Path],
        monkeypatch: pytest.MonkeyPatch, path: str, reason: str, words: str) -> None:
    monkeypatch.setattr(announce, "TIMEOUT_SECONDS", 0.5)
    config({"status": hook.url(path)}, rehearsal=("status",))
    before = t_minus_1h.event_count()
    app = make_app(t_minus_1h, "rm")
    await send_with_u(app)
    event = list(t_minus_1h.events(before + 1))
    assert [(e.kind, e.payload["sent"], e.payload["reason"]) for e in event] == [
        ("announce", False, reason)]
    failed = [n for n in notes(app) if n.startswith("Statusmeldung an status nicht")]
    assert failed == [f"Statusmeldung an status nicht gesendet: {words}"]
    assert SECRET.encode() not in on_disk(t_minus_1h)


async def u_without_dialog(store: Store) -> GoliveApp:
    """Press u where no dialog may open; the app, closed, for its notifications."""
    async with open_cockpit(store, "rm") as (app, pilot):
        await pilot.press("u")
        await pilot.pause()
        assert not isinstance(app.screen, announcing.AnnounceDialog)
    return app


def clipboard(monkeypatch: pytest.MonkeyPatch, reachable: bool) -> list[str]:
    """The node's clipboard tool as pyperclip finds it: there and taking the text, or
    missing (as on a server without xclip)."""
    import pyperclip

    copied: list[str] = []

    def copy(value: str) -> None:
        if not reachable:
            raise pyperclip.PyperclipException("no copy/paste mechanism")
        copied.append(value)

    monkeypatch.setattr(pyperclip, "copy", copy)
    return copied


async def test_without_a_channel_u_copies_the_text_and_writes_nothing(
        t_minus_1h: Store, config: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    copied = clipboard(monkeypatch, reachable=True)
    before = t_minus_1h.event_count()
    app = await u_without_dialog(t_minus_1h)
    assert app.clipboard.startswith("PROBE · Status LifeTimeCircle rc-2026-03-01")
    assert copied and copied[0].startswith("PROBE · Status LifeTimeCircle rc-2026-03-01")
    assert any("in die Zwischenablage kopiert" in n for n in notes(app))
    assert t_minus_1h.event_count() == before


async def test_u_says_so_when_the_clipboard_was_not_reached(
        t_minus_1h: Store, config: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """As `c` does: no "copied" where no clipboard took the text."""
    clipboard(monkeypatch, reachable=False)
    before = t_minus_1h.event_count()
    app = await u_without_dialog(t_minus_1h)
    said = notes(app)
    assert not any("kopiert" in n for n in said), said
    assert any("Zwischenablage ist nicht erreichbar" in n and "golive announce" in n
               for n in said), said
    assert t_minus_1h.event_count() == before


async def test_the_update_editor_starts_with_the_cursor_after_the_text(
        t_minus_1h: Store, hook: Hook, config: Callable[..., Path]) -> None:
    """A line typed at once is a line of its own after the update: not glued in front of
    the first line (the cursor was at the top), nor onto the end of the last one."""
    config({"status": hook.url("ok")})
    async with open_cockpit(t_minus_1h, "rm") as (app, pilot):
        await pilot.press("u")
        await pilot.pause()
        area = app.screen.query_one(TextArea)
        body = area.text.rstrip("\n")
        await pilot.press(*"Call 09:30")
        await pilot.pause()
        assert area.text == body + "\nCall 09:30"


async def test_a_config_others_can_read_is_refused(
        t_minus_1h: Store, hook: Hook, config: Callable[..., Path]) -> None:
    path = config({"status": hook.url("ok")}, mode=0o644)
    before = t_minus_1h.event_count()
    app = await u_without_dialog(t_minus_1h)
    assert notes(app) == [f"{path}: enthält Kanal-URLs, hat aber die Rechte 0644; nur mit "
                          f"0600 nutzbar (chmod 600 {path})"]
    assert SECRET not in notes(app)[0]
    assert hook.posts == [] and t_minus_1h.event_count() == before


def test_announce_from_a_shell(t_minus_1h: Store, hook: Hook, cli: Callable[..., object],
                               config: Callable[..., Path], tmp_path: Path) -> None:
    db = str(t_minus_1h.path)
    env = {"XDG_CONFIG_HOME": str(tmp_path / "xdg")}
    shown = cli("announce", "--db", db, "--now", "2026-03-06T09:00:00", env=env)
    assert shown.code == 0 and "NO-GO: 10 Blocker" in shown.out  # type: ignore[attr-defined]
    assert shown.out.startswith("PROBE · Status LifeTimeCircle")  # type: ignore[attr-defined]
    before = t_minus_1h.event_count()
    assert before == 14  # printing the update wrote nothing
    config({"status": hook.url("ok"), "fallback": hook.url("fail"),
            "offline": "json://127.0.0.1:9/x"}, rehearsal=("status", "fallback", "offline"))
    sent = cli("announce", "--db", db, "--send", "--channel", "status", "--as", "rm", env=env)
    assert (sent.code, sent.out) == (0, "Statusmeldung an status gesendet\n")  # type: ignore[attr-defined]
    failed = cli("announce", "--db", db, "--send", "--channel", "fallback", env=env)
    assert (failed.code, failed.err) == (  # type: ignore[attr-defined]
        1, "Statusmeldung an fallback nicht gesendet: HTTP-Status 500\n")
    offline = cli("announce", "--db", db, "--send", "--channel", "offline", env=env)
    assert offline.code == 1 and "nicht erreichbar" in offline.err  # type: ignore[attr-defined]
    which = cli("announce", "--db", db, "--send", env=env)
    assert which.code == 2 and "--channel" in which.err  # type: ignore[attr-defined]
    kinds = [(e.target, e.payload["sent"]) for e in t_minus_1h.events(before + 1)]
    assert kinds == [("status", True), ("fallback", False), ("offline", False)]
    assert SECRET.encode() not in on_disk(t_minus_1h)


def test_no_post_from_a_real_file_on_another_clock(hook: Hook, cli: Callable[..., object],
                                                  config: Callable[..., Path],
                                                  tmp_path: Path) -> None:
    """A real file refuses to log a post made with --now: so it is not posted either
    (issue 21 J1: an update of the past board went out, and the log had no word of it)."""
    db = str(tmp_path / "real.sqlite")
    env = {"XDG_CONFIG_HOME": str(tmp_path / "xdg")}
    assert cli("init", "--db", db).code == 0  # type: ignore[attr-defined]
    config({"status": hook.url("ok")})
    sent = cli("announce", "--db", db, "--send", "--now", "2026-03-06T09:00:00", env=env)
    assert sent.code == 2 and "echte Go-Live-Datei" in sent.err  # type: ignore[attr-defined]
    assert hook.posts == []


async def test_the_update_dialog_survives_resizing(t_minus_1h: Store, hook: Hook,
                                                   config: Callable[..., Path]) -> None:
    config({"status": hook.url("ok"), "backup": hook.url("ok")})
    async with open_cockpit(t_minus_1h, "rm") as (app, pilot):
        await pilot.press("u")
        await pilot.pause()
        body = app.screen.query_one(TextArea).text
        for size in [(80, 24), (200, 60), (60, 20), (61, 21), (120, 40)]:
            await pilot.resize_terminal(*size)
            await pilot.pause()
            assert isinstance(app.screen, announcing.AnnounceDialog)
            assert app.screen.query_one(TextArea).text == body
        assert [b.id for b in app.screen.query(Button)] == ["send-0", "send-1", "cancel"]
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, announcing.AnnounceDialog)
    assert hook.posts == []


async def test_an_update_too_long_for_the_log_is_not_posted(
        t_minus_1h: Store, hook: Hook, config: Callable[..., Path]) -> None:
    config({"status": hook.url("ok")})
    before = t_minus_1h.event_count()
    async with open_cockpit(t_minus_1h, "rm") as (app, pilot):
        await pilot.press("u")
        await pilot.pause()
        app.screen.query_one(TextArea).text = "x" * 2001
        app.screen.query_one("#send-0", Button).press()
        await pilot.pause()
        assert isinstance(app.screen, announcing.AnnounceDialog)  # stays, says why
        # what would be posted: the 2001 characters and the PROBE mark in front
        assert "2009 Zeichen" in str(app.screen.query_one("#dialog-error").render())
    assert hook.posts == [] and t_minus_1h.event_count() == before


# --- a rehearsal never reaches a channel looking real (issue 20) -----------------------


async def test_u_on_a_rehearsal_asks_before_a_real_channel_and_marks_the_post(
        t_minus_1h: Store, hook: Hook, config: Callable[..., Path]) -> None:
    """A channel not marked for rehearsals gets the update only after a second question
    that names it; whatever was typed over the first line, what arrives says PROBE."""
    config({"status": hook.url("ok")})
    before = t_minus_1h.event_count()
    app = make_app(t_minus_1h, "rm")
    async with app.run_test(size=(120, 40)) as pilot:
        for confirm in (False, True):
            await pilot.press("u")
            await pilot.pause()
            assert isinstance(app.screen, announcing.AnnounceDialog)
            app.screen.query_one(TextArea).text = "Alles im Plan, Deploy um 10:00"
            app.screen.query_one("#send-0", Button).press()
            await pilot.pause()
            assert isinstance(app.screen, FormDialog)  # the question, naming the channel
            assert str(app.screen.query_one("#dialog-title").render()) == (
                "PROBE an status senden?")
            assert app.screen.focused is app.screen.query_one("#action-cancel")
            if confirm:
                app.screen.query_one("#action-send", Button).press()
            else:
                await pilot.press("enter")  # Enter stays on the safe side
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert not isinstance(app.screen, FormDialog)
            if not confirm:
                assert hook.posts == [] and t_minus_1h.event_count() == before
    [(_, body)] = hook.posts
    assert body["title"] == "PROBE · LifeTimeCircle rc-2026-03-01: NO-GO"
    assert body["message"] == "PROBE · Alles im Plan, Deploy um 10:00"
    [event] = list(t_minus_1h.events(before + 1))
    assert (event.target, event.payload["text"]) == ("status", body["message"])


def test_announce_send_from_a_rehearsal_needs_yes_for_a_real_channel(
        t_minus_1h: Store, hook: Hook, cli: Callable[..., object],
        config: Callable[..., Path], tmp_path: Path) -> None:
    db = str(t_minus_1h.path)
    env = {"XDG_CONFIG_HOME": str(tmp_path / "xdg")}
    config({"status": hook.url("ok")})
    text = tmp_path / "update.txt"
    text.write_text("Deploy startet pünktlich\n")
    before = t_minus_1h.event_count()
    refused = cli("announce", "--db", db, "--send", "--text", str(text), env=env)
    assert refused.code == 2  # type: ignore[attr-defined]
    assert refused.err == (  # type: ignore[attr-defined]
        "golive: Dies ist eine PROBE und status ist kein Probe-Kanal: senden nur mit --yes "
        "(die Meldung trägt PROBE), oder einen Probe-Kanal einrichten ([channels] probe = "
        '{ url = "…", rehearsal = true })\n')
    assert hook.posts == [] and t_minus_1h.event_count() == before
    sent = cli("announce", "--db", db, "--send", "--text", str(text), "--yes", env=env)
    assert sent.code == 0, sent.err  # type: ignore[attr-defined]
    [(_, body)] = hook.posts
    assert body["title"] == "PROBE · LifeTimeCircle rc-2026-03-01: NO-GO"
    assert str(body["message"]).splitlines()[0] == "PROBE · Deploy startet pünktlich"


def test_a_real_file_posts_without_probe_or_question(
        hook: Hook, cli: Callable[..., object], config: Callable[..., Path],
        tmp_path: Path) -> None:
    env = {"XDG_CONFIG_HOME": str(tmp_path / "xdg")}
    config({"status": hook.url("ok")})
    db = str(tmp_path / "real.sqlite")
    assert cli("init", "--db", db, env=env).code == 0  # type: ignore[attr-defined]
    sent = cli("announce", "--db", db, "--send", env=env)
    assert sent.code == 0, sent.err  # type: ignore[attr-defined]
    [(_, body)] = hook.posts
    assert str(body["title"]).startswith("LifeTimeCircle rc-2026-03-01: ")
    assert "PROBE" not in str(body["title"]) + str(body["message"])
