"""The file's schema: the tables and append-only triggers golive creates, their
migrations, the derived indexes, and the check that a file holds exactly these.

A foreign file, a newer one, or one whose triggers were dropped is refused before anything
is written to it.
"""

from __future__ import annotations

import functools
import sqlite3
from pathlib import Path

from golive.data.log.dbfile import StoreError
from golive.data.log.events import GENESIS
from golive.data.texts.catalogue import Term

SCHEMA_VERSION = 1

_SCHEMA_V1 = [
    """CREATE TABLE events (
        seq INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        kind TEXT NOT NULL,
        target TEXT NOT NULL,
        payload TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
    )""",
    # The materialised fold: one JSON record per item, contact and go-live fact.
    "CREATE TABLE state (key TEXT PRIMARY KEY, value TEXT NOT NULL, seq INTEGER NOT NULL)",
    """CREATE TRIGGER events_no_update BEFORE UPDATE ON events
       BEGIN SELECT RAISE(ABORT, 'golive: events are append-only (no UPDATE)'); END""",
    """CREATE TRIGGER events_no_delete BEFORE DELETE ON events
       BEGIN SELECT RAISE(ABORT, 'golive: events are append-only (no DELETE)'); END""",
    # Also catches INSERT OR REPLACE over an existing row (REPLACE skips delete triggers)
    # and any insert that does not continue the chain.
    """CREATE TRIGGER events_append_only BEFORE INSERT ON events
       WHEN NEW.seq IS NOT (SELECT COALESCE(MAX(seq), 0) + 1 FROM events)
         OR NEW.prev_hash IS NOT COALESCE(
              (SELECT hash FROM events WHERE seq = NEW.seq - 1), '""" + GENESIS + """')
       BEGIN SELECT RAISE(ABORT, 'golive: events are append-only (not the next link)'); END""",
]

# The board at a past instant reads the few events that change it and counts the notes in
# an index, so `status --at` and the cockpit's `a` never read the whole log. Derived data,
# not schema: a read-write open adds them to a file that lacks them, an older golive and a
# read-only observer use the file as it is, and a file without them gives the same
# answers, only slower.
DERIVED_INDEXES = {
    "events_at": "CREATE INDEX IF NOT EXISTS events_at ON events(at)",
    "events_board_at": "CREATE INDEX IF NOT EXISTS events_board_at ON events(at) "
                       "WHERE kind != 'note'",
}

# version -> statements that take a file from version-1 to version
MIGRATIONS: dict[int, list[str]] = {1: _SCHEMA_V1}


def create_schema(conn: sqlite3.Connection) -> None:
    """Every table, trigger and index of a new file, inside the caller's transaction."""
    for version in range(1, SCHEMA_VERSION + 1):
        for statement in MIGRATIONS[version]:
            conn.execute(statement)
    for statement in DERIVED_INDEXES.values():
        conn.execute(statement)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def schema_version(conn: sqlite3.Connection, path: Path) -> int:
    """The file's schema version, after checking (reading only) that its tables and
    triggers are the ones golive creates: a foreign file is refused untouched, and a
    file whose append-only triggers were dropped or changed is refused, not used."""
    version = known_version(conn, path)
    if version == 0:
        # Maybe another process is creating it right now: wait for its lock, then look
        # again.
        conn.execute("BEGIN IMMEDIATE")
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        conn.execute("ROLLBACK")
        if version == 0:
            raise StoreError("store.foreign", path=str(path))
    if 0 < version <= SCHEMA_VERSION:
        problem = schema_problem(conn, version)
        if problem is not None:
            raise schema_error(path, problem)
    return version


def known_version(conn: sqlite3.Connection, path: Path) -> int:
    """PRAGMA user_version, refused when golive never writes it: below 0 no migration
    leads anywhere (there is no version -1 to start from)."""
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if version < 0:
        raise StoreError("store.bad_version", path=str(path), version=version,
                         known=SCHEMA_VERSION)
    return version


def add_indexes(conn: sqlite3.Connection) -> None:
    """The derived indexes a file from before them lacks (once: ~0.7 s for a million
    events); a lookup in sqlite_master otherwise."""
    present = {r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'index'")}
    if DERIVED_INDEXES.keys() <= present:
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        for statement in DERIVED_INDEXES.values():
            conn.execute(statement)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def migrate(conn: sqlite3.Connection, version: int) -> None:
    conn.execute("BEGIN IMMEDIATE")
    try:
        for target in range(version + 1, SCHEMA_VERSION + 1):
            for statement in MIGRATIONS[target]:
                conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


@functools.cache
def _expected_schema(version: int) -> dict[tuple[str, str], str]:
    """(type, name) -> SQL of every table and trigger a golive file of `version` holds,
    taken from the migrations themselves (applied to an empty in-memory database)."""
    conn = sqlite3.connect(":memory:")
    try:
        for target in range(1, version + 1):
            for statement in MIGRATIONS[target]:
                conn.execute(statement)
        return _schema(conn)
    finally:
        conn.close()


def _schema(conn: sqlite3.Connection) -> dict[tuple[str, str], str]:
    rows = conn.execute("SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL "
                        "AND name NOT LIKE 'sqlite_%'")
    return {(kind, name): " ".join(sql.split()) for kind, name, sql in rows}


FOREIGN = Term("schema.foreign")

# Litestream (golive replicate) keeps its bookkeeping in two tables of the file it copies;
# accepted exactly as it makes them (golive never reads them)
LITESTREAM_TABLES = {
    ("table", "_litestream_seq"):
        "CREATE TABLE _litestream_seq (id INTEGER PRIMARY KEY, seq INTEGER)",
    ("table", "_litestream_lock"): "CREATE TABLE _litestream_lock (id INTEGER)",
}


def schema_error(path: Path, problem: Term) -> StoreError:
    """A schema golive did not make, as the error that refuses the file."""
    return StoreError("store.foreign", path=str(path)) if problem is FOREIGN \
        else StoreError("store.schema", path=str(path), problem=problem)


def schema_problem(conn: sqlite3.Connection, version: int) -> Term | None:
    """None when the file's tables and triggers are exactly golive's, else one line."""
    expected, actual = _expected_schema(version), _schema(conn)
    tables = {k: v for k, v in expected.items() if k[0] == "table"}
    if any(actual.get(k) != v for k, v in tables.items()):
        return FOREIGN
    triggers = sorted(name for (kind, name), sql in expected.items()
                      if kind == "trigger" and actual.get((kind, name)) != sql)
    extra = sorted(name for (kind, name) in actual.keys() - expected.keys()
                   if kind == "trigger")
    if triggers or extra:
        return Term("schema.triggers", names=", ".join(triggers + extra))
    return _unknown_objects(conn, expected, actual)


def _unknown_objects(conn: sqlite3.Connection, expected: dict[tuple[str, str], str],
                     actual: dict[tuple[str, str], str]) -> Term | None:
    """An index, view or table golive did not make, a derived index that is not golive's,
    or two schema entries sharing one b-tree (a root page swapped with writable_schema):
    a query may then read a forged index instead of the log."""
    derived = {("index", name): " ".join(sql.replace(" IF NOT EXISTS", "").split())
               for name, sql in DERIVED_INDEXES.items()} | LITESTREAM_TABLES
    odd = sorted(name for key in actual.keys() - expected.keys()
                 if (name := key[1]) and actual[key] != derived.get(key))
    shared = conn.execute("SELECT group_concat(name, ', ') FROM sqlite_master "
                          "WHERE rootpage > 0 GROUP BY rootpage HAVING count(*) > 1"
                          ).fetchall()
    odd += [row[0] for row in shared]
    return Term("schema.unknown", names=", ".join(odd)) if odd else None


def check_schema(conn: sqlite3.Connection, path: Path, *, exact: bool = False,
                  triggers: bool = True) -> None:
    """Refuse a newer or foreign file without writing to it, and (unless `triggers` is
    off) one whose append-only triggers were dropped or changed; `exact` (a read-only
    open, which cannot migrate) also refuses an older one."""
    version = known_version(conn, path)
    if version > SCHEMA_VERSION:
        raise StoreError("store.newer", path=str(path), version=version, known=SCHEMA_VERSION)
    # a file at version 0 with golive's tables is an older golive file (see `exact`)
    problem = schema_problem(conn, max(version, 1))
    if problem is not None and (triggers or problem is FOREIGN):
        raise schema_error(path, problem)
    if exact and version < SCHEMA_VERSION:
        raise StoreError("store.older", path=str(path), version=version)
