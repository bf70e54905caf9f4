"""A record this version cannot read (an unknown code in it, as a newer version may write) is
never lost silently: the diary says how many there are, a save of that day is refused with its
reason instead of overwriting it, what she typed stays in the draft, and a backup carries it."""

from __future__ import annotations

import json
from datetime import UTC, timedelta

import pytest

from app import i18n
from app.domain.clock import FakeClock
from app.domain.profile import Profile
from app.services.diary import DiaryService
from app.store.db import Store
from app.store.errors import StoreWriteError, WriteErrorCode
from app.ui.screens.store_error import write_problem


@pytest.fixture
def diary(fresh_db: Store, clock: FakeClock) -> DiaryService:
    service = DiaryService(fresh_db, clock, tz=UTC)
    fresh_db.profile.save(Profile(baby_birth_date=service.today() - timedelta(days=6)), at=clock.wall())
    return service


def test_a_record_with_an_unknown_code_is_counted_kept_and_never_overwritten(diary: DiaryService):
    day = diary.today() - timedelta(days=1)
    saved = diary.save_report(day, {"flow": "well", "note": "Catatan dari versi baru"})
    assert saved.report is not None
    store = diary.store
    with store.lock:  # a newer version wrote a flow this one does not know
        store.db.execute("UPDATE reports SET flow = 'gushing' WHERE day = ?", [day.isoformat()])
        store.db.conn.commit()
    before = store.db.execute("SELECT * FROM reports WHERE day = ?", [day.isoformat()]).fetchall()

    assert store.diary.get(day) is None  # this version cannot show it ...
    assert diary.history("7").unreadable == 1  # ... and says so on the diary

    typed = {"flow": "not_well", "note": "Yang saya ketik hari ini"}
    diary.keep_draft(day, typed)
    with pytest.raises(StoreWriteError) as refused:
        diary.save_report(day, typed)
    assert refused.value.code is WriteErrorCode.UNREADABLE_KEPT
    assert store.db.execute("SELECT * FROM reports WHERE day = ?", [day.isoformat()]).fetchall() == before
    assert diary.form(day)["note"] == "Yang saya ketik hari ini"  # what she typed stays
    with i18n.using("id"):
        assert "tidak" in write_problem(refused.value.code).lower()

    backup = json.loads(store.data.export(at=diary.clock.wall()))
    assert "Catatan dari versi baru" in json.dumps(backup)  # it travels in a backup

    other = diary.today() - timedelta(days=2)  # other days save as ever
    assert diary.save_report(other, {"flow": "well"}).report is not None
