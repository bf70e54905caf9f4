"""The mothers list at a midwife's scale, through the service on a real SQLite file (issue 23):
who needs her now comes first, old flags are history, a mother past day 42 is in "Finished" by
herself and can be brought back (stored: it lasts after the file is closed and opened again), and
the name search finds any mother, not only the first page's."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from uuid import UUID

from app.domain.caseload import Need
from app.domain.clock import FakeClock
from app.domain.redflags import RedFlag
from app.services.mothers import MothersService
from app.store.db import open_store
from tests.seed_many import IN_NIFAS, seed_many

TODAY = FakeClock().wall().astimezone().date()


def test_who_needs_her_now_comes_first(tmp_path: Path):
    path = tmp_path / "device.sqlite3"
    seeded = seed_many(path, 40, today=TODAY)
    with open_store(path) as store:
        rows = MothersService(store, FakeClock()).the_list(today=TODAY)
    ids = [str(row.id) for row in rows.active]
    # GO NOW this week, then TODAY this week, then the KF visit closing this week (day 2, KF1)
    assert ids[:3] == [seeded.go_now_recent, seeded.today_recent, seeded.day2_kf1]
    assert [row.need for row in rows.active[:3]] == [Need.GO_NOW, Need.TODAY, Need.VISIT]
    needs = [row.need for row in rows.active]
    assert needs == sorted(needs)  # the groups in order, then each by name
    for group in set(needs):
        names = [seeded.names[str(row.id)].casefold() for row in rows.active if row.need is group]
        assert names == sorted(names)
    assert len(rows.active) == IN_NIFAS and all(row.postpartum_day <= 42 for row in rows.active if row.postpartum_day)
    # A TODAY flag 10 days ago: no longer at the top, but still a badge (within the nifas period).
    stale = next(row for row in rows.active if str(row.id) == seeded.today_stale)
    assert stale.need is Need.NIFAS and stale.flags == [RedFlag.FEVER]
    # A KF visit whose window closed and that was never marked done: she needs a visit.
    overdue = next(row for row in rows.active if str(row.id) == seeded.kf_overdue)
    assert overdue.need is Need.VISIT


def test_an_old_flag_is_history_and_day_300_is_finished(tmp_path: Path):
    path = tmp_path / "device.sqlite3"
    seeded = seed_many(path, 40, today=TODAY)
    with open_store(path) as store:
        rows = MothersService(store, FakeClock()).the_list(today=TODAY)
    old = next(row for row in rows.finished if str(row.id) == seeded.go_now_old)
    assert old.postpartum_day == 300 and old.flags == [] and old.report_is_history  # no badge
    assert all(row.flags == [] for row in rows.finished)  # every old one's signs are history
    assert len(rows.finished) == 40 - IN_NIFAS and rows.archived == []
    names = [seeded.names[str(row.id)].casefold() for row in rows.finished]
    assert names == sorted(names)


def test_bring_back_lasts_and_can_be_undone(tmp_path: Path):
    path = tmp_path / "device.sqlite3"
    seeded = seed_many(path, 20, today=TODAY)
    old = UUID(seeded.go_now_old)
    with open_store(path) as store:
        MothersService(store, FakeClock()).keep(old)
    with open_store(path) as store:  # read back from the file, as after a restart
        service = MothersService(store, FakeClock())
        rows = service.the_list(today=TODAY)
        assert old in [row.id for row in rows.active] and old not in [row.id for row in rows.finished]
        assert rows.active[-1].id == old and rows.active[-1].need is Need.REST  # after the ones in nifas
        service.keep(old, False)
    with open_store(path) as store:
        rows = MothersService(store, FakeClock()).the_list(today=TODAY)
        assert old in [row.id for row in rows.finished]


def test_the_search_finds_any_mother_in_any_section(tmp_path: Path):
    path = tmp_path / "device.sqlite3"
    seeded = seed_many(path, 300, reports_each=1, today=TODAY)
    with open_store(path) as store:
        service = MothersService(store, FakeClock())
        everyone = service.the_list(today=TODAY)
        last = [str(row.id) for row in everyone.finished].index(seeded.last_by_name)
        assert last > 200  # far below the first pages
        found = service.the_list(seeded.names[seeded.last_by_name].upper(), today=TODAY)
    assert [str(row.id) for row in found.finished] == [seeded.last_by_name] and found.active == []


def test_the_store_leaves_old_reports_unread_but_gives_their_day(tmp_path: Path):
    path = tmp_path / "device.sqlite3"
    seeded = seed_many(path, 20, today=TODAY)
    with open_store(path) as store:
        everyone = {str(a.mother.id): a for a in store.mothers.activity(reports_since=TODAY - timedelta(days=42))}
    old, fresh = everyone[seeded.go_now_old], everyone[seeded.today_recent]
    assert old.newest_report is None and old.newest_report_day == TODAY - timedelta(days=295)
    assert fresh.newest_report is not None and fresh.newest_report_day == fresh.newest_report.day == TODAY - timedelta(
        days=3
    )
