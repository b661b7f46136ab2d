"""The evidence of a file that is not intact: a consistent copy of it as found, and what
`verify` says about it, for whoever investigates. Nothing is exported from its state."""

from __future__ import annotations

import datetime
import os
import sqlite3
from pathlib import Path

from golive.data.export_file import ExportError, export_directory
from golive.data.texts import Term


def save_evidence(db_path: Path, findings: list[str]) -> Path:
    """`retro/golive-evidence-<UTC>.sqlite` (SQLite's online backup of the file as it is
    now) and a `.txt` beside it with the findings; both 0600, each written under a hidden
    temporary name and renamed into place, so a killed run leaves nothing that looks
    complete. Returns the copy's path; ExportError (one line) when it cannot be written."""
    directory = export_directory(db_path, None)
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    copy = directory / f"golive-evidence-{stamp}.sqlite"
    n = 2
    while copy.exists():
        copy = directory / f"golive-evidence-{stamp}-{n}.sqlite"
        n += 1
    temp = directory / f".{copy.name}.{os.getpid()}.tmp"
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.close(fd)
        source = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True)
        target = sqlite3.connect(temp)
        try:
            source.backup(target)
        finally:
            target.close()
            source.close()
        report = copy.with_suffix(".txt")
        report_temp = directory / f".{report.name}.{os.getpid()}.tmp"
        fd = os.open(report_temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8", errors="replace") as out:
            out.write("".join(f"{line}\n" for line in [str(db_path), *findings]))
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, 0o600)
        os.replace(temp, copy)
        os.replace(report_temp, report)
    except (OSError, sqlite3.Error) as exc:
        temp.unlink(missing_ok=True)
        raise ExportError("export.err.write", path=str(copy),
                          why=Term("evidence.why", msg=str(exc))) from None
    return copy
