"""The last point of each file's chain a golive process proved, remembered outside the file.

A file can lose acknowledged writes without any change golive could see inside it: its
`-wal` truncated or lost, or an older copy put in its place. So every golive process that
proves a head records it (with the state folded up to it) in the user's own state folder,
one small 0600 file per database path, and every later reader starts from there: the file
must still hold that head, and only the events after it are walked (chain.walk). Best
effort: a folder that cannot be written leaves the file checked from its first event.
"""

from __future__ import annotations

import contextlib
import datetime
import fcntl
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from golive.data.log.chain import Trusted
from golive.data.log.fold import State
from golive.data.outputs.safe_file import create_temp
from golive.data.time.formats import utc_second


def _wall_now() -> str:
    """When a head was proven, by the wall clock (also in a rehearsal)."""
    return utc_second(datetime.datetime.now(datetime.UTC))


def seen_dir() -> Path:
    """$GOLIVE_STATE_DIR, else $XDG_STATE_HOME/golive/seen (~/.local/state/golive/seen)."""
    own = os.environ.get("GOLIVE_STATE_DIR")
    if own:
        return Path(own)
    base = os.environ.get("XDG_STATE_HOME") or os.path.join(Path.home(), ".local", "state")
    return Path(base) / "golive" / "seen"


def _record_path(db: Path) -> Path:
    key = hashlib.sha256(str(db.resolve()).encode("utf-8", "surrogateescape")).hexdigest()
    return seen_dir() / f"{key[:40]}.json"


@dataclass(frozen=True)
class Seen:
    """A head proven earlier: the file's first event (which file), and the point."""

    genesis: str
    trusted: Trusted
    when: str  # UTC text, when it was proven


def load(db: Path) -> Seen | None:
    """What was proven of the file at this path, or None (never seen, or unreadable)."""
    try:
        data = json.loads(_record_path(db).read_text(encoding="utf-8"))
        state = State.from_records(data["records"])
        trusted = Trusted(int(data["seq"]), str(data["hash"]), str(data["at"]), state)
        return Seen(str(data["genesis"]), trusted, str(data.get("when", "")))
    except (OSError, ValueError, TypeError, KeyError, AttributeError, RecursionError):
        return None


def forget(db: Path) -> None:
    """Nothing remembered for this path any more (a new file was made there)."""
    with contextlib.suppress(OSError):
        _record_path(db).unlink()


def record(db: Path, genesis: str, trusted: Trusted, *, replace: bool = False) -> None:
    """Remember `trusted` for the file at `db`, unless a later head of the same file is
    already remembered (several processes prove heads at once; the latest stays).
    `replace` overwrites whatever is there: a new file at the path, or an accepted one."""
    target = _record_path(db)
    with contextlib.suppress(OSError):
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        lock_fd = os.open(f"{target}.lock", os.O_WRONLY | os.O_CREAT, 0o600)
        with os.fdopen(lock_fd, "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if not replace:
                known = load(db)
                if known is not None and known.genesis == genesis \
                        and known.trusted.seq >= trusted.seq:
                    return
            body = json.dumps({"path": str(db.resolve()), "genesis": genesis,
                               "seq": trusted.seq, "hash": trusted.hash, "at": trusted.at,
                               "when": _wall_now(), "records": trusted.state.records()},
                              ensure_ascii=False)
            # never half-written, not synced: a record lost in a power cut only means an
            # older head is checked, and a sync per key would cost milliseconds
            temp, fd = create_temp(target)
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as out:
                    out.write(body)
                os.replace(temp, target)
            finally:
                temp.unlink(missing_ok=True)
