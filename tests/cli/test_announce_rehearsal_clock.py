"""The status update of a rehearsal (`announce`) tells the rehearsal's time, as `status`
and `watch` do: its log's last event, not the wall clock months away."""

from __future__ import annotations

from pathlib import Path


def test_announce_of_a_rehearsal_is_at_its_logs_time(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = str(tmp_path / "r.sqlite")
    assert cli("init", "--db", db, "--now", "2026-03-06T08:00").code == 0
    assert cli("note", "Probe läuft", "--db", db, "--now", "2026-03-06T09:00:30").code == 0
    said = cli("announce", "--db", db)
    status = cli("status", "--db", db)
    assert said.code == 0, said
    head = said.out.splitlines()[0]
    assert head == ("PROBE · Status LifeTimeCircle rc-2026-03-01 · T-00:59:30 "
                    "(06.03. 09:00 CET)"), head
    assert said.out.splitlines()[1] in status.out  # the same verdict and blockers
