"""What a user installs: the app's wheel plus the runtime lock's packages, installed in a fresh venv."""

from __future__ import annotations

import subprocess
import sys
import venv
from pathlib import Path

from tests.app_server import ROOT

LEFT_OUT = ("pip", "setuptools", "pkg_resources", "_distutils_hack", "distutils-precedence.pth", "__pycache__")


def _du(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def installed_size(tmp: Path) -> dict[str, int]:
    """Bytes: the wheel file, and site-packages after installing requirements.lock and the wheel
    (pip itself left out)."""
    wheels = tmp / "wheel"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheels), str(ROOT)],
        check=True,
        capture_output=True,
    )
    wheel = next(wheels.glob("*.whl"))
    env = tmp / "venv"
    venv.create(env, with_pip=True)
    pip = [str(env / "bin" / "python"), "-m", "pip", "install", "-q", "--disable-pip-version-check"]
    # As the README installs it: the lock is complete, so pip resolves nothing (--no-deps).
    lock = ["--no-deps", "--require-hashes", "-r", str(ROOT / "requirements.lock")]
    subprocess.run([*pip, *lock], check=True, capture_output=True)
    subprocess.run([*pip, "--no-deps", str(wheel)], check=True, capture_output=True)
    site = next((env / "lib").glob("python*/site-packages"))
    by_package: dict[str, int] = {}
    for entry in site.iterdir():
        if entry.name.split("-")[0] in LEFT_OUT or entry.name.startswith(("pip-", "setuptools-")):
            continue
        name = entry.name.split("-")[0].split(".")[0].lower()
        by_package[name] = by_package.get(name, 0) + _du(entry)
    return {
        "wheel": wheel.stat().st_size,
        "site_packages": sum(by_package.values()),
        **{f"pkg:{k}": v for k, v in by_package.items()},
    }
