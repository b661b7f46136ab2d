"""The evidence of a file that is not intact: a consistent copy of it as found, and what
`verify` says about it, for whoever investigates. Nothing is exported from its state."""

from __future__ import annotations

import datetime
import os
import sqlite3
from pathlib import Path

from golive.data.outputs.export_file import ExportError, export_directory
from golive.data.outputs.safe_file import create_temp, put_in_place, sync_dir, write_file
from golive.data.texts.catalogue import Term
from golive.data.time.formats import utc_compact


def save_evidence(db_path: Path, findings: list[str],
                  rehearsal: tuple[str, str] | None = None) -> Path:
    """`retro/golive-evidence-<UTC>.sqlite` (SQLite's online backup of the file as it is
    now) and a `.txt` beside it with the findings, both written the safe way (safe_file:
    0600, a temporary name until complete). Returns the copy's path; ExportError (one
    line) when it cannot be written. A rehearsal's evidence says so in its name and its
    first line (`rehearsal`: the mark, e.g. PROBE, and the line that explains it)."""
    directory = export_directory(db_path, None)
    stamp = utc_compact(datetime.datetime.now(datetime.UTC))
    kind = f"{rehearsal[0]}-evidence" if rehearsal else "evidence"
    copy = directory / f"golive-{kind}-{stamp}.sqlite"
    temp: Path | None = None
    try:
        temp, fd = create_temp(copy)
        os.close(fd)
        source = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True)
        target = sqlite3.connect(temp)
        try:
            source.backup(target)
        finally:
            target.close()
            source.close()
        fd = os.open(temp, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        n = 2
        while not put_in_place(temp, copy, replace=False):
            copy = directory / f"golive-{kind}-{stamp}-{n}.sqlite"
            n += 1
        temp = None
        head = [rehearsal[1]] if rehearsal else []
        write_file(copy.with_suffix(".txt"),
                   "".join(f"{line}\n" for line in [*head, str(db_path), *findings]))
        sync_dir(directory)
    except (OSError, sqlite3.Error) as exc:
        raise ExportError("export.err.write", path=str(copy),
                          why=Term("evidence.why", msg=str(exc))) from None
    finally:
        if temp is not None:
            temp.unlink(missing_ok=True)
    return copy
