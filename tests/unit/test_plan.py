"""The plan: the default plan is the source document, word for word, and a broken plan is
refused in one line that says where."""

from __future__ import annotations

import re

import pendulum
import pytest

from golive.data.plan.model import PlanError
from golive.data.plan.source import default_plan_text, load_plan_file, parse_plan
from golive.data.time.instants import elapsed

from support.paths import FIXTURES, REPO

# The source document lives beside the checkout (../shared/mission/), not inside it.
MISSION = FIXTURES / "go-live-checklist.md"  # copy of the source


def _plain(line: str) -> str:
    return line.replace("**", "").replace("`", "").strip()


def _mission_sections() -> dict[str, list[str]]:
    """The markdown document cut at its `##`/`###` headings, each with its bullet lines."""
    sections: dict[str, list[str]] = {}
    current = ""
    for raw in MISSION.read_text("utf-8").splitlines():
        if raw.startswith("#"):
            current = raw.lstrip("#").strip()
            sections.setdefault(current, [])
        elif raw.startswith("- "):
            sections.setdefault(current, []).append(_plain(raw[2:]))
    return sections


@pytest.fixture(scope="module")
def mission() -> dict[str, list[str]]:
    return _mission_sections()


def _boxes(lines: list[str]) -> list[str]:
    return [line.removeprefix("[ ] ") for line in lines if line.startswith("[ ] ")]


# --- the default plan is the source document ---------------------------------------------


def test_checklist_boxes_verbatim(plan, mission):
    """Every checkbox of sections 1-3, German wording, same order, same section."""
    assert [i.label for i in plan.signoffs] == _boxes(mission["1. Stakeholder und Freigaben"])
    assert [i.label for i in plan.gates] == _boxes(mission["2. Operative Go/No-Go-Kriterien"])
    assert [i.label for i in plan.comms] == _boxes(mission["3. Kommunikation"])


def test_tplan_checks_verbatim(plan, mission):
    """Each T-plan heading is a checkpoint holding exactly the bullets under it."""
    headings = [h for h in mission if re.match(r"T[-+]\d", h)]
    assert [h.split(":")[0] for h in headings] == [cp.label for cp in plan.checkpoints]
    for heading, cp in zip(headings, plan.checkpoints, strict=True):
        assert [c.label for c in cp.checks] == mission[heading], heading


def test_tplan_local_times_match_headings(plan, mission):
    """Headings such as 'T-1h: 2026-03-06 09:00 CET' give the checkpoint's local time."""
    for heading in (h for h in mission if re.match(r"T[-+]\d", h)):
        m = re.search(r"(\d{4}-\d\d-\d\d \d\d:\d\d) (CET|CEST)", heading)
        if not m:
            continue
        cp = next(c for c in plan.checkpoints if c.label == heading.split(":")[0])
        assert cp.at.strftime("%Y-%m-%d %H:%M %Z") == f"{m.group(1)} {m.group(2)}"


def test_escalation_placeholders_verbatim(plan, mission):
    assert [c.placeholder for c in plan.contacts] == mission["Eskalation"]
    assert len(plan.contacts) == 5


def test_approval_template_fields(plan, mission):
    """The Freigabevorlage: its title, date, release, Zielbild and sign-off boxes."""
    text = MISSION.read_text("utf-8")
    block = text.split("```markdown", 1)[1].split("```", 1)[0]
    assert f"# {plan.approval_title}" in block
    assert f"Datum: {plan.approval_date.isoformat()}" in block
    assert f"Release: {plan.release}" in block
    assert f"Deploy-Zielbild: {plan.target}" in block
    roles = [plan.item(i).box or plan.item(i).role for i in plan.approval_boxes]
    assert roles == re.findall(r"^- \[ \] (.+)$", block, re.M)


def test_goal_owner_docs_and_dates(plan, mission):
    assert list(plan.target_notes) == mission["Ziel"]
    text = _plain(MISSION.read_text("utf-8"))
    assert f"Owner: {plan.owner}" in text
    assert "Docs zum Lesen: " + ", ".join(plan.docs) in text
    assert plan.document_date.isoformat() == "2026-03-01"
    assert plan.placeholder_rule in text
    assert plan.title in text


def test_required_ids(plan):
    """Scripts rely on these ids."""
    assert [i.id for i in plan.signoffs] == [
        "approval.business", "approval.product", "approval.security", "approval.devops",
        "approval.sre", "approval.support"]
    assert [i.id for i in plan.gates] == [
        "gate.rc-frozen", "gate.staging-stable", "gate.central-gates", "gate.monitoring",
        "gate.rollback-owner", "gate.channels"]
    assert [i.id for i in plan.comms] == [
        "comms.timeline", "comms.support-briefing", "comms.customer-comms",
        "comms.escalation-list"]
    assert [cp.id for cp in plan.checkpoints] == ["t-24h", "t-1h", "t-0", "t+24h"]
    for cp in plan.checkpoints:
        assert cp.checks and all(c.id.startswith(cp.id + ".") for c in cp.checks)
        assert all(c.checkpoint == cp.id for c in cp.checks)
    assert [c.id for c in plan.contacts] == [
        "contact.status-channel", "contact.incident-channel", "contact.primary-on-call",
        "contact.backup-on-call", "contact.rollback-decider"]
    assert plan.item("t-24h.contacts").derived == "contacts-complete"
    assert plan.item("comms.escalation-list").derived == "contacts-complete"
    assert plan.item("gate.staging-stable").derived == "staging-stable"
    assert plan.item("approval.support").informed


def test_default_plan_facts(plan):
    assert plan.product == "LifeTimeCircle"
    assert plan.release == "rc-2026-03-01"
    assert plan.target == "Single-Node + SQLite + persistenter lokaler Storage"
    assert plan.timezone == "Europe/Berlin"
    assert plan.language == "de"
    assert plan.t0.isoformat() == "2026-03-06T10:00:00+01:00"
    assert plan.t0 == pendulum.datetime(2026, 3, 6, 9, tz="UTC")
    assert plan.approval_deadline.isoformat() == "2026-03-05"
    cps = {cp.id: cp for cp in plan.checkpoints}
    assert cps["t-24h"].at.isoformat() == "2026-03-05T10:00:00+01:00"
    assert cps["t-1h"].at.isoformat() == "2026-03-06T09:00:00+01:00"
    assert cps["t-0"].at == plan.t0
    assert cps["t+24h"].at.isoformat() == "2026-03-07T10:00:00+01:00"
    assert [cp.offset for cp in plan.checkpoints] == ["T-24h", "T-1h", "T-0", "T+24h"]


# --- offsets around the 2026 DST changes -------------------------------------------------


def mini_plan(t0: str, *checkpoints: tuple[str, str], zone: str = "Europe/Berlin") -> str:
    """A small valid plan with the given T-0 and (id, offset) checkpoints."""
    cps = "".join(
        f'[[checkpoints]]\nid = "{cid}"\nlabel = "{cid}"\noffset = "{off}"\n'
        f'checks = [{{ id = "{cid}.a", label = "A" }}]\n\n'
        for cid, off in checkpoints)
    return f"""[golive]
product = "Mini"
release = "r1"
timezone = "{zone}"
t0 = {t0}

[[signoffs]]
id = "s.one"
label = "Sign"

[[gates]]
id = "g.one"
label = "Gate"

[[comms]]
id = "c.one"
label = "Comms"

{cps}[[contacts]]
id = "contact.one"
label = "One"
kind = "person"
placeholder = "[One]"
"""


def _at(plan, cp_id):
    return next(cp for cp in plan.checkpoints if cp.id == cp_id).at


def test_offsets_across_spring_forward():
    """T-0 just after the clocks skip 02:00-03:00: -24h is real hours (02:30 CET the day
    before), -1d is the same wall-clock time (03:30 CET)."""
    p = parse_plan(mini_plan("2026-03-29T03:30:00", ("h", "-24h"), ("d", "-1d"),
                             ("after", "+1h30m")), "mini.toml")
    assert p.t0.isoformat() == "2026-03-29T03:30:00+02:00"
    assert _at(p, "h").isoformat() == "2026-03-28T02:30:00+01:00"
    assert _at(p, "d").isoformat() == "2026-03-28T03:30:00+01:00"
    assert elapsed(_at(p, "h"), p.t0).total_seconds() == 24 * 3600
    assert elapsed(_at(p, "d"), p.t0).total_seconds() == 23 * 3600
    assert _at(p, "after").isoformat() == "2026-03-29T05:00:00+02:00"
    offsets = {cp.id: cp.offset for cp in p.checkpoints}
    assert offsets == {"h": "T-24h", "d": "T-23h", "after": "T+1h30m"}


def test_offsets_across_fall_back():
    """T-0 just after the clocks repeat 02:00-03:00: the calendar day lasts 25 h."""
    p = parse_plan(mini_plan("2026-10-25T03:30:00", ("h", "-24h"), ("d", "-1d")),
                   "mini.toml")
    assert p.t0.isoformat() == "2026-10-25T03:30:00+01:00"
    assert _at(p, "h").isoformat() == "2026-10-24T04:30:00+02:00"
    assert _at(p, "d").isoformat() == "2026-10-24T03:30:00+02:00"
    assert elapsed(_at(p, "d"), p.t0).total_seconds() == 25 * 3600
    assert {cp.id: cp.offset for cp in p.checkpoints} == {"h": "T-24h", "d": "T-25h"}


def test_day_offset_landing_in_a_gap_is_refused():
    """+1d from 2026-03-28 02:30 is 2026-03-29 02:30, which does not exist in Berlin."""
    with pytest.raises(PlanError, match=r"checkpoints\[0\]\.offset.*does not exist"):
        parse_plan(mini_plan("2026-03-28T02:30:00", ("x", "+1d")), "mini.toml")


def test_checkpoints_sorted_by_time():
    p = parse_plan(mini_plan("2026-03-06T10:00:00", ("late", "+2h"), ("early", "-2h")),
                   "mini.toml")
    assert [cp.id for cp in p.checkpoints] == ["early", "late"]


# --- broken plans --------------------------------------------------------------------------


def _replace(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def _line_of(text: str, needle: str, nth: int = 1) -> int:
    hits = [n for n, line in enumerate(text.splitlines(), 1) if needle in line]
    return hits[nth - 1]


def broken_plans() -> dict[str, tuple[str, str]]:
    """name -> (plan text, regex the one-line error must match; {file} is the path)."""
    base = default_plan_text()
    syntax = _replace(base, 'owner = "Release', 'owner = Release')
    missing = _replace(base, 'release = "rc-2026-03-01"\n', "")
    unknown = _replace(base, 'id = "gate.monitoring"\n', 'id = "gate.monitoring"\ncolour = 1\n')
    dup = _replace(base, 'id = "gate.monitoring"', 'id = "gate.central-gates"')
    return {
        "syntax": (syntax, rf"^{{file}}:{_line_of(base, 'owner = ')}: TOML syntax"),
        "missing": (missing, r"^{file}.*golive\.release: missing field"),
        "unknown": (unknown, rf"^{{file}}:{_line_of(unknown, 'colour')}: "
                             r"gates\[3\]\.colour: unknown field"),
        "duplicate": (dup, rf"^{{file}}:{_line_of(dup, 'gate.central-gates', 2)}: "
                           r"gates\[3\]\.id: duplicate id 'gate\.central-gates'"),
        "timezone": (_replace(base, '"Europe/Berlin"', '"Europe/Berlinn"'),
                     r"^{file}.*golive\.timezone: unknown time zone 'Europe/Berlinn'"),
        "nonexistent": (_replace(base, "t0 = 2026-03-06T10:00:00", "t0 = 2026-03-29T02:30:00"),
                        r"^{file}:\d+: golive\.t0: 2026-03-29 02:30 does not exist"),
        "ambiguous": (_replace(base, "t0 = 2026-03-06T10:00:00", "t0 = 2026-10-25T02:30:00"),
                      r"^{file}:\d+: golive\.t0: 2026-10-25 02:30 is ambiguous"),
        "checkpoint-gap": (_replace(base, "at = 2026-03-06T09:00:00",
                                    "at = 2026-03-29T02:15:00"),
                           r"^{file}:\d+: checkpoints\[1\]\.at: .*does not exist"),
    }


BROKEN = broken_plans()


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_broken_plan_is_refused_in_one_line(tmp_path, name):
    text, pattern = BROKEN[name]
    path = tmp_path / "plan.toml"
    path.write_text(text, "utf-8")
    with pytest.raises(PlanError) as info:
        load_plan_file(path)
    message = str(info.value)
    assert "\n" not in message
    assert re.search(pattern.format(file=re.escape(str(path))), message), message


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_broken_plan_via_cli(cli, tmp_path, name):
    """Exit 2, one line on stderr, no traceback, and no golive file left behind."""
    path = tmp_path / "plan.toml"
    path.write_text(BROKEN[name][0], "utf-8")
    db = tmp_path / "g.sqlite"
    r = cli("init", "--plan", str(path), "--db", str(db))
    assert r.code == 2
    assert r.err.count("\n") == 1 and str(path) in r.err, r.err
    # the same words as the plan loader: what is wrong and where, not merely "a plan error"
    pattern = BROKEN[name][1].format(file=re.escape(str(path)))
    assert re.search(pattern, r.err.removeprefix("golive: ")), r.err
    assert "Traceback" not in r.err
    assert not db.exists()
    assert not list(tmp_path.glob("g.sqlite*"))


def test_missing_plan_file(tmp_path):
    with pytest.raises(PlanError, match="cannot read plan"):
        load_plan_file(tmp_path / "nope.toml")


def test_a_label_keeps_its_brackets_but_loses_control_characters():
    """Plan text is data: brackets stay literal, terminal escapes are dropped."""
    text = mini_plan("2026-03-06T10:00:00", ("x", "-1h")).replace(
        'label = "Gate"', 'label = "[b]Gate\\u001b[31m[/b]"')
    p = parse_plan(text, "mini.toml")
    assert p.gates[0].label == "[b]Gate[31m[/b]"


def test_the_fixture_is_the_current_source_document() -> None:
    """The copy in tests/fixtures must not drift from the team's document where it is
    available (beside the checkout on the node)."""
    original = REPO.parent / "shared/mission/go-live-checklist.md"
    if not original.exists():
        pytest.skip("the shared source document is not beside this checkout")
    assert MISSION.read_bytes() == original.read_bytes()
