"""The "Why?" panels on the position, technique and landmarks steps: closed at first, open in
place with a tap, in plain words from DOMAIN section 1."""

from __future__ import annotations

from tests.browser.test_session_flow import answer_safety, reveal, tap_in_view


def test_why_panels_explain_in_the_visitors_language(open_app):
    for lang, words in (("id", "badan condong ke depan"), ("en", "Leaning forward with her arms")):
        app = open_app(lang)
        app.tap("start-session")
        app.tap("to-safety")
        app.wait_for("safety-fever_ill-no")
        answer_safety(app)
        app.tap("safety-next")
        app.tap("to-position")
        app.wait_for("to-technique")
        assert app.page.get_by_text(words, exact=False).count() == 0  # closed: the steps come first
        tap_in_view(app, "why-position")
        app.see(words)
        app.shot("04-position-why")
        reveal(app, "to-technique")
        app.tap("to-technique")
        app.tap("build-heavier")
        tap_in_view(app, "why-technique")
        app.see("bruise" if lang == "en" else "memar")
        app.tap("to-landmarks")
        tap_in_view(app, "why-landmarks")
        app.see("ribs 5-6" if lang == "en" else "rusuk ke-5")
