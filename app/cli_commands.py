"""What each non-UI subcommand does once its file is open: the write commands,
verify, export, watch, announce, serve, rehearse."""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from golive.cli_files import load_plan, open_store, with_language
from golive.cli_parser import SPEAKING, Options, UsageError, file_name
from golive.data.changes.refused import Refused
from golive.data.log.dbfile import StoreError
from golive.data.log.store import Store
from golive.data.texts.catalogue import Term, say, text
from golive.data.texts.user_text import user_text
from golive.data.time.clock import is_wall_clock, make_clock, parse_instant

if TYPE_CHECKING:  # the commands load with the first one written, not with the cockpit
    from golive.data.changes.commands import Command


def command_of(ns: argparse.Namespace, store: Store) -> Command:
    """The command a writing subcommand stands for. The commands module (fifteen
    dataclasses) loads here, so a cockpit opened from the command line does not load it
    before its first frame; a note loads only its own."""
    if ns.command == "note":
        from golive.data.changes.note import Note

        return Note(ns.text)
    from golive.data.changes.commands import (
        Approve,
        Check,
        Correct,
        Decide,
        Reject,
        Revoke,
        SetContact,
        SetGate,
        StagingStableSince,
    )
    from golive.data.changes.golive_commands import Deploy, Outcome, Rollback

    c = ns.command
    if c == "approve":
        return Approve(ns.id, ns.by)
    if c == "reject":
        return Reject(ns.id, ns.by, ns.reason)
    if c == "revoke":
        return Revoke(ns.id, ns.reason)
    if c == "gate":
        return SetGate(ns.id, ns.state, ns.note)
    if c == "check":
        return Check(ns.id, ns.undo)
    if c == "contact":
        name, phone = ns.name, ns.phone
        if (name is None) != (phone is None):  # one of the two: the other stays as recorded
            recorded: Mapping[str, Any] = store.read()[0].contacts.get(ns.id) or {}
            name = recorded.get("name") if name is None else name
            phone = recorded.get("phone") if phone is None else phone
        return SetContact(ns.id, name, phone, ns.channel)
    if c == "staging-stable-since":
        return StagingStableSince(parse_instant(ns.instant, store.plan.timezone), ns.reason)
    if c == "decide":
        if ns.decision == "go" and not ns.new_attempt:
            _refuse_go_after_rollback(store)
        return Decide(ns.decision, ns.by, ns.reason)
    if c == "deploy":
        return Deploy(ns.step)
    if c == "rollback":
        return Rollback(ns.by, ns.reason, finished=ns.finished == "finished")
    if c == "outcome":
        return Outcome(ns.outcome)
    if c == "correct":
        return Correct(ns.seq, ns.reason)
    raise UsageError("usage.other", what=f"unknown command {c!r}")


def _refuse_go_after_rollback(store: Store) -> None:
    """A GO after a finished rollback starts a new go-live attempt: as the cockpit's GO
    dialog, the command line records it only when asked for as such (--new-attempt)."""
    from golive.data.rules.phase import rolled_back_at
    from golive.data.time.formats import day_hm_zone
    from golive.data.time.instants import in_zone

    at = rolled_back_at(store.board())
    if at is not None:
        raise UsageError("usage.go_after_rollback",
                         at=day_hm_zone(in_zone(at, store.plan.timezone)))


def verify_cmd(path: Path, *, accept: bool = False, allowed: str | None = None,
               anchor: str | None = None) -> int:
    from golive.data.log.verify import verify_file
    from golive.progress import terminal_progress

    if allowed is not None and not Path(allowed).is_file():
        raise UsageError("verify.no_allowed_signers", path=allowed)
    with terminal_progress() as progress:
        try:
            report = verify_file(path, progress, accept=accept, anchor=anchor,
                                 allowed=Path(allowed) if allowed else None)
        except StoreError as exc:  # not this user's to write: read it as `watch` does
            if exc.key != "store.read_only_db":
                raise
            report = verify_file(path, progress, read_only=True, accept=accept,
                                 anchor=anchor, allowed=Path(allowed) if allowed else None)
    if report.ok:
        print(text(SPEAKING.lang, "cli.verified", n=report.events, head=report.head))
        if anchor is not None:
            print(text(SPEAKING.lang, "verify.anchor_ok", anchor=anchor.strip()[:12]))
        if report.signed:
            source = (text(SPEAKING.lang, "verify.against_file", file=allowed) if allowed
                      else text(SPEAKING.lang, "verify.against_roster"))
            print(text(SPEAKING.lang, "verify.signed", n=report.signed, source=source))
        return 0
    for problem in report.lines(SPEAKING.lang):
        print(f"{path}: {problem}", file=sys.stderr)
    return 1


def export_cmd(ns: argparse.Namespace, store: Store) -> int:
    from golive.data.outputs.export import write_export
    from golive.data.outputs.export_file import ExportError
    from golive.progress import terminal_progress

    try:
        with terminal_progress() as progress:
            path = write_export(store, Path(ns.out) if ns.out else None, fmt=ns.format,
                                with_phones=ns.with_phones, progress=progress)
    except ExportError as exc:
        print(f"golive: {say(exc, SPEAKING.lang)}", file=sys.stderr)
        return 2
    print(path)
    return 0


def cockpit() -> Callable[..., int]:
    """golive.cockpit's run_cockpit, imported only when a cockpit opens (Textual stays off
    the CLI's path), with the garbage collector off while it loads (≈ 10 ms of
    collections over objects that live as long as the cockpit); run_cockpit turns it on."""
    gc.disable()
    from golive.cockpit import run_cockpit

    return run_cockpit


def watch_cmd(opts: Options, *, served: bool = False) -> int:
    """The observer's cockpit: never creates, migrates or writes the file."""
    if served:  # a browser tab's cockpit under `golive serve`: ends with its connection
        os.environ["TEXTUAL_DRIVER"] = "golive.served:ServedDriver"
    store, _ = open_store(opts, read_only=True)
    # a rehearsal shows the rehearsal's time (its log's), not the wall clock's
    return cockpit()(store, opts.actor, read_only=True,
                     follow_log=store.rehearsal and opts.now is None)


def announce_cmd(ns: argparse.Namespace, store: Store, actor: str) -> int:
    """Exit 0 when posted (or only printed), 1 when the channel did not take it; either
    way a post attempt is one event in the log. From a rehearsal every update says PROBE
    first, and goes to a channel not marked for rehearsals only with --yes."""
    from golive.data.changes.commands import Announce
    from golive.data.outputs.announce import (
        ChannelError,
        compose,
        load_channels,
        marked,
        pick,
        post,
        title,
    )
    from golive.data.outputs.announce import reason_text as why
    from golive.data.texts.catalogue import text as words

    lang, rehearsal = store.plan.language, store.rehearsal
    if ns.send and not store.rehearsal and not is_wall_clock(store.clock):
        raise Refused("mode.real_file", path=str(store.path))  # before a post it cannot log

    board = store.board()
    if ns.text == "-":
        body = sys.stdin.read()
    elif ns.text:
        try:
            body = Path(ns.text).read_text("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise UsageError("announce.text.read", path=ns.text, why=str(exc)) from None
    else:
        body = compose(board)
        from golive.cli_status import copy_freshness

        fresh = copy_freshness(store)  # where the record's copy stands, when there is one
        if fresh is not None:
            from golive.data.log.replica_state import freshness_text

            body = f"{body}\n{freshness_text(lang, fresh)}"
    body = marked(body, lang, rehearsal)
    if not ns.send:
        print(body)
        return 0
    try:
        channel = pick(load_channels(lang), ns.channel, lang)
    except ChannelError as exc:
        raise UsageError(str(exc)) from None
    if rehearsal and not channel.rehearsal and not ns.yes:
        raise UsageError("announce.rehearsal.confirm", channel=channel.name)
    body = user_text(body, Term("key.announce"))  # what is posted is what the log can hold
    reason = post(channel, body, title(board, rehearsal))
    store.apply(Announce(channel.name, body, reason is None, reason), actor)
    if reason is None:
        print(words(lang, "announce.sent", channel=channel.name))
        return 0
    print(words(lang, "announce.notsent", channel=channel.name, why=why(lang, reason)),
          file=sys.stderr)
    return 1


def serve_cmd(ns: argparse.Namespace, opts: Options) -> int:
    from golive.serve import ServeError, check_address, serve, tab_command

    try:
        check_address(ns.host, ns.port, ns.public)
        store, _ = open_store(opts, read_only=True)  # a file the tabs cannot open fails here
        title = f"{store.plan.product} {store.plan.release}"
        lang = opts.lang or store.plan.language
        store.close()
        url = ns.public_url or f"http://{ns.host}:{ns.port}"
        if ns.public:
            print(text(lang, "serve.warning", url=url), file=sys.stderr)
        command = tab_command(opts.db, now=opts.now, speed=opts.speed, lang=opts.lang)
        return serve(command, title, ns.host, ns.port, ns.public_url,
                     text(lang, "serve.serving", title=title, url=url),
                     text(lang, "serve.origin", url=url), lang)
    except ServeError as exc:
        raise UsageError(say(exc, SPEAKING.lang)) from None


def rehearse_cmd(ns: argparse.Namespace, opts: Options) -> int:
    """A rehearsal copy of --db (or of the plan when there is none yet), opened in the
    cockpit on a clock of its own; the real file is only read."""
    from golive.data.log.rehearsal import (
        discard,
        make_rehearsal,
        real_plan,
        rehearsal_start,
        temporary_path,
    )
    from golive.data.log.seen_heads import sweep_leftovers
    from golive.data.time.instants import now

    if opts.now is not None:
        raise UsageError("usage.rehearse_now")
    sweep_leftovers(opts.db.parent)  # a killed rehearse's hidden copy and its record
    real = opts.db if opts.db.exists() else None
    if real is None:
        plan = load_plan(opts)
    else:
        plan = real_plan(real)
        if opts.plan_file and load_plan(opts).source != plan.source:
            raise UsageError("usage.other_plan", db=str(real), product=plan.product,
                             release=plan.release, plan=opts.plan_file)
    SPEAKING.lang = opts.lang or plan.language
    start = rehearsal_start(ns.start, plan, now(plan.timezone))
    clock = make_clock(plan.timezone, start.isoformat(), opts.speed or 1.0)
    path = file_name(ns.keep, "--keep") if ns.keep else temporary_path(opts.db)
    store = make_rehearsal(path, plan, start, opts.actor, real)
    store.clock = clock
    if opts.lang:
        store.plan = with_language(store.plan, opts.lang)
    lang = store.plan.language
    try:
        return cockpit()(store, opts.actor)
    finally:
        if not ns.keep:
            discard(path)
            print(text(lang, "mode.rehearsal.discarded"))
        else:
            print(text(lang, "mode.rehearsal.kept", path=path))
