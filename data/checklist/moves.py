"""Choices made in the import preview: an item moved to another kind or checkpoint. Kept in a
sidecar file beside the checklist (`FILE.md.golive-import.json`), keyed by the item's words,
so that a re-import of an updated checklist makes the same choices."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

from golive.data.checklist import words
from golive.data.checklist.reader import Reader

KINDS = ("signoffs", "gates", "comms")
PLACE = {"signoffs": "signoff", "gates": "gate", "comms": "task"}


def sidecar_path(checklist: str | Path) -> Path:
    p = Path(checklist)
    return p.with_name(p.name + ".golive-import.json")


def read_moves(path: Path) -> dict[str, str]:
    """The choices kept beside a checklist; none when there is no such file or it is no
    sidecar golive wrote (a damaged one is not guessed at)."""
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    moves = data.get("moves") if isinstance(data, dict) else None
    if not isinstance(moves, dict):
        return {}
    return {k: v for k, v in moves.items() if isinstance(k, str) and isinstance(v, str)}


def moves_json(moves: dict[str, str]) -> str:
    return json.dumps({"version": 1, "moves": moves}, ensure_ascii=False, indent=1) + "\n"


def targets(data: dict[str, Any]) -> list[str]:
    """Where an item may go, in the order one key steps through them."""
    return list(KINDS) + [f"check:{cp['label']}" for cp in data["checkpoints"]]


def where(data: dict[str, Any], label: str) -> str | None:
    for kind in KINDS:
        if any(i["label"] == label for i in data[kind]):
            return kind
    for cp in data["checkpoints"]:
        if any(c["label"] == label for c in cp["checks"]):
            return f"check:{cp['label']}"
    return None


def apply_moves(r: Reader, data: dict[str, Any], moves: dict[str, str]) -> None:
    """Move each chosen item (by its words) out of where the reader put it into the kind or
    checkpoint chosen; its tick follows it under its new id."""
    for label, target in moves.items():
        found = _take(data, label)
        if found is None or target not in targets(data):
            if found is not None:  # the chosen checkpoint is gone: it stays where it was
                found[0].append(found[1])
            continue
        _, item = found
        new = _place(r, data, target, item)
        r.ticks = [replace(t, item=new["id"]) if t.item == item["id"] else t for t in r.ticks]
        r.placed.pop(item.get("line", 0), None)
        kind = PLACE.get(target, "check")
        r.place(item.get("line", 0), kind, new.get("role") or target.partition(":")[2])


def _take(data: dict[str, Any], label: str) -> tuple[list[dict[str, Any]], dict[str, Any]] | None:
    lists = [data[k] for k in KINDS] + [cp["checks"] for cp in data["checkpoints"]]
    for items in lists:
        for i, item in enumerate(items):
            if item["label"] == label:
                return items, items.pop(i)
    return None


def _place(r: Reader, data: dict[str, Any], target: str, item: dict[str, Any]) -> dict[str, Any]:
    label, line = item["label"], item.get("line", 0)
    if target == "signoffs":
        role = re.split(r"[- ](freigabe|sign-?off|approval|abnahme)", label,
                        flags=re.IGNORECASE)[0].strip(" :–-") or label
        new = {"id": r.new_id("approval", words.slug(role)), "role": role, "label": label}
    elif target in KINDS:
        prefix = {"gates": "gate", "comms": "comms"}[target]
        new = {"id": r.new_id(prefix, words.slug(label)), "label": label}
    else:
        cp = next(cp for cp in data["checkpoints"] if f"check:{cp['label']}" == target)
        new = {"id": r.new_id(cp["id"], words.slug(label)), "label": label}
        cp["checks"].append(new | {"line": line})
        return new
    data[target].append(new | {"line": line})
    return new
