"""Every session screen in English at 360x800 (the Indonesian ones come from the demonstration in
test_playback; the dark theme's rounds screen, its digits checked, from test_session_screen). With
SCREENSHOTS=1 they are copied to docs/screenshots/."""

from __future__ import annotations

import io
from typing import cast

import pytest
from PIL import Image

from tests.browser.test_session_flow import answer_safety, seed_past_massages, walk_to_rounds

# Not about what is said: beeps only, so that a spoken prompt does not make the page draw
# every frame meanwhile (see the `beeps_only` fixture).
pytestmark = pytest.mark.usefixtures("beeps_only")


def brightness_of_digits(app) -> tuple[int, int]:
    """(darkest, brightest) grey level in the middle of the countdown (its digits; the ring is
    round the edge), as the page draws it."""
    box = app.el("countdown").bounding_box()
    clip = {
        "x": box["x"] + box["width"] * 0.3,
        "y": box["y"] + box["height"] * 0.35,
        "width": box["width"] * 0.4,
        "height": box["height"] * 0.3,
    }
    low, high = Image.open(io.BytesIO(app.page.screenshot(clip=clip))).convert("L").getextrema()
    return int(cast(float, low)), int(cast(float, high))


def test_every_session_screen_in_english(open_app, server):
    seed_past_massages(server)  # the history's picture shows a few days of use
    app = open_app("en", motion="no-preference")  # what most phones show
    app.see("Start a massage")
    app.shot("01-home")
    walk_to_rounds(app, demo=False, shots=True)
    app.see("Round 1 of 3")
    app.shot("07-rounds", still=False)  # a running massage: the count and the markers move
    app.tap("pause-resume")
    app.see("Paused")
    app.shot("12-resume")
    app.tap("end-top")
    app.tap("confirm-yes")
    app.wait_for("finish-save")
    app.tap("comfort-5")
    app.shot("08-finish")
    app.tap("finish-save")
    app.see("Ended early")
    app.shot("09-history")
    app.tap("back")
    app.tap("open-settings")
    app.see("Language")
    app.shot("11-settings")
    app.tap("back")
    app.tap("start-session")
    app.tap("to-safety")
    answer_safety(app, unsafe="pregnant")
    app.tap("safety-next")
    app.see("Please do not massage today")
    app.shot("10-safety-stop")
    app.tap("unsafe-change")
    answer_safety(app, unsafe="pregnant", answer="unsure")
    app.tap("safety-next")
    app.see("Ask the midwife first")
    app.shot("10-safety-unsure")
