"""`golive serve` says only golive's lines (issue 20, words): textual-serve and aiohttp
logged English access lines ("INFO 127.0.0.1 … GET /ws HTTP/1.1 101") under the German
plan. A real server on a free port, tabs opened with a WebSocket client."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

NOW = "2026-03-06T09:00:00+01:00"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until(what: str, check: Callable[[], bool], seconds: float = 30) -> None:
    end = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < end, f"waited for {what}"
        time.sleep(0.1)


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as r:
            return bool(r.status == 200)
    except OSError:
        return False


def test_serve_speaks_german_lines_only(tmp_path: Path, cli: Callable[..., object]) -> None:
    from websockets.sync.client import connect

    assert cli("init", "--db", "g.sqlite", "--now", NOW).code == 0  # type: ignore[attr-defined]
    db, port = tmp_path / "g.sqlite", free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "golive", "serve", "--db", str(db), "--port", str(port),
         "--now", NOW], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "LANG": "C.UTF-8", "LC_ALL": ""})
    try:
        wait_until("the server", lambda: answers(f"http://127.0.0.1:{port}/"))
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as r:
            page = r.read().decode("utf-8")
        assert ">Starten</button>" in page and ">Sitzung beendet.</div>" in page
        assert ">Neu starten</button>" in page
        assert not re.search(r">(Start|Session ended\.|Restart)<", page)
        url = f"ws://127.0.0.1:{port}/ws?width=100&height=30"
        with connect(url) as ws:
            ws.recv(timeout=30)  # the tab's first screen
        shutil.move(db, tmp_path / "away.sqlite")  # the next tab's cockpit cannot start
        with connect(url) as ws:
            try:
                ws.recv(timeout=5)
            except TimeoutError:
                pass
    finally:
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=30)
    lines = [line for line in (out + err).splitlines() if line.strip()]
    assert "golive: Tab geöffnet von 127.0.0.1 (1 offen)" in out
    assert "golive: Tab geschlossen (0 offen)" in out
    assert "golive: ein Tab konnte sein Cockpit nicht starten:" in out
    assert "golive: g.sqlite: keine golive-Datei" in out  # the tab's own line
    assert all(line.startswith("golive: ") for line in lines), lines
    assert not any(w in out + err for w in ("INFO", "GET /", "Serving", "Ctrl+C to quit"))
