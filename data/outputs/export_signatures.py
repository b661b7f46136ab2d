"""The export's signatures: for every signed sign-off, decision and rollback, the exact
statement, the signature and the verdict, with the roster's keys as an allowed_signers
file, so an auditor checks each one with `ssh-keygen -Y verify` and no golive at all."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from golive.data.log.events import Event
from golive.data.outputs.markdown import fence_for, md_code, md_text
from golive.data.plan.model import Plan
from golive.data.signing.signatures import Keys, check_events, what
from golive.data.signing.ssh_sig import NAMESPACE, public_key
from golive.data.signing.statement import of_event, signed_part
from golive.data.texts.catalogue import text


def principal(plan: Plan, name: str) -> str:
    """How allowed_signers names a person: the roster's e-mail, else the quoted name."""
    who = next((p for p in plan.roster.people if p.name == name), None)
    return who.email if who is not None and who.email else f'"{name}"'


def signatures_content(plan: Plan, events: Iterable[Event]) -> dict[str, Any] | None:
    """The export's `signatures` part; None when nothing in the log is signed."""
    signed = [e for e in events if signed_part(e) is not None]
    if not signed:
        return None
    verdicts = check_events(Keys(plan), signed)
    lang = plan.language
    rows = []
    for event in signed:
        part = signed_part(event) or {}
        statement = of_event(plan, event)
        why = verdicts.get(event.seq)
        by = str(event.payload.get("by", ""))
        rows.append({
            "seq": event.seq, "kind": event.kind, "what": what(event),
            "target": event.target or str(event.payload.get("decision", "")), "by": by,
            "principal": principal(plan, by), "key": part.get("key"),
            "statement": statement.text() if statement else None,
            "signature": part.get("sig"), "valid": why is None,
            "problem": None if why is None else why.text(lang)})
    allowed = [f"{principal(plan, p.name)} namespaces=\"{NAMESPACE}\" "
               f"{public_key(p.key).line}" for p in plan.roster.people if p.key]
    return {"namespace": NAMESPACE, "allowed_signers": allowed, "signed": rows}


def write_signatures(w: Any, sigs: dict[str, Any] | None, lang: str) -> None:
    """The Markdown section: how to check, the allowed_signers lines, each signature."""
    if sigs is None:
        return
    w(f"## {text(lang, 'export.signatures')}\n\n")
    w(md_text(text(lang, "export.signatures.how", namespace=sigs["namespace"])) + "\n\n")
    allowed = "\n".join(sigs["allowed_signers"]) + "\n"
    fence = fence_for(allowed)
    w(f"allowed_signers:\n\n{fence}text\n{allowed}{fence}\n\n")
    for s in sigs["signed"]:
        verdict = (text(lang, "export.signature.valid") if s["valid"]
                   else text(lang, "export.signature.invalid", why=s["problem"]))
        w(f"### {text(lang, 'export.seq')} {s['seq']} — {md_text(s['what'])} — "
          f"{md_text(s['by'])}\n\n")
        w(f"- **{text(lang, 'export.signature.key')}:** {md_text(str(s['key']))}\n")
        command = (f"ssh-keygen -Y verify -f allowed_signers -I {s['principal']} -n "
                   f"{sigs['namespace']} -s sig-{s['seq']}.txt < statement-{s['seq']}.txt")
        w(f"- **{text(lang, 'export.signature.check')}:** {md_code(command)}\n")
        w(f"- **{text(lang, 'export.signature.verdict')}:** {md_text(verdict)}\n\n")
        for name, body in ((f"statement-{s['seq']}.txt", s["statement"] or ""),
                           (f"sig-{s['seq']}.txt", (s["signature"] or "") + "\n")):
            fence = fence_for(body)
            w(f"{name}:\n\n{fence}text\n{body}{fence}\n\n")
