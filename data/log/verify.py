"""`golive verify`: recompute the chain, check the file, and compare the stored state with
the fold of the log, naming the first event that is wrong.
"""

from __future__ import annotations

import dataclasses
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from golive.data.log import seen_heads
from golive.data.log.chain import Progress, Trusted, is_real, walk
from golive.data.log.dbfile import StoreError, connect, error_text, friendly
from golive.data.log.eventlog import meaningful, read_state
from golive.data.log.events import DamagedEvent, canonical_json
from golive.data.log.schema import SCHEMA_VERSION, check_schema, schema_problem
from golive.data.log.seen_heads import Seen
from golive.data.texts.catalogue import Term


@dataclass(frozen=True)
class VerifyReport:
    events: int  # proven, from the first
    head: str
    found: tuple[Term, ...]  # each problem, in the catalogue's words
    trusted: Trusted | None = None  # the fold up to `events`
    signed: int = 0  # signatures that hold

    @property
    def ok(self) -> bool:
        return not self.found

    @property
    def problems(self) -> tuple[str, ...]:
        """The problems in English (logs, tests); `lines(lang)` for a reader."""
        return self.lines("en")

    def lines(self, lang: str) -> tuple[str, ...]:
        return tuple(problem.text(lang) for problem in self.found)


def verify_log(conn: sqlite3.Connection, progress: Progress | None = None,
               seen: Seen | None = None) -> VerifyReport:
    """Walk the whole chain from its first event (chain.walk), run SQLite's integrity
    check, compare the stored state with the fold, and, where golive remembers a head of
    this file (`seen`), check that the file still holds it. Names the first bad event.
    Needs no plan, so a tampered plan event is reported like any other."""
    problems: list[Term] = []
    try:
        walked = walk(conn, Trusted(), real=is_real(conn), progress=progress)
        integrity = [r[0] for r in conn.execute("PRAGMA integrity_check")]
    except DamagedEvent as exc:
        damage = Term(exc.key or "", **exc.values)
        return VerifyReport(exc.seq - 1, "", (Term("verify.damaged", what=damage),))
    except (sqlite3.Error, ValueError, KeyError, TypeError, RecursionError) as exc:
        return VerifyReport(0, "", (Term("verify.unreadable", msg=error_text(exc)),))
    trusted = walked.trusted
    if walked.problem is not None:
        problems.append(walked.problem)
    if integrity != ["ok"]:
        problems.append(Term("verify.integrity", details="; ".join(integrity[:3])))
    if seen is not None:
        problems.extend(_against_seen(conn, seen))
    if not problems:
        try:
            stored = meaningful(read_state(conn).records())
        except (ValueError, TypeError, AttributeError, RecursionError):
            stored = None
            problems.append(Term("verify.state_unreadable"))
        folded = meaningful(trusted.state.records())
        for key in sorted((stored or {}).keys() | folded.keys()):
            if stored is not None and (key not in stored or key not in folded or canonical_json(
                    stored[key]) != canonical_json(folded[key])):  # 2.0 is not 2, true not 1
                problems.append(Term("verify.state_differs", key=key))
                break
    schema = schema_problem(conn, SCHEMA_VERSION)
    if schema is not None:  # said without the advice to run verify, which this is
        problems.append(schema if schema.key != "schema.triggers"
                        else Term("verify.triggers", **schema.values))
    return VerifyReport(trusted.seq, trusted.hash, tuple(problems), trusted)


def _against_seen(conn: sqlite3.Connection, seen: Seen) -> list[Term]:
    """The file against the head golive remembers of it: still there, same history."""
    row = conn.execute("SELECT hash FROM events WHERE seq = 1").fetchone()
    if row is None or row[0] != seen.genesis:
        return [Term("seen.replaced", seq=seen.trusted.seq, when=seen.when)]
    last = conn.execute("SELECT max(seq) FROM events").fetchone()[0] or 0
    if last < seen.trusted.seq:
        return [Term("seen.behind", seq=last, seen=seen.trusted.seq)]
    row = conn.execute("SELECT hash FROM events WHERE seq = ?",
                       (seen.trusted.seq,)).fetchone()
    if row is None or row[0] != seen.trusted.hash:
        return [Term("seen.rewritten", seq=seen.trusted.seq)]
    return []


def with_signatures(conn: sqlite3.Connection, path: Path, report: VerifyReport,
                    allowed: Path | None) -> VerifyReport:
    """The report with every signed event checked against the plan's roster (or the
    allowed_signers file `allowed`); a file whose plan cannot be read has said so."""
    from golive.data.log.eventlog import stored_plan
    from golive.data.signing.signatures import verify_signatures

    try:
        plan, _ = stored_plan(conn, path)
    except StoreError:
        return report
    bad, good = verify_signatures(conn, plan, allowed)
    return VerifyReport(report.events, report.head, report.found + tuple(bad),
                        report.trusted, good)


def anchor_problem(conn: sqlite3.Connection, anchor: str, proven: int) -> Term | None:
    """An anchor is a head seen elsewhere (a status update, an export, a note): the file
    must still hold it, within the part of the chain just proven whole. At least 12 hex
    digits of it, as the status update shows them."""
    anchor = anchor.strip().lower()
    if not (12 <= len(anchor) <= 64 and all(c in "0123456789abcdef" for c in anchor)):
        return Term("anchor.bad", anchor=anchor)
    row = conn.execute("SELECT seq FROM events WHERE substr(hash, 1, ?) = ? ORDER BY seq "
                       "LIMIT 1", (len(anchor), anchor)).fetchone()
    if row is None or row[0] > proven:
        return Term("anchor.missing", anchor=anchor[:12])
    return None


def verify_file(path: str | Path, progress: Progress | None = None, *,
                accept: bool = False, read_only: bool = False,
                allowed: Path | None = None, anchor: str | None = None) -> VerifyReport:
    """`golive verify` on a file, without reading its plan: a file whose plan event was
    tampered with until it no longer parses still gets a verdict naming that event. A
    whole chain is remembered as this file's proven head; `accept` takes the file as it
    is (an older copy put back on purpose) when its own chain is whole. `read_only`: for
    a reader who may not write the file or its directory."""
    path = Path(path)
    if not path.is_file():
        raise StoreError("store.missing", path=str(path))
    # remembered before the file is read: whatever head it names is in the moment read
    seen = None if accept else seen_heads.load(path)
    conn = connect(path, read_only)
    try:
        check_schema(conn, path, triggers=False)  # verify reports them itself
        # one read transaction: the chain, the stored state and the head judged are one
        # moment of the file, while a cockpit goes on writing (the walk takes seconds)
        conn.execute("BEGIN")
        try:
            report = verify_log(conn, progress, seen)
            report = with_signatures(conn, path, report, allowed)
            if anchor is not None:
                found = anchor_problem(conn, anchor, report.events)
                if found is not None:
                    report = dataclasses.replace(report, found=(*report.found, found))
            genesis = conn.execute("SELECT hash FROM events WHERE seq = 1").fetchone() \
                if report.ok and report.trusted is not None else None
        finally:
            if conn.in_transaction:  # SQLite may have ended it on a damaged page
                conn.execute("ROLLBACK")  # only read
        if report.trusted is not None and genesis is not None:
            seen_heads.record(path, genesis[0], report.trusted, replace=accept)
        return report
    except sqlite3.Error as exc:
        raise friendly(exc, path) from None
    finally:
        conn.close()
