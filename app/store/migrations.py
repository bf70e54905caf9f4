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


@migrations()
def m005_teaching(db: Database) -> None:
    # The midwife's visit (issue 9): the teach-back quiz and the skills check, one row per attempt.
    # `mother_id` names the mother the family belongs to (the mothers table of m004; no foreign
    # key here, the link is added where both exist). Times are UTC text as elsewhere.
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
    )
    db["skills_checks"].create_index(["mother_id", "checked_at"])
