"""What the first screen loads (issue 24; docs/benchmarks.md: start-up and the server's memory
against a bare Flet page). The first visitor's page imports the UI and draws Today (nothing is
imported ahead of it: that slowed the browser's own start-up more than it spared); the rest waits
until it is used: the report form, the midwife's screens (Today draws only their buttons,
app/ui/screens/entries.py), the libraries for making files (the PDF's fpdf2 with fontTools and Pillow, about 20 MiB; the
calendar's icalendar with dateutil's parser, about 3 MiB), the chart library, the FHIR export and
the CSV makers, the screens other than Today (imported when first shown), and numpy, which
sqlite-utils would import where a development environment has it (11 MiB)."""

from __future__ import annotations

import importlib
import subprocess
import sys

from tests.app_server import ROOT

ONLY_FOR_FILES = ("fpdf", "fontTools", "PIL", "icalendar")
ONLY_WHEN_USED = ("flet_charts", "numpy", "pandas")
APP_ONLY_WHEN_USED = (
    "app.ui.screens.report",
    "app.ui.screens.form_parts",
    "app.ui.text_box",
    "app.ui.screens.mothers",
    "app.ui.screens.due",
    "app.ui.screens.visit",
    "app.ui.screens.own_voice",
    "app.domain.fhir",
    "app.domain.csvexport",
    "app.ui.screens.diary_history",
    "app.ui.screens.diary_chart",
    "app.ui.screens.data",
    "app.ui.screens.fhir_export",
    "app.ui.screens.quiz",
    "app.ui.screens.skills",
    "app.ui.screens.visit_summary",
    "app.ui.screens.session_run",
    "app.ui.screens.recap",
    "app.services.recap",
    "app.ui.summary_pdf",
)


def loaded_after(code: str, whole: bool = False) -> set[str]:
    names = "sys.modules" if whole else "{m.split('.')[0] for m in sys.modules}"
    probe = f"{code}\nimport sys\nprint(' '.join(sorted({names})))"
    out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    return set(out.stdout.split())


# Today drawn for a family and for a midwife (her Today has the buttons to her screens), in a
# fresh process, as the first visitor's page draws it (tests/render_harness.py; without a page,
# Today's "resume or end?" dialog is left out).
FIRST_SCREEN = """
import tempfile
from pathlib import Path
import flet as ft
from app.domain.clock import SystemClock
from app.store.db import open_store
from app.ui import shell
from tests.render_harness import Mounted, make_app
ft.use_dialog = lambda *args, **kwargs: None
shell.theme.themes()
today = shell.screen_for(shell.HOME)
with open_store(Path(tempfile.mkdtemp()) / "db.sqlite3") as store:
    app = make_app(store, SystemClock())
    assert "open-settings" in Mounted(today, app).identifiers()
    app.set_role("midwife")
    assert {"open-due", "open-mothers-today", "open-visit"} <= Mounted(today, app).identifiers()
"""


def test_the_first_screen_loads_no_file_maker_and_no_chart() -> None:
    loaded = loaded_after(FIRST_SCREEN)
    assert "flet" in loaded and "babel" in loaded and "sqlite_utils" in loaded  # the probe sees what was imported
    assert loaded.isdisjoint(ONLY_FOR_FILES)
    assert loaded.isdisjoint(ONLY_WHEN_USED)


def test_the_first_screen_loads_only_its_own_modules() -> None:
    loaded = loaded_after(FIRST_SCREEN, whole=True)
    assert "app.ui.screens.today" in loaded and "app.ui.screens.entries" in loaded
    assert loaded.isdisjoint(APP_ONLY_WHEN_USED), sorted(loaded & set(APP_ONLY_WHEN_USED))


def test_making_the_files_loads_them() -> None:
    loaded = loaded_after("import app.ui.summary_pdf, app.domain.ics")
    assert {"fpdf", "icalendar"} <= loaded


def test_the_diary_loads_the_chart_when_first_shown() -> None:
    loaded = loaded_after("from app.ui.shell import screen_for\nscreen_for('/diary')")
    assert "flet_charts" in loaded


def test_numpy_is_still_there_for_whoever_imports_it() -> None:
    loaded = loaded_after("import app.store.db\nimport numpy")
    assert "numpy" in loaded


def test_every_route_draws_its_own_screen() -> None:
    from app.ui.shell import SCREENS, screen_for

    for route, (module, name) in SCREENS.items():
        screen = screen_for(route)
        assert callable(screen) and screen.__name__ == name, route
        declared = getattr(importlib.import_module(f"app.ui.screens.{module}"), "ROUTE", None)
        if isinstance(declared, str):
            assert declared == route or route.startswith("/quiz"), (route, declared)
    assert screen_for("/no-such-screen").__name__ == "Today"
    assert screen_for("/report?day=2026-01-01").__name__ == "Report"
