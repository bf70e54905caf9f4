"""One word for one thing (DOMAIN §6), and plain words a mother reads without help: a catalog that
uses a retired word fails here, with the word to use instead.

Indonesian: berkas (never "file"); catatan harian (never "laporan"); peragaan (never "demonstrasi");
operasi sesar (never "caesar"); ulangan ke-1/2/3 for the rounds (never "sekali pijat", never
"putaran", which reads as the circular movement); "let-down" only in brackets after "refleks
keluarnya ASI"; the signs named, never a disease name such as "preeklamsia". Both languages: no
"within 24 hours" level (DOMAIN §3: it reads as "tomorrow is fine").
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

LOCALES = Path(__file__).resolve().parents[1] / "locales"

# (pattern, what to write instead); patterns are case-insensitive, on whole words.
RETIRED: dict[str, list[tuple[str, str]]] = {
    "id": [
        (r"\bfile\b", "berkas"),
        (r"\blaporan\b", "catatan harian"),
        (r"\bdemonstrasi\b", "peragaan"),
        (r"\bcaesar\b|\bsesar(?!ea)", "operasi sesar"),
        (r"\bsekali pijat\b", "ulangan (the rounds) or sesi pijat (the whole massage)"),
        (r"\bputaran\b", "ulangan"),
        (r"\btidak ada semuanya\b", "tidak ada satu pun"),
        (r"(?<!\()\blet-down\b(?!\))", "refleks keluarnya ASI (let-down)"),
        (r"\bpre-?eklamsia\b", "the signs themselves"),
        (r"\b(hubungi|minta bantuan)\b[^.]*\bdalam 24 jam\b", "hari ini (TODAY) or sekarang (GO NOW)"),
    ],
    "en": [
        (r"\bwithin 24 hours\b", "today (TODAY) or now (GO NOW)"),
        (r"\bpre-?eclampsia\b", "the signs themselves"),
    ],
}
# "sesar" is right only as "operasi sesar".
_SESAR = re.compile(r"(?i)(?<!operasi )\bsesar\b")


def _strings(lang: str) -> list[tuple[str, str]]:
    with (LOCALES / lang / "LC_MESSAGES" / "messages.po").open("rb") as f:
        catalog = read_po(f, locale=lang)
    found = []
    for message in catalog:
        if not message.id:
            continue
        texts = message.string if isinstance(message.string, tuple) else (message.string,)
        key = message.id if isinstance(message.id, str) else message.id[0]
        found += [(key, str(text)) for text in texts if text]
    return found


def retired_words(lang: str) -> list[str]:
    """Every use of a retired word: 'word -> use instead: "the string"'."""
    problems = []
    for _key, shown in _strings(lang):
        text = re.sub(r"%\(\w+\)[sdif]", "", shown)  # placeholders are code, not words
        for pattern, instead in RETIRED[lang]:
            if pattern.startswith(r"\bcaesar"):
                match = re.search(r"(?i)\bcaesar\b", text) or _SESAR.search(text)
            else:
                match = re.search(f"(?i){pattern}", text)
            if match:
                problems.append(f"{match.group(0)!r} -> {instead}: {text!r}")
    return problems


@pytest.mark.parametrize("lang", sorted(RETIRED))
def test_no_catalog_uses_a_retired_word(lang: str) -> None:
    assert retired_words(lang) == []


@pytest.mark.parametrize(
    ("lang", "text", "flagged"),
    [
        ("id", "Simpan file cadangan", True),  # file -> berkas
        ("id", "Simpan berkas cadangan", False),
        ("id", "3-5 menit sekali pijat", True),
        ("id", "Jahitan atau luka operasi caesar", True),
        ("id", "Luka sesar yang merah", True),  # sesar alone
        ("id", "Luka operasi sesar yang merah", False),
        ("id", "menghambat refleks let-down", True),
        ("id", "menghambat refleks keluarnya ASI (let-down)", False),
        ("id", "Tanda preeklamsia", True),
        ("id", "Hubungi bidan dalam 24 jam.", True),
        ("id", "Bayi menyusu 8-12 kali dalam 24 jam", False),  # a count, not a level
        ("en", "Contact your midwife within 24 hours.", True),
    ],
)
def test_the_glossary_check_notices_a_retired_word(lang: str, text: str, flagged: bool, monkeypatch) -> None:
    monkeypatch.setitem(globals(), "_strings", lambda _lang: [("x", text)])
    assert bool(retired_words(lang)) is flagged


def test_let_down_appears_only_in_brackets_after_the_indonesian() -> None:
    uses = [text for _key, text in _strings("id") if "let-down" in text.lower()]
    assert uses, "the catalog names the reflex somewhere"
    assert all("refleks keluarnya ASI (let-down)" in text for text in uses)
