"""A KF visit marked done closes its window (DOMAIN §3: KF1 days 0-2, KF2 3-7, KF3 8-28, KF4
29-42): the tables of what is due, what the week owes, whether a visit was on time, and what the
visit form accepts."""

from datetime import date, timedelta

import pytest
from pydantic import ValidationError

from app.domain.parsing import field_errors
from app.domain.visits import (
    NOTE_MAX_CHARS,
    DoneTiming,
    DoneVisit,
    Timing,
    Visit,
    VisitDue,
    done_timing,
    next_visit,
    visit_due,
    week_visits,
)

BIRTH = date(2026, 3, 1)
K1, K2, K3, K4 = Visit.KF1, Visit.KF2, Visit.KF3, Visit.KF4


def on(day: int) -> date:
    return BIRTH + timedelta(days=day)


WINDOW = {K1: (0, 2), K2: (3, 7), K3: (8, 28), K4: (29, 42)}


def due(visit: Visit, timing: Timing) -> VisitDue:
    first, last = WINDOW[visit]
    return VisitDue(visit, on(first), on(last), timing)


@pytest.mark.parametrize(
    ("day", "done", "expected"),
    [
        (1, set(), due(K1, Timing.NOW)),  # nothing done: the window's own visit
        (1, {K1}, due(K2, Timing.NEXT)),  # KF1 done on day 1: KF2 is next, not KF1 due
        (5, {K2}, due(K3, Timing.NEXT)),
        (5, {K1}, due(K2, Timing.NOW)),  # another visit done changes nothing
        (5, {K2, K3}, due(K4, Timing.NEXT)),  # KF3 done early: KF4 is next
        (20, {K3, K4}, None),  # every visit left is done
        (35, {K4}, None),  # KF4 done: nothing more in the nifas period
        (42, {K4}, None),
        (43, set(), None),  # after day 42 as before
        (-1, {K1}, due(K2, Timing.NEXT)),  # before the birth, KF1 already done (a mistake kept)
    ],
)
def test_a_done_visit_is_not_due(day, done, expected):
    assert visit_due(BIRTH, on(day), done) == expected


def test_without_done_visits_the_answers_are_as_before():
    for day in range(-2, 50):
        assert visit_due(BIRTH, on(day)) == visit_due(BIRTH, on(day), ())
        assert next_visit(BIRTH, on(day)) == next_visit(BIRTH, on(day), set())


@pytest.mark.parametrize(
    ("day", "done", "expected"),
    [
        (0, set(), [due(K1, Timing.NOW), due(K2, Timing.NEXT)]),  # KF2 opens on day 3, this week
        (1, {K1}, [due(K2, Timing.NEXT)]),
        (3, set(), [due(K1, Timing.OVERDUE), due(K2, Timing.NOW), due(K3, Timing.NEXT)]),  # KF1 missed
        (3, {K1}, [due(K2, Timing.NOW), due(K3, Timing.NEXT)]),  # KF3 opens on day 8: days 3-9 hold it
        (3, {K1, K2}, [due(K3, Timing.NEXT)]),
        (1, {K1, K2}, []),  # days 1-7 are the week: KF3 (day 8) opens after it
        (9, {K1, K2}, [due(K3, Timing.NOW)]),
        (23, {K1, K2, K3}, [due(K4, Timing.NEXT)]),  # KF4 opens on day 29 = day 23 + 6
        (22, {K1, K2, K3}, []),  # day 29 is the 8th day from 22: not this week
        (40, {K1, K2, K3}, [due(K4, Timing.NOW)]),
        (43, {K1, K2, K3}, [due(K4, Timing.OVERDUE)]),
        (49, {K1, K2, K3}, [due(K4, Timing.OVERDUE)]),  # 7 days of grace after day 42
        (50, {K1, K2, K3}, []),  # then history, not work
        (400, set(), []),  # a mother of last year is not on the week
        (10, {K1, K2, K3, K4}, []),
    ],
)
def test_the_week_owes_what_is_due_overdue_or_opening(day, done, expected):
    found = week_visits(BIRTH, on(day), done)
    assert found == expected
    assert [d.ends for d in found] == sorted(d.ends for d in found)  # the order they close


@pytest.mark.parametrize(
    ("visit", "day", "expected"),
    [
        (K1, 0, DoneTiming.ON_TIME),
        (K1, 2, DoneTiming.ON_TIME),
        (K1, 3, DoneTiming.LATE),
        (K2, 2, DoneTiming.EARLY),
        (K2, 7, DoneTiming.ON_TIME),
        (K3, 29, DoneTiming.LATE),
        (K4, 28, DoneTiming.EARLY),
        (K4, 42, DoneTiming.ON_TIME),
        (K4, 60, DoneTiming.LATE),
    ],
)
def test_a_done_visit_is_on_time_within_its_window(visit, day, expected):
    assert done_timing(visit, BIRTH, on(day)) is expected


TODAY = on(10)
CONTEXT = {"today": TODAY, "birth_date": BIRTH}


def errors_of(fields: dict) -> dict[str, str]:
    try:
        DoneVisit.model_validate(fields, context=CONTEXT)
    except ValidationError as exc:
        return field_errors(exc)
    return {}


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"visit": "kf2", "done_on": "06/03/2026"}, {}),
        ({"visit": "kf2", "done_on": "2026-03-11"}, {}),  # today
        ({"visit": "kf2", "done_on": "12/03/2026"}, {"done_on": "future_date"}),
        ({"visit": "kf2", "done_on": "28/02/2026"}, {"done_on": "before_birth"}),
        ({"visit": "kf2", "done_on": ""}, {"done_on": "required"}),
        ({"visit": "kf2", "done_on": "31/02/2026"}, {"done_on": "invalid_date"}),
        ({"visit": "kf9", "done_on": "06/03/2026"}, {"visit": "invalid_choice"}),
        ({"visit": "kf2", "done_on": "06/03/2026", "note": "x" * (NOTE_MAX_CHARS + 1)}, {"note": "too_long"}),
        (
            {"visit": "", "done_on": "", "note": "x" * 999},
            {"visit": "invalid_choice", "done_on": "required", "note": "too_long"},
        ),
    ],
)
def test_the_visit_form_refuses_a_day_it_cannot_be_and_says_which_field(fields, expected):
    assert errors_of(fields) == expected


def test_a_note_is_trimmed_and_an_empty_one_is_none():
    assert DoneVisit(visit=Visit.KF1, done_on=BIRTH, note="  cek jahitan  ").note == "cek jahitan"
    assert DoneVisit(visit=Visit.KF1, done_on=BIRTH, note="   ").note is None


def test_a_refused_note_never_appears_in_the_error():
    secret = "rahasia-" + "x" * NOTE_MAX_CHARS
    with pytest.raises(ValidationError) as caught:
        DoneVisit.model_validate({"visit": "kf1", "done_on": BIRTH, "note": secret})
    assert "rahasia" not in str(caught.value)
