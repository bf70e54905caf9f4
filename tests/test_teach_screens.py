"""The midwife's visit screens without a browser: the quiz (one question at a time, an explanation
after each answer, the score saved beside the other phase's), the skills checklist and the visit
screen. The flows in a real browser: tests/browser/test_teach.py."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from app import i18n
from app.domain.clock import FakeClock
from app.domain.quiz import ITEMS, QUESTIONS
from app.domain.skills import STEPS
from app.store.db import open_store
from app.ui.screens import quiz, skills, visit
from app.ui.state import AppState
from tests.render_harness import Mounted, make_app


@pytest.fixture
def app(tmp_path) -> Iterator[AppState]:
    with open_store(tmp_path / "app.sqlite3") as store, i18n.using("en"):
        yield make_app(store, FakeClock())


def answer_all(screen: Mounted, pick, *, told: bool) -> None:
    for n, item in enumerate(ITEMS):
        screen.tap(f"answer-{pick(item)}")
        assert ("quiz-explanation" in screen.identifiers()) is told
        screen.tap("quiz-finish" if n == len(ITEMS) - 1 else "quiz-next")


def test_after_teaching_a_question_explains_itself_and_the_first_answer_counts(app):
    screen = Mounted(quiz.QuizAfter, app)
    assert screen.view.route == "/quiz/after"
    assert "Question 1 of 10" in screen.texts()
    assert "quiz-explanation" not in screen.identifiers()
    assert screen.disabled("quiz-next")
    screen.tap("answer-where.breasts")
    assert any(text.startswith("Not quite. The right answer: On both sides of the spine") for text in screen.texts())
    assert not screen.disabled("quiz-next")


def test_before_teaching_no_answer_is_shown_while_it_is_taken_and_each_is_reviewed_after(app):
    """DOMAIN §5: the quiz shows no answer while it is taken before teaching; afterwards each
    question's result is shown with the right answer."""
    screen = Mounted(quiz.QuizBefore, app)
    screen.tap("answer-where.breasts")
    shown = " ".join(screen.texts())
    assert "quiz-explanation" not in screen.identifiers()
    assert "right answer" not in shown.lower() and "Not quite" not in shown and "Right!" not in shown
    assert "quiz-chosen" in screen.identifiers()  # her answer was taken, not judged
    screen.tap("answer-where.spine_sides")  # she may change her mind: nothing was judged
    assert not screen.disabled("quiz-next")
    wrong = {"hormone": "hormone.prolactin"}
    for n, item in enumerate(ITEMS):
        if n:
            screen.tap(f"answer-{wrong.get(item.question.value, item.answer)}")
        assert "quiz-explanation" not in screen.identifiers()
        screen.tap("quiz-finish" if n == len(ITEMS) - 1 else "quiz-next")
    texts = screen.texts()
    assert "9 of 10 right: 90%" in texts
    assert all(f"quiz-review-{q.value}" in screen.identifiers() for q in QUESTIONS)
    assert any(text.startswith("Not right. The right answer: Oxytocin") for text in texts), texts
    assert texts.count("Right") == 9


def test_before_and_after_scores_are_saved_and_shown_side_by_side(app):
    before = Mounted(quiz.QuizBefore, app)
    wrong = {"hormone": "hormone.prolactin", "how_often": "how_often.once_a_week"}
    answer_all(before, lambda item: wrong.get(item.question.value, item.answer), told=False)
    assert "8 of 10 right: 80%" in before.texts()
    after = Mounted(quiz.QuizAfter, app)
    answer_all(after, lambda item: item.answer, told=True)
    assert "10 of 10 right: 100%" in after.texts()
    shown = Mounted(visit.Visit, app).texts()
    assert "80%" in shown and "100%" in shown
    assert len(QUESTIONS) == 10


def test_the_skills_check_saves_who_and_lists_what_to_practise(app):
    screen = Mounted(skills.Skills, app)
    screen.tap("skills-who-family")
    for step in STEPS[:7]:
        screen.tap(f"step-{step.value}")
    assert "7 of 9 steps right (78%)" in screen.texts()
    screen.tap("skills-save")
    shown = screen.texts()
    assert "7 of 9 steps right (78%)" in shown
    assert "To practise next time: Duration, Ending with the washcloth" in shown
    visit_texts = Mounted(visit.Visit, app).texts()
    assert any(text.startswith("Other family member: 7 of 9 steps right (78%)") for text in visit_texts)


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
@pytest.mark.parametrize("component", [quiz.QuizBefore, quiz.QuizAfter, skills.Skills, visit.Visit])
def test_the_visit_screens_draw_in_both_languages(tmp_path, component, lang):
    with open_store(tmp_path / "app.sqlite3") as store, i18n.using(lang):
        screen = Mounted(component, make_app(store, FakeClock(), lang))
        assert screen.view.route.startswith(("/quiz", "/skills", "/visit"))
