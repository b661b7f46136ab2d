"""The `golive` command: the cockpit when called alone, a scriptable shell interface otherwise.

Non-UI commands never import Textual, so a deploy script's `golive check …` starts quickly.
Exit codes: 0 success (status: GO-READY), 1 status NO-GO / verify found a problem,
2 bad input or an unusable file; one line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

from golive.data.clock import ClockError, make_clock, parse_instant
from golive.data.commands import (
    Approve,
    Check,
    Command,
    Correct,
    Decide,
    Deploy,
    Note,
    Outcome,
    Refused,
    Reject,
    Revoke,
    Rollback,
    SetContact,
    SetGate,
    StagingStableSince,
)
from golive.data.dbfile import StoreError
from golive.data.plan import Plan, PlanError, load_default_plan, load_plan_file
from golive.data.store import Store, default_actor
from golive.data.text import TextError, one_line, readable, user_name, user_text
from golive.data.texts import Said, Term, say, text
from golive.data.verify import verify_file

DEFAULT_DB = "golive.sqlite"


@dataclass
class Speaking:
    """The language golive's own lines are in: a guess until a plan is read, then the
    plan's (or --lang)."""

    lang: str = "de"


SPEAKING = Speaking()


class UsageError(Said):
    """Bad command-line input; text(lang) is the one line shown."""


# argparse's own messages, said in German too (the catalogue's "usage.*" entries)
_ARGPARSE = [
    (re.compile(r"the following arguments are required: (?P<what>.+)"), "usage.required"),
    (re.compile(r"argument (?P<arg>\S+): invalid choice: (?P<value>.+?) "
                r"\(choose from (?P<choices>.+)\)"), "usage.choice"),
    (re.compile(r"argument (?P<arg>\S+): expected one argument"), "usage.one_value"),
    (re.compile(r"argument (?P<arg>\S+): invalid (?P<kind>\S+) value: (?P<value>.+)"),
     "usage.bad_value"),
    (re.compile(r"unrecognized arguments: (?P<what>.+)"), "usage.unknown"),
]


class _Parser(argparse.ArgumentParser):
    """argparse that reports a mistake in one line instead of a usage block."""

    def error(self, message: str) -> NoReturn:
        for pattern, key in _ARGPARSE:
            match = pattern.fullmatch(message)
            if match:
                raise UsageError(key, **match.groupdict())
        raise UsageError("usage.other", what=message)


@dataclass
class Options:
    db: Path
    plan_file: str | None
    actor: str
    now: str | None
    speed: float | None
    lang: str | None


def _common(parser: argparse.ArgumentParser, suppress: bool) -> None:
    """The options every command takes, accepted before or after the subcommand."""
    d = argparse.SUPPRESS if suppress else None
    parser.add_argument("--db", default=d, metavar="PATH",
                        help=f"the golive file (default: $GOLIVE_DB, else ./{DEFAULT_DB})")
    parser.add_argument("--plan", default=d, metavar="FILE",
                        help="plan TOML (default: the embedded LifeTimeCircle plan)")
    parser.add_argument("--as", dest="actor", default=d, metavar="NAME",
                        help="who makes the change (default: your login name)")
    parser.add_argument("--now", default=d, metavar="ISO",
                        help="fix the clock at this instant (local time in the plan's zone "
                             "unless an offset is given)")
    parser.add_argument("--speed", default=d, type=float, metavar="N",
                        help="with --now: a rehearsal clock running N times faster")
    parser.add_argument("--lang", default=d, choices=["de", "en"],
                        help="interface language (default: the plan's)")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="golive", description="Go-live cockpit: run without a command to "
                     "open the full-screen cockpit.")
    _common(parser, suppress=False)
    parser.add_argument("--read-only", action="store_true",
                        help="open the cockpit as an observer: the file is opened read-only "
                             "and nothing can be changed (same as 'golive watch')")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def cmd(name: str, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        _common(p, suppress=True)
        return p

    cmd("init", "create the golive file from the plan")
    p = cmd("watch", "open the cockpit read-only, as an observer")
    p.add_argument("--served", action="store_true", help=argparse.SUPPRESS)
    p = cmd("serve", "serve the read-only cockpit to web browsers (textual-serve); each tab "
                     "is its own read-only cockpit")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: "
                   "127.0.0.1; any other needs --public)")
    p.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    p.add_argument("--public", action="store_true",
                   help="allow a non-loopback --host: there is no authentication")
    p.add_argument("--public-url", metavar="URL",
                   help="the address browsers use, when behind a proxy or tunnel")
    p = cmd("status", "print the board; exit 0 when GO-ready, 1 when not")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--at", metavar="ISO", help="the board as it was at this instant")
    p = cmd("approve", "record a sign-off")
    p.add_argument("id")
    p.add_argument("--by", required=True, metavar="NAME")
    p = cmd("reject", "record a rejected sign-off")
    p.add_argument("id")
    p.add_argument("--by", required=True, metavar="NAME")
    p.add_argument("--reason", required=True)
    p = cmd("revoke", "withdraw a sign-off (or a rejection)")
    p.add_argument("id")
    p.add_argument("--reason", required=True)
    p = cmd("gate", "set a go/no-go gate")
    p.add_argument("id")
    p.add_argument("state", choices=["green", "red", "open"])
    p.add_argument("--note")
    p = cmd("check", "tick a T-plan check or communication task")
    p.add_argument("id")
    p.add_argument("--undo", action="store_true", help="reopen it")
    p = cmd("contact", "fill an escalation contact")
    p.add_argument("id")
    p.add_argument("--name")
    p.add_argument("--phone")
    p.add_argument("--channel")
    p = cmd("staging-stable-since", "record since when staging has run stable")
    p.add_argument("instant", metavar="ISO")
    p = cmd("note", "add a note to the log")
    p.add_argument("text")
    p = cmd("decide", "record the go/no-go decision")
    p.add_argument("decision", choices=["go", "no-go"])
    p.add_argument("--by", required=True, metavar="NAME")
    p.add_argument("--reason")
    p = cmd("deploy", "record a step of the go-live after GO")
    p.add_argument("step", choices=["started", "finished", "verified"])
    p = cmd("rollback", "record a rollback decision (--by, --reason), or 'finished'")
    p.add_argument("finished", nargs="?", choices=["finished"],
                   help="the rollback decided earlier is finished")
    p.add_argument("--by", metavar="NAME", help="who decides (the rollback decider)")
    p.add_argument("--reason")
    p = cmd("outcome", "record the go-live's outcome after a verified deploy")
    p.add_argument("outcome", choices=["success"])
    p = cmd("correct", "correct an event (it stays in the log, marked as corrected)")
    p.add_argument("seq", type=int, metavar="SEQ")
    p.add_argument("--reason", required=True)
    cmd("verify", "check the hash chain and the file's integrity; exit 1 on a problem")
    p = cmd("export", "write the retrospective log (into retro/ beside the file)")
    p.add_argument("--out", metavar="DIR", help="directory to write into (must exist)")
    p.add_argument("--format", choices=["md", "json", "checklist"], default="md",
                   help="md: the retrospective; json: the same as data; checklist: the "
                        "Markdown checklist, ticked (golive import reads it back)")
    p.add_argument("--with-phones", action="store_true",
                   help="show phone numbers in full (masked by default)")
    cmd("approval-doc", "print the approval document (Freigabevorlage) filled in from the log")
    p = cmd("announce", "print the status update composed from the board; with --send post it "
                        "to the status channel (config.toml [channels]) and log it")
    p.add_argument("--send", action="store_true", help="post it and record it in the log")
    p.add_argument("--channel", metavar="NAME", help="which configured channel (needed when "
                   "there are several)")
    p.add_argument("--text", metavar="FILE", help="post this text instead of the composed "
                   "one ('-' reads standard input)")
    p = cmd("import", "turn a Markdown go-live checklist into a plan (TOML)")
    p.add_argument("file", metavar="FILE.md")
    p.add_argument("--out", metavar="PLAN.toml", help="write the plan here (default: stdout)")
    p.add_argument("--strict", action="store_true",
                   help="refuse the checklist if any line cannot be placed")
    p = cmd("rehearse", "open the cockpit on a rehearsal copy (the --db file is only read)")
    p.add_argument("--from", dest="start", metavar="T-25h|ISO",
                   help="where the rehearsal clock starts (default: now); the copy holds the "
                        "real file's events up to then")
    p.add_argument("--keep", metavar="PATH",
                   help="keep the rehearsal file here (default: discarded on quit)")
    return parser


def _shown(arg: str) -> str:
    """An argument as it can be printed: undecodable bytes as U+FFFD, cut at 40."""
    text = one_line(arg.encode("utf-8", "surrogateescape").decode("utf-8", "replace"))
    return text if len(text) <= 40 else text[:39] + "…"


def _options(ns: argparse.Namespace) -> Options:
    db = getattr(ns, "db", None) or os.environ.get("GOLIVE_DB") or DEFAULT_DB
    readable(db, Term("field.db"))
    actor = getattr(ns, "actor", None)
    actor = default_actor() if actor is None else user_name(actor, Term("field.actor"))
    return Options(db=Path(db), plan_file=getattr(ns, "plan", None), actor=actor,
                   now=getattr(ns, "now", None), speed=getattr(ns, "speed", None),
                   lang=getattr(ns, "lang", None))


MARKDOWN_SUFFIXES = (".md", ".markdown")


def load_plan(opts: Options, ticks: list[Any] | None = None) -> Plan:
    """The --plan file (TOML, or a Markdown checklist imported on the fly), else the default;
    a checklist's ticked lines are added to `ticks`."""
    if not opts.plan_file:
        return load_default_plan()
    if Path(opts.plan_file).suffix.lower() in MARKDOWN_SUFFIXES:
        from golive.data.checklist_import import import_file

        imported = import_file(opts.plan_file)
        _report_notes(opts.plan_file, imported.notes)
        if ticks is not None:
            ticks += imported.ticks
        return imported.plan
    return load_plan_file(opts.plan_file)


def _record_ticks(store: Store, ticks: list[Any], actor: str, source: str) -> None:
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


def _report_notes(name: str, notes: Sequence[Any]) -> None:
    """What an import left out, one line each as FILE:LINE: why (line 0: the whole file)."""
    for note in notes:
        where = f"{name}:{note.line}" if note.line else name
        print(f"{where}: {note.message}", file=sys.stderr)


def _import(ns: argparse.Namespace, opts: Options) -> int:
    from golive.data.checklist_import import import_file

    imported = import_file(ns.file)
    SPEAKING.lang = opts.lang or imported.plan.language
    _report_notes(ns.file, imported.notes)
    if ns.strict and imported.notes:
        raise UsageError("import.strict", name=ns.file, n=len(imported.notes))
    if not ns.out:
        sys.stdout.write(imported.toml)
        return 0
    out = Path(ns.out)
    tmp = out.with_name(f".{out.name}.tmp")
    try:
        tmp.write_text(imported.toml, encoding="utf-8")
        os.replace(tmp, out)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise UsageError(f"{out}: {exc.strerror or exc}") from None
    print(out)
    return 0


def open_store(opts: Options, *, create: bool = False, read_only: bool = False
               ) -> tuple[Store, bool]:
    """The store with the clock the options ask for; `create` makes a missing file;
    `read_only` opens it so that SQLite refuses every write."""
    ticks: list[Any] = []
    plan = load_plan(opts, ticks) if (opts.plan_file or create) else None
    if create:
        assert plan is not None
        clock = make_clock(plan.timezone, opts.now, opts.speed)
        store, created = Store.open_or_create(opts.db, plan, clock, opts.actor)
        if created:
            _record_ticks(store, ticks, opts.actor, opts.plan_file or "")
    else:
        store, created = Store.open(opts.db, make_clock("UTC", None), read_only=read_only), False
    # the stored plan is the plan: only an explicit --plan that differs is a mistake
    if opts.plan_file and plan is not None and not created and plan.source != store.plan.source:
        store.close()
        raise UsageError("usage.other_plan", db=str(opts.db), product=store.plan.product,
                         release=store.plan.release, plan=opts.plan_file or "(default)")
    store.clock = make_clock(store.plan.timezone, opts.now, opts.speed)
    if opts.lang:
        store.plan = _with_language(store.plan, opts.lang)
    SPEAKING.lang = store.plan.language
    return store, created


def _with_language(plan: Plan, lang: str) -> Plan:
    """--lang changes golive's own words (blockers, log, interface), never plan labels."""
    return dataclasses.replace(plan, language=lang)


# --- commands ------------------------------------------------------------------------------


def _command(ns: argparse.Namespace, store: Store) -> Command:
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
        return SetContact(ns.id, ns.name, ns.phone, ns.channel)
    if c == "staging-stable-since":
        return StagingStableSince(parse_instant(ns.instant, store.plan.timezone))
    if c == "note":
        return Note(ns.text)
    if c == "decide":
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


def _status(ns: argparse.Namespace, store: Store) -> int:
    from golive.data.report import board_to_dict
    from golive.data.status_text import status_text

    if ns.at:
        board = store.board_at(parse_instant(ns.at, store.plan.timezone))
    else:
        board = store.board()
    # the exit code is the verdict, also when the reader stops early (status | head)
    code = 0 if not board.blockers else 1
    try:
        if ns.json:
            data = {"mode": "rehearsal" if store.rehearsal else "real", **board_to_dict(board)}
            print(json.dumps(data, ensure_ascii=False, indent=2))
        else:
            if store.rehearsal:
                print(text(store.plan.language, "mode.rehearsal.line"))
            print(status_text(board))
        sys.stdout.flush()
    except BrokenPipeError:
        _stdout_gone()
    return code


def _stdout_gone() -> None:
    """The reader closed the pipe: send what is left to /dev/null, so Python's exit does
    not complain about it on stderr."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


def _verify(path: Path) -> int:
    from golive.progress import terminal_progress

    with terminal_progress() as progress:
        report = verify_file(path, progress)
    if report.ok:
        print(text(SPEAKING.lang, "cli.verified", n=report.events, head=report.head))
        return 0
    for problem in report.problems:
        print(f"{path}: {problem}", file=sys.stderr)
    return 1


def _export(ns: argparse.Namespace, store: Store) -> int:
    from golive.data.export import write_export
    from golive.data.export_file import ExportError
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


def _watch(opts: Options, *, served: bool = False) -> int:
    """The observer's cockpit: never creates, migrates or writes the file."""
    if served:  # a browser tab's cockpit under `golive serve`: ends with its connection
        os.environ["TEXTUAL_DRIVER"] = "golive.served:ServedDriver"
    from golive.cockpit import run_cockpit

    store, _ = open_store(opts, read_only=True)
    return run_cockpit(store, opts.actor, read_only=True)


def _announce(ns: argparse.Namespace, store: Store, actor: str) -> int:
    """Exit 0 when posted (or only printed), 1 when the channel did not take it; either
    way a post attempt is one event in the log."""
    from golive.data.announce import ChannelError, compose, load_channels, pick, post, title
    from golive.data.announce import reason_text as why
    from golive.data.commands import Announce
    from golive.data.texts import text as words

    lang = store.plan.language
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
    if not ns.send:
        print(body)
        return 0
    try:
        channel = pick(load_channels(lang), ns.channel, lang)
    except ChannelError as exc:
        raise UsageError(str(exc)) from None
    body = user_text(body, Term("key.announce"))  # what is posted is what the log can hold
    reason = post(channel, body, title(board))
    store.apply(Announce(channel.name, body, reason is None, reason), actor)
    if reason is None:
        print(words(lang, "announce.sent", channel=channel.name))
        return 0
    print(words(lang, "announce.notsent", channel=channel.name, why=why(lang, reason)),
          file=sys.stderr)
    return 1


def _serve(ns: argparse.Namespace, opts: Options) -> int:
    from golive.serve import ServeError, check_address, serve, tab_command

    try:
        check_address(ns.host, ns.port, ns.public)
        store, _ = open_store(opts, read_only=True)  # a file the tabs cannot open fails here
        title, lang = f"{store.plan.product} {store.plan.release}", store.plan.language
        store.close()
        url = ns.public_url or f"http://{ns.host}:{ns.port}"
        if ns.public:
            print(text(lang, "serve.warning", url=url), file=sys.stderr)
        command = tab_command(opts.db, now=opts.now, speed=opts.speed, lang=opts.lang)
        return serve(command, title, ns.host, ns.port, ns.public_url,
                     text(lang, "serve.serving", title=title, url=url))
    except ServeError as exc:
        raise UsageError(say(exc, SPEAKING.lang)) from None


def _rehearse(ns: argparse.Namespace, opts: Options) -> int:
    """A rehearsal copy of --db (or of the plan when there is none yet), opened in the
    cockpit on a clock of its own; the real file is only read."""
    import pendulum

    from golive.data.rehearsal import (
        discard,
        make_rehearsal,
        real_plan,
        rehearsal_start,
        temporary_path,
    )

    if opts.now is not None:
        raise UsageError("usage.rehearse_now")
    real = opts.db if opts.db.exists() else None
    if real is None:
        plan = load_plan(opts)
    else:
        plan = real_plan(real)
        if opts.plan_file and load_plan(opts).source != plan.source:
            raise UsageError("usage.other_plan", db=str(real), product=plan.product,
                             release=plan.release, plan=opts.plan_file)
    SPEAKING.lang = opts.lang or plan.language
    start = rehearsal_start(ns.start, plan, pendulum.now(plan.timezone))
    clock = make_clock(plan.timezone, start.isoformat(), opts.speed or 1.0)
    path = Path(ns.keep) if ns.keep else temporary_path(opts.db)
    store = make_rehearsal(path, plan, start, opts.actor, real)
    store.clock = clock
    if opts.lang:
        store.plan = _with_language(store.plan, opts.lang)
    from golive.cockpit import run_cockpit  # Textual is imported only here

    lang = store.plan.language
    try:
        return run_cockpit(store, opts.actor)
    finally:
        if not ns.keep:
            discard(path)
            print(text(lang, "mode.rehearsal.discarded"))
        else:
            print(text(lang, "mode.rehearsal.kept", path=path))


def run(argv: Sequence[str]) -> int:
    for n, arg in enumerate(argv, 1):
        # bytes that are not UTF-8 arrive as surrogates, which nothing can store or print
        readable(arg, Term("field.argument", n=n, value=_shown(arg)))
    ns = build_parser().parse_args(list(argv))
    opts = _options(ns)
    if ns.command is None and not ns.read_only:
        from golive.cockpit import run_cockpit  # Textual is imported only here

        store, _created = open_store(opts, create=True)
        return run_cockpit(store, opts.actor)
    if ns.command in (None, "watch"):
        return _watch(opts, served=getattr(ns, "served", False))
    if ns.command == "serve":
        return _serve(ns, opts)
    if ns.command == "init":
        if opts.db.exists():
            print(text(SPEAKING.lang, "cli.exists", db=str(opts.db)))
            return 0
        store, created = open_store(opts, create=True)
        mode = f" – {text(SPEAKING.lang, 'mode.rehearsal')}" if store.rehearsal else ""
        print(text(SPEAKING.lang, "cli.created", db=str(opts.db), product=store.plan.product,
                   release=store.plan.release, t0=store.plan.t0.isoformat()) + mode)
        store.close()
        return 0
    if ns.command == "verify":
        return _verify(opts.db)
    if ns.command == "rehearse":
        return _rehearse(ns, opts)
    if ns.command == "import":
        return _import(ns, opts)
    store, _ = open_store(opts)
    try:
        if ns.command == "status":
            return _status(ns, store)
        if ns.command == "export":
            return _export(ns, store)
        if ns.command == "announce":
            return _announce(ns, store, opts.actor)
        if ns.command == "approval-doc":
            from golive.data.approval_doc import approval_doc

            if store.rehearsal:
                print(text(store.plan.language, "mode.rehearsal.line"), end="\n\n")
            print(approval_doc(store.plan, store.board()), end="")
            return 0
        event = store.apply(_command(ns, store), opts.actor)
        print(text(SPEAKING.lang, "cli.recorded", seq=event.seq, kind=event.kind,
                   target=event.target).rstrip())
        return 0
    finally:
        store.close()


def language_hint(argv: Sequence[str]) -> str:
    """The language of an error before any plan is read: --lang, else the locale
    (LC_ALL, LC_MESSAGES, LANG) when it names German or English, else the embedded plan's
    (German). Once a file is open, its plan's language (or --lang) takes over."""
    args = list(argv)
    for n, arg in enumerate(args):
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
        if arg == "--lang" and n + 1 < len(args):
            return args[n + 1]
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value[:2] in ("de", "en"):
            return value[:2]
    return "de"


def main(argv: Sequence[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else list(argv)
    SPEAKING.lang = language_hint(args)
    try:
        return run(args)
    except (UsageError, PlanError, StoreError, Refused, ClockError, TextError) as exc:
        print(f"golive: {say(exc, SPEAKING.lang)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # a reader that stops early (golive export | head) is no error
        _stdout_gone()
        return 0


if __name__ == "__main__":
    sys.exit(main())
