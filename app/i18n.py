"""Translations (gettext catalogs read with babel) and locale-aware formatting, per visitor.

Message ids are English. Indonesian (`id`) is the default language; English (`en`) is complete.
The domain returns codes; only the UI calls `_`.

The language belongs to the visitor (one browser session), never to the process: `_` asks the
installed resolver for the current visitor's language (the UI installs one that reads the visitor
of the page being served), and `using(lang)` overrides it for a block of code (tests, exports).
The catalogs themselves are immutable and shared. `.po` files are compiled in memory when first
used: nothing is written into the source tree at run time.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import gettext
import io
import pickle
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

import babel.core
from babel import dates as babel_dates
from babel import numbers as babel_numbers
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from app import LOCALES_DIR

T = TypeVar("T")
PARENT_TABLE = "parent_exceptions"  # in babel's global data: the locale each locale inherits from


class _GlobalTables(dict[str, Any]):
    """babel's global data (CLDR's tables across all locales, babel/global.dat), read table by table.

    babel reads the whole file (about 2 MiB in memory) the first time it loads any locale, for one
    small table: which locale a locale inherits from ("parent_exceptions"). Formatting dates and
    numbers in Indonesian and English needs nothing else of it, so that table is all the server
    keeps; any other table babel asks for (time-zone names, say) is read from the file when asked,
    and then kept with the rest (tests/test_i18n_babel_data.py)."""

    def get(self, key: str, default: Any = None) -> Any:
        if key not in self:
            with open(Path(babel.core.__file__).with_name("global.dat"), "rb") as f:
                tables = pickle.load(f)
            self.update({key: tables[key]} if key == PARENT_TABLE and key in tables else tables)
        return super().get(key, default)


if getattr(babel.core, "_global_data", None) is None:  # babel 2.18: None until first read
    babel.core._global_data = _GlobalTables()  # type: ignore[assignment]  # babel types its keys as literals

LANGUAGES: tuple[str, ...] = ("id", "en")
DEFAULT_LANGUAGE = "id"
DOMAIN = "messages"
# Babel locale used for dates and numbers per language.
BABEL_LOCALES = {"id": "id_ID", "en": "en_GB"}

_override: ContextVar[str | None] = ContextVar("pijat_language", default=None)
_resolver: Callable[[], str | None] = lambda: None  # noqa: E731 - replaced by the UI


def po_path(lang: str, locales_dir: Path = LOCALES_DIR) -> Path:
    return locales_dir / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def compile_catalog(lang: str, locales_dir: Path = LOCALES_DIR) -> gettext.NullTranslations:
    """The language's catalog, compiled from its `.po` in memory (fuzzy entries are left out)."""
    path = po_path(lang, locales_dir)
    if not path.exists():
        return gettext.NullTranslations()
    with path.open("rb") as f:
        catalog = read_po(f, locale=lang)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


@cache
def catalog(lang: str) -> gettext.NullTranslations:
    return compile_catalog(lang)


def check_language(lang: str) -> str:
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}")
    return lang


def language_for_locales(locale_tags: list[str] | None) -> str:
    """The app language for a device's preferred locales: Indonesian for an Indonesian device, else English."""
    if not locale_tags:
        return DEFAULT_LANGUAGE
    first = locale_tags[0].replace("_", "-").lower()
    return "id" if first.split("-")[0] in ("id", "in") else "en"


def set_resolver(resolver: Callable[[], str | None]) -> None:
    """Install how `_` finds the current visitor's language (the UI does this once at start)."""
    global _resolver
    _resolver = resolver


def get_language() -> str:
    """The language of the visitor being served (or of the enclosing `using` block)."""
    lang = _override.get()
    if lang is None:
        lang = _resolver()
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


@contextmanager
def using(lang: str) -> Iterator[None]:
    """Translate and format in `lang` inside the block (in this thread/task only)."""
    token = _override.set(check_language(lang))
    try:
        yield
    finally:
        _override.reset(token)


async def to_thread(fn: Callable[[], T]) -> T:
    """Run `fn` in a worker thread (a big file made off the event loop), in the language of the
    visitor who asked for it."""
    lang = get_language()

    def run() -> T:
        with using(lang):
            return fn()

    return await asyncio.to_thread(run)


def _(message: str) -> str:
    return catalog(get_language()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return catalog(get_language()).ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Marks a string for extraction; translated later with `_` (module-level tables)."""
    return message


def babel_locale() -> str:
    return BABEL_LOCALES[get_language()]


def format_date(value: dt.date, fmt: str = "medium") -> str:
    return str(babel_dates.format_date(value, format=fmt, locale=babel_locale()))


def format_time(value: dt.datetime | dt.time, fmt: str = "short") -> str:
    return str(babel_dates.format_time(value, format=fmt, locale=babel_locale()))


def format_datetime(value: dt.datetime, fmt: str = "medium") -> str:
    """Date and short time in local time, e.g. '22 Nov 2026 07.30' / '22 Nov 2026, 07:30'."""
    local = value.astimezone() if value.tzinfo else value
    return f"{format_date(local.date(), fmt)} {format_time(local, 'short')}"


def format_decimal(value: float, fmt: str | None = None) -> str:
    return str(babel_numbers.format_decimal(value, format=fmt, locale=babel_locale()))


def decimal_mark() -> str:
    """The language's decimal mark: "," in Indonesian (38,5), "." in English (38.5)."""
    return str(babel_numbers.get_decimal_symbol(babel_locale()))


def format_number(value: int) -> str:
    return str(babel_numbers.format_decimal(value, locale=babel_locale()))
