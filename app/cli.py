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

from golive.cli_parser import SPEAKING, language_hint, options_of, parse, shown
from golive.data.texts.catalogue import Said, Term, say, text
from golive.data.texts.user_text import readable

READERS = ("status", "export", "approval-doc")  # commands that never write the file


def run(argv: Sequence[str]) -> int:
    for n, arg in enumerate(argv, 1):
        # bytes that are not UTF-8 arrive as surrogates, which nothing can store or print
        readable(arg, Term("field.argument", n=n, value=shown(arg)))
    ns = parse(argv)
    opts = options_of(ns)
    # each command loads what it uses: a status line asked for every second loads no
    # writer, checker, exporter or cockpit
    from golive.cli_files import open_store

    if ns.command is None and not ns.read_only:
        from golive.cli_commands import cockpit

        store, _created = open_store(opts, create=True)
        return cockpit()(store, opts.actor)
    if ns.command in (None, "watch"):
        from golive.cli_commands import watch_cmd

        return watch_cmd(opts, served=getattr(ns, "served", False))
    if ns.command == "serve":
        from golive.cli_commands import serve_cmd

        return serve_cmd(ns, opts)
    if ns.command == "init":
        if ns.replica:  # the copy off the node first: a file that exists already gets it too
            from golive.cli_replica import set_up_replica

            set_up_replica(ns.replica, opts)
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
        from golive.cli_commands import verify_cmd

        return verify_cmd(opts.db, accept=ns.accept, allowed=ns.allowed_signers,
                          anchor=ns.anchor)
    if ns.command in ("replicate", "restore"):
        from golive.cli_replica import replicate_cmd, restore_cmd

        return replicate_cmd(opts) if ns.command == "replicate" else restore_cmd(ns, opts)
    if ns.command == "rehearse":
        from golive.cli_commands import rehearse_cmd

        return rehearse_cmd(ns, opts)
    if ns.command == "import":
        from golive.cli_files import import_checklist_cmd

        return import_checklist_cmd(ns, opts)
    reading = ns.command in READERS or (ns.command == "announce" and not ns.send)
    store, _ = open_store(opts, reading=reading)
    try:
        if ns.command == "status":
            from golive.cli_status import status_cmd

            return status_cmd(ns, store)
        if ns.command == "export":
            from golive.cli_commands import export_cmd

            return export_cmd(ns, store)
        if ns.command == "announce":
            from golive.cli_commands import announce_cmd

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
        from golive.cli_commands import command_of
        from golive.data.outputs.describe import describe
        from golive.data.texts.user_text import one_line

        command = command_of(ns, store)
        if getattr(ns, "sign", None) or getattr(ns, "signature", None):
            from golive.cli_sign import with_signature

            command = with_signature(ns, store, command)
        event = store.apply(command, opts.actor)
        # the step in words, as the log shows it ("Deploy beendet", not "deploy golive")
        said = one_line(describe(event, store.plan, mask_phones=True, short_times=True))
        print(text(SPEAKING.lang, "cli.recorded", seq=event.seq, what=said))
        return 0
    finally:
        store.close()


def main(argv: Sequence[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else list(argv)
    SPEAKING.lang = language_hint(args)
    try:
        return run(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # a reader that stops early (golive export | head) is no error
        from golive.cli_status import stdout_gone

        stdout_gone()
        return 0
    except Exception as exc:
        if not said(exc):
            raise
        print(f"golive: {say(exc, SPEAKING.lang)}", file=sys.stderr)
        return 2


def said(exc: Exception) -> bool:
    """An error meant for the user (bad input, an unusable file or plan, a refused
    change, a replica's trouble): every one of golive's own but a plan's is a Said. The
    plan's error is looked up only here, so a command that never reads a plan does not
    load the plan model to catch it."""
    if isinstance(exc, Said):
        return True
    from golive.data.plan.model import PlanError

    return isinstance(exc, PlanError)


if __name__ == "__main__":
    sys.exit(main())
