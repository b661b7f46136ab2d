"""The cockpit's keys: one table with an id per binding, so a keymap can remap any of them.

The same table feeds the key line (widgets/key_bar.py), the `?` help screen and the command
palette.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from textual.binding import Binding, BindingType

from golive.data.plan.config import config_path
from golive.data.texts.catalogue import Said, languages, text


@dataclass(frozen=True)
class Key:
    id: str
    keys: str
    action: str
    text_key: str
    show: bool = True
    palette: bool = True
    mutates: bool = False  # writes to the file: refused in a read-only cockpit
    # "module:function" in golive that the key opens with the app (a form or a flow):
    # the cockpit screen makes the action from it (golive.cockpit_screen)
    opens: str = ""


PANEL_KEYS = [
    Key(f"panel.{n}", str(n), f"panel({n})", f"panel.{name}", show=False, palette=False)
    for n, name in enumerate(("signoffs", "gates", "comms", "tplan", "contacts", "log"), 1)
]

KEYS: list[Key] = [
    Key("toggle", "space", "toggle_item", "key.toggle", palette=False, mutates=True),
    Key("reject", "r", "reject", "key.reject", show=False, mutates=True),
    Key("contact.edit", "e", "edit_contact", "key.edit", mutates=True),
    Key("note", "n", "note", "key.note", mutates=True, opens="forms:note_dialog"),
    Key("staging", "s", "staging", "key.staging", mutates=True,
        opens="forms:staging_dialog"),
    Key("decide", "g", "decide", "key.decide", mutates=True, opens="forms:decide_dialog"),
    Key("announce", "u", "announce", "key.announce", show=False, mutates=True,
        opens="announcing:start"),
    Key("golive", "d", "golive", "key.golive", show=False, mutates=True,
        opens="golive_actions:golive_dialog"),
    Key("rollback", "R", "rollback", "key.rollback", show=False, mutates=True,
        opens="golive_actions:rollback_dialog"),
    Key("correct", "K", "correct", "key.correct", show=False, mutates=True,
        opens="golive_actions:correct_dialog"),
    Key("clock.next", "right_square_bracket", "clock_next", "key.clock_next", show=False,
        mutates=True),
    Key("clock.previous", "left_square_bracket", "clock_previous", "key.clock_previous",
        show=False, mutates=True),
    Key("export", "x", "export", "key.export"),
    Key("copy", "c", "copy_summary", "key.copy", show=False),
    Key("blockers", "b", "blockers", "key.blockers"),
    Key("as-of", "a", "as_of", "key.asof", show=False, opens="forms:as_of_dialog"),
    Key("info", "i", "info", "key.info", show=False),
    Key("help", "question_mark", "help", "key.help"),
    Key("quit", "q", "app.quit", "key.quit"),
    # shown by golive rather than Textual, so the footer says it in the interface language
    Key("palette", "ctrl+p", "app.command_palette", "key.palette", palette=False),
    *PANEL_KEYS,
]


MUTATING_ACTIONS = frozenset(k.action for k in KEYS if k.mutates)


# The cockpit screen's bindings: descriptions are catalogue keys, which the screen says in
# the interface language; a read-only screen hides the keys that write and answers them
# with one line (CockpitScreen).
BINDINGS: list[BindingType] = [
    Binding(k.keys, k.action, k.text_key, show=k.show, id=k.id,
            key_display="?" if k.keys == "question_mark" else None,
            # Textual's own palette binding is a priority one and would hide this one
            priority=k.action == "app.command_palette")
    for k in KEYS]


class KeymapError(Said):
    """A [keymap] that cannot be used; said in the interface language."""


def key_name(lang: str, key: Key) -> str:
    """A binding's name as `?` and the palette show it: German under the German plan
    ("entscheiden"), the id in English ("decide")."""
    return text(lang, f"keyname.{key.id}")


def load_keymap(path: Path | None = None, lang: str = "en") -> dict[str, str]:
    """The [keymap] table of the config file: binding name -> keys, e.g. decide = "G" or
    entscheiden = "G" (either language's name); returned by binding id."""
    path = path or config_path()
    if not path.exists():
        return {}
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise KeymapError(str(exc)) from None
    keymap = data.get("keymap", {})
    ids = {text(language, f"keyname.{k.id}"): k.id for language in languages() for k in KEYS}
    if not isinstance(keymap, dict):
        raise KeymapError("keymap.not_table")
    remapped = {}
    for name, keys in keymap.items():
        if name not in ids:
            known = ", ".join(key_name(lang, k) for k in KEYS)
            raise KeymapError("keymap.unknown", name=name, known=known)
        if not isinstance(keys, str) or not keys.strip():
            raise KeymapError("keymap.empty", name=name)
        remapped[ids[name]] = keys
    return remapped
