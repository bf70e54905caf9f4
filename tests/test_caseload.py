"""Who needs the midwife now: the mothers list's groups, its "Finished" section and its badges,
as a table of cases (pure: app.domain.caseload)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from app.domain.caseload import Need, order_key, standing
from app.domain.flagrules import Urgency
from app.domain.visits import visit_due

TODAY = date(2026, 11, 22)
GO, TD, SOON = Urgency.GO_NOW, Urgency.TODAY, Urgency.SOON


def ago(days: int) -> date:
    return TODAY - timedelta(days=days)


# (her postpartum day or None, her newest report's age in days or None, its most urgent flag, kept,
#  -> her group, finished, badge)
CASES = [
    # flags of the last 7 days sort her up, GO NOW before TODAY, whatever her day
    (10, 1, GO, False, Need.GO_NOW, False, True),
    (20, 3, TD, False, Need.TODAY, False, True),
    (20, 6, TD, False, Need.TODAY, False, True),  # 6 days ago: still this week
    (None, 0, GO, False, Need.GO_NOW, False, True),  # no birth date yet: a flag still counts
    (300, 2, GO, False, Need.GO_NOW, False, True),  # past day 42 but flagged this week: stays on the list
    (60, 5, TD, False, Need.TODAY, False, True),
    # older than 7 days: no longer sorts her up; the badge stays while it is within 42 days
    (30, 7, TD, False, Need.NIFAS, False, True),
    (30, 10, GO, False, Need.NIFAS, False, True),
    (60, 20, GO, False, Need.REST, True, True),  # finished, badge on her Finished row's data
    # older than the nifas period: history, no badge
    (300, 295, GO, False, Need.REST, True, False),
    (300, 43, TD, False, Need.REST, True, False),
    (300, 42, TD, False, Need.REST, True, True),
    # a SOON flag this week does not sort her up
    (12, 1, SOON, False, Need.NIFAS, False, True),
    # a KF window closing within 7 days (today included)
    (2, 0, None, False, Need.VISIT, False, False),  # KF1 closes today
    (0, None, None, False, Need.VISIT, False, False),  # born today, no report yet
    (5, 0, None, False, Need.VISIT, False, False),  # KF2 closes on day 7
    (22, 0, None, False, Need.VISIT, False, False),  # KF3 closes on day 28: in 6 days
    (21, 0, None, False, Need.NIFAS, False, False),  # ... in 7 days: next week
    (8, 0, None, False, Need.NIFAS, False, False),  # KF3 just opened, closes on day 28
    (36, 0, None, False, Need.VISIT, False, False),  # KF4 closes on day 42
    (35, 0, None, False, Need.NIFAS, False, False),
    (42, 0, None, False, Need.VISIT, False, False),  # the last day of nifas
    # past day 42: finished by herself, unless kept
    (43, 1, None, False, Need.REST, True, False),
    (43, 1, None, True, Need.REST, False, False),
    (1000, None, None, False, Need.REST, True, False),
    # no birth date: never finished
    (None, None, None, False, Need.REST, False, False),
]


@pytest.mark.parametrize(("day", "age", "urgency", "kept", "need", "finished", "badge"), CASES)
def test_where_she_stands(day, age, urgency, kept, need, finished, badge):
    born = None if day is None else ago(day)
    got = standing(
        today=TODAY,
        postpartum_day=day,
        visit=None if born is None else visit_due(born, TODAY),
        report_day=None if age is None else ago(age),
        urgency=urgency,
        kept=kept,
    )
    assert (got.need, got.finished, got.badge) == (need, finished, badge)


def test_an_overdue_visit_counts_as_due_this_week():
    got = standing(today=TODAY, postpartum_day=12, visit=visit_due(ago(12), TODAY), report_day=None, urgency=None,
                   overdue=True)  # fmt: skip
    assert got.need is Need.VISIT


def test_the_order_is_group_first_then_name():
    rows = [
        (Need.REST, "Ani"),
        (Need.NIFAS, "zahra"),
        (Need.GO_NOW, "Wati"),
        (Need.VISIT, "Bunga"),
        (Need.TODAY, "ayu"),
        (Need.GO_NOW, "Citra"),
        (Need.NIFAS, "Ayu"),
    ]
    ordered = sorted(rows, key=lambda row: order_key(*row))
    assert ordered == [
        (Need.GO_NOW, "Citra"),
        (Need.GO_NOW, "Wati"),
        (Need.TODAY, "ayu"),
        (Need.VISIT, "Bunga"),
        (Need.NIFAS, "Ayu"),
        (Need.NIFAS, "zahra"),
        (Need.REST, "Ani"),
    ]
