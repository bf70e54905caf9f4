"""The schema, as an append-only list of migrations applied by `open_store`.

Never edit or reorder a migration that has shipped: phones in the field already ran it, and a
changed function would leave their files different from a fresh install. To change the schema,
append a new function below the last one, named with the next number:

    @migrations()
    def m002_diary(db: Database) -> None:
        db["diary_entries"].create({...}, pk="id")

Each migration runs in its own transaction together with the record of it having been applied
(sqlite-utils `Migrations.apply`), so a crash mid-upgrade leaves the file at the previous version.
Then add a repository class in repositories.py and wire it up in `Store.__init__` (db.py).
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("pijat_oksitosin")


@migrations()
def m001_initial(db: Database) -> None:
    db["settings"].create({"key": str, "value": str}, pk="key")

    # Timestamps are ISO-8601 UTC text of fixed width (see repositories._utc_text), so text order
    # is time order and the started_at index serves "newest first" and "today" queries.
    db["sessions"].create(
        {
            "id": int,
            "started_at": str,
            "updated_at": str,
            "ended_at": str,
            "demo": int,
            "round_s": int,
            "rest_s": int,
            "rounds_planned": int,
            "build": str,
            "technique": str,
            "status": str,
            # The session state machine's snapshot as JSON; the store never looks inside, it only
            # hands it back so a session killed mid-round can be restored.
            "snapshot": str,
            "rounds_done": int,
            "massaged_s": float,
            "comfort": int,
            "letdown": int,
        },
        pk="id",
        not_null=[
            "started_at",
            "updated_at",
            "demo",
            "round_s",
            "rest_s",
            "rounds_planned",
            "status",
            "snapshot",
            "rounds_done",
            "massaged_s",
        ],
    )
    db["sessions"].create_index(["started_at"])

    db["session_events"].create(
        {"id": int, "session_id": int, "at": str, "kind": str, "position_s": float},
        pk="id",
        not_null=["session_id", "at", "kind", "position_s"],
        foreign_keys=[("session_id", "sessions", "id")],
    )
    db["session_events"].create_index(["session_id"])
