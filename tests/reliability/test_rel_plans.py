"""At least 60 malformed plans: each is refused in one line with exit 2, and no file is
created. A plan with a byte order mark is accepted."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from golive.data.plan.source import default_plan_text

from support.hostile import MALFORMED_PLAN_BYTES, malformed_plans

PLANS = malformed_plans(default_plan_text())
assert len(PLANS) + len(MALFORMED_PLAN_BYTES) >= 60

IANA = "(an IANA name such as 'Europe/Berlin')"
# what each plan is refused for (after "golive: plan.toml[:line]: "): refused for another
# reason, the check the plan is named after is not tested at all
WHY = {
    "empty": 'plan.checkpoints: missing field',
    "whitespace": 'plan.checkpoints: missing field',
    "comment-only": 'plan.checkpoints: missing field',
    "garbage": "TOML syntax: Expected '=' after a key in a key/value pair",
    "json": 'TOML syntax: Invalid statement',
    "nested-brackets": 'TOML nested too deeply',
    "nested-tables": 'TOML nested too deeply',
    "nul-bytes": 'TOML syntax: Invalid statement',
    "unknown-top-field": 'plan.extra: unknown field',
    "unknown-golive-field": 'golive.colour: unknown field',
    "no-product": 'golive.product: missing field',
    "no-release": 'golive.release: missing field',
    "no-timezone": 'golive.timezone: missing field',
    "no-t0": 'golive.t0: missing field',
    "product-number": 'golive.product: must be a string',
    "product-empty": 'golive.product: must not be empty',
    "product-spaces": 'golive.product: must not be empty',
    "product-controls-only": 'golive.product: must not be empty',
    "release-list": 'golive.release: must be a string',
    "timezone-unknown": f"golive.timezone: unknown time zone 'Mars/Olympus' {IANA}",
    "timezone-path": f"golive.timezone: unknown time zone '../../etc/passwd' {IANA}",
    "timezone-localtime": f"golive.timezone: unknown time zone 'localtime' {IANA}",
    "timezone-nul": f"golive.timezone: unknown time zone 'Europe/Berlin\\x00' {IANA}",
    "timezone-posix-tree": f"golive.timezone: unknown time zone 'posix/Europe/Berlin' {IANA}",
    "timezone-empty": 'golive.timezone: must not be empty',
    "t0-garbage": "golive.t0: not a date-time: 'tomorrow'",
    "t0-number": 'golive.t0: must be a local date-time like 2026-03-06T10:00:00',
    "t0-date-only": 'golive.t0: must be a local date-time like 2026-03-06T10:00:00',
    "t0-year-9999": 'golive.t0: 9999-12-31 is outside the years 1971 to 9000',
    "t0-year-1": 'golive.t0: 0001-01-01 is outside the years 1971 to 9000',
    "t0-dst-gap":
        'golive.t0: 2026-03-29 02:30 does not exist in Europe/Berlin (clocks skip it)',
    "t0-dst-twice":
        'golive.t0: 2026-10-25 02:30 is ambiguous in Europe/Berlin (clocks pass it twice)',
    "language-fr": 'golive.language: must be one of de, en',
    "language-number": 'golive.language: must be a string',
    "date-garbage": 'golive.document_date: must be a date (YYYY-MM-DD)',
    "date-datetime": 'golive.document_date: must be a date (YYYY-MM-DD)',
    "docs-numbers": 'golive.docs: must be a list of strings',
    "boxes-unknown": "golive.approval_boxes: 'approval.nobody' is not a sign-off id",
    "boxes-not-list": 'golive.approval_boxes: must be a list of strings',
    "id-upper":
        "signoffs[0].id: invalid id 'Approval.Business' (lower-case letters, digits, . + _ -)",
    "id-space":
        "signoffs[0].id: invalid id 'approval business' (lower-case letters, digits, . + _ -)",
    "id-markup": "signoffs[0].id: invalid id '[/srv]' (lower-case letters, digits, . + _ -)",
    "id-empty": "signoffs[0].id: invalid id '' (lower-case letters, digits, . + _ -)",
    "id-number": 'signoffs[0].id: invalid id 7 (lower-case letters, digits, . + _ -)',
    "id-duplicate":
        "signoffs[1].id: duplicate id 'approval.business' (already used by signoffs[0].id)",
    "id-duplicate-across":
        "gates[0].id: duplicate id 'approval.sre' (already used by signoffs[4].id)",
    "label-missing": 'signoffs[0].label: missing field',
    "label-empty": 'signoffs[0].label: must not be empty',
    "label-table": 'signoffs[0].label: must be a string',
    "signoff-unknown-field": 'signoffs[0].weight: unknown field',
    "informed-string": 'signoffs[0].informed: must be true or false',
    "derived-unknown":
        'gates[1].derived: must be one of staging-stable, contacts-complete, deploy-started',
    "hours-zero": 'gates[1].hours: must be a whole number of hours (1 to 336)',
    "hours-huge": 'gates[1].hours: must be a whole number of hours (1 to 336)',
    "hours-bool": 'gates[1].hours: must be a whole number of hours (1 to 336)',
    "hours-float": 'gates[1].hours: must be a whole number of hours (1 to 336)',
    "offset-garbage":
        "checkpoints[3].offset: offset must look like +24h, -1d or -1h30m, not 'tomorrow'",
    "offset-days-huge":
        'checkpoints[3].offset: offset +99999999d lies more than 366 days from T-0',
    "offset-hours-huge":
        'checkpoints[3].offset: offset +999999999999h lies more than 366 days from T-0',
    "offset-digits-5000":
        'checkpoints[3].offset: offset +99999999999999999999999 lies more than 366 days from T-0',
    "offset-number": 'checkpoints[3].offset: offset must look like +24h, -1d or -1h30m, not 24',
    "offset-and-at":
        "checkpoints[3].at: give exactly one of 'at' (local time) or 'offset' (from T-0)",
    "neither-at-nor-offset":
        "checkpoints[3].at: give exactly one of 'at' (local time) or 'offset' (from T-0)",
    "at-dst-gap":
        'checkpoints[0].at: 2026-03-29 02:30 does not exist in Europe/Berlin (clocks skip it)',
    "check-unknown-field": 'checkpoints[1].checks[1].due: unknown field',
    "contact-kind": 'contacts[0].kind: must be one of person, channel',
    "contact-no-placeholder": 'contacts[0].placeholder: missing field',
    "duplicate-key": 'TOML syntax: Cannot overwrite a value',
    "duplicate-table": "TOML syntax: Cannot declare ('golive',) twice",
    "unclosed-string": "TOML syntax: Illegal character '\\n'",
    "unclosed-array": 'TOML syntax: Unclosed array',
    "control-in-toml": "TOML syntax: Illegal character '\\x01'",
    "no-golive-table": 'plan.golive: missing field',
    "golive-not-table": 'golive: must be a table',
    "docs-not-list": 'golive.docs: must be a list of strings',
    "checks-not-list": 'checkpoints[1].checks: must be a list of tables',
    "signoffs-empty": "golive.approval_boxes: 'approval.product' is not a sign-off id",
    "gates-not-tables": 'gates: must be an array of tables ([[gates]])',
}
assert WHY.keys() == {name for name, _ in PLANS}


def _refused(cli_inproc, tmp_path: Path, plan: Path, why: str | None = None  # type: ignore[no-untyped-def]
             ) -> None:
    db = tmp_path / "g.sqlite"
    result = cli_inproc("init", "--db", str(db), "--plan", str(plan), "--now",
                        "2026-03-05T10:00:00")
    assert result.code == 2, result
    assert result.out == ""
    lines = result.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("golive: "), result.err
    if why is not None:
        assert re.fullmatch(rf"golive: {re.escape(str(plan))}(:\d+)?: {re.escape(why)}",
                            lines[0]), (why, lines[0])
    assert len(lines[0]) < 400
    assert "\x1b" not in result.err
    assert not db.exists()


@pytest.mark.parametrize("name, text", PLANS, ids=[n for n, _ in PLANS])
def test_a_malformed_plan_gets_one_line(cli_inproc, tmp_path: Path, name: str,  # type: ignore[no-untyped-def]
                                        text: str) -> None:
    plan = tmp_path / "plan.toml"
    plan.write_text(text, "utf-8")
    _refused(cli_inproc, tmp_path, plan, WHY[name])


@pytest.mark.parametrize("data", [d for _, d in MALFORMED_PLAN_BYTES],
                         ids=[n for n, _ in MALFORMED_PLAN_BYTES])
def test_a_plan_that_is_not_small_utf8_text_gets_one_line(cli_inproc, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                          data: bytes) -> None:
    plan = tmp_path / "plan.toml"
    plan.write_bytes(data)
    _refused(cli_inproc, tmp_path, plan)


def test_a_plan_too_large_to_copy_into_every_file_is_refused(cli_inproc, tmp_path: Path  # type: ignore[no-untyped-def]
                                                              ) -> None:
    plan = tmp_path / "plan.toml"
    plan.write_text(default_plan_text() + "#" * 2_000_000 + "\n", "utf-8")
    _refused(cli_inproc, tmp_path, plan)


def test_a_plan_with_a_byte_order_mark_is_accepted_and_stored_without_it(cli, tmp_path: Path  # type: ignore[no-untyped-def]
                                                                        ) -> None:
    plan = tmp_path / "bom.toml"
    plan.write_bytes(b"\xef\xbb\xbf" + default_plan_text().encode())
    db = str(tmp_path / "g.sqlite")
    assert cli("init", "--db", db, "--plan", str(plan)).code == 0
    assert cli("status", "--db", db, "--plan", str(plan)).code == 1  # NO-GO, same plan
    assert cli("status", "--db", db).code == 1


def test_the_stored_custom_plan_is_the_plan_without_repeating_plan(cli, tmp_path: Path  # type: ignore[no-untyped-def]
                                                                  ) -> None:
    plan = tmp_path / "custom.toml"
    plan.write_text(default_plan_text().replace('product = "LifeTimeCircle"',
                                                'product = "Eigenes"'), "utf-8")
    db = str(tmp_path / "g.sqlite")
    assert cli("init", "--db", db, "--plan", str(plan)).code == 0
    # the cockpit's path (create=True) must open the file with its own stored plan
    from golive.cli_files import open_store
    from golive.cli_parser import Options

    store, created = open_store(Options(Path(db), None, "rm", None, None, None), create=True)
    try:
        assert not created and store.plan.product == "Eigenes"
    finally:
        store.close()
    other = cli("status", "--db", db, "--plan", str(tmp_path / "missing.toml"))
    assert other.code == 2
