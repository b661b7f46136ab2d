"""The retrospective as Markdown: every user text escaped where Markdown would read it, so
the raw file reads well and a renderer shows it literally."""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Any

from golive.data.log.events import GENESIS
from golive.data.outputs.export_signatures import write_signatures
from golive.data.outputs.markdown import fence_for, md_code, md_text, md_texts
from golive.data.plan.facts import fact_lines
from golive.data.rules.golive_steps import signed
from golive.data.texts.catalogue import text


def write_markdown(out: IO[str], c: dict[str, Any], timeline: Iterator[dict[str, Any]],
                    verify: str, *, lang: str) -> str:
    def t(key: str, **values: Any) -> str:
        return text(lang, key, **values)

    w = out.write
    s = c["summary"]
    seq = t("export.seq")
    mark = f"{t('mode.rehearsal')}: " if c.get("mode") == "rehearsal" else ""
    w(f"# {mark}{t('export.title', product=md_text(s['product']), release=md_text(s['release']))}"
      "\n\n")
    if mark:
        w(f"**{t('mode.rehearsal.line')}**\n\n")
    w(f"## {t('export.summary')}\n\n")
    w(f"- **{t('export.product')}:** {md_text(s['product'])}\n")
    w(f"- **{t('export.release')}:** {md_text(s['release'])}\n")
    w(f"- **{t('export.target')}:** {md_text(s['target'])}\n")
    w(f"- **T-0:** {s['t0']}\n")
    w(f"- **{t('export.exported')}:** {s['exported_at']} ({s['exported_t']})\n")
    w(f"- **{t('export.database')}:** {md_code(s['database'])}\n")
    blockers = s["blockers"]
    count = f" — {t('export.blockers', n=len(blockers))}" if blockers else ""
    # before a GO: GO-READY / NO-GO in the phase "vorbereitet"; after it the phase itself
    phase = f" · {md_text(s['phase_label'])}" if s["phase"] == "prepared" else ""
    w(f"- **{t('export.verdict')}:** {md_text(s['verdict'])}{phase}{count}\n")
    for b in blockers:
        w(f"  - {md_text(b)}\n")
    if s["warnings"]:
        w(f"- **{t('export.warnings')}:**\n")
        for warning in s["warnings"]:
            w(f"  - {md_text(warning)}\n")
    d = s["decision"]
    if d is None:
        w(f"- **{t('export.decision')}:** {t('export.decision.none')}\n")
    else:
        said = t("export.decision.value", decision=md_text(d["decision"]), by=md_text(d["by"]),
                 at=f"{d['at']} ({d['t']})")
        reason = f" — {t('export.reason')}: {md_text(d['reason'])}" if d["reason"] else ""
        if d["state"] == "superseded":
            reason += f" — **{t('decision.superseded')}:** {md_text(d['superseded_by'])}"
        w(f"- **{t('export.decision')}:** {said}{reason}\n")
    if len(s["decisions"]) > 1:
        _md_history(w, s["decisions"], seq_word=seq, lang=lang, indent="  ")
    w(f"- **{t('export.events')}:** {s['events']}\n\n")

    w(f"## {t('facts.heading').rstrip(':')}\n\n")
    for label, value in fact_lines(s["plan"], lang):
        w(f"- **{md_text(label)}:** {md_text(value)}\n" if label else f"  - {md_text(value)}\n")
    w("\n")
    g = c["golive"]
    if g is not None:
        w(f"## {t('golive.title')}\n\n")
        for step in g["steps"]:
            since = f" · {signed(step['since'])}" if step["since"] else ""
            who = f" · {md_text(step['actor'])}" if step["actor"] else ""
            w(f"- {step['at']} ({step['t']}) — {md_text(step['text'])}{since}{who} · "
              f"{seq} {step['seq']}\n")
        w(f"\n**{t('export.state')}:** {md_text(g['phase_text'])}")
        if g["total"]:
            w(f" — {md_text(t('golive.total', duration=g['total']))}")
        w("\n\n")

    w(f"## {t('export.signoffs')}\n\n")
    for v in c["signoffs"]:
        w(f"### {md_text(v['role'])} — {md_text(v['label'])}\n\n")
        late = f" **({t('state.late')})**" if v["late"] else ""
        w(f"**{t('export.state')}:** {_md_state(v)}{late}\n\n")
        _md_history(w, v["history"], seq_word=seq, lang=lang, none=t("export.history.none"))
        w("\n")

    w(f"## {t('export.gates')}\n\n")
    for v in c["gates"]:
        w(f"### {md_text(v['label'])}\n\n")
        state = _md_state(v)
        extra = [x for x in (v["note"], v["detail"]) if x]
        if extra:
            state += " — " + " · ".join(md_text(x) for x in extra)
        w(f"**{t('export.state')}:** {state}\n\n")
        _md_history(w, v["history"], seq_word=seq, lang=lang, none=t("export.history.none"))
        w("\n")

    w(f"## {t('export.tplan')}\n\n")
    checkpoint = None
    for v in c["checks"]:
        if v["checkpoint"] != checkpoint:
            if checkpoint is not None:
                w("\n")
            checkpoint = v["checkpoint"]
            w(f"### {md_text(v['checkpoint_label'])} — {t('export.due', at=v['due'])}"
              f" ({md_text(v['offset'])})\n\n")
        done = (t("export.done_at", at=v["done_at"]) if v["done_at"]
                else md_text(v["state_text"]))
        if v["late"]:
            done += f" **({t('export.late')})**"
        if v["overdue"]:
            done += f" **({t('export.overdue')})**"
        _md_box_line(w, v, done, seq_word=seq, lang=lang)
    w("\n")

    w(f"## {t('export.comms')}\n\n")
    for v in c["comms"]:
        _md_box_line(w, v, _md_state(v), seq_word=seq, lang=lang)
    w("\n")

    w(f"## {t('export.contacts')}\n\n")
    w(f"| {t('export.col.role')} | {t('export.col.value')} | {t('export.state')} | "
      f"{t('export.col.recorded')} |\n|---|---|---|---|\n")
    for v in c["contacts"]:
        state = "✔" if not v["placeholder"] else "✖ " + md_text(v["problem"] or "")
        recorded = f"{md_text(v['by'])}, {v['at']}" if v["by"] and v["at"] else ""
        w(f"| {md_text(v['label'])} | {md_text(v['value'])} | {state.strip()} | {recorded} |\n")
    if c["phones_masked"]:
        w(f"\n{md_text(t('export.phones_masked'))}\n")
    w("\n")

    doc = c["approval_doc"]
    fence = fence_for(doc)
    w(f"## {t('export.approval')}\n\n{fence}markdown\n{doc}{fence}\n\n")
    write_signatures(w, c.get("signatures"), lang)

    w(f"## {t('export.timeline')}\n\n")
    w(f"| {t('export.col.seq')} | {t('export.col.local')} | {t('export.col.utc')} | "
      f"{t('export.col.t')} | {t('export.col.actor')} | {t('export.col.event')} |\n"
      "|---:|---|---|---|---|---|\n")
    head = GENESIS
    actors: dict[str, str] = {}  # a long log has few actors: escape each once
    rows: list[dict[str, Any]] = []
    for r in timeline:
        rows.append(r)
        if len(rows) == 100:
            head = _md_timeline(w, rows, actors, lang)
            rows.clear()
    if rows:
        head = _md_timeline(w, rows, actors, lang)
    w(f"\n{t('export.head')}: `{head}` · {t('export.verify')}: {md_code(verify)}\n")
    return head


def _md_timeline(w: Any, rows: list[dict[str, Any]], actors: dict[str, str], lang: str
                 ) -> str:
    """Timeline rows as table lines, written at once (one write per row costs as much as
    the line), their texts escaped together (markdown.md_texts); the last row's hash."""
    lines = []
    for r, said in zip(rows, md_texts([r["text"] for r in rows]), strict=True):
        actor = actors.get(r["actor"])
        if actor is None:
            actor = actors[r["actor"]] = md_text(r["actor"])
        corrected = _md_corrected(r, lang) if r["corrected_by"] else ""
        lines.append(f"| {r['seq']} | {r['local']} | {r['utc']} | {r['t']} | {actor} | "
                     f"{said}{corrected} |\n")
    w("".join(lines))
    return str(rows[-1]["hash"])


def _md_state(v: dict[str, Any]) -> str:
    out = md_text(v["state_text"])
    if v.get("by") and v.get("at"):
        out += f" — {md_text(v['by'])}, {v['at']}"
    if v.get("given"):  # a sign-off: signed (key) or typed, and whether it counts
        out += f" · {md_text(v['given'])}" + (f" ({md_text(v['void'])})" if v["void"] else "")
    if v.get("reason"):
        out += f" ({md_text(v['reason'])})"
    return out


def _md_box_line(w: Any, v: dict[str, Any], state: str, *, seq_word: str, lang: str) -> None:
    """A check or a communication task: a task-list line, its detail, its history."""
    box = "x" if v["state"] == "done" else " "
    line = f"- [{box}] {md_text(v['label'])} — {state}"
    if v["detail"]:
        line += f" — {md_text(v['detail'])}"
    w(line + "\n")
    _md_history(w, v["history"], seq_word=seq_word, lang=lang, indent="  ")


def _md_history(w: Any, history: list[dict[str, Any]], *, seq_word: str, lang: str,
                indent: str = "", none: str | None = None) -> None:
    if not history and none:
        w(f"{indent}- _{md_text(none)}_\n")
    for r in history:
        w(f"{indent}- {r['local']} ({r['t']}) — {md_text(r['text'])}"
          f"{_md_corrected(r, lang)} · {md_text(r['actor'])} · {seq_word} {r['seq']}\n")


def _md_corrected(row: dict[str, Any], lang: str) -> str:
    fix = row.get("corrected_by")
    if not fix:
        return ""
    return " " + md_text(text(lang, "export.corrected", seq=fix["seq"],
                              reason=fix["reason"] or ""))
