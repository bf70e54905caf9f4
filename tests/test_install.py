"""The README's set-up works with the pip a fresh `python3 -m venv` brings (23.2.1 on Python 3.11.7
and 3.12.1), whatever the packages beneath flet publish after the lock was made.

pip 23.2.1 refuses a locked install in hash mode when a dependency asks for an extra with a range
(flet-web's `uvicorn[standard]>=0.35.0`) and resolves it to a newer release than the lock's; the
lock lists every package, so installing it with `--no-deps` resolves nothing, and `pip check`
proves the set fits together. This test installs the runtime lock exactly so, with pip 23.2.1
pinned by its hash, into a new venv, and starts the app's modules in it.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OLD_PIP = "pip==23.2.1 --hash=sha256:7ccf472345f20d35bdc9d1841ff5f313260c2c33fe417f48c30ac46cccabf5be\n"


def _run(*args: str | Path, cwd: Path = ROOT) -> str:
    done = subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    return done.stdout


def test_runtime_lock_installs_with_the_pip_venv_brings(tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    _run(sys.executable, "-m", "venv", venv)
    python = venv / "bin" / "python"
    (tmp_path / "pip.txt").write_text(OLD_PIP)
    _run(python, "-m", "pip", "install", "-q", "--require-hashes", "-r", tmp_path / "pip.txt")
    assert "pip 23.2.1 " in _run(python, "-m", "pip", "--version")

    # The README's first command, as it stands there.
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    install = "pip install -q --no-deps --require-hashes -r requirements.lock"
    assert install in readme and "pip check" in readme
    _run(python, "-m", *install.split(), cwd=ROOT)
    assert "No broken requirements" in _run(python, "-m", "pip", "check")

    # The app's own modules import from the checkout with only what the lock installed.
    probe = "import app.server, app.ui.shell, flet, flet_audio, flet_charts, sqlite_utils, babel; print('ok')"
    assert _run(python, "-c", probe, cwd=ROOT).strip() == "ok"
