"""The visit summary of one mother, on a real SQLite file: what it holds (7 days, massages, red flags
by whose they are, quiz, skills, KF visit), that a demonstration never enters it, and its PDF (read
back with pypdf: names, numbers, Indonesian words) and CSV (header, UTF-8, formula escaping)."""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pypdfium2 as pdfium
import pytest
from pypdf import PdfReader

from app import i18n
from app.domain.clock import FakeClock
from app.domain.profile import Profile
from app.domain.quiz import QUESTIONS
from app.domain.records import NewSession, SessionProgress, SessionStatus
from app.domain.redflags import FlagGroup, RedFlag
from app.domain.report import DailyReport, validate_report
from app.domain.skills import STEPS, Checked, Step
from app.domain.visits import Visit
from app.services.summary import SummaryService, VisitSummary
from app.services.teaching import TeachingService
from app.store.db import Store
from app.ui import summary_csv
from app.ui import summary_export as export
from app.ui.summary_pdf import pdf_bytes

DAY = date(2026, 11, 22)  # FakeClock's day (06:00 UTC)
BORN = DAY - timedelta(days=10)
NAME = "Siti Ma'rifah"


@pytest.fixture(autouse=True)
def utc_local_time() -> Iterator[None]:
    # The export shows local times; pin the machine's zone so the test does not depend on it.
    old = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    import time

    time.tzset()
    yield
    if old is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = old
    time.tzset()


def _report(day: date, **fields: object) -> DailyReport:
    report, errors = validate_report({"day": day, "flow": "well", **fields}, today=DAY, birth_date=BORN)
    assert report is not None, errors
    return report


def _session(
    store: Store, day: date, hour: int, status: SessionStatus, *, demo: bool = False, comfort: int | None = None
) -> None:
    start = datetime(day.year, day.month, day.day, hour, tzinfo=UTC)
    sid = store.sessions.create(
        NewSession(started_at=start, demo=demo, round_s=180, rest_s=60, rounds_planned=3, snapshot={})
    )
    if status is not SessionStatus.IN_PROGRESS:
        store.sessions.finish(
            sid,
            status,
            SessionProgress(
                at=start + timedelta(minutes=11),
                snapshot={},
                rounds_done=3 if status is SessionStatus.COMPLETED else 1,
                massaged_s=540,
            ),
        )
        if comfort is not None:
            store.sessions.rate(sid, comfort, None)


@pytest.fixture
def filled(fresh_db: Store, clock: FakeClock) -> Store:
    store = fresh_db
    at = clock.wall()
    store.profile.save(Profile(mother_name=NAME, baby_birth_date=BORN), at=at)
    store.diary.save(_report(DAY - timedelta(days=8), feeds_24h=3), at=at)  # outside the 7 days
    store.diary.save(
        _report(
            DAY - timedelta(days=2),
            feeds_24h=9,
            wet_diapers=6,
            signs={"feeds_8_to_12": True, "baby_satisfied": True},
            note="=Bayi rewel malam",
        ),
        at=at,
    )
    # Today: fever with a red, painful breast (mastitis), lochia that smells (the mother's own), few feeds
    # and wet diapers (the baby's).
    store.diary.save(
        _report(
            DAY,
            flow="not_well",
            feeds_24h=5,
            wet_diapers=4,
            fever=True,
            temperature_c=38.6,
            breast_redness=True,
            breast_pain=True,
            mother_signs={"lochia_smells": True},
        ),
        at=at,
    )
    _session(store, DAY - timedelta(days=1), 7, SessionStatus.COMPLETED, comfort=4)
    _session(store, DAY - timedelta(days=1), 18, SessionStatus.STOPPED_PAIN, comfort=2)
    _session(store, DAY, 5, SessionStatus.COMPLETED)
    _session(store, DAY, 4, SessionStatus.COMPLETED, demo=True)  # a midwife's demonstration
    _session(store, DAY, 3, SessionStatus.IN_PROGRESS)  # still running: not in the summary
    _session(store, DAY - timedelta(days=9), 7, SessionStatus.COMPLETED)  # outside the 7 days
    teaching = TeachingService(store, clock)
    teaching.save_quiz("before", {"where": "where.spine_sides", "hormone": "hormone.prolactin"})
    teaching.save_quiz(
        "after",
        {item.question.value: item.answer for item in __import__("app.domain.quiz", fromlist=["ITEMS"]).ITEMS},
    )
    teaching.save_skills(Checked.HUSBAND, "Budi", {s.value: s is not Step.ASKS_PAIN for s in STEPS})
    return store


@pytest.fixture
def summary(filled: Store, clock: FakeClock) -> VisitSummary:
    return SummaryService(filled, clock, tz=UTC).summary()


def test_the_summary_covers_seven_days_oldest_first(summary):
    assert [d.day for d in summary.days] == [DAY - timedelta(days=n) for n in range(6, -1, -1)]
    assert summary.postpartum_day == 10
    today = summary.days[-1]
    assert today.report is not None and today.report.feeds_24h == 5 and today.massages == 1
    assert summary.days[-3].report is not None and summary.days[-3].report.sign_count.score == 2
    assert summary.days[0].report is None  # nothing reported that day


def test_massages_are_counted_by_how_they_ended_without_demonstrations(summary):
    assert len(summary.sessions) == 3
    assert summary.count(SessionStatus.COMPLETED) == 2
    assert summary.count(SessionStatus.STOPPED_PAIN) == 1
    assert not any(s.demo for s in summary.sessions)
    assert summary.comfort_average == 3.0


def test_open_red_flags_are_grouped_baby_breast_mother(summary):
    groups = [f.group for f in summary.flags]
    assert groups == sorted(groups, key=[FlagGroup.BABY, FlagGroup.BREAST, FlagGroup.MOTHER].index)
    codes = {f.flag for f in summary.flags}
    assert {RedFlag.FEW_FEEDS, RedFlag.MASTITIS, RedFlag.LOCHIA_SMELLS} <= codes
    assert summary.flags_of(FlagGroup.BREAST)
    assert all(f.since == DAY for f in summary.flags_of(FlagGroup.MOTHER))


def test_quiz_skills_and_kf_visit(summary):
    assert summary.quiz.before is not None and summary.quiz.before.score_pct == 10
    assert summary.quiz.after is not None and summary.quiz.after.score_pct == 100
    assert summary.skills is not None and summary.skills.result.not_yet == [Step.ASKS_PAIN]
    assert summary.visit_now is not None and summary.visit_now.visit is Visit.KF3
    assert summary.visit_next is not None and summary.visit_next.visit is Visit.KF4


def test_another_mothers_quiz_and_skills_are_not_hers(filled, clock):
    other = SummaryService(filled.mother(filled.mothers.add(at=clock.wall())), clock, tz=UTC).summary()
    assert other.quiz.before is None and other.skills is None


def test_the_summary_of_an_empty_diary(fresh_db, clock):
    empty = SummaryService(fresh_db, clock, tz=UTC).summary()
    assert all(d.report is None for d in empty.days) and empty.sessions == [] and empty.flags == []
    assert empty.visit_now is None and empty.visit_next is None
    with i18n.using("en"):
        assert "The last 7 days" in _pdf_text(pdf_bytes(empty))


# -- the PDF ----------------------------------------------------------------------------------------


def _pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        (
            "en",
            [
                "Visit summary",
                "For the family: education, not a diagnosis",
                "call 119",
                "Her last temperature",
                "38.6 °C, taken on Sun 22 Nov",
                "Fri 20 Nov: =Bayi rewel malam",
                "Sat 21 Nov 07:00 · Completed · 3 of 3 rounds · 9 min massaged · comfort 4/5",
                "Mother: Siti Ma'rifah",
                "Day 10 after birth",
                "3 massages: 2 completed, 1 stopped because it hurt, 0 ended early",
                "Before teaching: 10%",
                "After teaching: 100%",
                "Husband (Budi): 8 of 9 steps right (89%)",
                "Asking about pain",
                "KF3",
                "KF4",
                "Lochia (the bleeding after birth) smells bad",
                # The quiz per question, before -> after: the mix-ups she had are the midwife's topics.
                "and which way do the hands move? before: right, after: right",
                "9. Which hormone lets the milk flow out of the breast? before: wrong, after: right",
                "2. Where does each stroke start? before: –, after: right",
            ],
        ),
        (
            "id",
            [
                "Ringkasan kunjungan",
                "Untuk keluarga: bahan belajar, bukan diagnosis",
                "38,6 °C, diukur pada",
                "3 dari 3 ulangan · 9 menit dipijat",
                "Ibu: Siti Ma'rifah",
                "Hari ke-10",
                "3 kali pijat: 2 selesai, 1 dihentikan karena sakit, 0 diakhiri lebih awal",
                "Sebelum diajari: 10%",
                "Sesudah diajari: 100%",
                "Suami (Budi): 8 dari 9 langkah benar (89%)",
                "Menanyakan rasa sakit",
                "KF3",
                "Ringkasan",
                "–",
            ],
        ),
    ],
)
def test_the_pdf_says_it_all_in_the_chosen_language(summary, lang, words):
    with i18n.using(lang):
        data = pdf_bytes(summary)
    assert data.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(data))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4 in points
    text = " ".join(_pdf_text(data).split())
    for word in words:
        assert word in text, word
    assert "Pijat Oksitosin" in text


def test_the_first_page_renders(summary):
    """PDFium (the engine of Chromium's and Android's PDF viewers) draws the first page: an A4 page,
    mostly white paper, with text on it."""
    with i18n.using("id"):
        document = pdfium.PdfDocument(pdf_bytes(summary))
    page = document[0].render(scale=60 / 72).to_pil().convert("L")  # 60 dpi
    assert page.size == pytest.approx((496, 702), abs=1)  # A4 at 60 dpi
    histogram = page.histogram()
    paper, ink = sum(histogram[240:]), sum(histogram[:128])
    assert paper > 0.6 * page.width * page.height  # a page, not a black box
    assert ink > 0.01 * page.width * page.height  # with words on it, not blank
    keep = os.environ.get("SUMMARY_PNG")  # SUMMARY_PNG=path keeps it to look at
    if keep:
        page.save(keep)


# -- the CSV ----------------------------------------------------------------------------------------


def test_the_csv_has_its_documented_columns_and_reads_back(summary):
    with i18n.using("id"):
        data = summary_csv.csv_bytes(summary)
    assert data.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert tuple(rows[0]) == summary_csv.CSV_COLUMNS
    assert {
        "section": "mother",
        "date": "",
        "time": "",
        "item": "name",
        "value": NAME,
        "unit": "",
        "text": NAME,
    } in rows
    feeds = [r for r in rows if r["item"] == "feeds_24h"]
    assert [(r["date"], r["value"]) for r in feeds] == [("2026-11-20", "9"), ("2026-11-22", "5")]
    statuses = [r["value"] for r in rows if r["section"] == "massage" and r["item"] == "status"]
    assert statuses == ["completed", "stopped_pain", "completed"]
    quiz = {r["item"]: r["value"] for r in rows if r["section"] == "quiz"}
    assert (quiz["before"], quiz["after"]) == ("10", "100")
    # Each question before and after: 1 right, 0 wrong, empty not answered.
    assert (quiz["before:where"], quiz["before:hormone"], quiz["before:start"]) == ("1", "0", "")
    assert {quiz[f"after:{q.value}"] for q in QUESTIONS} == {"1"}
    assert [r["value"] for r in rows if r["section"] == "skills" and r["item"] == "asks_pain"] == ["0"]
    assert any(r["section"] == "flag" and r["item"] == "lochia_smells" and r["value"] == "mother" for r in rows)


def test_a_name_that_looks_like_a_formula_is_escaped_in_the_file(fresh_db, clock):
    fresh_db.profile.save(Profile(mother_name="=cmd|' /C calc'!A0", baby_birth_date=BORN), at=clock.wall())
    with i18n.using("en"):
        data = summary_csv.csv_bytes(SummaryService(fresh_db, clock, tz=UTC).summary()).decode("utf-8-sig")
    assert "'=cmd" in data and ",=cmd" not in data


def test_the_visit_history_says_which_visits_were_done_and_when(filled, clock):
    """Day 10: KF1 done on day 1 (on time), KF2 done on day 9 (late), KF3 due now, KF4 later; the
    screen's lines and the CSV's visit_done rows say so, in English and Indonesian."""
    from app.domain.visits import DoneVisit

    filled.visits.mark(DoneVisit(visit=Visit.KF1, done_on=BORN + timedelta(days=1)), at=clock.wall())
    filled.visits.mark(
        DoneVisit(visit=Visit.KF2, done_on=BORN + timedelta(days=9), note="jahitan baik"), at=clock.wall()
    )
    made = SummaryService(filled, clock, tz=UTC).summary()
    with i18n.using("en"):
        lines = export.visit_lines_all(made)
        rows = list(csv.DictReader(io.StringIO(summary_csv.csv_bytes(made).decode("utf-8-sig"))))
    assert lines == [
        "KF1 done on Fri 13 Nov, on time",
        "KF2 done on Sat 21 Nov, late (its window closed on Thu 19 Nov). Note: jahitan baik",
        "KF3 due now, until Thu 10 Dec",
        "KF4 from Fri 11 Dec to Thu 24 Dec",
    ]
    done = [(r["date"], r["item"], r["value"]) for r in rows if r["section"] == "visit_done"]
    assert done == [("2026-11-13", "kf1", "on_time"), ("2026-11-21", "kf2", "late")]
    with i18n.using("id"):
        assert export.visit_lines_all(made)[1].startswith("KF2 selesai pada Sab 21 Nov, terlambat")


def test_her_last_temperature_and_notes_are_in_the_summary(summary):
    assert summary.last_temperature is not None
    assert (summary.last_temperature.day, summary.last_temperature.celsius) == (DAY, 38.6)
    assert [(n.day, n.text) for n in summary.notes] == [(DAY - timedelta(days=2), "=Bayi rewel malam")]


def test_the_csv_gives_minutes_and_rounds_as_numbers_with_units_and_local_time_with_offset(filled, clock):
    os.environ["TZ"] = "Asia/Jakarta"  # WIB, +07:00 (the fixture puts the zone back)
    import time

    time.tzset()
    with i18n.using("en"):
        data = summary_csv.csv_bytes(SummaryService(filled, clock).summary())
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    massage = [r for r in rows if r["section"] == "massage"]
    first = [r for r in massage if r["time"] == "2026-11-21T14:00:00+07:00"]  # 07:00 UTC, in WIB
    by_item = {r["item"]: r for r in first}
    assert (by_item["minutes"]["value"], by_item["minutes"]["unit"]) == ("9.0", "min")
    assert float(by_item["minutes"]["value"]) == 9.0
    assert (by_item["rounds_done"]["value"], by_item["rounds_done"]["unit"]) == ("3", "rounds")
    assert by_item["rounds_done"]["text"] == "3 of 3 rounds"
    assert by_item["rounds_planned"]["value"] == "3"
    assert all(r["date"] == "2026-11-21" for r in first)
    assert all(r["time"].endswith("+07:00") for r in massage)
    assert "/" not in by_item["minutes"]["value"]  # never the old "0/3"
    (temp,) = [r for r in rows if r["section"] == "temperature"]
    assert (temp["value"], temp["unit"], temp["date"]) == ("38.6", "celsius", "2026-11-22")
    (note,) = [r for r in rows if r["section"] == "note"]
    assert note["value"] == "'=Bayi rewel malam"  # her words, never a formula
    quiz = [r for r in rows if r["section"] == "quiz" and r["item"] == "after"]
    assert quiz[0]["unit"] == "percent" and quiz[0]["time"].endswith("+07:00")


def test_one_massage_is_counted_in_the_singular(fresh_db, clock):
    _session(fresh_db, DAY, 5, SessionStatus.COMPLETED)
    with i18n.using("en"):
        text = export.massage_count_text(SummaryService(fresh_db, clock, tz=UTC).summary())
    assert text == "1 massage: 1 completed, 0 stopped because it hurt, 0 ended early"
