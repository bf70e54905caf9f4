"""The hand technique and "Where to massage" screens as a husband sees them, in Indonesian and English,
light and dark, at 360x800: the landmarks named start (the bra line) then stop (the upper edge of the
shoulder blades), the hands oiled only now, and the round's first picture with the dots at the start;
then "Same as last time" on Today asks the safety questions and goes straight to Start. Screenshots go
to tests/artifacts (technique, landmarks, landmarks-oil, round-start, today)."""

from __future__ import annotations

import pytest

from tests.browser.conftest import LOOKS
from tests.browser.test_session_flow import answer_safety, reveal, tap_in_view

# Not about what is said: beeps only, so that a spoken prompt does not make the page draw
# every frame meanwhile (see the `beeps_only` fixture).
pytestmark = pytest.mark.usefixtures("beeps_only")

WORDS = {
    "en": {
        "start": "Start at the bra line",
        "stop": "Stop at the upper edge of the shoulder blades",
        "oil": "warm your hands",
        "drawing": "Start: bra line (ribs 5-6)",
    },
    "id": {
        "start": "Mulai di garis tali BH",
        "stop": "Berhenti di batas atas tulang belikat",
        "oil": "hangatkan tangan",
        "drawing": "Mulai: garis tali BH",
    },
}


@pytest.mark.parametrize(("lang", "scheme"), LOOKS)
def test_the_landmarks_say_where_to_start_and_stop_and_to_oil_the_hands_now(open_app, lang, scheme):
    app = open_app(lang, color_scheme=scheme, motion="no-preference")
    suffix = "" if scheme == "light" else "-dark"
    words = WORDS[lang]
    app.tap("start-session")
    app.tap("to-safety")
    app.wait_for("safety-fever_ill-no")
    answer_safety(app)
    app.tap("safety-next")
    app.tap("to-position")
    app.tap("to-technique")
    app.tap("build-slim_normal")
    app.wait_for("technique-thumbs")
    app.shot(f"direction-technique{suffix}")
    app.tap("to-landmarks")
    app.wait_for("start-round")
    # the drawing's labels are part of its picture, its description is what a screen reader hears
    app.see(words["start"])
    app.see(words["stop"])
    app.shot(f"direction-landmarks{suffix}")
    reveal(app, "oil-hands")
    app.see(words["oil"])
    app.page.mouse.wheel(0, 400)  # the whole note above the Start button (shot() waits for it to settle)
    app.shot(f"direction-landmarks-oil{suffix}")
    app.tap("start-round")
    app.wait_for("stop-hurts")  # after the "3, 2, 1" count: the first round, the dots at the bra line
    app.shot(f"direction-round-start{suffix}", still=False)
    # As most phones show it (no reduced motion), the markers glide from place to place.
    app.until(lambda: "animate_position" in app.props_sent, what="a gliding marker")
    app.tap("pause-resume")  # end it, so that the next case starts a new massage
    app.tap("end-top")
    app.tap("confirm-yes")
    app.tap("finish-save")
    app.tap("back")  # from history to Today
    # "Same as last time": the safety questions again, then straight to where to massage and Start
    reveal(
        app, "same-as-last"
    )  # (its line, e.g. "3 min a round, 1 min rest", then "Both thumbs · Voice on": tests/test_same_as_last.py)
    app.shot(f"direction-today{suffix}")
    tap_in_view(app, "same-as-last")
    app.wait_for("safety-fever_ill-no")
    answer_safety(app)
    app.tap("safety-next")
    app.wait_for("oil-hands")
    app.wait_for("start-round")
