"""Write sessions and events to a store as fast as possible until killed (the kill test's victim).

    python tests/store_writer.py PATH

After each committed write it prints one JSON line and flushes, so whatever the test has read is
known to be committed: {"session": id, "kind": kind, "seq": n}. Progress is derived from `seq`
(see `progress_for`), so the test can recompute what each reported write must have stored.
"""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

# Run as a script by path, so the repository root is not on sys.path by itself.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.domain.records import NewSession, SessionProgress, SessionStatus
from app.store.db import open_store

EPOCH = datetime(2026, 1, 1, tzinfo=UTC)
EVENTS_PER_SESSION = ("phase", "pause", "resume", "skip", "phase")


def progress_for(seq: int, rounds_done: int | None = None) -> SessionProgress:
    return SessionProgress(
        at=EPOCH + timedelta(seconds=seq),
        snapshot={"seq": seq},
        rounds_done=seq % 4 if rounds_done is None else rounds_done,
        massaged_s=seq * 1.5,
    )


def report(session_id: int, kind: str, seq: int) -> None:
    print(json.dumps({"session": session_id, "kind": kind, "seq": seq}), flush=True)


def main(path: str) -> None:
    seq = 0
    with open_store(Path(path)) as store:
        while True:
            seq += 1
            session_id = store.sessions.create(
                NewSession(
                    started_at=EPOCH + timedelta(seconds=seq),
                    demo=seq % 2 == 0,
                    round_s=180,
                    rest_s=30,
                    rounds_planned=3,
                    snapshot={"seq": seq},
                )
            )
            report(session_id, "start", seq)
            for kind in EVENTS_PER_SESSION:
                seq += 1
                store.sessions.record_event(session_id, kind, progress_for(seq))
                report(session_id, kind, seq)
            seq += 1
            # completed: every planned round done (one with rounds missing reads as ended early)
            store.sessions.finish(session_id, SessionStatus.COMPLETED, progress_for(seq, rounds_done=3))
            report(session_id, "finish", seq)


if __name__ == "__main__":
    main(sys.argv[1])
