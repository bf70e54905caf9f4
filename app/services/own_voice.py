"""The midwife's own voice: her recording of a prompt, used instead of the generated one.

Recordings live in the app's data folder, beside the SQLite file, in `own-voice/<clip>.wav`
(folder 0700, files 0600: other accounts on the computer cannot read them). They are served to
the page only through the app's own gated server (app/server.py, `/own-voice/...`), which asks for
the same per-launch cookie as every other request. A recording replaces the sound, not the words
on the screen, so she may speak any language (Javanese, Sundanese...).
"""

from __future__ import annotations

import array
import hashlib
import io
import json
import os
import wave
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

from app.config import private_dir
from app.domain.prompts import Clip

FOLDER = "own-voice"
URL_PREFIX = "/own-voice/"
FILE_MODE = 0o600
# How the page records: raw 16-bit PCM at the recorder's defaults, 44.1 kHz stereo (what Chromium was
# seen to stream; asked for 16 kHz mono it still sent 44.1 kHz stereo). Kept as 22.05 kHz mono.
SAMPLE_RATE = 44100
CHANNELS = 2
KEPT_RATE = 22050
MIN_S = 0.3  # shorter than this is a slip of the finger, not a prompt
MAX_S = 30.0
# A file in a backup: the longest recording at the highest rate a WAV may have here, plus its
# header (and any chunks a recorder adds before the sound).
WAV_OVERHEAD_BYTES = 4096
MAX_FILE_BYTES = int(MAX_S * 48000) * 2 + WAV_OVERHEAD_BYTES


# Her recording against the app's voice for the same prompt: much longer or much shorter is worth a
# word (a prompt that runs into the next, or one cut off).
MUCH_LONGER = 1.5
MUCH_SHORTER = 0.5
# Her whole set of recordings as one file, to carry to another phone: a zip of the WAV files and a
# small JSON index (what the file is, and each file's SHA-256, so a damaged copy is refused).
SET_INDEX = "own-voice.json"
SET_KIND = "pijat-oksitosin-own-voice"
SET_VERSION = 1
MAX_SET_BYTES = len(Clip) * MAX_FILE_BYTES + 64 * 1024


def length_check(expected_s: float, actual_s: float) -> str | None:
    """ "longer" / "shorter" when her recording is far from the app's prompt length, else None."""
    if expected_s <= 0 or actual_s <= 0:
        return None
    if actual_s > MUCH_LONGER * expected_s:
        return "longer"
    if actual_s < MUCH_SHORTER * expected_s:
        return "shorter"
    return None


class VoiceSetError(ValueError):
    """A set of recordings that cannot be made or taken: "empty" (nothing recorded), "damaged"
    (not a set this app made, or changed since: nothing is taken from it), "too_large"."""


class RecordingError(ValueError):
    """The recording cannot be kept (too short, too long); the message is a code, not health data."""


def folder_for(db_file: Path) -> Path:
    return Path(db_file).parent / FOLDER


def clip_from_name(name: str) -> Clip | None:
    """The clip of a served file name (`halfway.wav`); None for anything else (no path tricks)."""
    if not name.endswith(".wav"):
        return None
    try:
        return Clip(name.removesuffix(".wav"))
    except ValueError:
        return None


def _mono_half_rate(pcm: bytes, channels: int, rate: int) -> tuple[bytes, int]:
    """Average the channels into one; halve a rate above KEPT_RATE by averaging sample pairs (a
    gentle low-pass, enough for a voice). Halves the file twice over for a stereo 44.1 kHz stream."""
    samples = array.array("h", pcm)
    if channels > 1:
        samples = array.array(
            "h", (sum(samples[i : i + channels]) // channels for i in range(0, len(samples), channels))
        )
    if rate > KEPT_RATE:
        samples = array.array("h", ((samples[i] + samples[i + 1]) // 2 for i in range(0, len(samples) - 1, 2)))
        rate //= 2
    return samples.tobytes(), rate


def _nothing() -> None:
    pass


class OwnVoice:
    """The midwife's recordings of the prompts, one WAV file per clip in `folder`. `changed` is
    called after a recording is kept or reset (the visitor's screens redraw)."""

    def __init__(self, folder: Path, *, changed: Callable[[], None] = _nothing) -> None:
        self.folder = Path(folder)
        self._changed = changed

    def path(self, clip: Clip) -> Path:
        return self.folder / f"{Clip(clip).value}.wav"

    def has(self, clip: Clip) -> bool:
        return self.path(clip).is_file()

    def recorded(self) -> list[Clip]:
        return [clip for clip in Clip if self.has(clip)]

    def length_s(self, clip: Clip) -> float:
        try:
            with wave.open(str(self.path(clip)), "rb") as w:
                return w.getnframes() / float(w.getframerate())
        except (OSError, wave.Error, EOFError):
            return 0.0

    def url(self, clip: Clip) -> str | None:
        """Where the page fetches it; the version changes with every new recording (no stale cache)."""
        try:
            version = self.path(clip).stat().st_mtime_ns
        except OSError:
            return None
        return f"{URL_PREFIX.lstrip('/')}{Clip(clip).value}.wav?v={version}"

    def source(self, clip: Clip) -> tuple[str, float] | None:
        """(url, seconds) of her recording of this clip, or None: the generated voice is used."""
        url = self.url(clip)
        length = self.length_s(clip) if url else 0.0
        return (url, length) if url and length > 0 else None

    def save(self, clip: Clip, pcm: bytes, *, rate: int = SAMPLE_RATE, channels: int = CHANNELS) -> float:
        """Keep a recording (raw 16-bit PCM from the page) as a mono WAV file; returns its length."""
        frame = 2 * channels
        pcm = pcm[: len(pcm) - len(pcm) % frame]
        seconds = len(pcm) / (frame * rate)
        if seconds < MIN_S:
            raise RecordingError("too_short")
        if seconds > MAX_S:
            raise RecordingError("too_long")
        pcm, rate = _mono_half_rate(pcm, channels, rate)
        private_dir(self.folder, tighten=True)
        target = self.path(clip)
        tmp = target.with_suffix(".tmp")
        fd = os.open(tmp, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, FILE_MODE)
        with os.fdopen(fd, "wb") as f, wave.open(f, "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(rate)
            w.writeframes(pcm)
        os.chmod(tmp, FILE_MODE)
        os.replace(tmp, target)  # a half-written file is never served
        self._changed()
        return seconds

    def reset(self, clip: Clip) -> None:
        """Back to the generated voice for this clip."""
        self.path(clip).unlink(missing_ok=True)
        self._changed()

    def delete_all(self) -> None:
        for clip in Clip:
            self.reset(clip)

    # -- in a backup ---------------------------------------------------------------------------------
    def files(self) -> dict[str, bytes]:
        """Her recordings as {file name: WAV bytes}, for a backup."""
        return {self.path(clip).name: self.path(clip).read_bytes() for clip in self.recorded()}

    @staticmethod
    def file_ok(name: str, data: bytes) -> bool:
        """Whether a backup's file is a recording this app made: a prompt's name, mono 16-bit WAV,
        of a length a recording can have, and nothing but that: its sound is all there, and no
        more than a header's worth of bytes rides along (a 24 MB blob behind a 1-second header is
        not a recording)."""
        if clip_from_name(name) is None or len(data) > MAX_FILE_BYTES:
            return False
        try:
            with wave.open(io.BytesIO(data), "rb") as w:
                frames, rate = w.getnframes(), w.getframerate()
                shape_ok = w.getnchannels() == 1 and w.getsampwidth() == 2 and 8000 <= rate <= 48000
                sound = len(w.readframes(frames)) if shape_ok else 0
        except (wave.Error, EOFError):
            return False
        whole = sound == 2 * frames and len(data) - sound <= WAV_OVERHEAD_BYTES
        return shape_ok and whole and MIN_S <= frames / rate <= MAX_S

    def replace_with(self, files: dict[str, bytes]) -> None:
        """Her recordings become exactly these (each checked by `file_ok`, else skipped)."""
        self.delete_all()
        for name, data in files.items():
            clip = clip_from_name(name)
            if clip is None or not self.file_ok(name, data):
                continue
            self._write(clip, data)

    def _write(self, clip: Clip, data: bytes) -> None:
        private_dir(self.folder, tighten=True)
        target = self.path(clip)
        tmp = target.with_suffix(".tmp")
        fd = os.open(tmp, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, FILE_MODE)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, target)  # a half-written file is never served

    # -- the whole set, to another phone -------------------------------------------------------------
    def export_set(self) -> bytes:
        """Every recording in one zip file with its index; raises VoiceSetError("empty")."""
        files = self.files()
        if not files:
            raise VoiceSetError("empty")
        index = {
            "kind": SET_KIND,
            "version": SET_VERSION,
            "files": {name: hashlib.sha256(data).hexdigest() for name, data in sorted(files.items())},
        }
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr(SET_INDEX, json.dumps(index, indent=1, sort_keys=True))
            for name, data in sorted(files.items()):
                z.writestr(name, data)
        return out.getvalue()

    def import_set(self, data: bytes) -> list[Clip]:
        """Take a set made by `export_set` (on this phone or another): every file is checked
        first (the index, each checksum, each recording by `file_ok`); a damaged set raises
        VoiceSetError and changes nothing. Its recordings replace hers of the same prompts; the
        others stay. Returns the prompts taken, in the session's order."""
        files = _read_set(data)
        for name, wav in files.items():
            clip = clip_from_name(name)
            assert clip is not None  # _read_set checked every name
            self._write(clip, wav)
        self._changed()
        return [clip for clip in Clip if f"{clip.value}.wav" in files]


def _read_set(data: bytes) -> dict[str, bytes]:
    """The set's recordings {file name: WAV bytes}, every one checked; VoiceSetError otherwise."""
    if len(data) > MAX_SET_BYTES:
        raise VoiceSetError("too_large")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            entries = {info.filename: info for info in z.infolist()}
            if SET_INDEX not in entries or entries[SET_INDEX].file_size > 64 * 1024:
                raise VoiceSetError("damaged")
            index = json.loads(z.read(SET_INDEX).decode("utf-8"))
            if not isinstance(index, dict) or (index.get("kind"), index.get("version")) != (SET_KIND, SET_VERSION):
                raise VoiceSetError("damaged")
            listed = index.get("files")
            if not isinstance(listed, dict) or not all(isinstance(v, str) for v in listed.values()):
                raise VoiceSetError("damaged")
            if not listed or set(entries) != {SET_INDEX, *listed}:
                raise VoiceSetError("damaged")
            files = {}
            for name, digest in listed.items():
                # Sizes first: a zip's stated size is checked before anything is unpacked.
                if clip_from_name(name) is None or entries[name].file_size > MAX_FILE_BYTES:
                    raise VoiceSetError("damaged")
                wav = z.read(name)
                if hashlib.sha256(wav).hexdigest() != digest or not OwnVoice.file_ok(name, wav):
                    raise VoiceSetError("damaged")
                files[name] = wav
    except VoiceSetError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, ValueError, KeyError, EOFError, OSError):
        raise VoiceSetError("damaged") from None  # a zip damaged in its bytes (a CRC, a cut-off copy)
    return files
