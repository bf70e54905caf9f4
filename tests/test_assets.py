"""The generated sound cues and icon: valid, audible, click-free, deterministic."""

from __future__ import annotations

import struct
import wave
import zlib
from pathlib import Path

import pytest

from app import ASSETS_DIR, assetgen

SOUNDS = ASSETS_DIR / "sounds"
# name -> (min seconds, max seconds)
DURATIONS = {
    "round_start.wav": (0.4, 1.5),
    "last_seconds.wav": (0.3, 1.5),
    "round_end.wav": (0.4, 1.5),
    "session_end.wav": (1.0, 2.5),
}


def _samples(path: Path) -> tuple[wave._wave_params, list[int]]:
    with wave.open(str(path), "rb") as w:
        params = w.getparams()
        frames = w.readframes(params.nframes)
    return params, list(struct.unpack(f"<{params.nframes}h", frames))


def _zero_crossing_rate(samples: list[int]) -> float:
    crossings = sum(1 for a, b in zip(samples, samples[1:]) if (a < 0) != (b < 0))
    return crossings / len(samples)


@pytest.mark.parametrize("name", sorted(DURATIONS))
def test_wav_is_valid_mono_16bit_audible_and_click_free(name: str) -> None:
    path = SOUNDS / name
    assert path.is_file(), f"missing {path}; run `python -m app.assetgen`"
    params, samples = _samples(path)
    assert params.nchannels == 1
    assert params.sampwidth == 2
    assert params.framerate == assetgen.SAMPLE_RATE == 22050
    lo, hi = DURATIONS[name]
    assert lo <= params.nframes / params.framerate <= hi
    peak = max(abs(s) for s in samples)
    # peak near -3 dBFS: loud enough outdoors, with headroom
    assert 0.6 * 32767 <= peak <= 0.75 * 32767
    # fades in and out: no click at either end
    assert samples[0] == 0 and samples[-1] == 0
    assert all(abs(s) < 0.01 * peak for s in samples[:5] + samples[-5:])
    assert all(abs(s) < 0.05 * peak for s in samples[:20] + samples[-20:])


def test_sounds_are_distinct() -> None:
    data = {name: (SOUNDS / name).read_bytes() for name in DURATIONS}
    assert len(set(data.values())) == len(data)


def test_start_chime_rises_and_end_chime_falls() -> None:
    def early_late(name: str) -> tuple[float, float]:
        _, s = _samples(SOUNDS / name)
        n = len(s)
        return _zero_crossing_rate(s[int(0.02 * n) : int(0.18 * n)]), _zero_crossing_rate(
            s[int(0.55 * n) : int(0.85 * n)]
        )

    early, late = early_late("round_start.wav")
    assert late > early * 1.15
    early, late = early_late("round_end.wav")
    assert late < early / 1.15


def test_last_seconds_is_three_beeps() -> None:
    _, s = _samples(SOUNDS / "last_seconds.wav")
    window = assetgen.SAMPLE_RATE // 100  # 10 ms envelope
    env = [max(abs(v) for v in s[i : i + window]) for i in range(0, len(s) - window, window)]
    loud = [e > 0.25 * 32767 for e in env]
    onsets = sum(1 for a, b in zip([False, *loud], loud) if b and not a)
    assert onsets == 3


def test_generator_is_deterministic(tmp_path: Path) -> None:
    written = assetgen.generate_all(tmp_path)
    assert {p.name for p in written} == {*DURATIONS, "icon.png"}
    for name in DURATIONS:
        assert (tmp_path / "sounds" / name).read_bytes() == (SOUNDS / name).read_bytes(), name
    assert (tmp_path / "icon.png").read_bytes() == (ASSETS_DIR / "icon.png").read_bytes()


def _png_chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    chunks, i = [], 8
    while i < len(data):
        (length,) = struct.unpack(">I", data[i : i + 4])
        kind, body = data[i + 4 : i + 8], data[i + 8 : i + 8 + length]
        (crc,) = struct.unpack(">I", data[i + 8 + length : i + 12 + length])
        assert crc == zlib.crc32(kind + body) & 0xFFFFFFFF, kind
        chunks.append((kind, body))
        i += 12 + length
    return chunks


def test_icon_is_a_valid_512_png() -> None:
    data = (ASSETS_DIR / "icon.png").read_bytes()
    chunks = _png_chunks(data)
    assert chunks[0][0] == b"IHDR" and chunks[-1][0] == b"IEND"
    width, height, depth, colour_type, _c, _f, interlace = struct.unpack(">IIBBBBB", chunks[0][1])
    assert (width, height, depth, colour_type, interlace) == (512, 512, 8, 6, 0)
    raw = zlib.decompress(b"".join(body for kind, body in chunks if kind == b"IDAT"))
    stride = 1 + width * 4
    assert len(raw) == stride * height

    def pixel(x: int, y: int) -> bytes:
        assert raw[y * stride] == 0  # filter type None on every row we read
        return raw[y * stride + 1 + x * 4 : y * stride + 1 + x * 4 + 4]

    assert pixel(0, 0)[3] == 0  # rounded corner: transparent
    assert pixel(256, 20)[3] == 255  # background: opaque
    assert pixel(256, 20)[:3] != pixel(256, 400)[:3]  # a figure on the background
