"""What golive reads back from its file is only what it can have written: JSON nested a few
levels, finite numbers, valid Unicode; times in to_utc_text's form. The nesting is
measured without recursion, so a payload nested 200,000 deep costs a scan, not a
RecursionError (or a crash in a thread with a small stack)."""

from __future__ import annotations

import threading

import pytest

from golive.data.log.stored_json import MAX_DEPTH, StoredJSONError, loads
from golive.data.time.clock import FIRST_YEAR, LAST_YEAR, is_utc_text, to_utc_text

from support.records import at


def nested(depth: int) -> str:
    return "[" * depth + "1" + "]" * depth


def nested_list(depth: int) -> object:
    value: object = 1
    for _ in range(depth):
        value = [value]
    return value


@pytest.mark.parametrize("text, value", [
    ('{"text": "x", "state_digest": "ab"}', {"text": "x", "state_digest": "ab"}),
    (nested(MAX_DEPTH), nested_list(MAX_DEPTH)),
    ('{"text": "' + "[" * 1000 + '"}', {"text": "[" * 1000}),  # brackets in a string
    ('{"text": "\\"[[[[\\\\"}', {"text": '"[[[[\\'}),  # escaped quotes and backslashes
    ('"\\ud83d\\ude00"', "\U0001f600"),  # a surrogate pair is one character
    ('{"n": 1.5, "m": -3, "e": 1e300}', {"n": 1.5, "m": -3, "e": 1e300}),
])
def test_what_golive_writes_reads_as_json_does(text: str, value: object) -> None:
    assert loads(text) == value


@pytest.mark.parametrize("text, reason", [
    (nested(MAX_DEPTH + 1), "deep"),
    (nested(200_000), "deep"),
    ('{"a": ' + "{" * 100_000, "deep"),  # never closed
    ('"x" ' + nested(100_000), "deep"),
    ('{"text": NaN}', "constant"),
    ("[Infinity]", "constant"),
    ("[-Infinity]", "constant"),
    ("[1e400]", "constant"),  # json.loads makes it inf
    ('{"text": "\\ud800"}', "surrogate"),
    ('{"\\udfff": 1}', "surrogate"),
    (b'{"text": "x"}', "binary"),
    (12345, "binary"),
    (None, "binary"),
    ("{not json", "not_json"),
    ("[" + "9" * 5000 + "]", "not_json"),  # past Python's digit limit
])
def test_what_golive_never_writes_is_refused_with_its_reason(text: object, reason: str
                                                             ) -> None:
    with pytest.raises(StoredJSONError) as caught:
        loads(text)
    assert caught.value.reason == reason
    assert isinstance(caught.value, ValueError)  # readers that catch ValueError still do


def test_a_deep_payload_in_a_thread_with_a_small_stack_is_refused_not_a_crash() -> None:
    found: list[str] = []

    def read() -> None:
        try:
            loads(nested(200_000))
        except StoredJSONError as exc:
            found.append(exc.reason)

    size = threading.stack_size(64 * 1024)
    try:
        thread = threading.Thread(target=read)
        thread.start()
        thread.join()
    finally:
        threading.stack_size(size)
    assert found == ["deep"]


@pytest.mark.parametrize("value, ok", [
    (to_utc_text(at("2026-03-05T10:00:00")), True),
    (f"{FIRST_YEAR}-01-01T00:00:00.000000Z", True),
    (f"{LAST_YEAR}-12-31T23:59:59.999999Z", True),
    (f"{FIRST_YEAR - 1}-12-31T23:59:59.999999Z", False),
    (f"{LAST_YEAR + 1}-01-01T00:00:00.000000Z", False),
    ("9999-12-31T23:59:59.999999Z", False),
    ("2024-02-29T12:00:00.000000Z", True),
    ("2026-02-29T12:00:00.000000Z", False),
    ("2026-04-31T12:00:00.000000Z", False),
    ("2026-03-05T24:00:00.000000Z", False),
    ("2026-03-05T10:00:00Z", False),  # not golive's form: no microseconds
    ("2026-03-05T10:00:00.000000+00:00", False),
    ("2026-03-05T10:00:00.000000Z\n", False),
    ("\uff12\uff10\uff12\uff16-03-05T10:00:00.000000Z", False),  # fullwidth digits
    ("yesterday", False),
    ("", False),
    (1772701200, False),
    (b"2026-03-05T10:00:00.000000Z", False),
])
def test_a_stored_time_is_golives_own_form_in_its_years(value: object, ok: bool) -> None:
    assert is_utc_text(value) is ok
