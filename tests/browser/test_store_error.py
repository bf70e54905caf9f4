"""The screen for a diary file that cannot be opened gives advice that works (issue 22): it offers
no restore it cannot do; following what it says (move the file away, keep it, tap Try again) gets
her an empty diary whose Settings lead to the restore of a backup; the moved file is unchanged."""

from __future__ import annotations

import hashlib
import shutil
import time
from collections.abc import Callable

import pytest

from tests.app_server import AppServer, start_app
from tests.browser.conftest import LOCALES, PHONE, AppPage, keep_local

DB = "pijat-oksitosin.sqlite3"
ADVICE = {
    "id": ("Minta bantuan", "lalu ketuk Coba lagi", "pulihkan di Pengaturan, lalu Data Anda", "Coba lagi"),
    "en": ("Ask for help", "then tap Try again", "restore it in Settings, then Your data", "Try again"),
}


def attempts(server: AppServer) -> int:
    """How many times the server tried to open the file and could not (its log says so)."""
    return (server.data_dir / "server.log").read_text().count("cannot be opened")


def wait_until(condition: Callable[[], bool], timeout: float = 15) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_following_the_advice_leads_to_an_empty_diary_and_the_restore(browser, tmp_path, lang):
    data = tmp_path / "data"
    data.mkdir()
    broken = data / DB
    broken.write_bytes(b"hello, this is not a diary" * 40)
    before = hashlib.sha256(broken.read_bytes()).hexdigest()
    server = start_app(data)
    contexts = []
    try:
        for scheme in ("light", "dark"):
            ctx = browser.new_context(viewport=PHONE, locale=LOCALES[lang], color_scheme=scheme)
            keep_local(ctx)
            contexts.append(ctx)
            app = AppPage(ctx.new_page(), server, lang).open(skip_intro=False)
            app.wait_for("store-error-not_a_database")
            for words in ADVICE[lang]:
                app.see(words)
            assert app.el("data-restore").count() == 0  # no button that could not keep its promise
            app.shot(f"32-store-error-advice-{scheme}")
        tries = attempts(server)
        app.tap("store-error-retry")  # nothing done yet: it tries again, and says the same
        wait_until(lambda: attempts(server) > tries)
        app.wait_for("store-error-not_a_database")
        app.see(ADVICE[lang][0])
        kept = tmp_path / "kept"
        kept.mkdir()
        shutil.move(broken, kept / DB)  # what the screen says someone can do
        app.tap("store-error-retry")
        app.dismiss_intro()  # a new, empty diary
        app.tap("open-settings")
        app.tap("open-data")
        app.wait_for("data-restore")
    finally:
        for ctx in contexts:
            ctx.close()
        server.stop()
    assert hashlib.sha256((kept / DB).read_bytes()).hexdigest() == before
