"""How fresh the copy off the node is: what `golive replicate` last learnt from the replica,
kept in a small 0600 file beside the database, and the lag it means for this file's events.

Where the copy stands is asked of the replica itself, not of Litestream's wishes: the
replicating process lists the replica's level-0 LTX files (`litestream ltx -level 0`, one
S3 LIST) and takes the newest one's transaction. Litestream's own folder beside the
database (.NAME-litestream/ltx/0/) keeps that file too; its header holds the instant
Litestream read the WAL for it, so every event committed before that instant is in the
copy. The cockpit, `status` and `announce` read the status file and the events written
after that instant, never the network: a copy's age is how long the oldest event the copy
lacks has been waiting (0 when it holds every event), red past the configured limit, when
the replica answers with an error, or when the status has not been renewed (replication
stopped). Nothing here imports Textual or starts a process.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import sqlite3
import struct
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from golive.data.outputs.safe_file import create_temp
from golive.data.time.clock import from_utc_text, to_utc_text

DEFAULT_LIMIT = 10.0  # seconds of events the copy may lack before the header turns red
POLL_SECONDS = 1.0  # how often `golive replicate` asks the replica
# a status not renewed for this long: the replicating process is gone or stuck
STALE_SECONDS = 10.0
# the LTX header: magic, flags, page size, commit, min TXID, max TXID, timestamp (ms)
_HEADER = struct.Struct(">4sIIIQQq")


def status_path(db: Path) -> Path:
    """.NAME-replica.json beside the database (Litestream keeps .NAME-litestream there)."""
    return db.with_name(f".{db.name}-replica.json")


def ltx_dir(db: Path) -> Path:
    """Litestream 0.5's local level-0 files for this database."""
    return db.with_name(f".{db.name}-litestream") / "ltx" / "0"


def newest_txid(listing: str) -> int | None:
    """The newest transaction in `litestream ltx -json` output (TXIDs are hex)."""
    files = json.loads(listing or "[]") or []
    txids = [int(f["max_txid"], 16) for f in files if isinstance(f, dict) and "max_txid" in f]
    return max(txids) if txids else None


def read_instant(db: Path, txid: int) -> str | None:
    """When Litestream read the WAL for transaction `txid` (the header of its local LTX
    file), in golive's stored form; None when the file is gone (retention) or unreadable.
    Falls back to the newest local file below it: an older instant never claims more."""
    folder = ltx_dir(db)
    try:
        names = sorted(n for n in os.listdir(folder) if n.endswith(".ltx"))
    except OSError:
        return None
    for name in reversed(names):
        try:
            top = int(name.split("-")[1].split(".")[0], 16)
        except (IndexError, ValueError):
            continue
        if top > txid:
            continue
        try:
            with open(folder / name, "rb") as f:
                magic, *_rest, ms = _HEADER.unpack(f.read(_HEADER.size))
        except (OSError, struct.error):
            continue
        if magic != b"LTX1":
            continue
        return to_utc_text(_dt.datetime.fromtimestamp(ms / 1000, _dt.UTC))
    return None


def write_status(db: Path, data: dict[str, Any]) -> None:
    """The status file, replaced whole (0600, a temporary name first); not synced: it is
    renewed every second and only ever says less than it did when lost."""
    target = status_path(db)
    tmp, fd = create_temp(target)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(data, out)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def read_status(db: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(status_path(db).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def configured(config: Path) -> bool:
    """Whether config.toml has a [replica] table (set up, maybe never started)."""
    try:
        return isinstance(tomllib.loads(config.read_text("utf-8")).get("replica"), dict)
    except (OSError, ValueError):
        return False


@dataclass(frozen=True)
class Freshness:
    """The copy as a reader sees it. state: current (holds every event), behind (lacks
    events, `lag` seconds), starting (no copy yet), stopped (status not renewed), failing
    (the replica answered with an error), off (set up, never started)."""

    state: str
    lag: float | None  # seconds the oldest event not in the copy has waited; 0 = none
    limit: float
    as_of: str | None  # the instant the copy holds the file as of (stored form)
    checked: str | None  # when the replica was last asked
    error: str | None = None

    @property
    def alarming(self) -> bool:
        return self.state in ("stopped", "failing", "off") or (
            self.lag is not None and self.lag > self.limit)

    def as_dict(self) -> dict[str, Any]:
        return {"state": self.state, "lag_seconds": None if self.lag is None else
                round(self.lag, 1), "limit_seconds": self.limit, "as_of": self.as_of,
                "checked": self.checked, "alarm": self.alarming, "error": self.error}


def oldest_uncopied(conn: sqlite3.Connection, as_of: str | None) -> str | None:
    """The time of the oldest event written after `as_of` (None: every event is in the
    copy). A real file's times never run backwards, so a binary search over seq finds it
    in about 20 lookups by key at a million events, however long the copy has lagged."""
    def at(seq: int) -> str:
        return str(conn.execute("SELECT at FROM events WHERE seq = ?", (seq,)).fetchone()[0])

    last = conn.execute("SELECT max(seq) FROM events").fetchone()[0]
    if not last or (as_of is not None and at(last) <= as_of):
        return None
    lo, hi = 1, last  # the answer lies in [lo, hi]: at(hi) > as_of
    while lo < hi:
        mid = (lo + hi) // 2
        if as_of is not None and at(mid) <= as_of:
            lo = mid + 1
        else:
            hi = mid
    return at(lo)


def freshness(status: dict[str, Any] | None, conn: sqlite3.Connection | None,
              now: _dt.datetime, *, is_configured: bool = False) -> Freshness | None:
    """The copy's freshness for a file from its status and its events (conn None: a
    rehearsal, whose event times are not the wall's, gets the state without a lag)."""
    if status is None:
        return Freshness("off", None, DEFAULT_LIMIT, None, None) if is_configured else None
    limit = float(status.get("limit") or DEFAULT_LIMIT)
    as_of, checked = status.get("as_of"), status.get("checked")
    error = status.get("error")
    lag = None
    if conn is not None:
        first = oldest_uncopied(conn, as_of)
        lag = 0.0 if first is None else max(0.0, (now - from_utc_text(first)).total_seconds())
    if checked is None or (now - from_utc_text(checked)).total_seconds() > STALE_SECONDS \
            or status.get("stopped"):
        state = "stopped"
    elif error:
        state = "failing"
    elif as_of is None:
        state = "starting"
    else:
        state = "current" if lag == 0.0 else "behind"
    return Freshness(state, lag, limit, as_of, checked, error)


def age_text(seconds: float) -> tuple[str, int]:
    """A lag in the unit a person reads at a glance: (unit, count) for s, min or h."""
    whole = int(seconds)
    if whole < 120:
        return "s", whole
    if whole < 2 * 3600:
        return "min", whole // 60
    return "h", whole // 3600


def freshness_text(lang: str, fresh: Freshness) -> str:
    """One short phrase for the header, `status` and `announce`: "Kopie: 2 s alt"."""
    from golive.data.texts.catalogue import text

    if fresh.state in ("current", "behind"):
        if not fresh.lag:
            return text(lang, "copy.current")
        unit, n = age_text(fresh.lag)
        return text(lang, "copy.age", n=n, unit=unit)
    said = text(lang, f"copy.{fresh.state}")
    if fresh.lag and fresh.state != "off":
        unit, n = age_text(fresh.lag)
        return text(lang, "copy.with_age", state=said, n=n, unit=unit)
    return said


def file_freshness(db: Path, conn: sqlite3.Connection | None, now: _dt.datetime,
                   config: Path | None = None) -> Freshness | None:
    """The copy's freshness for the file at `db` (None: never replicated, not set up)."""
    status = read_status(db)
    return freshness(status, conn, now,
                     is_configured=status is None and config is not None and configured(config))
