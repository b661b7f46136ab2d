"""Where a retrospective export goes, and how its file is made: written safely (under a
temporary name, then put in place), never replacing another export, named after the release
and the local time."""

from __future__ import annotations

import datetime as _dt
import errno
import re
from pathlib import Path

from golive.data.outputs.safe_file import Draft, sweep
from golive.data.texts.catalogue import Said, Term

RETRO_DIR = "retro"


class ExportError(Said):
    """The export could not be written; one line naming the path and the reason."""

    @classmethod
    def of(cls, exc: Said) -> ExportError:
        """Another error golive says (a file error), as the reason an export failed."""
        return cls(exc.key, **exc.values) if exc.key else cls(str(exc))


def os_reason(exc: OSError) -> Term | str:
    if exc.errno == errno.ENOSPC:
        return Term("export.why.full")
    return (exc.strerror or str(exc)).lower()


def default_dir(db_path: Path) -> Path:
    return db_path.parent / RETRO_DIR


def export_stem(release: str, local_now: _dt.datetime) -> str:
    """golive-<release>-<local time with offset>, with ':' (and anything a file name should
    not hold) replaced by '-'."""
    safe = re.sub(r"[^A-Za-z0-9._+-]+", "-", release).strip("-.") or "release"
    # a file name holds 255 bytes: a long release name is shortened here (the file itself
    # carries it in full)
    safe = safe[:80].rstrip("-.")
    stamp = local_now.replace(microsecond=0).isoformat().replace(":", "-")
    return f"golive-{safe}-{stamp}"


def export_directory(db_path: Path, out_dir: Path | None) -> Path:
    if out_dir is not None:
        out_dir = Path(out_dir)
        if not out_dir.is_dir():
            why = Term("export.why.not_dir" if out_dir.exists() else "export.why.no_dir")
            raise ExportError("export.err.write", path=str(out_dir), why=why)
        return out_dir
    directory = default_dir(db_path)
    try:
        directory.mkdir(mode=0o700, exist_ok=True)
    except OSError as exc:
        raise ExportError("export.err.mkdir", path=str(directory), why=os_reason(exc)) from None
    if not directory.is_dir():
        raise ExportError("export.err.write", path=str(directory),
                          why=Term("export.why.not_dir"))
    return directory


def start_export(directory: Path, stem: str, ext: str) -> Draft:
    """The export's file under a temporary name in `directory` (golive.data.outputs.safe_file): a
    killed export leaves nothing that looks like one. Stale leftovers of killed exports
    there are removed first."""
    sweep(directory)
    try:
        return Draft(directory / f"{stem}.{ext}")
    except OSError as exc:
        raise ExportError("export.err.create", path=str(directory / f"{stem}.{ext}"),
                          why=os_reason(exc)) from None


def place_export(draft: Draft, directory: Path, stem: str, ext: str) -> Path:
    """Give the finished export its name; a name already taken gets -2, -3, ... so two
    exports in the same second both survive, and no export ever replaces another."""
    draft.finish()
    for n in range(1, 10_000):
        path = directory / (f"{stem}.{ext}" if n == 1 else f"{stem}-{n}.{ext}")
        if draft.place(path, replace=False):
            return path
    raise ExportError("export.err.create", path=str(directory),
                      why=Term("export.why.too_many", stem=stem))
