"""The skills checklist: the midwife watches the husband (or another family member) do the massage
and ticks each step done correctly (DOMAIN §5b, the steps of §2-3). Codes only; the UI words them.

The score is the share of steps done right, in whole percent; the steps not yet right are listed
for the next visit, in the order they are done. A check saved with the first checklist (seven steps,
"pressure" on its own) is judged on the steps it was asked, never on ones added since.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from uuid import UUID


class Step(StrEnum):
    # DOMAIN §5b, in the order the massage is done.
    SAFETY = "safety"  # 1. asks the safety questions, stops for any "yes" or "not sure"
    HANDS = "hands"  # 2. washes hands, warms and oils them
    POSITION = "position"  # 3. seats her leaning forward, back bare, towel on her lap, privacy
    LANDMARK = "landmark"  # 4. finds the bra line and the shoulder blades' upper edge, 1-2 fingers beside the spine
    TECHNIQUE = "technique"  # 5. the hand shape for her build
    PRESSURE = "pressure"  # the first checklist's own step; now part of CIRCLES ("gentle pressure")
    CIRCLES = "circles"  # 6. small circles from inside outward, both sides at once, moving up, gentle
    ASKS_PAIN = "asks_pain"  # 7. asks about pain and lightens or stops
    DURATION = "duration"  # 8. keeps time (3-5 minutes x 3)
    ENDING = "ending"  # 9. wipes the oil off with the warm washcloth, dries her; suggests breastfeeding


# The checklist the midwife ticks today (DOMAIN §5b): nine steps.
STEPS: tuple[Step, ...] = tuple(step for step in Step if step is not Step.PRESSURE)


class Checked(StrEnum):
    """Who did the massage while the midwife watched."""

    HUSBAND = "husband"
    FAMILY = "family"  # another family member


NAME_MAX_CHARS = 60


@dataclass(frozen=True)
class SkillsResult:
    done: frozenset[Step]
    asked: tuple[Step, ...] = STEPS  # the checklist the check was made with

    @property
    def right(self) -> int:
        return len(self.done & set(self.asked))

    @property
    def total(self) -> int:
        return len(self.asked)

    @property
    def percent(self) -> int:
        """Whole percent, rounded half up (5 of 7 is 71)."""
        return (self.right * 200 + self.total) // (self.total * 2)

    @property
    def not_yet(self) -> list[Step]:
        """The steps to practise before next time, in the order they are done."""
        return [step for step in self.asked if step not in self.done]


def result(ticks: Mapping[str, bool]) -> SkillsResult:
    """The result of a check from {step code: done right}; unknown codes are ignored."""
    done = set()
    for code, ok in ticks.items():
        try:
            step = Step(code)
        except ValueError:
            continue
        if ok is True:
            done.add(step)
    return SkillsResult(frozenset(done))


def clean_name(name: str | None) -> str | None:
    """The optional name as typed, trimmed and shortened; None when empty."""
    text = " ".join((name or "").split())[:NAME_MAX_CHARS]
    return text or None


@dataclass(frozen=True)
class SkillsCheck:
    """One stored check: who was watched, when (aware UTC), and each step's tick."""

    uuid: UUID  # its identity (a merge matches checks by it)
    mother_id: UUID
    checked_at: datetime
    who: Checked
    who_name: str | None
    steps: dict[Step, bool]
    score_pct: int

    @property
    def result(self) -> SkillsResult:
        """Judged on the steps this check was asked (the first checklist's seven, or today's nine)."""
        asked = tuple(step for step in Step if step in self.steps)
        return SkillsResult(result({step.value: ok for step, ok in self.steps.items()}).done, asked or STEPS)
