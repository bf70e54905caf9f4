#!/usr/bin/env bash
# The whole test suite on a fresh machine: a venv with the locked dependencies, Debian's Chromium
# for the browser tests (where apt is available), then lint (ruff), types (mypy) and pytest.
# Extra arguments go to pytest, e.g. `bash tests/run.sh -m "not browser"`.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
# Exactly the locked versions, each checked against its hash; then the app itself, adding nothing.
.venv/bin/python -m pip install -q --disable-pip-version-check --require-hashes -r requirements-test.lock
.venv/bin/python -m pip install -q --disable-pip-version-check --no-deps -e .
if ! command -v chromium >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
    SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq && $SUDO apt-get install -y -qq chromium >/dev/null
fi
.venv/bin/ruff check app tests
.venv/bin/mypy
# Three workers, a test module each (its app server and browser stay together), longest modules
# first. The browser tests are bound by Chromium's CPU and by real time (a demonstration's 20-second
# rounds): a third worker overlaps that waiting on 2 cores (two workers took 11:43; three, with
# reduced motion and CanvasKit without WebGL in tests/browser/conftest.py, about 8:15; four were
# no faster).
exec .venv/bin/python -m pytest -n "${PYTEST_WORKERS:-3}" --dist loadfile "$@"
