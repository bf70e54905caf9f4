"""The schema, as an append-only list of migrations applied by `open_store`.

Never edit or reorder a migration that has shipped: phones in the field already ran it, and a
changed function would leave their files different from a fresh install. To change the schema,
append a new function below the last one, named with the next number:

    @migrations()
    def m002_diary(db: Database) -> None:
        db["diary_entries"].create({...}, pk="id")

Each migration runs in its own transaction together with the record of it having been applied
(sqlite-utils `Migrations.apply`), so a crash mid-upgrade leaves the file at the previous version.
Then add a repository module in repositories/ and wire it up in `Store.__init__` (db.py).
"""

# `db["name"]` is typed Table | View; a migration only ever creates tables. Silenced for the
# file rather than by editing migrations that have shipped.
# mypy: disable-error-code="union-attr"

from __future__ import annotations

from datetime import UTC, datetime

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from app.store import identity_migration, visits_migration

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


@migrations()
def m002_diary(db: Database) -> None:
    # The family profile: one row, id 1, written by ProfileRepository only.
    db["profile"].create(
        {"id": int, "mother_name": str, "baby_birth_date": str, "updated_at": str},
        pk="id",
        not_null=["baby_birth_date", "updated_at"],
    )

    # One report per day, so the ISO date is the key: its index serves lookups by day, date
    # ranges and "newest first" for a history of years. Every DailyReport field is a column so
    # trends can be read without unpacking JSON; only the yes/no signs are JSON
    # ({sign_code: bool}, answered questions only).
    db["reports"].create(
        {
            "day": str,
            "flow": str,
            "signs": str,
            "feeds_24h": int,
            "wet_diapers": int,
            "expressed_ml": int,
            # Local time as the mother entered it, never converted: she saw colostrum at 05:00
            # at home, whatever the phone's timezone is later.
            "colostrum_first_seen": str,
            "breast_pain": int,
            "breast_redness": int,
            "breast_hard_swollen": int,
            "nipples_cracked": int,
            "fever": int,
            "temperature_c": float,
            "mood": int,
            "note": str,
            "created_at": str,
            "updated_at": str,
        },
        pk="day",
        not_null=[
            "flow",
            "signs",
            "breast_pain",
            "breast_redness",
            "breast_hard_swollen",
            "nipples_cracked",
            "fever",
            "note",
            "created_at",
            "updated_at",
        ],
    )

    # Half-filled forms, as the text fields held them (JSON of {field: text}), so closing the app
    # mid-report loses nothing.
    db["drafts"].create(
        {"key": str, "data": str, "updated_at": str},
        pk="key",
        not_null=["data", "updated_at"],
    )


@migrations()
def m003_danger_signs(db: Database) -> None:
    # DOMAIN section 3 questions on the baby and the breasts: yes/no, NULL = not answered (rows
    # written before this migration answered none of them).
    for column in (
        "baby_sleepy_yellow",
        "dark_urine",
        "black_stools",
        "breast_very_painful",
        "flu_like",
        "nipple_pain",
    ):
        db["reports"].add_column(column, int)
    # The mother's own danger signs, like `signs`: JSON {code: bool} of the answered questions.
    db["reports"].add_column("mother_signs", str, not_null_default="{}")
    # Whom to call: as the family typed them, NULL = not given.
    db["profile"].add_column("midwife_phone", str)
    db["profile"].add_column("facility_phone", str)


# The columns every report has had since m003, in the order of the table m003 left.
_M004_REPORT_COLUMNS = (
    "day, flow, signs, feeds_24h, wet_diapers, expressed_ml, colostrum_first_seen, breast_pain, "
    "breast_redness, breast_hard_swollen, nipples_cracked, fever, temperature_c, mood, note, "
    "created_at, updated_at, baby_sleepy_yellow, dark_urine, black_stools, breast_very_painful, "
    "flu_like, nipple_pain, mother_signs"
)
_M004_SESSION_COLUMNS = (
    "id, started_at, updated_at, ended_at, demo, round_s, rest_s, rounds_planned, build, technique, "
    "status, snapshot, rounds_done, massaged_s, comfort, letdown"
)


@migrations()
def m004_mothers(db: Database) -> None:
    """Several mothers on one device (a midwife's, a kader's): every record belongs to one mother.

    The one profile becomes mother 1, and every report, session and draft is hers. A device
    always has mother 1 after this, even a new one or one whose family never gave a birth date
    (then her birth date is NULL until the profile form is saved), so the one-family app keeps
    working without ever seeing a list. Mothers are archived, never deleted (archived_at).

    Tables whose key changes are rebuilt under a new name, copied with their ids, and renamed,
    inside this migration's transaction. Foreign keys stay on during it (a PRAGMA cannot change
    inside a transaction), so `sessions`, which session_events points at, is rebuilt with its
    events set aside and put back after: no row is ever without its parent.
    """
    db.execute(
        """CREATE TABLE mothers (
            id INTEGER PRIMARY KEY,
            nickname TEXT,
            baby_birth_date TEXT,
            midwife_phone TEXT,
            facility_phone TEXT,
            archived_at TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )"""
    )
    # utc_text's format (repositories.base), computed here so the migration stands alone.
    now = datetime.now(UTC).isoformat(timespec="microseconds")
    db.execute(
        """INSERT INTO mothers (id, nickname, baby_birth_date, midwife_phone, facility_phone,
                                archived_at, created_at, updated_at)
           SELECT 1, p.mother_name, p.baby_birth_date, p.midwife_phone, p.facility_phone, NULL,
                  COALESCE(p.updated_at, (SELECT min(created_at) FROM reports),
                           (SELECT min(started_at) FROM sessions), ?),
                  COALESCE(p.updated_at, ?)
           FROM (SELECT 1) LEFT JOIN (SELECT * FROM profile ORDER BY id LIMIT 1) AS p""",
        [now, now],
    )
    db.execute("DROP TABLE profile")

    # One report per mother and day: the key (mother_id, day) is the index every diary query
    # uses (a day, a range, newest first).
    db.execute(
        """CREATE TABLE reports_m004 (
            mother_id INTEGER NOT NULL REFERENCES mothers(id),
            day TEXT NOT NULL,
            flow TEXT NOT NULL,
            signs TEXT NOT NULL,
            feeds_24h INTEGER,
            wet_diapers INTEGER,
            expressed_ml INTEGER,
            colostrum_first_seen TEXT,
            breast_pain INTEGER NOT NULL,
            breast_redness INTEGER NOT NULL,
            breast_hard_swollen INTEGER NOT NULL,
            nipples_cracked INTEGER NOT NULL,
            fever INTEGER NOT NULL,
            temperature_c REAL,
            mood INTEGER,
            note TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            baby_sleepy_yellow INTEGER,
            dark_urine INTEGER,
            black_stools INTEGER,
            breast_very_painful INTEGER,
            flu_like INTEGER,
            nipple_pain INTEGER,
            mother_signs TEXT NOT NULL DEFAULT '{}',
            PRIMARY KEY (mother_id, day)
        )"""
    )
    db.execute(
        f"INSERT INTO reports_m004 (mother_id, {_M004_REPORT_COLUMNS}) SELECT 1, {_M004_REPORT_COLUMNS} FROM reports"
    )
    db.execute("DROP TABLE reports")
    db.execute("ALTER TABLE reports_m004 RENAME TO reports")

    db.execute(
        """CREATE TABLE drafts_m004 (
            mother_id INTEGER NOT NULL REFERENCES mothers(id),
            key TEXT NOT NULL,
            data TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (mother_id, key)
        )"""
    )
    db.execute("INSERT INTO drafts_m004 (mother_id, key, data, updated_at) SELECT 1, key, data, updated_at FROM drafts")
    db.execute("DROP TABLE drafts")
    db.execute("ALTER TABLE drafts_m004 RENAME TO drafts")

    # Demonstrations stay rows of mother 1 like the rest (demo = 1 keeps them out of her
    # diary, as before).
    db.execute(
        """CREATE TABLE sessions_m004 (
            id INTEGER PRIMARY KEY,
            mother_id INTEGER NOT NULL REFERENCES mothers(id),
            started_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            ended_at TEXT,
            demo INTEGER NOT NULL,
            round_s INTEGER NOT NULL,
            rest_s INTEGER NOT NULL,
            rounds_planned INTEGER NOT NULL,
            build TEXT,
            technique TEXT,
            status TEXT NOT NULL,
            snapshot TEXT NOT NULL,
            rounds_done INTEGER NOT NULL,
            massaged_s REAL NOT NULL,
            comfort INTEGER,
            letdown INTEGER
        )"""
    )
    db.execute(
        f"INSERT INTO sessions_m004 (mother_id, {_M004_SESSION_COLUMNS}) "
        f"SELECT 1, {_M004_SESSION_COLUMNS} FROM sessions"
    )
    db.execute("CREATE TABLE session_events_m004 AS SELECT * FROM session_events")
    db.execute("DROP TABLE session_events")
    db.execute("DROP TABLE sessions")
    db.execute("ALTER TABLE sessions_m004 RENAME TO sessions")
    db.execute(
        """CREATE TABLE session_events (
            id INTEGER PRIMARY KEY,
            session_id INTEGER NOT NULL REFERENCES sessions(id),
            at TEXT NOT NULL,
            kind TEXT NOT NULL,
            position_s REAL NOT NULL
        )"""
    )
    db.execute(
        "INSERT INTO session_events (id, session_id, at, kind, position_s) "
        "SELECT id, session_id, at, kind, position_s FROM session_events_m004"
    )
    db.execute("DROP TABLE session_events_m004")
    # A mother's sessions by time (history, today, the last massage in the mothers list), and
    # an event log by session.
    db.execute("CREATE INDEX idx_sessions_mother_started ON sessions (mother_id, started_at)")
    db.execute("CREATE INDEX idx_session_events_session_id ON session_events (session_id)")


@migrations()
def m005_teaching(db: Database) -> None:
    # The midwife's visit (issue 9): the teach-back quiz and the skills check, one row per attempt.
    # `mother_id` names the mother the family belongs to (m004's mothers). Times are UTC text as
    # elsewhere.
    db["quiz_results"].create(
        {
            "id": int,
            "mother_id": int,
            "phase": str,  # "before" / "after" teaching
            "taken_at": str,
            "score_pct": int,
            # {question code: option code}, the answers given (unanswered questions absent)
            "answers": str,
        },
        pk="id",
        not_null=["mother_id", "phase", "taken_at", "score_pct", "answers"],
        foreign_keys=[("mother_id", "mothers", "id")],
    )
    db["quiz_results"].create_index(["mother_id", "taken_at"])
    db["skills_checks"].create(
        {
            "id": int,
            "mother_id": int,
            "checked_at": str,
            "who": str,  # "husband" / "family"
            "who_name": str,  # optional, as typed
            # {step code: done right}, every step of the checklist
            "steps": str,
            "score_pct": int,
        },
        pk="id",
        not_null=["mother_id", "checked_at", "who", "steps", "score_pct"],
        foreign_keys=[("mother_id", "mothers", "id")],
    )
    db["skills_checks"].create_index(["mother_id", "checked_at"])


@migrations()
def m006_newborn_danger_signs(db: Database) -> None:
    # The newborn's danger signs (DOMAIN §3, [S26]) behind one question: `baby_danger` yes/no (NULL =
    # not answered), `baby_signs` JSON {code: bool} of the ones ticked, like `mother_signs`; and
    # `baby_yellow`, yellow skin or eyes (NULL = not answered). Rows written before answered none.
    db["reports"].add_column("baby_danger", int)
    db["reports"].add_column("baby_signs", str, not_null_default="{}")
    db["reports"].add_column("baby_yellow", int)


@migrations()
def m007_identity(db: Database) -> None:
    # A mother's UUID in place of her row id everywhere, a UUID for each massage, quiz attempt and
    # skills check, and the reminders in a table of their own (issue 21). The body is long enough
    # for a module of its own; it is as frozen as this file once shipped. Numbered 7: it follows
    # m006_newborn_danger_signs, written at the same time on another branch (its rebuild of
    # `reports` copies whatever columns the table has).
    identity_migration.m007_identity(db)


@migrations()
def m008_visits(db: Database) -> None:
    # The KF visits a midwife marked done (issue 23): one row per mother and visit (KF1-KF4).
    # Two devices can each mark one, so it has a UUID of its own; a merge matches it by UUID, else
    # by its mother and visit, and keeps the newer edit. Undoing one keeps the row with
    # `undone_at` set (and its note cleared), so the undo is an edit a merge carries too. Days
    # are ISO dates, times UTC text as elsewhere.
    visits_migration.create_visits(db)  # its body in a module of its own, as frozen as this file


@migrations()
def m009_kept_on_list(db: Database) -> None:
    # A mother past day 42 leaves the active list by herself (issue 23); `kept_at` is when a
    # midwife brought her back (kept her on it), NULL when she did not (or undid it).
    db["mothers"].add_column("kept_at", str)


@migrations()
def m010_family_phones(db: Database) -> None:
    # Her own phone and her husband's or family's (issue 23): the midwife calls them from the
    # mothers list and the visit. Kept as typed, like the midwife's and the facility's numbers.
    db["mothers"].add_column("mother_phone", str)
    db["mothers"].add_column("family_phone", str)
