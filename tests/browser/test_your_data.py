"""Your data, in Chromium at 360x800 with the internet blocked: a backup downloads as a real file,
a damaged backup is refused with a message and changes nothing, a good one restores, the exports
download, and "Delete all data" names what it deletes and then leaves nothing behind."""

from __future__ import annotations

import json
import sqlite3
from datetime import date, timedelta
from pathlib import Path

from app.domain.profile import Profile
from app.domain.report import validate_report
from app.store.db import open_store
from tests.browser.test_diary_flow import start, tap
from tests.testday import CLOCK, TODAY

NOTE = "Rahasia-ibu-4711"


def rows(server, sql: str) -> list[tuple]:
    with sqlite3.connect(server.db_file) as db:
        return db.execute(sql).fetchall()


def seed(server, days: int = 3) -> None:
    today = TODAY
    born = today - timedelta(days=6)
    with open_store(server.db_file) as store:
        now = CLOCK.wall()
        store.profile.save(Profile(mother_name="Siti", baby_birth_date=born), at=now)
        for n in range(days):
            report, errors = validate_report(
                {"day": today - timedelta(days=n), "flow": "well", "feeds_24h": "9", "note": NOTE},
                today=today,
                birth_date=born,
            )
            assert report is not None, errors
            store.diary.save(report, at=now)


def download(app, identifier: str) -> tuple[str, bytes]:
    with app.page.expect_download() as caught:
        tap(app, identifier)
    file = caught.value
    return file.suggested_filename, Path(file.path()).read_bytes()


def pick(app, identifier: str, path: Path) -> None:
    with app.page.expect_file_chooser() as chooser:
        tap(app, identifier)
    chooser.value.set_files(str(path))


def test_backup_restore_exports_and_delete_all(open_app, server, tmp_path):
    seed(server)
    app = start(open_app, "en")
    app.tap("open-settings")
    tap(app, "open-data")
    app.wait_for("data-backup")
    app.shot("70-data")

    name, data = download(app, "data-backup")
    assert name == f"pijat-oksitosin-backup-{TODAY.isoformat()}.json"
    backup = json.loads(data)
    assert backup["format"] == "pijat-oksitosin-backup"
    assert len(backup["payload"]["tables"]["reports"]["rows"]) == 3
    app.el("data-status-backup").get_by_text(f"Saved as {name}.", exact=False).wait_for(state="attached")

    # A damaged file (cut in half): refused, said next to Restore, nothing changed.
    before = rows(server, "SELECT * FROM reports ORDER BY day")
    damaged = tmp_path / "backup-cut.json"
    damaged.write_bytes(data[: len(data) // 2])
    pick(app, "data-restore", damaged)
    app.el("data-status-restore").get_by_text("damaged or incomplete", exact=False).wait_for(state="attached")
    app.shot("71-data-restore-refused")
    assert rows(server, "SELECT * FROM reports ORDER BY day") == before

    # The good file restores, after she confirms: a report added since is replaced.
    seed(server, days=5)
    assert len(rows(server, "SELECT day FROM reports")) == 5
    good = tmp_path / "backup.json"
    good.write_bytes(data)
    pick(app, "data-restore", good)
    app.see("The backup holds 3 daily reports and 0 massages.")
    app.see("Replace deletes what is on this phone now: 5 daily reports, 0 massages and 0 recorded prompts")
    app.tap("dialog-restore-yes")
    app.el("data-status-restore").get_by_text("Restored: 3 daily reports and 0 massages.").wait_for(state="attached")
    assert rows(server, "SELECT * FROM reports ORDER BY day") == before

    # Merge instead: a day written since stays, the backup's days are not doubled.
    seed(server, days=4)
    pick(app, "data-restore", good)
    app.tap("dialog-merge")
    nothing_new = "Nothing new: this phone already has everything in this backup."
    app.el("data-status-restore").get_by_text(nothing_new).wait_for(state="attached")
    assert len(rows(server, "SELECT day FROM reports")) == 4
    app.shot("73-data-merged")

    # Exports for the midwife and a spreadsheet download as files.
    name, fhir = download(app, "data-fhir")
    assert name.endswith(".json") and json.loads(fhir)["resourceType"] == "Bundle"
    app.el("data-status-export").get_by_text(f"Saved as {name}.").wait_for(state="attached")
    # The restore's line stays: a line vanishing above would move the buttons under her finger.
    app.el("data-status-restore").get_by_text(nothing_new).wait_for(state="attached")
    name, table = download(app, "data-csv-reports")
    assert name.endswith(".csv") and table.decode("utf-8-sig").splitlines()[0].startswith("day,postpartum_day,flow")

    # A second mother on the device: "Delete this mother" removes only the one being looked at.
    with open_store(server.db_file) as store:
        dewi = store.mother(store.mothers.add(at=CLOCK.wall()))
        dewi.profile.save(Profile(mother_name="Dewi", baby_birth_date=TODAY), at=CLOCK.wall())
    app.tap("back")
    tap(app, "open-data")

    # Two mothers: the health-record file asks whose records go in; "all" names the file so.
    tap(app, "data-fhir")
    app.wait_for("fhir-save")
    tap(app, "fhir-all")
    app.see("Save the file (2 mothers)")
    app.shot("75-data-fhir")
    name, fhir = download(app, "fhir-save")
    assert "-fhir-semua-ibu-" in name
    bundle = json.loads(fhir)
    assert bundle["type"] == "transaction"
    assert sorted(
        e["resource"]["name"][0]["text"] for e in bundle["entry"] if e["resource"]["resourceType"] == "Patient"
    ) == ["Dewi", "Siti"]
    app.el("fhir-status").get_by_text(f"Saved as {name}.", exact=False).wait_for(state="attached")
    app.tap("back")
    app.wait_for("data-delete-mother")
    tap(app, "data-delete-mother")
    app.wait_for("dialog-delete-yes")
    app.see("This deletes Siti from this phone")
    app.tap("dialog-delete-yes")
    app.el("data-status-delete").get_by_text("Siti and everything recorded for her were deleted.").wait_for(
        state="attached"
    )
    assert rows(server, "SELECT nickname FROM mothers") == [("Dewi",)]
    assert rows(server, "SELECT count(*) FROM reports") == [(0,)]

    # Delete all: the confirmation names what goes, then nothing is left, not even in the file's bytes.
    tap(app, "data-delete")
    app.wait_for("dialog-delete-yes")
    app.see("the details of 1 mother, 0 daily reports")
    app.shot("72-data-delete")
    app.tap("dialog-delete-yes")
    app.el("data-status-delete").get_by_text("Everything was deleted", exact=False).wait_for(state="attached")
    assert rows(server, "SELECT nickname, baby_birth_date FROM mothers") == [(None, None)]  # one blank mother
    folder = Path(server.db_file).parent
    on_disk = b"".join(p.read_bytes() for p in folder.iterdir() if p.name.startswith(Path(server.db_file).name))
    assert NOTE.encode() not in on_disk


def test_your_data_in_indonesian(open_app, server):
    app = start(open_app, "id")
    app.tap("open-settings")
    tap(app, "open-data")
    app.wait_for("data-backup")
    app.see("Cadangan")
    app.shot("70-data")


RELEASE_BACKUP = Path(__file__).parent.parent / "fixtures" / "backup_v1.json"


def test_a_backup_from_before_mothers_had_uuids_asks_before_joining_a_mother(open_app, server):
    """The previous release's backup (its code wrote tests/fixtures/backup_v1.json) holds a Siti
    with the same nickname and birth date as this phone's: Merge asks whether she is the same
    woman; Cancel changes nothing, "keep both" keeps two Sitis, and the file merged again asks
    nothing more and adds nothing."""
    with open_store(server.db_file) as store:
        first = store.mothers.first_active()
        assert first is not None
        store.mother(first).profile.save(
            Profile(mother_name="Siti", baby_birth_date=date(2026, 11, 10)), at=CLOCK.wall()
        )
    app = start(open_app, "en")
    app.tap("open-settings")
    tap(app, "open-data")
    app.wait_for("data-restore")

    pick(app, "data-restore", RELEASE_BACKUP)
    app.tap("dialog-merge")
    app.wait_for("same-mothers-question")
    app.see("Is she the same woman?")
    app.shot("74-data-same-mother")
    app.tap("dialog-cancel")
    app.wait_for("data-restore")
    assert rows(server, "SELECT nickname FROM mothers") == [("Siti",)]  # nothing joined, nothing added

    pick(app, "data-restore", RELEASE_BACKUP)
    app.tap("dialog-merge")
    app.wait_for("same-mothers-question")
    app.tap("dialog-keep-both")
    app.el("data-status-restore").get_by_text("2 mothers added", exact=False).wait_for(state="attached")
    assert sorted(rows(server, "SELECT nickname FROM mothers")) == [("Dewi",), ("Siti",), ("Siti",)]
    app.tap("back")  # what the midwife sees: two Sitis on the list, each her own row
    tap(app, "open-mothers")
    app.wait_for("add-mother")
    for (siti,) in rows(server, "SELECT id FROM mothers WHERE nickname = 'Siti'"):
        button = app.wait_for(f"open-mother-{siti}")  # "Open Siti": her own row, by her identity
        assert "Siti" in (button.get_attribute("aria-label") or "") + button.inner_text()
    app.shot("75-data-two-sitis")
    app.tap("back")
    tap(app, "open-data")
    app.wait_for("data-restore")

    pick(app, "data-restore", RELEASE_BACKUP)  # again: its mothers are here now, by their identity
    app.tap("dialog-merge")
    nothing_new = "Nothing new: this phone already has everything in this backup."
    app.el("data-status-restore").get_by_text(nothing_new).wait_for(state="attached")
    assert app.el("same-mothers-question").count() == 0
    assert len(rows(server, "SELECT id FROM mothers")) == 3
