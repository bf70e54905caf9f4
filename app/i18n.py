"""Translations (gettext catalogs compiled with babel) and locale-aware formatting.

Message ids are English. Indonesian (`id`) is the default language; English (`en`) is complete.
The domain returns codes; only the UI calls `_`. The app is one user per process, so the current
language is process-wide and changed only through `set_language`.
"""

from __future__ import annotations

import datetime as dt
import gettext
from pathlib import Path

from babel import dates as babel_dates
from babel import numbers as babel_numbers
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from app import LOCALES_DIR

LANGUAGES: tuple[str, ...] = ("id", "en")
DEFAULT_LANGUAGE = "id"
DOMAIN = "messages"
# Babel locale used for dates and numbers per language.
BABEL_LOCALES = {"id": "id_ID", "en": "en_GB"}

_catalogs: dict[str, gettext.NullTranslations] = {}
_current = DEFAULT_LANGUAGE


def compile_catalogs(locales_dir: Path = LOCALES_DIR, *, force: bool = False) -> list[Path]:
    """Compile every `.po` into its `.mo` when the `.mo` is missing or older. Returns the written files."""
    written = []
    for po_path in sorted(locales_dir.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        mo_path = po_path.with_suffix(".mo")
        if not force and mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        with po_path.open("rb") as f:
            catalog = read_po(f, locale=po_path.parent.parent.name)
        with mo_path.open("wb") as f:
            write_mo(f, catalog, use_fuzzy=False)
        written.append(mo_path)
    _catalogs.clear()
    return written


def language_for_locales(locale_tags: list[str] | None) -> str:
    """The app language for a device's preferred locales: Indonesian for an Indonesian device, else English."""
    if not locale_tags:
        return DEFAULT_LANGUAGE
    first = locale_tags[0].replace("_", "-").lower()
    return "id" if first.split("-")[0] in ("id", "in") else "en"


def _catalog(lang: str) -> gettext.NullTranslations:
    if lang not in _catalogs:
        compile_catalogs()
        _catalogs[lang] = gettext.translation(DOMAIN, localedir=str(LOCALES_DIR), languages=[lang], fallback=True)
    return _catalogs[lang]


def set_language(lang: str) -> None:
    global _current
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}")
    _current = lang


def get_language() -> str:
    return _current


def _(message: str) -> str:
    return _catalog(_current).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _catalog(_current).ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Marks a string for extraction; translated later with `_` (module-level tables)."""
    return message


def babel_locale() -> str:
    return BABEL_LOCALES[_current]


def format_date(value: dt.date, fmt: str = "medium") -> str:
    return babel_dates.format_date(value, format=fmt, locale=babel_locale())


def format_time(value: dt.datetime | dt.time, fmt: str = "short") -> str:
    return babel_dates.format_time(value, format=fmt, locale=babel_locale())


def format_datetime(value: dt.datetime, fmt: str = "medium") -> str:
    """Date and short time in local time, e.g. '22 Nov 2026 07.30' / '22 Nov 2026, 07:30'."""
    local = value.astimezone() if value.tzinfo else value
    return f"{format_date(local.date(), fmt)} {format_time(local, 'short')}"


def format_decimal(value: float, fmt: str | None = None) -> str:
    return babel_numbers.format_decimal(value, format=fmt, locale=babel_locale())


def format_number(value: int) -> str:
    return babel_numbers.format_decimal(value, locale=babel_locale())
