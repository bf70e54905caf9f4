"""The family's answers on the way to the first round (the massage's wizard): the safety check,
the preparation, her build and technique, the minutes. No Flet, no SQL."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from app.domain.protocol import (
    CONTRAINDICATIONS,
    DEFAULT_REST_MINUTES,
    DEFAULT_ROUND_MINUTES,
    TECHNIQUES_FOR_BUILD,
    Build,
    Contraindication,
    Plan,
    PrepItem,
    Technique,
)
from app.domain.safety import Stop


class SafetyAnswer(StrEnum):
    """An answer to one safety question. DOMAIN 3: "When in doubt: ask the midwife first", so
    "not sure" stops the massage just as "yes" does."""

    YES = "yes"
    NO = "no"
    NOT_SURE = "unsure"


@dataclass
class Wizard:
    """The family's answers on the way to the first round."""

    round_minutes: int = DEFAULT_ROUND_MINUTES
    rest_minutes: int = DEFAULT_REST_MINUTES
    demo: bool = False
    # A midwife's demonstration from the visit screen: demonstration speed, the "Why?" panels open,
    # large drawings, and back to the visit at the end.
    teaching: bool = False
    safety: dict[Contraindication, SafetyAnswer] = field(default_factory=dict)
    # After an operasi sesar (DOMAIN §3): the midwife's OK first. `caesarean` yes/no; when yes,
    # `caesarean_ok` is whether the midwife has said the massage is OK (yes / no / not sure).
    caesarean: SafetyAnswer | None = None
    caesarean_ok: SafetyAnswer | None = None
    # What her diary says about today (fever, feeling ill, open flags), read when the check opens,
    # and whether the midwife has said the massage is OK all the same.
    today: list[Stop] = field(default_factory=list)
    today_ok: bool = False
    prepared: set[PrepItem] = field(default_factory=set)
    build: Build | None = None
    technique: Technique | None = None
    # "Same as last time": her build, technique, minutes and rest as at her last massage; after the
    # safety check (asked every time) straight to "Where to massage" and Start.
    same_as_last: bool = False

    def answered(self, answer: SafetyAnswer) -> list[Contraindication]:
        """The questions given this answer, in the order they are asked."""
        return [code for code in CONTRAINDICATIONS if self.safety.get(code) is answer]

    def unsafe_reasons(self) -> list[Contraindication]:
        """Every "yes" and every "not sure": each one is a reason not to massage today."""
        return [
            code for code in CONTRAINDICATIONS if self.safety.get(code) in (SafetyAnswer.YES, SafetyAnswer.NOT_SURE)
        ]

    def questions_left(self) -> int:
        """The safety questions not answered yet, the operasi sesar ones included."""
        left = sum(1 for code in CONTRAINDICATIONS if code not in self.safety)
        left += self.caesarean is None
        left += self.caesarean is SafetyAnswer.YES and self.caesarean_ok is None
        return left

    @property
    def needs_caesarean_ok(self) -> bool:
        """After an operasi sesar without the midwife's OK (not given, or not sure): not yet."""
        return self.caesarean is SafetyAnswer.YES and self.caesarean_ok in (SafetyAnswer.NO, SafetyAnswer.NOT_SURE)

    @property
    def stopped_today(self) -> bool:
        """Her diary says not today, and the midwife has not said it is OK all the same."""
        return bool(self.today) and not self.today_ok

    def safe_to_start(self) -> bool:
        return (
            not self.stopped_today
            and self.questions_left() == 0
            and not self.unsafe_reasons()
            and not self.needs_caesarean_ok
        )

    def choose_build(self, build: Build) -> None:
        self.build = build
        options = TECHNIQUES_FOR_BUILD[build]
        if self.technique not in options:
            self.technique = options[0]

    def plan(self) -> Plan:
        return Plan.demonstration() if self.demo else Plan.standard(self.round_minutes, self.rest_minutes)
