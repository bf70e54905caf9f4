"""The body of migration m007_identity (registered in migrations.py): a mother becomes one identity.

Until m005 a mother was her row id, an integer the next mother got again after a delete, and that
every other device also had. After this migration:

- `mothers.id` is her UUID (text, 36 characters): random for a mother made on this device, never
  changed, never reused. Every table that holds her records (`reports`, `drafts`, `sessions`,
  `quiz_results`, `skills_checks`, `reminders`) names her by it in `mother_id`, so each record
  carries her identity through a backup, a restore, a merge and an export.
- `mothers.seq` keeps the order the mothers were added to this device (her old row id, then the
  next number): it orders the list and names a mother without a nickname yet ("Mother 2"). It is
  no identity: a merge gives an arriving mother the next number of the device she arrives on.
- A massage, a quiz attempt and a skills check have their own UUID (`uuid`), by which a merge
  matches them; their integer `id` stays this file's handle (the events of a massage point at it)
  and never leaves the device as an identity.
- A daily report keeps (mother, day) as its key: there is one report per mother and day, and two
  devices that each wrote her 3 March wrote the same report, so the newer edit wins. A UUID per
  report would only let two rows for one day disagree.
- Reminders leave the settings (`reminder_morning`, `reminder_morning:<id>`) for a table of their
  own, keyed by (mother, slot) for the same reason.

Like every shipped migration this code is frozen once released: phones in the field ran it.

The tables are rebuilt under new names and renamed (the "12 steps" of SQLite's ALTER TABLE page),
inside the migration's transaction with foreign keys on, so every row always has its parent:
events of the massages are set aside and put back. The columns are read from the table as it is
(never a list written here), so a column another migration added to reports comes along.

Which UUIDs the existing rows get is `new_uuid`'s choice: random (uuid4) on a device. A backup
file from before this migration is brought up to date with the same code; there the UUIDs are
derived from the file's checksum (`derived_uuids`), so loading the same file twice (to preview it,
then to merge it; or a second merge) gives its mothers and records the same identities again.
"""

# `db["name"]` is typed Table | View; a migration only ever creates tables.
# mypy: disable-error-code="union-attr"

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime

from sqlite_utils import Database

UUID_LENGTH = 36  # str(uuid.UUID): 8-4-4-4-12 hex digits, lower case
# Derived identities of a pre-UUID backup: uuid5 of (this namespace, checksum, table, old id).
LEGACY_NAMESPACE = uuid.UUID("0b6f4a52-5d1e-4c64-9a43-4a5f0d6c2e17")
_seed: ContextVar[str | None] = ContextVar("identity_seed", default=None)
# Tables whose rows get a UUID of their own, and what their rows are matched by besides it.
OWN_UUID = ("sessions", "quiz_results", "skills_checks")
# Tables of one mother's records, in the order they are rebuilt.
HERS = ("reports", "drafts", "sessions", "quiz_results", "skills_checks")
SLOTS = ("morning", "evening")


@contextmanager
def derived_uuids(seed: str) -> Iterator[None]:
    """Within this block, m007 derives the UUIDs it gives from `seed` (a backup's checksum)."""
    token = _seed.set(seed)
    try:
        yield
    finally:
        _seed.reset(token)


def new_uuid(table: str, old_id: object) -> str:
    """The UUID m007 gives the row `old_id` of `table`: random, unless derived (see above)."""
    seed = _seed.get()
    if seed is None:
        return str(uuid.uuid4())
    return str(uuid.uuid5(LEGACY_NAMESPACE, f"{seed}/{table}/{old_id}"))


def m007_identity(db: Database) -> None:
    conn = db.conn
    conn.create_function("m007_uuid", 2, new_uuid)
    # Old row id -> new UUID of every mother, for the copies below.
    conn.execute("CREATE TEMP TABLE m007_ids (old INTEGER PRIMARY KEY, new TEXT NOT NULL UNIQUE)")
    conn.execute("INSERT INTO m007_ids (old, new) SELECT id, m007_uuid('mothers', id) FROM mothers")
    conn.execute(
        f"""CREATE TABLE mothers_m007 (
            id TEXT PRIMARY KEY CHECK (length(id) = {UUID_LENGTH}),
            seq INTEGER NOT NULL UNIQUE,
            nickname TEXT,
            baby_birth_date TEXT,
            midwife_phone TEXT,
            facility_phone TEXT,
            archived_at TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )"""
    )
    conn.execute(
        "INSERT INTO mothers_m007 (id, seq, nickname, baby_birth_date, midwife_phone, facility_phone, "
        "archived_at, created_at, updated_at) SELECT i.new, m.id, m.nickname, m.baby_birth_date, "
        "m.midwife_phone, m.facility_phone, m.archived_at, m.created_at, m.updated_at "
        "FROM mothers AS m JOIN m007_ids AS i ON i.old = m.id"
    )
    for table in HERS:
        _rebuild(conn, table)
    # The events, set aside while their sessions are rebuilt (see m004).
    conn.execute("CREATE TEMP TABLE m007_events AS SELECT * FROM session_events")
    conn.execute("DROP TABLE session_events")
    for table in reversed(HERS):
        conn.execute(f'DROP TABLE "{table}"')
    _reminders(conn)  # reads the old ids: before they go
    conn.execute("DROP TABLE mothers")
    # Renaming the new mothers turns her children's references to mothers_m007 into `mothers`.
    conn.execute("ALTER TABLE mothers_m007 RENAME TO mothers")
    for table in HERS:
        conn.execute(f'ALTER TABLE "{table}_m007" RENAME TO "{table}"')
    conn.execute(
        """CREATE TABLE session_events (
            id INTEGER PRIMARY KEY,
            session_id INTEGER NOT NULL REFERENCES sessions(id),
            at TEXT NOT NULL,
            kind TEXT NOT NULL,
            position_s REAL NOT NULL
        )"""
    )
    conn.execute(
        "INSERT INTO session_events (id, session_id, at, kind, position_s) "
        "SELECT id, session_id, at, kind, position_s FROM m007_events"
    )
    # The indexes m004 and m005 made, gone with their tables.
    conn.execute("CREATE INDEX idx_sessions_mother_started ON sessions (mother_id, started_at)")
    conn.execute("CREATE INDEX idx_session_events_session_id ON session_events (session_id)")
    conn.execute("CREATE INDEX idx_quiz_results_mother_id_taken_at ON quiz_results (mother_id, taken_at)")
    conn.execute("CREATE INDEX idx_skills_checks_mother_id_checked_at ON skills_checks (mother_id, checked_at)")
    # The mother last chosen on this device (a setting): her row id becomes her UUID.
    conn.execute(
        "UPDATE settings SET value = (SELECT new FROM m007_ids WHERE CAST(old AS TEXT) = settings.value) "
        "WHERE key = 'mother'"
    )
    conn.execute("DELETE FROM settings WHERE key = 'mother' AND value IS NULL")
    conn.execute("DROP TABLE m007_events")
    conn.execute("DROP TABLE m007_ids")


def _rebuild(conn: sqlite3.Connection, table: str) -> None:
    """`table` copied as `<table>_m007` with `mother_id` as her UUID (and a `uuid` of each row's
    own where the table is in OWN_UUID), every other column as it was declared."""
    info = conn.execute(f'PRAGMA table_info("{table}")').fetchall()  # cid, name, type, notnull, dflt, pk
    keys = [row[1] for row in sorted(info, key=lambda r: r[5]) if row[5]]
    columns: list[str] = []
    for _cid, name, kind, notnull, default, pk in info:
        if name == "mother_id":
            columns.append('"mother_id" TEXT NOT NULL REFERENCES mothers_m007(id)')
        elif pk and keys == [name]:
            columns.append(f'"{name}" {kind} PRIMARY KEY')
        else:
            columns.append(
                f'"{name}" {kind}'
                + (" NOT NULL" if notnull else "")
                + (f" DEFAULT {default}" if default is not None else "")
            )
        if name == "id" and table in OWN_UUID:
            columns.append(f'"uuid" TEXT NOT NULL UNIQUE CHECK (length(uuid) = {UUID_LENGTH})')
    if len(keys) > 1:
        columns.append("PRIMARY KEY (" + ", ".join(f'"{key}"' for key in keys) + ")")
    conn.execute(f'CREATE TABLE "{table}_m007" (' + ", ".join(columns) + ")")
    names = [row[1] for row in info]
    target = [*names, *(["uuid"] if table in OWN_UUID else [])]
    source = ["i.new" if name == "mother_id" else f't."{name}"' for name in names] + (
        [f"m007_uuid('{table}', t.id)"] if table in OWN_UUID else []
    )
    conn.execute(
        f'INSERT INTO "{table}_m007" (' + ", ".join(f'"{name}"' for name in target) + ") "
        f'SELECT {", ".join(source)} FROM "{table}" AS t JOIN m007_ids AS i ON i.old = t.mother_id'
    )


def _reminders(conn: sqlite3.Connection) -> None:
    """The reminder times, from the settings to a table of their own. The one-family app kept
    mother 1's as `reminder_<slot>`, a midwife's device others' as `reminder_<slot>:<id>`."""
    conn.execute(
        f"""CREATE TABLE reminders (
            mother_id TEXT NOT NULL REFERENCES mothers_m007(id),
            slot TEXT NOT NULL CHECK (slot IN ({", ".join(f"'{slot}'" for slot in SLOTS)})),
            at_time TEXT NOT NULL CHECK (at_time GLOB '[0-2][0-9]:[0-5][0-9]'),
            updated_at TEXT NOT NULL,
            PRIMARY KEY (mother_id, slot)
        )"""
    )
    now = datetime.now(UTC).isoformat(timespec="microseconds")
    for slot in SLOTS:
        # Her details' time dates the reminder, so a backup brought up to date twice gives the
        # same row (a merge of it then changes nothing).
        conn.execute(
            "INSERT INTO reminders (mother_id, slot, at_time, updated_at) "
            "SELECT i.new, ?, s.value, COALESCE(m.updated_at, ?) FROM settings AS s "
            "JOIN m007_ids AS i ON i.old = CASE WHEN s.key = ? THEN 1 "
            "ELSE CAST(substr(s.key, length(?) + 1) AS INTEGER) END "
            "JOIN mothers AS m ON m.id = i.old "
            "WHERE (s.key = ? OR s.key GLOB ? || '[0-9]*') AND s.value GLOB '[0-2][0-9]:[0-5][0-9]'",
            [slot, now, f"reminder_{slot}", f"reminder_{slot}:", f"reminder_{slot}", f"reminder_{slot}:"],
        )
        conn.execute(
            "DELETE FROM settings WHERE key = ? OR key GLOB ? || '*'", [f"reminder_{slot}", f"reminder_{slot}:"]
        )
