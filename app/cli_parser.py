"""The command line: every subcommand and option, argparse's own messages in the plan's
language, and the language golive speaks before a plan is read."""

from __future__ import annotations

import argparse
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

from golive.data.texts.catalogue import Said, Term, text
from golive.data.texts.user_text import one_line, readable, user_name

DEFAULT_DB = "golive.sqlite"


@dataclass
class Speaking:
    """The language golive's own lines are in: a guess until a plan is read, then the
    plan's (or --lang)."""

    lang: str = "de"


SPEAKING = Speaking()


class UsageError(Said):
    """Bad command-line input; text(lang) is the one line shown."""


# argparse's own messages, said in German too (the catalogue's "usage.*" entries);
# compiled by re's cache on the first mistake, not at every start
ARGPARSE_WORDS = [
    (r"the following arguments are required: (?P<what>.+)", "usage.required"),
    (r"argument (?P<arg>\S+): invalid choice: (?P<value>.+?) "
     r"\(choose from (?P<choices>.+)\)", "usage.choice"),
    (r"argument (?P<arg>\S+): expected one argument", "usage.one_value"),
    (r"argument (?P<arg>\S+): invalid (?P<kind>\S+) value: (?P<value>.+)", "usage.bad_value"),
    (r"unrecognized arguments: (?P<what>.+)", "usage.unknown"),
    (r"argument (?P<arg>\S+): not allowed with argument (?P<other>\S+)", "usage.not_with"),
]


class Parser(argparse.ArgumentParser):
    """argparse that reports a mistake in one line instead of a usage block."""

    def error(self, message: str) -> NoReturn:
        for pattern, key in ARGPARSE_WORDS:
            match = re.fullmatch(pattern, message)
            if match:
                raise UsageError(key, **match.groupdict())
        raise UsageError("usage.other", what=message)


@dataclass
class Options:
    """The common options every command takes, checked."""

    db: Path
    plan_file: str | None
    actor: str
    now: str | None
    speed: float | None
    lang: str | None
    from_rehearsal: bool = False  # init: a real file from a rehearsal's checklist, logged
    given: dict[str, str] | None = None  # --t0, --product, --release for a checklist


class HelpFormatter(argparse.HelpFormatter):
    """argparse's help with its own headings in golive's language."""

    def __init__(self, prog: str, lang: str = "en") -> None:
        super().__init__(prog)
        self.lang = lang

    def add_usage(self, usage: str | None, actions: Any, groups: Any,
                  prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups,
                          text(self.lang, "help.usage") if prefix is None else prefix)

    def start_section(self, heading: str | None) -> None:
        known = {"positional arguments": "help.positional", "options": "help.options"}
        key = known.get(heading or "")
        super().start_section(text(self.lang, key) if key else heading)


def common_options(parser: argparse.ArgumentParser, suppress: bool, lang: str) -> None:
    """The options every command takes, accepted before or after the subcommand."""
    def h(key: str, **values: Any) -> str:
        return text(lang, f"help.{key}", **values)
    d = argparse.SUPPRESS if suppress else None
    parser.add_argument("-h", "--help", action="help", help=h("help"))
    parser.add_argument("--db", default=d, metavar="PATH", help=h("db", default=DEFAULT_DB))
    parser.add_argument("--plan", default=d, metavar="FILE", help=h("plan"))
    parser.add_argument("--as", dest="actor", default=d, metavar="NAME", help=h("as"))
    parser.add_argument("--now", default=d, metavar="ISO", help=h("now"))
    parser.add_argument("--speed", default=d, type=float, metavar="N", help=h("speed"))
    parser.add_argument("--lang", default=d, choices=["de", "en"], help=h("lang"))


# the options before the subcommand that take a value (--opt VALUE or --opt=VALUE)
VALUE_OPTIONS = ("--db", "--plan", "--as", "--now", "--speed", "--lang")


def command_named(argv: Sequence[str]) -> str | None:
    """The subcommand argv names when that is certain: every word before it is one of the
    common options spelled out (with its value) or --read-only. None otherwise (an
    abbreviation, --help, no command), and the whole parser is built."""
    args = list(argv)
    n = 0
    while n < len(args):
        arg = args[n]
        if arg in VALUE_OPTIONS:
            n += 2
        elif arg.split("=", 1)[0] in VALUE_OPTIONS and "=" in arg or arg == "--read-only":
            n += 1
        else:
            return arg if arg in COMMANDS else None
    return None


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    """argv parsed by a parser that holds only the named subcommand (building all 26 with
    their options is most of what `golive status` spends before it reads the file); the
    whole parser where the command is not certain or the short one objects, so every
    message is the one the whole parser gives."""
    name = command_named(argv)
    if name is not None:
        try:
            ns = build_parser(only=name).parse_args(list(argv))
        except UsageError:
            ns = None
        if ns is not None and ns.command == name:
            return ns
    return build_parser().parse_args(list(argv))


def build_parser(lang: str | None = None, only: str | None = None) -> argparse.ArgumentParser:
    """Every command and option, its help in `lang` (default: the language golive speaks
    at the moment, see language_hint); with `only`, that one command."""
    lang = lang or SPEAKING.lang

    def h(key: str) -> str:
        return text(lang, f"help.{key}")

    def formatter(prog: str) -> HelpFormatter:
        return HelpFormatter(prog, lang)

    parser = Parser(prog="golive", description=h("golive"), add_help=False,
                    formatter_class=formatter)
    common_options(parser, suppress=False, lang=lang)
    parser.add_argument("--read-only", action="store_true", help=h("read_only"))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser,
                                title=h("commands"))
    for name, arguments in COMMANDS.items():
        if only is not None and name != only:
            continue
        help_text = h(f"cmd.{name}")
        p = sub.add_parser(name, help=help_text, description=help_text, add_help=False,
                           formatter_class=formatter)
        common_options(p, suppress=True, lang=lang)
        arguments(p, h, lang)
    return parser


Help = Callable[[str], str]


def _none(p: argparse.ArgumentParser, h: Help, lang: str) -> None:
    """A command without arguments of its own."""


def _init(p: argparse.ArgumentParser, h: Help, lang: str) -> None:
    p.add_argument("--from-rehearsal", action="store_true", help=h("from_rehearsal"))
    checklist_facts(p, h)


def _watch(p: argparse.ArgumentParser, h: Help, lang: str) -> None:
    p.add_argument("--served", action="store_true", help=argparse.SUPPRESS)


def _serve(p: argparse.ArgumentParser, h: Help, lang: str) -> None:
    p.add_argument("--host", default="127.0.0.1", help=h("host"))
    p.add_argument("--port", type=int, default=8000, help=h("port"))
    p.add_argument("--public", action="store_true", help=h("public"))
    p.add_argument("--public-url", metavar="URL", help=h("public_url"))


def _status(p: argparse.ArgumentParser, h: Help, lang: str) -> None:
    shape = p.add_mutually_exclusive_group()
    shape.add_argument("--json", action="store_true", help=h("json"))
    shape.add_argument("--line", action="store_true", help=h("line"))
    p.add_argument("--at", metavar="ISO", help=h("at"))


def _signoff(name: str) -> Callable[[argparse.ArgumentParser, Help, str], None]:
    def arguments(p: argparse.ArgumentParser, h: Help, lang: str) -> None:
        p.add_argument("id", help=h("signoff_id"))
        if name != "revoke":
            p.add_argument("--by", required=True, metavar="NAME", help=h(f"{name}_by"))
        if name != "approve":
            p.add_argument("--reason", required=True, help=h("reason_required"))
        else:
            signing_options(p, lang)
    return arguments


def _gate(p: argparse.ArgumentParser, h: Help, lang: str) -> None:
    p.add_argument("id", help=h("gate_id"))
    p.add_argument("state", choices=["green", "red", "open"], help=h("gate_state"))
    p.add_argument("--note", help=h("gate_note"))


def _check(p: argparse.ArgumentParser, h: Help, lang: str) -> None:
    p.add_argument("id", help=h("check_id"))
    p.add_argument("--undo", action="store_true", help=h("undo"))


def _contact(p: argparse.ArgumentParser, h: Help, lang: str) -> None:
    p.add_argument("id", help=h("contact_id"))
    p.add_argument("--name", help=h("contact_name"))
    p.add_argument("--phone", help=h("contact_phone"))
    p.add_argument("--channel", help=h("contact_channel"))


def _staging(p: argparse.ArgumentParser, h: Help, lang: str) -> None:
    p.add_argument("instant", metavar="ISO", help=h("staging_instant"))
    p.add_argument("--reason", help=h("staging_reason"))


def _note(p: argparse.ArgumentParser, h: Help, lang: str) -> None:
    p.add_argument("text", help=h("note_text"))


def _decide(p: argparse.ArgumentParser, h: Help, lang: str) -> None:
    p.add_argument("decision", choices=["go", "no-go"], help=h("decision"))
    p.add_argument("--by", required=True, metavar="NAME", help=h("decide_by"))
    p.add_argument("--reason", help=h("decide_reason"))
    signing_options(p, lang)


def _deploy(p: argparse.ArgumentParser, h: Help, lang: str) -> None:
    p.add_argument("step", choices=["started", "finished", "verified"], help=h("deploy_step"))


def _rollback(p: argparse.ArgumentParser, h: Help, lang: str) -> None:
    p.add_argument("finished", nargs="?", choices=["finished"], help=h("rollback_finished"))
    p.add_argument("--by", metavar="NAME", help=h("rollback_by"))
    p.add_argument("--reason", help=h("reason_required"))
    signing_options(p, lang)


def _statement(p: argparse.ArgumentParser, h: Help, lang: str) -> None:
    p.add_argument("what", choices=["approve", "decide", "rollback"], help=h("statement_what"))
    p.add_argument("target", nargs="?", metavar="ID|go|no-go", help=h("statement_target"))
    p.add_argument("--by", required=True, metavar="NAME", help=h("statement_by"))
    p.add_argument("--reason", help=h("decide_reason"))


def _outcome(p: argparse.ArgumentParser, h: Help, lang: str) -> None:
    p.add_argument("outcome", choices=["success"], help=h("outcome"))


def _correct(p: argparse.ArgumentParser, h: Help, lang: str) -> None:
    p.add_argument("seq", type=int, metavar="SEQ", help=h("correct_seq"))
    p.add_argument("--reason", required=True, help=h("reason_required"))


def _verify(p: argparse.ArgumentParser, h: Help, lang: str) -> None:
    p.add_argument("--accept", action="store_true", help=h("accept"))
    p.add_argument("--anchor", metavar="HEAD", help=h("anchor"))
    p.add_argument("--allowed-signers", metavar="FILE", help=h("allowed_signers"))


def _export(p: argparse.ArgumentParser, h: Help, lang: str) -> None:
    p.add_argument("--out", metavar="DIR", help=h("export_out"))
    p.add_argument("--format", choices=["md", "json", "checklist"], default="md",
                   help=h("format"))
    p.add_argument("--with-phones", action="store_true", help=h("with_phones"))


def _announce(p: argparse.ArgumentParser, h: Help, lang: str) -> None:
    p.add_argument("--send", action="store_true", help=h("send"))
    p.add_argument("--channel", metavar="NAME", help=h("channel"))
    p.add_argument("--text", metavar="FILE", help=h("text"))
    p.add_argument("--yes", action="store_true", help=h("announce_yes"))


def _import(p: argparse.ArgumentParser, h: Help, lang: str) -> None:
    p.add_argument("file", metavar="FILE.md", help=h("import_file"))
    p.add_argument("--out", metavar="PLAN.toml", help=h("import_out"))
    p.add_argument("--strict", action="store_true", help=h("strict"))
    checklist_facts(p, h)


def _rehearse(p: argparse.ArgumentParser, h: Help, lang: str) -> None:
    p.add_argument("--from", dest="start", metavar="T-25h|ISO", help=h("from"))
    p.add_argument("--keep", metavar="PATH", help=h("keep"))


# every subcommand in --help's order, with what adds its own arguments
COMMANDS: dict[str, Callable[[argparse.ArgumentParser, Help, str], None]] = {
    "init": _init, "watch": _watch, "serve": _serve, "status": _status,
    "approve": _signoff("approve"), "reject": _signoff("reject"),
    "revoke": _signoff("revoke"), "gate": _gate, "check": _check, "contact": _contact,
    "staging-stable-since": _staging, "note": _note, "decide": _decide, "deploy": _deploy,
    "rollback": _rollback, "statement": _statement, "outcome": _outcome,
    "correct": _correct, "verify": _verify, "export": _export, "approval-doc": _none,
    "announce": _announce, "import": _import, "replicate": _none, "restore": _none,
    "rehearse": _rehearse,
}


def signing_options(p: argparse.ArgumentParser, lang: str) -> None:
    """--sign KEY (on the node) or --signature FILE (made elsewhere) for a signed entry."""
    p.add_argument("--sign", metavar="KEY", help=text(lang, "help.sign"))
    p.add_argument("--signature", metavar="FILE", help=text(lang, "help.signature"))
    p.add_argument("--statement", metavar="FILE", help=text(lang, "help.statement_file"))


def shown(arg: str) -> str:
    """An argument as it can be printed: undecodable bytes as U+FFFD, cut at 40."""
    text = one_line(arg.encode("utf-8", "surrogateescape").decode("utf-8", "replace"))
    return text if len(text) <= 40 else text[:39] + "…"


def file_name(name: str, option: str) -> Path:
    """A database path as SQLite will take it: ':memory:' and 'file:…' would be read as an
    in-memory database or a URI (and init once made a file ':memory:' it then refused)."""
    if name == ":memory:" or name.lower().startswith("file:"):
        raise UsageError("usage.db_special", option=option, name=shown(name))
    return Path(name)


def checklist_facts(p: argparse.ArgumentParser, h: Any) -> None:
    """What a Markdown checklist may not say: T-0, product, release."""
    p.add_argument("--t0", metavar="ISO", help=h("t0"))
    p.add_argument("--product", metavar="NAME", help=h("product"))
    p.add_argument("--release", metavar="NAME", help=h("release"))


def options_of(ns: argparse.Namespace) -> Options:
    db = getattr(ns, "db", None) or os.environ.get("GOLIVE_DB") or DEFAULT_DB
    readable(db, Term("field.db"))
    file_name(db, "--db")
    actor = getattr(ns, "actor", None)
    if actor is None:
        from golive.data.log.store import default_actor  # the writers' module, loaded anyway

        actor = default_actor()
    else:
        actor = user_name(actor, Term("field.actor"))
    return Options(db=Path(db), plan_file=getattr(ns, "plan", None), actor=actor,
                   now=getattr(ns, "now", None), speed=getattr(ns, "speed", None),
                   lang=getattr(ns, "lang", None),
                   from_rehearsal=getattr(ns, "from_rehearsal", False),
                   given={k: getattr(ns, k, None) or "" for k in ("t0", "product", "release")})


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
