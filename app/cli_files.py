"""The plan and the file a command works on: a TOML or Markdown plan (its ticked lines
recorded when a file is made from it), the store opened or created, `golive import`."""

from __future__ import annotations

import argparse
import dataclasses
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from golive.cli_parser import SPEAKING, Options, UsageError
from golive.data.clock import make_clock
from golive.data.plan import Plan, load_default_plan, load_plan_file
from golive.data.refused import Refused
from golive.data.safe_file import sweep
from golive.data.store import Store
from golive.data.texts import say, text

MARKDOWN_SUFFIXES = (".md", ".markdown")


def load_plan(opts: Options, ticks: list[Any] | None = None) -> Plan:
    """The --plan file (TOML, or a Markdown checklist imported on the fly), else the default;
    a checklist's ticked lines are added to `ticks`."""
    if not opts.plan_file:
        return load_default_plan()
    if Path(opts.plan_file).suffix.lower() in MARKDOWN_SUFFIXES:
        from golive.data.checklist_import import import_file

        imported = import_file(opts.plan_file)
        report_notes(opts.plan_file, imported.notes)
        if ticks is not None:
            ticks += imported.ticks
        return imported.plan
    return load_plan_file(opts.plan_file)


def record_ticks(store: Store, ticks: list[Any], actor: str, source: str) -> None:
    """A new file from a checklist that was partly done starts with those lines done."""
    from golive.data.checklist_import import tick_command

    recorded = 0
    for tick in ticks:
        command = tick_command(store.plan, tick, actor)
        if command is None:
            continue
        try:
            store.apply(command, actor)
            recorded += 1
        except Refused as exc:  # e.g. a phone that does not parse: left for the cockpit
            print(f"{source}:{tick.line}: {say(exc, store.plan.language)}", file=sys.stderr)
    if recorded:
        print(text(store.plan.language, "import.ticked", n=recorded), file=sys.stderr)


def report_notes(name: str, notes: Sequence[Any]) -> None:
    """What an import left out, one line each as FILE:LINE: why (line 0: the whole file)."""
    for note in notes:
        where = f"{name}:{note.line}" if note.line else name
        print(f"{where}: {note.message}", file=sys.stderr)


def import_checklist_cmd(ns: argparse.Namespace, opts: Options) -> int:
    from golive.data.checklist_import import import_file
    from golive.data.safe_file import write_file

    imported = import_file(ns.file)
    SPEAKING.lang = opts.lang or imported.plan.language
    report_notes(ns.file, imported.notes)
    if ns.strict and imported.notes:
        raise UsageError("import.strict", name=ns.file, n=len(imported.notes))
    if not ns.out:
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


def open_store(opts: Options, *, create: bool = False, read_only: bool = False
               ) -> tuple[Store, bool]:
    """The store with the clock the options ask for; `create` makes a missing file;
    `read_only` opens it so that SQLite refuses every write. A run that may write first
    removes what a killed golive left beside the file (a half-made init's temporary
    file); a read-only one touches nothing."""
    if not read_only:
        sweep(opts.db.parent)
    ticks: list[Any] = []
    plan = load_plan(opts, ticks) if (opts.plan_file or create) else None
    if create:
        assert plan is not None
        clock = make_clock(plan.timezone, opts.now, opts.speed)
        store, created = Store.open_or_create(opts.db, plan, clock, opts.actor)
        if created:
            record_ticks(store, ticks, opts.actor, opts.plan_file or "")
    else:
        store, created = Store.open(opts.db, make_clock("UTC", None), read_only=read_only), False
    # the stored plan is the plan: only an explicit --plan that differs is a mistake
    if opts.plan_file and plan is not None and not created and plan.source != store.plan.source:
        store.close()
        raise UsageError("usage.other_plan", db=str(opts.db), product=store.plan.product,
                         release=store.plan.release, plan=opts.plan_file or "(default)")
    store.clock = make_clock(store.plan.timezone, opts.now, opts.speed)
    if opts.lang:
        store.plan = with_language(store.plan, opts.lang)
    SPEAKING.lang = store.plan.language
    return store, created


def with_language(plan: Plan, lang: str) -> Plan:
    """--lang changes golive's own words (blockers, log, interface), never plan labels."""
    return dataclasses.replace(plan, language=lang)
