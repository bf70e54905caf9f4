"""The midwife's visit between the screens and the domain/store: the teach-back quiz and the skills
check of one mother's family. No Flet here; codes and numbers only (the UI owns the words).
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from dataclasses import dataclass

from app.domain.clock import Clock
from app.domain.mothers import FIRST_MOTHER_ID
from app.domain.quiz import Phase, QuizAttempt, QuizScore, clean_answers, score
from app.domain.skills import STEPS, Checked, SkillsCheck, SkillsResult, Step, result
from app.store.db import Store


def current_mother_id(app: object | None = None) -> int:
    """The mother whose family is being taught: the visitor's chosen mother (the first one without
    a visitor). Every quiz, skills check and visit summary asks here."""
    return int(getattr(app, "mother_id", FIRST_MOTHER_ID))


@dataclass(frozen=True)
class QuizPair:
    """The latest attempt before teaching and the latest after, for "before -> after" side by side."""

    before: QuizAttempt | None
    after: QuizAttempt | None


def new_seed() -> int:
    """A fresh shuffle for a new attempt (kept by the screen for the whole attempt)."""
    return secrets.randbelow(2**31)


class TeachingService:
    def __init__(self, store: Store, clock: Clock) -> None:
        self.store = store
        self.clock = clock

    # -- quiz ------------------------------------------------------------------------------------
    def save_quiz(self, mother_id: int, phase: Phase | str, answers: Mapping[str, str]) -> QuizScore:
        given = clean_answers(answers)
        found = score(given)
        self.store.teaching.add_quiz(
            mother_id=mother_id, phase=Phase(phase), taken_at=self.clock.wall(), score_pct=found.percent, answers=given
        )
        return found

    def quiz_pair(self, mother_id: int) -> QuizPair:
        attempts = self.store.teaching.quizzes(mother_id)  # newest first
        before = next((a for a in attempts if a.phase is Phase.BEFORE), None)
        after = next((a for a in attempts if a.phase is Phase.AFTER), None)
        return QuizPair(before=before, after=after)

    # -- skills ----------------------------------------------------------------------------------
    def save_skills(
        self, mother_id: int, who: Checked | str, who_name: str | None, ticks: Mapping[str, bool]
    ) -> SkillsResult:
        found = result(ticks)
        self.store.teaching.add_skills(
            mother_id=mother_id,
            checked_at=self.clock.wall(),
            who=Checked(who),
            who_name=who_name,
            steps={step: step in found.done for step in STEPS},
            score_pct=found.percent,
        )
        return found

    def last_skills(self, mother_id: int) -> SkillsCheck | None:
        found = self.store.teaching.skills(mother_id, limit=1)
        return found[0] if found else None


__all__ = ["Checked", "Phase", "QuizPair", "Step", "TeachingService", "current_mother_id", "new_seed"]
