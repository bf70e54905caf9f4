"""What the first screen loads: the libraries for making files (the PDF's fpdf2 with fontTools and
Pillow, about 20 MiB; the calendar's icalendar with dateutil's parser, about 3 MiB) wait until a
file is asked for (docs/benchmarks.md: the server's memory against a bare Flet page)."""

from __future__ import annotations

import subprocess
import sys

from tests.app_server import ROOT

ONLY_FOR_FILES = ("fpdf", "fontTools", "PIL", "icalendar")


def loaded_after(code: str) -> set[str]:
    probe = f"{code}\nimport sys\nprint(' '.join(sorted({{m.split('.')[0] for m in sys.modules}})))"
    out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    return set(out.stdout.split())


def test_the_ui_and_its_warm_up_load_no_file_maker() -> None:
    loaded = loaded_after("from app.ui.shell import warm_up\nwarm_up()")
    assert "flet" in loaded and "babel" in loaded  # the probe sees what was imported
    assert loaded.isdisjoint(ONLY_FOR_FILES)


def test_making_the_files_loads_them() -> None:
    loaded = loaded_after("import app.ui.summary_pdf, app.domain.ics")
    assert {"fpdf", "icalendar"} <= loaded
