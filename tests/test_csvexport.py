"""CSV exports: the documented columns, UTF-8 a spreadsheet reads, and no cell a spreadsheet would
run as a formula."""

from __future__ import annotations

import csv
import io
import uuid
from datetime import UTC, date, datetime, timedelta

import pytest

from app.domain.csvexport import REPORT_COLUMNS, SESSION_COLUMNS, reports_csv, safe_cell, sessions_csv
from app.domain.records import SessionRecord, SessionStatus
from app.domain.report import validate_report

BORN = date(2026, 11, 10)


def rows(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM: Excel then reads UTF-8
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+62 812", "'+62 812"),
        ("-1+1", "'-1+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\r=1", "'\r=1"),
        ("Bayi tenang = senang", "Bayi tenang = senang"),
        ("", ""),
    ],
)
def test_text_that_would_start_a_formula_is_escaped(text, written):
    assert safe_cell(text) == written


def test_numbers_are_not_escaped():
    assert safe_cell(-3) == -3 and safe_cell(None) is None


def test_reports_csv_has_the_documented_columns_and_her_words_unchanged():
    made = []
    for n, note in ((2, "=1+2 Lelah 🙂"), (1, "Ñ é ü")):
        report, errors = validate_report(
            {
                "day": BORN + timedelta(days=n),
                "flow": "well" if n == 2 else "not_yet",
                "feeds_24h": "9",
                "note": note,
                "signs": {"feeds_8_to_12": True, "nipple_pain_worse": False},
                "dark_urine": False,
            },
            today=date(2026, 11, 20),
            birth_date=BORN,
        )
        assert report is not None, errors
        made.append(report)
    data = reports_csv(made, birth_date=BORN)
    table = rows(data)
    assert list(table[0]) == list(REPORT_COLUMNS)
    assert [r["day"] for r in table] == ["2026-11-11", "2026-11-12"]  # oldest first
    assert table[0]["postpartum_day"] == "1" and table[0]["flow"] == "not_yet"
    assert table[1]["signs_score"] == "2" and table[1]["signs_answered"] == "2"
    assert table[1]["sign_feeds_8_to_12"] == "yes" and table[1]["sign_baby_satisfied"] == ""
    assert table[1]["dark_urine"] == "no" and table[1]["black_stools"] == ""
    assert table[1]["note"] == "'=1+2 Lelah 🙂"
    assert table[0]["note"] == "Ñ é ü"


def test_sessions_csv_leaves_out_demonstrations():
    start = datetime(2026, 11, 12, 0, 30, tzinfo=UTC)

    def record(sid: int, demo: bool, status: SessionStatus) -> SessionRecord:
        return SessionRecord(
            id=sid,
            uuid=uuid.uuid4(),
            started_at=start + timedelta(hours=sid),
            updated_at=start,
            ended_at=start + timedelta(hours=sid, minutes=12),
            demo=demo,
            round_s=180,
            rest_s=60,
            rounds_planned=3,
            build="heavier",
            technique="fists",
            status=status,
            snapshot={},
            rounds_done=1,
            massaged_s=95.0,
            comfort=None,
            letdown=False,
        )

    table = rows(sessions_csv([record(2, False, SessionStatus.STOPPED_PAIN), record(1, True, SessionStatus.COMPLETED)]))
    assert list(table[0]) == list(SESSION_COLUMNS)
    assert len(table) == 1
    assert table[0]["outcome"] == "stopped_pain" and table[0]["round_minutes"] == "3"
    assert table[0]["massaged_minutes"] == "1.6" and table[0]["comfort"] == "" and table[0]["letdown"] == "no"


def test_the_massages_csv_is_in_local_time_with_its_offset():
    from zoneinfo import ZoneInfo

    start = datetime(2026, 12, 4, 2, 15, tzinfo=UTC)
    record = SessionRecord(
        id=1,
        uuid=uuid.uuid4(),
        started_at=start,
        updated_at=start,
        ended_at=start + timedelta(minutes=15),
        demo=False,
        round_s=240,
        rest_s=60,
        rounds_planned=3,
        build="heavier",
        technique="fists",
        status=SessionStatus.COMPLETED,
        snapshot={},
        rounds_done=3,
        massaged_s=720.0,
        comfort=4,
        letdown=True,
    )
    (row,) = rows(sessions_csv([record], tz=ZoneInfo("Asia/Jakarta")))
    assert row["started_at"] == "2026-12-04T09:15:00+07:00"
    assert row["ended_at"] == "2026-12-04T09:30:00+07:00"
    assert datetime.fromisoformat(row["started_at"]) == start  # the same moment
    assert float(row["massaged_minutes"]) == 12.0


def test_colostrum_first_seen_carries_the_zones_offset():
    from zoneinfo import ZoneInfo

    report, errors = validate_report(
        {"day": BORN + timedelta(days=2), "flow": "well", "colostrum_first_seen": "2026-11-11T08:30"},
        today=BORN + timedelta(days=5),
        birth_date=BORN,
    )
    assert report is not None, errors
    (row,) = rows(reports_csv([report], birth_date=BORN, tz=ZoneInfo("Asia/Makassar")))
    assert row["colostrum_first_seen"] == "2026-11-11T08:30+08:00"
