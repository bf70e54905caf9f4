"""Screens draw and send intents; they never reach the data on their own. Read from the code (AST),
so a screen added later is held to it too:

- no screen touches a store (`.store`, `.db`), opens one, or makes a service or controller: they
  get the chosen mother's scope (`use_scope()`) or the visitor's services (`use_visitor()`);
- nowhere in the app is a mother's id guessed (`getattr(app, "mother_id", ...)`,
  `current_mother_id`), a global redraw counter kept (`data_version`), or an id put inside a
  setting's key (an f-string key).

Each rule is shown failing on a snippet that breaks it (a check that cannot fail proves nothing).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCREENS = sorted((ROOT / "app" / "ui" / "screens").glob("*.py"))
APP = sorted((ROOT / "app").rglob("*.py"))
# What only the store (and the scope that wraps it) may touch.
STORE_ATTRIBUTES = {"store", "db"}
OPENERS = {"Store", "open_store", "connect", "Database"}
MADE_ONLY_BY_THE_SCOPE = ("Service", "Controller", "Repository")
SETTING_CALLS = {"get_setting", "set_setting"}
SETTING_OWNERS = {"settings", "preferences"}


def _called_name(node: ast.Call) -> str:
    func = node.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def screen_problems(source: str) -> list[str]:
    """What a screen module does that only the scope may do, one line each."""
    problems = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and node.attr in STORE_ATTRIBUTES:
            problems.append(f"line {node.lineno}: reaches .{node.attr}")
        elif isinstance(node, ast.Call):
            name = _called_name(node)
            if name in OPENERS or name.endswith(MADE_ONLY_BY_THE_SCOPE):
                problems.append(f"line {node.lineno}: makes {name}(...)")
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
            ("app.store.db", "app.store.repositories", "sqlite")
        ):
            problems.append(f"line {node.lineno}: imports {node.module}")
        elif isinstance(node, ast.Import) and any(alias.name.startswith("sqlite") for alias in node.names):
            problems.append(f"line {node.lineno}: imports sqlite")
    return problems


def identity_problems(source: str) -> list[str]:
    """A mother's id guessed, a global redraw counter, or an id inside a setting's key."""
    problems = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Name) and node.id in ("current_mother_id", "data_version"):
            problems.append(f"line {node.lineno}: {node.id}")
        elif isinstance(node, ast.Attribute) and node.attr == "data_version":
            problems.append(f"line {node.lineno}: .data_version")
        elif isinstance(node, ast.Call):
            name = _called_name(node)
            args = node.args
            if (
                name == "getattr"
                and len(args) >= 2
                and isinstance(args[1], ast.Constant)
                and args[1].value == "mother_id"
            ):
                problems.append(f"line {node.lineno}: getattr(..., 'mother_id')")
            owner = node.func.value if isinstance(node.func, ast.Attribute) else None
            owned = isinstance(owner, ast.Attribute | ast.Name) and (
                getattr(owner, "attr", None) in SETTING_OWNERS or getattr(owner, "id", None) in SETTING_OWNERS
            )
            is_setting = name in SETTING_CALLS or (name in ("get", "set") and owned)
            if is_setting and args and isinstance(args[0], ast.JoinedStr):
                problems.append(f"line {node.lineno}: a setting key built from values")
    return problems


@pytest.mark.parametrize("path", SCREENS, ids=lambda p: p.name)
def test_a_screen_never_reaches_the_store_or_makes_a_service(path: Path):
    assert screen_problems(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("path", APP, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_mother_id_is_guessed_counted_or_kept_in_a_setting_key(path: Path):
    assert identity_problems(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(
    "snippet",
    [
        "records = app.store.sessions.list()",  # a repository through the visitor's store
        "teaching = TeachingService(app.scope, app.clock)",  # a service made while drawing
        "summary = SummaryService(store, clock).summary()",
        "c = SessionController(store, clock)",
        "rows = scope.store.diary.list()",  # even through her scope: the scope's services read it
        "from app.store.db import open_store",
        "import sqlite3",
    ],
)
def test_the_screen_rule_catches_each_way_round_it(snippet: str):
    assert screen_problems(snippet)


@pytest.mark.parametrize(
    "snippet",
    [
        'mother = getattr(app, "mother_id", 1)',
        "mother = current_mother_id(app)",
        "_version = app.data_version",
        'store.set_setting(f"reminder_morning:{mother_id}", "06:30")',
        'value = store.settings.get(f"reminder_{name}:{mother}")',
        'value = visitor.preferences.get(f"voice:{mother}")',
    ],
)
def test_the_identity_rule_catches_each_way_round_it(snippet: str):
    assert identity_problems(snippet)


def test_what_a_screen_may_do_is_not_caught():
    fine = """
scope = use_scope()
summary = scope.diary.today_summary()
visitor = use_visitor()
visitor.preferences.set(SEEN_SETTING, "1")
app.tell(_("Saved"))
"""
    assert screen_problems(fine) == [] and identity_problems(fine) == []
