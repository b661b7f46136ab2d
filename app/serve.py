"""`golive serve`: the read-only cockpit in a browser, through textual-serve.

Each browser tab gets its own `golive watch` process on the same file, so a tab can change
nothing and sees what every other cockpit sees. textual-serve has no authentication:
loopback by default, anything else only with --public (and a warning). Its start page would
show the full command line; it shows the release instead. A tab's process ends with its
connection (see golive.served), so nothing is left running after a tab, a connection or the
server goes.

textual-serve does not check where a WebSocket comes from, so any web page a visitor has
open could stream the board (phones unmasked) from a server on their loopback. The
connection is refused (403, before any cockpit starts) when the browser's Origin is not the
page this server serves. A client without an Origin (websocat, a script) is let in: only
browsers send one, and they always do, so refusing it would stop no attack, only tools.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import shlex
import socket
import sys
from pathlib import Path
from typing import Any

from golive.data.texts.catalogue import Said, text
from golive.data.texts.user_text import one_line

LOOPBACK_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost"}


class ServeError(Said):
    """A bad --host/--port combination, or one this host cannot listen on."""


def is_loopback(host: str) -> bool:
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_address(host: str, port: int, public: bool) -> None:
    if not 0 < port < 65536:
        raise ServeError("serve.port", port=port)
    if not public and not is_loopback(host):
        raise ServeError("serve.public", host=host)


Origin = tuple[str, str, int]  # scheme, host, port


def origin_of(url: str) -> Origin | None:
    from yarl import URL  # aiohttp's, loaded with the server

    try:
        parsed = URL(url)
    except ValueError:
        return None
    if not parsed.absolute or parsed.host is None or parsed.port is None:
        return None  # "null" (a sandboxed or file:// page), or no URL at all
    return parsed.scheme.lower(), parsed.host.lower().strip("[]"), parsed.port


def page_origins(host: str, port: int, public_url: str | None) -> frozenset[Origin]:
    """Where the pages of this server come from: --public-url (as the browser reaches it),
    http://HOST:PORT, and on a loopback or every-address host the loopback names."""
    found = {("http", host.strip("[]").lower(), port), origin_of(public_url or "")}
    if is_loopback(host) or host.strip("[]") in ("0.0.0.0", "::"):
        found |= {("http", name, port) for name in ("localhost", "127.0.0.1", "::1")}
    return frozenset(o for o in found if o is not None)


def tab_command(db: Path, *, now: str | None, speed: float | None, lang: str | None) -> str:
    """The shell command textual-serve runs for each tab; `exec`, so the tab's process is
    the cockpit itself (one pid to end). It runs beside the file, so the page shows the
    file's name but not where it lives on the server. `-P`: that folder is not put on the
    path, so a `golive.py` or `golive/` someone left beside the file is never run."""
    db = db.resolve()
    argv = [sys.executable, "-P", "-m", "golive", "watch", "--served", "--db", db.name]
    if now:
        argv += ["--now", now]
    if speed is not None:
        argv += ["--speed", str(speed)]
    if lang:
        argv += ["--lang", lang]
    return f"cd {shlex.quote(str(db.parent))} && exec {shlex.join(argv)}"


# the words of textual-serve's start page (templates/app_index.html), as they stand there
PAGE_WORDS = ((">Start<", "serve.page.start"), (">Session ended.<", "serve.page.ended"),
              (">Restart<", "serve.page.restart"))


class ServeLog(logging.Handler):
    """What textual-serve and aiohttp log, said by golive: their lines are English, the
    access log is noise beside golive's own tab lines, and textual-serve logs an exception
    as a traceback with its locals. A tab that fails to start, and any warning or error,
    becomes one line in the plan's language on stderr; the rest is dropped."""

    def __init__(self, lang: str) -> None:
        super().__init__(logging.WARNING)
        self.lang = lang

    def emit(self, record: logging.LogRecord) -> None:
        exc = record.exc_info[1] if record.exc_info else None
        if record.name == "textual-serve" and record.msg == "Application failed to start":
            # textual-serve writes the tab's own line (golive's, German) after it, on stdout
            print(text(self.lang, "serve.tab_failed"), flush=True)
            return
        if record.name == "textual-serve":
            line = text(self.lang, "serve.tab_error", why=one_line(str(exc or record.msg)))
        else:
            why = f"{record.getMessage()}: {exc}" if exc else record.getMessage()
            line = text(self.lang, "serve.server_error", why=one_line(why))
        print(line, file=sys.stderr, flush=True)


def serve(command: str, title: str, host: str, port: int, public_url: str | None,
          announce: str, refusal: str, lang: str = "en") -> int:
    """Run the web server until Ctrl+C (or SIGTERM); `refusal` is the body of a 403.
    Everything it says is golive's, in `lang` (see ServeLog)."""
    from aiohttp import web
    from textual_serve.server import Server  # serves one command; imported only here

    origins = page_origins(host, port, public_url)

    class GoliveServer(Server):
        sessions: set[asyncio.Task[Any]] = set()

        def initialize_logging(self) -> None:
            logging.basicConfig(level=logging.INFO, handlers=[ServeLog(lang)], force=True)

        async def on_startup(self, app: Any) -> None:
            # textual-serve's own banner prints the command line, paths included
            print(announce, flush=True)

        async def handle_index(self, request: Any) -> Any:
            # the start page's three words are literals in textual-serve's template
            page: Any = await super().handle_index(request)
            for english, key in PAGE_WORDS:
                page.text = page.text.replace(english, f">{text(lang, key)}<")
            return page

        async def handle_websocket(self, request: Any) -> Any:
            origin = request.headers.get("Origin")
            if origin is not None and origin_of(origin) not in origins:
                return web.Response(status=403, text=refusal + "\n")
            task = asyncio.current_task()
            assert task is not None
            self.sessions.add(task)
            print(text(lang, "serve.tab_open", peer=request.remote or "?",
                       n=len(self.sessions)), flush=True)
            try:
                return await super().handle_websocket(request)
            finally:
                self.sessions.discard(task)
                print(text(lang, "serve.tab_closed", n=len(self.sessions)), flush=True)

        async def on_shutdown(self, app: Any) -> None:
            # Ctrl+C: end every tab's session now (each stops its cockpit) instead of
            # waiting for the browsers to hang up
            for task in list(self.sessions):
                task.cancel()

    server = GoliveServer(command, host=host, port=port, title=title, public_url=public_url)
    try:
        _try_bind(host, port)  # before the start-up line says "serving"
        server.serve()
    except OSError as exc:  # port taken, address not on this host
        raise ServeError("serve.bind", address=f"{host}:{port}",
                         why=exc.strerror or str(exc)) from None
    return 0


def _try_bind(host: str, port: int) -> None:
    """Fail in one line when the port is taken or the address is not this host's."""
    info = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    family, kind, proto, _name, address = info[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        probe.bind(address)
