"""The massage protocol as data: what to prepare, who must not be massaged, technique and timing.

Every value here traces to DOMAIN.md, the project's domain brief (kept beside the repository as
../shared/DOMAIN.md), sections 1-3, or a seed it names; the UI turns these codes into words, so
nothing here is user-facing text.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

# DOMAIN 2 "Timing", seed 000: 3-5 minutes per round, 3 rounds; the family picks 3, 4 or 5.
ROUND_MINUTES_CHOICES: tuple[int, ...] = (3, 4, 5)
DEFAULT_ROUND_MINUTES = 3
ROUNDS = 3
# DOMAIN 2: seed 004 pauses 2-3 min after 5 min of massage; the app defaults to 1 min, 0-3 allowed.
REST_MINUTES_CHOICES: tuple[int, ...] = (0, 1, 2, 3)
DEFAULT_REST_MINUTES = 1
# Not from a source: a short run-through so a family (or a reviewer) sees the whole flow quickly.
DEMO_ROUND_S = 20
DEMO_REST_S = 5
# A warning this long before a round ends lets the husband finish the circle he is making.
LAST_SECONDS_CUE = 10


class Build(StrEnum):
    """The mother's body build, which decides the hand shape (DOMAIN 2, seed 000)."""

    HEAVIER = "heavier"  # gemuk
    SLIM_NORMAL = "slim_normal"


class Technique(StrEnum):
    FISTS = "fists"  # telapak tangan mengepal (no thumb direction: DOMAIN §2)
    THUMBS = "thumbs"  # jempol / ibu jari kiri dan kanan
    INDEX_BACKS = "index_backs"  # punggung telunjuk kiri dan kanan


# Seed 000 (the design source): fists for a heavier mother; thumbs or index-finger backs otherwise.
TECHNIQUES_FOR_BUILD: dict[Build, tuple[Technique, ...]] = {
    Build.HEAVIER: (Technique.FISTS,),
    Build.SLIM_NORMAL: (Technique.THUMBS, Technique.INDEX_BACKS),
}


class Contraindication(StrEnum):
    """DOMAIN 3 "Do not massage" ([S2], seed 002, [S7]), one yes/no question each.

    Any "yes" means no massage today and a word with the midwife (bidan).
    """

    FEVER_ILL = "fever_ill"  # fever / feeling ill
    BACK_SKIN = "back_skin"  # wound, rash, skin infection, bruise or lump on the back
    BLEEDING = "bleeding"  # blood-clotting disorder or blood-thinning medicine
    BACK_INJURY = "back_injury"  # back or spine injury
    PREGNANT = "pregnant"  # still pregnant: massage may trigger contractions ([S7])


# Display order: most common first, as the DOMAIN 3 list is written.
CONTRAINDICATIONS: tuple[Contraindication, ...] = tuple(Contraindication)


class PrepItem(StrEnum):
    """DOMAIN 2 "Preparation" (SOP sources [S1], [S2])."""

    CHAIR_TABLE = "chair_table"
    PILLOW = "pillow"
    TOWELS = "towels"  # 1-2; one on her lap catches milk that may drip
    WASHCLOTH = "washcloth"  # washlap, to wipe the oil off at the end
    WARM_WATER = "warm_water"  # a basin (waskom) of warm water
    OIL = "oil"  # baby oil or massage oil
    COVER_CLOTH = "cover_cloth"  # to cover the mother
    PRIVACY = "privacy"
    # Washed here; warmed and oiled only once she is seated, just before the massage (landmarks step).
    CLEAN_HANDS = "clean_hands"


PREPARATION_ITEMS: tuple[PrepItem, ...] = tuple(PrepItem)


class PhaseKind(StrEnum):
    ROUND = "round"
    REST = "rest"


@dataclass(frozen=True)
class Phase:
    """One stretch of the session's timeline, in seconds from its start (pauses excluded)."""

    kind: PhaseKind
    number: int  # 1-based round number; a rest carries the number of the round it follows
    start_s: float
    end_s: float

    @property
    def length_s(self) -> float:
        return self.end_s - self.start_s


@dataclass(frozen=True)
class Plan:
    """How long each round and rest lasts. Build the usual ones with standard()/demonstration()."""

    round_s: int
    rest_s: int
    rounds: int = ROUNDS
    demo: bool = False

    def __post_init__(self) -> None:
        # Plans also come back from saved snapshots, so even a direct construction is checked.
        if self.round_s <= 0 or self.rest_s < 0 or self.rounds < 1:
            raise ValueError(f"invalid plan: {self!r}")

    @classmethod
    def standard(
        cls,
        round_minutes: int = DEFAULT_ROUND_MINUTES,
        rest_minutes: int = DEFAULT_REST_MINUTES,
    ) -> Plan:
        # Only the lengths DOMAIN 2 allows: a family cannot pick a round outside the sources.
        if round_minutes not in ROUND_MINUTES_CHOICES:
            raise ValueError(f"round_minutes must be one of {ROUND_MINUTES_CHOICES}")
        if rest_minutes not in REST_MINUTES_CHOICES:
            raise ValueError(f"rest_minutes must be one of {REST_MINUTES_CHOICES}")
        return cls(round_s=int(round_minutes) * 60, rest_s=int(rest_minutes) * 60)

    @classmethod
    def demonstration(cls) -> Plan:
        return cls(round_s=DEMO_ROUND_S, rest_s=DEMO_REST_S, demo=True)

    def phases(self) -> tuple[Phase, ...]:
        """Round 1, rest 1, round 2, ... round N: no rest after the last round, none of length 0."""
        out: list[Phase] = []
        t = 0
        for number in range(1, self.rounds + 1):
            out.append(Phase(PhaseKind.ROUND, number, float(t), float(t + self.round_s)))
            t += self.round_s
            if number < self.rounds and self.rest_s > 0:
                out.append(Phase(PhaseKind.REST, number, float(t), float(t + self.rest_s)))
                t += self.rest_s
        return tuple(out)

    @property
    def total_s(self) -> int:
        return self.rounds * self.round_s + (self.rounds - 1) * self.rest_s

    def phase_index_at(self, position_s: float) -> int | None:
        """The phase holding this timeline position; a boundary belongs to the phase it starts.

        None at or past the end (and before 0, which no session reaches).
        """
        if position_s < 0:
            return None
        for index, phase in enumerate(self.phases()):
            if position_s < phase.end_s:
                return index
        return None
