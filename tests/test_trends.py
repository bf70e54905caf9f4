from datetime import date

import pytest

from app.domain.report import GOOD_ANSWER, SIGNS, DailyReport
from app.domain.trends import Point, massage_vs_other, runs, series


def d(n):
    return date(2026, 3, n)


def report(n, flow="well", yes=None, no=0):
    """A report on March n: `yes` signs answered as a sign of enough milk, then `no` answered the
    other way (yes=None: none answered). Sign 7 counts when answered no (pain not worse)."""
    signs = {}
    if yes is not None:
        signs = {sign: GOOD_ANSWER[sign] for sign in SIGNS[:yes]}
        signs |= {sign: not GOOD_ANSWER[sign] for sign in SIGNS[yes : yes + no]}
    return DailyReport(day=d(n), flow=flow, signs=signs)


REPORTS = [
    report(2, "not_yet", yes=1, no=7),
    report(3, "not_well", yes=3, no=5),
    report(4, "not_well"),  # no sign answered: not part of the mean
    report(5, "well", yes=5, no=3),  # first massage day: counted "since"
    report(6, "well", yes=6, no=2),
    report(7, "not_well", yes=7, no=1),
]


def test_series_fills_gaps_and_maps_flow_levels():
    reports = [report(3, "well", yes=2), report(5, "not_yet"), report(6, "not_well", yes=0, no=8)]
    assert series(reports, start=d(2), end=d(6)) == [
        Point(d(2), None, None),  # before the first report
        Point(d(3), 2, 2),  # well = 2
        Point(d(4), None, None),  # a day without a report
        Point(d(5), None, 0),  # not yet = 0, no sign answered: no score
        Point(d(6), 0, 1),  # not well = 1, every sign answered no: a real 0
    ]


def test_series_single_day_and_reports_outside_range_ignored():
    assert series(REPORTS, start=d(6), end=d(6)) == [Point(d(6), 6, 2)]


def test_series_rejects_reversed_range():
    with pytest.raises(ValueError):
        series(REPORTS, start=d(6), end=d(5))


# -- massage days against other days, and the chart's runs ------------------------------------------


@pytest.mark.parametrize(
    "massage, counts",
    [
        ({d(5), d(6)}, ((2, 2), (4, 0))),  # two well massage days; the other four days not well or not yet
        ({d(2), d(5), d(9)}, ((2, 1), (4, 1))),  # a massage on a day without a report counts nowhere
        (set(), None),  # no massage day: no comparison
        ({d(n) for n in range(2, 8)}, None),  # every reported day had a massage: nothing to compare with
    ],
)
def test_massage_days_against_other_days_in_counts(massage, counts):
    found = massage_vs_other(REPORTS, massage)
    got = None if found is None else ((found.massage.days, found.massage.well), (found.other.days, found.other.well))
    assert got == counts


def test_a_day_without_a_score_breaks_the_line():
    points = series([report(2, yes=1), report(3, yes=2), report(4), report(6, yes=5)], start=d(1), end=d(7))
    # day 1 and 5 without a report, day 4 reported without any sign answered: three gaps, two runs
    assert runs(points) == [[(1, 1), (2, 2)], [(5, 5)]]
