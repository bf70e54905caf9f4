"""Failures say what happened, in the visitor's language, and lose nothing (issue 6):
a diary file that cannot be opened gets a translated screen and is never modified; a write that
fails keeps what was typed on screen; a massage belongs to the process whose heartbeat is fresh."""

from __future__ import annotations

import hashlib
import os
import signal
import sqlite3
from pathlib import Path

import pytest

from app.store.db import open_store
from app.store.repositories import LEASE_S
from tests.app_server import start_app
from tests.browser.conftest import LOCALES, PHONE, SCREEN_TEXT, AppPage, keep_local
from tests.browser.test_diary_flow import has_value, start, tap, type_into
from tests.browser.test_session_flow import walk_to_rounds
from tests.testday import CLOCK

DB = "pijat-oksitosin.sqlite3"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def newer_version(path: Path) -> None:
    """A diary written by a newer app: a migration this code does not know."""
    open_store(path).close()
    db = sqlite3.connect(path)
    with db:
        db.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
            "VALUES ('pijat_oksitosin', 'm999_from_the_future', '2030-01-01')"
        )
    db.close()  # as the newer app leaves it: closed, its log folded into the file


def _visit(browser, server, lang: str) -> AppPage:
    ctx = browser.new_context(viewport=PHONE, locale=LOCALES[lang])
    keep_local(ctx)
    return AppPage(ctx.new_page(), server, lang).open(skip_intro=False)


@pytest.mark.parametrize(
    "make, code, words",
    [
        (
            lambda p: p.write_bytes(b"hello, this is not a diary" * 40),
            "not_a_database",
            {"id": "bukan berkas", "en": "not a file this app can read"},
        ),  # another file under our name
        (lambda p: p.write_bytes(b""), "empty_file", {"id": "kosong (0 byte)", "en": "empty (0 bytes)"}),  # zero bytes
        (newer_version, "newer_version", {"id": "versi aplikasi yang lebih baru", "en": "newer version"}),  # newer app
    ],
    ids=["garbage", "zero-bytes", "newer-version"],
)
def test_a_diary_that_cannot_be_opened_gets_a_translated_screen_and_stays_as_it_was(
    browser, tmp_path, make, code, words
):
    data = tmp_path / "data"
    data.mkdir()
    make(data / DB)
    before = sha256(data / DB)
    server = start_app(data)
    try:
        for lang in ("id", "en"):
            app = _visit(browser, server, lang)
            app.wait_for(f"store-error-{code}")
            app.see(words[lang])
            app.shot(f"30-store-error-{code}")
            app.page.context.close()
    finally:
        server.stop()
    assert sha256(data / DB) == before


def test_a_failed_save_keeps_what_was_typed_and_says_why(open_app, server):
    app = start(open_app, "en")
    with sqlite3.connect(server.db_file) as db:  # the next report write fails, as a full disk would
        db.execute(
            "CREATE TRIGGER refuse_reports BEFORE INSERT ON reports BEGIN SELECT RAISE(ABORT, 'disk is full'); END"
        )
    try:
        tap(app, "open-report")
        app.wait_for("report-save")
        tap(app, "flow-well")
        type_into(app, "field-feeds_24h", "9")
        type_into(app, "field-note", "tidur nyenyak")
        tap(app, "report-save")
        app.wait_for("report-problem")
        app.see("Not saved")
        has_value(app, "field-feeds_24h", "9")  # still on screen, nothing lost
        has_value(app, "field-note", "tidur nyenyak")
        app.shot("31-report-not-saved")
        with sqlite3.connect(server.db_file) as db:
            assert db.execute("SELECT count(*) FROM reports").fetchone() == (0,)
    finally:
        with sqlite3.connect(server.db_file) as db:
            db.execute("DROP TRIGGER refuse_reports")
    tap(app, "report-save")  # the disk has room again: the same form saves
    app.wait_for("open-report")
    with sqlite3.connect(server.db_file) as db:
        assert db.execute("SELECT feeds_24h, note FROM reports").fetchall() == [(9, "tidur nyenyak")]


def test_a_running_massage_is_offered_elsewhere_only_after_its_process_died(browser, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    a_server = start_app(data)
    b_server = start_app(data)  # a second server process on the same data folder
    try:
        a = _visit(browser, a_server, "id")
        a.dismiss_intro()
        walk_to_rounds(a, demo=False)  # a real massage runs in tab A
        b = _visit(browser, b_server, "id")
        b.dismiss_intro()
        b.wait_for("start-session")
        assert b.el("resume-pending").count() == 0  # A's heartbeat is fresh: nothing to resume here
        os.kill(a_server.process.pid, signal.SIGKILL)  # A's process dies mid-round
        a_server.process.wait()
        a.page.context.close()  # its tab would only try to reconnect (and draw that) meanwhile
        with open_store(data / DB) as store:  # the lease runs out: the stated 15 s, as the store counts them
            clock = CLOCK
            b.until(lambda: store.sessions.unfinished(now=clock.wall()) is not None, LEASE_S + 15, "the lease's end")
        b.page.reload()
        b.wait_ready()
        try:
            b.wait_for("resume-pending", timeout=60_000)  # now B offers to resume it (a reload: slow under load)
        except Exception as err:
            b.shot("failed-resume-pending", still=False)  # what B showed instead (tests/artifacts)
            said = b.page.evaluate(SCREEN_TEXT)  # and what a screen reader had of it
            raise AssertionError(f"no resume-pending on B; its screen reader had:\n{said}") from err
        # The card came in a redraw, above the others: each button keeps its own name (unkeyed,
        # the card below was turned into it, and a loaded page kept the old one: two open-profile).
        b.wait_for("end-pending")
        assert b.el("open-profile").count() == 1
    finally:
        for srv in (a_server, b_server):
            if srv.process.poll() is None:
                srv.stop()
