"""The generated voice: one Ogg/Opus file per prompt clip and language, saying the catalog's current
words (a changed text without `python -m app.assetgen voice` fails here), of a sensible length and
level. Needs no speech synthesiser. Every shipped sound (the prompts and the WAV cues) is decoded
here as a player decodes it (soundfile, in the test lock): its length and level are measured, not
read from the manifest."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
import soundfile

from app import ASSETS_DIR
from app.domain.prompts import Clip
from app.i18n import LANGUAGES
from app.prompt_texts import clip_text
from app.voicegen import PEAK_LIMIT_DBFS, VOICE_DIR, read_manifest, text_hash
from tests.test_assets import DURATIONS as CUE_DURATIONS

VOICE = ASSETS_DIR / VOICE_DIR
SOUNDS = ASSETS_DIR / "sounds"
CLIPS = read_manifest()["clips"]
REGENERATE = "the words changed: run `python -m app.assetgen voice` (needs espeak-ng, sox, opus-tools)"
# Spoken at a calm pace: a count word under a second (the count moves every second), the longest
# instruction well under a 3-minute round's half.
MAX_S = {Clip.GET_READY: 0.95, Clip.RESUMING: 0.95, Clip.COUNT_2: 0.95, Clip.COUNT_1: 0.95}
CASES = [(lang, clip) for lang in LANGUAGES for clip in Clip]
# Speech is normalised to about -18 dBFS RMS, the cues to about -15: a file that decodes much
# quieter is silent or damaged.
RMS_FLOOR_DBFS = -30.0


@pytest.mark.parametrize("lang, clip", CASES)
def test_each_clip_says_the_catalogs_current_words(lang: str, clip: Clip) -> None:
    entry = CLIPS.get(f"{lang}/{clip.value}")
    assert entry is not None, REGENERATE
    assert entry["text_sha256"] == text_hash(clip_text(clip, lang)), REGENERATE
    assert (VOICE / lang / f"{clip.value}.ogg").is_file(), REGENERATE


def test_a_changed_text_is_caught() -> None:
    entry = CLIPS[f"en/{Clip.HALFWAY.value}"]
    assert entry["text_sha256"] != text_hash(clip_text(Clip.HALFWAY, "en") + " ")


def test_no_stray_files() -> None:
    files = {str(p.relative_to(VOICE).with_suffix("")) for p in VOICE.glob("*/*.ogg")}
    assert files == {f"{lang}/{clip.value}" for lang, clip in CASES}


def _dbfs(level: float) -> float:
    return 20 * math.log10(level) if level > 0 else -math.inf


def decoded(path: Path) -> tuple[float, float, float]:
    """(seconds, peak dBFS, RMS dBFS) of the sound as a player decodes it (its first channel)."""
    samples, rate = soundfile.read(path, dtype="float64", always_2d=True)
    mono = samples[:, 0]
    return len(mono) / rate, _dbfs(float(np.abs(mono).max())), _dbfs(float(np.sqrt(np.mean(mono**2))))


@pytest.mark.parametrize("lang, clip", CASES)
def test_each_prompt_decodes_to_its_length_and_level(lang: str, clip: Clip) -> None:
    path = VOICE / lang / f"{clip.value}.ogg"
    head = path.read_bytes()[:64]
    assert head.startswith(b"OggS") and b"OpusHead" in head  # Ogg/Opus: Chromium and Android play it
    entry = CLIPS[f"{lang}/{clip.value}"]
    duration, peak, rms = decoded(path)
    assert duration == pytest.approx(entry["duration_s"], abs=0.01)
    assert peak == pytest.approx(entry["peak_dbfs"], abs=1.5)  # lossy: peaks move a little
    assert rms == pytest.approx(entry["rms_dbfs"], abs=1.0)
    assert 0.3 < duration <= MAX_S.get(clip, 15.0)
    assert -6.0 <= peak <= PEAK_LIMIT_DBFS + 1.0  # loud enough for a phone speaker, not clipping
    assert rms > RMS_FLOOR_DBFS


@pytest.mark.parametrize("name", sorted(CUE_DURATIONS))
def test_each_cue_decodes_to_its_length_and_is_heard(name: str) -> None:
    duration, peak, rms = decoded(SOUNDS / name)
    low, high = CUE_DURATIONS[name]
    assert low <= duration <= high
    assert peak == pytest.approx(-3.0, abs=0.5)
    assert rms > RMS_FLOOR_DBFS


def test_every_shipped_sound_is_checked() -> None:
    shipped = {p.relative_to(ASSETS_DIR).as_posix() for p in ASSETS_DIR.rglob("*") if p.suffix in {".ogg", ".wav"}}
    checked = {f"{VOICE_DIR}/{lang}/{clip.value}.ogg" for lang, clip in CASES} | {f"sounds/{n}" for n in CUE_DURATIONS}
    assert shipped == checked


def test_the_checks_catch_a_silent_or_cut_file(tmp_path: Path) -> None:
    """The positive control: what the decoder reports for a silent prompt and a half-copied one."""
    silent = tmp_path / "silent.ogg"
    soundfile.write(silent, np.zeros(48_000), 48_000, format="OGG", subtype="OPUS")
    assert decoded(silent)[2] < RMS_FLOOR_DBFS
    whole = VOICE / "en" / f"{Clip.HALFWAY.value}.ogg"
    cut = tmp_path / "cut.ogg"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    assert decoded(cut)[0] < CLIPS[f"en/{Clip.HALFWAY.value}"]["duration_s"] - 1.0


def test_total_size_stays_small() -> None:
    total = sum(p.stat().st_size for p in VOICE.rglob("*") if p.is_file())
    assert total < 1_000_000, total
