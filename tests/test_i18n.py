"""The catalogs: complete in both languages, in step with the code, placeholders intact."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys

import pytest
from babel.messages.pofile import read_po

from app import LOCALES_DIR, ROOT, i18n

PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def catalog(lang: str):
    with (LOCALES_DIR / lang / "LC_MESSAGES" / "messages.po").open("rb") as f:
        return read_po(f, locale=lang)


def entries(lang: str):
    return [m for m in catalog(lang) if m.id]


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_no_entry_is_untranslated_or_fuzzy(lang):
    bad = [m.id for m in entries(lang) if m.fuzzy or not (m.string if isinstance(m.string, str) else all(m.string))]
    assert bad == []


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_translations_keep_every_placeholder(lang):
    for m in entries(lang):
        ids = [m.id] if isinstance(m.id, str) else list(m.id)
        strings = [m.string] if isinstance(m.string, str) else list(m.string)
        wanted = set(PLACEHOLDER.findall(ids[-1]))
        for s in strings:
            assert set(PLACEHOLDER.findall(s)) == wanted, (m.id, s)


def test_every_string_in_the_code_is_in_the_catalogs(tmp_path):
    pot = tmp_path / "fresh.pot"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "extract",
            "-F",
            str(LOCALES_DIR / "babel.cfg"),
            "-k",
            "N_",
            "-o",
            str(pot),
            ".",
        ],
        check=True,
        cwd=ROOT,
        capture_output=True,
    )
    with pot.open("rb") as f:
        in_code = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(f) if m.id}
    for lang in i18n.LANGUAGES:
        in_po = {m.id if isinstance(m.id, str) else m.id[0] for m in entries(lang)}
        assert in_code - in_po == set(), f"run `python locales/update.py` and translate ({lang})"


def test_indonesian_and_english_texts_differ():
    with i18n.using("id"):
        assert i18n._("Start a massage") == "Mulai pijat"
    with i18n.using("en"):
        assert i18n._("Start a massage") == "Start a massage"


def test_language_is_per_context_not_per_process():
    """Two visitors served by one process: each keeps its own language (issue 13)."""
    import contextvars

    seen = {}

    def serve(lang: str) -> None:
        with i18n.using(lang):
            seen[lang] = i18n._("Start a massage")

    contextvars.copy_context().run(serve, "en")
    contextvars.copy_context().run(serve, "id")
    assert seen == {"en": "Start a massage", "id": "Mulai pijat"}
    assert i18n.get_language() == i18n.DEFAULT_LANGUAGE  # nothing leaked into this context


def test_the_resolver_gives_the_visitor_language():
    i18n.set_resolver(lambda: "en")
    try:
        assert i18n._("Start a massage") == "Start a massage"
        with i18n.using("id"):  # an explicit block wins over the visitor
            assert i18n._("Start a massage") == "Mulai pijat"
    finally:
        i18n.set_resolver(lambda: None)


def test_plural_forms_follow_the_number():
    with i18n.using("en"):
        assert i18n.ngettext("%(n)d question left", "%(n)d questions left", 2) % {"n": 2} == "2 questions left"
        assert i18n.ngettext("%(n)d question left", "%(n)d questions left", 1) % {"n": 1} == "1 question left"


def test_dates_and_numbers_are_formatted_for_the_language():
    day = dt.date(2026, 11, 22)
    with i18n.using("id"):
        assert i18n.format_date(day) == "22 Nov 2026"
        assert i18n.format_decimal(2.5) == "2,5"
    with i18n.using("en"):
        assert i18n.format_date(day) == "22 Nov 2026"
        assert i18n.format_decimal(2.5) == "2.5"
        assert i18n.format_date(day, "full").startswith("Sunday")


@pytest.mark.parametrize(
    "tags, expected",
    [
        (["id-ID", "en-US"], "id"),  # an Indonesian phone
        (["in"], "id"),  # Android's old code for Indonesian
        (["en-GB"], "en"),  # not Indonesian: English
        (["jv-ID"], "en"),  # Javanese UI: English is the complete fallback
        ([], "id"),  # nothing known: the default
    ],
)
def test_language_follows_the_device_locale(tags, expected):
    assert i18n.language_for_locales(tags) == expected


def test_unknown_language_is_refused():
    with pytest.raises(ValueError), i18n.using("fr"):
        pass


def test_catalogs_are_compiled_without_writing_into_the_source_tree():
    i18n.catalog.cache_clear()
    i18n.catalog("id")
    assert list(LOCALES_DIR.glob("*/LC_MESSAGES/*.mo")) == []


def test_work_moved_to_a_thread_keeps_the_visitors_language():
    import asyncio
    import threading

    async def make_file() -> tuple[str, int]:
        with i18n.using("en"):
            return await i18n.to_thread(lambda: (i18n.get_language(), threading.get_ident()))

    lang, worker = asyncio.run(make_file())
    assert lang == "en" != i18n.DEFAULT_LANGUAGE
    assert worker != threading.get_ident()
