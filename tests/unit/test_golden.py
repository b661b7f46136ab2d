"""Golden files for the record of the two days that matter most: a GO overtaken by a
revoke, and a rollback day. The export and the approval document are compared whole, so
any change to what they say shows up as a diff to read (paths and hashes are
normalised). Regenerate with GOLIVE_UPDATE_GOLDEN=1 and read the diff before committing."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from golive.data.log.verify import verify_log
from golive.data.outputs.approval_doc import approval_doc
from golive.data.outputs.export import write_export

from support.paths import GOLDEN
from support.scenarios import build

HEX64 = re.compile(r"\b[0-9a-f]{64}\b")


def normalised(text: str, tmp_path: Path) -> str:
    return HEX64.sub("<hash>", text.replace(str(tmp_path.resolve()), "<dir>"))


def compare(name: str, actual: str) -> None:
    path = GOLDEN / name
    if os.environ.get("GOLIVE_UPDATE_GOLDEN"):
        GOLDEN.mkdir(exist_ok=True)
        path.write_text(actual, "utf-8")
    assert actual == path.read_text("utf-8"), f"{name} differs from the golden file"


@pytest.mark.parametrize("scenario", ["go-superseded", "rolled-back"])
def test_export_and_approval_document(scenario: str, tmp_path: Path) -> None:
    store = build(scenario, tmp_path / "golive.sqlite")
    try:
        assert verify_log(store.conn).ok
        compare(f"{scenario}.approval.txt", approval_doc(store.plan, store.board()))
        out = tmp_path / "out"
        out.mkdir()
        md = write_export(store, out, fmt="md").read_text("utf-8")
        compare(f"{scenario}.export.md", normalised(md, tmp_path))
        doc = json.loads(write_export(store, out, fmt="json").read_text("utf-8"))
    finally:
        store.close()
    if scenario == "go-superseded":
        assert doc["summary"]["decision"]["state"] == "superseded"
        assert doc["summary"]["blockers"][0] == ("GO von Ruth Decker um 09:50 ist überholt: "
                                                 "Security zurückgezogen um 09:58")
        assert "(überholt: Security zurückgezogen um 09:58)" in doc["approval_doc"]
    else:
        g = doc["golive"]
        assert (g["phase"], g["total"]) == ("rolled-back", "1 h 15 min")
        assert [s["since"] for s in g["steps"]] == [None, "11 min", "18 min", "21 min",
                                                    "25 min"]
        assert g["steps"][3]["text"] == ("Rollback entschieden von Ruth Decker "
                                         "(Rollback-Entscheider): Checkout-Fehler 5xx")
        assert [s["actor"] for s in g["steps"]] == ["", "deploy.sh", "deploy.sh",
                                                    "rm", "deploy.sh"]
