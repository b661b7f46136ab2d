"""Every hostile string through every field a person or a plan fills, into every output:
plain status, JSON, the approval document, both exports, and the cockpit's panels,
notifications, dialogs, help and palette. A string is either stored (and then shown
literally, with no control character reaching any output and no line it could forge) or
refused with one line; nothing crashes."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from golive.cockpit import make_app
from golive.data.changes.commands import (
    Approve,
    Command,
    Decide,
    Note,
    Reject,
    Revoke,
    SetContact,
    SetGate,
)
from golive.data.changes.refused import Refused
from golive.data.log.store import Store
from golive.data.outputs.approval_doc import approval_doc
from golive.data.outputs.export import write_export
from golive.data.outputs.report import board_to_dict
from golive.data.outputs.status_text import status_text
from golive.data.plan.model import Plan, PlanError
from golive.data.plan.source import default_plan_text, load_default_plan, parse_plan
from golive.data.texts.user_text import clean_text, visible
from golive.data.time.clock import FixedClock

from support.hostile import HOSTILE_STRINGS
from support.pilot import screen_text, toasts
from support.records import at, toml_string

NOW = "2026-03-05T09:59:59"
# nothing of these may reach an output: C0 (but newline where lines are separated), DEL,
# C1, bidi overrides and isolates
FORBIDDEN = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
PLAN_FIELDS = ['product = "LifeTimeCircle"', 'release = "rc-2026-03-01"',
               'label = "Business-Freigabe eingeholt"', 'label = "zentrale Gates grün"',
               'label = "T-24h"', 'label = "Status-Kanal"', 'placeholder = "[Backup-On-Call]"',
               'title = "Release Manager: Go-Live Orchestration & Stakeholder Freigaben"',
               'target = "Single-Node + SQLite + persistenter lokaler Storage"',
               'owner = "Release Manager / Project Lead"']


def plan_text(values: list[str]) -> str:
    """The default plan with the values, in turn, in every text field it has."""
    text = default_plan_text()
    for n, field in enumerate(PLAN_FIELDS):
        key = field.split(" = ")[0]
        text = text.replace(field, f"{key} = {toml_string(values[n % len(values)])}", 1)
    return text


def hostile_plan(value: str) -> Plan:
    """The default plan with the value in every text field it has, or the default plan
    when the value is no acceptable plan text (which must be refused in one line)."""
    text = plan_text([value])
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return load_default_plan()  # cannot even be written as a UTF-8 plan file
    try:
        return parse_plan(text, "hostile.toml")
    except PlanError as exc:
        assert "\n" not in str(exc) and len(str(exc)) < 500
        return load_default_plan()


def commands(value: str) -> list[Command]:
    return [
        Note(value), Reject("approval.business", value, value),
        Approve("approval.product", value), Revoke("approval.product", value),
        SetGate("gate.monitoring", "red", value),
        SetContact("contact.status-channel", channel=value),
        SetContact("contact.primary-on-call", name=value, phone="+49 30 2938475"),
        Decide("no-go", value, value),
    ]


def fill(path: Path, value: str, plan: Plan | None = None) -> Store:
    """A file whose plan and changes carry the value wherever they can (a change refused
    must say why in one line)."""
    store = Store.create(path, plan or hostile_plan(value), FixedClock(at(NOW)), "rm")
    apply_all(store, [value])
    return store


def apply_all(store: Store, values: list[str]) -> None:
    for value in values:
        for command in commands(value):
            for actor in (value, "rm"):
                try:
                    store.apply(command, actor)
                    break
                except Refused as exc:
                    assert "\n" not in str(exc) and len(str(exc)) < 500, str(exc)


def _row_ids(status: str) -> Counter[str]:
    return Counter(m.group(1) for m in re.finditer(r"^  [✔✖○⟲?] (\S+) ", status, re.M))


# refused in every field (nothing is left once cleaned, or it cannot be UTF-8); every other
# string is stored somewhere and then shown
REFUSED_EVERYWHERE = {"empty", "whitespace-mix", "non-utf8", "lone-surrogate"}
# refused as a note (too long, or blank once cleaned), stored in other fields
NOTE_REFUSED = REFUSED_EVERYWHERE | {"long", "long-words", "spaces"}


@pytest.mark.parametrize("name, value", HOSTILE_STRINGS, ids=[n for n, _ in HOSTILE_STRINGS])
def test_every_text_output_shows_the_string_literally(tmp_path: Path, name: str, value: str
                                                      ) -> None:
    store = fill(tmp_path / "g.sqlite", value)
    try:
        board = store.board()
        status = status_text(board)
        assert not FORBIDDEN.search(status)
        ids = _row_ids(status)
        assert ids and max(ids.values()) == 1  # no row forged by a line break
        if name in REFUSED_EVERYWHERE:
            assert store.event_count() == 1
        else:  # literally, with controls and line breaks made visible (not only [b]bold[/b])
            assert visible(clean_text(value)) in status

        dumped = json.dumps(board_to_dict(board), ensure_ascii=False)
        assert json.loads(dumped)["events"] == board.events

        doc = approval_doc(store.plan, board)
        assert not FORBIDDEN.search(doc)
        baseline = approval_doc(store.plan, Store.open(store.path, store.clock).board())
        assert doc.count("\n") == baseline.count("\n")

        for fmt in ("md", "json"):
            out = write_export(store, tmp_path, fmt=fmt).read_text("utf-8")
            assert not FORBIDDEN.search(out)
            if fmt == "json":  # the note exactly as stored, not merely some JSON
                noted = [e["payload"]["text"] for e in json.loads(out)["timeline"]
                         if e["kind"] == "note"]
                assert noted == ([] if name in NOTE_REFUSED else [clean_text(value)])
            else:
                # outside code fences (where text is literal anyway) HTML is escaped
                prose = re.sub(r"^(`{3,}).*?^\1[ \t]*$", "", out, flags=re.S | re.M)
                assert "<script>" not in prose
    finally:
        store.close()


CHUNK = 25
CHUNKS = [[v for _, v in HOSTILE_STRINGS[i:i + CHUNK]]
          for i in range(0, len(HOSTILE_STRINGS), CHUNK)]


@pytest.mark.parametrize("chunk", CHUNKS, ids=[f"strings-{n}" for n in range(len(CHUNKS))])
async def test_the_cockpit_draws_every_string_literally(tmp_path: Path, chunk: list[str]
                                                       ) -> None:
    """Many strings per cockpit (each plan field and change carries another), so the
    whole catalogue passes through every dialog in a few runs."""
    for_plan = [v for v in chunk if hostile_plan(v).product == " ".join(v.split())]
    plan = parse_plan(plan_text(for_plan), "hostile.toml") if for_plan else load_default_plan()
    store = Store.create(tmp_path / "g.sqlite", plan, FixedClock(at(NOW)), "rm")
    apply_all(store, chunk)
    app = make_app(store, "rm", bell_on_checkpoint=False)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        store.clock = FixedClock(at("2026-03-05T10:00:00"))
        app.tick()  # a checkpoint toast with a label
        await pilot.press("c")  # a toast with product and release
        await pilot.pause()
        shown = [screen_text(app)]
        # a tab inside a toast is expanded when drawn; nothing else may be in there
        assert not any(FORBIDDEN.search(t.replace("\t", " ")) for t in toasts(app))
        toasted = [t.replace("\t", " ") for t in toasts(app)]
        shown += toasted
        for keys in (["1", "space"], ["2", "space"], ["5", "space"], ["g"], ["b"],
                     ["question_mark"], ["ctrl+p"], ["a"]):
            await pilot.press(*keys)
            await pilot.pause()
            assert len(app.screen_stack) == 2, keys  # drawn with its dialog open
            shown.append(screen_text(app))
            await pilot.press("escape")
            await pilot.pause()
        assert app.is_running
    assert app.return_code is None  # nothing asked the app to exit
    for text in shown:
        assert not FORBIDDEN.search(text), text
    # the summary toast (c) holds product and release literally, in every chunk (wide,
    # emoji and private-use text included, not only the markup-shaped ASCII of chunk 0)
    assert any(plan.product in t and plan.release in t for t in toasted), toasted
    # product, release, three labels and a placeholder are on the screen or in a toast
    drawn = {for_plan[n % len(for_plan)] for n in range(7)} if for_plan else set()
    short_markup = [v for v in drawn if v.startswith("[") and len(v) < 20]
    for value in short_markup:
        assert any(value in t for t in shown), value
    store.close()
