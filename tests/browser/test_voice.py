"""Spoken prompts in Chromium at 360x800 (internet blocked): in a demonstration-speed massage the page
fetches the right prompt file at each cue, in Indonesian and English; beeps only fetches none.

Each browser context has its own device services, which fetch a prompt's file the first time it is
said: the order of first requests is the order the prompts were said."""

from __future__ import annotations

import time
from urllib.parse import urlsplit

from tests.browser.test_session_flow import reveal, tap_in_view, walk_to_rounds


def voice_files(urls: list[str]) -> list[str]:
    """'<lang>/<clip>' of each prompt file requested, first requests only, in order."""
    seen: list[str] = []
    for url in urls:
        path = urlsplit(url).path
        if "/voice/" in path and path.endswith(".ogg"):
            name = path.split("/voice/", 1)[1].removesuffix(".ogg")
            if name not in seen:
                seen.append(name)
    return seen


def wait_for_file(app, requests: list[str], name: str, timeout: float) -> None:
    end = time.monotonic() + timeout
    while name not in voice_files(requests):
        assert time.monotonic() < end, f"{name} never requested; got {voice_files(requests)}"
        app.page.wait_for_timeout(250)  # not time.sleep: Playwright records requests only while it runs


def in_order(expected: list[str], got: list[str]) -> bool:
    """expected appears in got in this order (got may hold more, e.g. a prompt the queue dropped is absent)."""
    it = iter(got)
    return all(name in it for name in expected)


# The demonstration: 3 x 20 s rounds, 5 s rests; thumbs (slim build) as walk_to_rounds chooses.
# "ten_seconds" may be dropped in a 20-second round (the hand cue is still being said), so it is not
# required; everything else is.
SAID = ["get_ready", "count_2", "count_1", "round_1", "hand_thumbs", "rest_demo", "round_2", "round_3", "ending"]
MAY_BE_SAID = {"ten_seconds"}


def test_a_demonstration_says_each_prompt_in_indonesian(open_app):
    app = open_app("id")
    walk_to_rounds(app, demo=True)
    app.wait_for("finish-save", timeout=90_000)
    wait_for_file(app, open_app.requests, "id/ending", 15)
    got = voice_files(open_app.requests)
    assert in_order([f"id/{n}" for n in SAID], got), got
    assert set(got) <= {f"id/{n}" for n in [*SAID, *MAY_BE_SAID]}, got  # nothing in English, nothing else


def test_english_prompts_then_pause_and_resume_then_beeps_only_says_nothing(open_app):
    app = open_app("en")
    walk_to_rounds(app, demo=True)
    wait_for_file(app, open_app.requests, "en/round_2", 40)  # through round 1 and its rest
    app.tap("pause-resume")
    wait_for_file(app, open_app.requests, "en/paused", 10)
    app.tap("pause-resume")  # the same button resumes
    wait_for_file(app, open_app.requests, "en/resuming", 10)
    got = voice_files(open_app.requests)
    assert in_order(["en/get_ready", "en/count_2", "en/count_1", "en/round_1", "en/hand_thumbs", "en/rest_demo",
                     "en/round_2", "en/paused", "en/resuming"], got), got
    assert not [n for n in got if n.startswith("id/")]

    # Beeps only, chosen in settings on a new device: a whole round and rest without a voice file.
    app.tap("end-top")  # ended, so the next device starts its own
    app.tap("confirm-yes")
    app.wait_for("finish-save")
    quiet = open_app("en")
    heard: list[str] = []  # this device's requests only
    quiet.page.on("request", lambda r: heard.append(r.url))
    quiet.tap("open-settings")
    tap_in_view(quiet, "voice-mode-beeps")
    quiet.page.wait_for_selector('[flt-semantics-identifier="voice-mode-beeps"][aria-current="true"]',
                                 state="attached")
    quiet.shot("settings-voice")
    reveal(quiet, "voice-sample")
    quiet.tap("back")
    quiet.wait_for("start-session")
    walk_to_rounds(quiet, demo=True)
    quiet.page.wait_for_timeout(28_000)  # round 1 (20 s) and the rest (5 s)
    assert voice_files(heard) == []
    assert any(urlsplit(u).path.endswith("sounds/last_seconds.wav") for u in heard)  # the chimes still sound
