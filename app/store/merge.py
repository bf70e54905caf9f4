"""A backup added to what is here (a merge): nothing twice, and two mothers never made one.

Who is who is decided by identity alone (backup.py, identity_migration.py):

- A mother is the same mother when her UUID is the same. Two mothers with different UUIDs stay
  two mothers, whatever their nicknames and birth dates: the midwife sees both and can rename one.
  A backup made before mothers had UUIDs (`legacy`) is the one exception, and only when the user
  says so (`same_mothers`): then each of its mothers is joined to the mother here with the same
  nickname and birth date (`lookalikes` lists them for the question), if there is one.
- Her records are matched by their own identity: a massage, a quiz attempt and a skills check by
  their UUID (or, for a record whose UUID is not here, by its mother and the instant it started,
  was taken or was checked: two of one mother's massages never start in the same microsecond; a
  pre-UUID backup's records are found this way); a daily report and a reminder by her and the day
  or the slot (their key).
- A record both have, whose content differs: the newer edit (`updated_at`) wins, and the
  difference is listed in `Merged.differences` for the user to see. The same content is not a
  difference, so merging the same backup twice changes nothing the second time.
- Quiz attempts and skills checks never change once written: found means done.
- A done KF visit by its UUID, else by its mother and visit (two devices may each have marked
  KF2 done): the newer edit wins, an undo included.
- Unsaved forms and the device's settings stay as they are here.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlite_utils import Database

from app.store import backup  # the module, not its names: backup -> repositories -> merge is a cycle

# Columns that say when a row was written, not what it says: never a difference.
_STAMPS = {"created_at", "updated_at"}
# A mother's details, compared as a whole (archiving her is an edit too).
_DETAILS = (
    "nickname",
    "baby_birth_date",
    "midwife_phone",
    "facility_phone",
    "mother_phone",
    "family_phone",
    "archived_at",
    "kept_at",
)
# Records that never change once written, and the instant that tells two of one mother's apart.
_WRITTEN_ONCE = {"quiz_results": "taken_at", "skills_checks": "checked_at"}


class Kind(StrEnum):
    """What differed between this device and the backup."""

    DETAILS = "details"  # her nickname, the baby's birth date, the phone numbers, archived or kept
    REPORT = "report"  # a day's report
    REMINDER = "reminder"  # a reminder time
    MASSAGE = "massage"  # a massage's record (its ending, her rating)
    VISIT = "visit"  # a KF visit marked done (its day, its note, or undone)


@dataclass(frozen=True)
class Difference:
    """One record that differed: whose (her nickname after the merge, None if she has none),
    which (a report's day, a massage's start), and whether the backup's edit was the newer one
    (then it is here now; else this device's stays)."""

    kind: Kind
    nickname: str | None
    from_backup: bool
    day: date | None = None
    at: datetime | None = None


@dataclass(frozen=True)
class Merged:
    """What a merge did, in numbers (for the message), and the differences it settled."""

    mothers_added: int = 0
    mothers_joined: int = 0  # a pre-UUID backup's mothers taken as the same as ones here (she said so)
    reports_added: int = 0
    reports_updated: int = 0  # the backup's edit of a day was newer
    reports_kept: int = 0  # this device's edit of a day was newer
    sessions_added: int = 0
    teaching_added: int = 0  # quiz results and skills checks
    visits_added: int = 0  # KF visits marked done
    differences: tuple[Difference, ...] = field(default_factory=tuple)


def lookalikes(conn: sqlite3.Connection, source: Database) -> list[str | None]:
    """The nicknames of a backup's mothers who are not here by identity but look like a mother
    here (the same nickname and birth date, at least one of them known): the ones a pre-UUID
    backup's merge asks about."""
    found: list[str | None] = []
    for row in _ordered_mothers(source):
        if _one(conn, "SELECT id FROM mothers WHERE id = ?", [row["id"]]) is None and _lookalike(conn, row, set()):
            found.append(row["nickname"])
    return found


def merge_into(
    conn: sqlite3.Connection, source: Database, *, legacy: bool = False, same_mothers: bool = False
) -> Merged:
    """Inside the caller's write transaction: add a loaded backup (`source`, at this schema) to
    what is here (see the module's docstring). `same_mothers` joins a pre-UUID (`legacy`)
    backup's look-alike mothers to the ones here; without it they are added beside them."""
    merge = _Merge(conn, source)
    merge.mothers(join=legacy and same_mothers)
    merge.reports()
    merge.reminders()
    merge.sessions()
    merge.written_once()
    merge.visits()
    merge.drop_blank()
    return merge.result()


class _Merge:
    def __init__(self, conn: sqlite3.Connection, source: Database) -> None:
        self.conn = conn
        self.source = source
        self.live = Database(conn)
        self.mother_of: dict[str, str] = {}  # the backup's mother id -> the same mother's id here
        self.counts: dict[str, int] = {}
        self.differences: list[Difference] = []

    def count(self, name: str) -> None:
        self.counts[name] = self.counts.get(name, 0) + 1

    def nickname(self, mother_id: str) -> str | None:
        row = _one(self.conn, "SELECT nickname FROM mothers WHERE id = ?", [mother_id])
        return None if row is None else row["nickname"]

    def mothers(self, *, join: bool) -> None:
        for row in _ordered_mothers(self.source):
            here = _one(self.conn, "SELECT * FROM mothers WHERE id = ?", [row["id"]])
            if here is None and join:
                here = _lookalike(self.conn, row, set(self.mother_of.values()))
                if here is not None:
                    self.count("mothers_joined")
            if here is None:
                # Added here now: after the mothers already here, in the backup's order.
                (seq,) = self.conn.execute("SELECT COALESCE(max(seq), 0) + 1 FROM mothers").fetchone()
                _insert(self.conn, "mothers", {**row, "seq": seq})
                self.mother_of[row["id"]] = row["id"]
                self.count("mothers_added")
                continue
            self.mother_of[row["id"]] = here["id"]
            self.newer_wins("mothers", here, {**row, "id": here["id"]}, ["id"], Kind.DETAILS, _DETAILS)

    def reports(self) -> None:
        for row in _dicts(self.source, "reports"):
            row["mother_id"] = self.mother_of[row["mother_id"]]
            here = _one(
                self.conn, "SELECT * FROM reports WHERE mother_id = ? AND day = ?", [row["mother_id"], row["day"]]
            )
            if here is None:
                _insert(self.conn, "reports", row)
                self.count("reports_added")
                continue
            newer = self.newer_wins("reports", here, row, ["mother_id", "day"], Kind.REPORT, day=row["day"])
            if newer is not None:
                self.count("reports_updated" if newer else "reports_kept")

    def reminders(self) -> None:
        for row in _dicts(self.source, "reminders"):
            row["mother_id"] = self.mother_of[row["mother_id"]]
            here = _one(
                self.conn, "SELECT * FROM reminders WHERE mother_id = ? AND slot = ?", [row["mother_id"], row["slot"]]
            )
            if here is None:
                _insert(self.conn, "reminders", row)
            else:
                self.newer_wins("reminders", here, row, ["mother_id", "slot"], Kind.REMINDER)

    def sessions(self) -> None:
        events: dict[int, list[dict[str, Any]]] = {}
        for event in _dicts(self.source, "session_events"):
            events.setdefault(event.pop("session_id"), []).append(event)
        for row in _dicts(self.source, "sessions"):
            theirs = row.pop("id")
            row["mother_id"] = self.mother_of[row["mother_id"]]
            here = self.find(row, "sessions", "started_at")
            if here is None:
                mine = _insert(self.conn, "sessions", row)
                self.count("sessions_added")
            else:
                mine = here["id"]  # a pre-UUID backup's massage found by its start keeps this one's UUID
                newer = self.newer_wins(
                    "sessions", here, {**row, "id": mine}, ["id"], Kind.MASSAGE, at=row["started_at"]
                )
                if not newer:
                    continue
                self.conn.execute("DELETE FROM session_events WHERE session_id = ?", [mine])
            for event in events.get(theirs, []):
                _insert(
                    self.conn, "session_events", {**{k: v for k, v in event.items() if k != "id"}, "session_id": mine}
                )

    def written_once(self) -> None:
        for table, when in _WRITTEN_ONCE.items():
            for row in _dicts(self.source, table):
                row.pop("id")
                row["mother_id"] = self.mother_of[row["mother_id"]]
                if self.find(row, table, when) is None:
                    _insert(self.conn, table, row)
                    self.count("teaching_added")

    def visits(self) -> None:
        for row in _dicts(self.source, "visits"):
            row.pop("id")
            row["mother_id"] = self.mother_of[row["mother_id"]]
            here = _one(self.conn, "SELECT * FROM visits WHERE uuid = ?", [row["uuid"]]) or _one(
                self.conn, "SELECT * FROM visits WHERE mother_id = ? AND visit = ?", [row["mother_id"], row["visit"]]
            )
            if here is None:
                _insert(self.conn, "visits", row)
                self.count("visits_added")
                continue
            # The record here keeps its identity (and row); its content is the newer edit's.
            theirs = {**row, "id": here["id"], "uuid": here["uuid"]}
            self.newer_wins("visits", here, theirs, ["id"], Kind.VISIT, ("done_on", "note", "undone_at"))

    def find(self, row: dict[str, Any], table: str, when: str) -> dict[str, Any] | None:
        """This device's copy of a record: by its UUID, else by its mother and its instant."""
        return _one(self.conn, f'SELECT * FROM "{table}" WHERE uuid = ?', [row["uuid"]]) or _one(
            self.conn, f'SELECT * FROM "{table}" WHERE mother_id = ? AND "{when}" = ?', [row["mother_id"], row[when]]
        )

    def newer_wins(
        self,
        table: str,
        here: dict[str, Any],
        theirs: dict[str, Any],
        key: list[str],
        kind: Kind,
        compared: tuple[str, ...] | None = None,
        *,
        day: str | None = None,
        at: str | None = None,
    ) -> bool | None:
        """Settle one record both have: None when they say the same; else True when the backup's
        edit was newer (it replaces this device's), False when this device's stays."""
        names = compared or tuple(name for name in here if name not in _STAMPS and name not in key and name != "uuid")
        if all(here[name] == theirs.get(name) for name in names):
            return None
        newer = str(theirs["updated_at"]) > str(here["updated_at"])
        if newer:
            changed = [*names, "updated_at"]
            self.conn.execute(
                f'UPDATE "{table}" SET '
                + ", ".join(f'"{name}" = ?' for name in changed)
                + " WHERE "
                + " AND ".join(f'"{name}" = ?' for name in key),
                [theirs[name] for name in changed] + [here[name] for name in key],
            )
        mother = here["id"] if table == "mothers" else here["mother_id"]
        self.differences.append(
            Difference(
                kind=kind,
                nickname=self.nickname(mother),
                from_backup=newer,
                day=None if day is None else date.fromisoformat(day),
                at=None if at is None else datetime.fromisoformat(at),
            )
        )
        return newer

    def drop_blank(self) -> None:
        """The blank mother a new device starts with, now that the backup brought real ones."""
        held = [
            t for t in backup.data_tables(self.live) if t != "mothers" and "mother_id" in backup.columns(self.live, t)
        ]
        self.conn.execute(
            "DELETE FROM mothers WHERE nickname IS NULL AND baby_birth_date IS NULL AND midwife_phone IS NULL "
            "AND facility_phone IS NULL AND mother_phone IS NULL AND family_phone IS NULL "
            "AND (SELECT count(*) FROM mothers) > 1 "
            + "".join(f'AND NOT EXISTS (SELECT 1 FROM "{t}" WHERE "{t}".mother_id = mothers.id) ' for t in held)
        )

    def result(self) -> Merged:
        return Merged(**self.counts, differences=tuple(self.differences))


def _lookalike(conn: sqlite3.Connection, row: dict[str, Any], taken: set[str]) -> dict[str, Any] | None:
    """The first mother added here with her nickname and birth date (not one already joined)."""
    if row["nickname"] is None and row["baby_birth_date"] is None:
        return None
    for here in _all(
        conn,
        "SELECT * FROM mothers WHERE nickname IS ? AND baby_birth_date IS ? ORDER BY seq",
        [row["nickname"], row["baby_birth_date"]],
    ):
        if here["id"] not in taken:
            return here
    return None


def _all(conn: sqlite3.Connection, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    cursor = conn.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _one(conn: sqlite3.Connection, sql: str, params: list[Any]) -> dict[str, Any] | None:
    rows = _all(conn, sql, params)
    return rows[0] if rows else None


def _ordered_mothers(db: Database) -> list[dict[str, Any]]:
    return sorted(_dicts(db, "mothers"), key=lambda row: row["seq"])


def _dicts(db: Database, table: str) -> list[dict[str, Any]]:
    names = backup.columns(db, table)
    select = ", ".join(f'"{name}"' for name in names)
    return [dict(zip(names, row)) for row in db.execute(f'SELECT {select} FROM "{table}" ORDER BY rowid').fetchall()]


def _insert(conn: sqlite3.Connection, table: str, row: dict[str, Any]) -> int:
    names = ", ".join(f'"{name}"' for name in row)
    marks = ", ".join("?" for _ in row)
    cursor = conn.execute(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', list(row.values()))
    return int(cursor.lastrowid or 0)
