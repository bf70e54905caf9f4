"""Calm cards are calm in both themes (issue 26): a red flag that is not "go now" is a neutral card
with a warm border and icon, never red, and what it draws stays readable on the light and the dark
theme's page and cards (colours of the Material scheme the app's seed makes, read off the
screenshots at 360x800)."""

from __future__ import annotations

import flet as ft
import pytest

from app.domain.redflags import RULES, RedFlag, Urgency
from app.ui import kit
from app.ui.screens import diary_history, flag_labels
from tests.render_harness import walk

PAGES = {"light page": "#f4fbf8", "light card": "#eff5f2", "dark page": "#0e1513", "dark card": "#171d1b"}


def contrast(a: str, b: str) -> float:
    def luminance(colour: str) -> float:
        channels = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
        r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("where", sorted(PAGES))
def test_the_calm_accent_stands_out_on_every_page_and_card(where):
    assert contrast(kit.CALM_ACCENT, PAGES[where]) >= 3.0  # WCAG 1.4.11, a graphic (border, icon)


CALM = [flag for flag in RedFlag if RULES[flag].urgency is not Urgency.GO_NOW]
RED = {kit.DANGER, str(ft.Colors.ERROR), str(ft.Colors.ERROR_CONTAINER), str(kit.WARNING_INK)}


def _colours(control) -> set[str]:
    found = set()
    for node in walk(control):
        for name in ("bgcolor", "color"):
            value = getattr(node, name, None)
            if value is not None:
                found.add(str(value))
        border = getattr(node, "border", None)
        if border is not None:
            found.add(str(border.top.color))
    return found


@pytest.mark.parametrize("flag", CALM, ids=[flag.value for flag in CALM])
def test_a_calm_flag_card_has_no_red(flag):
    card = flag_labels.flag_card(flag)
    colours = _colours(card)
    assert kit.CALM_ACCENT in colours
    assert not colours & RED, colours


def test_the_diary_s_day_flags_are_calm_and_only_go_now_is_marked_red():
    calm, urgent = CALM[0], next(f for f in RedFlag if RULES[f].urgency is Urgency.GO_NOW)
    assert not _colours(diary_history.day_flags("d", [calm])) & RED
    assert str(kit.WARNING_INK) in _colours(diary_history.day_flags("d", [urgent]))  # its icon only
