"""The domain must run without Flet or the database layer: it is tested without a page and
reused by the store and the UI. Modules are discovered, so files added later are covered."""

import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import app.domain

ROOT = Path(__file__).resolve().parent.parent
FORBIDDEN = ("flet", "sqlite_utils")

# Each module is imported in a fresh interpreter: in this process pytest or another test may
# already have imported flet, which would hide (or fake) a leak.
PROBE = """
import importlib, json, sys
importlib.import_module(sys.argv[1])
print(json.dumps(sorted({m.split(".")[0] for m in sys.modules} & set(sys.argv[2:]))))
"""

DOMAIN_MODULES = sorted(m.name for m in pkgutil.walk_packages(app.domain.__path__, "app.domain."))


def leaked(module: str) -> list[str]:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, module, *FORBIDDEN],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def test_discovery_finds_the_core_modules():
    assert {"app.domain.clock", "app.domain.protocol", "app.domain.session"} <= set(DOMAIN_MODULES)


@pytest.mark.parametrize("module", ["app.domain", *DOMAIN_MODULES])
def test_domain_module_imports_neither_flet_nor_sqlite_utils(module):
    assert leaked(module) == []


def test_probe_notices_a_forbidden_import():
    assert leaked("sqlite_utils") == ["sqlite_utils"]
