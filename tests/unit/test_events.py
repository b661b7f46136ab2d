"""The event hash is the definition every existing file was written with: SHA-256 over
prev_hash and canonical_json of the event's fields. The fast form must give the same
bytes for every input, or verify would call an intact log tampered."""

from __future__ import annotations

import hashlib
import json

import pytest

from golive.data.log.events import (
    GENESIS,
    STATE_DIGEST,
    DamagedEvent,
    canonical_json,
    canonical_payload,
    event_hash,
    plain_canonical,
    stored_payload,
)

TEXTS = ["", "plain", "Jürgen Groß", 'quote " and \\ backslash', "tab\tnew\nline",
         "\x00\x1f\x7f\x85\u2028\u2029", "😀 emoji", "\ud800 lone surrogate", "[Status-Kanal]",
         "</script>", "ÄÖÜ ß € 中文"]


def definition(prev, seq, at, actor, kind, target, payload):
    body = canonical_json({"seq": seq, "at": at, "actor": actor, "kind": kind,
                           "target": target, "payload": payload})
    return hashlib.sha256((prev + body).encode("utf-8")).hexdigest()


@pytest.mark.parametrize("text", TEXTS)
def test_fast_hash_equals_the_definition(text):
    payloads = [{}, {"text": text}, {"z": 1, "a": [text, None, True, 1.5], "m": {"y": text,
                                                                                  "b": -3}},
                {"reason": text, "by": text, "done": False}]
    for payload in payloads:
        for seq in (1, 2, 10**9):
            args = (GENESIS, seq, "2026-03-05T10:00:00.000000Z", text, "note", text, payload)
            try:
                want = definition(*args)
            except UnicodeEncodeError:  # a lone surrogate cannot be stored either
                with pytest.raises(UnicodeEncodeError):
                    event_hash(*args)
                continue
            assert event_hash(*args) == want, (text, payload, seq)


STORED = [json.dumps({"text": t}, ensure_ascii=False) for t in TEXTS if "\ud800" not in t] + [
    '{"text": "\\u0041"}',  # a \u escape json.dumps would not write: parsed, gives "A"
    '{"text": "a", "b": "c"}', '{"b": "c", "a": "d"}', '{"text": 5}', '{"text": null}',
    '{"text": "x"}  ', '{"Text": "x"}', '{"text":"x"}', '{"text": "\\/"}', "{}",
    '{"text": "' + 'a\\n' * 5000 + '", "x": 1}',  # fails late: must not backtrack for ever
    '{"reason": "a \\"quoted\\" \\\\ path", "by": "rm"}',
    '{"a": "x", "a": "y"}', '{"text": "x", "state_digest": 1}',  # a key twice; not a string
] + [json.dumps({"text": t, STATE_DIGEST: "ab" * 32}, ensure_ascii=False)  # a note as stored
     for t in TEXTS if "\ud800" not in t]


@pytest.mark.parametrize("stored", STORED)
def test_canonical_payload_equals_parsing_and_writing(stored):
    assert canonical_payload(stored) == canonical_json(json.loads(stored))


@pytest.mark.parametrize("stored", ['{"text": "a\tb"}', '{"text": "a', "nope"])
def test_canonical_payload_refuses_what_json_refuses(stored):
    with pytest.raises(ValueError):
        json.loads(stored)
    with pytest.raises(ValueError):
        canonical_payload(stored)


@pytest.mark.parametrize("stored", STORED)
def test_stored_payload_equals_json_loads(stored):
    want = json.loads(stored)
    want.pop(STATE_DIGEST, None)  # kept apart from the change's own payload
    assert stored_payload(stored, 7) == want
    assert list(stored_payload(stored, 7)) == list(want)


@pytest.mark.parametrize("stored", STORED)
def test_plain_canonical_is_canonical_json_or_none(stored):
    """verify counts a note without parsing it only through this form."""
    plain = plain_canonical(stored)
    if plain is not None:
        assert plain == canonical_json(json.loads(stored))


def test_a_note_as_stored_takes_the_plain_path():
    for t in ("Statuscall 10:00", 'a "quoted" \\ path\nline 2', "ÄÖÜ € 😀 </script> [x]"):
        stored = json.dumps({"text": t, STATE_DIGEST: "ab" * 32}, ensure_ascii=False)
        assert plain_canonical(stored) == canonical_json(json.loads(stored))
    assert plain_canonical('{"a": "x", "a": "y"}') is None  # json.loads keeps the last
    assert plain_canonical('{"text": "x", "n": 1}') is None
    assert plain_canonical('{"text": "\\u0041"}') is None


@pytest.mark.parametrize("stored", ["[1, 2]", "{not json", '"text"'])
def test_stored_payload_names_a_payload_golive_did_not_write(stored):
    with pytest.raises(DamagedEvent, match="^event 7"):
        stored_payload(stored, 7)
