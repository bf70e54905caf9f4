#!/usr/bin/env bash
# The whole test suite on a fresh machine: a venv with the locked dependencies, Debian's Chromium
# for the browser tests (where apt is available), then lint (ruff), types (mypy) and pytest.
# Extra arguments go to pytest, e.g. `bash tests/run.sh -m "not browser"`.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
# Exactly the locked versions, each checked against its hash. The lock is complete (every package
# beneath the app, pinned), so pip resolves nothing (--no-deps): the pip that `python3 -m venv`
# brings (23.2.1 on Python 3.11) cannot trip over a dependency's newer release, and `pip check`
# then proves the set is consistent. The app runs from this checkout; nothing else is installed.
.venv/bin/python -m pip install -q --disable-pip-version-check --no-deps --require-hashes -r requirements-test.lock
.venv/bin/python -m pip check
if ! command -v chromium >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
    SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq && $SUDO apt-get install -y -qq chromium >/dev/null
fi
.venv/bin/ruff format --check .
.venv/bin/ruff check app tests
.venv/bin/mypy app tests
# Three workers, a test module each (its app server and browser stay together), longest modules
# first (tests/browser/conftest.py LONGEST_FIRST; --no-loadscope-reorder keeps that order instead
# of xdist's by number of tests). The browser tests are bound by Chromium's CPU and by real time (a
# demonstration's 20-second rounds): a third worker overlaps that waiting on 2 cores; four were no
# faster.
exec .venv/bin/python -m pytest -n "${PYTEST_WORKERS:-3}" --dist loadfile --no-loadscope-reorder "$@"
