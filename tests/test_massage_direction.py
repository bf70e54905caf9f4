"""Which way the hands go (DOMAIN 1 and 2): each stroke starts at the bra line (ribs 5-6) and moves UP
to the upper edge of the shoulder blades. No text in either catalog, and no spoken prompt, may send
the hands the other way; only the quiz's wrong answers say it, on purpose."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from app import i18n
from app.domain.prompts import Clip
from app.prompt_texts import clip_text
from app.ui.screens.session_landmarks import landmark_steps
from app.ui.screens.teach_labels import OPTION_TEXTS

LOCALES = Path(__file__).resolve().parents[1] / "locales"
# The quiz's wrong options describe the wrong direction so that a family can pick it and learn.
WRONG_ON_PURPOSE = {OPTION_TEXTS["where.spine_down"], OPTION_TEXTS["start.shoulder_blades"]}
# A sentence that goes from the shoulder blades toward the bra line or the ribs, or moves down to them.
DOWNWARD = {
    "en": [
        r"shoulder blades?\b[^.;:]*\b(down|to the bra line|to the level of ribs|to ribs)\b",
        r"\b(down|downward|downwards)\b[^.;]*\b(bra line|ribs 5|ribs 5-6)\b",
        r"\bglides? down\b",
    ],
    "id": [
        r"belikat\b[^.;:]*\b(turun|sampai (setinggi )?(garis tali BH|pengait BH|(tulang )?rusuk))",
        r"\b(turun|ke bawah)\b[^.;]*\b(garis tali BH|pengait BH|(tulang )?rusuk)",
    ],
}


def downward(lang: str, text: str) -> bool:
    return any(re.search(pattern, text, re.IGNORECASE) for pattern in DOWNWARD[lang])


def _catalog(lang: str) -> list[tuple[str, str]]:
    with (LOCALES / lang / "LC_MESSAGES" / "messages.po").open("rb") as f:
        catalog = read_po(f, locale=lang)
    found = []
    for message in catalog:
        if not message.id:
            continue
        key = message.id if isinstance(message.id, str) else message.id[0]
        texts = message.string if isinstance(message.string, tuple) else (message.string,)
        found += [(key, str(text)) for text in texts if text]
    return found


@pytest.mark.parametrize(
    "lang, old",
    [
        ("en", "Small circles on both sides of the spine, from the shoulder blades to the bra line."),
        ("en", "It goes from the shoulder blades down to the level of ribs 5-6 (the bra line)."),
        ("en", "Two dots glide down the drawing of her back"),
        ("id", "Gerakan melingkar kecil, dari dalam ke luar, dari tulang belikat sampai setinggi pengait BH."),
        ("id", "Dari tulang belikat turun sampai setinggi tulang rusuk ke-5 dan ke-6."),
    ],
)
def test_the_check_catches_the_old_downward_words(lang: str, old: str) -> None:
    assert downward(lang, old)


@pytest.mark.parametrize(
    "lang, right",
    [
        ("en", "moving up from the bra line to the upper edge of the shoulder blades"),
        ("en", "Find the most prominent bone at the base of her neck: the spine runs straight below it."),
        ("id", "naik dari garis tali BH sampai batas atas tulang belikat"),
        ("id", "Lalu angkat tangan, kembali ke garis tali BH, dan naik lagi."),
    ],
)
def test_the_check_lets_the_upward_words_through(lang: str, right: str) -> None:
    assert not downward(lang, right)


@pytest.mark.parametrize("lang", ["en", "id"])
def test_no_catalog_text_sends_the_hands_down(lang: str) -> None:
    found = [
        f"{key!r}: {text!r}" for key, text in _catalog(lang) if key not in WRONG_ON_PURPOSE and downward(lang, text)
    ]
    assert not found, "\n".join(found)


@pytest.mark.parametrize("lang", ["en", "id"])
@pytest.mark.parametrize("clip", [Clip.HAND_FISTS, Clip.HAND_THUMBS, Clip.HAND_INDEX_BACKS])
def test_each_hand_prompt_says_up_from_the_bra_line(lang: str, clip: Clip) -> None:
    """What the voice says at each round's start names the start and the top, in that order."""
    words = clip_text(clip, lang)
    start, top, up = {
        "en": ("bra line", "upper edge of the shoulder blades", "moving up"),
        "id": ("garis tali BH", "batas atas tulang belikat", "naik"),
    }[lang]
    assert up in words and start in words and top in words
    assert words.index(start) < words.index(top)
    assert not downward(lang, words)
    assert "thumbs forward" not in words and "menghadap ke depan" not in words  # DOMAIN 2: no thumb direction


def test_the_landmarks_screen_names_the_start_then_the_stop() -> None:
    with i18n.using("en"):
        steps = landmark_steps()
    start = next(i for i, s in enumerate(steps) if s.startswith("Start at the bra line"))
    stop = next(i for i, s in enumerate(steps) if s.startswith("Stop at the upper edge of the shoulder blades"))
    assert start < stop
    assert any("go back to the bra line" in s for s in steps)
