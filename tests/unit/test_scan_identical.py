"""verify and export near a row scan (issue 24) change no output: on a varied generated
log (support/varied_log: every kind, hostile text and actors, thousands of notes in runs
that cross fetched batches), the exports in both formats and both languages have the
sha256 the export wrote before the speed work, and the walk decides exactly as the
per-event check (chain._step) on damage put anywhere in a run of notes."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

import pendulum
import pytest

from golive.data.log.eventlog import EVENT_COLUMNS, state_digest
from golive.data.log.events import GENESIS, STATE_DIGEST, event_hash
from golive.data.log.fold import State
from golive.data.log.store import Store
from golive.data.outputs.export import write_export

from support import varied_log
from support.walk_check import by_step, by_walk, events_table, outcome

pytestmark = pytest.mark.xdist_group("scan_identical")

EXPORTED = pendulum.datetime(2026, 3, 6, 12, 0, tz="Europe/Berlin")
# written by the export before issue 24's session 27 (commit 0cab828), the path as <DB>
SHA256 = {
    ("de", "md"): "d2f82f3bcfd58400e3698d768677aa5d9f040da2fe3d7927e64920242448f164",
    ("de", "json"): "a5cfac49a2bb4ea334eff6891f9a6310de11f926b17c0883bc30dc20b39feeea",
    ("en", "md"): "6ed54d7b868dca3c74cb4cc7f0a32fdedc0af25107444b5d918610fd82dc4fc2",
    ("en", "json"): "9d4db57cdbea1d26a5ddb633f7a4248ecf15eb747fbf92e2ab3a99944d6c1657",
}

Row = tuple[Any, ...]
NAMES = ("seq", "at", "actor", "kind", "target", "payload", "prev_hash", "hash")


@pytest.fixture(scope="module")
def varied(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    store = varied_log.build(tmp_path_factory.mktemp("varied") / "v.sqlite")
    yield store
    store.close()


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("fmt", ["md", "json"])
def test_export_bytes_are_what_they_were(varied: Store, tmp_path: Path, fmt: str,
                                         lang: str) -> None:
    saved = varied.plan
    varied.plan = dataclasses.replace(saved, language=lang)
    try:
        path = write_export(varied, tmp_path, fmt=fmt, now=EXPORTED)
    finally:
        varied.plan = saved
    got = path.read_bytes().replace(os.path.abspath(varied.path).encode(), b"<DB>")
    assert hashlib.sha256(got).hexdigest() == SHA256[(lang, fmt)]


def rows_of(store: Store) -> list[Row]:
    return store.conn.execute(f"SELECT {EVENT_COLUMNS} FROM events ORDER BY seq").fetchall()


def changed(rows: list[Row], i: int, *, rehash: bool, **changes: Any) -> list[Row]:
    """Row i changed; with `rehash` its hash and every later link made to fit (damage a
    chain check alone cannot see)."""
    out = list(rows)
    for j in range(i, len(out) if rehash else i + 1):
        values = dict(zip(NAMES, out[j], strict=True))
        if j == i:
            values.update(changes)
        else:
            values["prev_hash"] = out[j - 1][7]
        if rehash:
            try:
                values["hash"] = event_hash(values["prev_hash"], values["seq"], values["at"],
                                            values["actor"], values["kind"],
                                            values["target"], json.loads(values["payload"]))
            except (TypeError, ValueError):
                pass
        out[j] = tuple(values[n] for n in NAMES)
    return out


def note_payload(rows: list[Row], i: int, text: str) -> str:
    """Event i's stored payload with another text and the state digest it had."""
    digest = json.loads(rows[i][5])[STATE_DIGEST]
    return json.dumps({"text": text, STATE_DIGEST: digest}, ensure_ascii=False)


def forged(rows: list[Row], i: int, stored: str) -> list[Row]:
    return changed(rows, i, rehash=False, payload=stored, hash=hashlib.sha256(
        (rows[i][6] + canonical_body(rows[i], stored)).encode()).hexdigest())


def canonical_body(row: Row, stored: str) -> str:
    """What a careless fast path might hash: the stored text cut at fixed places."""
    return (f'{{"actor":{json.dumps(row[2], ensure_ascii=False)},"at":"{row[1]}",'
            f'"kind":"note","payload":{{"state_digest":"{stored[-66:-2]}",'
            f'"text":{stored[9:-86]}}},"seq":{row[0]},"target":""}}')


def state_wrong(rows: list[Row], i: int) -> list[Row]:
    stored = json.dumps({"text": "x", STATE_DIGEST: state_digest(State(notes=1))})
    return changed(rows, i, rehash=True, payload=stored)


# damage at the start, inside and at the end of a fetched batch of 1000, and in the last
DAMAGE: dict[str, Callable[[list[Row], int], list[Row]]] = {
    "text edited": lambda r, i: changed(r, i, rehash=False, payload=note_payload(r, i, "edit")),
    "actor edited": lambda r, i: changed(r, i, rehash=False, actor="mallory"),
    "link broken": lambda r, i: changed(r, i, rehash=False, prev_hash=GENESIS),
    "event missing": lambda r, i: r[:i] + r[i + 1:],
    "state digest wrong": state_wrong,
    "time backwards": lambda r, i: changed(r, i, rehash=True, at="2026-03-01T00:00:00.000000Z"),
    "no such day": lambda r, i: changed(r, i, rehash=True, at="2026-02-30T10:00:00.000000Z"),
    "year out of range": lambda r, i: changed(r, i, rehash=True,
                                              at="1999-03-01T00:00:00.000000Z"),
    "actor a blob": lambda r, i: changed(r, i, rehash=False, actor=b"mallory"),
    "payload a blob": lambda r, i: changed(r, i, rehash=False, payload=r[i][5].encode()),
    "kind changed": lambda r, i: changed(r, i, rehash=True, kind="gate"),
    "a target": lambda r, i: changed(r, i, rehash=True, target="approval.business"),
    "escaped text": lambda r, i: changed(r, i, rehash=True, payload=note_payload(
        r, i, 'a "quoted" \\ text\n')),
    "unicode escape": lambda r, i: changed(r, i, rehash=True, payload=r[i][5].replace(
        '{"text": "', '{"text": "\\u00e9', 1)),
    "two texts, hashed as cut": lambda r, i: forged(r, i, '{"text": "a", "text": "b", '
                                                    f'"state_digest": "{r[i][5][-66:-2]}"}}'),
    "extra key, hashed as cut": lambda r, i: forged(r, i, '{"text": "a", "x": "b", '
                                                    f'"state_digest": "{r[i][5][-66:-2]}"}}'),
    "control character": lambda r, i: changed(r, i, rehash=True, payload=r[i][5].replace(
        '{"text": "', '{"text": "\x01', 1)),
}


def note_indexes(rows: list[Row]) -> list[int]:
    """Notes at a batch's first, middle and last row, and the log's last note."""
    notes = [i for i, r in enumerate(rows) if r[3] == "note" and '\\' not in r[5]]
    wanted = [1000, 1500, 1999, notes[-1]]
    return sorted({min(notes, key=lambda n: abs(n - w)) for w in wanted})


@pytest.mark.parametrize("real", [False, True], ids=["rehearsal", "real"])
@pytest.mark.parametrize("damage", ["intact", *DAMAGE])
def test_walk_decides_as_the_per_event_check(varied: Store, damage: str, real: bool) -> None:
    base = rows_of(varied)
    for i in note_indexes(base) if damage != "intact" else [0]:
        rows = base if damage == "intact" else DAMAGE[damage](base, i)
        conn = events_table(rows)
        got, want = outcome(partial(by_walk, conn, real)), outcome(partial(by_step, conn, real))
        assert got == want, (damage, i)
        if damage == "intact":
            assert got[2] is None and got[0] == len(base)
        if "hashed as cut" in damage:
            assert got[2] == "verify.altered", (damage, i)


def test_md_texts_escape_each_value_as_md_text_does() -> None:
    """The timeline's texts escaped a hundred at a time equal each escaped alone: markup,
    line starts, lookarounds at a value's edges, values holding the separator."""
    import random

    from golive.data.outputs.markdown import md_text, md_texts

    pool = [*"\\`*[]<>|~$@_&:#+-=>.) \t\n\x00aZ0_1é", "&amp;", "&#35;", ":fire:", ":+1:",
            "1.", "10)", "- ", "# ", "==", "--", "\u00a0", "ß", "日", "👍🏽"]
    rnd = random.Random(27)
    for _ in range(3000):
        values = ["".join(rnd.choice(pool) for _ in range(rnd.randint(0, 9)))
                  for _ in range(rnd.randint(0, 12))]
        if rnd.random() < 0.9:  # the separator only now and then, as in cleaned texts
            values = [v.replace("\x00", "") for v in values]
        assert md_texts(values) == [md_text(v, cleaned=True) for v in values], values
