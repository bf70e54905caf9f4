"""The generated voice: one Ogg/Opus file per prompt clip and language, saying the catalog's current
words (a changed text without `python -m app.assetgen voice` fails here), of a sensible length and
level. Needs no speech synthesiser; decodes with opusdec only where it is installed."""

from __future__ import annotations

import array
import shutil
import subprocess
import wave
from pathlib import Path

import pytest

from app import ASSETS_DIR
from app.domain.prompts import Clip
from app.i18n import LANGUAGES
from app.prompt_texts import clip_text
from app.voicegen import PEAK_LIMIT_DBFS, VOICE_DIR, level_dbfs, read_manifest, text_hash

VOICE = ASSETS_DIR / VOICE_DIR
CLIPS = read_manifest()["clips"]
REGENERATE = "the words changed: run `python -m app.assetgen voice` (needs espeak-ng, sox, opus-tools)"
# Spoken at a calm pace: a count word under a second (the count moves every second), the longest
# instruction well under a 3-minute round's half.
MAX_S = {Clip.GET_READY: 0.95, Clip.RESUMING: 0.95, Clip.COUNT_2: 0.95, Clip.COUNT_1: 0.95}
CASES = [(lang, clip) for lang in LANGUAGES for clip in Clip]


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


def _decoded(path: Path, tmp: Path) -> tuple[float, float]:
    out = tmp / "decoded.wav"
    subprocess.run(["opusdec", "--quiet", "--rate", "48000", str(path), str(out)], check=True)
    with wave.open(str(out), "rb") as w:
        samples = array.array("h", w.readframes(w.getnframes()))
        if w.getnchannels() == 2:
            samples = samples[::2]
        return len(samples) / w.getframerate(), level_dbfs(samples)[0]


@pytest.mark.parametrize("lang, clip", CASES)
def test_duration_and_peak(lang: str, clip: Clip, tmp_path: Path) -> None:
    path = VOICE / lang / f"{clip.value}.ogg"
    head = path.read_bytes()[:64]
    assert head.startswith(b"OggS") and b"OpusHead" in head  # Ogg/Opus: Chromium and Android play it
    entry = CLIPS[f"{lang}/{clip.value}"]
    if shutil.which("opusdec"):
        duration, peak = _decoded(path, tmp_path)
        assert duration == pytest.approx(entry["duration_s"], abs=0.03)
        assert peak == pytest.approx(entry["peak_dbfs"], abs=1.5)  # lossy: peaks move a little
    else:
        duration, peak = entry["duration_s"], entry["peak_dbfs"]
    assert 0.3 < duration <= MAX_S.get(clip, 15.0)
    assert -6.0 <= peak <= PEAK_LIMIT_DBFS + 1.0  # loud enough for a phone speaker, not clipping
    assert entry["rms_dbfs"] > -24.0


def test_total_size_stays_small() -> None:
    total = sum(p.stat().st_size for p in VOICE.rglob("*") if p.is_file())
    assert total < 1_000_000, total
