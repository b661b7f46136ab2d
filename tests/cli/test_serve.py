"""`golive serve`: a real server on a free loopback port, a headless chromium that clicks
Start as a user would, and the cockpit processes behind each tab, checked by pid."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import sqlite3
import struct
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from support.chromium_cdp import Browser, find_chromium, wait_for

NOW = "2026-03-06T09:00:00+01:00"
RELEASE = "rc-2026-03-01"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid and fields[0] != "Z":
                found.add(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def golive_cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def events(db: Path) -> int:
    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return int(conn.execute("SELECT COUNT(*) FROM events").fetchone()[0])
    finally:
        conn.close()


class Served:
    def __init__(self, db: Path, port: int) -> None:
        self.db, self.port = db, port
        self.url = f"http://127.0.0.1:{port}"
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "golive", "serve", "--db", str(db), "--port", str(port),
             "--now", NOW], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        wait_for("the server to answer", self._answers)

    def _answers(self) -> bool:
        assert self.proc.poll() is None, self.proc.stdout.read() if self.proc.stdout else ""
        try:
            with urllib.request.urlopen(self.url + "/", timeout=2) as r:
                return bool(r.status == 200)
        except OSError:
            return False

    def tab_processes(self) -> set[int]:
        return {p for p in children(self.proc.pid) if "golive watch" in golive_cmdline(p)}

    def stop(self, sig: int = signal.SIGINT) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


@pytest.fixture
def golive_file(tmp_path: Path, cli: Callable[..., object]) -> Path:
    assert cli("init", "--db", "g.sqlite", "--now", NOW).code == 0  # type: ignore[attr-defined]
    return tmp_path / "g.sqlite"


@pytest.fixture
def served(golive_file: Path) -> Iterator[Served]:
    server = Served(golive_file, free_port())
    yield server
    server.stop(signal.SIGKILL)


@pytest.fixture(scope="module")
def chromium() -> str:
    binary = find_chromium()
    if binary is None:
        pytest.skip("no /usr/bin/chromium and no way to install Debian's package "
                    "(apt-get missing, not root, or the package registry unreachable)")
    return binary


@pytest.mark.browser
@pytest.mark.slow
def test_browser_sees_the_live_board_read_only_and_tabs_end_their_cockpits(
        served: Served, chromium: str, tmp_path: Path,
        cli: Callable[..., object]) -> None:
    profile = tmp_path / "profile"
    profile.mkdir()
    browser = Browser(chromium, profile)
    try:
        page = browser.page()
        page.goto(served.url + "/?delay=1")  # the start page that wants a click
        title = page.eval("document.querySelector('.intro div').textContent")
        assert title == f"LifeTimeCircle {RELEASE}"  # the release, not the command line
        page.click("#start")
        screen = wait_for("the board in the page", lambda: (
            (text := page.screen_text()) and RELEASE in text and "NO-GO" in text and text))
        assert "NUR LESEN" in screen
        assert str(served.db.parent) not in screen  # the server's paths stay on the server
        shot = page.screenshot(tmp_path / "served.png")
        if os.environ.get("GOLIVE_SHOT_DIR"):
            shutil.copy(shot, Path(os.environ["GOLIVE_SHOT_DIR"]) / "served.png")
        tab = wait_for("the tab's cockpit process", served.tab_processes)
        assert len(tab) == 1

        # a note from a shell reaches the page
        started = time.monotonic()
        assert cli("note", "Hallo aus der Shell", "--db", str(served.db),  # type: ignore[attr-defined]
                   "--now", NOW).code == 0
        wait_for("the note in the page", lambda: "Hallo aus der Shell" in page.screen_text())
        print(f"note visible in the browser after {time.monotonic() - started:.2f} s")

        # the page offers no way to change anything
        count = events(served.db)
        page.click("#terminal")  # keys go where the user clicked
        for key in ("n", "g", "e", "s"):
            page.press(key)
        wait_for("the refusal", lambda: "Nur-Lesen-Ansicht" in page.screen_text())
        assert events(served.db) == count

        # a closed tab ends its cockpit
        page.close_tab()
        for pid in tab:
            wait_for(f"tab process {pid} to end", lambda pid=pid: not alive(pid))

        # Ctrl+C on the server ends the server and every tab's cockpit
        second = browser.new_page()
        second.goto(served.url + "/")
        wait_for("the board in a second tab", lambda: RELEASE in second.screen_text())
        tab = wait_for("the second tab's process", served.tab_processes)
        served.stop(signal.SIGINT)
        assert served.proc.returncode == 0  # ended by Ctrl+C itself, not killed by stop()
        for pid in tab:
            wait_for(f"tab process {pid} to end", lambda pid=pid: not alive(pid))
    finally:
        browser.close()


def test_a_dropped_connection_ends_its_cockpit(served: Served) -> None:
    from websockets.sync.client import connect

    with connect(f"ws://127.0.0.1:{served.port}/ws?width=100&height=30") as ws:
        wait_for("the app's first screen", lambda: isinstance(ws.recv(timeout=30), bytes))
        tab = wait_for("the tab's cockpit process", served.tab_processes)
        # the connection dies without a goodbye: a TCP reset, as when a laptop drops off
        ws.socket.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        ws.socket.close()
    for pid in tab:
        wait_for(f"tab process {pid} to end", lambda pid=pid: not alive(pid))
    assert served.proc.poll() is None  # the server itself carries on


def test_a_killed_server_leaves_no_cockpit_behind(served: Served) -> None:
    from websockets.sync.client import connect

    with connect(f"ws://127.0.0.1:{served.port}/ws?width=100&height=30") as ws:
        wait_for("the app's first screen", lambda: isinstance(ws.recv(timeout=30), bytes))
        tab = wait_for("the tab's cockpit process", served.tab_processes)
        served.stop(signal.SIGKILL)  # no clean-up code runs in the server at all
        for pid in tab:
            wait_for(f"tab process {pid} to end", lambda pid=pid: not alive(pid))


@pytest.mark.parametrize("host", ["0.0.0.0", "192.0.2.1", "example.org"])
def test_a_public_host_needs_public(host: str, golive_file: Path,
                                    cli: Callable[..., object]) -> None:
    result = cli("serve", "--db", str(golive_file), "--host", host)
    assert result.code == 2  # type: ignore[attr-defined]
    assert "--public" in result.err and "keine Anmeldung" in result.err  # type: ignore[attr-defined]
    assert result.err.count("\n") == 1  # type: ignore[attr-defined]


def test_a_taken_port_is_one_line(golive_file: Path, cli: Callable[..., object]) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = str(taken.getsockname()[1])
        result = cli("serve", "--db", str(golive_file), "--port", port)
    assert result.code == 2  # type: ignore[attr-defined]
    assert result.out == ""  # type: ignore[attr-defined]  # never said "serving"
    assert result.err.startswith(f"golive: 127.0.0.1:{port}: ")  # type: ignore[attr-defined]
    assert result.err.count("\n") == 1  # type: ignore[attr-defined]


def test_public_warns_that_there_is_no_authentication(
        golive_file: Path, cli: Callable[..., object]) -> None:
    # 192.0.2.1 (TEST-NET) is no address of this host: the warning comes, then the refusal
    result = cli("serve", "--db", str(golive_file), "--host", "192.0.2.1", "--public")
    lines = result.err.splitlines()  # type: ignore[attr-defined]
    assert lines[0] == ("golive: WARNUNG: http://192.0.2.1:8000 hat keine Anmeldung; wer es "
                        "erreicht, sieht das Board (SSH-Tunnel oder einen Proxy mit Anmeldung "
                        "davorsetzen)")
    assert result.code == 2 and len(lines) == 2  # type: ignore[attr-defined]


class Terminal:
    """What a tab's websocket has drawn so far, as text (escape sequences dropped)."""

    ESCAPES = re.compile(rb"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[@-_])")

    def __init__(self, ws: Any) -> None:
        self.ws, self.seen = ws, b""

    def text(self) -> str:
        try:
            while True:
                message = self.ws.recv(timeout=0.2)
                if isinstance(message, bytes):
                    self.seen += message
        except TimeoutError:
            pass
        return self.ESCAPES.sub(b"", self.seen).decode("utf-8", "replace")


def test_a_page_of_another_origin_gets_no_board(served: Served) -> None:
    from websockets.exceptions import InvalidStatus
    from websockets.sync.client import connect
    from websockets.typing import Origin

    url = f"ws://127.0.0.1:{served.port}/ws?width=100&height=30"
    for foreign in ("http://evil.example.com", f"http://evil.example.com:{served.port}",
                    f"https://127.0.0.1:{served.port}", "null"):
        with pytest.raises(InvalidStatus) as refused:
            connect(url, origin=Origin(foreign), open_timeout=10).close()
        assert refused.value.response.status_code == 403, foreign
        assert refused.value.response.body == (
            f"golive: verweigert: diese Seite stammt nicht von {served.url} (die "
            "Board-Ansicht öffnet nur ihre eigene Seite)\n").encode()
    assert not served.tab_processes()  # no cockpit was started for them

    for own in (served.url, f"http://localhost:{served.port}"):
        with connect(url, origin=Origin(own)) as ws:
            wait_for("the board", lambda ws=ws: RELEASE in Terminal(ws).text())


def test_x_in_a_browser_tab_writes_nothing_on_the_server(served: Served) -> None:
    from websockets.sync.client import connect
    from websockets.typing import Origin

    def files() -> list[str]:
        return sorted(str(p) for p in served.db.parent.rglob("*"))

    url = f"ws://127.0.0.1:{served.port}/ws?width=120&height=40"
    with connect(url, origin=Origin(served.url)) as ws:
        screen = Terminal(ws)
        wait_for("the board", lambda: RELEASE in screen.text())
        before = files()  # with the tab's -wal/-shm, if its reader made them
        ws.send(json.dumps(["stdin", "x"]))
        shown = wait_for("the answer to x", lambda: (
            (t := screen.text()) and ("Exporte entstehen" in t or "Export geschrieben" in t)
            and t))
        assert "Export geschrieben" not in shown
        assert files() == before
