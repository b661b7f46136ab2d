"""golive never writes an event time it would call damage on reading it back: a UTC year
outside 1971-9000. --now 1971-01-01T00:30 in Berlin is 1970 in UTC, and a rehearsal's
clock resumed from a last event at the end of 9000 runs into 9001; both are refused in
one line (exit 2), nothing written, and the file stays readable."""

from __future__ import annotations

from pathlib import Path

from support.cli import one_line_error


def test_init_at_a_local_1971_that_is_1970_in_utc_makes_no_file(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "r.sqlite"
    said = cli("init", "--db", str(db), "--now", "1971-01-01T00:30")
    one_line_error(said)
    assert said.code == 2 and "1970-12-31T23:30:00.000000Z" in said.err, said.err
    assert not db.exists()


def test_a_rehearsal_clock_run_past_9000_writes_nothing(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "r.sqlite"
    assert cli("init", "--db", str(db), "--now", "2026-03-05T09:00").code == 0
    early = cli("note", "früh", "--db", str(db), "--now", "1971-01-01T00:30")
    one_line_error(early)
    assert early.code == 2, early.err
    edge = "9000-12-31T23:59:59.999999+00:00"
    assert cli("note", "am Rand", "--db", str(db), "--now", edge).code == 0
    past = cli("note", "danach", "--db", str(db))  # resumed from the last event, running
    one_line_error(past)
    assert past.code == 2 and "9001-01-01" in past.err, past.err
    status = cli("status", "--line", "--db", str(db))
    assert status.code in (1, 3), status.err
    assert "PROBE" in status.out
