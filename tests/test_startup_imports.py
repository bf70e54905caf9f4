"""What the first screen loads (issue 24; docs/benchmarks.md: start-up and the server's memory
against a bare Flet page). Start-up imports Today and what it draws; the rest waits until it is
used: the libraries for making files (the PDF's fpdf2 with fontTools and Pillow, about 20 MiB; the
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


def test_the_ui_and_its_warm_up_load_no_file_maker_and_no_chart() -> None:
    loaded = loaded_after("from app.ui.shell import warm_up\nwarm_up()")
    assert "flet" in loaded and "babel" in loaded and "sqlite_utils" in loaded  # the probe sees what was imported
    assert loaded.isdisjoint(ONLY_FOR_FILES)
    assert loaded.isdisjoint(ONLY_WHEN_USED)


def test_the_first_screen_loads_only_its_own_modules() -> None:
    loaded = loaded_after("from app.ui.shell import warm_up\nwarm_up()", whole=True)
    assert "app.ui.screens.today" in loaded
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
