"""`status --at` with an offset further from T-0 than golive counts (366 days) gets one
line that names the allowed range, not the hint to give an offset it was given."""

from __future__ import annotations

import pytest

from support.cli import one_line_error


@pytest.mark.parametrize("at", ["T+367d", "T-367d", "-400d", "T+8800h"])
def test_an_offset_out_of_range_says_the_range(cli, at: str) -> None:  # type: ignore[no-untyped-def]
    assert cli("init", "--db", "g.sqlite", "--now=2026-03-05T08:00").code == 0
    german = cli("status", "--db", "g.sqlite", f"--at={at}")
    english = cli("status", "--db", "g.sqlite", f"--at={at}", "--lang", "en")
    one_line_error(german)
    one_line_error(english)
    assert german.err == (f"golive: --at '{at}': liegt mehr als 366 Tage von T-0 entfernt; "
                          "ein Abstand reicht von T-366d bis T+366d\n"), german.err
    assert english.err == (f"golive: --at '{at}': lies more than 366 days from T-0; an "
                           "offset reaches from T-366d to T+366d\n"), english.err
    assert german.out == english.out == ""
    edge = at.replace("367d", "366d").replace("400d", "366d").replace("8800h", "8784h")
    said = cli("status", "--line", "--db", "g.sqlite", f"--at={edge}")  # the edge is read
    assert said.code != 2 and said.err == "", said

