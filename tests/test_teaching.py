"""The teach-back quiz and the skills checklist: scoring (pure), storage per mother (real SQLite)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from uuid import uuid4

import pytest

from app.domain.clock import FakeClock
from app.domain.quiz import ITEMS, QUESTIONS, Phase, Question, clean_answers, is_right, score, shuffled_options
from app.domain.skills import STEPS, Checked, SkillsCheck, Step, clean_name, result
from app.services.teaching import TeachingService
from app.store.db import Store, connect, open_store
from app.store.migrations import migrations

RIGHT = {item.question.value: item.answer for item in ITEMS}


def wrong(question: Question) -> str:
    found = next(i for i in ITEMS if i.question is question)
    return next(o for o in found.options if o != found.answer)


# --- quiz (pure) ----------------------------------------------------------------------------------


def test_the_quiz_asks_the_ten_questions_of_domain_section_5():
    assert len(QUESTIONS) == 10
    for item in ITEMS:
        assert 3 <= len(item.options) <= 4
        assert item.answer in item.options
        assert len(set(item.options)) == len(item.options)
        assert all(o.startswith(item.question.value + ".") for o in item.options)


@pytest.mark.parametrize(
    ("answers", "percent"),
    [
        (RIGHT, 100),  # all right
        ({}, 0),  # nothing answered
        (
            {
                **RIGHT,
                "where": wrong(Question.WHERE),
                "hormone": wrong(Question.HORMONE),
                "how_often": wrong(Question.HOW_OFTEN),
            },
            70,
        ),  # 7 of 10
        ({k: v for k, v in list(RIGHT.items())[:5]}, 50),  # half answered, all right: unanswered count as wrong
        ({**RIGHT, "where": "hormone.oxytocin"}, 90),  # another question's option is wrong, never an error
        ({**RIGHT, "nonsense": "x"}, 100),  # an unknown question is ignored
    ],
)
def test_quiz_score_in_percent(answers, percent):
    assert score(answers).percent == percent


def test_prolactin_is_the_plausible_wrong_answer_for_the_hormone():
    assert is_right(Question.HORMONE, "hormone.oxytocin")
    assert not is_right(Question.HORMONE, "hormone.prolactin")


def test_options_are_shuffled_per_attempt_and_the_same_seed_gives_the_same_order():
    first = [shuffled_options(q, 7) for q in QUESTIONS]
    assert first == [shuffled_options(q, 7) for q in QUESTIONS]
    orders = {tuple(tuple(shuffled_options(q, seed)) for q in QUESTIONS) for seed in range(20)}
    assert len(orders) > 10  # seeds really change the order
    assert any(shuffled_options(q, 7)[0] != next(i for i in ITEMS if i.question is q).options[0] for q in QUESTIONS)
    for q in QUESTIONS:  # a shuffle loses nothing
        assert sorted(shuffled_options(q, 3)) == sorted(next(i for i in ITEMS if i.question is q).options)


def test_clean_answers_keeps_only_known_questions_and_their_options():
    assert clean_answers({"where": "where.breasts", "landmark": "where.breasts", "x": "y"}) == {
        "where": "where.breasts"
    }


# --- skills (pure) --------------------------------------------------------------------------------


def test_skills_checklist_has_the_nine_steps_of_domain_5b_in_the_order_they_are_done():
    assert [s.value for s in STEPS] == [
        "safety",  # 1. asks the safety questions
        "hands",  # 2. washes, warms and oils the hands
        "position",  # 3. seats her leaning forward, back bare, towel, privacy
        "landmark",  # 4. the bra line and the shoulder blades' upper edge
        "technique",  # 5. the hand shape for her build
        "circles",  # 6. small circles, moving up, gentle pressure
        "asks_pain",  # 7. asks about pain and lightens or stops
        "duration",  # 8. keeps time
        "ending",  # 9. wipes the oil off, suggests breastfeeding
    ]


def test_a_check_of_the_first_checklist_is_judged_on_its_own_seven_steps():
    first = {"position": True, "landmark": True, "technique": True, "pressure": False, "circles": True}
    first |= {"duration": True, "ending": True}
    check = SkillsCheck(uuid4(), uuid4(), datetime(2026, 11, 1, tzinfo=UTC), Checked.HUSBAND, None,
                        {Step(k): v for k, v in first.items()}, 86)  # fmt: skip
    assert (check.result.right, check.result.total, check.result.percent) == (6, 7, 86)
    assert check.result.not_yet == [Step.PRESSURE]


@pytest.mark.parametrize(
    ("ticks", "percent", "not_yet"),
    [
        ({s.value: True for s in STEPS}, 100, []),  # all right
        ({}, 0, list(STEPS)),  # nothing ticked
        (
            {**{s.value: True for s in STEPS}, "asks_pain": False, "ending": False},
            78,
            [Step.ASKS_PAIN, Step.ENDING],
        ),  # 7 of 9, rounded
        (
            {"position": True, "circles": True, "bogus": True, "pressure": True},
            22,
            [Step.SAFETY, Step.HANDS, Step.LANDMARK, Step.TECHNIQUE, Step.ASKS_PAIN, Step.DURATION, Step.ENDING],
        ),  # 2 of 9: an old step's tick counts for nothing today
    ],
)
def test_skills_score_and_what_to_practise(ticks, percent, not_yet):
    found = result(ticks)
    assert found.percent == percent
    assert found.not_yet == not_yet


def test_a_name_is_trimmed_and_optional():
    assert clean_name("  Budi   Santoso ") == "Budi Santoso"
    assert clean_name("   ") is None
    assert clean_name(None) is None


# --- stored per mother (real SQLite) --------------------------------------------------------------


def test_quiz_before_and_after_are_kept_with_their_dates(fresh_db: Store, clock: FakeClock):
    teaching = TeachingService(fresh_db, clock)
    assert teaching.quiz_pair().before is None
    teaching.save_quiz(Phase.BEFORE, {**RIGHT, "where": wrong(Question.WHERE), "hormone": "hormone.prolactin"})
    clock.advance(3600)
    teaching.save_quiz(Phase.AFTER, RIGHT)
    pair = teaching.quiz_pair()
    assert pair.before is not None and pair.after is not None
    assert (pair.before.score_pct, pair.after.score_pct) == (80, 100)
    assert pair.after.taken_at - pair.before.taken_at == clock.wall() - pair.before.taken_at
    assert pair.before.answers["hormone"] == "hormone.prolactin"
    other = TeachingService(fresh_db.mother(fresh_db.mothers.add(at=clock.wall())), clock)
    assert other.quiz_pair() == type(pair)(None, None)  # another mother sees none of it
    assert pair.before.mother_id == fresh_db.mother_id and pair.before.uuid != pair.after.uuid


def test_the_latest_attempt_of_each_phase_is_shown(fresh_db: Store, clock: FakeClock):
    teaching = TeachingService(fresh_db, clock)
    teaching.save_quiz("before", {})
    clock.advance(60)
    teaching.save_quiz("before", RIGHT)
    pair = teaching.quiz_pair()
    assert pair.before is not None and pair.before.score_pct == 100
    assert pair.after is None


def test_skills_check_is_kept_with_who_and_what_is_not_yet_right(fresh_db: Store, clock: FakeClock):
    teaching = TeachingService(fresh_db, clock)
    assert teaching.last_skills() is None
    teaching.save_skills(
        Checked.HUSBAND,
        " Budi ",
        {"safety": True, "hands": True, "position": True, "landmark": True, "technique": True, "circles": True,
         "duration": True},
    )  # fmt: skip
    check = teaching.last_skills()
    assert check is not None
    assert (check.who, check.who_name, check.score_pct) == (Checked.HUSBAND, "Budi", 78)
    assert check.result.not_yet == [Step.ASKS_PAIN, Step.ENDING]
    assert check.checked_at == clock.wall()
    assert TeachingService(fresh_db.mother(fresh_db.mothers.add(at=clock.wall())), clock).last_skills() is None


def test_m005_upgrade_keeps_every_row_and_adds_the_tables(tmp_path: Path):
    path = tmp_path / "old.sqlite3"
    old = connect(path)
    migrations.apply(old, stop_before="m005_teaching")
    old.table("settings").insert({"key": "language", "value": "id"})
    old.close()
    with open_store(path) as store:
        assert store.get_setting("language") == "id"
        assert {"quiz_results", "skills_checks"} <= set(store.db.table_names())
        assert migrations.pending(store.db) == []
