"""The midwife's month across every mother on the device (archived ones too: the work was done),
each kind of record in one query, whatever the number of mothers: the KF visits done, the quiz
attempts, the skills checks, and the daily reports of the month with her baby's birth date."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from app.domain.quiz import QuizAttempt
from app.domain.recap import DoneVisitRow, ReportRow
from app.domain.report import DailyReport
from app.domain.skills import SkillsCheck
from app.domain.visits import Visit
from app.store.repositories.base import Repository, utc_text, uuid_text
from app.store.repositories.diary import report_from_row
from app.store.repositories.teaching import quiz_from_row, skills_from_row

_REPORT_COLUMNS = ", ".join(f"r.{name}" for name in DailyReport.model_fields)


def _born(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)


class RecapRepository(Repository):
    """Every mother's records of a span of days (or of instants): one query per kind."""

    def visits_done(self, first: date, last: date) -> list[DoneVisitRow]:
        """The KF visits marked done (not undone) from `first` to `last`, both included."""
        rows = self._rows(
            "SELECT v.uuid, v.mother_id, v.visit, v.done_on, m.baby_birth_date FROM visits AS v "
            "JOIN mothers AS m ON m.id = v.mother_id "
            "WHERE v.undone_at IS NULL AND v.done_on >= ? AND v.done_on <= ? ORDER BY v.done_on",
            [first.isoformat(), last.isoformat()],
        )
        return self._readable(
            rows,
            "uuid",
            lambda row: DoneVisitRow(
                uuid_text(row["mother_id"]),
                Visit(row["visit"]),
                date.fromisoformat(row["done_on"]),
                _born(row["baby_birth_date"]),
            ),
        )

    def quizzes(self, since: datetime, before: datetime) -> list[QuizAttempt]:
        """The quiz attempts taken from `since` (included) to `before` (not included)."""
        rows = self._rows(
            "SELECT uuid, mother_id, phase, taken_at, score_pct, answers FROM quiz_results "
            "WHERE taken_at >= ? AND taken_at < ? ORDER BY taken_at, id",
            [utc_text(since), utc_text(before)],
        )
        return self._readable(rows, "uuid", quiz_from_row)

    def skills(self, since: datetime, before: datetime) -> list[SkillsCheck]:
        """The skills checks made from `since` (included) to `before` (not included)."""
        rows = self._rows(
            "SELECT uuid, mother_id, checked_at, who, who_name, steps, score_pct FROM skills_checks "
            "WHERE checked_at >= ? AND checked_at < ? ORDER BY checked_at, id",
            [utc_text(since), utc_text(before)],
        )
        return self._readable(rows, "uuid", skills_from_row)

    def reports(self, first: date, last: date) -> list[ReportRow]:
        """Every mother's daily reports of the days from `first` to `last`, both included."""
        rows = self._rows(
            f"SELECT r.mother_id AS mother_id, m.baby_birth_date AS born, {_REPORT_COLUMNS} FROM reports AS r "
            "JOIN mothers AS m ON m.id = r.mother_id WHERE r.day >= ? AND r.day <= ? ORDER BY r.day",
            [first.isoformat(), last.isoformat()],
        )
        return self._readable(rows, "day", _report_row)


def _report_row(row: dict[str, Any]) -> ReportRow:
    mother_id, born = row.pop("mother_id"), row.pop("born")
    return ReportRow(uuid_text(mother_id), report_from_row(row), _born(born))
