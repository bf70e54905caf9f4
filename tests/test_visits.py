from datetime import date, timedelta

import pytest

from app.domain.visits import WINDOWS, Timing, Visit, VisitDue, next_visit, visit_due

BIRTH = date(2026, 3, 1)


def on(day):
    return BIRTH + timedelta(days=day)


def due(visit, first, last, timing=Timing.NOW):
    return VisitDue(visit, on(first), on(last), timing)


KF1, KF2, KF3, KF4 = (due(Visit.KF1, 0, 2), due(Visit.KF2, 3, 7), due(Visit.KF3, 8, 28), due(Visit.KF4, 29, 42))


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (0, KF1),  # the birth date ("6 hours to 2 days after birth")
        (2, KF1),  # last day of KF1
        (3, KF2),  # first day of KF2 ("days 3-7")
        (7, KF2),  # last day of KF2
        (8, KF3),  # first day of KF3 ("days 8-28")
        (28, KF3),  # last day of KF3
        (29, KF4),  # first day of KF4 ("days 29-42")
        (42, KF4),  # last day of the nifas period
        (43, None),  # after day 42: no visit due
        (200, None),  # months later
        (-1, due(Visit.KF1, 0, 2, Timing.NEXT)),  # before the birth date: KF1 is next
    ],
)
def test_visit_due_at_every_boundary(day, expected):
    assert visit_due(BIRTH, on(day)) == expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (-1, Visit.KF1),  # before birth
        (0, Visit.KF2),  # during KF1
        (2, Visit.KF2),  # last day of KF1
        (3, Visit.KF3),  # first day of KF2
        (28, Visit.KF4),  # last day of KF3
        (29, None),  # KF4 has begun: none after it
    ],
)
def test_next_visit(day, expected):
    found = next_visit(BIRTH, on(day))
    assert (found.visit if found else None) == expected
    if found:
        assert found.timing is Timing.NEXT and found.starts > on(day)


def test_windows_meet_without_gaps_over_days_0_to_42():
    days = [day for window in WINDOWS for day in range(window.first_day, window.last_day + 1)]
    assert days == list(range(43))


def test_visit_dates_cross_a_month_end():
    assert visit_due(date(2026, 1, 30), date(2026, 2, 3)) == VisitDue(
        Visit.KF2, date(2026, 2, 2), date(2026, 2, 6), Timing.NOW
    )
