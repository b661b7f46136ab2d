"""The `golive` command: the cockpit when called alone, a scriptable shell interface otherwise.

Non-UI commands never import Textual, so a deploy script's `golive check …` starts quickly.
Exit codes: 0 success, 1 verify found a problem, 2 bad input or an unusable file (one line
on stderr, never a traceback); `status` exits by the go-live's phase (golive.data.rules.phase:
0 GO-READY or on track, 1 NO-GO, 3 GO-READY in a rehearsal, 4 GO superseded, 5 rollback;
README table).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from golive.cli_commands import (
    announce_cmd,
    cockpit,
    command_of,
    export_cmd,
    rehearse_cmd,
    serve_cmd,
    status_cmd,
    stdout_gone,
    verify_cmd,
    watch_cmd,
)
from golive.cli_files import import_checklist_cmd, open_store
from golive.cli_parser import SPEAKING, UsageError, build_parser, language_hint, options_of, shown
from golive.data.changes.refused import Refused
from golive.data.log.dbfile import StoreError
from golive.data.log.replica import ReplicaError
from golive.data.plan.model import PlanError
from golive.data.texts.catalogue import Term, say, text
from golive.data.texts.user_text import TextError, readable
from golive.data.time.clock import ClockError

READERS = ("status", "export", "approval-doc")  # commands that never write the file


def run(argv: Sequence[str]) -> int:
    for n, arg in enumerate(argv, 1):
        # bytes that are not UTF-8 arrive as surrogates, which nothing can store or print
        readable(arg, Term("field.argument", n=n, value=shown(arg)))
    ns = build_parser().parse_args(list(argv))
    opts = options_of(ns)
    if ns.command is None and not ns.read_only:
        store, _created = open_store(opts, create=True)
        return cockpit()(store, opts.actor)
    if ns.command in (None, "watch"):
        return watch_cmd(opts, served=getattr(ns, "served", False))
    if ns.command == "serve":
        return serve_cmd(ns, opts)
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
        return verify_cmd(opts.db, accept=ns.accept, allowed=ns.allowed_signers,
                          anchor=ns.anchor)
    if ns.command in ("replicate", "restore"):
        from golive.cli_replica import replicate_cmd, restore_cmd

        return (replicate_cmd if ns.command == "replicate" else restore_cmd)(opts)
    if ns.command == "rehearse":
        return rehearse_cmd(ns, opts)
    if ns.command == "import":
        return import_checklist_cmd(ns, opts)
    reading = ns.command in READERS or (ns.command == "announce" and not ns.send)
    store, _ = open_store(opts, reading=reading)
    try:
        if ns.command == "status":
            return status_cmd(ns, store)
        if ns.command == "export":
            return export_cmd(ns, store)
        if ns.command == "announce":
            return announce_cmd(ns, store, opts.actor)
        if ns.command == "approval-doc":
            from golive.data.outputs.approval_doc import approval_doc

            doc = approval_doc(store.plan, store.board())  # read before anything is said
            if store.rehearsal:
                print(text(store.plan.language, "mode.rehearsal.line"), end="\n\n")
            print(doc, end="")
            return 0
        if ns.command == "statement":
            from golive.cli_sign import statement_cmd

            return statement_cmd(ns, store)
        from golive.data.outputs.describe import describe
        from golive.data.texts.user_text import one_line

        command = command_of(ns, store)
        if getattr(ns, "sign", None) or getattr(ns, "signature", None):
            from golive.cli_sign import with_signature

            command = with_signature(ns, store, command)
        event = store.apply(command, opts.actor)
        # the step in words, as the log shows it ("Deploy beendet", not "deploy golive")
        said = one_line(describe(event, store.plan, mask_phones=True))
        print(text(SPEAKING.lang, "cli.recorded", seq=event.seq, what=said))
        return 0
    finally:
        store.close()


def main(argv: Sequence[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else list(argv)
    SPEAKING.lang = language_hint(args)
    try:
        return run(args)
    except (UsageError, PlanError, StoreError, Refused, ClockError, TextError,
            ReplicaError) as exc:
        print(f"golive: {say(exc, SPEAKING.lang)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # a reader that stops early (golive export | head) is no error
        stdout_gone()
        return 0


if __name__ == "__main__":
    sys.exit(main())
