"""Signing from the command line: `--sign KEY` signs on the node with the person's own key
(or their agent), `golive statement …` prints what someone off the node signs, and
`--signature FILE` attaches what they send back. golive runs `ssh-keygen` and never sees
a private key."""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path
from typing import Any

from golive.cli_parser import UsageError
from golive.data.changes.refused import Refused
from golive.data.log.store import Store
from golive.data.signing.ssh_sig import SigError, sign
from golive.data.signing.statement import Signed, Statement, of_command, parse_statement

SIGNABLE = ("approve", "decide", "rollback")


def with_signature(ns: argparse.Namespace, store: Store, command: Any) -> Any:
    """The command with its signature (`--sign` or `--signature`), or as it is."""
    key: str | None = getattr(ns, "sign", None)
    sig_file: str | None = getattr(ns, "signature", None)
    if key is not None and sig_file is not None:
        raise UsageError("sig.sign_or_attach")
    if sig_file is None:
        if key is None:
            return command
        expected = _statement(store, command)
        try:
            signature = sign(expected.text(), key)
        except SigError as exc:
            raise Refused(exc.key or "", **exc.values) from None
        return dataclasses.replace(command, signed=Signed(signature.armored, expected.instant,
                                                          expected.head))
    expected = _statement(store, command)
    armored = _read(sig_file)
    statement_file: str | None = getattr(ns, "statement", None)
    if statement_file is None:
        if sig_file == "-" or not sig_file.endswith(".sig"):
            raise UsageError("statement.no_file")
        statement_file = sig_file[:-4]  # what ssh-keygen -Y sign FILE wrote FILE.sig for
    signed = parse_statement(_read(statement_file))
    for field in ("product", "release", "plan", "item", "decision", "person", "reason"):
        if getattr(signed, field) != getattr(expected, field):
            raise Refused("statement.differs", field=field, signed=repr(getattr(signed, field)),
                          here=repr(getattr(expected, field)))
    return dataclasses.replace(command, signed=Signed(armored, signed.instant, signed.head))


def _statement(store: Store, command: Any) -> Statement:
    state, count, head = store.read()
    return of_command(store.plan, state, command, store.clock.now(), (count, head))


def _read(path: str) -> str:
    if path == "-":
        return sys.stdin.read(64_000)
    try:
        return Path(path).read_text("utf-8")[:64_000]
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError("sig.read_failed", path=path,
                         why=getattr(exc, "strerror", None) or str(exc)) from None


def statement_cmd(ns: argparse.Namespace, store: Store) -> int:
    """`golive statement approve ID --by NAME` (decide go|no-go, rollback): the exact
    statement to sign, for a signer who is not on the node."""
    from golive.data.changes.commands import Approve, Decide
    from golive.data.changes.golive_commands import Rollback

    what, target = ns.what, ns.target
    command: Any
    if what == "approve":
        if not target or ns.reason:
            raise UsageError("usage.statement")
        command = Approve(target, ns.by)
    elif what == "decide":
        if target not in ("go", "no-go"):
            raise UsageError("usage.statement")
        command = Decide(target, ns.by, ns.reason)
    else:
        if target:
            raise UsageError("usage.statement")
        command = Rollback(ns.by, ns.reason)
    sys.stdout.write(_statement(store, command).text())
    return 0
