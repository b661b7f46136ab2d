"""`golive status` for people: the board as plain text lines (no colour, no markup)."""

from __future__ import annotations

from golive.data.rules import Board

SYMBOLS = {"approved": "✔", "green": "✔", "done": "✔", "rejected": "✖", "red": "✖",
           "revoked": "⟲", "pending": "○", "open": "○"}


def status_text(board: Board) -> str:
    plan = board.plan
    lines = [
        f"{plan.product} {plan.release} · T-0 {plan.t0.format('YYYY-MM-DD HH:mm zz')} · "
        f"now {board.now.format('YYYY-MM-DD HH:mm:ss zz')} · {board.countdown} · "
        f"{board.phase_label}",
        f"{board.verdict}" + (f": {len(board.blockers)} blocker(s)" if board.blockers else ""),
    ]
    lines += [f"  ! {b}" for b in board.blockers]
    lines += [f"  · {w}" for w in board.warnings]
    section_names = {"signoff": "Sign-offs", "gate": "Gates", "comms": "Communication",
                     "check": "T-plan"}
    for section, title in section_names.items():
        lines.append(f"{title}:")
        for item in board.section(section):
            who = (f" – {item.by}, {item.at.format('DD.MM. HH:mm zz')}"
                   if item.by and item.at else "")
            extra = f" ({item.reason or item.detail})" if (item.reason or item.detail) else ""
            late = " [overdue]" if item.overdue else ""
            lines.append(f"  {SYMBOLS.get(item.state, '?')} {item.id:<26} {item.label} "
                         f"[{item.state}]{who}{extra}{late}")
    lines.append("Contacts:")
    for c in board.contacts:
        mark = "✖" if c.placeholder else "✔"
        lines.append(f"  {mark} {c.id:<26} {c.label}: {c.value}"
                     + (f" ({c.problem})" if c.problem else ""))
    if board.decision:
        d = board.decision
        lines.append(f"Decision: {d.decision.upper()} by {d.by} at "
                     f"{d.at.format('YYYY-MM-DD HH:mm:ss zz')}"
                     + (f": {d.reason}" if d.reason else ""))
    lines.append(f"Events: {board.events} · head {board.head}")
    return "\n".join(lines)
