"""Two windows on one phone's data, in Chromium at 360x800 with the internet blocked: one
restores a backup, merges one, deletes everything; the other, left on the diary, shows the data as
it is now at once (no reload) and says why, in its own language."""

from __future__ import annotations

from datetime import timedelta

from app.domain.profile import Profile
from app.domain.report import validate_report
from app.services.data import DataService
from app.store.db import open_store
from tests.browser.test_diary_flow import start, tap
from tests.browser.test_your_data import pick
from tests.testday import CLOCK, TODAY

BORN = TODAY - timedelta(days=10)


def seed(server, days: int) -> None:
    """Siti with a report on each of her last `days` days."""
    with open_store(server.db_file) as store:
        store.profile.save(Profile(mother_name="Siti", baby_birth_date=BORN), at=CLOCK.wall())
        for n in range(days):
            report, errors = validate_report(
                {"day": TODAY - timedelta(days=n), "flow": "well", "feeds_24h": "9"}, today=TODAY, birth_date=BORN
            )
            assert report is not None, errors
            store.diary.save(report, at=CLOCK.wall())


def on_the_diary(open_app, lang: str, scheme: str = "light"):
    app = start(open_app, lang)
    app.page.emulate_media(color_scheme=scheme)
    tap(app, "open-diary")
    app.wait_for("diary-chart")
    return app


def on_your_data(open_app):
    app = start(open_app, "en")
    app.tap("open-settings")
    tap(app, "open-data")
    app.wait_for("data-restore")
    return app


def test_the_other_window_shows_a_restore_a_merge_and_a_delete_at_once(open_app, server, tmp_path):
    seed(server, days=2)
    with open_store(server.db_file) as store:
        backup = tmp_path / "backup.json"
        backup.write_bytes(DataService(store, CLOCK).backup_file().data)  # two days of reports
    seed(server, days=5)
    four_days_ago = (TODAY - timedelta(days=4)).isoformat()

    reader = on_the_diary(open_app, "id")  # the mother's window, in Indonesian
    reader.wait_for(f"delete-{four_days_ago}")  # her report of four days ago, as saved
    english = on_the_diary(open_app, "en", "dark")  # and one more, in English, dark
    keeper = on_your_data(open_app)  # the other window, in English

    pick(keeper, "data-restore", backup)
    keeper.tap("dialog-restore-yes")
    keeper.el("data-status-restore").get_by_text("Restored:", exact=False).wait_for(state="attached")
    # The diary window: the restored data at once (that day has no report in the backup), and why.
    reader.wait_for(f"empty-{four_days_ago}")
    reader.el("notice").get_by_text("diganti dengan cadangan di jendela lain", exact=False).wait_for(state="attached")
    reader.shot("77-other-window-restored", still=False)  # the notice leaves after 4 s
    english.wait_for(f"empty-{four_days_ago}")
    english.el("notice").get_by_text("replaced by a backup in another window", exact=False).wait_for(state="attached")
    english.shot("77-other-window-restored-dark", still=False)  # the notice leaves after 4 s
    english.page.close()

    seed(server, days=5)  # written since (as by a third window): the merge keeps them
    pick(keeper, "data-restore", backup)
    keeper.tap("dialog-merge")
    keeper.el("data-status-restore").get_by_text("Nothing new", exact=False).wait_for(state="attached")
    reader.el("notice").get_by_text("ditambahkan", exact=False).wait_for(state="attached")
    reader.wait_for(f"delete-{four_days_ago}")  # what is stored now: the day written since

    tap(keeper, "data-delete")
    keeper.tap("dialog-delete-yes")
    keeper.el("data-status-delete").get_by_text("Everything was deleted", exact=False).wait_for(state="attached")
    reader.el("notice").get_by_text("dihapus di jendela lain", exact=False).wait_for(state="attached")
    reader.wait_for(f"empty-{TODAY.isoformat()}")  # nothing left, not even today's report
    assert reader.el(f"delete-{four_days_ago}").count() == 0
