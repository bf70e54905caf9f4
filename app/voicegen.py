"""Renders the spoken prompts (the default voice) from the translation catalogs.

Run `python -m app.assetgen voice` after changing a prompt's words (app/prompt_texts.py or its
Indonesian translation). It needs Debian's `espeak-ng` (it has an Indonesian voice, "id"), `sox` and
`opusenc` (`apt-get install espeak-ng sox opus-tools`); the app itself needs none of them.

For each clip and language: espeak-ng speaks the catalog text into a WAV; sox trims the silence
around it, resamples to 48 kHz (Opus's own rate) and adds a short lead-in and tail; the samples are
then loudness-normalised in Python (RMS to TARGET_RMS_DBFS, held under PEAK_LIMIT_DBFS) and encoded
as Ogg/Opus (speech-tuned, mono, 24 kbit/s), which Chromium and Android both play, into
`assets/voice/<lang>/<clip>.ogg`. `assets/voice/manifest.json` keeps, per file, the SHA-256 of the
words it says, its duration and peak: tests/test_voice_assets.py fails when the words changed
without regenerating, and the app reads the durations to queue prompts without overlap.
"""

from __future__ import annotations

import array
import hashlib
import json
import math
import shutil
import subprocess
import sys
import tempfile
import wave
from pathlib import Path

from app import ASSETS_DIR
from app.domain.prompts import Clip
from app.i18n import LANGUAGES

VOICE_DIR = "voice"
MANIFEST = "manifest.json"
# espeak-ng voice and speed (words per minute) per language: a calm pace, a little slower than default.
ESPEAK_VOICES = {"id": ("id", 145), "en": ("en", 150)}
RATE_HZ = 48000
TARGET_RMS_DBFS = -18.0
PEAK_LIMIT_DBFS = -1.0
LEAD_S = 0.05
TAIL_S = 0.15
BITRATE_KBPS = 24
SERIAL = 1  # a fixed Ogg stream serial and no dither (sox -D -R): the same words give the same bytes


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def manifest_path(assets_dir: Path = ASSETS_DIR) -> Path:
    return Path(assets_dir) / VOICE_DIR / MANIFEST


def read_manifest(assets_dir: Path = ASSETS_DIR) -> dict:
    try:
        return dict(json.loads(manifest_path(assets_dir).read_text("utf-8")))
    except (OSError, ValueError):
        return {"clips": {}}


def _read_pcm(path: Path) -> tuple[array.array, int]:
    with wave.open(str(path), "rb") as w:
        assert w.getsampwidth() == 2 and w.getnchannels() == 1
        samples = array.array("h", w.readframes(w.getnframes()))
        return samples, w.getframerate()


def _write_pcm(path: Path, samples: array.array, rate: int) -> None:
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(samples.tobytes())


def level_dbfs(samples: array.array) -> tuple[float, float]:
    """(peak, RMS) of 16-bit samples in dBFS."""
    if not samples:
        return -math.inf, -math.inf
    peak = max(abs(s) for s in samples) / 32768
    rms = math.sqrt(sum(s * s for s in samples) / len(samples)) / 32768
    return (20 * math.log10(peak) if peak else -math.inf, 20 * math.log10(rms) if rms else -math.inf)


def normalise(samples: array.array) -> array.array:
    """RMS loudness to TARGET_RMS_DBFS, lowered if needed so the peak stays under PEAK_LIMIT_DBFS."""
    peak, rms = level_dbfs(samples)
    gain_db = min(TARGET_RMS_DBFS - rms, PEAK_LIMIT_DBFS - peak)
    gain = 10 ** (gain_db / 20)
    return array.array("h", (max(-32768, min(32767, round(s * gain))) for s in samples))


def render_clip(text: str, lang: str, out: Path, work: Path) -> dict:
    """Speak `text` in `lang` into the Ogg/Opus file `out`; returns its manifest entry."""
    voice, wpm = ESPEAK_VOICES[lang]
    raw, trimmed, normed = work / "raw.wav", work / "trimmed.wav", work / "normed.wav"
    subprocess.run(["espeak-ng", "-v", voice, "-s", str(wpm), "-w", str(raw), text], check=True)
    subprocess.run(
        [
            "sox",
            "-D",
            "-R",
            str(raw),
            "-r",
            str(RATE_HZ),
            "-b",
            "16",
            "-c",
            "1",
            str(trimmed),
            "silence",
            "1",
            "0.02",
            "0.5%",
            "reverse",
            "silence",
            "1",
            "0.02",
            "0.5%",
            "reverse",
            "pad",
            str(LEAD_S),
            str(TAIL_S),
            "rate",
            "-v",
            str(RATE_HZ),
        ],
        check=True,
    )
    samples, rate = _read_pcm(trimmed)
    samples = normalise(samples)
    _write_pcm(normed, samples, rate)
    out.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            "opusenc",
            "--quiet",
            "--speech",
            "--bitrate",
            str(BITRATE_KBPS),
            "--serial",
            str(SERIAL),
            "--padding",
            "0",
            "--discard-comments",
            str(normed),
            str(out),
        ],
        check=True,
    )
    peak, rms = level_dbfs(samples)
    return {
        "text_sha256": text_hash(text),
        "duration_s": round(len(samples) / rate, 3),
        "peak_dbfs": round(peak, 2),
        "rms_dbfs": round(rms, 2),
        "bytes": out.stat().st_size,
    }


def generate_voice(assets_dir: Path = ASSETS_DIR) -> list[Path]:
    """Every clip in every language, and the manifest. Returns the written paths."""
    from app.prompt_texts import clip_text  # the catalogs: words in each language

    missing = [tool for tool in ("espeak-ng", "sox", "opusenc") if shutil.which(tool) is None]
    if missing:
        raise SystemExit(f"missing {', '.join(missing)}: apt-get install espeak-ng sox opus-tools")
    root = Path(assets_dir) / VOICE_DIR
    clips: dict[str, dict] = {}
    written: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="voicegen-") as tmp:
        for lang in LANGUAGES:
            for clip in Clip:
                out = root / lang / f"{clip.value}.ogg"
                clips[f"{lang}/{clip.value}"] = render_clip(clip_text(clip, lang), lang, out, Path(tmp))
                written.append(out)
    manifest = {
        "how": "python -m app.assetgen voice",
        "voices": {lang: f"espeak-ng -v {v} -s {wpm}" for lang, (v, wpm) in ESPEAK_VOICES.items()},
        "format": f"Ogg/Opus mono {RATE_HZ} Hz {BITRATE_KBPS} kbit/s, RMS {TARGET_RMS_DBFS} dBFS, "
        f"peak <= {PEAK_LIMIT_DBFS} dBFS",
        "clips": clips,
    }
    manifest_path(assets_dir).write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", "utf-8")
    written.append(manifest_path(assets_dir))
    return written


if __name__ == "__main__":
    for p in generate_voice(Path(sys.argv[1]) if len(sys.argv) > 1 else ASSETS_DIR):
        print(p)
