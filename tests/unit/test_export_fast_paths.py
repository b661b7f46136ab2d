"""The export's per-note shortcuts (issue 24: export near a row scan) write the same bytes
as the general code they skip: a note's JSON row written out by hand, and clean_text's
check in C for non-ASCII text. Compared on a log of hostile notes and on random strings."""

from __future__ import annotations

import dataclasses
import json
import random
import re
import unicodedata
from pathlib import Path

import pytest

import golive.data.outputs.export as export_module
from golive.data.changes.commands import Note
from golive.data.log.store import Store
from golive.data.outputs.export import note_json, write_export
from golive.data.plan.source import load_default_plan
from golive.data.texts.user_text import clean_text
from golive.data.time.clock import FixedClock, parse_instant

HOSTILE = ['Zwischenstand: "ok" \\ [Status-Kanal] ‰', "zwei\nZeilen\tund Tab", "é e\u0301 ☃",
           "emoji 👍🏽 ZWJ 👩\u200d💻 vs\ufe0f", "\u2028 bidi \u202e gnirts",
           "1. | # > ~ $ @ &amp;",
           "</script><b>", "Grüße\u00ad aus Köln", "a\\u00e9 \\n"]


def slow_clean(text: str) -> str:
    """clean_text as it was before its check in C."""
    control = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u202a-\u202e"
                         "\u2060-\u2064\u2066-\u2069\ufe0e\ufe0f\ufeff]")
    if text.isascii():
        return text if text.isprintable() else control.sub("", text)
    return control.sub("", unicodedata.normalize("NFC", re.sub("[\ud800-\udfff]", "\ufffd",
                                                                text)))


def test_clean_text_is_what_it_was_on_random_unicode() -> None:
    pool = [chr(c) for c in [*range(0x250), *range(0x2000, 0x2070), 0xd800, 0xdfff, 0xfe0e,
                             0xfe0f, 0xfeff, 0x1f600, 0x301, 0x308, 0xac00, 0x1100, 0x1161,
                             0x11a8, 0x212b, 0xf900, 0x2126, 0x958, 0xfb1d, 0x2adc, 0x1d15e]]
    rnd = random.Random(24)
    for _ in range(50_000):
        s = "".join(rnd.choice(pool) for _ in range(rnd.randint(0, 12)))
        assert clean_text(s) == slow_clean(s), repr(s)
    for s in HOSTILE:
        assert clean_text(s) == slow_clean(s), repr(s)


def test_a_note_row_is_written_as_json_dumps_writes_it() -> None:
    base = {"seq": 7, "local": "2026-03-06 10:00:00+01:00", "utc": "2026-03-06T09:00:00.000000Z",
            "t": "T-01:00:00", "actor": "Jürgen \"JG\" Groß", "kind": "note", "target": "",
            "text": "", "payload": {}, "hash": "ab" * 32, "corrected_by": None}
    for words in HOSTILE:
        row = {**base, "text": f"Notiz: {words}", "payload": {"text": words}}
        assert note_json(row) == json.dumps(row, ensure_ascii=False)
    # anything else is left to the encoder
    assert note_json({**base, "payload": {"text": "x", "phone": "+49"}}) is None
    assert note_json({**base, "payload": {"text": 5}}) is None
    assert note_json({**base, "payload": {"text": "x"},
                      "corrected_by": {"seq": 9, "reason": "r"}}) is None
    assert note_json({**base, "seq": True, "payload": {"text": "x"}}) is None
    reordered = {"local": base["local"], **base, "payload": {"text": "x"}}
    assert note_json(dict(reversed(list(reordered.items())))) is None


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_json_export_of_hostile_notes_is_what_the_encoder_writes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    clock = FixedClock(parse_instant("2026-03-05T10:00:00", "Europe/Berlin"))
    store = Store.create(tmp_path / "g.sqlite", load_default_plan(), clock, "rm")
    for n, words in enumerate(HOSTILE * 3):
        store.apply(Note(f"{n} {words}"), ["rm", "Jürgen \"JG\" Groß", "ops\\bot"][n % 3])
    store.close()
    store = Store.open(tmp_path / "g.sqlite", clock)
    store.plan = dataclasses.replace(store.plan, language=lang)
    (tmp_path / "fast").mkdir()
    (tmp_path / "general").mkdir()
    fast = write_export(store, tmp_path / "fast", fmt="json").read_bytes()
    monkeypatch.setattr(export_module, "note_json", lambda r: None)
    general = write_export(store, tmp_path / "general", fmt="json").read_bytes()
    store.close()
    assert fast == general
    assert fast.count(b'"kind": "note"') == len(HOSTILE) * 3
