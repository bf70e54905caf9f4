"""Look inside control trees without a browser. Flet controls are plain dataclasses, so what a
builder returns can be walked in pytest: the texts it shows and the identifiers tests locate.

Screens are `@ft.component` functions that need Flet's renderer; test their pure helpers and
builders with these, and the screens themselves in the browser (tests/browser/).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import flet as ft

CHILD_FIELDS = ("controls", "content", "appbar", "title", "actions", "leading", "label")


def walk(control: Any) -> Iterator[ft.BaseControl]:
    """Every control in a tree, following only child fields (never `parent`)."""
    stack = [control]
    while stack:
        node = stack.pop()
        if isinstance(node, list | tuple):
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
