"""How long the retrospective export takes on a long log, and how much memory it needs.

Builds a real golive file through Store.apply (a scripted go-live day, then notes with a
gate change every 100 events), then times write_export for Markdown and JSON. Memory is
measured in a separate run under tracemalloc (it slows Python down), at a tenth of the
events and at all of them: a streaming export needs about the same at both sizes.

    .venv/bin/python bench/export_bench.py [--events 100000]

Prints one `BENCH {json}` line per measure for bench/run.py (bench/common.py).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import pendulum

from golive.data.changes.commands import (
    Approve,
    Check,
    Decide,
    Note,
    Revoke,
    SetContact,
    SetGate,
    StagingStableSince,
)
from golive.data.log.store import Store
from golive.data.outputs.export import write_export
from golive.data.plan.source import load_default_plan
from golive.data.time.clock import FixedClock

ZONE = "Europe/Berlin"
SIGNERS = ("Anna Prüfer", "Paul Roth", "Sina Koch", "Dirk Ost", "Sven Reuter", "Susanne Pohl",
           "Birgit Brandt", "Ben Meyer")
sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import report  # noqa: E402


class Builder:
    """Appends events one Store.apply at a time, one second apart."""

    def __init__(self, path: Path) -> None:
        self.clock = FixedClock(pendulum.datetime(2026, 3, 4, 9, 0, tz=ZONE))
        self.store = Store.create(path, load_default_plan(), self.clock, "bench")
        # a benchmark file need not survive a power cut: skip the fsync per commit
        self.store.conn.execute("PRAGMA synchronous = OFF")
        self.n = 1

    def apply(self, command: object) -> None:
        self.clock.instant = pendulum.instance(self.clock.instant).add(seconds=1)
        self.store.apply(command, "bench")  # type: ignore[arg-type]
        self.n += 1

    def go_live_day(self) -> None:
        for cid, channel in (("contact.status-channel", "#golive-status"),
                             ("contact.incident-channel", "#golive-incident")):
            self.apply(SetContact(cid, channel=channel))
        for cid, name, phone in (("contact.primary-on-call", "Anna Schmidt", "+49 170 2938475"),
                                 ("contact.backup-on-call", "Ben Meyer", "+49 171 7364529"),
                                 ("contact.rollback-decider", "Carla Wolf", "+49 160 5550123")):
            self.apply(SetContact(cid, name=name, phone=phone))
        self.apply(StagingStableSince(pendulum.instance(self.clock.instant).subtract(hours=25)))
        plan = self.store.plan
        # one person per sign-off: the plan's separation of duties refuses one for all
        signers = dict(zip((s.id for s in plan.signoffs), SIGNERS, strict=False))
        for item, name in signers.items():
            self.apply(Approve(item, name))
        self.apply(Revoke("approval.security", "pen test finding"))
        self.apply(Approve("approval.security", signers["approval.security"]))
        for g in plan.gates:
            if not g.derived:
                self.apply(SetGate(g.id, "green"))
        for c in plan.comms:
            if not c.derived:
                self.apply(Check(c.id))

    def fill(self, total: int) -> None:
        """Notes (some with Markdown-looking text) up to `total` events."""
        while self.n < total:
            if self.n % 100 == 0:
                state = "red" if (self.n // 100) % 2 else "green"
                self.apply(SetGate("gate.monitoring", state, f"flap {self.n}"))
            else:
                self.apply(Note(f"Zwischenstand {self.n}: step [{self.n % 7}] **ok** | "
                                "<all good>"))

    def finish(self) -> None:
        self.apply(SetGate("gate.monitoring", "green", f"stable at {self.n}"))
        self.apply(Decide("go", "Rita", "all green"))


def timed_exports(store: Store, out: Path, fmt: str, runs: int) -> tuple[list[float], Path]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        path = write_export(store, out, fmt=fmt)
        times.append(time.perf_counter() - start)
    return times, path


def peak_mib(store: Store, out: Path, fmt: str) -> float:
    tracemalloc.start()
    try:
        write_export(store, out, fmt=fmt)
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    small = max(args.events // 10, 100)

    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        out = base / "out"
        out.mkdir()
        b = Builder(base / "bench.sqlite")
        b.go_live_day()
        b.fill(small)
        b.finish()
        small_peak = {fmt: peak_mib(b.store, out, fmt) for fmt in ("md", "json")}
        small_n = b.n
        b.fill(args.events - 1)
        b.finish()
        n = b.store.event_count()
        store = Store.open(base / "bench.sqlite", b.clock)
        for fmt in ("md", "json"):
            times, path = timed_exports(store, out, fmt, args.runs)
            report("export", f"export {fmt}, {n:,} events (a go-live day built by "
                   f"Store.apply, {path.stat().st_size / 2**20:.1f} MiB)", times, None, "s",
                   goal="≤ 1 s per 100k on a quiet run")
            report("export", f"export {fmt} peak memory, {n:,} vs {small_n:,} events",
                   [peak_mib(store, out, fmt)], [small_peak[fmt]], "MiB",
                   goal="flat (ratio ≈ 1)", note="tracemalloc; item histories are kept",
                   baseline_name=f"same export of {small_n:,} events")
        store.close()
        b.store.close()


if __name__ == "__main__":
    main()
