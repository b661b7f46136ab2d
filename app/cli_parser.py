"""The command line: every subcommand and option, argparse's own messages in the plan's
language, and the language golive speaks before a plan is read."""

from __future__ import annotations

import argparse
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

from golive.data.store import default_actor
from golive.data.texts import Said, Term
from golive.data.user_text import one_line, readable, user_name

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
ARGPARSE_WORDS = [
    (re.compile(r"the following arguments are required: (?P<what>.+)"), "usage.required"),
    (re.compile(r"argument (?P<arg>\S+): invalid choice: (?P<value>.+?) "
                r"\(choose from (?P<choices>.+)\)"), "usage.choice"),
    (re.compile(r"argument (?P<arg>\S+): expected one argument"), "usage.one_value"),
    (re.compile(r"argument (?P<arg>\S+): invalid (?P<kind>\S+) value: (?P<value>.+)"),
     "usage.bad_value"),
    (re.compile(r"unrecognized arguments: (?P<what>.+)"), "usage.unknown"),
]


class Parser(argparse.ArgumentParser):
    """argparse that reports a mistake in one line instead of a usage block."""

    def error(self, message: str) -> NoReturn:
        for pattern, key in ARGPARSE_WORDS:
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


def common_options(parser: argparse.ArgumentParser, suppress: bool) -> None:
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
    parser = Parser(prog="golive", description="Go-live cockpit: run without a command to "
                     "open the full-screen cockpit.")
    common_options(parser, suppress=False)
    parser.add_argument("--read-only", action="store_true",
                        help="open the cockpit as an observer: the file is opened read-only "
                             "and nothing can be changed (same as 'golive watch')")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)

    def cmd(name: str, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        common_options(p, suppress=True)
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


def shown(arg: str) -> str:
    """An argument as it can be printed: undecodable bytes as U+FFFD, cut at 40."""
    text = one_line(arg.encode("utf-8", "surrogateescape").decode("utf-8", "replace"))
    return text if len(text) <= 40 else text[:39] + "…"


def options_of(ns: argparse.Namespace) -> Options:
    db = getattr(ns, "db", None) or os.environ.get("GOLIVE_DB") or DEFAULT_DB
    readable(db, Term("field.db"))
    actor = getattr(ns, "actor", None)
    actor = default_actor() if actor is None else user_name(actor, Term("field.actor"))
    return Options(db=Path(db), plan_file=getattr(ns, "plan", None), actor=actor,
                   now=getattr(ns, "now", None), speed=getattr(ns, "speed", None),
                   lang=getattr(ns, "lang", None))


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
