"""Snapshot tests of the cockpit at fixed instants, at 120x40 and 80x24.

Deterministic: every clock is fixed, the file path shown is relative, the theme is fixed
and animations are off. Look at a changed snapshot as a picture before accepting it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from golive.cockpit import make_app

from support.scenarios import build

os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")

SIZES = [(120, 40), (80, 24)]


def _app(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    store = build(name, Path("golive.sqlite"))
    return make_app(store, "rm", bell_on_checkpoint=False)


@pytest.mark.parametrize("size", SIZES, ids=["120x40", "80x24"])
def test_fresh_file_at_t_minus_25h(snap_compare, tmp_path, monkeypatch, size):  # type: ignore[no-untyped-def]
    assert snap_compare(_app("fresh-t-25h", tmp_path, monkeypatch), terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=["120x40", "80x24"])
def test_t_minus_1h_with_signoffs_red_gate_and_placeholders(snap_compare, tmp_path, monkeypatch,
                                                             size):  # type: ignore[no-untyped-def]
    assert snap_compare(_app("t-1h", tmp_path, monkeypatch), terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=["120x40", "80x24"])
def test_t_plus_5m_after_go(snap_compare, tmp_path, monkeypatch, size):  # type: ignore[no-untyped-def]
    assert snap_compare(_app("after-go-t+5m", tmp_path, monkeypatch), terminal_size=size)


def test_go_dialog_lists_blockers(snap_compare, tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    assert snap_compare(_app("t-1h", tmp_path, monkeypatch), terminal_size=(120, 40),
                        press=["g"])


def test_go_dialog_with_every_blocker_fits_80x24(snap_compare, tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    assert snap_compare(_app("fresh-t-25h", tmp_path, monkeypatch), terminal_size=(80, 24),
                        press=["g"])


@pytest.mark.parametrize("size", SIZES, ids=["120x40", "80x24"])
def test_gate_dialog_on_a_red_gate(snap_compare, tmp_path, monkeypatch, size):  # type: ignore[no-untyped-def]
    # the red gate "zentrale Gates grün" is the third in the gates panel
    assert snap_compare(_app("t-1h", tmp_path, monkeypatch), terminal_size=size,
                        press=["2", "j", "j", "space"])


@pytest.mark.parametrize("size", SIZES, ids=["120x40", "80x24"])
def test_staging_since_dialog(snap_compare, tmp_path, monkeypatch, size):  # type: ignore[no-untyped-def]
    assert snap_compare(_app("fresh-t-25h", tmp_path, monkeypatch), terminal_size=size,
                        press=["s"])


@pytest.mark.parametrize("scenario", ["go-superseded", "success", "rollback", "rolled-back"])
def test_banner_in_each_go_live_phase(snap_compare, tmp_path, monkeypatch, scenario):  # type: ignore[no-untyped-def]
    """Deploy läuft is test_t_plus_5m_after_go; here GO überholt, erfolgreich, Rollback
    läuft and zurückgerollt, each in place of the verdict (never GO-READY after GO)."""
    assert snap_compare(_app(scenario, tmp_path, monkeypatch), terminal_size=(120, 40))
