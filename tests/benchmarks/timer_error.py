"""Benchmark (not a test): end-of-session timer error of a real-time demonstration-speed session.

Runs the session controller on the system clock and a real SQLite file with the same loop as the
rounds screen (sleep until the displayed second changes, then tick), and reports when the
SESSION_END cue fires against the monotonic clock, plus the lateness of every display change.

    .venv/bin/python tests/benchmarks/timer_error.py [runs]
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

from app.domain.clock import SystemClock
from app.domain.protocol import Build
from app.domain.session import CueKind
from app.services.session import SessionController
from app.store.db import open_store
from app.ui.screens.session_run import TICK_SLACK_S


async def one_run(folder: Path) -> tuple[float, list[float]]:
    with open_store(folder / "bench.sqlite3") as store:
        c = SessionController(store, SystemClock())
        c.wizard.demo = True
        c.wizard.choose_build(Build.SLIM_NORMAL)
        c.begin()
        start = c.session.anchor
        total = c.session.plan.total_s
        lateness = []
        c.tick()
        while c.active:
            delay = c.next_tick_in()
            due = time.monotonic() + delay
            await asyncio.sleep(delay + TICK_SLACK_S)
            cues = c.tick()
            lateness.append(time.monotonic() - due)
            if any(cue.kind is CueKind.SESSION_END for cue in cues):
                return time.monotonic() - (start + total), lateness
    raise RuntimeError("session ended without SESSION_END")


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(runs):
            error, lateness = asyncio.run(one_run(_mk(tmp, i)))
            print(f"run {i + 1}: end-of-session error {error * 1000:.1f} ms; display changes: "
                  f"{len(lateness)}, lateness median {statistics.median(lateness) * 1000:.1f} ms, "
                  f"max {max(lateness) * 1000:.1f} ms")


def _mk(tmp: str, i: int) -> Path:
    p = Path(tmp) / str(i)
    p.mkdir()
    return p


if __name__ == "__main__":
    main()
