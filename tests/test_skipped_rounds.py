"""A massage whose rounds were skipped is not "completed" (DOMAIN 2: 3 rounds of 3-5 minutes): on a real
SQLite file, what history, Today, the CSV and FHIR exports and the visit summary say after the family
skipped every round, or one; and a row stored as "completed" by an older version reads the same."""

from __future__ import annotations

import csv
import io
import uuid
from datetime import UTC, datetime, timedelta

import pytest

from app import i18n
from app.domain.clock import FakeClock
from app.domain.csvexport import sessions_csv
from app.domain.fhir import MotherExport, bundle, resources
from app.domain.protocol import Build
from app.domain.records import NewSession, SessionProgress, SessionRecord, SessionStatus, outcome_of
from app.services.diary import DiaryService, HalfDay
from app.services.session import SessionController
from app.services.summary import SummaryService
from app.ui.screens.history import STATUS_LABELS, session_summary
from app.ui.screens.today import massage_state
from app.ui.summary_export import massage_count_text


def massage(store, clock: FakeClock, skip_rounds: set[int]) -> SessionRecord:
    """A real 3 x 3 minute massage, run second by second, with the rounds in `skip_rounds` (1-3)
    skipped as soon as they start (and every rest waited out)."""
    c = SessionController(store, clock)
    c.wizard.round_minutes, c.wizard.rest_minutes = 3, 1
    c.wizard.choose_build(Build.SLIM_NORMAL)
    c.begin()
    while c.active:
        view = c.view()
        assert view is not None
        if view.phase_kind is not None and view.phase_kind.value == "round" and view.round_number in skip_rounds:
            c.skip()
            continue
        clock.advance(1.0)
        c.tick()
    record = c.record()
    assert record is not None
    return record


@pytest.mark.parametrize(
    "skipped, status, done",
    [
        (set(), SessionStatus.COMPLETED, 3),
        ({2}, SessionStatus.ENDED_EARLY, 2),
        ({1, 2, 3}, SessionStatus.ENDED_EARLY, 0),
    ],
)
def test_only_a_massage_with_every_round_done_is_completed(fresh_db, clock, skipped, status, done):
    record = massage(fresh_db, clock, skipped)
    assert (record.status, record.rounds_done, record.rounds_planned) == (status, done, 3)
    with i18n.using("en"):
        assert i18n._(STATUS_LABELS[record.status]) == ("Completed" if not skipped else "Ended early")
        assert session_summary(record).startswith(f"{done} of 3 rounds")


def test_every_round_skipped_reads_as_ended_early_with_no_rounds_everywhere(fresh_db, clock):
    record = massage(fresh_db, clock, {1, 2, 3})
    assert record.massaged_s == 0
    # Today (the massage started at 06:00 UTC: this morning)
    today = DiaryService(fresh_db, clock, tz=UTC).today_summary()
    assert (today.morning, today.morning_rounds) == (HalfDay.ENDED_EARLY, (0, 3))
    with i18n.using("en"):
        assert massage_state(today.morning, today.morning_rounds) == ("ended early (0 of 3 rounds)", False)
    with i18n.using("id"):
        assert massage_state(today.morning, today.morning_rounds) == ("diakhiri lebih awal (0 dari 3 ulangan)", False)
    # the diary chart marks no massage day
    assert (
        fresh_db.sessions.massage_days(clock.wall() - timedelta(days=1), clock.wall() + timedelta(days=1), UTC) == set()
    )
    # CSV
    (row,) = list(csv.DictReader(io.StringIO(sessions_csv([record]).decode("utf-8-sig"))))
    assert (row["outcome"], row["rounds_done"], row["rounds_planned"]) == ("ended_early", "0", "3")
    # FHIR: nothing was massaged, so the Procedure was not done
    made = bundle([MotherExport(uuid.uuid4(), None, None, [], [record])], at=clock.wall())
    (procedure,) = [r for r in resources(made) if r["resourceType"] == "Procedure"]
    assert procedure["status"] == "not-done"
    assert procedure["outcome"]["coding"][0]["code"] == "ended_early"
    assert procedure["outcome"]["text"] == "Ended early by the family: 0 of 3 rounds done"
    # the visit summary
    summary = SummaryService(fresh_db, clock, tz=UTC).summary()
    with i18n.using("en"):
        assert massage_count_text(summary).startswith("1 massage: 0 completed")


def test_a_massage_with_a_round_skipped_is_stopped_in_fhir_and_counted_in_the_outcome(fresh_db, clock):
    record = massage(fresh_db, clock, {3})
    made = bundle([MotherExport(uuid.uuid4(), None, None, [], [record])], at=clock.wall())
    (procedure,) = [r for r in resources(made) if r["resourceType"] == "Procedure"]
    assert procedure["status"] == "stopped"
    assert procedure["outcome"]["text"] == "Ended early by the family: 2 of 3 rounds done"


def test_a_row_stored_as_completed_with_rounds_missing_reads_as_ended_early(fresh_db, clock):
    """What an older version wrote after every round was skipped: status "completed", 0 rounds."""
    started = datetime(2026, 11, 22, 6, 0, tzinfo=UTC)
    session_id = fresh_db.sessions.create(
        NewSession(started_at=started, demo=False, round_s=180, rest_s=60, rounds_planned=3, snapshot={})
    )
    progress = SessionProgress(at=started + timedelta(minutes=1), snapshot={}, rounds_done=0, massaged_s=0.0)
    fresh_db.sessions.finish(session_id, SessionStatus.COMPLETED, progress)
    record = fresh_db.sessions.get(session_id)
    assert record is not None and record.status is SessionStatus.ENDED_EARLY
    assert fresh_db.sessions.massage_days(started - timedelta(days=1), started + timedelta(days=1), UTC) == set()
    assert DiaryService(fresh_db, clock, tz=UTC).today_summary().morning is HalfDay.ENDED_EARLY


def test_outcome_of_only_changes_a_completed_massage_missing_rounds():
    assert outcome_of(SessionStatus.COMPLETED, 3, 3) is SessionStatus.COMPLETED
    assert outcome_of(SessionStatus.COMPLETED, 2, 3) is SessionStatus.ENDED_EARLY
    assert outcome_of(SessionStatus.STOPPED_PAIN, 0, 3) is SessionStatus.STOPPED_PAIN
    assert outcome_of(SessionStatus.IN_PROGRESS, 0, 3) is SessionStatus.IN_PROGRESS
