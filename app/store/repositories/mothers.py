"""The mothers on this device: list, add, archive and restore, and the list's aggregates.

A mother's own records are read through `Store.mother(id)`; this repository handles the rows
of `mothers` as a whole. Mothers are archived, never deleted (her diary stays), except a blank
one just added and abandoned before anything was written for her (`discard_blank`).
"""

from __future__ import annotations

import sqlite3
import uuid
from datetime import UTC, date, datetime
from typing import Any
from uuid import UUID

from app.domain.mothers import Mother, MotherActivity
from app.domain.records import SessionStatus
from app.domain.report import DailyReport
from app.store.repositories.base import Repository, moment, utc_text, uuid_text
from app.store.repositories.diary import report_from_row

# `number`: her place in the order the mothers were added (a stand-in name, see Mother).
_MOTHER_COLUMNS = (
    "id, nickname, baby_birth_date, midwife_phone, facility_phone, mother_phone, family_phone, archived_at, kept_at, "
    "row_number() OVER (ORDER BY seq) AS number"
)
_REPORT_COLUMNS = ", ".join(f"r.{name}" for name in DailyReport.model_fields)
# Nothing known about her and nothing recorded for her (a table added later holds her with a
# foreign key, which stops a DELETE of her anyway).
_BLANK = (
    "nickname IS NULL AND baby_birth_date IS NULL AND midwife_phone IS NULL "
    "AND facility_phone IS NULL AND mother_phone IS NULL AND family_phone IS NULL "
    "AND NOT EXISTS (SELECT 1 FROM reports WHERE reports.mother_id = mothers.id) "
    "AND NOT EXISTS (SELECT 1 FROM sessions WHERE sessions.mother_id = mothers.id) "
    "AND NOT EXISTS (SELECT 1 FROM drafts WHERE drafts.mother_id = mothers.id) "
    "AND NOT EXISTS (SELECT 1 FROM quiz_results AS q WHERE q.mother_id = mothers.id) "
    "AND NOT EXISTS (SELECT 1 FROM skills_checks AS k WHERE k.mother_id = mothers.id) "
    "AND NOT EXISTS (SELECT 1 FROM reminders WHERE reminders.mother_id = mothers.id)"
)
# Active mothers first, then by nickname (unnamed ones last), then in the order added.
_ORDER = "archived_at IS NOT NULL, nickname IS NULL, lower(nickname), seq"


def insert_blank_mother(conn: sqlite3.Connection, at: datetime) -> UUID:
    """Inside the caller's write transaction: a new mother with nothing known yet (a device is
    never without one: every record belongs to a mother). Returns her UUID: random, so no other
    mother on any device has it, and never given again."""
    stamp = utc_text(at)
    mother_id = uuid.uuid4()
    conn.execute(
        "INSERT INTO mothers (id, seq, created_at, updated_at) "
        "VALUES (?, (SELECT COALESCE(max(seq), 0) + 1 FROM mothers), ?, ?)",
        [str(mother_id), stamp, stamp],
    )
    return mother_id


def never_without_a_mother(conn: sqlite3.Connection) -> None:
    """At open: a file without an active mother (an older version's "Delete all data" killed
    between its two transactions) gets a blank one, as a new device has: otherwise every save
    fails."""
    active = "SELECT count(*) FROM mothers WHERE archived_at IS NULL"
    if conn.execute(active).fetchone()[0]:
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        if not conn.execute(active).fetchone()[0]:
            insert_blank_mother(conn, datetime.now(UTC))
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


class MothersRepository(Repository):
    """The device's mothers, each known by her UUID (`Mother.id`)."""

    def get(self, mother_id: UUID) -> Mother | None:
        rows = self._rows(f"SELECT * FROM (SELECT {_MOTHER_COLUMNS} FROM mothers) WHERE id = ?", [str(mother_id)])
        found = self._readable(rows, "id", _mother)
        return found[0] if found else None

    def first(self) -> UUID | None:
        """The first mother added (the one family's mother on a one-family device), or None."""
        return self._first_id("SELECT id FROM mothers ORDER BY seq")

    def count(self, *, archived: bool = False) -> int:
        clause = "IS NOT NULL" if archived else "IS NULL"
        return int(self._rows(f"SELECT count(*) AS n FROM mothers WHERE archived_at {clause}")[0]["n"])

    def first_active(self) -> UUID | None:
        """The mother chosen when nobody chose one: the first added who is not archived."""
        return self._first_id("SELECT id FROM mothers WHERE archived_at IS NULL ORDER BY seq")

    def _first_id(self, sql: str) -> UUID | None:
        """The first readable id `sql` selects (one written otherwise is skipped, see `skipped`)."""
        found = self._readable(self._rows(sql + " LIMIT 1"), "id", lambda row: uuid_text(row["id"]))
        return found[0] if found else None

    def add(self, *, at: datetime) -> UUID:
        """A new mother with nothing known yet; her profile form fills her in. Returns her UUID:
        random, so no other mother on any device has it, and never given again."""
        with self._write() as db:
            return insert_blank_mother(db.conn, at)

    def archive(self, mother_id: UUID, *, at: datetime) -> None:
        """Take her off the list (her records stay). The last active mother cannot be archived:
        the app always has someone to show. Raises LookupError / ValueError."""
        with self._write() as db:
            row = db.execute("SELECT archived_at FROM mothers WHERE id = ?", [str(mother_id)]).fetchone()
            if row is None:
                raise LookupError(f"no mother {mother_id}")
            if row[0] is not None:
                return
            others = db.execute(
                "SELECT count(*) FROM mothers WHERE archived_at IS NULL AND id != ?", [str(mother_id)]
            ).fetchone()[0]
            if not others:
                raise ValueError("the last active mother cannot be archived")
            stamp = utc_text(at)
            db.execute(
                "UPDATE mothers SET archived_at = ?, updated_at = ? WHERE id = ?", [stamp, stamp, str(mother_id)]
            )

    def restore(self, mother_id: UUID, *, at: datetime) -> None:
        with self._write() as db:
            cursor = db.execute(
                "UPDATE mothers SET archived_at = NULL, updated_at = ? WHERE id = ?",
                [utc_text(at), str(mother_id)],
            )
            if cursor.rowcount == 0:
                raise LookupError(f"no mother {mother_id}")

    def keep(self, mother_id: UUID, kept: bool, *, at: datetime) -> None:
        """Keep her on the active list after day 42 (`kept`), or let her go to "Finished" again.
        Raises LookupError for an unknown mother."""
        with self._write() as db:
            stamp = utc_text(at)
            cursor = db.execute(
                "UPDATE mothers SET kept_at = ?, updated_at = ? WHERE id = ?",
                [stamp if kept else None, stamp, str(mother_id)],
            )
            if cursor.rowcount == 0:
                raise LookupError(f"no mother {mother_id}")

    def first_blank(self) -> UUID | None:
        """The first active mother with nothing known and nothing recorded (the first mother of
        a new device), for "Add a mother" to fill in rather than leave an empty row on the list."""
        return self._first_id(f"SELECT id FROM mothers WHERE archived_at IS NULL AND {_BLANK} ORDER BY seq")

    def discard_blank(self, mother_id: UUID) -> bool:
        """Delete a mother added and left before anything was saved: no profile, no records.
        False (and nothing changed) when anything is known about her."""
        with self._write() as db:
            try:
                # Never the last one: a device always has a mother to show.
                cursor = db.execute(
                    f"DELETE FROM mothers WHERE id = ? AND {_BLANK} "
                    "AND EXISTS (SELECT 1 FROM mothers AS other WHERE other.id != mothers.id)",
                    [str(mother_id)],
                )
            except sqlite3.IntegrityError:  # a table added later holds a row of hers
                return False
            return cursor.rowcount > 0

    def activity(self, reports_since: date | None = None) -> list[MotherActivity]:
        """Every mother (active first) with her newest report and her last massage: a few queries
        over the (mother_id, day) and (mother_id, started_at) indexes, whatever the count. With
        `reports_since`, a newest report older than that day is not read (only its day is): the
        list has no use for an old report's contents, and reading 300 of them costs the most."""
        rows = self._rows(
            f"SELECT {_MOTHER_COLUMNS}, "
            "(SELECT s.started_at || ' ' || s.status FROM sessions AS s "
            " WHERE s.mother_id = mothers.id AND s.demo = 0 AND s.status != ? "
            " ORDER BY s.started_at DESC, s.id DESC LIMIT 1) AS last_massage, "
            "(SELECT max(r.day) FROM reports AS r WHERE r.mother_id = mothers.id) AS last_report_day "
            f"FROM mothers ORDER BY {_ORDER}",
            [SessionStatus.IN_PROGRESS.value],
        )
        newest = self._rows(
            f"SELECT r.mother_id, {_REPORT_COLUMNS} FROM reports AS r "
            "JOIN (SELECT mother_id, max(day) AS day FROM reports GROUP BY mother_id) AS n "
            "ON n.mother_id = r.mother_id AND n.day = r.day WHERE r.day >= ?",
            [(reports_since or date.min).isoformat()],
        )
        reports: dict[str, DailyReport] = {}
        for row in newest:
            mother_id = row.pop("mother_id")
            found = self._readable([row], "day", report_from_row)
            if found:
                reports[mother_id] = found[0]
        # The latest quiz of each phase and the latest skills check, per mother: one query each.
        quiz: dict[tuple[str, str], int] = {
            (row["mother_id"], row["phase"]): row["score_pct"]
            for row in self._rows(
                "SELECT mother_id, phase, score_pct FROM (SELECT mother_id, phase, score_pct, row_number() "
                "OVER (PARTITION BY mother_id, phase ORDER BY taken_at DESC, id DESC) AS n FROM quiz_results) "
                "WHERE n = 1"
            )
        }
        skills: dict[str, int] = {
            row["mother_id"]: row["score_pct"]
            for row in self._rows(
                "SELECT mother_id, score_pct FROM (SELECT mother_id, score_pct, row_number() "
                "OVER (PARTITION BY mother_id ORDER BY checked_at DESC, id DESC) AS n FROM skills_checks) "
                "WHERE n = 1"
            )
        }
        out = []
        for mother in self._readable(rows, "id", _activity_mother):
            started, status = mother[1]
            mid = str(mother[0].id)
            out.append(
                MotherActivity(
                    mother=mother[0],
                    newest_report=reports.get(mid),
                    newest_report_day=mother[2],
                    last_massage_at=started,
                    last_massage_status=status,
                    quiz_before_pct=quiz.get((mid, "before")),
                    quiz_after_pct=quiz.get((mid, "after")),
                    skills_pct=skills.get(mid),
                )
            )
        return out

    # Defined last because it shadows the builtin in this class (as SessionRepository.list).
    def list(self, *, archived: bool | None = None) -> list[Mother]:
        """Every mother (active first), or only the active (`archived=False`) or archived ones."""
        where = {None: "", False: "WHERE archived_at IS NULL ", True: "WHERE archived_at IS NOT NULL "}
        rows = self._rows(f"SELECT {_MOTHER_COLUMNS} FROM mothers {where[archived]}ORDER BY {_ORDER}")
        return self._readable(rows, "id", _mother)


def _mother(row: dict[str, Any]) -> Mother:
    born = row["baby_birth_date"]
    return Mother(
        id=uuid_text(row["id"]),
        nickname=row["nickname"],
        baby_birth_date=None if born is None else date.fromisoformat(born),
        midwife_phone=row["midwife_phone"],
        facility_phone=row["facility_phone"],
        archived_at=moment(row["archived_at"]),
        number=int(row["number"]),
        kept_at=moment(row["kept_at"]),
        mother_phone=row["mother_phone"],
        family_phone=row["family_phone"],
    )


def _activity_mother(
    row: dict[str, Any],
) -> tuple[Mother, tuple[datetime | None, SessionStatus | None], date | None]:
    last, day = row["last_massage"], row["last_report_day"]
    report_day = None if day is None else date.fromisoformat(day)
    if last is None:
        return _mother(row), (None, None), report_day
    started, status = last.split(" ", 1)
    return _mother(row), (moment(started), SessionStatus(status)), report_day
