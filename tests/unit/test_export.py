"""The retrospective export, the approval document and the event words.

Real SQLite files in tmp_path, a clock that the test moves by hand, and the Markdown
checked both as text and as rendered HTML (markdown-it, which Rich already brings), so
"literal" means what a reader on a code host would see.
"""

from __future__ import annotations

import errno
import json
import os
import re
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pendulum
import pytest
from markdown_it import MarkdownIt

from golive.cli_files import with_language
from golive.data.changes.commands import (
    Check,
    Decide,
    Note,
    Revoke,
)
from golive.data.outputs import export as export_module
from golive.data.outputs.approval_doc import approval_doc
from golive.data.outputs.describe import describe, t_relative, utc_instant
from golive.data.outputs.export import write_export
from golive.data.outputs.export_file import ExportError, export_stem
from golive.data.outputs.markdown import md_text
from golive.data.time.formats import local_with_offset

from support.export_day import EXPORT_AT, HOSTILE_NAME, HOSTILE_NOTES, Day

ZONE = "Europe/Berlin"
HEX64 = re.compile(r"\b[0-9a-f]{64}\b")




@pytest.fixture
def day(tmp_path: Path) -> Iterator[Day]:
    d = Day(tmp_path / "day.sqlite")
    yield d
    d.store.close()


@pytest.fixture
def full_day(day: Day) -> Day:
    """A scripted go-live day: contacts, sign-offs with a revocation, gates, checks (one of
    them late), hostile notes, and GO two minutes before T-0."""
    day.contacts()
    day.signoffs()
    day.gates()
    day.do(Check("comms.timeline"))
    day.at("2026-03-05T09:30:00")
    day.do(Check("t-24h.on-call"))
    day.at("2026-03-05T11:00:00")
    day.do(Check("t-24h.go-no-go-meeting"))  # after T-24h: late
    for note in HOSTILE_NOTES:
        day.do(Note(note), actor="rm **ops**")
    day.at("2026-03-06T09:57:00")  # +1 min: GO at 09:58
    day.do(Decide("go", "Rita [CTO]", "alles grün"))
    day.clock.instant = EXPORT_AT
    return day


def md_export(d: Day, tmp_path: Path, **kw: object) -> tuple[Path, str]:
    path = write_export(d.store, tmp_path / "out" if (tmp_path / "out").is_dir() else None,
                        **kw)  # type: ignore[arg-type]
    return path, path.read_text("utf-8")


def section(md: str, heading: str) -> str:
    start = md.index(f"\n## {heading}\n")
    end = md.find("\n## ", start + 1)
    return md[start:end if end != -1 else None]


def split_row(line: str) -> list[str]:
    return [c.strip() for c in re.split(r"(?<!\\)\|", line.strip())[1:-1]]


def rendered_text(md: str) -> str:
    """What a reader sees: the HTML of the Markdown with tags removed and entities
    decoded."""
    import html

    out = MarkdownIt("commonmark").enable("table").render(md)
    return html.unescape(re.sub(r"<[^>]+>", "", out))


# --- describe ------------------------------------------------------------------------------


def test_t_relative_before_and_after_t0() -> None:
    t0 = pendulum.datetime(2026, 3, 6, 10, 0, tz=ZONE)
    assert t_relative(t0.subtract(minutes=42, seconds=10), t0) == "T-00:42:10"
    assert t_relative(t0, t0) == "T-00:00:00"
    assert t_relative(t0.add(days=1, hours=2), t0) == "T+1d 02:00:00"


def test_describe_every_kind_in_both_languages(full_day: Day) -> None:
    plan = full_day.store.plan
    import dataclasses

    english = dataclasses.replace(plan, language="en")
    seen = set()
    for event in full_day.store.events():
        seen.add(event.kind)
        de = describe(event, plan, mask_phones=True)
        en = describe(event, english, mask_phones=True)
        assert de and en and "\x1b" not in de + en
    assert seen >= {"init", "approve", "reject", "revoke", "gate", "check", "contact",
                    "staging", "note", "decide"}
    revoke = next(e for e in full_day.store.events() if e.kind == "revoke")
    assert describe(revoke, plan, mask_phones=True) == \
        "Produkt: Freigabe zurückgezogen: Pen-Test offen [P1]"
    assert describe(revoke, english, mask_phones=True) == \
        "Produkt: sign-off revoked: Pen-Test offen [P1]"
    person = next(e for e in full_day.store.events() if e.target == "contact.backup-on-call")
    assert describe(person, plan, mask_phones=True) == "Backup-On-Call: Ben Meyer, +49••••••••29"
    assert describe(person, plan, mask_phones=False) == "Backup-On-Call: Ben Meyer, +49 171 7364529"


# --- the Markdown export -------------------------------------------------------------------


def test_file_name_mode_and_default_directory(full_day: Day) -> None:
    path = write_export(full_day.store)
    assert path.parent == full_day.store.path.parent / "retro"
    assert path.name == "golive-PROBE-rc-2026-03-01-2026-03-06T10-15-02+01-00.md"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert export_stem("rc 1/2", EXPORT_AT.in_tz("UTC")) == \
        "golive-rc-1-2-2026-03-06T09-15-02+00-00"


def test_timeline_lists_every_event_in_order(full_day: Day, tmp_path: Path) -> None:
    store = full_day.store
    _, md = md_export(full_day, tmp_path)
    rows = [split_row(line) for line in section(md, "Zeitachse").splitlines()
            if re.match(r"\| \d+ \|", line)]
    events = list(store.events())
    assert len(rows) == len(events) == store.event_count()
    t0 = store.plan.t0
    for row, event in zip(rows, events, strict=True):
        instant = utc_instant(event.at)
        assert row[0] == str(event.seq)
        assert row[1] == local_with_offset(instant, ZONE)
        assert row[2] == event.at
        assert row[3] == t_relative(instant, t0)
        assert row[4] == md_text(event.actor)
        assert row[5] == md_text(describe(event, store.plan, mask_phones=True))
    # a winter instant shows CET, and the T-relative column counts through T-0
    assert rows[0][1].endswith("+01:00") and rows[0][3].startswith("T-2d ")
    decide = next(r for r in rows if "Entscheidung GO" in r[5])
    assert decide[3] == "T-00:02:00"


def test_last_line_is_the_head_and_the_verify_command(full_day: Day, tmp_path: Path) -> None:
    _, md = md_export(full_day, tmp_path)
    last = md.rstrip("\n").splitlines()[-1]
    assert HEX64.findall(last) == [full_day.store.head()]
    assert f"golive verify --db {full_day.store.path}" in last


def test_signoff_history_approve_revoke_approve_in_order(full_day: Day, tmp_path: Path
                                                         ) -> None:
    _, md = md_export(full_day, tmp_path)
    product = md[md.index("### Produkt"):md.index("### Security")]
    history = [line for line in product.splitlines() if line.startswith("- ")]
    assert len(history) == 3
    assert "freigegeben von Paula" in history[0]
    assert "Freigabe zurückgezogen: Pen-Test offen \\[P1\\]" in history[1]
    assert "freigegeben von Paula" in history[2]
    assert "**Stand:** freigegeben — Paula" in product
    security = md[md.index("### Security"):md.index("### DevOps")]
    words = [line for line in security.splitlines() if line.startswith("- ")]
    assert ["abgelehnt von Sven" in words[0], "CVE behoben" in words[1],
            "freigegeben von Sven" in words[2]] == [True, True, True]
    support = md[md.index("### Support"):md.index("## Go/No-Go")]
    assert "**Stand:** informiert — Susi" in support


def test_summary_gates_checks_and_contacts(full_day: Day, tmp_path: Path) -> None:
    _, md = md_export(full_day, tmp_path)
    summary = section(md, "Zusammenfassung")
    assert "- **Urteil:** GO\n" in summary  # after GO the verdict is the go-live's phase
    assert "GO durch Rita \\[CTO\\], 2026-03-06 09:58:00+01:00 (T-00:02:00)" in summary
    assert "Begründung: alles grün" in summary
    gates = section(md, "Go/No-Go-Kriterien")
    monitoring = gates[gates.index("### Monitoring aktiv"):]
    assert "rot (alerts fehlen für \\[/srv\\])" in monitoring
    assert "Monitoring aktiv“: grün" in monitoring
    tplan = section(md, "T-Plan")
    assert "### T-24h — fällig 2026-03-05 10:00:00+01:00" in tplan
    late = next(line for line in tplan.splitlines() if "Go/No-Go-Termin" in line)
    assert "erledigt 2026-03-05 11:01:00+01:00" in late and "verspätet" in late
    on_time = next(line for line in tplan.splitlines() if "On-Call bestätigt" in line)
    assert "erledigt 2026-03-05 09:31:00+01:00" in on_time and "verspätet" not in on_time
    assert "überfällig" in next(line for line in tplan.splitlines()
                                if "letzter Statuscall" in line)
    comms = section(md, "Kommunikation")
    assert "- [x] Go-Live-Timeline verteilt" in comms


def test_hostile_text_is_rendered_literally(full_day: Day, tmp_path: Path) -> None:
    _, md = md_export(full_day, tmp_path)
    assert "\x1b" not in md
    for raw in ("**bold**", "<script>", "[/srv]", "[Status-Kanal]", "`code`"):
        assert f"Notiz: {raw}" not in md  # never unescaped
    seen = rendered_text(md)
    for note in HOSTILE_NOTES:
        literal = note.replace("\x1b", "").replace("\n", "")
        assert f"Notiz: {literal}" in seen.replace("\n", ""), literal
    assert HOSTILE_NAME in seen
    assert "rm **ops**" in seen
    # the pipe did not split a row: every timeline row still has six cells
    for line in section(md, "Zeitachse").splitlines():
        if re.match(r"\| \d+ \|", line):
            assert len(split_row(line)) == 6
    html = MarkdownIt("commonmark").enable("table").render(md)
    assert "<script>" not in html and "<strong>bold" not in html
    assert 'href="http://evil"' not in html


def test_phones_masked_unless_asked(full_day: Day, tmp_path: Path) -> None:
    _, masked = md_export(full_day, tmp_path)
    assert "+49 171 7364529" not in masked and "7364529" not in masked
    assert "+49••••••••29" in masked
    assert "Rufnummern maskiert" in masked
    _, shown = md_export(full_day, tmp_path, with_phones=True)
    assert "+49 171 7364529" in shown and "Rufnummern maskiert" not in shown


def test_approval_document_before_and_after_the_decision(day: Day) -> None:
    store = day.store
    blank = approval_doc(store.plan, store.board())
    # German under the German plan: golive's heading, the boxes by their roles (the
    # source's template says "Go-Live Approval" and "Product")
    assert blank.splitlines()[:5] == [
        "# Go-Live-Freigabe – LifeTimeCircle", "",
        "Datum: 2026-03-05", "Release: rc-2026-03-01",
        "Deploy-Zielbild: Single-Node + SQLite + persistenter lokaler Storage"]
    assert [line for line in blank.splitlines() if line.startswith("- [")] == [
        "- [ ] Produkt", "- [ ] Security", "- [ ] DevOps", "- [ ] SRE", "- [ ] Support"]
    english = approval_doc(with_language(store.plan, "en"), store.board())
    assert english.splitlines()[0] == "# Go-Live Approval – LifeTimeCircle"
    assert blank.endswith("Go / No-Go: ______________________\n"
                          "Entscheider: _____________________\n"
                          "Zeitpunkt: _______________________\n")
    day.contacts()
    day.signoffs()
    day.do(Revoke("approval.sre", "Runbook fehlt"))
    doc = approval_doc(store.plan, store.board())
    boxes = [line for line in doc.splitlines() if line.startswith("- [")]
    assert boxes[0].startswith("- [x] Produkt — Paula, 2026-03-04 ")
    assert boxes[3] == "- [ ] SRE"  # approved, then revoked: not ticked
    assert "Entscheider: _____" in doc
    day.do(Decide("no-go", "Rita", "SRE fehlt"))
    decided = approval_doc(store.plan, store.board())
    assert decided.splitlines()[-3:] == [
        "Go / No-Go: NO-GO", "Entscheider: Rita, getippt",
        f"Zeitpunkt: {local_with_offset(day.clock.instant, ZONE)}"]


def test_export_contains_the_filled_approval_document(full_day: Day, tmp_path: Path) -> None:
    _, md = md_export(full_day, tmp_path)
    doc = approval_doc(full_day.store.plan, full_day.store.board())
    assert f"```markdown\n{doc}```\n" in section(md, "Freigabevorlage")
    assert "Go / No-Go: GO" in doc and "Entscheider: Rita [CTO]" in doc


# --- files: never overwrite, never leave half a file ---------------------------------------


def test_two_exports_in_one_second_both_survive(full_day: Day, tmp_path: Path) -> None:
    first = write_export(full_day.store)
    second = write_export(full_day.store)
    third = write_export(full_day.store, fmt="json")
    assert first != second
    assert second.name == first.name.replace(".md", "-2.md")
    assert third.suffix == ".json"
    assert first.read_text("utf-8") == second.read_text("utf-8")
    assert len(list(first.parent.iterdir())) == 3


def test_unwritable_directory_gives_one_line_and_no_file(
        full_day: Day, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "ro"
    target.mkdir()
    target.chmod(0o500)
    if os.geteuid() == 0:
        # root writes into a 0500 directory anyway (and a file standing in for the
        # directory only tested "does not exist"): the kernel's answer to everyone else,
        # given where the export creates its file
        real_open = os.open

        def refused(path, flags, *args):
            if Path(path).parent == target and flags & os.O_CREAT:
                raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
            return real_open(path, flags, *args)

        monkeypatch.setattr(export_module.os, "open", refused)
    try:
        with pytest.raises(ExportError) as info:
            write_export(full_day.store, target)
    finally:
        target.chmod(0o700)
    message = str(info.value)
    assert re.fullmatch(re.escape(str(target)) + r"/golive-PROBE-rc-2026-03-01-[^/]+\.md: "
                        r"cannot create the export: permission denied", message), message
    assert list(target.iterdir()) == []


def test_missing_directory_is_refused(full_day: Day, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="directory does not exist"):
        write_export(full_day.store, tmp_path / "nowhere")
    assert not (tmp_path / "nowhere").exists()


def test_disk_full_removes_the_partial_file(full_day: Day, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    out.mkdir()

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(export_module.os, "fsync", full)
    with pytest.raises(ExportError, match="disk is full"):
        write_export(full_day.store, out)
    assert list(out.iterdir()) == []


# --- JSON ------------------------------------------------------------------------------------


def test_json_export_holds_the_same_content(full_day: Day, tmp_path: Path) -> None:
    store = full_day.store
    path = write_export(store, fmt="json")
    doc = json.loads(path.read_text("utf-8"))
    assert [r["seq"] for r in doc["timeline"]] == [e.seq for e in store.events()]
    assert doc["head"] == store.head() == doc["timeline"][-1]["hash"]
    assert doc["events"] == store.event_count() == doc["summary"]["events"]
    assert (doc["summary"]["verdict"], doc["summary"]["phase"]) == ("GO", "go")
    assert doc["summary"]["decision"]["by"] == "Rita [CTO]"
    product = next(s for s in doc["signoffs"] if s["id"] == "approval.product")
    assert [h["kind"] for h in product["history"]] == ["approve", "revoke", "approve"]
    assert product["history"][1]["payload"]["reason"] == "Pen-Test offen [P1]"
    notes = [r["payload"]["text"] for r in doc["timeline"] if r["kind"] == "note"]
    assert notes == [n.replace("\x1b", "") for n in HOSTILE_NOTES]
    assert doc["approval_doc"] == approval_doc(store.plan, store.board())
    phones = [c["phone"] for c in doc["contacts"] if c["phone"]]
    assert phones and all("•" in p for p in phones)
    late = next(c for c in doc["checks"] if c["id"] == "t-24h.go-no-go-meeting")
    assert late["late"] is True and late["due"] == "2026-03-05 10:00:00+01:00"


# --- the CLI ---------------------------------------------------------------------------------


def golive(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    exe = Path(sys.executable).with_name("golive")
    return subprocess.run([str(exe), *args], cwd=cwd, capture_output=True, text=True,
                          timeout=60)


def test_cli_export_and_approval_doc(full_day: Day, tmp_path: Path) -> None:
    db = str(full_day.store.path)
    result = golive("--db", db, "--now", "2026-03-06T10:15:02", "export", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    path = Path(result.stdout.strip())
    assert path.name == "golive-PROBE-rc-2026-03-01-2026-03-06T10-15-02+01-00.md"
    status = json.loads(golive("--db", db, "status", "--json", cwd=tmp_path).stdout)
    last = path.read_text("utf-8").rstrip("\n").splitlines()[-1]
    assert HEX64.findall(last) == [status["head"]]
    assert golive("--db", db, "verify", cwd=tmp_path).returncode == 0

    js = golive("--db", db, "export", "--format", "json", "--with-phones", "--out",
                str(tmp_path), cwd=tmp_path)
    assert js.returncode == 0, js.stderr
    assert "+49 171 7364529" in Path(js.stdout.strip()).read_text("utf-8")

    doc = golive("--db", db, "approval-doc", cwd=tmp_path)
    assert doc.returncode == 0
    # the fixture is a rehearsal file, and its approval document says so first
    assert doc.stdout == "PROBE – keine echte Go-Live-Datei; nichts hier zählt\n\n" + \
        approval_doc(full_day.store.plan, full_day.store.board())

    bad = golive("--db", db, "export", "--out", str(tmp_path / "missing"), cwd=tmp_path)
    assert bad.returncode == 2 and bad.stdout == ""
    # the plan is German, so is the line
    assert bad.stderr.count("\n") == 1 and "Verzeichnis existiert nicht" in bad.stderr
