"""Spoken prompts in Chromium at 360x800 (internet blocked): in a demonstration-speed massage the page
fetches the right prompt file at each cue, in English here and in Indonesian in test_session_flow's
demonstration (one whole real-time session for both); beeps only fetches none.

Each browser context has its own device services, which fetch a prompt's file the first time it is
said: the order of first requests is the order the prompts were said."""

from __future__ import annotations

import stat
import wave
from urllib.parse import urlsplit

import pytest

from app.services.own_voice import CHANNELS, SAMPLE_RATE
from app.voicegen import read_manifest
from tests.browser.test_session_flow import reveal, rows, tap_in_view, walk_to_rounds


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


def own_files(urls: list[str]) -> list[str]:
    """The midwife's recordings requested (clip names)."""
    return [
        urlsplit(u).path.rsplit("/", 1)[1].removesuffix(".wav")
        for u in urls
        if urlsplit(u).path.startswith("/own-voice/")
    ]


def wait_for_file(app, requests: list[str], name: str, timeout: float, *, own: bool = False) -> None:
    try:
        app.until(lambda: name in (own_files(requests) if own else voice_files(requests)), timeout)
    except AssertionError:
        raise AssertionError(f"{name} never requested; got {voice_files(requests)}") from None


def in_order(expected: list[str], got: list[str]) -> bool:
    """expected appears in got in this order (got may hold more, e.g. a prompt the queue dropped is absent)."""
    it = iter(got)
    return all(name in it for name in expected)


# The demonstration: 3 x 20 s rounds, 5 s rests; thumbs (slim build) as walk_to_rounds chooses.
# "ten_seconds" may be dropped in a 20-second round (the hand cue is still being said), so it is not
# required; everything else is.
SAID = ["get_ready", "count_2", "count_1", "round_1", "hand_thumbs", "rest_demo", "round_2", "round_3", "ending"]
MAY_BE_SAID = {"ten_seconds"}


def test_english_prompts_then_pause_and_resume_then_beeps_only_says_nothing(open_app, server):
    """(The whole Indonesian demonstration's prompts are checked in test_session_flow's demonstration.)"""
    app = open_app("en")
    # The prompts are Ogg/Opus: this Chromium plays them (as Android's WebView and player do).
    assert (
        app.page.evaluate("() => document.createElement('audio').canPlayType('audio/ogg; codecs=opus')") == "probably"
    )
    decoded = app.page.evaluate("""async () => { const a = new Audio('voice/en/round_1.ogg');
        await new Promise((ok, fail) => { a.onloadedmetadata = ok; a.onerror = fail; }); return a.duration; }""")
    assert decoded == pytest.approx(read_manifest()["clips"]["en/round_1"]["duration_s"], abs=0.05)
    probed = len(open_app.requests)  # the probe's request is not a prompt said
    walk_to_rounds(app, demo=True)
    wait_for_file(app, open_app.requests, "en/round_2", 40)  # through round 1 and its rest
    app.tap("pause-resume")
    wait_for_file(app, open_app.requests, "en/paused", 10)
    app.tap("pause-resume")  # the same button resumes
    wait_for_file(app, open_app.requests, "en/resuming", 10)
    got = voice_files(open_app.requests[probed:])
    assert in_order(
        [
            "en/get_ready",
            "en/count_2",
            "en/count_1",
            "en/round_1",
            "en/hand_thumbs",
            "en/rest_demo",
            "en/round_2",
            "en/paused",
            "en/resuming",
        ],
        got,
    ), got
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
    quiet.page.wait_for_selector('[flt-semantics-identifier="voice-mode-beeps"][aria-current="true"]', state="attached")
    quiet.shot("settings-voice")
    assert rows(server, "SELECT value FROM settings WHERE key = 'voice'") == [("beeps",)]  # remembered
    reveal(quiet, "voice-sample")
    tap_in_view(quiet, "open-own-voice")
    quiet.wait_for("record-get_ready")
    quiet.shot("own-voice")
    quiet.tap("back")
    quiet.wait_for("voice-sample")
    quiet.tap("back")
    quiet.wait_for("start-session")
    walk_to_rounds(quiet, demo=True)
    quiet.see("Round 2 of 3", timeout=60_000)  # round 1 (20 s) and the rest (5 s) are over
    assert voice_files(heard) == []
    assert any(urlsplit(u).path.endswith("sounds/last_seconds.wav") for u in heard)  # the chimes still sound
    quiet.tap("end-top")  # ended: the next test's family starts a massage of its own
    quiet.tap("confirm-yes")
    quiet.wait_for("finish-save")


def test_the_midwife_records_a_prompt_and_the_next_massage_uses_it(open_app, server):
    # Chromium's fake microphone (a beep) stands in for her voice.
    midwife = open_app("id", permissions=["microphone"])
    midwife.tap("open-settings")
    tap_in_view(midwife, "voice-mode-voice")  # this device's setting (a test before chose beeps only)
    midwife.page.wait_for_selector(
        '[flt-semantics-identifier="voice-mode-voice"][aria-current="true"]', state="attached"
    )
    midwife.shot("settings-voice")
    tap_in_view(midwife, "open-own-voice")
    midwife.tap("record-get_ready")
    midwife.wait_for("stop-get_ready")
    streamed = midwife.bytes_sent
    midwife.until(  # she speaks until the page has sent the app 2 seconds of her voice (16-bit samples)
        lambda: midwife.bytes_sent - streamed >= 2 * SAMPLE_RATE * CHANNELS * 2, 60, "2 seconds of recording"
    )
    midwife.tap("stop-get_ready")
    midwife.wait_for("reset-get_ready", timeout=30_000)  # kept: she may go back to the app's voice
    streamed_s = (midwife.bytes_sent - streamed) / (SAMPLE_RATE * CHANNELS * 2)  # until the page stopped
    midwife.shot("own-voice")
    recording = server.db_file.parent / "own-voice" / "get_ready.wav"
    assert stat.S_IMODE(recording.stat().st_mode) == 0o600
    assert stat.S_IMODE(recording.parent.stat().st_mode) == 0o700
    with wave.open(str(recording), "rb") as w:
        seconds = w.getnframes() / w.getframerate()
    # the 2 seconds she held Stop back, and what the page streamed until it stopped (on a busy
    # machine the Stop takes a while to reach the microphone), plus its start-up
    assert 1.5 < seconds < streamed_s + 1.0
    midwife.tap("play-get_ready")  # she hears it back
    wait_for_file(midwife, open_app.requests, "get_ready", 10, own=True)

    # The family's next massage, on a fresh page: the count starts with her recording.
    family = open_app("id")
    heard: list[str] = []
    family.page.on("request", lambda r: heard.append(r.url))
    walk_to_rounds(family, demo=True)
    wait_for_file(family, heard, "id/hand_thumbs", 20)
    assert own_files(heard) == ["get_ready"]
    assert "id/get_ready" not in voice_files(heard)  # not the generated one
    assert {"id/round_1", "id/hand_thumbs"} <= set(voice_files(heard))  # the others: still the app's voice
    # (her "get ready" is longer than a second, so the queue may drop "two" and "one" behind it)
