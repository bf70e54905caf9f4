"""Make every screenshot in docs/screenshots from the current app, in one run:

    .venv/bin/python -m tests.screenshots          # about 20 minutes on 2 cores; needs Chromium

It empties docs/screenshots, runs the browser tests with SCREENSHOTS=1 (each `AppPage.shot` also
lands in docs/screenshots, named `<name>-<lang>.png`) and tests/render_illustrations.py (the
drawings alone), and writes docs/screenshots/manifest.json:
the hash of the translation catalogs the pictures were made with, and each picture's hash.
tests/test_screenshots_manifest.py fails when the catalogs changed since (the pictures may show old
words), when a picture is missing or was not made by this script, or when the README shows one that
is not there.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHOTS = ROOT / "docs" / "screenshots"
MANIFEST = SHOTS / "manifest.json"
CATALOGS = tuple(ROOT / "locales" / lang / "LC_MESSAGES" / "messages.po" for lang in ("id", "en"))


def catalogs_hash() -> str:
    """What the screens say: the catalogs' entries (ids and translations), not their headers'
    dates, so regenerating them without a change of words keeps the hash."""
    from babel.messages.pofile import read_po

    digest = hashlib.sha256()
    for path in CATALOGS:
        with path.open("rb") as f:
            catalog = read_po(f)
        for message in sorted((m for m in catalog if m.id), key=lambda m: str(m.id)):
            digest.update(repr((path.parent.parent.name, message.id, message.string)).encode())
    return digest.hexdigest()


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_manifest() -> dict[str, object]:
    pictures = sorted(p for p in SHOTS.glob("*.png"))
    manifest: dict[str, object] = {"catalogs": catalogs_hash(), "pictures": {p.name: file_hash(p) for p in pictures}}
    MANIFEST.write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return manifest


def main() -> int:
    SHOTS.mkdir(parents=True, exist_ok=True)
    for old in SHOTS.glob("*.png"):
        old.unlink()  # a screen that is gone leaves no picture behind
    env = {**os.environ, "SCREENSHOTS": "1", "CI": "true"}
    workers = os.environ.get("PYTEST_WORKERS", "3")
    run = [sys.executable, "-m", "pytest", "-q", "-m", "browser", "-n", workers, "--dist", "loadfile"]
    done = subprocess.run(run, cwd=ROOT, env=env, check=False)
    if done.returncode != 0:  # once more for the ones that failed (each makes its own pictures)
        done = subprocess.run([*run, "--last-failed"], cwd=ROOT, env=env, check=False)
    if done.returncode != 0:
        print("Some browser tests failed: the pictures are incomplete; no manifest written.", file=sys.stderr)
        return done.returncode
    # The drawings alone, light and dark (a tool of their own, not a test).
    drawn = subprocess.run([sys.executable, str(ROOT / "tests" / "render_illustrations.py")], cwd=ROOT, check=False)
    if drawn.returncode != 0:
        print("The drawings could not be rendered: no manifest written.", file=sys.stderr)
        return drawn.returncode
    manifest = write_manifest()
    print(f"{len(manifest['pictures'])} screenshots in {SHOTS.relative_to(ROOT)}")  # type: ignore[arg-type]
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
