"""The diary screens' pure helpers and builders, without a browser: which day the form is for,
errors without a field of their own, the words of Today's massage rows, the history's summaries,
chart and comparison, the red-flag card and the reminders' calendar text. The screens themselves
(components) are driven in the browser: tests/browser/test_diary_flow.py."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from typing import Any

import flet_charts as fch
import pytest

from app import i18n
from app.domain.parsing import FieldError
from app.domain.profile import Profile
from app.domain.redflags import RULES, Notice, RedFlag, Urgency
from app.domain.report import OPTIONAL_QUESTIONS, BabySign, MotherSign, Sign, validate_report
from app.domain.trends import DaysCount, MassageComparison, Point
from app.domain.visits import Timing, Visit, VisitDue
from app.services.diary import DayEntry, HalfDay
from app.ui.screens import diary_chart, diary_history, profile, reminders, report, report_parts, today
from app.ui.screens import diary_labels as labels
from app.ui.screens import flag_labels as flags
from app.ui.screens.diary_labels import error_text, pp_day_text, wet_diaper_expectation
from app.ui.screens.flag_labels import Calls, flag_card, notice_card
from tests.render_harness import find, identifiers, texts, walk

DAY = date(2026, 11, 22)


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    with i18n.using("en"):
        yield


@pytest.mark.parametrize(
    "stack, expected",
    [
        (["/"], None),  # no form open
        (["/", "/report"], None),  # today's report
        (["/", "/diary", "/report?day=2026-11-20"], "2026-11-20"),  # a past day from the diary
        (["/", "/report?other=1"], None),  # no day in the query
    ],
)
def test_the_report_screen_finds_its_day_in_the_stack(stack, expected):
    assert report.requested_day(stack) == expected


def test_a_report_route_carries_its_day():
    assert report.requested_day(["/", report.report_route("2026-11-01")]) == "2026-11-01"


@pytest.mark.parametrize(
    "code, message",
    [
        ("not_a_number", "Please enter a number, e.g. 8."),  # words for a code
        ("future_date", "This date is in the future."),  # the profile's birth date
        (None, None),  # no error, no message
    ],
)
def test_error_text(code, message):
    assert error_text(code) == message


def test_error_text_in_indonesian():
    with i18n.using("id"):
        assert error_text("future_date") == "Tanggal ini belum tiba."


def test_the_wet_diaper_help_gives_a_number_only_from_day_6():
    assert wet_diaper_expectation(3) is None  # DOMAIN gives no number for the first days
    assert wet_diaper_expectation(9) == "Expected on day 9: 6 or more"


@pytest.mark.parametrize(
    "state, words, ticked",
    [
        (HalfDay.DONE, "done", True),  # only a completed massage is ticked
        (HalfDay.STOPPED_PAIN, "stopped: it hurt", False),  # a pain stop says so
        (HalfDay.ENDED_EARLY, "ended early", False),  # ended early says so
        (HalfDay.NOT_YET, "not yet", False),  # nothing yet
    ],
)
def test_todays_massage_rows(state, words, ticked):
    assert today.massage_state(state) == (words, ticked)


@pytest.mark.parametrize(
    "saved, fields",
    [
        (None, {name: "" for name in profile.FIELDS}),  # first run
        (
            Profile(baby_birth_date=DAY),
            {**{name: "" for name in profile.FIELDS}, "baby_birth_date": "22/11/2026"},
        ),  # no name given
        (
            Profile(mother_name="Siti", baby_birth_date=DAY, midwife_phone="0812-3456-7890"),
            {
                "mother_name": "Siti",
                "baby_birth_date": "22/11/2026",
                "midwife_phone": "0812-3456-7890",
                "facility_phone": "",
                "mother_phone": "",
                "family_phone": "",
            },
        ),  # the midwife's number, no facility's
        (
            Profile(baby_birth_date=DAY, mother_phone="0813 1111 2222", family_phone="+62 812 3333 4444"),
            {
                **{name: "" for name in profile.FIELDS},
                "baby_birth_date": "22/11/2026",
                "mother_phone": "0813 1111 2222",
                "family_phone": "+62 812 3333 4444",
            },
        ),  # her own and her family's numbers
    ],
)
def test_the_profile_form_starts_from_the_saved_profile(saved, fields):
    assert profile.profile_fields(saved) == fields


def _report(**fields: object):
    saved, errors = validate_report({"day": DAY, "flow": "well", **fields}, today=DAY)
    assert saved is not None, errors
    return saved


def test_a_days_summary_in_words():
    saved = _report(
        signs={"feeds_8_to_12": True, "let_down_felt": True},
        feeds_24h="1",
        wet_diapers="6",
        expressed_ml="120",
        temperature_c="37,8",
    )
    assert diary_history.report_summary(saved) == (
        "Flowing well · 2 of 8 signs · 1 feed · 6 wet diapers · 120 ml expressed · 37.8 °C"
    )


@pytest.mark.parametrize(
    "pp_day, title",
    [
        (5, "Day 5 after birth · 22 Nov 2026"),  # with a birth date
        (None, "Sunday, 22 November 2026"),  # without one: the full date
    ],
)
def test_a_day_cards_title(pp_day, title):
    assert diary_history.day_title(DayEntry(DAY, pp_day, None, [])) == title


def test_the_chart_breaks_the_signs_line_at_a_day_without_a_report():
    points = [Point(date(2026, 11, 20), 3, 1), Point(date(2026, 11, 21), None, None), Point(DAY, 8, 2)]
    view = diary_chart.chart(points, {date(2026, 11, 21)})
    (drawing,) = [n for n in walk(view) if isinstance(n, fch.LineChart)]
    assert [[(p.x, p.y) for p in line.points] for line in drawing.data_series] == [[(0, 3)], [(2, 8)]]
    assert drawing.max_y < 9  # only the signs (0-8) on this axis: flow has its own row
    assert "diary-chart" in identifiers(view)


def test_the_chart_says_flow_and_massages_in_words():
    points = [Point(date(2026, 11, 20), 3, 1), Point(date(2026, 11, 21), None, None), Point(DAY, 8, 2)]
    shown = texts(diary_chart.chart(points, {date(2026, 11, 21)}))
    assert (
        "From 20 Nov to 22 Nov: a report on 2 of 3 days. Flowing well on 1, not well on 1, not coming out "
        "yet on 0. Signs of enough milk: from 3 to 8 of 8. A massage on 1 day."
    ) in shown
    assert {"Tall bar: flowing well", "Massage done (a dot on that day)"} <= set(shown)


def test_two_years_of_days_are_drawn_as_runs_of_days_alike():
    """730 days at 360 px: a day is less than a pixel, so a run of days alike is one cell as wide
    as its days; unrolled, the rows still say every day's flow and massage, in order."""
    start = date(2024, 12, 1)
    points = [
        Point(start + timedelta(days=i), 6, 2 if i % 10 else 1)
        if i % 45
        else Point(start + timedelta(days=i), None, None)
        for i in range(730)
    ]
    massaged = {p.day for i, p in enumerate(points) if i % 14 != 3}
    flow, dots = diary_chart.day_cells(points, massaged)
    level_of = {height: level for level, height in diary_chart.BAR.items()}

    def unrolled(cells: list[Any], read: Any) -> list[Any]:
        return [read(cell) for cell in cells for _ in range(cell.expand)]

    assert unrolled(flow, lambda c: level_of[c.content.height] if c.content else None) == [p.flow_level for p in points]
    assert unrolled(dots, lambda c: c.content is not None) == [p.day in massaged for p in points]
    assert len(flow) + len(dots) < 730 / 2  # against 1,460 cells, one per day in each row
    (drawing,) = [n for n in walk(diary_chart.chart(points, massaged)) if isinstance(n, fch.LineChart)]
    assert not any(line.point for line in drawing.data_series)  # no dot per day on the line: a blur
    assert sum(len(line.points) for line in drawing.data_series) < 100  # flat stretches: their ends


@pytest.mark.parametrize(
    "run, kept",
    [
        ([(0, 5)], [(0, 5)]),
        ([(0, 5), (1, 5), (2, 5), (3, 5)], [(0, 5), (3, 5)]),  # flat: its two ends draw the same line
        ([(0, 5), (1, 6), (2, 6), (3, 6), (4, 2)], [(0, 5), (1, 6), (3, 6), (4, 2)]),
        ([(4, 1), (5, 3), (6, 1)], [(4, 1), (5, 3), (6, 1)]),  # every turn kept
    ],
)
def test_a_flat_stretch_of_the_line_keeps_only_its_ends(run, kept):
    assert diary_chart.corners(run) == kept


@pytest.mark.parametrize(
    "lang, words", [("en", "From 1 Dec 2024 to 30 Nov 2026:"), ("id", "Dari 1 Des 2024 sampai 30 Nov 2026:")]
)
def test_a_span_over_a_new_year_names_the_years(lang, words):
    points = [Point(date(2024, 12, 1) + timedelta(days=i), 5, 2) for i in range(730)]
    with i18n.using(lang):
        assert diary_chart.chart_text(points, set()).startswith(words)


def test_a_month_keeps_a_cell_and_a_dot_for_each_day():
    points = [Point(DAY - timedelta(days=29 - i), 5, 2) for i in range(30)]
    flow, dots = diary_chart.day_cells(points, {DAY})
    assert len(flow) == len(dots) == 30 and {c.expand for c in flow + dots} == {1}
    (drawing,) = [n for n in walk(diary_chart.chart(points, {DAY})) if isinstance(n, fch.LineChart)]
    assert all(line.point for line in drawing.data_series)


@pytest.mark.parametrize(
    "n, labelled",
    [
        (1, [0]),  # one day: its date
        (3, [0, 1, 2]),  # born two days ago: every day
        (6, [0, 2, 5]),  # the birth, one between, today: 2 and 4 would crowd today
        (7, [0, 2, 4, 6]),  # a week: every other day
        (19, [0, 5, 10, 18]),  # born 18 days ago: 15 would touch today's date
        (30, [0, 8, 16, 29]),  # a month: 24 would touch today's date
        (120, [0, 30, 60, 90, 119]),  # all: still five
    ],
)
def test_the_dates_under_the_chart_start_at_the_first_day_and_end_today(n, labelled):
    assert diary_chart.label_days(n) == labelled


@pytest.mark.parametrize("lang, text", [("en", "20 Nov"), ("id", "20 Nov")])
def test_the_chart_dates_read_as_day_and_month(lang, text):
    with i18n.using(lang):
        assert diary_chart.short_date(date(2026, 11, 20)) == text


def test_the_comparison_counts_days_and_says_it_is_no_proof():
    c = MassageComparison(massage=DaysCount(11, 7), other=DaysCount(5, 2))
    shown = " ".join(texts(diary_history.comparison(c)))
    assert "On days with a massage: flowing well on 7 of 11 days." in shown
    assert "On days without a massage: flowing well on 2 of 5 days." in shown
    assert "does not prove that the massage caused it" in shown and "day 3-4" in shown


def test_no_comparison_until_both_sides_have_reports():
    assert "diary-compare" not in identifiers(diary_history.comparison(None))


def test_a_past_days_red_flags_show_on_that_day():
    entry = DayEntry(DAY, 5, _report(fever=True), [], [RedFlag.FEVER])
    card = diary_history._day_card(entry, lambda key: None, lambda day: None)
    assert "dayflag-2026-11-22-fever" in identifiers(card)
    assert "Fever of 38 °C or more" in texts(card)


def test_a_day_not_filled_in_opens_the_form_for_that_day():
    opened: list[str] = []
    card = diary_history._day_card(DayEntry(DAY, 5, None, []), opened.append, lambda day: None)
    assert {"empty-2026-11-22", "edit-2026-11-22"} <= identifiers(card)
    button = next(n for n in walk(find(card, "edit-2026-11-22")) if getattr(n, "on_click", None))
    button.on_click(None)
    assert opened == ["2026-11-22"]


@pytest.mark.parametrize(
    "since, last, words",
    [
        (DAY, DAY, "Reported today."),  # today's report
        (date(2026, 11, 20), date(2026, 11, 20), "Reported 20 Nov 2026."),  # a day before: its date
        (date(2026, 11, 19), DAY, "Reported from 19 Nov 2026 to today."),  # a run of days
    ],
)
def test_a_flag_card_on_today_says_when_it_was_reported(since, last, words):
    card = flag_card(RedFlag.FEVER, since, last=last, today=DAY)
    assert words in texts(card)


def test_a_fever_card_says_keep_breastfeeding_and_when_to_call():
    card = flag_card(RedFlag.FEVER, DAY)
    assert "flag-fever" in identifiers(card)
    assert {"Keep breastfeeding.", "Contact the midwife (bidan) today."} <= set(texts(card))  # DOMAIN §3, TODAY


@pytest.mark.parametrize(
    "table, codes",
    [
        (flags.FLAG_TITLES, list(RedFlag)),  # every red flag has a title
        (flags.FLAG_MEANING, list(RedFlag)),  # ... and a plain meaning
        (flags.URGENCY, list(Urgency)),  # every urgency in words
        (flags.NOTICE_TITLES, list(Notice)),  # every notice has a title
        (flags.NOTICE_TEXTS, list(Notice)),  # ... and its text
        (labels.MOTHER_SIGN_LABELS, list(MotherSign)),  # every question of the mother's own check
        (labels.BABY_SIGN_LABELS, list(BabySign)),  # every newborn danger sign
        (labels.SIGN_LABELS, list(Sign)),  # the 8 signs and the old sign 7 (history)
        (labels.QUESTION_LABELS, list(OPTIONAL_QUESTIONS)),  # the baby's and breasts' yes/no questions
        (labels.VISIT_WINDOWS, list(Visit)),  # KF1-KF4
        (labels.FIELD_ERRORS, list(FieldError)),  # every field error has a message
    ],
)
def test_every_code_has_words(table, codes):
    assert [code for code in codes if code not in table] == []


@pytest.mark.parametrize(
    "table",
    [
        flags.FLAG_TITLES,
        flags.FLAG_MEANING,
        flags.URGENCY,
        flags.NOTICE_TEXTS,
        labels.MOTHER_SIGN_LABELS,
        labels.BABY_SIGN_LABELS,
        labels.QUESTION_LABELS,
    ],
)
def test_every_label_is_translated_into_indonesian(table):
    with i18n.using("id"):
        assert [msg for msg in table.values() if i18n._(msg) == msg] == []


async def _dial(uri: str) -> None:
    return None


def _card_ids(flag: RedFlag, calls: Calls | None = None) -> set[str]:
    return set(identifiers(flag_card(flag, DAY, calls)))


SAVED = Calls(midwife_tel="tel:+6281234567890", facility_tel="tel:+62215551234", dial=_dial, add_phone=lambda: None)


@pytest.mark.parametrize(
    "flag, calls, shown, hidden",
    [
        # GO NOW with nothing saved: 119, and a quiet way to save numbers for next time
        (
            RedFlag.HEAVY_BLEEDING,
            Calls(dial=_dial, add_phone=lambda: None),
            {"call-119", "add-phones"},
            {"call-midwife"},
        ),
        (RedFlag.BABY_FITS, Calls(dial=_dial), {"call-119"}, {"call-facility", "call-midwife"}),  # the baby's too
        # GO NOW with numbers saved: 119 first, then the facility and the midwife
        (RedFlag.HEAVY_BLEEDING, SAVED, {"call-119", "call-facility", "call-midwife"}, {"add-phones"}),
        (RedFlag.FEVER, SAVED, {"call-midwife"}, {"call-facility", "call-119"}),  # today: the midwife
        (RedFlag.NIPPLES_CRACKED, SAVED, {"call-midwife"}, {"call-facility", "call-119"}),  # soon: the midwife
    ],
)
def test_every_card_has_a_call_button(flag, calls, shown, hidden):
    ids = _card_ids(flag, calls)
    assert shown <= ids and not hidden & ids


def test_the_go_now_card_calls_119_first_with_nothing_saved():
    dialled: list[str] = []

    async def dial(uri: str) -> None:
        dialled.append(uri)

    card = flag_card(RedFlag.HEAVY_BLEEDING, DAY, Calls(dial=dial))
    buttons = [c for c in walk(card) if getattr(c, "identifier", None) and c.identifier.startswith("call-")]
    assert [b.identifier for b in buttons] == ["call-119"]
    button = next(c for c in walk(buttons[0]) if getattr(c, "on_click", None))
    asyncio.run(button.on_click(None))
    assert dialled == ["tel:119"]
    assert "Call 119 (emergency, free)" in texts(card)


def test_a_go_now_card_is_solid_red_and_says_what_to_do_now():
    urgent: Any = flag_card(RedFlag.FITS, DAY)
    calm: Any = flag_card(RedFlag.FEVER, DAY)
    assert urgent.label == "Urgent" and calm.label is None
    assert urgent.content.bgcolor == flags.kit.DANGER and calm.content.bgcolor != flags.kit.DANGER
    assert "Go to the nearest health facility now. Someone should take you. Bring the Buku KIA." in texts(urgent)
    baby = flag_card(RedFlag.BABY_BREATHING, DAY)
    assert "Take the baby to the nearest health facility now. Bring the Buku KIA." in texts(baby)


def test_a_calm_card_without_a_number_asks_for_it():
    shown = texts(flag_card(RedFlag.FEVER, DAY, Calls()))
    assert {w for w in shown if w.startswith(("Add ", "Call "))} == {"Add the midwife's phone"}
    assert texts(flag_card(RedFlag.FEVER, DAY, SAVED)).count("Call the midwife") == 1


def test_every_urgency_the_rules_use_is_worded():
    assert {rule.urgency for rule in RULES.values()} <= set(flags.URGENCY)


def test_a_notice_card_says_baby_blues_passes():
    card = notice_card(Notice.BABY_BLUES)
    assert "notice-baby_blues" in identifiers(card)
    assert any("passes within about two weeks" in text for text in texts(card))


@pytest.mark.parametrize(
    "n, lang, text",
    [
        (0, "en", "The day of birth (day 0)"),  # day 0 is named, not "day 0 after birth"
        (0, "id", "Hari lahir bayi (hari ke-0)"),  # reads right in Indonesian
        (3, "id", "Hari ke-3 setelah melahirkan"),  # the midwife's way
    ],
)
def test_the_postpartum_day_in_words(n, lang, text):
    with i18n.using(lang):
        assert pp_day_text(n) == text


def test_the_kf_visit_due_names_its_window_and_dates():
    due = VisitDue(Visit.KF2, date(2026, 11, 21), date(2026, 11, 25), Timing.NOW)
    assert labels.visit_lines(due) == (
        "Postnatal visit KF2 (kunjungan nifas) is due: days 3-7 after birth",
        "From 21 Nov 2026 to 25 Nov 2026: a visit by the midwife.",
    )


@pytest.mark.parametrize(
    "fields, score",
    [
        ({"sign:nipple_pain_worse": "no"}, 1),  # sign 7 asked positively: no pain getting worse counts
        ({"sign:nipple_pain_worse": "yes"}, 0),  # a yes is not a sign of enough milk
        ({"sign:feeds_8_to_12": "yes", "sign:baby_satisfied": ""}, 1),  # blank is not answered
    ],
)
def test_the_signs_score_counts_good_answers(fields, score):
    assert report.signs_yes(fields) == score


def test_the_mothers_check_groups_go_now_apart_from_today():
    groups = {key: signs for key, _, signs in report_parts.mother_groups()}
    go_now = {flag.value for flag, rule in RULES.items() if rule.urgency is Urgency.GO_NOW}
    assert groups["go_now"] == [s for s in MotherSign if s.value in go_now]
    assert MotherSign.CHILLS in groups["today"] and MotherSign.SAD in groups["mood"]
    assert sorted(sum(groups.values(), [])) == sorted(MotherSign)  # every question once


@pytest.mark.parametrize(
    "stack, part",
    [
        (["/", "/report?part=mother"], "mother"),  # from Today's "Check how you feel"
        (["/", "/report"], None),  # the whole form, in its usual order
    ],
)
def test_the_report_screen_finds_its_part(stack, part):
    assert report.requested_part(stack) == part


def test_the_reminders_calendar_has_two_daily_events_in_her_language():
    with i18n.using("id"):
        text = reminders.ics_text(
            time(6, 30), time(19, 15), now=datetime(2026, 11, 22, 6, 0).astimezone(), start=DAY, tz_name="Asia/Jakarta"
        )
    assert text.count("RRULE:FREQ=DAILY") == 2
    assert "DTSTART;TZID=Asia/Jakarta:20261122T063000" in text and "BEGIN:VTIMEZONE" in text
    assert "SUMMARY:Pijat oksitosin pagi" in text and "SUMMARY:Pijat oksitosin malam" in text


@pytest.mark.parametrize(
    "at, en, id_",
    [
        (time(7, 0), "Morning oxytocin massage", "Pijat oksitosin pagi"),  # pagi
        (time(12, 30), "Midday oxytocin massage", "Pijat oksitosin siang"),  # siang
        (time(16, 0), "Afternoon oxytocin massage", "Pijat oksitosin sore"),  # sore
        (time(19, 0), "Evening oxytocin massage", "Pijat oksitosin malam"),  # malam
        (time(5, 0), "Morning oxytocin massage", "Pijat oksitosin pagi"),  # an early "evening" field still says pagi
    ],
)
def test_a_reminder_is_named_by_its_hour_in_both_languages(at, en, id_):
    assert reminders.reminder_title(at) == en
    with i18n.using("id"):
        assert reminders.reminder_title(at) == id_


def test_the_reminders_screen_gives_the_clock_app_steps_with_her_times():
    steps = reminders.clock_steps({"morning": "06:30", "evening": "19:15"})
    assert "2. Add an alarm at 06:30 and one at 19:15." in steps
    assert steps[0].startswith("Many Android phones cannot add a calendar file")
