"""The voice settings in Chromium at 360x800 (internet blocked), judged by what the page PLAYS (the
recorder of tests/browser/test_playback.py): "beeps only" plays the chimes and never a voice; the
sample plays at its first tap; the midwife records a prompt, hears it back at once, and the family's
next massage starts with her voice.

(The whole demonstrations, in Indonesian and English, are heard in test_playback.py.)"""

from __future__ import annotations

import stat
import wave

from app.services.own_voice import CHANNELS, SAMPLE_RATE
from tests.browser.test_playback import heard, positive_control, tabs, wait_heard  # noqa: F401 (fixture)
from tests.browser.test_session_flow import rows, tap_in_view, walk_to_rounds


def test_beeps_only_plays_the_chimes_and_never_a_voice(open_app, server):
    app = open_app("en")
    positive_control(app)
    app.tap("open-settings")
    tap_in_view(app, "voice-mode-beeps")
    app.page.wait_for_selector('[flt-semantics-identifier="voice-mode-beeps"][aria-current="true"]', state="attached")
    # remembered for her (the voice is each mother's: key "voice:<her UUID>")
    assert rows(server, "SELECT value FROM settings WHERE key LIKE 'voice:%'") == [("beeps",)]
    tap_in_view(app, "voice-sample")  # what a round's start sounds like now: its chime, at the first tap
    wait_heard(app, "/round_start.wav")
    app.shot("settings-voice")
    tap_in_view(app, "open-own-voice")
    app.wait_for("record-get_ready")
    app.shot("own-voice")
    app.tap("back")
    app.wait_for("voice-sample")
    app.tap("back")
    app.wait_for("start-session")
    walk_to_rounds(app, demo=True)
    wait_heard(app, "/round_end.wav", timeout=40_000)  # round 1 (20 s) and the start of its rest
    names = [h.name for h in heard(app)]
    # The sample, the count's three ticks, round 1's start, its last seconds, its end: chimes only.
    assert names == [
        "chime/round_start",
        "chime/last_seconds",
        "chime/last_seconds",
        "chime/last_seconds",
        "chime/round_start",
        "chime/last_seconds",
        "chime/round_end",
    ], names
    app.tap("end-top")  # ended: the next test's family starts a massage of its own
    app.tap("confirm-yes")
    app.wait_for("finish-save")


def test_the_midwife_records_a_prompt_hears_it_and_the_next_massage_uses_it(open_app, server):
    # Chromium's fake microphone (a beep) stands in for her voice.
    midwife = open_app("id", permissions=["microphone"])
    positive_control(midwife)
    midwife.tap("open-settings")
    tap_in_view(midwife, "voice-mode-voice")  # this device's setting (a test before chose beeps only)
    midwife.page.wait_for_selector(
        '[flt-semantics-identifier="voice-mode-voice"][aria-current="true"]', state="attached"
    )
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
    midwife.tap("play-get_ready")  # she hears it back, at the first tap
    wait_heard(midwife, "/own-voice/get_ready.wav")
    assert [h.name for h in heard(midwife)] == ["own/get_ready"]

    # The family's next massage, on a fresh page: the count starts with her recording, and the count
    # waits for her longer words, so "two" and "one" still follow.
    family = open_app("id")
    positive_control(family)
    walk_to_rounds(family, demo=True)
    wait_heard(family, "/hand_thumbs.", timeout=30_000)
    names = [h.name for h in heard(family)]
    names = names[: names.index("id/hand_thumbs") + 1]  # (the round's later chime may follow it meanwhile)
    assert names == ["own/get_ready", "id/count_2", "id/count_1", "chime/round_start", "id/round_1", "id/hand_thumbs"]
    family.tap("end-top")
    family.tap("confirm-yes")
    family.wait_for("finish-save")
