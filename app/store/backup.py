"""A backup of everything the app keeps, as one versioned JSON file with a SHA-256 checksum, and
its all-or-nothing restore.

The file:

    {"format": "pijat-oksitosin-backup", "version": 2, "sha256": "<hex>", "payload": {
        "created_at": "<UTC ISO>", "schema": ["m001_initial", ...],
        "tables": {"reports": {"columns": [...], "rows": [[...], ...]}, ...},
        "files": {"halfway.wav": "<base64>", ...}}}

`files` (optional) carries the midwife's own recordings of the prompts; the caller says which
names and contents it accepts.

Version 2 carries identities: every mother's UUID (`mothers.id`, and `mother_id` in each of her
records) and each massage's, quiz attempt's and skills check's (`uuid`), so a merge knows who is
who (merge.py). A version 1 file (made before migration m007_identity) still restores: loading
brings it up to date with the same migrations a phone runs, which give its mothers and records
UUIDs derived from the file's checksum (the same ones at every load of that file). Such a file
is `legacy`: its mothers have no identity of their own, so a merge asks before joining any of
them to a mother here.

`sha256` is the hash of the payload written canonically (sorted keys, no spaces, UTF-8), so any
change to the payload, or a file cut short, is caught before anything is read into the diary.
A file laid out as `export` writes it is checked on its bytes and read in short pieces, so other
visitors' pages keep answering while a 30 MB backup is checked (backup_split.py).
`schema` names the migrations the rows were written under: a backup from an older version of
the app is loaded at its own schema and brought up to date by the same migrations a phone runs;
one from a newer version is refused.

Restore never touches the diary until the whole file has been checked: it is loaded into a
private in-memory database, every row must be readable by this version's models, foreign keys
must hold, and only then are the rows written in one transaction (all of them or none).
Nothing from the file reaches SQL text: table and column names must be the schema's own, and
values are bound as parameters.
"""

from __future__ import annotations

import base64
import hashlib
import json
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any

from sqlite_utils import Database

from app.config import MAX_BACKUP_BYTES
from app.domain.plausible import Implausible
from app.store import backup_split
from app.store.identity_migration import derived_uuids
from app.store.migrations import migrations
from app.store.repositories.base import utc_text

FORMAT = "pijat-oksitosin-backup"
VERSION = 2
# The format versions this code reads, and the migration that made identities (version 2 on).
READS = (1, 2)
IDENTITY_MIGRATION = "m007_identity"
MAX_TEXT = 100_000  # characters in one value (a note is far shorter)
_MIGRATIONS_TABLE = migrations.migrations_table
_VALUE_TYPES = (str, int, float, type(None))
B64_PIECE = 256 * 1024  # base64 letters decoded in one call: a multiple of 4


class BackupError(Exception):
    """A file that cannot be restored; `code` says why, the UI says it in words. Never carries
    the file's content, except `record`: the kind and day of the first record no form would have
    accepted, for the message she reads (never for a log)."""

    def __init__(self, code: BackupProblem, record: Implausible | None = None) -> None:
        super().__init__(code.value)
        self.code = code
        self.record = record


class BackupProblem(StrEnum):
    TOO_LARGE = "too_large"
    MALFORMED = "malformed"  # not JSON, cut short, or not the expected shape
    NOT_A_BACKUP = "not_a_backup"  # JSON, but not this app's backup
    WRONG_VERSION = "wrong_version"  # a backup format this version does not know
    NEWER_APP = "newer_app"  # written by a newer version of the app (unknown schema)
    WRONG_CHECKSUM = "wrong_checksum"  # changed or damaged since it was made
    INVALID_CONTENT = "invalid_content"  # rows this version cannot read, or broken links
    IMPLAUSIBLE = "implausible"  # a value no form accepts (a birth in year 1, a day after the backup)


@dataclass(frozen=True)
class Backup:
    """A checked backup, loaded into a private in-memory database at the current schema, and its
    files."""

    db: Database
    created_at: str
    counts: dict[str, int]
    files: dict[str, bytes]
    # Made before mothers had UUIDs (format 1): its mothers' identities were derived at loading,
    # so a mother here that looks like one of them may be the same woman (a merge asks).
    legacy: bool = False


def canonical(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode()


def data_tables(db: Database) -> list[str]:
    """The app's own tables, every table after the tables its foreign keys point at (a table
    rebuilt by a migration is newer in sqlite_master than its children)."""
    rows = db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name != ? ORDER BY name",
        [_MIGRATIONS_TABLE],
    ).fetchall()
    names = [name for (name,) in rows]
    parents = {
        name: {row[2] for row in db.execute(f'PRAGMA foreign_key_list("{name}")').fetchall()} - {name} for name in names
    }
    ordered: list[str] = []
    while len(ordered) < len(names):
        ready = [name for name in names if name not in ordered and parents[name] <= set(ordered)]
        if not ready:  # a cycle: cannot happen in this schema; keep the rest as they are
            ready = [name for name in names if name not in ordered]
        ordered.extend(ready)
    return ordered


def columns(db: Database, table: str) -> list[str]:
    return [row[1] for row in db.execute(f'PRAGMA table_info("{table}")').fetchall()]


def dump(db: Database) -> dict[str, dict[str, Any]]:
    """Every row of every table, in primary-key order, as {table: {columns, rows}}."""
    tables: dict[str, dict[str, Any]] = {}
    for table in data_tables(db):
        names = columns(db, table)
        order = ", ".join(f'"{name}"' for name in _primary_key(db, table)) or "rowid"
        select = ", ".join(f'"{name}"' for name in names)
        rows = db.execute(f'SELECT {select} FROM "{table}" ORDER BY {order}').fetchall()
        tables[table] = {"columns": names, "rows": rows}  # tuples: JSON arrays, as lists would be
    return tables


def export(db: Database, *, at: datetime, files: dict[str, bytes] | None = None) -> bytes:
    """The backup file's bytes (UTF-8 JSON). The format follows the schema: version 2 with the
    identities (the app's own files), version 1 for a database of the schema before them (how
    tests make the files an older release wrote)."""
    schema = [m.name for m in migrations.applied(db)]
    payload: dict[str, Any] = {"created_at": utc_text(at), "schema": schema, "tables": dump(db)}
    if files:
        payload["files"] = {name: base64.b64encode(data).decode("ascii") for name, data in sorted(files.items())}
    body = canonical(payload)
    # canonical() of the whole document, without writing the payload a second time: its keys in
    # sorted order (format, payload, sha256, version) around the payload's bytes.
    checksum = hashlib.sha256(body).hexdigest()
    return b"".join(
        (
            b'{"format":',
            canonical(FORMAT),
            b',"payload":',
            body,
            b',"sha256":',
            canonical(checksum),
            b',"version":',
            canonical(VERSION if IDENTITY_MIGRATION in schema else 1),
            b"}",
        )
    )


def load(
    data: bytes,
    *,
    readable: Callable[[Database], bool],
    file_ok: Callable[[str, bytes], bool] = lambda name, data: False,
    plausible: Callable[[Database, date], Implausible | None] = lambda db, made: None,
    today: date | None = None,
) -> Backup:
    """Check a backup file and load it into a private in-memory database at the current schema.

    `readable(db)` tells whether this version's repositories read every row of it (the store
    passes its own check); `file_ok(name, data)` whether a file it carries is one the app takes
    (by default none: a backup with files is refused); `plausible(db, made)` the first record no
    form would have accepted by the day the backup was made (or `today`, the device's UTC day,
    if that is earlier: a file from a phone whose clock ran ahead brings no future days). Raises
    BackupError; the live diary is not involved at all.
    """
    if len(data) > MAX_BACKUP_BYTES:
        raise BackupError(BackupProblem.TOO_LARGE)
    # The app's own layout is read in short calls, its sum checked on its bytes (backup_split.py);
    # any other file the general way below, with the same result.
    split = backup_split.read(data, _parse)
    document, raw_files = split if split is not None else (_parse(data), None)
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise BackupError(BackupProblem.NOT_A_BACKUP)
    version = document.get("version")
    if version not in READS or isinstance(version, bool):
        raise BackupError(BackupProblem.WRONG_VERSION)
    payload, checksum = document.get("payload"), document.get("sha256")
    if not isinstance(payload, dict) or not isinstance(checksum, str):
        raise BackupError(BackupProblem.MALFORMED)
    if split is None:
        try:
            body = canonical(payload)
        except ValueError as exc:  # NaN or infinity smuggled in as a number
            raise BackupError(BackupProblem.MALFORMED) from exc
        if hashlib.sha256(body).hexdigest() != checksum:
            raise BackupError(BackupProblem.WRONG_CHECKSUM)
    elif raw_files is not None:
        payload["files"] = raw_files  # cut out before parsing: base64 text, as bytes
    schema, tables, created_at = payload.get("schema"), payload.get("tables"), payload.get("created_at")
    if not (isinstance(schema, list) and isinstance(tables, dict) and isinstance(created_at, str)):
        raise BackupError(BackupProblem.MALFORMED)
    legacy = IDENTITY_MIGRATION not in schema
    if legacy != (version == 1):  # a format 2 file always has identities, a format 1 file never
        raise BackupError(BackupProblem.MALFORMED)
    made = min(_made_day(created_at), today or datetime.now(UTC).date())
    files = _files(payload.get("files", {}), file_ok)
    db = _database_at(schema)
    try:
        counts = _insert_all(db, tables)
        problems = db.execute("PRAGMA foreign_key_check").fetchall()
        if problems:
            raise BackupError(BackupProblem.INVALID_CONTENT)
        # An older backup's rows, brought up to this version's schema; identities it lacks are
        # derived from its checksum, so this file gives the same ones at every load.
        with derived_uuids(checksum):
            migrations.apply(db)
        if not readable(db):
            raise BackupError(BackupProblem.INVALID_CONTENT)
        bad = plausible(db, made)
        if bad is not None:
            raise BackupError(BackupProblem.IMPLAUSIBLE, bad)
    except sqlite3.Error as exc:  # a NOT NULL or type the schema refuses
        db.close()
        raise BackupError(BackupProblem.INVALID_CONTENT) from exc
    except BaseException:
        db.close()
        raise
    return Backup(db=db, created_at=created_at, counts=counts, files=files, legacy=legacy)


def replace_all(conn: sqlite3.Connection, source: Database) -> None:
    """Inside the caller's write transaction: every data table emptied, then filled from
    `source` (a loaded backup at the same schema). Children are emptied first, parents filled
    first, so foreign keys hold at every step."""
    live = Database(conn)
    tables = data_tables(live)
    for table in reversed(tables):
        conn.execute(f'DELETE FROM "{table}"')
    for table in tables:
        names = columns(live, table)
        select = ", ".join(f'"{name}"' for name in names)
        rows = source.execute(f'SELECT {select} FROM "{table}"').fetchall()
        marks = ", ".join("?" for _ in names)
        conn.executemany(f'INSERT INTO "{table}" ({select}) VALUES ({marks})', rows)


def _files(files: Any, file_ok: Callable[[str, bytes], bool]) -> dict[str, bytes]:
    if not isinstance(files, dict):
        raise BackupError(BackupProblem.MALFORMED)
    out: dict[str, bytes] = {}
    for name, text in files.items():
        if not isinstance(text, str | bytes):  # bytes: cut out of the file (backup_split.py)
            raise BackupError(BackupProblem.MALFORMED)
        try:
            content = _base64(text.encode("ascii") if isinstance(text, str) else text)
        except (ValueError, UnicodeEncodeError) as exc:
            raise BackupError(BackupProblem.MALFORMED) from exc
        if not file_ok(name, content):
            raise BackupError(BackupProblem.INVALID_CONTENT)
        out[name] = content
    return out


def _base64(text: bytes) -> bytes:
    """Strict base64 decoded in short calls (a recording's 2 MB in one would keep other visitors
    waiting; see backup_split.py). Padding only at the very end, as in one call."""
    if b"=" in text[:-2]:
        raise ValueError("padding before the end")
    return b"".join(base64.b64decode(text[at : at + B64_PIECE], validate=True) for at in range(0, len(text), B64_PIECE))


def _parse(data: bytes) -> Any:
    try:
        return json.loads(data.decode("utf-8"), parse_constant=_refuse_constant, object_pairs_hook=_unique_keys)
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise BackupError(BackupProblem.MALFORMED) from exc


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object, refused when a key comes twice: which one was meant cannot be known (two
    "reports" would otherwise keep the last silently)."""
    found = dict(pairs)
    if len(found) != len(pairs):
        raise ValueError("a key comes twice in one object")
    return found


def _made_day(created_at: str) -> date:
    """The (UTC) day the backup was made; a time that is not one is a damaged file."""
    try:
        return datetime.fromisoformat(created_at).date()
    except ValueError as exc:
        raise BackupError(BackupProblem.MALFORMED) from exc


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number a backup can hold")


def _database_at(schema: list[Any]) -> Database:
    """A new in-memory database with exactly the migrations `schema` names (a prefix of ours)."""
    known = [m.name for m in migrations.pending(Database(memory=True))]
    if not all(isinstance(name, str) for name in schema):
        raise BackupError(BackupProblem.MALFORMED)
    if any(name not in known for name in schema):
        raise BackupError(BackupProblem.NEWER_APP)
    if schema != known[: len(schema)]:
        raise BackupError(BackupProblem.MALFORMED)
    db = Database(memory=True)
    db.execute("PRAGMA foreign_keys = ON")
    later = known[len(schema) :]
    migrations.apply(db, stop_before=later[0] if later else None)
    # Rows a migration seeds (m004's first mother) are the backup's to give, not the schema's.
    for table in reversed(data_tables(db)):
        db.execute(f'DELETE FROM "{table}"')
    return db


def _insert_all(db: Database, tables: dict[str, Any]) -> dict[str, int]:
    own = data_tables(db)
    if set(tables) - set(own):
        raise BackupError(BackupProblem.INVALID_CONTENT)
    counts: dict[str, int] = {}
    for table in own:  # the schema's order: parents first
        content = tables.get(table, {"columns": columns(db, table), "rows": []})
        if not isinstance(content, dict):
            raise BackupError(BackupProblem.MALFORMED)
        names, rows = content.get("columns"), content.get("rows")
        if not isinstance(names, list) or not isinstance(rows, list):
            raise BackupError(BackupProblem.MALFORMED)
        if len(set(map(str, names))) != len(names) or not set(names) <= set(columns(db, table)):
            raise BackupError(BackupProblem.INVALID_CONTENT)
        select = ", ".join(f'"{name}"' for name in names)
        marks = ", ".join("?" for _ in names)
        db.conn.executemany(f'INSERT INTO "{table}" ({select}) VALUES ({marks})', _checked(rows, len(names)))
        counts[table] = len(rows)
    return counts


def _checked(rows: Iterable[Any], width: int) -> Iterable[list[Any]]:
    for row in rows:
        if not isinstance(row, list) or len(row) != width:
            raise BackupError(BackupProblem.MALFORMED)
        for value in row:
            # bool is an int in Python; the export never writes true/false.
            if not isinstance(value, _VALUE_TYPES) or isinstance(value, bool):
                raise BackupError(BackupProblem.MALFORMED)
            if isinstance(value, str) and len(value) > MAX_TEXT:
                raise BackupError(BackupProblem.INVALID_CONTENT)
            if isinstance(value, int) and not -(2**63) <= value < 2**63:
                raise BackupError(BackupProblem.INVALID_CONTENT)
        yield row


def _primary_key(db: Database, table: str) -> list[str]:
    info = db.execute(f'PRAGMA table_info("{table}")').fetchall()
    return [row[1] for row in sorted(info, key=lambda r: r[5]) if row[5]]
