"""The export's bytes do not change when it is made faster (issue 10): a generated log
with every kind of event, hostile text, many notes in the same and in different seconds and
a daylight-saving change, exported in both formats and both languages, must equal the files
in tests/fixtures/export-golden/ that the export wrote before the speed work.

To accept an intended change of the export's content, delete the fixture files and run
this test once with GOLIVE_WRITE_GOLDEN=1; review the diff before committing."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterator
from pathlib import Path

import pendulum
import pytest

from golive.data.changes.commands import Check, Decide, Note, SetGate
from golive.data.outputs.export import write_export

from support.export_day import EXPORT_AT, HOSTILE_NOTES, Day
from support.paths import FIXTURES

# a long day made once: the module stays on one xdist worker
pytestmark = pytest.mark.xdist_group("export_golden")

GOLDEN = FIXTURES / "export-golden"


@pytest.fixture(scope="module")
def long_day(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Day]:
    day = Day(tmp_path_factory.mktemp("golden") / "day.sqlite")
    day.contacts()
    day.signoffs()
    day.gates()
    day.do(Check("comms.timeline"))
    for n in range(240):  # several notes per second, then some seconds apart
        step = 400_000 if n % 3 else 1_700_000
        day.clock.instant = pendulum.instance(day.clock.instant).add(microseconds=step)
        day.store.apply(Note(f"{n}: {HOSTILE_NOTES[n % len(HOSTILE_NOTES)]}"), "rm")
        if n % 50 == 49:
            day.do(SetGate("gate.monitoring", "red" if n % 100 == 49 else "green", f"n{n}"))
    day.at("2026-03-06T09:57:00")
    day.do(Decide("go", "Rita [CTO]", "alles grün"))
    day.at("2026-03-29T01:59:59")  # after go-live, across the switch to summer time
    for _ in range(3):
        day.do(Note("nach der Zeitumstellung"))
    day.clock.instant = EXPORT_AT
    yield day
    day.store.close()


@pytest.mark.parametrize("fmt,lang", [("md", "de"), ("json", "de"), ("md", "en"),
                                      ("json", "en")])
def test_export_bytes_equal_the_golden_files(long_day: Day, tmp_path: Path, fmt: str,
                                             lang: str) -> None:
    store = long_day.store
    saved = store.plan
    store.plan = dataclasses.replace(saved, language=lang)
    try:
        path = write_export(store, tmp_path, fmt=fmt, now=pendulum.instance(EXPORT_AT))
    finally:
        store.plan = saved
    got = path.read_text("utf-8").replace(str(Path(os.path.abspath(store.path))), "<DB>")
    golden = GOLDEN / f"day-{lang}.{fmt}"
    if os.environ.get("GOLIVE_WRITE_GOLDEN") and not golden.exists():
        golden.write_text(got, "utf-8")
    assert got == golden.read_text("utf-8")
