"""One mother's reminder times: the morning's and the evening's, as HH:MM text."""

from __future__ import annotations

from datetime import datetime

from app.store.repositories.base import MotherRepository, utc_text

SLOTS = ("morning", "evening")


class ReminderRepository(MotherRepository):
    """Her reminder times by slot ("morning", "evening"), as "HH:MM"; a slot never set is absent.

    Keyed by (mother, slot): one morning time per mother, so two devices that set hers set the
    same reminder, and a merge keeps the newer time (`updated_at`).
    """

    def get(self) -> dict[str, str]:
        rows = self._rows("SELECT slot, at_time FROM reminders WHERE mother_id = ?", [self.mother_key])
        return {row["slot"]: row["at_time"] for row in rows if row["slot"] in SLOTS}

    def save(self, times: dict[str, str], *, at: datetime) -> None:
        """Set the slots given (both at once: one transaction). Raises ValueError for an unknown
        slot; the table itself refuses a time that is not HH:MM (StoreWriteError)."""
        if set(times) - set(SLOTS):
            raise ValueError(f"reminder slots are {SLOTS}")
        stamp = utc_text(at)
        with self._write() as db:
            for slot, text in times.items():
                db.execute(
                    "INSERT INTO reminders (mother_id, slot, at_time, updated_at) VALUES (?, ?, ?, ?) "
                    "ON CONFLICT (mother_id, slot) DO UPDATE SET at_time = excluded.at_time, "
                    "updated_at = excluded.updated_at",
                    [self.mother_key, slot, text, stamp],
                )
