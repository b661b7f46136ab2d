"""A writer process for the reliability tests: appends notes and acknowledges each one on
stdout only after Store.apply has returned (the commit is durable from that moment).

usage: python writer.py DB NAME COUNT   (COUNT 0: until killed)

A writer that runs until killed leaves a millisecond between its changes, as a script
or a person would: SQLite's busy handler does not queue, so writers that never pause can
starve a newcomer past the busy timeout.
"""

from __future__ import annotations

import sys
import time

from golive.data.changes.commands import Note
from golive.data.log.store import Store
from golive.data.time.clock import RealClock


def main() -> int:
    db, name, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    store = Store.open(db, RealClock("Europe/Berlin"))
    n = 0
    errors = 0
    while count == 0 or n < count:
        n += 1
        try:
            event = store.apply(Note(f"{name} {n}"), name)
        except Exception as exc:  # noqa: BLE001 - counted and reported, the test fails on it
            errors += 1
            print(f"error {n} {exc}", flush=True)
            continue
        print(f"ack {n} {event.seq}", flush=True)
        if count == 0:
            time.sleep(0.001)
    store.close()
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
