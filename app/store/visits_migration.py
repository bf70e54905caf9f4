"""The body of migration m008_visits (app/store/migrations.py): frozen once shipped, like the
migrations themselves."""

from __future__ import annotations

from sqlite_utils import Database


def create_visits(db: Database) -> None:
    db.execute(
        """CREATE TABLE visits (
            id INTEGER PRIMARY KEY,
            uuid TEXT NOT NULL UNIQUE CHECK (length(uuid) = 36),
            mother_id TEXT NOT NULL REFERENCES mothers(id),
            visit TEXT NOT NULL,
            done_on TEXT NOT NULL,
            note TEXT,
            undone_at TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            UNIQUE (mother_id, visit)
        )"""
    )
