"""The monthly recap's files read back as a puskesmas reads them: the PDF's text (pypdf) in both
languages, the CSV with csv.DictReader; counts only, never a mother's name."""

from __future__ import annotations

import csv
import io
import uuid
from datetime import UTC, date, datetime

import pytest
from pypdf import PdfReader

from app import i18n
from app.domain.mothers import Mother
from app.domain.quiz import ITEMS, Phase, Question, QuizAttempt
from app.domain.recap import DoneVisitRow, Month, ReportRow, recap
from app.domain.report import DailyReport, Flow
from app.domain.skills import STEPS, Checked, SkillsCheck
from app.domain.visits import Visit
from app.services.recap import Recap
from app.ui import recap_csv
from app.ui import recap_export as export
from app.ui.recap_pdf import pdf_bytes

NOV = Month(2026, 11)
A, B = uuid.UUID(int=1), uuid.UUID(int=2)
BORN = date(2026, 11, 1)
RIGHT = {item.question.value: item.answer for item in ITEMS}


def _at(day: int, hour: int = 9) -> datetime:
    return datetime(2026, 11, day, hour, tzinfo=UTC)


@pytest.fixture
def found() -> Recap:
    before = {q: a for q, a in RIGHT.items() if q != Question.HORMONE.value}
    before[Question.HORMONE.value] = "hormone.prolactin"
    counts = recap(
        NOV,
        visits=[
            DoneVisitRow(A, Visit.KF1, date(2026, 11, 2), BORN),
            DoneVisitRow(A, Visit.KF2, date(2026, 11, 9), BORN),
            DoneVisitRow(B, Visit.KF1, date(2026, 11, 3), BORN),
        ],
        quizzes=[
            QuizAttempt(uuid.uuid4(), A, Phase.BEFORE, _at(2), 90, before),
            QuizAttempt(uuid.uuid4(), A, Phase.AFTER, _at(2, 10), 100, RIGHT),
        ],
        skills=[SkillsCheck(uuid.uuid4(), A, _at(2), Checked.HUSBAND, None, dict.fromkeys(STEPS, True), 100)],
        reports=[ReportRow(B, DailyReport(day=date(2026, 11, 4), flow=Flow.WELL, baby_danger=True), BORN)],
        tz=UTC,
    )
    mother = Mother(
        id=B,
        nickname="Rahasia Sekali",
        baby_birth_date=BORN,
        midwife_phone=None,
        facility_phone=None,
        archived_at=None,
        number=2,
    )
    return Recap(
        counts=counts, made_at=datetime(2026, 12, 2, 8, tzinfo=UTC), today=date(2026, 12, 2), mothers={B: mother}
    )


def _pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        (
            "en",
            [
                "Monthly recap",
                "November 2026 From 1 Nov to 30 Nov 2026",
                "A mother visited: a postnatal visit (KF) marked done in the month",
                "Mothers visited: 2",
                "Families taught: 1",
                "Skills signed off (every step right): 1 family, in 1 skills check",
                "On time",
                "KF2",
                "Before teaching: 1 quiz, average score 90%",
                "After teaching: 1 quiz, average score 100%",
                "Which hormone lets the milk flow out of the breast? Right before: 0%, after: 100%",
                "Mothers with a warning sign: 1 (1 to go to a health facility now, 0 to contact the midwife today)",
            ],
        ),
        (
            "id",
            [
                "Rekap bulanan",
                "November 2026 Dari 1 Nov sampai 30 Nov 2026",
                "Ibu yang dikunjungi: 2",
                "Keluarga yang diajari: 1",
                "Keterampilan lulus (semua langkah benar): 1 keluarga, dari 1 pemeriksaan keterampilan",
                "Tepat waktu",
                "Sebelum diajari: 1 kuis, nilai rata-rata 90%",
                "Benar sebelum: 0%, sesudah: 100%",
                "Ibu dengan tanda bahaya: 1 (1 harus segera ke fasilitas kesehatan, 0 harus menghubungi bidan",
            ],
        ),
    ],
)
def test_the_pdf_says_the_month_in_the_chosen_language(found: Recap, lang: str, words: list[str]) -> None:
    with i18n.using(lang):
        data = pdf_bytes(found)
    assert data.startswith(b"%PDF-")
    text = _pdf_text(data)
    for word in words:
        assert word in text, word
    assert "Rahasia" not in text  # the file leaves the phone: counts, never a name


def test_the_screen_words_name_the_flagged_mother(found: Recap) -> None:
    with i18n.using("en"):
        lines = export.flag_lines(found, names=True)
    assert lines[1] == "Rahasia Sekali: go to a health facility now, from Wed 4 Nov"


@pytest.mark.parametrize("lang", ["en", "id"])
def test_the_csv_reads_back_as_numbers_by_code(found: Recap, lang: str) -> None:
    with i18n.using(lang):
        data = recap_csv.csv_bytes(found)
    assert data.startswith(b"\xef\xbb\xbf")  # a BOM: Excel reads the letters right
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert list(rows[0]) == list(recap_csv.CSV_COLUMNS)
    assert {row["month"] for row in rows} == {"2026-11"}
    value = {row["item"]: row["value"] for row in rows}
    assert value["period_first"] == "2026-11-01" and value["period_last"] == "2026-11-30"
    assert value["made_at"] == "2026-12-02T08:00:00+00:00"
    assert (value["mothers_visited"], value["families_taught"], value["skills_signed_off"]) == ("2", "1", "1")
    assert (value["kf1:on_time"], value["kf1:late"], value["kf2:late"], value["kf3:on_time"]) == ("2", "0", "1", "0")
    assert (value["before:average"], value["after:average"]) == ("90", "100")
    assert (value["before:hormone"], value["after:hormone"], value["before:hormone:answered"]) == ("0", "100", "1")
    assert (value["mothers_flagged"], value["go_now"], value["today"]) == ("1", "1", "0")
    units = {row["item"]: row["unit"] for row in rows}
    assert units["before:average"] == "percent" and units["kf1:on_time"] == "count"
    assert "Rahasia" not in data.decode("utf-8-sig")
    words = {row["item"]: row["text"] for row in rows}
    assert words["mothers_visited"] == ("Mothers visited: 2" if lang == "en" else "Ibu yang dikunjungi: 2")
