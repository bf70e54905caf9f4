"""No import from a lower layer back up: domain < store < services < ui. Read from the code (AST,
imports inside functions too), so a module added later is held to it as well.

Beside the domain sit the modules every layer may use (`app/__init__`, i18n, config, localzone,
prompt_texts); they import the domain at most. The tools that make the sound files (voicegen,
assetgen) must not import the UI; `server.py` and `__main__.py` start the app and may use all.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "app"
RANK = {"base": 0, "domain": 0, "store": 1, "services": 2, "ui": 3}
BASE = {"app", "app.i18n", "app.config", "app.localzone", "app.prompt_texts"}
TOOLS = {"app.voicegen": 2, "app.assetgen": 2}  # below the UI, like a service
TOP = {"app.server", "app.__main__"}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def rank(module: str) -> int | None:
    """The layer of an app module (None: the top, which may import anything)."""
    if module in TOP:
        return None
    if module in TOOLS:
        return TOOLS[module]
    if module in BASE:
        return RANK["base"]
    parts = module.split(".")
    if len(parts) > 1 and parts[1] in RANK:
        return RANK[parts[1]]
    return None


def imported(source: str) -> list[tuple[int, str]]:
    """Every app module a source imports, with its line."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            # `from app.ui import kit` imports app.ui.kit; `from app.ui.kit import card`, app.ui.kit
            found.append((node.lineno, node.module))
            found += [(node.lineno, f"{node.module}.{alias.name}") for alias in node.names]
        elif isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
    return [(line, name) for line, name in found if name == "app" or name.startswith("app.")]


def upward_imports(module: str, source: str) -> list[str]:
    own = rank(module)
    if own is None:
        return []
    problems = []
    for line, name in imported(source):
        target = rank(name)
        if target is not None and target > own:
            problems.append(f"line {line}: {module} imports {name}")
    return problems


MODULES = sorted(APP.rglob("*.py"))


def test_every_layer_is_found():
    names = {module_name(path) for path in MODULES}
    assert {rank(n) for n in names} >= {0, 1, 2, 3}


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_module_imports_a_layer_above_its_own(path: Path):
    assert upward_imports(module_name(path), path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(
    ("module", "snippet"),
    [
        ("app.domain.fhir", "from app.store.db import Store"),
        ("app.store.merge", "from app.services import data"),
        ("app.services.diary", "import app.ui.kit"),
        ("app.voicegen", "def f():\n    from app.ui.prompt_texts import clip_text"),
        ("app.prompt_texts", "from app.ui import kit"),
        ("app.i18n", "from app.services.data import DataService"),
    ],
)
def test_the_rule_catches_an_import_back_up(module: str, snippet: str):
    assert upward_imports(module, snippet)


def test_imports_down_or_across_are_fine():
    fine = "from app.domain.clock import Clock\nfrom app.store.db import Store\nfrom app import i18n\n"
    assert upward_imports("app.services.diary", fine) == []
