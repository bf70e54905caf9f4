"""Generates the app's sound cues and icon with the standard library only.

Run `python -m app.assetgen` (optionally with an output directory) to rewrite
`assets/sounds/*.wav` and `assets/icon.png`. `python -m app.assetgen voice` renders the spoken
prompts into `assets/voice/` instead (see app/voicegen.py: it needs espeak-ng, sox and opusenc).
The sounds and icon are deterministic: the same bytes on every run, so the generated files are
committed and a test regenerates them and compares.

Sounds: 16-bit mono 22050 Hz WAV, soft bell-like tones (a sine with a few decaying harmonics, so a
small phone speaker that cannot reproduce low notes still sounds them clearly), normalised to a peak
near -3 dBFS, with a short fade in and out so they never click.

Icon: 512x512 RGBA PNG written with zlib + struct; the shapes are rasterised from signed distance
functions with one pixel of anti-aliasing.
"""

from __future__ import annotations

import math
import struct
import sys
import wave
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path

from app import ASSETS_DIR

SAMPLE_RATE = 22050
PEAK_DBFS = -3.0
FADE_IN_S = 0.006
FADE_OUT_S = 0.040
ICON_SIZE = 512

# Note frequencies (Hz), equal temperament.
E5, G5, C6, E6 = 659.26, 783.99, 1046.50, 1318.51

# (file name, total seconds, notes as (start s, frequency Hz, length s, relative level, decay per s))
SOUND_SPECS: dict[str, tuple[float, list[tuple[float, float, float, float, float]]]] = {
    # Gentle rising two-note chime: G5 then C6.
    "round_start.wav": (1.0, [(0.0, G5, 0.55, 0.9, 5.0), (0.22, C6, 0.78, 1.0, 4.2)]),
    # Soft triple beep: three short E6 beeps, "10 seconds left".
    "last_seconds.wav": (
        0.78,
        [(0.0, E6, 0.14, 1.0, 14.0), (0.28, E6, 0.14, 1.0, 14.0), (0.56, E6, 0.14, 1.0, 14.0)],
    ),
    # Falling two-note chime: C6 then G5 (the mirror of round_start).
    "round_end.wav": (1.15, [(0.0, C6, 0.55, 1.0, 5.0), (0.26, G5, 0.89, 0.95, 3.6)]),
    # Calm three-note arpeggio that rings on: E5, G5, C6.
    "session_end.wav": (
        2.3,
        [(0.0, E5, 2.3, 0.8, 2.2), (0.32, G5, 1.98, 0.8, 2.2), (0.64, C6, 1.66, 1.0, 1.9)],
    ),
}

# Bell-ish timbre: harmonic number -> (amplitude, extra decay per second).
_PARTIALS = ((1, 1.0, 0.0), (2, 0.32, 3.0), (3, 0.12, 6.0))


def _note_samples(
    freq: float, length_s: float, decay: float, attack_s: float = 0.008, release_s: float = 0.03
) -> list[float]:
    n = int(round(length_s * SAMPLE_RATE))
    out = []
    for i in range(n):
        t = i / SAMPLE_RATE
        env = math.exp(-decay * t)
        if t < attack_s:
            env *= t / attack_s
        if t > length_s - release_s:  # each note ends at zero: no click where it stops
            env *= max(0.0, (length_s - t) / release_s)
        s = 0.0
        for harmonic, amp, extra_decay in _PARTIALS:
            s += amp * math.exp(-extra_decay * t) * math.sin(2 * math.pi * freq * harmonic * t)
        out.append(env * s)
    return out


def synth(total_s: float, notes: list[tuple[float, float, float, float, float]]) -> list[int]:
    """Mixes the notes, normalises to PEAK_DBFS, fades in/out; returns 16-bit sample values."""
    n_total = int(round(total_s * SAMPLE_RATE))
    mix = [0.0] * n_total
    for start_s, freq, length_s, level, decay in notes:
        start = int(round(start_s * SAMPLE_RATE))
        for i, v in enumerate(_note_samples(freq, length_s, decay)):
            if start + i < n_total:
                mix[start + i] += level * v
    fade_in = int(FADE_IN_S * SAMPLE_RATE)
    fade_out = int(FADE_OUT_S * SAMPLE_RATE)
    for i in range(fade_in):
        mix[i] *= i / fade_in
    for i in range(fade_out):
        mix[n_total - 1 - i] *= i / fade_out
    peak = max(abs(v) for v in mix) or 1.0
    gain = 10 ** (PEAK_DBFS / 20) * 32767 / peak
    return [max(-32768, min(32767, int(round(v * gain)))) for v in mix]


def write_wav(path: Path, samples: list[int]) -> None:
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(SAMPLE_RATE)
        w.writeframes(struct.pack(f"<{len(samples)}h", *samples))


def generate_sounds(out_dir: Path) -> list[Path]:
    """Writes every cue into `out_dir` (created if missing). Returns the written paths."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, (total_s, notes) in SOUND_SPECS.items():
        path = out_dir / name
        write_wav(path, synth(total_s, notes))
        written.append(path)
    return written


# ---------------------------------------------------------------- icon

ROSE_TOP = (232, 128, 140)
ROSE_BOTTOM = (205, 92, 112)
CREAM = (255, 244, 236)
TEAL = (22, 122, 116)
HAIR = (92, 54, 58)


def _sd_round_box(px: float, py: float, cx: float, cy: float, hw: float, hh: float, r: float) -> float:
    qx = abs(px - cx) - (hw - r)
    qy = abs(py - cy) - (hh - r)
    return math.hypot(max(qx, 0.0), max(qy, 0.0)) + min(max(qx, qy), 0.0) - r


def _sd_circle(px: float, py: float, cx: float, cy: float, r: float) -> float:
    return math.hypot(px - cx, py - cy) - r


def _sd_polygon(px: float, py: float, pts: Sequence[tuple[float, float]]) -> float:
    """Signed distance to a simple polygon (negative inside)."""
    d = (px - pts[0][0]) ** 2 + (py - pts[0][1]) ** 2
    sign = 1.0
    j = len(pts) - 1
    for i in range(len(pts)):
        vix, viy = pts[i]
        vjx, vjy = pts[j]
        ex, ey = vjx - vix, vjy - viy
        wx, wy = px - vix, py - viy
        h = max(0.0, min(1.0, (wx * ex + wy * ey) / (ex * ex + ey * ey)))
        bx, by = wx - ex * h, wy - ey * h
        d = min(d, bx * bx + by * by)
        c1, c2, c3 = py >= viy, py < vjy, ex * wy > ey * wx
        if (c1 and c2 and c3) or (not c1 and not c2 and not c3):
            sign = -sign
        j = i
    return sign * math.sqrt(d)


def _sd_arc_ring(px, py, cx, cy, r, half_width, gap_center, gap_half) -> float:
    """A ring (stroke) of radius r with an angular gap around gap_center (radians)."""
    ring = abs(math.hypot(px - cx, py - cy) - r) - half_width
    ang = math.atan2(py - cy, px - cx)
    delta = abs((ang - gap_center + math.pi) % (2 * math.pi) - math.pi)
    if delta < gap_half:
        # inside the gap: distance to the nearer ring end cap
        best = 1e9
        for a in (gap_center - gap_half, gap_center + gap_half):
            ex, ey = cx + r * math.cos(a), cy + r * math.sin(a)
            best = min(best, math.hypot(px - ex, py - ey) - half_width)
        return best
    return ring


# Torso seen from behind: shoulders, narrowing to the waist, running off the bottom.
_TORSO = [(106, 318), (140, 272), (222, 248), (290, 248), (372, 272), (406, 318), (380, 560), (132, 560)]


Layer = tuple[tuple[int, int, int] | None, Callable[[float, float], float], tuple[int, int, int, int]]


def _icon_layers() -> list[Layer]:
    """(colour or None for the gradient, signed-distance function, bounding box) from bottom to top."""
    s = ICON_SIZE
    layers: list = [
        (None, lambda x, y: _sd_round_box(x, y, s / 2, s / 2, s / 2, s / 2, 112), (0, 0, s, s)),
        (CREAM, lambda x, y: _sd_round_box(x, y, 256, 222, 36, 46, 10), (214, 170, 298, 274)),
        (CREAM, lambda x, y: _sd_polygon(x, y, _TORSO) - 26, (70, 210, 442, s)),
        # Back of the head: hair with a bun (we see her from behind).
        (HAIR, lambda x, y: _sd_circle(x, y, 256, 156, 60), (190, 90, 322, 222)),
        (HAIR, lambda x, y: _sd_circle(x, y, 256, 94, 28), (222, 60, 290, 128)),
    ]
    # Spine: a column of vertebrae.
    for k in range(6):
        cy = 262 + k * 38
        layers.append((TEAL, lambda x, y, cy=cy: _sd_round_box(x, y, 256, cy, 15, 11, 7), (236, cy - 16, 276, cy + 16)))
    # Small circling strokes on both sides of the spine (the massage movement), gap at the top with
    # a little arrow head so they read as "circles".
    for cx in (178, 334):
        cy = 350
        layers.append(
            (
                TEAL,
                lambda x, y, cx=cx, cy=cy: _sd_arc_ring(x, y, cx, cy, 36, 8, -math.pi / 2 + 0.25, 0.55),
                (cx - 50, cy - 50, cx + 50, cy + 50),
            )
        )
        end = -math.pi / 2 + 0.25 - 0.55  # where the stroke stops: the arrow head sits here
        ex, ey = cx + 36 * math.cos(end), cy + 36 * math.sin(end)
        tx, ty = -math.sin(end), math.cos(end)  # clockwise tangent
        nx, ny = math.cos(end), math.sin(end)
        head = [
            (ex + 19 * nx - 4 * tx, ey + 19 * ny - 4 * ty),
            (ex + 26 * tx, ey + 26 * ty),
            (ex - 19 * nx - 4 * tx, ey - 19 * ny - 4 * ty),
        ]
        layers.append(
            (
                TEAL,
                lambda x, y, head=head: _sd_polygon(x, y, head) - 2,
                (int(ex) - 34, int(ey) - 34, int(ex) + 34, int(ey) + 34),
            )
        )
    return layers


def render_icon() -> bytearray:
    """RGBA pixels of the icon, row by row."""
    s = ICON_SIZE
    px = bytearray(s * s * 4)
    layers = _icon_layers()
    bg_sd = layers[0][1]
    for colour, sd, (x0, y0, x1, y1) in layers:
        for y in range(max(0, y0), min(s, y1)):
            fy = y + 0.5
            t = fy / s
            grad = tuple(round(ROSE_TOP[i] + (ROSE_BOTTOM[i] - ROSE_TOP[i]) * t) for i in range(3))
            c = grad if colour is None else colour
            row = y * s * 4
            for x in range(max(0, x0), min(s, x1)):
                fx = x + 0.5
                cov = min(1.0, max(0.0, 0.5 - sd(fx, fy)))
                if colour is not None:
                    # everything is clipped to the rounded square
                    cov *= min(1.0, max(0.0, 0.5 - bg_sd(fx, fy)))
                if cov <= 0.0:
                    continue
                i = row + x * 4
                a_dst = px[i + 3] / 255
                a_out = cov + a_dst * (1 - cov)
                for ch in range(3):
                    v = (c[ch] * cov + px[i + ch] * a_dst * (1 - cov)) / a_out
                    px[i + ch] = max(0, min(255, int(round(v))))
                px[i + 3] = int(round(a_out * 255))
    return px


def encode_png(width: int, height: int, rgba: bytes | bytearray) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    stride = width * 4
    raw = b"".join(b"\x00" + bytes(rgba[y * stride : (y + 1) * stride]) for y in range(height))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def generate_icon(out_dir: Path) -> Path:
    """Writes `icon.png` into `out_dir` (created if missing)."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / "icon.png"
    path.write_bytes(encode_png(ICON_SIZE, ICON_SIZE, render_icon()))
    return path


def generate_all(assets_dir: Path = ASSETS_DIR) -> list[Path]:
    """Sounds into `<assets_dir>/sounds`, the icon into `<assets_dir>/icon.png`."""
    assets_dir = Path(assets_dir)
    return [*generate_sounds(assets_dir / "sounds"), generate_icon(assets_dir)]


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "voice":
        from app.voicegen import generate_voice

        for path in generate_voice(Path(argv[1]) if len(argv) > 1 else ASSETS_DIR):
            print(path)
        return 0
    target = Path(argv[0]) if argv else ASSETS_DIR
    for path in generate_all(target):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
