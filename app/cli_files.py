"""The plan and the file a command works on: a TOML or Markdown plan (its ticked lines
recorded when a file is made from it; a rehearsal's checklist makes a real file only when
asked to, and the file says so), the store opened or created, `golive import`."""

from __future__ import annotations

import argparse
import dataclasses
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from golive.cli_parser import SPEAKING, Options, UsageError
from golive.data.changes.refused import Refused
from golive.data.log import seen_heads
from golive.data.log.dbfile import StoreError
from golive.data.log.store import Store
from golive.data.outputs.safe_file import sweep
from golive.data.plan.model import Plan
from golive.data.plan.source import DEFAULT_TIMEZONE, load_default_plan, load_plan_file
from golive.data.texts.catalogue import say, text
from golive.data.time.clock import Clock, is_wall_clock, make_clock

MARKDOWN_SUFFIXES = (".md", ".markdown")


@dataclass
class FromChecklist:
    """What a Markdown plan brings besides the plan: its ticked lines, and whether it is
    a rehearsal's export (whose ticks must not pass for a real file's history)."""

    ticks: list[Any] = field(default_factory=list)
    rehearsal: bool = False


def load_plan(opts: Options, found: FromChecklist | None = None) -> Plan:
    """The --plan file (TOML, or a Markdown checklist imported on the fly), else the default;
    what a checklist brings besides the plan goes into `found`."""
    if not opts.plan_file:
        return load_default_plan()
    if Path(opts.plan_file).suffix.lower() in MARKDOWN_SUFFIXES:
        from golive.data.checklist.importer import import_file

        imported = import_file(opts.plan_file, opts.given)
        report_notes(opts.plan_file, imported.notes)
        if found is not None:
            found.ticks += imported.ticks
            found.rehearsal = imported.rehearsal
        return imported.plan
    return load_plan_file(opts.plan_file)


def record_ticks(store: Store, ticks: list[Any], actor: str, source: str) -> None:
    """A new file from a checklist that was partly done starts with those lines done."""
    from golive.data.checklist.importer import tick_command

    recorded, refused = 0, 0
    for tick in ticks:
        try:
            command = tick_command(store.plan, tick, source)
            if command is None:
                continue
            store.apply(command, actor)
            recorded += 1
        except Refused as exc:  # e.g. a phone that does not parse: left for the cockpit
            refused += 1
            if refused <= NOTES_SHOWN:
                print(f"{source}:{tick.line}: {say(exc, store.plan.language)}", file=sys.stderr)
    if refused > NOTES_SHOWN:
        print(f"{source}: {text(store.plan.language, 'import.more', n=refused - NOTES_SHOWN)}",
              file=sys.stderr)
    if recorded:
        print(text(store.plan.language, "import.ticked", n=recorded), file=sys.stderr)


# a checklist of 100,000 unplaceable lines printed 100,000 (9.6 MB): the first ones say
# what is wrong, and the count the rest
NOTES_SHOWN = 20


def report_notes(name: str, notes: Sequence[Any]) -> None:
    """What an import left out, one line each as FILE:LINE: why (line 0: the whole file),
    the first NOTES_SHOWN of them, then how many more."""
    for note in notes[:NOTES_SHOWN]:
        where = f"{name}:{note.line}" if note.line else name
        print(f"{where}: {note.message}", file=sys.stderr)
    if len(notes) > NOTES_SHOWN:
        print(f"{name}: {text(SPEAKING.lang, 'import.more', n=len(notes) - NOTES_SHOWN)}",
              file=sys.stderr)


def import_checklist_cmd(ns: argparse.Namespace, opts: Options) -> int:
    from golive.data.checklist.importer import import_file
    from golive.data.checklist.report import report_text
    from golive.data.outputs.safe_file import write_file

    imported = import_file(ns.file, opts.given)
    SPEAKING.lang = opts.lang or imported.plan.language
    if ns.preview:
        return preview_cmd(Path(ns.file), Path(ns.out) if ns.out else None, opts)
    report_notes(ns.file, imported.notes)
    if ns.strict and imported.notes:
        raise UsageError("import.strict", name=ns.file, n=len(imported.notes))
    # where every line went: printed with --out (the plan goes to its file) or --report
    # (instead of the plan); without either, stdout carries the plan alone for a pipe
    if ns.out or ns.report:
        sys.stdout.write(report_text(imported.report, ns.file, SPEAKING.lang))
    if not ns.out:
        if not ns.report:
            sys.stdout.write(imported.toml)
        return 0
    out = Path(ns.out)
    sweep(out.parent)
    try:
        write_file(out, imported.toml)  # whole or not at all, 0600
    except OSError as exc:
        raise UsageError(f"{out}: {exc.strerror or exc}") from None
    print(out)
    return 0


def preview_cmd(checklist: Path, out: Path | None, opts: Options) -> int:
    """The preview screen; the plan goes to --out (default: beside the checklist, .toml)
    only when confirmed there."""
    from golive.import_preview import ImportPreview

    target = out or checklist.with_suffix(".toml")
    sweep(target.parent)
    app = ImportPreview(checklist, target, opts.given)
    written = app.run() == 0
    key = "preview.written" if written else "preview.not_written"
    print(text(app.lang, key, out=str(target)))
    return 0


def open_store(opts: Options, *, create: bool = False, read_only: bool = False,
               reading: bool = False) -> tuple[Store, bool]:
    """The store with the clock the options ask for; `create` makes a missing file;
    `read_only` opens it so that SQLite refuses every write; `reading` (a command that
    only reads) opens it read-only when this user may not write it. A run that may write
    first removes what a killed golive left beside the file (a half-made init's temporary
    file); a read-only one touches nothing."""
    if not read_only:
        seen_heads.sweep_leftovers(opts.db.parent)
    found = FromChecklist()
    plan = load_plan(opts, found) if opts.plan_file else None
    if create:
        # an existing file brings its own plan: the default is read only to create one
        clock = make_clock(DEFAULT_TIMEZONE if plan is None else plan.timezone, opts.now,
                           opts.speed)
        origin = from_rehearsal(opts, found, clock) if found.rehearsal else None
        store, created = Store.open_or_create(
            opts.db, load_default_plan if plan is None else plan, clock, opts.actor,
            origin=origin)
        if created:
            record_ticks(store, found.ticks, opts.actor, opts.plan_file or "")
    elif reading and not read_only:
        store, created = open_to_read(opts.db), False
    else:
        store, created = Store.open(opts.db, make_clock("UTC", None), read_only=read_only), False
    # the stored plan is the plan: only an explicit --plan that differs is a mistake
    if opts.plan_file and plan is not None and not created and plan.source != store.plan.source:
        store.close()
        raise UsageError("usage.other_plan", db=str(opts.db), product=store.plan.product,
                         release=store.plan.release, plan=opts.plan_file or "(default)")
    store.clock = make_clock(store.plan.timezone, opts.now, opts.speed)
    if store.rehearsal and opts.now is None:
        from golive.data.log.rehearsal import resumed_clock

        store.clock = resumed_clock(store, running=not (reading or read_only)) or store.clock
    if opts.lang:
        store.plan = with_language(store.plan, opts.lang)
    SPEAKING.lang = store.plan.language
    return store, created


def open_to_read(path: Path) -> Store:
    """For a command that only reads: opened for writing where this user may (an older
    file is brought up to date, and the last one out tidies the -wal/-shm files), else
    read-only as `watch` opens it, so a reader is never told the file is write-protected
    and nothing was saved."""
    try:
        return Store.open(path, make_clock("UTC", None))
    except StoreError as exc:
        if exc.key != "store.read_only_db":
            raise
    return Store.open(path, make_clock("UTC", None), read_only=True)


def from_rehearsal(opts: Options, found: FromChecklist, clock: Clock) -> dict[str, str]:
    """A file made from a rehearsal's checklist records that in its first event; a real
    one is made only when --from-rehearsal says so (its ticks become real events)."""
    if is_wall_clock(clock) and not opts.from_rehearsal and not opts.db.exists():
        raise UsageError("usage.from_rehearsal", name=opts.plan_file)
    return {"from_rehearsal": str(opts.plan_file)}


def with_language(plan: Plan, lang: str) -> Plan:
    """--lang changes golive's own words (blockers, log, interface), never plan labels."""
    return dataclasses.replace(plan, language=lang)
