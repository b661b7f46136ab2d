"""Headless Debian chromium driven through its DevTools protocol, for the browser-view tests.

Only the system's `chromium` is used (installed through apt-get when missing and possible),
never a downloaded browser build. The page's terminal draws on a canvas, so the text is
read from the terminal's own buffer: a script run before the page's own takes hold of the
xterm.js Terminal the moment textual-serve's page stores it.
"""

from __future__ import annotations

import base64
import contextlib
import itertools
import json
import os
import shutil
import subprocess
import time
import urllib.request
from pathlib import Path
from typing import Any

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run",
         "--window-size=1280,900", "--remote-debugging-port=0", "about:blank"]

# textual-serve's page does `this.terminal = new Terminal(...)`: catch that assignment
HOOK = """
Object.defineProperty(Object.prototype, "terminal", {
  configurable: true,
  set(value) {
    Object.defineProperty(this, "terminal", {value, writable: true, configurable: true});
    window.__term = value;
  },
});
"""
SCREEN_TEXT = """(() => {
  const t = window.__term; if (!t) return "";
  const b = t.buffer.active, rows = [];
  for (let i = 0; i < t.rows; i++) {
    const line = b.getLine(b.viewportY + i); rows.push(line ? line.translateToString(true) : "");
  }
  return rows.join("\\n");
})()"""


def find_chromium() -> str | None:
    """The system chromium; installs Debian's package when missing and apt-get is usable.
    None (with the reason left to the caller) when there is no way to get it."""
    if Path(CHROMIUM).exists():
        return CHROMIUM
    if shutil.which("apt-get") is None or os.geteuid() != 0:
        return None
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for step in (["apt-get", "update"], ["apt-get", "install", "-y", "chromium"]):
        if subprocess.run(step, env=env, capture_output=True, timeout=900).returncode != 0:
            return None
    return CHROMIUM if Path(CHROMIUM).exists() else None


def wait_for(what: str, probe: Any, timeout: float = 30.0, every: float = 0.1) -> Any:
    """Poll until probe() returns something true; a bound on waiting, not a timing claim."""
    deadline = time.monotonic() + timeout
    while True:
        value = probe()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(every)


class Browser:
    """One headless chromium with a fresh profile; `page()` is its first tab."""

    def __init__(self, binary: str, profile: Path) -> None:
        self.proc = subprocess.Popen([binary, *FLAGS, f"--user-data-dir={profile}"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port_file = profile / "DevToolsActivePort"
        wait_for("chromium's DevTools port", lambda: port_file.exists()
                 and port_file.read_text().strip())
        self.port = int(port_file.read_text().split()[0])

    def _targets(self) -> list[dict[str, Any]]:
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/json/list") as r:
            return list(json.load(r))

    def page(self) -> Page:
        target = wait_for("a page target", lambda: next(
            (t for t in self._targets() if t["type"] == "page"), None))
        return Page(target["webSocketDebuggerUrl"], target["id"], self.port)

    def new_page(self) -> Page:
        req = urllib.request.Request(f"http://127.0.0.1:{self.port}/json/new?about:blank",
                                     method="PUT")
        with urllib.request.urlopen(req) as r:
            target = json.load(r)
        return Page(target["webSocketDebuggerUrl"], target["id"], self.port)

    def close(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


class Page:
    def __init__(self, ws_url: str, target_id: str, port: int) -> None:
        from websockets.sync.client import connect

        self._stack = contextlib.ExitStack()
        self.ws = self._stack.enter_context(connect(ws_url, max_size=64 * 1024 * 1024))
        self.target_id = target_id
        self.port = port
        self._ids = itertools.count(1)
        self.send("Page.enable")
        self.send("Page.addScriptToEvaluateOnNewDocument", source=HOOK)

    def send(self, method: str, **params: Any) -> dict[str, Any]:
        call_id = next(self._ids)
        self.ws.send(json.dumps({"id": call_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv(timeout=60))
            if message.get("id") == call_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return dict(message.get("result", {}))

    def eval(self, expression: str) -> Any:
        result = self.send("Runtime.evaluate", expression=expression, returnByValue=True)
        return result.get("result", {}).get("value")

    def goto(self, url: str) -> None:
        self.send("Page.navigate", url=url)
        wait_for(f"{url} to load", lambda: self.eval(
            "location.href !== 'about:blank' && document.readyState === 'complete'"))

    def click(self, selector: str) -> None:
        """A real mouse click (pressed and released) in the middle of the element."""
        box = wait_for(f"{selector} to be visible", lambda: self.eval(
            f"(() => {{ const e = document.querySelector({json.dumps(selector)});"
            " if (!e) return null; const r = e.getBoundingClientRect();"
            " return r.width > 0 ? [r.x + r.width / 2, r.y + r.height / 2] : null; })()"))
        for kind in ("mousePressed", "mouseReleased"):
            self.send("Input.dispatchMouseEvent", type=kind, x=box[0], y=box[1],
                      button="left", clickCount=1)

    def press(self, key: str) -> None:
        """A key typed as a user would (one printable character)."""
        self.send("Input.dispatchKeyEvent", type="keyDown", key=key, text=key)
        self.send("Input.dispatchKeyEvent", type="keyUp", key=key)

    def screen_text(self) -> str:
        return str(self.eval(SCREEN_TEXT) or "")

    def screenshot(self, path: Path) -> Path:
        data = self.send("Page.captureScreenshot", format="png")["data"]
        path.write_bytes(base64.b64decode(data))
        return path

    def close_tab(self) -> None:
        urllib.request.urlopen(f"http://127.0.0.1:{self.port}/json/close/{self.target_id}"
                               ).close()
        self._stack.close()
