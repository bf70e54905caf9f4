"""The session wizard, finish and history screens, drawn as components from a real store without a
browser (tests/render_harness.py), and tapped through the handlers their controls carry."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from app import i18n
from app.domain.clock import FakeClock
from app.domain.protocol import CONTRAINDICATIONS, Build, Contraindication
from app.domain.records import SessionStatus
from app.services.wizard import SafetyAnswer
from app.store.db import open_store
from app.ui.screens import (
    history,
    session_finish,
    session_landmarks,
    session_position,
    session_prep,
    session_safety,
    session_setup,
    session_technique,
    session_unsafe,
)
from app.ui.state import AppState
from tests.render_harness import Mounted, find, make_app

SCREENS: list[tuple[Callable[[], Any], str, set[str]]] = [
    # component, its route, identifiers a test or a finger relies on
    (session_setup.Setup, "/session/setup", {"round-minutes-3", "rest-minutes-0", "demo-switch", "to-safety"}),
    (
        session_safety.Safety,
        "/session/safety",
        {"safety-pregnant-yes", "safety-pregnant-no", "safety-pregnant-unsure", "safety-next"},
    ),
    (session_unsafe.Unsafe, "/session/unsafe", {"unsafe-home", "unsafe-change"}),
    (session_prep.Prep, "/session/prep", {"prep-oil", "prep-clean_hands", "to-position"}),
    (session_position.Position, "/session/position", {"to-technique"}),
    (session_technique.Technique, "/session/technique", {"build-heavier", "build-slim_normal", "to-landmarks"}),
    (session_landmarks.Landmarks, "/session/landmarks", {"oil-hands", "start-round"}),
    (session_finish.Finish, "/session/finish", {"finish-home"}),  # no massage to finish yet
    (history.History, "/history", {"back"}),
]


@pytest.fixture
def app(tmp_path) -> Iterator[AppState]:
    with open_store(tmp_path / "app.sqlite3") as store, i18n.using("en"):
        yield make_app(store, FakeClock())


def _finished_massage(app: AppState, *, demo: bool, pain: bool = False) -> None:
    """A massage begun and stopped at once, ready for the finish screen."""
    wiz = app.scope.massage.wizard
    wiz.demo = demo
    wiz.choose_build(Build.SLIM_NORMAL)
    app.scope.massage.begin()
    if pain:
        app.scope.massage.stop_for_pain()
    else:
        app.scope.massage.end_early()
    app.session.refresh()
    app.reset("/session/finish")


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
@pytest.mark.parametrize(("component", "route", "ids"), SCREENS, ids=[s[1] for s in SCREENS])
def test_every_screen_draws_its_route_and_controls_in_both_languages(tmp_path, component, route, ids, lang):
    with open_store(tmp_path / "app.sqlite3") as store, i18n.using(lang):
        screen = Mounted(component, make_app(store, FakeClock(), lang))
        assert screen.view.route == route
        assert ids <= screen.identifiers()


def test_setup_keeps_the_chosen_lengths_for_the_massage(app):
    screen = Mounted(session_setup.Setup, app)
    screen.tap("round-minutes-5")
    screen.tap("rest-minutes-0")
    plan = app.scope.massage.wizard.plan()
    assert (plan.round_s, plan.rest_s) == (300, 0)
    assert "Total: about 15 minutes of massage." in screen.texts()


def test_the_demonstration_switch_turns_on_demonstration_mode_and_explains_it(app):
    screen = Mounted(session_setup.Setup, app)
    screen.tap("demo-switch")
    assert app.scope.massage.wizard.plan().demo
    assert any(text.startswith("Demonstration mode: rounds of 20 seconds") for text in screen.texts())


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_the_demonstration_switch_is_labelled_as_midwives_say_it(tmp_path, lang):
    expected = {"id": "Mode peragaan (untuk bidan)", "en": "Demonstration mode (for midwives)"}[lang]
    with open_store(tmp_path / "app.sqlite3") as store, i18n.using(lang):
        screen = Mounted(session_setup.Setup, make_app(store, FakeClock(), lang))
        assert find(screen.view, "demo-switch").label == expected


def test_the_rest_choices_carry_their_unit(app):
    assert [label for _, label in session_setup.minute_options((0, 3))] == ["0 min", "3 min"]


def test_safety_next_stays_disabled_until_every_question_is_answered(app):
    screen = Mounted(session_safety.Safety, app)
    assert "6 questions left" in screen.texts()  # the five of DOMAIN §3 and the operasi sesar
    for code in CONTRAINDICATIONS:
        screen.tap(f"safety-{code}-no")
    assert screen.disabled("safety-next")
    assert "1 question left" in screen.texts()
    screen.tap("safety-caesarean-yes")  # after an operasi sesar: has the midwife said it is OK?
    assert screen.disabled("safety-next") and "1 question left" in screen.texts()
    screen.tap("safety-caesarean-ok-yes")
    assert not screen.disabled("safety-next")
    assert "Let her sit comfortably, and never press near the wound." in screen.texts()


@pytest.mark.parametrize(
    ("ok", "route"), [("yes", "/session/prep"), ("no", "/session/unsafe"), ("unsure", "/session/unsafe")]
)
def test_after_an_operasi_sesar_the_massage_waits_for_the_midwifes_ok(app, ok, route):
    screen = Mounted(session_safety.Safety, app)
    for code in CONTRAINDICATIONS:
        screen.tap(f"safety-{code}-no")
    screen.tap("safety-caesarean-yes")
    screen.tap(f"safety-caesarean-ok-{ok}")
    screen.tap("safety-next")
    assert app.route == route
    if route == "/session/unsafe":
        assert "After an operasi sesar, the midwife's OK first" in " ".join(Mounted(session_unsafe.Unsafe, app).texts())


@pytest.mark.parametrize(
    ("odd_one", "answer", "route"),
    [
        (None, None, "/session/prep"),  # all "no": on to the preparation
        (Contraindication.FEVER_ILL, "yes", "/session/unsafe"),  # a "yes": no massage today
        (Contraindication.PREGNANT, "unsure", "/session/unsafe"),  # "not sure": ask the midwife first
    ],
)
def test_safety_next_goes_on_only_when_every_answer_is_no(app, odd_one, answer, route):
    screen = Mounted(session_safety.Safety, app)
    for code in CONTRAINDICATIONS:
        screen.tap(f"safety-{code}-{answer if code == odd_one else 'no'}")
    screen.tap("safety-caesarean-no")
    screen.tap("safety-next")
    assert app.route == route


def test_the_chosen_answer_is_shown_selected_and_only_that_one(app):
    screen = Mounted(session_safety.Safety, app)
    screen.tap("safety-bleeding-unsure")
    selected = {a: find(screen.view, f"safety-bleeding-{a}").selected for a in ("yes", "no", "unsure")}
    assert selected == {"yes": False, "no": False, "unsure": True}


@pytest.mark.parametrize(
    ("answers", "heading", "lists"),
    [
        (
            {Contraindication.PREGNANT: SafetyAnswer.YES},
            "Please do not massage today",
            ["You answered yes to:", "Pregnancy"],
        ),  # a yes: a clear stop
        (
            {Contraindication.BLEEDING: SafetyAnswer.NOT_SURE},
            "Ask the midwife first",
            ["You were not sure about:", "A blood-clotting disorder or blood-thinning medicine"],
        ),  # calm, for a doubt
    ],
)
def test_the_unsafe_screen_names_each_reason(app, answers, heading, lists):
    app.scope.massage.wizard.safety = {code: SafetyAnswer.NO for code in CONTRAINDICATIONS} | answers
    texts = Mounted(session_unsafe.Unsafe, app).texts()
    assert heading in texts
    assert [t.lstrip("• ") for t in texts if t.lstrip("• ") in lists] == lists


def test_back_to_home_from_the_unsafe_screen_forgets_the_answers(app):
    app.scope.massage.wizard.safety = {Contraindication.FEVER_ILL: SafetyAnswer.YES}
    app.reset("/session/setup", "/session/safety", "/session/unsafe")
    Mounted(session_unsafe.Unsafe, app).tap("unsafe-home")
    assert app.stack == ["/"]
    assert app.scope.massage.wizard.safety == {}


def test_preparation_ticks_are_kept_for_the_way_back(app):
    screen = Mounted(session_prep.Prep, app)
    screen.tap("prep-oil")
    assert find(screen.view, "prep-oil").checked is True
    again = Mounted(session_prep.Prep, app)  # the screen drawn anew (Back, then Next)
    assert [find(again.view, f"prep-{item}").checked for item in ("oil", "pillow")] == [True, False]


@pytest.mark.parametrize(
    ("build", "techniques"),
    [
        ("heavier", set()),  # one technique (fists): no choice to make
        ("slim_normal", {"technique-thumbs", "technique-index_backs"}),  # thumbs or backs of index fingers
    ],
)
def test_the_build_decides_which_techniques_are_offered(app, build, techniques):
    screen = Mounted(session_technique.Technique, app)
    assert screen.disabled("to-landmarks")
    screen.tap(f"build-{build}")
    assert {i for i in screen.identifiers() if i.startswith("technique-")} == techniques
    assert not screen.disabled("to-landmarks")


def test_the_build_and_technique_labels_read_as_in_the_issue(app):
    assert [label for _, label in session_technique.build_options()] == ["Larger build", "Slim or normal build"]
    with i18n.using("id"):
        labels = [label for _, label in session_technique.technique_options(Build.SLIM_NORMAL)]
    assert labels == ["Kedua ibu jari", "Punggung jari telunjuk"]


def test_the_hands_are_oiled_once_she_is_seated_not_while_preparing(app):
    """Preparation washes the hands only; warming and oiling them is the last thing before the
    massage, on "Where to massage" (after her position), with the landmarks named start then stop."""
    prep = " ".join(Mounted(session_prep.Prep, app).texts())
    assert "Wash your hands" in prep and "oil your palms" not in prep
    landmarks = Mounted(session_landmarks.Landmarks, app).texts()
    oil = next(i for i, text in enumerate(landmarks) if "warm your hands" in text and "oil your palms" in text)
    start = next(i for i, text in enumerate(landmarks) if "Start at the bra line" in text)
    stop = next(i for i, text in enumerate(landmarks) if "Stop at the upper edge of the shoulder blades" in text)
    assert start < stop < oil


def test_start_begins_the_get_ready_count_and_opens_the_rounds(app):
    async def tap_start() -> None:
        Mounted(session_landmarks.Landmarks, app).tap("start-round")
        await asyncio.sleep(0)  # let the count task take its first step
        assert app.session.get_ready == 3
        app.session.pause()  # stop the count; nothing was recorded yet

    asyncio.run(tap_start())
    assert app.route == "/session/run"
    assert app.scope.store.sessions.list(limit=5) == []


@pytest.mark.parametrize(
    ("demo", "pain", "says", "never"),
    [
        (True, False, "This was a demonstration, not a real massage.", "Well done!"),  # demonstration
        (False, True, "Stopped because it hurt. Next time, press more lightly.", "Demonstration finished"),  # pain
        (False, False, "Massage ended", "This was a demonstration, not a real massage."),  # ended early
    ],
)
def test_the_finish_screen_says_how_the_massage_ended(app, demo, pain, says, never):
    _finished_massage(app, demo=demo, pain=pain)
    texts = " ".join(Mounted(session_finish.Finish, app).texts())
    assert says in texts
    assert never not in texts


def test_save_records_the_rating_closes_the_massage_and_opens_the_history(app):
    _finished_massage(app, demo=False)
    screen = Mounted(session_finish.Finish, app)
    screen.tap("comfort-4")
    screen.tap("letdown-yes")
    version = app.visitor.revision.number
    screen.tap("finish-save")
    saved = app.scope.store.sessions.list(limit=1)[0]
    assert (saved.comfort, saved.letdown, saved.status) == (4, True, SessionStatus.ENDED_EARLY)
    assert app.stack == ["/", "/history"]
    assert app.scope.massage.session is None and app.visitor.revision.number > version


def test_history_never_lists_a_demonstration(app):
    _finished_massage(app, demo=True)
    app.scope.massage.close()
    texts = Mounted(history.History, app).texts()
    assert "No massages yet. Start one from the home screen." in texts
    assert "0 of 3 rounds · 0 min massaged" not in texts


def test_session_summary_uses_the_language_of_the_visitor(app):
    _finished_massage(app, demo=False)
    record = app.scope.massage.record()
    assert record is not None
    with i18n.using("id"):
        assert history.session_summary(record) == "0 dari 3 ulangan · 0 menit dipijat"


def test_every_answer_of_the_safety_check_is_named_with_its_question(app):
    """A screen reader says "Fever or feeling ill? Yes", not "Yes" five times over."""
    from app.ui.screens.labels import CONTRAINDICATION_QUESTIONS, t

    screen = Mounted(session_safety.Safety, app)
    names = {find(screen.view, f"safety-{code}-{a}").label for code in CONTRAINDICATIONS for a in ("yes", "no")}
    assert len(names) == 2 * len(CONTRAINDICATIONS)  # no two alike
    fever = t(CONTRAINDICATION_QUESTIONS, Contraindication.FEVER_ILL)
    assert find(screen.view, "safety-fever_ill-yes").label == f"{fever} Yes"


def test_the_comfort_scale_and_the_let_down_question_say_what_they_answer(app):
    _finished_massage(app, demo=False)
    screen = Mounted(session_finish.Finish, app)
    question = "How comfortable was it for the mother?"
    assert find(screen.view, "comfort-1").label == f"{question} 1 of 5, not comfortable"
    assert find(screen.view, "comfort-3").label == f"{question} 3 of 5"
    assert find(screen.view, "letdown-no").label == "Did she feel the milk let down or drip? No"
