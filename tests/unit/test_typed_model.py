"""The typed model (issue 23): kinds, states, sections and steps are StrEnums whose members
are the strings golive always stored, so hashes and files are unchanged; a blocker is one
record with the item it is about."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from golive.data.changes.commands import Approve, Note, SetGate
from golive.data.log.events import canonical_json, event_hash
from golive.data.log.fold import State, apply_event
from golive.data.log.kinds import ItemState, Kind, Step
from golive.data.log.store import Store
from golive.data.plan.model import Plan, Section
from golive.data.rules.board import GOLIVE_STEPS, Blocker


def test_a_member_hashes_and_stores_as_its_string() -> None:
    payload = {"state": ItemState.GREEN, "section": Section.GATE, "step": Step.STARTED}
    plain = {"state": "green", "section": "gate", "step": "started"}
    assert canonical_json(payload) == canonical_json(plain)
    assert json.dumps(payload) == json.dumps(plain)
    assert (event_hash("0" * 64, 2, "2026-03-05T09:00:00.000000Z", "rm", Kind.GATE, "g",
                       payload)
            == event_hash("0" * 64, 2, "2026-03-05T09:00:00.000000Z", "rm", "gate", "g",
                          plain))
    assert GOLIVE_STEPS == ("started", "finished", "verified", "success", "rollback",
                            "rollback-finished")


def test_events_written_through_the_enums_are_plain_text_in_the_file(
        store: Store, db_path: Path) -> None:
    store.apply(Approve("approval.business", "Dana Beispiel"), "rm")
    store.apply(SetGate("gate.monitoring", "green"), "rm")
    with sqlite3.connect(db_path) as conn:
        kinds = conn.execute("SELECT kind, typeof(kind) FROM events ORDER BY seq").fetchall()
        state = dict(conn.execute("SELECT key, value FROM state").fetchall())
    assert kinds == [("init", "text"), ("approve", "text"), ("gate", "text")]
    assert json.loads(state["item:approval.business"])["state"] == "approved"
    assert json.loads(state["item:gate.monitoring"])["state"] == "green"
    assert store.verify().ok


def test_the_fold_leaves_the_board_alone_for_kinds_without_a_record(store: Store) -> None:
    """init and announce (and a kind golive does not know) change no record."""
    events = list(store.events())
    state = State()
    for event in events:
        assert apply_event(state, event) == []
    note = store.apply(Note("eins"), "rm")
    assert apply_event(state, note) == ["notes"] and state.notes == 1


def test_each_blocker_names_what_it_is_about(store: Store, plan: Plan) -> None:
    board = store.board()
    assert all(isinstance(b, Blocker) for b in board.blockers)
    assert board.blockers[0] == Blocker("Business: Freigabe ausstehend", "approval.business")
    assert board.blocker_texts == tuple(b.text for b in board.blockers)
    targets = {b.target for b in board.blockers}
    assert {s.id for s in plan.signoffs} <= targets
    assert all(i.section in tuple(Section) for i in board.items)
