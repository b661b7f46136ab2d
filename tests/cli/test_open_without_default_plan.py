"""Opening an existing file reads its own plan only: the embedded default plan (TOML,
importlib.resources) is read to create a file, not on every start of the cockpit
(issue 24: first paint and memory)."""

from __future__ import annotations

from pathlib import Path

import pytest

from golive.cli import main
from golive.cli_files import open_store
from golive.cli_parser import options_of, parse
from golive.data.plan import source
from golive.data.plan.source import DEFAULT_TIMEZONE, load_default_plan

from support.cli import first_frame_modules

NOW = "--now=2026-03-06T09:30:00"  # local: read in the plan's zone


def test_the_default_zone_is_the_embedded_plans() -> None:
    assert DEFAULT_TIMEZONE == load_default_plan().timezone


def test_an_existing_file_is_opened_without_the_default_plan(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = str(tmp_path / "g.sqlite")
    assert main(["init", "--db", db, NOW]) == 0

    def unread() -> str:
        raise AssertionError("the default plan was read")

    monkeypatch.setattr(source, "default_plan_text", unread)
    store, created = open_store(options_of(parse(["--db", db, NOW])),
                                create=True)
    try:
        assert not created and store.event_count() == 1
        assert store.clock.now().isoformat() == "2026-03-06T09:30:00+01:00"
    finally:
        store.close()
    with pytest.raises(AssertionError, match="default plan was read"):
        open_store(options_of(parse(["--db", str(tmp_path / "new.sqlite"), NOW])),
                   create=True)
    assert not (tmp_path / "new.sqlite").exists()


def test_a_missing_file_is_made_with_the_default_plan(tmp_path: Path) -> None:
    db = tmp_path / "new.sqlite"
    store, created = open_store(options_of(parse(["--db", str(db), NOW])), create=True)
    try:
        assert created and store.plan.source == load_default_plan().source
        assert store.clock.now().isoformat() == "2026-03-06T09:30:00+01:00"
    finally:
        store.close()


def test_the_cockpit_on_an_existing_file_loads_no_package_resources(tmp_path: Path) -> None:
    """`golive` on a file as a user opens it, drawn headless: importlib.resources (with
    zipfile) served only the embedded plan; the red screen is not needed either."""
    db = str(tmp_path / "g.sqlite")
    assert main(["init", "--db", db, NOW]) == 0
    loaded = first_frame_modules(db, NOW)
    assert "importlib.resources" not in loaded and "zipfile" not in loaded
    assert "golive.not_intact" not in loaded  # the red screen loads when it is shown
