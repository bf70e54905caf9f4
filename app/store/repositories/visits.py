"""The KF visits a midwife marked done: one mother's (`VisitsRepository`), and every mother's at
once for the "this week" view (`VisitPlanRepository`, one query for all of them)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from uuid import UUID

from app.domain.visits import DoneVisit, Visit
from app.store.repositories.base import MotherRepository, Repository, moment, utc_text, uuid_text

_CODES = {visit.value for visit in Visit}


@dataclass(frozen=True)
class VisitRecord:
    """A done visit as kept: its identity, whose, what, and when it was last edited."""

    uuid: UUID
    mother_id: UUID
    done: DoneVisit
    updated_at: datetime


@dataclass(frozen=True)
class MotherVisits:
    """One mother for the "this week" view: who, the birth date, and the visits done."""

    mother_id: UUID
    nickname: str | None
    number: int  # her place in the order added (a stand-in name, as in the mothers list)
    birth_date: date
    done: frozenset[Visit]


class VisitsRepository(MotherRepository):
    """Her done visits (table `visits`), one row per visit. Marking a visit done again edits
    the row; undoing it keeps the row, marked undone (a merge then carries the undo)."""

    def mark(self, done: DoneVisit, *, at: datetime) -> UUID:
        """Mark `done.visit` done (or change its day and note). Returns the record's UUID."""
        stamp = utc_text(at)
        with self._write() as db:
            row = db.execute(
                "SELECT uuid FROM visits WHERE mother_id = ? AND visit = ?", [self.mother_key, done.visit.value]
            ).fetchone()
            if row is not None:
                db.execute(
                    "UPDATE visits SET done_on = ?, note = ?, undone_at = NULL, updated_at = ? "
                    "WHERE mother_id = ? AND visit = ?",
                    [done.done_on.isoformat(), done.note, stamp, self.mother_key, done.visit.value],
                )
                return uuid_text(row[0])
            identity = uuid.uuid4()
            db.execute(
                "INSERT INTO visits (uuid, mother_id, visit, done_on, note, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                [str(identity), self.mother_key, done.visit.value, done.done_on.isoformat(), done.note, stamp, stamp],
            )
            return identity

    def undo(self, visit: Visit, *, at: datetime) -> bool:
        """The visit is not done after all (its note goes too). False if it was not done."""
        stamp = utc_text(at)
        with self._write() as db:
            cursor = db.execute(
                "UPDATE visits SET undone_at = ?, note = NULL, updated_at = ? "
                "WHERE mother_id = ? AND visit = ? AND undone_at IS NULL",
                [stamp, stamp, self.mother_key, Visit(visit).value],
            )
            return cursor.rowcount > 0

    def done(self) -> list[VisitRecord]:
        """Her visits marked done (not undone), in visit order (KF1 first)."""
        rows = self._rows(
            "SELECT uuid, mother_id, visit, done_on, note, updated_at FROM visits "
            "WHERE mother_id = ? AND undone_at IS NULL ORDER BY visit",
            [self.mother_key],
        )
        return self._readable(rows, "uuid", _record)


class VisitPlanRepository(Repository):
    """The device's mothers with a birth date since a day, each with her done visits."""

    def mothers_born_since(self, day: date) -> list[MotherVisits]:
        """Every active mother whose baby was born on or after `day`, in one query."""
        rows = self._rows(
            "SELECT m.id, m.nickname, m.baby_birth_date, m.number, "
            "(SELECT group_concat(v.visit) FROM visits AS v WHERE v.mother_id = m.id AND v.undone_at IS NULL) "
            "AS done FROM (SELECT id, nickname, baby_birth_date, archived_at, "
            "row_number() OVER (ORDER BY seq) AS number FROM mothers) AS m "
            "WHERE m.archived_at IS NULL AND m.baby_birth_date >= ? ORDER BY m.baby_birth_date",
            [day.isoformat()],
        )
        return self._readable(rows, "id", _mother_visits)


def _record(row: dict[str, Any]) -> VisitRecord:
    updated = moment(row["updated_at"])
    assert updated is not None
    return VisitRecord(
        uuid=uuid_text(row["uuid"]),
        mother_id=uuid_text(row["mother_id"]),
        done=DoneVisit(visit=row["visit"], done_on=date.fromisoformat(row["done_on"]), note=row["note"]),
        updated_at=updated,
    )


def _mother_visits(row: dict[str, Any]) -> MotherVisits:
    done = row["done"]
    return MotherVisits(
        mother_id=uuid_text(row["id"]),
        nickname=row["nickname"],
        number=int(row["number"]),
        birth_date=date.fromisoformat(row["baby_birth_date"]),
        # A code this version does not know (a newer app's) is left out, not the whole mother.
        done=frozenset(Visit(code) for code in (done or "").split(",") if code in _CODES),
    )
