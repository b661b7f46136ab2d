"""Checklists the import and export tests read: the source document, its English twin, a
wild one, a runbook of another shape, and a field-by-field comparison of two plans."""

from __future__ import annotations

import dataclasses

from golive.data.plan.source import Plan

from support.paths import FIXTURES

SOURCE = FIXTURES / "go-live-checklist.md"
ENGLISH = FIXTURES / "go-live-checklist.en.md"
WILD = FIXTURES / "wild-checklist.md"


def assert_same_plan(got: Plan, want: Plan, *, labels: bool = True) -> None:
    """Field by field and item by item, so a difference names what differs."""
    for f in dataclasses.fields(want):
        if f.name in ("source", "source_name") or (not labels and f.name in (
                "title", "target", "target_notes", "approval_title", "placeholder_rule",
                "language", "signoffs", "gates", "comms", "checkpoints", "contacts")):
            continue
        assert getattr(got, f.name) == getattr(want, f.name), f.name
    assert len(got.items) == len(want.items)
    for a, b in zip(got.items, want.items, strict=True):
        if labels:
            assert a == b, (a, b)
        else:  # another language: the same ids and kinds, its own words
            assert dataclasses.replace(a, label=b.label, role=b.role, box=b.box) == b, (a, b)
    for a_cp, b_cp in zip(got.checkpoints, want.checkpoints, strict=True):
        assert (a_cp.id, a_cp.label, a_cp.at, a_cp.offset) == \
            (b_cp.id, b_cp.label, b_cp.at, b_cp.offset)
    for a_c, b_c in zip(got.contacts, want.contacts, strict=True):
        if labels:
            assert a_c == b_c
        else:
            assert (a_c.id, a_c.kind) == (b_c.id, b_c.kind)


RUNBOOK = """\
# Payments API 4.1 – Production Go-Live Runbook

**Go-Live:** 2026-05-12 22:00 (UTC)
**Product:** Payments API 4.1
**Release:** `4.1.0`

## 📝 Sign-offs

1. [x] QA sign-off obtained
2. [ ] Security approval

## Readiness criteria

- [ ] Monitoring dashboards and alerts in place
- [ ] Rollback owner named

## Announcements

- [ ] Status page scheduled

## Timeline

### T−1 day

- [ ] Freeze merges

### Launch (T-0)

- [ ] Run the migration
  - [ ] check the row counts

### T+30m

- [ ] Smoke tests green

## On-call

- `[Primary on-call]`
- `[Slack channel]`
"""


ROLE_LINES = RUNBOOK.replace("- `[Primary on-call]`\n- `[Slack channel]`\n", (
    "- **Technical Lead**: [Your contact]\n"
    "- **Service Owner:** [TODO: Name] - [TODO: Email]\n"
    "- Incident channel - #payments-incident\n"
    "- Database Admin: TBD\n"))
