"""The bindings' names in the interface language (issue 20, words): `?` and the palette
showed the English ids ("[toggle]", "id decide") under the German plan. Each binding has a
German and an English name; the keymap in config.toml takes either."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from golive.cockpit import make_app
from golive.data.log.store import Store
from golive.data.texts.catalogue import languages
from golive.dialogs import ListScreen
from golive.keys import KEYS, KeymapError, key_name, load_keymap
from golive.palette import golive_commands

from support.waiting import until

# ids whose German name is another word (staging, export, rollback stay as they are)
RENAMED = [k for k in KEYS if key_name("de", k) != k.id]


def test_every_binding_has_one_name_per_language_that_a_keymap_can_use() -> None:
    for lang in languages():
        names = [key_name(lang, k) for k in KEYS]
        assert len(set(names)) == len(names)
    assert [key_name("en", k) for k in KEYS] == [k.id for k in KEYS]
    everyone = {key_name(lang, k): k.id for lang in languages() for k in KEYS}
    assert all(everyone[key_name(lang, k)] == k.id for lang in languages() for k in KEYS)
    # a German name is a bare TOML key: no quotes needed in [keymap]
    assert all(re.fullmatch(r"[a-z0-9-]+", key_name("de", k)) for k in KEYS)
    assert len(RENAMED) > 15


async def test_help_and_palette_name_bindings_in_german(store: Store) -> None:
    app = make_app(store, "rm")  # the default plan is German
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        assert isinstance(app.screen, ListScreen)
        shown = "\n".join(str(line) for line in app.screen.lines)
        assert "[abhaken]" in shown and "[entscheiden]" in shown and "[eskalation]" in shown
        for k in RENAMED:
            assert f"[{k.id}]" not in shown, k.id
        assert 'entscheiden = "G"' in shown and "decide" not in shown
        # keys as one presses them, not Textual's names ("right_square_bracketProbe: …")
        assert "]             Probe: Uhr zum nächsten Checkpoint" in shown
        assert "square_bracket" not in shown and "question_mark" not in shown
        await pilot.press("escape")
        helps = [c.help for c in golive_commands(app, app.screen)]
        assert "Taste g · Name entscheiden" in helps and "Taste ] · Name uhr-vor" in helps
        assert not any(h.endswith(f"Name {k.id}") for h in helps for k in RENAMED)


async def test_english_names_under_lang_en(store: Store) -> None:
    app = make_app(store, "rm", lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        assert isinstance(app.screen, ListScreen)
        assert "[toggle]" in "\n".join(str(line) for line in app.screen.lines)


def test_a_keymap_takes_german_or_english_names(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[keymap]\nentscheiden = "G"\nexport = "ctrl+e"\n"contact.edit" = "E"\n')
    assert load_keymap(config) == {"decide": "G", "export": "ctrl+e", "contact.edit": "E"}
    config.write_text('[keymap]\nentscheidn = "G"\n')
    with pytest.raises(KeymapError) as raised:
        load_keymap(config, lang="de")
    said = raised.value.text("de")
    assert said.startswith("unbekannte Taste 'entscheidn' (bekannt: abhaken, ablehnen")
    assert "toggle" not in said


async def test_the_palette_says_no_match_in_german(store: Store) -> None:
    """Textual's palette said "No matches found" under the German plan."""
    from textual.command import CommandList, CommandPalette

    app = make_app(store, "rm")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"zzzqqq")
        listed = app.screen.query_one(CommandList)

        def shown() -> list[str]:
            prompts = [listed.get_option_at_index(n).prompt for n in range(listed.option_count)]
            return [str(getattr(p, "renderable", p)) for p in prompts]  # a hit's is padded

        # the palette searches in the background: wait for its answer, not a fixed 0.8 s
        assert await until(pilot, lambda: shown() == ["Kein Befehl passt"]), shown()


async def test_ctrl_c_says_how_to_quit_in_german(store: Store) -> None:
    """ctrl+c showed Textual's "Do you want to quit? Press [b]q[/b] to quit the app"."""
    app = make_app(store, "rm")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+c")
        await pilot.pause()
        said = [(n.title, n.message) for n in app._notifications]
    assert len(said) == 1 and said[0][0] == ""
    assert said[0][1].endswith("Beenden mit q (Strg+C beendet nicht)")  # after PROBE ·
