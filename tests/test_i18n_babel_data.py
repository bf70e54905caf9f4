"""babel's global data (app/i18n.py `_GlobalTables`): formatting in Indonesian and English keeps
only the table of parent locales from babel/global.dat (about 2 MiB in memory read whole), and
writes exactly what babel writes with the whole file. Each probe runs in a fresh process: babel
reads that file once per process."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.app_server import ROOT

# Every kind of date, time and number the app writes, in both languages.
FORMATS = """
import datetime as dt
WHEN = dt.datetime(2026, 12, 5, 19, 30, tzinfo=dt.timezone(dt.timedelta(hours=7)))
def written(date_fn, time_fn, number_fn, mark_fn, locale):
    return [
        date_fn(WHEN.date(), "medium", locale), date_fn(WHEN.date(), "EEE d MMM", locale),
        date_fn(WHEN.date(), "EEEE d MMMM y", locale), time_fn(WHEN, "short", locale),
        number_fn(36.5, None, locale), number_fn(1234567, None, locale), mark_fn(locale),
    ]
"""

THROUGH_THE_APP = (
    FORMATS
    + """
import json, babel.core
from app import i18n
out = {}
for lang in i18n.LANGUAGES:
    with i18n.using(lang):
        out[lang] = written(
            lambda d, f, l: i18n.format_date(d, f), lambda t, f, l: i18n.format_time(t, f),
            lambda n, f, l: i18n.format_decimal(n, f), lambda l: i18n.decimal_mark(), None)
out["tables"] = sorted(babel.core._global_data)
print(json.dumps(out))
"""
)

STOCK_BABEL = (
    FORMATS
    + """
import json
from babel import dates, numbers
BABEL_LOCALES = {"id": "id_ID", "en": "en_GB"}
out = {lang: written(
    lambda d, f, l: dates.format_date(d, format=f, locale=l), lambda t, f, l: dates.format_time(t, format=f, locale=l),
    lambda n, f, l: numbers.format_decimal(n, format=f, locale=l), numbers.get_decimal_symbol, locale)
    for lang, locale in BABEL_LOCALES.items()}
print(json.dumps(out))
"""
)


def run(code: str) -> dict[str, list[str]]:
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    return dict(json.loads(out.stdout))


def test_formatting_keeps_only_the_parent_locales_of_babels_global_data() -> None:
    assert run(THROUGH_THE_APP)["tables"] == ["parent_exceptions"]


def test_the_app_writes_dates_and_numbers_as_babel_does_with_the_whole_file() -> None:
    app, stock = run(THROUGH_THE_APP), run(STOCK_BABEL)
    assert app["id"] == stock["id"] and app["en"] == stock["en"]
    assert app["id"][1] == "Sab 5 Des" and app["en"][4] == "36.5" and app["id"][4] == "36,5"  # the probe formats


def test_any_other_table_is_still_there_when_asked() -> None:
    code = "from app import i18n\nfrom babel.core import get_global\nprint(get_global('zone_aliases')['UTC'])"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "Etc/UTC"
