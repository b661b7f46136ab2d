"""The command line: every subcommand and option, argparse's own messages in the plan's
language, and the language golive speaks before a plan is read."""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

from golive.argparse_words import speaking
from golive.data.texts.catalogue import Said, Term, has, text
from golive.data.texts.user_text import one_line, readable, user_name

DEFAULT_DB = "golive.sqlite"
NOBODY_ACTS = ("status", "verify", "export", "approval-doc")  # commands that write no event


@dataclass
class Speaking:
    """The language golive's own lines are in: a guess until a plan is read, then the
    plan's (or --lang)."""

    lang: str = "de"


SPEAKING = Speaking()


class UsageError(Said):
    """Bad command-line input; text(lang) is the one line shown."""


class Parser(argparse.ArgumentParser):
    """argparse that reports a mistake in one line instead of a usage block. Its words
    are already in golive's language (parse() runs it inside argparse_words.speaking)."""

    def error(self, message: str) -> NoReturn:
        raise UsageError("usage.argparse", what=message, prog=self.prog)


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
    parser.add_argument("--speed", default=d, type=number(lang, float), metavar="N",
                        help=h("speed"))
    parser.add_argument("--lang", default=d, choices=["de", "en"], help=h("lang"))


def parse(argv: Sequence[str], lang: str | None = None) -> argparse.Namespace:
    """The command line read in `lang` (default: the language golive speaks at the
    moment, see language_hint): argparse's errors, usage and headings included.

    Built with only the named subcommand where that is certain (building all of them
    with their options is most of what `golive status` spends before it reads the file);
    the whole parser where it is not or the short one objects, so every message is the
    one the whole parser gives."""
    lang = lang or SPEAKING.lang
    args = list(argv)
    with speaking(lang):
        name = command_named(args)
        if name is not None:
            try:
                ns = build_parser(lang, only=name).parse_args(args)
            except UsageError:
                ns = None
            if ns is not None and ns.command == (name or None):
                return ns
        return build_parser(lang).parse_args(args)


# every subcommand, in --help's order
COMMANDS = ("init", "watch", "serve", "status", "approve", "reject", "revoke", "gate",
            "check", "contact", "staging-stable-since", "note", "decide", "deploy",
            "rollback", "statement", "outcome", "correct", "verify", "export",
            "approval-doc", "announce", "import", "replicate", "restore", "rehearse")
# the options before the subcommand that take a value (--opt VALUE or --opt=VALUE)
VALUE_OPTIONS = ("--db", "--plan", "--as", "--now", "--speed", "--lang")


def command_named(args: list[str]) -> str | None:
    """The subcommand args name when that is certain: every word before it is one of the
    common options spelled out (with its value) or --read-only; "" where every word is
    one and there is no command (the cockpit: no subcommand is built before its first
    frame). None otherwise (an abbreviation, --help, another word)."""
    n = 0
    while n < len(args):
        arg = args[n]
        if arg in VALUE_OPTIONS:
            n += 2
        elif ("=" in arg and arg.split("=", 1)[0] in VALUE_OPTIONS) or arg == "--read-only":
            n += 1
        else:
            return arg if arg in COMMANDS else None
    return ""


class _Skipped:
    """Stands in for a subcommand's parser that this parse does not need: its arguments
    are not built (build_parser(only=...))."""

    def add_argument(self, *args: Any, **kwargs: Any) -> None:
        pass

    def add_mutually_exclusive_group(self) -> _Skipped:
        return self


def number(lang: str, kind: type[int] | type[float]) -> Callable[[str], int | float]:
    """argparse's type for a number, whose error says what was wrong in `lang`."""
    def convert(value: str) -> int | float:
        try:
            return kind(value)
        except ValueError:
            key = "argparse.whole" if kind is int else "argparse.number"
            raise argparse.ArgumentTypeError(text(lang, key, value=repr(value))) from None
    return convert


def build_parser(lang: str | None = None, only: str | None = None) -> argparse.ArgumentParser:
    """Every command and option (with `only`, that one command; none for ""), its help in
    `lang` (default: the language golive speaks at the moment, see language_hint). Build
    it inside argparse_words.speaking(lang) for argparse's own headings in that language
    (parse() does)."""
    lang = lang or SPEAKING.lang

    def h(key: str) -> str:
        return text(lang, f"help.{key}")

    def called(key: str) -> str:  # a positional argument's name, in help and in errors
        return text(lang, key)

    parser = Parser(prog="golive", description=h("golive"), add_help=False)
    common_options(parser, suppress=False, lang=lang)
    parser.add_argument("--read-only", action="store_true", help=h("read_only"))
    sub = parser.add_subparsers(dest="command", metavar=called("arg.command"),
                                parser_class=Parser, title=h("commands"))

    def cmd(name: str) -> Any:  # a parser, or a stand-in that builds nothing
        if only is not None and name != only:
            return _Skipped()
        help_text = h(f"cmd.{name}")
        p = sub.add_parser(name, help=help_text, description=help_text, add_help=False)
        common_options(p, suppress=True, lang=lang)
        return p

    p = cmd("init")
    p.add_argument("--from-rehearsal", action="store_true", help=h("from_rehearsal"))
    p.add_argument("--replica", metavar="URL", help=h("init_replica"))
    checklist_facts(p, h)
    p = cmd("watch")
    p.add_argument("--served", action="store_true", help=argparse.SUPPRESS)
    p = cmd("serve")
    p.add_argument("--host", default="127.0.0.1", help=h("host"))
    p.add_argument("--port", type=number(lang, int), default=8000, help=h("port"))
    p.add_argument("--public", action="store_true", help=h("public"))
    p.add_argument("--public-url", metavar="URL", help=h("public_url"))
    p = cmd("status")
    shape = p.add_mutually_exclusive_group()
    shape.add_argument("--json", action="store_true", help=h("json"))
    shape.add_argument("--line", action="store_true", help=h("line"))
    p.add_argument("--at", metavar="ISO", help=h("at"))
    for name in ("approve", "reject", "revoke"):
        p = cmd(name)
        p.add_argument("id", metavar=called("arg.id"), help=h("signoff_id"))
        if name != "revoke":
            p.add_argument("--by", required=True, metavar="NAME", help=h(f"{name}_by"))
        if name != "approve":
            p.add_argument("--reason", required=True, help=h("reason_required"))
        else:
            signing_options(p, lang)
    p = cmd("gate")
    p.add_argument("id", metavar=called("arg.id"), help=h("gate_id"))
    p.add_argument("state", choices=["green", "red", "open"], metavar=called("arg.state"),
                   help=h("gate_state"))
    p.add_argument("--note", help=h("gate_note"))
    p = cmd("check")
    p.add_argument("id", metavar=called("arg.id"), help=h("check_id"))
    p.add_argument("--undo", action="store_true", help=h("undo"))
    p = cmd("contact")
    p.add_argument("id", metavar=called("arg.id"), help=h("contact_id"))
    p.add_argument("--name", help=h("contact_name"))
    p.add_argument("--phone", help=h("contact_phone"))
    p.add_argument("--channel", help=h("contact_channel"))
    p = cmd("staging-stable-since")
    p.add_argument("instant", metavar="ISO", help=h("staging_instant"))
    p.add_argument("--reason", help=h("staging_reason"))
    p = cmd("note")
    p.add_argument("text", metavar=called("arg.text"), help=h("note_text"))
    p = cmd("decide")
    p.add_argument("decision", choices=["go", "no-go"], metavar=called("arg.decision"),
                   help=h("decision"))
    p.add_argument("--by", required=True, metavar="NAME", help=h("decide_by"))
    p.add_argument("--reason", help=h("decide_reason"))
    p.add_argument("--new-attempt", action="store_true", help=h("decide_new_attempt"))
    signing_options(p, lang)
    p = cmd("deploy")
    p.add_argument("step", choices=["started", "finished", "verified"], metavar=called("arg.step"),
                   help=h("deploy_step"))
    p = cmd("rollback")
    p.add_argument("finished", nargs="?", choices=["finished"], metavar=called("arg.step"),
                   help=h("rollback_finished"))
    p.add_argument("--by", metavar="NAME", help=h("rollback_by"))
    p.add_argument("--reason", help=h("reason_required"))
    signing_options(p, lang)
    p = cmd("statement")
    p.add_argument("what", choices=["approve", "decide", "rollback"], metavar=called("arg.what"),
                   help=h("statement_what"))
    p.add_argument("target", nargs="?", metavar="ID|go|no-go", help=h("statement_target"))
    p.add_argument("--by", required=True, metavar="NAME", help=h("statement_by"))
    p.add_argument("--reason", help=h("decide_reason"))
    p = cmd("outcome")
    p.add_argument("outcome", choices=["success"], metavar=called("arg.outcome"),
                   help=h("outcome"))
    p = cmd("correct")
    p.add_argument("seq", type=number(lang, int), metavar=called("arg.seq"), help=h("correct_seq"))
    p.add_argument("--reason", required=True, help=h("reason_required"))
    p = cmd("verify")
    p.add_argument("--accept", action="store_true", help=h("accept"))
    p.add_argument("--anchor", metavar="HEAD", help=h("anchor"))
    p.add_argument("--allowed-signers", metavar="FILE", help=h("allowed_signers"))
    p = cmd("export")
    p.add_argument("--out", metavar="DIR", help=h("export_out"))
    p.add_argument("--format", choices=["md", "json", "checklist"], default="md",
                   help=h("format"))
    p.add_argument("--with-phones", action="store_true", help=h("with_phones"))
    cmd("approval-doc")
    p = cmd("announce")
    p.add_argument("--send", action="store_true", help=h("send"))
    p.add_argument("--channel", metavar="NAME", help=h("channel"))
    p.add_argument("--text", metavar="FILE", help=h("text"))
    p.add_argument("--yes", action="store_true", help=h("announce_yes"))
    p = cmd("import")
    p.add_argument("file", metavar=called("arg.file_md"), help=h("import_file"))
    p.add_argument("--out", metavar="PLAN.toml", help=h("import_out"))
    p.add_argument("--strict", action="store_true", help=h("strict"))
    shown_as = p.add_mutually_exclusive_group()  # the report, or the preview screen
    shown_as.add_argument("--report", action="store_true", help=h("import_report"))
    shown_as.add_argument("--preview", action="store_true", help=h("import_preview"))
    checklist_facts(p, h)
    p = cmd("replicate")
    p = cmd("restore")
    p.add_argument("--to", metavar="PATH", help=h("restore_to"))
    p.add_argument("--at", metavar="ISO", help=h("restore_at"))
    p = cmd("rehearse")
    p.add_argument("--from", dest="start", metavar="T-25h|ISO", help=h("from"))
    p.add_argument("--keep", metavar="PATH", help=h("keep"))
    for each in (parser, *sub.choices.values()):
        value_names(each, lang)
    return parser


def value_names(parser: argparse.ArgumentParser, lang: str) -> None:
    """Each option's value placeholder in `lang` (--db PFAD, --reason GRUND): argparse
    shows the metavar, else the dest in capitals; the catalogue's "arg.*" entries say
    them (NAME, ISO, N, URL stay as they are)."""
    for action in parser._actions:
        if action.option_strings and action.nargs != 0 and not action.choices:
            shown = action.metavar if isinstance(action.metavar, str) else action.dest.upper()
            if has(f"arg.{shown.lower()}"):
                action.metavar = text(lang, f"arg.{shown.lower()}")


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
    if actor is not None:
        actor = user_name(actor, Term("field.actor"))
    elif ns.command in NOBODY_ACTS:
        actor = ""  # never asked: the login name costs a status line getpass and termios
    else:
        from golive.data.log.store import default_actor  # the writers' module, loaded anyway

        actor = default_actor()
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
        asked = (arg.split("=", 1)[1] if arg.startswith("--lang=")
                 else args[n + 1] if arg == "--lang" and n + 1 < len(args) else None)
        if asked in ("de", "en"):  # "--lang fr" is refused in the language found below
            return asked
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value[:2] in ("de", "en"):
            return value[:2]
    return "de"
