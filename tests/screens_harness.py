"""Build screens without a browser: the real AppContext, store and builders on a stand-in page.

Flet controls are plain dataclasses, so a screen's control tree can be built and inspected in
pytest; only the few page calls the screens make are stood in for.
"""

from __future__ import annotations

from typing import Any

import flet as ft

from app.ui.context import AppContext


class StandInPage:
    def __init__(self) -> None:
        self.route = "/"
        self.theme_mode = ft.ThemeMode.LIGHT
        self.platform_brightness = ft.Brightness.LIGHT
        self.locale_configuration = None
        self.tasks: list[Any] = []
        self.navigations: list[str] = []

    def run_task(self, fn, *args) -> None:
        self.tasks.append((fn, args))

    def navigate(self, route: str) -> None:
        self.navigations.append(route)
        self.route = route

    def update(self) -> None:
        pass


def make_context(store, clock) -> AppContext:
    ctx = AppContext(page=StandInPage(), store=store, clock=clock)  # type: ignore[arg-type]
    return ctx


CHILD_FIELDS = ("controls", "content", "appbar", "title", "actions", "leading", "label")


def walk(control: Any):
    """Every control in a tree, following only child fields (never `parent`)."""
    stack = [control]
    while stack:
        node = stack.pop()
        if isinstance(node, (list, tuple)):
            stack.extend(node)
        elif isinstance(node, ft.BaseControl):
            yield node
            stack.extend(getattr(node, name, None) for name in CHILD_FIELDS)


def texts(control: Any) -> list[str]:
    """Every string shown in a control tree: Text values, string contents and labels."""
    found: list[str] = []
    for node in walk(control):
        if isinstance(node, ft.Text) and isinstance(node.value, str):
            found.append(node.value)
        for name in ("content", "label", "title"):
            v = getattr(node, name, None)
            if isinstance(v, str):
                found.append(v)
    return found


def identifiers(control: Any) -> set[str]:
    return {n.identifier for n in walk(control) if isinstance(n, ft.Semantics) and n.identifier}
