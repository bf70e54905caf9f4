"""The midwife's visit: teach-back quiz attempts and skills checks, per mother."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from app.domain.quiz import Phase, QuizAttempt, clean_answers
from app.domain.skills import STEPS, Checked, SkillsCheck, Step, clean_name
from app.store.repositories.base import Repository, moment, utc_text


class TeachingRepository(Repository):
    """Quiz attempts (`quiz_results`) and skills checks (`skills_checks`), newest first."""

    def add_quiz(
        self, *, mother_id: int, phase: Phase, taken_at: datetime, score_pct: int, answers: dict[str, str]
    ) -> int:
        if not 0 <= score_pct <= 100:
            raise ValueError("score_pct must be 0-100")
        with self._write() as db:
            cursor = db.execute(
                "INSERT INTO quiz_results (mother_id, phase, taken_at, score_pct, answers) VALUES (?, ?, ?, ?, ?)",
                [
                    mother_id,
                    Phase(phase).value,
                    utc_text(taken_at),
                    score_pct,
                    json.dumps(clean_answers(answers), sort_keys=True),
                ],
            )
            assert cursor.lastrowid is not None
            return cursor.lastrowid

    def quizzes(self, mother_id: int, *, limit: int | None = None) -> list[QuizAttempt]:
        rows = self._rows(
            "SELECT id, mother_id, phase, taken_at, score_pct, answers FROM quiz_results WHERE mother_id = ? "
            "ORDER BY taken_at DESC, id DESC LIMIT ?",
            [mother_id, -1 if limit is None else limit],
        )
        return self._readable(rows, "id", _quiz)

    def add_skills(
        self,
        *,
        mother_id: int,
        checked_at: datetime,
        who: Checked,
        who_name: str | None,
        steps: dict[Step, bool],
        score_pct: int,
    ) -> int:
        if not 0 <= score_pct <= 100:
            raise ValueError("score_pct must be 0-100")
        ticks = {step.value: bool(steps.get(step, False)) for step in STEPS}
        with self._write() as db:
            cursor = db.execute(
                "INSERT INTO skills_checks (mother_id, checked_at, who, who_name, steps, score_pct) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                [
                    mother_id,
                    utc_text(checked_at),
                    Checked(who).value,
                    clean_name(who_name),
                    json.dumps(ticks),
                    score_pct,
                ],
            )
            assert cursor.lastrowid is not None
            return cursor.lastrowid

    def skills(self, mother_id: int, *, limit: int | None = None) -> list[SkillsCheck]:
        rows = self._rows(
            "SELECT id, mother_id, checked_at, who, who_name, steps, score_pct FROM skills_checks "
            "WHERE mother_id = ? ORDER BY checked_at DESC, id DESC LIMIT ?",
            [mother_id, -1 if limit is None else limit],
        )
        return self._readable(rows, "id", _skills)


def _quiz(row: dict[str, Any]) -> QuizAttempt:
    answers = json.loads(row["answers"])
    if not isinstance(answers, dict):
        raise TypeError("answers must be an object")
    taken = moment(row["taken_at"])
    assert taken is not None
    return QuizAttempt(
        id=row["id"],
        mother_id=row["mother_id"],
        phase=Phase(row["phase"]),
        taken_at=taken,
        score_pct=int(row["score_pct"]),
        answers={str(k): str(v) for k, v in answers.items()},
    )


def _skills(row: dict[str, Any]) -> SkillsCheck:
    steps = json.loads(row["steps"])
    if not isinstance(steps, dict):
        raise TypeError("steps must be an object")
    checked = moment(row["checked_at"])
    assert checked is not None
    return SkillsCheck(
        id=row["id"],
        mother_id=row["mother_id"],
        checked_at=checked,
        who=Checked(row["who"]),
        who_name=row["who_name"],
        steps={Step(k): bool(v) for k, v in steps.items()},
        score_pct=int(row["score_pct"]),
    )
