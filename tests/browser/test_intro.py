"""The first-run introduction: shown once on a new device, in the visitor's language, and
reachable again from Settings."""

from __future__ import annotations


def test_introduction_is_shown_once_and_again_from_settings(open_app):
    first = open_app("id", skip_intro=False)
    first.wait_for("intro-done")
    first.see("Belajar dari bidan")  # a midwife should show it once
    first.see("tidak menggantikan bidan")  # education, not a replacement for the midwife
    first.tap("intro-done")
    first.wait_for("start-session")
    later = open_app("en", skip_intro=False)  # the same device, another visit: straight to Today
    later.wait_for("start-session")
    assert later.el("intro-done").count() == 0
    later.tap("open-settings")
    later.tap("open-intro")
    later.see("Learn it from the midwife")
    later.tap("intro-done")
    later.see("Settings")  # Back where it was opened from
