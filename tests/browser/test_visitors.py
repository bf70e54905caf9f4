"""State belongs to the visitor: two tabs on one server keep their own language through several
screens and a language change in the other; and every visible control is a 48x48 target."""

from __future__ import annotations

import pytest

MIN_TARGET = 48
# Roles a finger taps. Flutter's semantics tree marks them with these roles.
TAPPABLE = (
    "flt-semantics[role='button'], flt-semantics[role='checkbox'], flt-semantics[role='switch'], "
    "flt-semantics[role='radio'], flt-semantics[role='link'], flt-semantics[role='tab']"
)


def test_two_tabs_keep_their_own_language(open_app):
    indo = open_app("id")
    english = open_app("en")
    indo.see("Mulai pijat")
    english.see("Start a massage")
    english.tap("open-settings")
    english.see("Language")
    indo.tap("open-history")  # the Indonesian tab moves on while the English one changes language
    indo.see("Riwayat pijat")
    english.tap("language-id")  # the English tab switches to Indonesian...
    english.see("Bahasa")
    indo.tap("back")
    indo.see("Mulai pijat")
    english.tap("language-en")  # ...and back again
    english.see("Language")
    indo.tap("open-settings")
    indo.see("Bahasa")  # the Indonesian tab never turned English
    assert indo.page.get_by_text("Language", exact=True).count() == 0


def visible_targets(app) -> list[dict]:
    return app.page.evaluate(
        """(sel) => Array.from(document.querySelectorAll(sel)).map(e => {
               const r = e.getBoundingClientRect();
               return {id: e.getAttribute('flt-semantics-identifier') || e.getAttribute('aria-label') || e.textContent,
                       w: r.width, h: r.height, top: r.top};
               // Only controls wholly on screen: Flutter reports a control cut by the screen's edge
               // by its visible part, which is not its size.
           }).filter(t => t.w > 0 && t.h > 0 && t.top >= 0 && t.top + t.h < window.innerHeight - 1)""",
        TAPPABLE,
    )


@pytest.mark.parametrize(
    "route_taps, screen",
    [
        ([], "start-session"),  # Today
        (["open-settings"], "language-id"),  # Settings
        (["start-session"], "to-safety"),  # the first step of a massage
    ],
    ids=["today", "settings", "setup"],
)
def test_every_visible_control_is_at_least_48_by_48(open_app, route_taps, screen):
    app = open_app("id")
    app.wait_for("start-session")
    for identifier in route_taps:
        app.tap(identifier)
    app.wait_for(screen)  # the screen's own control: it is the one shown
    app.settle()  # its transition is over: each control has its final size
    targets = visible_targets(app)
    assert targets, "no tappable control found: the selector is wrong"
    small = [t for t in targets if t["w"] < MIN_TARGET - 0.5 or t["h"] < MIN_TARGET - 0.5]
    assert small == []
