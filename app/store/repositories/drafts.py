"""Half-filled forms by key (e.g. "report:2026-03-01"), as the fields' text."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from app.store.repositories.base import MotherRepository, utc_text


class DraftRepository(MotherRepository):
    """One mother's half-filled forms by key (e.g. "report:2026-03-01"), as the fields' text."""

    def get(self, key: str) -> dict[str, str] | None:
        """The draft, or None if there is none or it cannot be read (see `skipped`)."""
        rows = self._rows("SELECT key, data FROM drafts WHERE mother_id = ? AND key = ?", [self.mother_key, key])
        found = self._readable(rows, "key", _draft)
        return found[0] if found else None

    def starting_with(self, prefix: str) -> dict[str, dict[str, str]]:
        """Every readable draft whose key starts with `prefix` (e.g. "report:"), by key."""
        rows = self._rows(
            "SELECT key, data FROM drafts WHERE mother_id = ? AND substr(key, 1, ?) = ?",
            [self.mother_key, len(prefix), prefix],
        )
        return dict(self._readable(rows, "key", lambda row: (row["key"], _draft(row))))

    def put(self, key: str, data: dict[str, str], *, at: datetime) -> None:
        # Text only, as typed: parsing is the domain's job when the form is submitted, and a
        # draft must give back exactly what was in the fields (" 12", "37,8", "").
        if not isinstance(data, dict) or not all(
            isinstance(name, str) and isinstance(value, str) for name, value in data.items()
        ):
            raise TypeError(f"draft {key!r} must be a dict of text fields")
        with self._write() as db:
            db.execute(
                "INSERT INTO drafts (mother_id, key, data, updated_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (mother_id, key) DO UPDATE SET data = excluded.data, "
                "updated_at = excluded.updated_at",
                [self.mother_key, key, json.dumps(data, ensure_ascii=False), utc_text(at)],
            )

    def clear(self, key: str) -> None:
        """Forget a draft (after the report is saved); clearing a missing one is fine."""
        with self._write() as db:
            db.execute("DELETE FROM drafts WHERE mother_id = ? AND key = ?", [self.mother_key, key])


def _draft(row: dict[str, Any]) -> dict[str, str]:
    data = json.loads(row["data"])
    if not isinstance(data, dict) or not all(
        isinstance(name, str) and isinstance(value, str) for name, value in data.items()
    ):
        raise TypeError("a draft holds text fields only")
    return data
