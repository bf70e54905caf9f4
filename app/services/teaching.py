"""The midwife's visit between the screens and the domain/store: the teach-back quiz and the skills
check of one mother's family. No Flet here; codes and numbers only (the UI owns the words).
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from app.domain.clock import Clock
from app.domain.quiz import Phase, QuizAttempt, QuizScore, clean_answers, score
from app.domain.skills import STEPS, Checked, SkillsCheck, SkillsResult, Step, result
from app.store.db import Store


@dataclass(frozen=True)
class QuizPair:
    """The latest attempt before teaching and the latest after, for "before -> after" side by side."""

    before: QuizAttempt | None
    after: QuizAttempt | None


def new_seed() -> int:
    """A fresh shuffle for a new attempt (kept by the screen for the whole attempt)."""
    return secrets.randbelow(2**31)


def _nothing() -> None:
    pass


class TeachingService:
    """One mother's family taught: `store` is her view (`Store.mother(uuid)`), so every attempt
    and check is hers. `changed` is called after each write (the visitor's screens redraw)."""

    def __init__(self, store: Store, clock: Clock, *, changed: Callable[[], None] = _nothing) -> None:
        self.store = store
        self.clock = clock
        self._changed = changed

    # -- quiz ------------------------------------------------------------------------------------
    def save_quiz(self, phase: Phase | str, answers: Mapping[str, str]) -> QuizScore:
        given = clean_answers(answers)
        found = score(given)
        self.store.teaching.add_quiz(
            phase=Phase(phase), taken_at=self.clock.wall(), score_pct=found.percent, answers=given
        )
        self._changed()
        return found

    def quiz_pair(self) -> QuizPair:
        attempts = self.store.teaching.quizzes()  # newest first
        before = next((a for a in attempts if a.phase is Phase.BEFORE), None)
        after = next((a for a in attempts if a.phase is Phase.AFTER), None)
        return QuizPair(before=before, after=after)

    # -- skills ----------------------------------------------------------------------------------
    def save_skills(self, who: Checked | str, who_name: str | None, ticks: Mapping[str, bool]) -> SkillsResult:
        found = result(ticks)
        self.store.teaching.add_skills(
            checked_at=self.clock.wall(),
            who=Checked(who),
            who_name=who_name,
            steps={step: step in found.done for step in STEPS},
            score_pct=found.percent,
        )
        self._changed()
        return found

    def last_skills(self) -> SkillsCheck | None:
        found = self.store.teaching.skills(limit=1)
        return found[0] if found else None


__all__ = ["Checked", "Phase", "QuizPair", "Step", "TeachingService", "new_seed"]
