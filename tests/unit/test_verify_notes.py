"""chain.walk checks a note as Store writes it inline (issue 24: verify near a row scan);
it must decide exactly as the per-event check (`chain._step`, which it falls back to)
does, on every note and every damage: same proven head, same problem, same exception,
same folded state. Compared on a generated log with hostile notes and damaged rows."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import pytest

from golive.data.log.eventlog import EVENT_COLUMNS, state_digest
from golive.data.log.events import GENESIS, STATE_DIGEST, event_hash
from golive.data.log.fold import State

from support.paths import bench_module
from support.walk_check import by_step, by_walk, events_table, outcome

biglog = bench_module("biglog")

Row = tuple[Any, ...]
NOTES = 300
TEXTS = ['Zwischenstand: "ok" \\ [Status-Kanal] ‰', "zwei\nZeilen\tund Tab", "é e\u0301 ☃",
         "", "x" * 2000, '{"text": "nested"}', "\u2028 \x7f", "a\\u00e9"]


def rows_of(path: Path) -> list[Row]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(f"SELECT {EVENT_COLUMNS} FROM events ORDER BY seq").fetchall()
    finally:
        conn.close()


def note(prev: str, seq: int, at: str, actor: str, text: str, *, notes: int | None = None,
         stored: str | None = None, target: str = "") -> Row:
    """A note row as Store.apply writes it (or with the stored payload given)."""
    payload = {"text": text, STATE_DIGEST: state_digest(State(notes=seq - 1 if notes is None
                                                                   else notes))}
    stored = json.dumps(payload, ensure_ascii=False) if stored is None else stored
    digest = event_hash(prev, seq, at, actor, "note", target, json.loads(stored))
    return (seq, at, actor, "note", target, stored, prev, digest)


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> list[Row]:
    """Event 1 (the plan) and NOTES notes, then hostile notes continuing the chain."""
    path = tmp_path_factory.mktemp("notes") / "g.sqlite"
    biglog.build(path, NOTES)
    rows = rows_of(path)
    for n, text in enumerate(TEXTS):
        last = rows[-1]
        rows.append(note(last[7], last[0] + 1, f"2026-03-05T0{n}:00:00.000000Z",
                         biglog.actor(n), text))
    return rows


def rehash(rows: list[Row], i: int, **changes: Any) -> list[Row]:
    """Row i changed and its hash (and every later link) made to fit: damage a chain
    check alone cannot see."""
    out = list(rows)
    names = ("seq", "at", "actor", "kind", "target", "payload", "prev_hash", "hash")
    for j in range(i, len(out)):
        values = dict(zip(names, out[j], strict=True))
        if j == i:
            values.update(changes)
        else:
            values["prev_hash"] = out[j - 1][7]
        try:
            payload = json.loads(values["payload"])
            values["hash"] = event_hash(values["prev_hash"], values["seq"], values["at"],
                                        values["actor"], values["kind"], values["target"],
                                        payload)
        except (TypeError, ValueError):
            pass
        out[j] = tuple(values[n] for n in names)
    return out


def plain(rows: list[Row], i: int, **changes: Any) -> list[Row]:
    names = ("seq", "at", "actor", "kind", "target", "payload", "prev_hash", "hash")
    values = dict(zip(names, rows[i], strict=True))
    values.update(changes)
    return [*rows[:i], tuple(values[n] for n in names), *rows[i + 1:]]


K = NOTES - 50  # the damaged event's index
DAMAGE: dict[str, Callable[[list[Row]], list[Row]]] = {
    "intact": lambda r: r,
    "text edited": lambda r: plain(r, K, payload=r[K][5].replace("ok", "OK")),
    "actor edited": lambda r: plain(r, K, actor="mallory"),
    "link broken": lambda r: plain(r, K, prev_hash=GENESIS),
    "event missing": lambda r: r[:K] + r[K + 1:],
    "digest recomputed, state digest wrong":
        lambda r: rehash(r, K, payload=json.dumps({"text": "x", STATE_DIGEST: "0" * 64})),
    "digest recomputed, time backwards": lambda r: rehash(r, K, at="2026-03-01T00:00:00.000000Z"),
    "digest recomputed, no such day": lambda r: rehash(r, K, at="2026-02-30T10:00:00.000000Z"),
    "actor a blob": lambda r: plain(r, K, actor=b"mallory"),
    "payload a blob": lambda r: plain(r, K, payload=r[K][5].encode()),
    "three keys": lambda r: rehash(r, K, payload=json.dumps(
        {"text": "x", "extra": "y", STATE_DIGEST: state_digest(State(notes=K))})),
    "key twice": lambda r: rehash(r, K, payload='{"text": "a", "text": "b", "state_digest": "'
                                  + state_digest(State(notes=K)) + '"}'),
    "a target": lambda r: rehash(r, K, target="approval.business"),
    "kind changed": lambda r: rehash(r, K, kind="gate"),
    "seq a float": lambda r: plain(r, K, seq=float(r[K][0])),
}

# what verify must report; the rest make another valid log (a note's extra key or target,
# or a key twice, read as JSON reads it: the hash covers what was read), and a
# rehearsal's clock may run backwards
FOUND = {"text edited", "actor edited", "link broken", "event missing",
         "digest recomputed, state digest wrong", "digest recomputed, no such day",
         "actor a blob", "payload a blob", "kind changed"}


@pytest.mark.parametrize("real", [False, True], ids=["rehearsal", "real"])
@pytest.mark.parametrize("damage", list(DAMAGE))
def test_walk_decides_as_the_per_event_check(base, damage, real) -> None:
    rows = DAMAGE[damage](base)
    conn = events_table((int(r[0]), *r[1:]) for r in rows)
    if damage == "seq a float":  # SQLite keeps an INTEGER PRIMARY KEY an integer
        assert conn.execute("SELECT typeof(seq) FROM events LIMIT 1").fetchone() == ("integer",)

    got, want = outcome(partial(by_walk, conn, real)), outcome(partial(by_step, conn, real))
    assert got == want
    found = got[0] == "damaged" or got[2] is not None
    assert found == (damage in FOUND or (real and "backwards" in damage)), damage
