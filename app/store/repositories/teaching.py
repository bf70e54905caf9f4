"""The midwife's visit: one mother's teach-back quiz attempts and skills checks."""

from __future__ import annotations

import json
import uuid
from datetime import datetime
from typing import Any

from app.domain.quiz import Phase, QuizAttempt, clean_answers
from app.domain.skills import STEPS, Checked, SkillsCheck, Step, clean_name
from app.store.repositories.base import MotherRepository, moment, utc_text, uuid_text


class TeachingRepository(MotherRepository):
    """Her family's quiz attempts (`quiz_results`) and skills checks (`skills_checks`), newest
    first. Each is written once and never changed; each gets a random UUID, its identity."""

    def add_quiz(self, *, phase: Phase, taken_at: datetime, score_pct: int, answers: dict[str, str]) -> uuid.UUID:
        if not 0 <= score_pct <= 100:
            raise ValueError("score_pct must be 0-100")
        identity = uuid.uuid4()
        with self._write() as db:
            db.execute(
                "INSERT INTO quiz_results (uuid, mother_id, phase, taken_at, score_pct, answers) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                [
                    str(identity),
                    self.mother_key,
                    Phase(phase).value,
                    utc_text(taken_at),
                    score_pct,
                    json.dumps(clean_answers(answers), sort_keys=True),
                ],
            )
        return identity

    def quizzes(self, *, limit: int | None = None) -> list[QuizAttempt]:
        rows = self._rows(
            "SELECT uuid, mother_id, phase, taken_at, score_pct, answers FROM quiz_results WHERE mother_id = ? "
            "ORDER BY taken_at DESC, id DESC LIMIT ?",
            [self.mother_key, -1 if limit is None else limit],
        )
        return self._readable(rows, "uuid", quiz_from_row)

    def add_skills(
        self,
        *,
        checked_at: datetime,
        who: Checked,
        who_name: str | None,
        steps: dict[Step, bool],
        score_pct: int,
    ) -> uuid.UUID:
        if not 0 <= score_pct <= 100:
            raise ValueError("score_pct must be 0-100")
        ticks = {step.value: bool(steps.get(step, False)) for step in STEPS}
        identity = uuid.uuid4()
        with self._write() as db:
            db.execute(
                "INSERT INTO skills_checks (uuid, mother_id, checked_at, who, who_name, steps, score_pct) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    str(identity),
                    self.mother_key,
                    utc_text(checked_at),
                    Checked(who).value,
                    clean_name(who_name),
                    json.dumps(ticks),
                    score_pct,
                ],
            )
        return identity

    def skills(self, *, limit: int | None = None) -> list[SkillsCheck]:
        rows = self._rows(
            "SELECT uuid, mother_id, checked_at, who, who_name, steps, score_pct FROM skills_checks "
            "WHERE mother_id = ? ORDER BY checked_at DESC, id DESC LIMIT ?",
            [self.mother_key, -1 if limit is None else limit],
        )
        return self._readable(rows, "uuid", skills_from_row)


def quiz_from_row(row: dict[str, Any]) -> QuizAttempt:
    answers = json.loads(row["answers"])
    if not isinstance(answers, dict):
        raise TypeError("answers must be an object")
    taken = moment(row["taken_at"])
    assert taken is not None
    return QuizAttempt(
        uuid=uuid_text(row["uuid"]),
        mother_id=uuid_text(row["mother_id"]),
        phase=Phase(row["phase"]),
        taken_at=taken,
        score_pct=int(row["score_pct"]),
        answers={str(k): str(v) for k, v in answers.items()},
    )


def skills_from_row(row: dict[str, Any]) -> SkillsCheck:
    steps = json.loads(row["steps"])
    if not isinstance(steps, dict):
        raise TypeError("steps must be an object")
    checked = moment(row["checked_at"])
    assert checked is not None
    return SkillsCheck(
        uuid=uuid_text(row["uuid"]),
        mother_id=uuid_text(row["mother_id"]),
        checked_at=checked,
        who=Checked(row["who"]),
        who_name=row["who_name"],
        steps={Step(k): bool(v) for k, v in steps.items()},
        score_pct=int(row["score_pct"]),
    )
