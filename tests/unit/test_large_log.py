"""A long log: the fast builder writes what Store.apply writes, and the cockpit opens a
20,000-event file reading a few pages, not the whole log (behaviour, never speed)."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pendulum
import pytest

import golive.data.log.store as store_module
from golive.cockpit import make_app
from golive.data.changes.commands import Note
from golive.data.log.events import Event
from golive.data.log.store import Store
from golive.data.plan.source import load_default_plan
from golive.data.time.clock import FixedClock
from golive.widgets.log_view import MAX_PAGES, PAGE, LogView

from support.paths import bench_module

# one 20,000-event file for the module: its tests stay on one xdist worker
pytestmark = pytest.mark.xdist_group("large_log")

os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")
EVENTS = 20_000


biglog = bench_module("biglog")


@pytest.fixture(scope="module")
def big_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("biglog") / "golive.sqlite"
    biglog.build(path, EVENTS, batch=7_000)  # several transactions, a partial last one
    return path


def test_the_builder_writes_what_store_apply_writes(tmp_path: Path) -> None:
    n = 300
    fast = tmp_path / "fast.sqlite"
    biglog.build(fast, n, batch=128)
    base = biglog.created()
    slow = Store.create(tmp_path / "slow.sqlite", load_default_plan(), FixedClock(base),
                        biglog.actor(1))
    for seq in range(2, n + 1):
        step = (seq - 1) * biglog.STEP_US
        slow.clock = FixedClock(pendulum.instance(base).add(microseconds=step))
        slow.apply(Note(biglog.note_text(seq)), biglog.actor(seq))
    conn = sqlite3.connect(fast)
    try:
        for table in ("events", "state"):
            sql = f"SELECT * FROM {table} ORDER BY 1"
            assert conn.execute(sql).fetchall() == slow.conn.execute(sql).fetchall()
    finally:
        conn.close()
        slow.close()


def test_a_built_file_verifies(big_file: Path) -> None:
    store = Store.open(big_file, biglog.now_clock())
    try:
        report = store.verify()
        assert report.ok, report.problems
        assert report.events == EVENTS
        assert store.board().events == EVENTS
    finally:
        store.close()


async def test_the_cockpit_opens_a_long_log_reading_only_a_few_pages(
        big_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = Store.open(big_file, biglog.now_clock())
    reads: list[tuple[int, int | None, int]] = []  # (start, limit, rows read)
    last = list(store.events(EVENTS, 1))[0]
    real = store_module.iter_events

    # counted where every read of events goes through, not at Store.events alone: a fold
    # of the whole log on open (the state check) would not pass through Store.events
    def counted(conn: sqlite3.Connection, start: int = 1, limit: int | None = None
                ) -> Iterator[Event]:
        n = 0
        try:
            for event in real(conn, start, limit):
                n += 1
                yield event
        finally:
            reads.append((start, limit, n))

    monkeypatch.setattr(store_module, "iter_events", counted)
    app = make_app(store, "rm", bell_on_checkpoint=False)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            await pilot.pause()
            log = app.screen.query_one(LogView)
            assert log.count == EVENTS
            assert log.is_vertical_scroll_end
            height = log.scrollable_content_region.height
            assert log.scroll_offset.y == EVENTS - height
            bottom = log.render_line(height - 1).text
            assert bottom.lstrip().startswith(f"{last.seq} ")
            assert last.actor in bottom

            # opening read a few pages, never the whole log
            assert all(limit is not None and limit <= PAGE for _, limit, _ in reads)
            opened = sum(n for _, _, n in reads)
            assert 0 < opened <= 3 * PAGE
            assert any(start <= EVENTS < start + PAGE for start, _, _ in reads)

            await pilot.press("6")
            assert app.focused is log
            await pilot.press("home")
            await pilot.pause()
            assert log.scroll_offset.y == 0
            top = log.render_line(0).text
            assert top.lstrip().startswith("1 ")
            assert log.render_line(1).text.lstrip().startswith("2 ")

            total = sum(n for _, _, n in reads)
            assert total <= (MAX_PAGES + 3) * PAGE
    finally:
        store.close()
