"""Status updates for the status channel: composed from the board in the plan's language,
posted through Apprise, recorded in the log by channel name (never by URL).

The channel URLs are secrets: they live only in config.toml (which must be 0600) and in
this process's memory while a post is made. Nothing here imports Textual; Apprise is
imported only when a post is made.
"""

from __future__ import annotations

import re
import stat
import tomllib
from dataclasses import dataclass
from pathlib import Path

from golive.data.plan.config import config_path
from golive.data.rules.board import Board
from golive.data.rules.phase import says_no_blockers
from golive.data.texts.catalogue import text
from golive.data.time.formats import day_hm_zone

TIMEOUT_SECONDS = 5.0
MAX_BLOCKERS = 8


class ChannelError(ValueError):
    """The channel configuration cannot be used; str() is the one line shown (no URL)."""


@dataclass(frozen=True)
class Channel:
    name: str
    url: str
    rehearsal: bool = False  # marked in config.toml as a channel for rehearsals

    def __repr__(self) -> str:  # a traceback or a debug print must not show the secret
        return f"Channel({self.name!r})"


def compose(board: Board, rehearsal: bool = False) -> str:
    """The update a stakeholder reads: T-time, verdict, sign-offs and gates x/n, the
    blockers in words, the decision and phase, the next checkpoint; from a rehearsal
    with PROBE in front."""
    plan, lang = board.plan, board.plan.language

    def t(key: str, **values: object) -> str:
        return text(lang, key, **values)

    signoffs, gates = board.section("signoff"), board.section("gate")
    lines = [
        t("announce.head", product=plan.product, release=plan.release,
          countdown=board.countdown, now=day_hm_zone(board.now)),
        t("announce.verdict", verdict=board.verdict, n=len(board.blockers)) if board.blockers
        else t("announce.ready", verdict=board.verdict) if says_no_blockers(board.phase)
        else board.verdict,
        t("announce.counts", signoffs=sum(i.ok for i in signoffs), signoffs_n=len(signoffs),
          gates=sum(i.ok for i in gates), gates_n=len(gates)),
    ]
    lines += [f"• {b.text}" for b in board.blockers[:MAX_BLOCKERS]]
    if len(board.blockers) > MAX_BLOCKERS:
        lines.append(t("announce.more", n=len(board.blockers) - MAX_BLOCKERS))
    d = board.decision
    if d is None:
        lines.append(t("announce.nodecision"))
    else:  # a superseded GO says so where the GO is named
        lines.append(t("announce.decision", decision=d.decision.upper(), by=d.by,
                       at=day_hm_zone(d.at))
                     + (t("announce.superseded", cause=d.superseded_by or "")
                        if d.state == "superseded" else ""))
    lines.append(t("announce.phase", phase=board.window_label))
    upcoming = next((m for m in board.milestones if not m.reached), None)
    if upcoming is not None:
        lines.append(t("announce.next", label=upcoming.label,
                       at=day_hm_zone(upcoming.at)))
    if board.head.strip("0"):  # an anchor: anyone may later check the file still holds it
        lines.append(t("announce.anchor", head=board.head[:16]))
    return marked("\n".join(lines), lang, rehearsal)


def marked(body: str, lang: str, rehearsal: bool) -> str:
    """A rehearsal's update with PROBE at the start of its first line, whatever was typed
    over it: an edited or hand-written update must not reach a channel looking real."""
    mark = text(lang, "mode.rehearsal")
    if not rehearsal or body.startswith(mark):
        return body
    return f"{mark} · {body}"


def load_channels(lang: str, path: Path | None = None) -> list[Channel]:
    """The [channels] table of config.toml (name = Apprise URL). A file that others may
    read is refused: a webhook URL is as good as a password."""
    path = path or config_path()
    if not path.exists():
        return []
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
        if mode & 0o077:
            raise ChannelError(text(lang, "channels.mode", path=path, mode=f"{mode:04o}"))
        data = tomllib.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ChannelError(f"{path}: {exc}") from None
    table = data.get("channels", {})
    if not isinstance(table, dict):
        raise ChannelError(text(lang, "channels.table", path=path))
    channels = []
    for name, value in table.items():
        # name = "URL", or name = { url = "URL", rehearsal = true } for a rehearsal channel
        url, rehearsal = value, False
        if isinstance(value, dict):
            url, rehearsal = value.get("url"), value.get("rehearsal", False)
        if not isinstance(url, str) or "://" not in url or not isinstance(rehearsal, bool):
            raise ChannelError(text(lang, "channels.url", path=path, name=name))
        channels.append(Channel(str(name), url, rehearsal))
    return channels


def pick(channels: list[Channel], name: str | None, lang: str) -> Channel:
    """The channel asked for by name, or the only one there is."""
    known = ", ".join(c.name for c in channels)
    if not channels:
        raise ChannelError(text(lang, "channels.none", path=config_path()))
    if name is None:
        if len(channels) > 1:
            raise ChannelError(text(lang, "channels.choose", known=known))
        return channels[0]
    found = next((c for c in channels if c.name == name), None)
    if found is None:
        raise ChannelError(text(lang, "channels.unknown", name=name, known=known))
    return found


def title(board: Board, rehearsal: bool = False) -> str:
    return marked(f"{board.plan.product} {board.plan.release}: {board.verdict}",
                  board.plan.language, rehearsal)


def post(channel: Channel, body: str, title: str, timeout: float | None = None
         ) -> str | None:
    """Post once; None when the channel took it, else a short reason that names neither
    the URL nor its host (Apprise's own messages may)."""
    import logging

    import apprise

    asset = apprise.AppriseAsset(storage_mode="memory")
    # apprise's LogCapture is untyped
    with apprise.LogCapture(level=logging.DEBUG, fmt="%(message)s") as captured:  # type: ignore[no-untyped-call]
        try:
            plugin = apprise.Apprise.instantiate(channel.url, asset=asset)
            if plugin is None:
                return "bad-url"
            plugin.socket_connect_timeout = timeout or TIMEOUT_SECONDS
            plugin.socket_read_timeout = timeout or TIMEOUT_SECONDS
            ok = plugin.notify(body=body, title=title)
        except Exception:  # a plugin's own bug must not take the cockpit down with it
            return "failed"
    return None if ok else _reason(captured.getvalue())


def _reason(log: str) -> str:
    """Apprise's log of the attempt, boiled down to a code (the log names the host)."""
    low = log.lower()
    if "timed out" in low or "timeout" in low:
        return "timeout"
    status = re.search(r"error=(\d{3})\b", log)
    if status:
        return f"http-{status.group(1)}"
    if "connection" in low:
        return "unreachable"
    return "failed"


def reason_text(lang: str, reason: str) -> str:
    """A reason from `post` in words."""
    if reason.startswith("http-"):
        return text(lang, "announce.fail.http", status=reason[5:])
    return text(lang, f"announce.fail.{reason}")
