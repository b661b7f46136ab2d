"""The people in a checklist: sign-offs with their roles, and the escalation contacts
(lists, role lines, a team table); a name already filled in is recorded as a tick."""

from __future__ import annotations

import re
from typing import Any

from markdown_it.tree import SyntaxTreeNode

from golive.data.checklist import words
from golive.data.checklist.markdown import (
    BRACKETED,
    CONTACT_LINE,
    ROLE_LINE,
    Entry,
    Section,
    cell,
    is_placeholder,
    list_entries,
    node_line,
    node_text,
    section_entries,
    table_columns,
    table_rows,
)
from golive.data.checklist.reader import Reader, Tick


def read_signoffs(r: Reader, s: Section) -> list[dict[str, Any]]:
    out = []
    for entry in section_entries(s, r.notes, r.lang):
        # the role as the checklist writes it ("Produkt"); a known one gets its stable id
        role = re.split(r"[- ](freigabe|sign-?off|approval|abnahme|informiert|informed)",
                        entry.label, flags=re.IGNORECASE)[0].strip() or entry.label
        role_id = words.first_match(entry.label, words.ROLES) or words.slug(role)
        item: dict[str, Any] = {"id": r.new_id("approval", role_id or "item"),
                                "role": role, "label": entry.label}
        if re.search(words.INFORMED, entry.label.lower()):
            item["informed"] = True
        if entry.owner and not is_placeholder(entry.owner):
            item["owner"] = entry.owner
        item["line"] = entry.line
        r.tick(item["id"], entry)
        out.append(item)
    return out


def read_contacts(r: Reader, s: Section, golive: dict[str, Any]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for node in s.nodes:
        if node.type in ("bullet_list", "ordered_list"):
            for entry in list_entries(node, r.notes, r.lang):
                m = CONTACT_LINE.match(entry.label)
                if m is None:
                    out.append(role_line(r, entry) | {"line": entry.line})
                    continue
                contact = new_contact(r, m.group(2) or m.group(1), m.group(1))
                contact["line"] = entry.line
                out.append(contact)
                if m.group(3):  # filled in: recorded when a file is made from it
                    r.ticks.append(Tick(contact["id"], entry.line, m.group(3).strip()))
        elif node.type == "table":
            out += read_team(r, node)
        elif node.type == "paragraph" and node.children:
            text = " ".join(node_text(node.children[0]).split())
            if re.search(r"platzhalter|placeholder", text.lower()) and not text.endswith(":"):
                golive["placeholder_rule"] = text
            elif not text.endswith(":"):  # an introduction to the list is expected
                r.note(node_line(node), "import.text")
        elif node.type != "hr":
            r.note(node_line(node), "import.text")
    return out


def role_line(r: Reader, entry: Entry) -> dict[str, Any]:
    """`Technical Lead: [Your contact]` (or `- [TODO]`): the role with its placeholder;
    `Technical Lead: Olaf Berg, +49 …` names the person, recorded when a file is made."""
    m = ROLE_LINE.match(entry.label)
    if m is None:
        return new_contact(r, entry.label, entry.label)
    role, rest = m.group("role").strip(), m.group("rest").strip()
    bracket = BRACKETED.search(rest)
    if bracket:
        return new_contact(r, role, bracket.group(0))
    if is_placeholder(rest):
        return new_contact(r, role, rest)
    contact = new_contact(r, role, f"[{role}]")
    r.ticks.append(Tick(contact["id"], entry.line, rest))
    return contact


def new_contact(r: Reader, text: str, placeholder: str, kind: str | None = None) -> dict[str, Any]:
    label = text.strip().strip("`").strip()
    label = label[1:-1].strip() if label.startswith("[") and label.endswith("]") else label
    part = words.first_match(label, words.CONTACTS) or words.slug(label)
    if kind is None:
        kind = "channel" if re.search(words.CHANNEL, label.lower()) else "person"
    return {"id": r.new_id("contact", part), "label": label, "kind": kind,
            "placeholder": placeholder.strip().strip("`").strip()}


def read_team(r: Reader, node: SyntaxTreeNode) -> list[dict[str, Any]]:
    """A 'Go-Live Team' table: each role a contact. The plan holds roles, the log holds
    people: a real name (and phone) is recorded when a file is made from the list."""
    head, rows = table_rows(node)
    cols = table_columns(head)
    out = []
    for line, cells in rows:
        role = cell(cells, cols, "role") or cell(cells, cols, "task")
        if not role:
            continue
        name = cell(cells, cols, "owner")
        # an empty name cell asks for the role's person, as a bracketed placeholder does
        contact = new_contact(r, role, name if is_placeholder(name) and name.strip()
                              else f"[{role}]")
        contact["line"] = line
        out.append(contact)
        if not is_placeholder(name):
            phone = cell(cells, cols, "phone")
            value = f"{name}, {phone}" if not is_placeholder(phone) else name
            r.ticks.append(Tick(contact["id"], line, value))
    return out
