"""The facts around a checklist's items: the lines under its title, the target, the
approval template, T-0 and its zone, and the product and release when none is named."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from markdown_it.tree import SyntaxTreeNode

from golive.data.checklist import words
from golive.data.checklist.markdown import (
    ABBREVIATIONS,
    ZONE_LIKE,
    Section,
    inline_codes,
    is_placeholder,
    list_entries,
    local_datetime,
    node_line,
    node_text,
    valid_zone,
)
from golive.data.checklist.reader import ChecklistError, Reader
from golive.data.checklist.when import find_date, find_instant
from golive.data.texts.catalogue import text as _t

REHEARSAL_MODE = re.compile(r"(PROBE|REHEARSAL)\b", re.IGNORECASE)


def read_meta(r: Reader, nodes: list[SyntaxTreeNode], golive: dict[str, Any]) -> None:
    """Stand / Owner / Deadline / Docs lines under the title, and the mode line of a
    rehearsal's export."""
    for node in nodes:
        if node.type != "paragraph" or not node.children:
            if node.type != "hr":
                r.note(node_line(node), "import.head")
            continue
        inline = node.children[0]
        codes = inline_codes(inline)
        for offset, raw in enumerate(node_text(inline).split("\n")):
            line = node_line(node) + offset
            key, _, value = raw.partition(":")
            key_low = words.normal(key)
            which = next((k for k, pat in words.META.items()
                          if re.fullmatch(f"({pat})", key_low)), None) if _ else None
            if which is None:
                r.note(line, "import.head")
                continue
            r.place(line, "fact", key.strip(" *_"))
            value = value.strip()
            if which == "t0":
                instant_in(r, value, golive)
                zone_named(r, value, line, golive)
            elif which in ("release", "product"):
                golive[which] = value.strip("`* ")
            elif which == "docs":
                golive["docs"] = [c for c in codes if c in value] or \
                    [d.strip() for d in value.split(",") if d.strip()]
            elif which == "owner":
                golive["owner"] = value
            elif which == "mode":  # a rehearsal's export; any other mode is not golive's
                if REHEARSAL_MODE.match(value):
                    r.rehearsal = True
                else:
                    r.note(line, "import.head")
            else:
                day = find_date(value)
                if day:
                    golive[which] = day
                zone_named(r, value, line, golive)


def zone_named(r: Reader, text: str, line: int, golive: dict[str, Any]) -> None:
    """The zone a head line names in brackets, `(Europe/Berlin)`. One that is no zone is
    reported at its line, and refuses the checklist unless another zone is named
    (read_timing): T-0 in a zone guessed for it would be hours off."""
    m = ZONE_LIKE.search(text)
    if m is None:
        return
    if valid_zone(m.group(1)):
        golive["timezone"] = m.group(1)
        return
    r.note(line, "import.zone.unknown", zone=m.group(1))
    r.unknown_zone = r.unknown_zone or (line, m.group(1))


def read_goal(r: Reader, s: Section, golive: dict[str, Any]) -> None:
    notes: list[str] = []
    for node in s.nodes:
        if node.type == "paragraph" and node.children:
            instant_in(r, node_text(node.children[0]), golive)
            if find_instant(node_text(node.children[0])):
                r.place(node_line(node), "fact", "T-0")
            r.place(node_line(node), "note", s.title)
        elif node.type in ("bullet_list", "ordered_list"):
            for e in list_entries(node, r.notes, r.lang):
                notes.append(e.label)
                r.place_entry(e, "note", s.title)
    if notes:
        golive["target_notes"] = notes


def instant_in(r: Reader, text: str, golive: dict[str, Any]) -> None:
    found = find_instant(text)
    if found and "t0_text" not in golive:
        golive["t0_text"] = found


def read_template(r: Reader, fence: SyntaxTreeNode, golive: dict[str, Any],
             signoffs: list[dict[str, Any]]) -> None:
    """The fenced approval template: its title, date, release, target and boxes."""
    if fence.map:
        for line in range(fence.map[0] + 1, fence.map[1] + 1):
            r.place(line, "template")
    inner = SyntaxTreeNode(r.md.parse(fence.content))
    boxes = []
    for node in inner.children:
        if node.type == "heading" and node.children:
            title = " ".join(node_text(node.children[0]).split())
            golive["approval_title"] = title
            m = re.search(r"(?:\s[–—-]|:)\s+(.+)$", title)
            if m:
                golive.setdefault("product", m.group(1).strip())
        elif node.type == "paragraph" and node.children:
            for raw in node_text(node.children[0]).split("\n"):
                key, colon, value = raw.partition(":")
                which = next((k for k, pat in words.TEMPLATE.items()
                              if re.fullmatch(f"({pat})", words.normal(key))), None)
                if not colon or which is None or not value.strip():
                    continue
                if which == "approval_date":
                    day = find_date(value)
                    if day:
                        golive["approval_date"] = day
                else:
                    golive.setdefault(which, value.strip())
        elif node.type in ("bullet_list", "ordered_list"):
            roles = [(s, words.normal(s["role"])) for s in signoffs]  # once, not per box
            for entry in list_entries(node, r.notes, r.lang):
                entry.label = entry.label.split(" — ")[0]  # the filled template's "who"
                label = words.normal(entry.label)
                role_id = words.first_match(entry.label, words.ROLES)
                match, role = next(((s, role) for s, role in roles
                                    if s["id"] == f"approval.{role_id}" or role == label),
                                   (None, ""))
                if match is None:
                    r.note(node_line(fence) + entry.line, "import.box", box=entry.label)
                    continue
                boxes.append(match["id"])
                if role != label:
                    match["box"] = entry.label  # the template's word ("Product")
    if boxes:
        golive["approval_boxes"] = boxes


def read_timing(r: Reader, golive: dict[str, Any], checkpoints: list[dict[str, Any]],
                sections: list[Section], given_t0: str | None = None) -> None:
    """T-0 and the zone: the go-live instant named in the text, else the T-0 heading."""
    found = golive.pop("t0_text", None)
    if found is None:
        t0 = next((cp for cp in checkpoints if cp["label"] == "T-0" and "at_text" in cp),
                  None)
        found = t0["at_text"] if t0 else None
    if found is None:
        for node in r.root.walk():
            if node.type == "inline" and re.search(r"go-?live", node.content.lower()):
                found = find_instant(node_text(node))
                if found:
                    break
    if given_t0:
        found = find_instant(given_t0)
        if found is None:
            raise ChecklistError(_t(r.lang, "import.t0.bad", value=given_t0))
    if found is None:
        raise ChecklistError(f"{r.name}: {_t(r.lang, 'import.no_t0')}")
    zone = golive.get("timezone") or ABBREVIATIONS.get(found[2] or "") or (
        found[2] if found[2] and valid_zone(found[2]) else None)
    unknown = r.unknown_zone or ((0, found[2]) if found[2] else None)
    if zone is None and unknown is not None:  # named, but no zone: never guessed
        line, name = unknown
        where = f"{r.name}:{line}" if line else r.name
        raise ChecklistError(f"{where}: {_t(r.lang, 'import.zone.refused', zone=name)}")
    if zone is None:
        zone = "Europe/Berlin"
        r.note(0, "import.zone", zone=zone)
    golive["timezone"] = zone
    golive["t0"] = local_datetime(found)


def resolve_checkpoint(r: Reader, cp: dict[str, Any], golive: dict[str, Any]) -> dict[str, Any]:
    out = {"id": cp["id"], "label": cp["label"]}
    if "at_text" in cp:
        out["at"] = local_datetime(cp["at_text"])
    else:
        out["offset"] = cp["offset"]
    out["checks"] = cp["checks"]
    return out


def name_fact(r: Reader, golive: dict[str, Any], key: str, given: str | None) -> None:
    """Product and release from --product/--release, else the document's own field; never
    from a title or a template placeholder (`[v1.0.0]`), which names no real release. Where
    none is known, a stand-in word and a note asking for the flag."""
    if given:
        golive[key] = given
        return
    value = golive.get(key, "")
    if value and not is_placeholder(value):
        return
    golive[key] = Path(r.name).stem if key == "product" else _t(r.lang, "import.unnamed")
    r.note(0, f"import.missing.{key}", value=golive[key])
