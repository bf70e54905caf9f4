"""The teach-back quiz: the ten questions of DOMAIN section 5 as multiple choice, and its score.

Codes only (the UI words them, one explanation per question). Every right answer is the DOMAIN §5
answer; every wrong option is a plausible mix-up taken from another DOMAIN fact (the other end
of the zone, the hormone that makes milk, the hormone that blocks let-down...), never a piece of
advice of our own. The options are shuffled per attempt with a seed, so a test (and a reload of
the same attempt) sees the same order.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from uuid import UUID


class Phase(StrEnum):
    """When the quiz was taken: before the midwife teaches, or after."""

    BEFORE = "before"
    AFTER = "after"


class Question(StrEnum):
    WHERE = "where"  # §5.1
    START = "start"  # §5.2 (attempts saved before asked "landmark": the top landmark)
    HAND_SHAPE = "hand_shape"  # §5.3
    HOW_LONG = "how_long"  # §5.4
    POSITION = "position"  # §5.5
    WHEN_NOT = "when_not"  # §5.6
    IF_IT_HURTS = "if_it_hurts"  # §5.7
    RED_BREAST = "red_breast"  # §5.8
    HORMONE = "hormone"  # §5.9
    HOW_OFTEN = "how_often"  # §5.10


@dataclass(frozen=True)
class Item:
    """One question, its right option and every option (in the order written, before shuffling)."""

    question: Question
    answer: str
    options: tuple[str, ...]


# Option codes are "<question>.<option>"; the first one of each tuple is the DOMAIN §5 answer.
ITEMS: tuple[Item, ...] = (
    # §5.1 / §1: "Both sides of the spine, from the level of ribs 5-6 (bra line) up to the upper edge
    # of the shoulder blades". Wrong: the same zone the other way (down), the breasts (where milk comes
    # out, not where the massage is), on the spine itself (§2: "1-2 finger-widths from it").
    Item(
        Question.WHERE,
        "where.spine_sides",
        ("where.spine_sides", "where.spine_down", "where.breasts", "where.on_the_bones"),
    ),
    # §5.2 / §2: "Where does each stroke start? At the bra line (ribs 5-6), and it moves up."
    # Wrong: the other end (the shoulder blades, moving down), the bone at the base of the neck (a
    # landmark for the spine's line, not massaged: §2), the lowest ribs (below the zone).
    Item(
        Question.START,
        "start.bra_line",
        ("start.bra_line", "start.shoulder_blades", "start.neck_bone", "start.lowest_ribs"),
    ),
    # §5.3 / §2 Technique by body build (seed 000).
    # Wrong: the two shapes swapped; one shape for every build.
    Item(
        Question.HAND_SHAPE,
        "hand_shape.by_build",
        ("hand_shape.by_build", "hand_shape.swapped", "hand_shape.fists_for_all"),
    ),
    # §5.4 / §2 Timing (seed 000): "3-5 minutes per round, repeated 3 times".
    # Wrong: the rest's length as a round (§2: "default rest 1 minute"), one round only, ten rounds.
    Item(
        Question.HOW_LONG,
        "how_long.3_5_min_3_rounds",
        ("how_long.3_5_min_3_rounds", "how_long.1_min_once", "how_long.3_5_min_10_rounds"),
    ),
    # §5.5 / §2 Position.
    # Wrong: lying on her back (the back must be free), standing with her bra on (§2: "takes off top and bra").
    Item(
        Question.POSITION,
        "position.lean_forward",
        ("position.lean_forward", "position.lying_on_back", "position.standing_bra_on"),
    ),
    # §5.6 / §3 Do not massage.
    # Wrong: milk not flowing well yet and the first days after birth are exactly when it is done
    # (§2: "from the first postpartum days"); after a feed is not a reason in DOMAIN.
    Item(
        Question.WHEN_NOT,
        "when_not.contraindications",
        ("when_not.contraindications", "when_not.milk_not_flowing", "when_not.first_days"),
    ),
    # §5.7 / §3: "Stop at once if it hurts; pressure that is too strong causes pain".
    # Wrong: press harder, carry on to the end of the round.
    Item(
        Question.IF_IT_HURTS,
        "if_it_hurts.stop_lighter",
        ("if_it_hurts.stop_lighter", "if_it_hurts.press_harder", "if_it_hurts.carry_on"),
    ),
    # §5.8 / §3 Red flags: "mastitis: keep breastfeeding, contact the midwife today".
    # Wrong: stop breastfeeding (DOMAIN says keep), wait and see, massage more instead.
    Item(
        Question.RED_BREAST,
        "red_breast.keep_feeding_call",
        ("red_breast.keep_feeding_call", "red_breast.stop_feeding", "red_breast.wait", "red_breast.massage_more"),
    ),
    # §5.9 / §1: oxytocin lets milk out; prolactin makes it; adrenaline blocks let-down.
    Item(Question.HORMONE, "hormone.oxytocin", ("hormone.oxytocin", "hormone.prolactin", "hormone.adrenaline")),
    # §5.10 / §2: "morning and evening (pagi dan sore)".
    # Wrong: once a week, only when the milk does not come.
    Item(
        Question.HOW_OFTEN,
        "how_often.morning_evening",
        ("how_often.morning_evening", "how_often.once_a_week", "how_often.only_if_no_milk"),
    ),
)
QUESTIONS: tuple[Question, ...] = tuple(item.question for item in ITEMS)
_BY_QUESTION = {item.question: item for item in ITEMS}


def item(question: Question | str) -> Item:
    return _BY_QUESTION[Question(question)]


def shuffled_options(question: Question | str, seed: int) -> list[str]:
    """The question's options in this attempt's order (the same seed, the same order)."""
    found = item(question)
    options = list(found.options)
    random.Random(f"{seed}:{found.question.value}").shuffle(options)
    return options


def is_right(question: Question | str, option: str) -> bool:
    return item(question).answer == option


@dataclass(frozen=True)
class QuizScore:
    right: int
    total: int

    @property
    def percent(self) -> int:
        """Whole percent, rounded half up (7 of 10 is 70; 2 of 3 would be 67)."""
        return (self.right * 200 + self.total) // (self.total * 2) if self.total else 0


def score(answers: Mapping[str, str]) -> QuizScore:
    """The score of an attempt over all ten questions: an unanswered question counts as wrong.

    `answers` maps question codes to option codes; unknown codes count as wrong, never raise.
    """
    right = sum(1 for q in QUESTIONS if answers.get(q.value) == _BY_QUESTION[q].answer)
    return QuizScore(right=right, total=len(QUESTIONS))


def clean_answers(answers: Mapping[str, str]) -> dict[str, str]:
    """Only the answers that name a known question and one of its options (what gets stored)."""
    out: dict[str, str] = {}
    for code, option in answers.items():
        try:
            q = Question(code)
        except ValueError:
            continue
        if option in _BY_QUESTION[q].options:
            out[q.value] = option
    return out


@dataclass(frozen=True)
class QuizAttempt:
    """One stored attempt: when (aware UTC), before or after teaching, its score and answers."""

    uuid: UUID  # its identity (a merge matches attempts by it)
    mother_id: UUID
    phase: Phase
    taken_at: datetime
    score_pct: int
    answers: dict[str, str] = field(default_factory=dict)


def question_results(attempt: QuizAttempt | None) -> dict[Question, bool | None]:
    """Each question's result in an attempt: right, wrong, or None (no attempt, or not answered:
    an attempt of the first quiz never answered a question asked since)."""
    given = {} if attempt is None else attempt.answers
    return {q: (given[q.value] == _BY_QUESTION[q].answer if q.value in given else None) for q in QUESTIONS}
