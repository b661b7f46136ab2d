"""A whole-chain check while the cockpit writes (issue 24): the walk of a long log takes
seconds, and a key pressed meanwhile commits a new event. The check must judge one moment
of the file, not a chain up to one head and the stored state of a later one: before, every
key pressed during the cockpit's check at 1,000,000 events turned its screen red
("stored state 'item:comms.timeline' differs from the log")."""

from __future__ import annotations

from pathlib import Path

from golive.data.changes.commands import Check
from golive.data.log.store import Store
from golive.data.log.verify import verify_file
from golive.data.time.clock import RealClock

from support.paths import bench_module


def test_a_write_during_the_whole_chain_check_is_no_damage(tmp_path: Path) -> None:
    path = tmp_path / "g.sqlite"
    bench_module("biglog").build(path, 2_500, real=True)  # the walk reports progress every 1,000
    writer = Store.open(path, RealClock("Europe/Berlin"))
    wrote: list[int] = []

    def progress(done: int, total: int) -> None:
        if not wrote:  # a key in the cockpit, half-way through the walk
            wrote.append(writer.apply(Check("comms.timeline"), "rm").seq)

    report = verify_file(path, progress)
    writer.close()
    assert wrote == [2_501]
    assert report.ok, report.problems
    assert report.events == 2_500  # the moment it judged: before the write
    again = verify_file(path)
    assert again.ok and again.events == 2_501
