"""The retrospective export: what the cockpit recorded, as one Markdown or JSON file.

The file is evidence, so it is written from one consistent read of the log (its own
connection, one read transaction for both passes), under a temporary name that gets the
export's name only once it is complete and on disk (an export never replaces another; a
killed export leaves no file that looks like one), and ends with the chain's
head hash and the command that checks it. The timeline is streamed row by row; only the
events that make up the item histories (not the notes) are held in memory.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from golive.data.log.chain import Progress
from golive.data.log.dbfile import StoreError, damaged, error_text
from golive.data.log.events import GENESIS, DamagedEvent
from golive.data.log.store import Store
from golive.data.outputs.export_content import Rows, export_content, gather, verify_command
from golive.data.outputs.export_file import (
    ExportError,
    export_directory,
    export_stem,
    os_reason,
    place_export,
    start_export,
)
from golive.data.outputs.export_markdown import write_markdown
from golive.data.texts.catalogue import text
from golive.data.time.clock import is_wall_clock
from golive.data.time.instants import in_zone

FORMATS = ("md", "json", "checklist")


def write_export(store: Store, out_dir: Path | None = None, *, fmt: str = "md",
                 with_phones: bool = False, now: _dt.datetime | None = None,
                 progress: Progress | None = None) -> Path:
    """Write the retrospective of the store's go-live and return the new file's path.

    Reads through a connection of its own, so a worker thread may call it while the
    cockpit keeps using `store`. ExportError (one line) when it cannot be written; no
    partial file is left behind.
    """
    if fmt not in FORMATS:
        raise ExportError("export.err.format", fmt=repr(fmt))
    if now is None and not store.rehearsal and not is_wall_clock(store.clock):
        # it holds the whole log: stamped with another instant, it would misdate it
        raise ExportError("export.err.real_now", path=str(store.path))
    plan = store.plan
    now = in_zone(now or store.clock.now(), plan.timezone)
    db_path = Path(os.path.abspath(store.path))
    directory = export_directory(db_path, out_dir)
    try:
        reader = Store.open(db_path, store.clock, read_only=True)  # it only reads
    except StoreError as exc:
        raise ExportError.of(exc) from None
    reader.plan = plan  # the caller's plan, e.g. with a --lang override
    where = directory  # what an error names: the export's file once it has a name
    try:
        reader.read()  # nothing is exported from a state not proven to be the log's fold
    except StoreError as exc:
        reader.close()
        raise ExportError.of(exc) from None
    try:
        reader.conn.execute("BEGIN")  # one snapshot for both passes
        snap = gather(reader, plan, now)
        rows = Rows(plan, mask_phones=not with_phones, corrections=snap.corrections)
        content = export_content(snap, rows, db_path, now)
        stem = export_stem(plan.release, now)
        if store.rehearsal:  # a rehearsal's export says so in its name and its title
            content["mode"] = "rehearsal"
            stem = stem.replace("golive-", f"golive-{text(plan.language, 'mode.rehearsal')}-", 1)
        if fmt == "checklist":
            stem += "-checklist"
        ext = "json" if fmt == "json" else "md"
        where = directory / f"{stem}.{ext}"
        with start_export(directory, stem, ext) as draft:
            out = draft.out
            if fmt == "checklist":
                from golive.data.checklist.export import checklist_markdown

                out.write(checklist_markdown(plan, snap.board, mask_phones=not with_phones,
                                             rehearsal=store.rehearsal))
                head = snap.head
            else:
                write = write_markdown if fmt == "md" else _write_json
                head = write(out, content, rows.timeline(reader.conn, progress),
                             verify_command(db_path), lang=plan.language)
            if head != snap.head:  # cannot happen inside one read transaction
                raise ExportError("export.err.changed", path=str(where))
            path = place_export(draft, directory, stem, ext)
    except BaseException as exc:
        if isinstance(exc, OSError):
            raise ExportError("export.err.write", path=str(where), why=os_reason(exc)) from None
        if isinstance(exc, sqlite3.Error):
            raise ExportError("store.cannot_read_log", path=str(db_path),
                              msg=error_text(exc)) from None
        if isinstance(exc, StoreError):
            raise ExportError.of(exc) from None
        if isinstance(exc, DamagedEvent):
            raise ExportError.of(damaged(db_path, exc)) from None
        raise
    finally:
        if reader.conn.in_transaction:
            reader.conn.execute("COMMIT")
        reader.close()
    return path


# a timeline row's keys in the order the rows hold them (export_content.Rows)
ROW_KEYS = ("seq", "local", "utc", "t", "actor", "kind", "target", "text", "payload", "hash",
            "corrected_by")
_string = json.encoder.encode_basestring  # what json.dumps(ensure_ascii=False) writes


def note_json(r: dict[str, Any]) -> str | None:
    """json.dumps(r, ensure_ascii=False) of a plain note's row (a payload of its text
    only, no correction), written out as the encoder would write it: the bulk of a long
    log, at a third of the encoder's cost. None for any other row."""
    payload, seq = r["payload"], r["seq"]
    if (r["corrected_by"] is not None or type(seq) is not int or len(payload) != 1
            or type(payload.get("text")) is not str or tuple(r) != ROW_KEYS):
        return None
    return (f'{{"seq": {seq:d}, "local": {_string(r["local"])}, "utc": {_string(r["utc"])}, '
            f'"t": {_string(r["t"])}, "actor": {_string(r["actor"])}, '
            f'"kind": {_string(r["kind"])}, "target": {_string(r["target"])}, '
            f'"text": {_string(r["text"])}, "payload": {{"text": {_string(payload["text"])}}}, '
            f'"hash": {_string(r["hash"])}, "corrected_by": null}}')


def _write_json(out: IO[str], c: dict[str, Any], timeline: Iterator[dict[str, Any]],
                verify: str, *, lang: str) -> str:
    """The same content as one JSON document; the timeline array is written row by row."""
    head_part = json.dumps(c, ensure_ascii=False, indent=2)
    assert head_part.endswith("\n}")
    out.write(head_part[:-2] + ',\n  "timeline": [')
    head, sep, count = GENESIS, "\n    ", 0
    encode = json.JSONEncoder(ensure_ascii=False).encode  # = json.dumps(r, ensure_ascii=False)
    lines: list[str] = []  # written a hundred at a time: one write per row costs as much
    for r in timeline:
        lines.append(sep + (note_json(r) or encode(r)))
        sep = ",\n    "
        head, count = r["hash"], count + 1
        if len(lines) == 100:
            out.write("".join(lines))
            lines.clear()
    out.write("".join(lines))
    tail = {"events": count, "head": head, "verify": verify}
    out.write("\n  ],\n" + json.dumps(tail, ensure_ascii=False, indent=2)[2:] + "\n")
    return head
