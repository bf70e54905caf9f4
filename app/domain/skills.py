"""The skills checklist: the midwife watches the husband (or another family member) do the massage
and ticks each step done correctly (DOMAIN §2). Codes only; the UI words them from §2.

The score is the share of steps done right, in whole percent; the steps not yet right are listed
for the next visit, in the order they are done.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from uuid import UUID


class Step(StrEnum):
    POSITION = "position"  # §2 Position: sitting, leaning forward, arms folded on the table
    LANDMARK = "landmark"  # §2 Landmarks: C7, both sides of the spine down to ribs 5-6
    TECHNIQUE = "technique"  # §2 Technique by body build: fists / thumbs / index-finger backs
    PRESSURE = "pressure"  # §2: gentle pressure that must not hurt or bruise
    CIRCLES = "circles"  # §2: small circles, both sides at once, from inside outward, slowly
    DURATION = "duration"  # §2 Timing: 3-5 minutes per round, 3 rounds
    ENDING = "ending"  # §2 Ending: wipe the oil off with the warm wet washcloth, dry with a towel


STEPS: tuple[Step, ...] = tuple(Step)


class Checked(StrEnum):
    """Who did the massage while the midwife watched."""

    HUSBAND = "husband"
    FAMILY = "family"  # another family member


NAME_MAX_CHARS = 60


@dataclass(frozen=True)
class SkillsResult:
    done: frozenset[Step]

    @property
    def right(self) -> int:
        return len(self.done)

    @property
    def total(self) -> int:
        return len(STEPS)

    @property
    def percent(self) -> int:
        """Whole percent, rounded half up (5 of 7 is 71)."""
        return (self.right * 200 + self.total) // (self.total * 2)

    @property
    def not_yet(self) -> list[Step]:
        """The steps to practise before next time, in the order they are done."""
        return [step for step in STEPS if step not in self.done]


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
        return result({step.value: ok for step, ok in self.steps.items()})
