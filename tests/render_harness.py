"""Render `@ft.component` screens without a browser or a page: Flet's own `Renderer` draws the
component with the visitor's `AppState` provided, as the App does, and keeps its hooks between
draws; a tap calls the handler the control carries, as the client would.

Only screens that need no page (no `use_dialog`) can be drawn here; the browser tests cover the rest.
Flet's renderer is internal API: this file pins what it relies on to flet 1.0.5.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import flet as ft
from flet.components.component import Renderer

from app.domain.clock import Clock
from app.store.db import Store
from app.ui.session_model import SessionModel
from app.ui.state import AppContext, AppState, RevisionContext

CHILD_FIELDS = ("controls", "content", "appbar", "title", "actions", "leading", "label")


def make_app(store: Store, clock: Clock, lang: str = "en") -> AppState:
    """A visitor's state as `shell.main` makes it, without devices (no sound, no page)."""
    app = AppState.open(store, clock, lang=lang)
    app.session = SessionModel()
    app.session.attach(app.scope.massage, None)
    return app


class Mounted:
    """One screen component, drawn again on demand with its state kept (like a redraw)."""

    def __init__(self, component_fn: Callable[[], Any], app: AppState) -> None:
        self.app = app
        impl = getattr(component_fn, "__component_impl__", component_fn)  # the function under @ft.component
        self.component = Renderer().render_component(impl, (), {})
        # What the App's providers give: AppContext(app, ...) and RevisionContext(revision, ...).
        self.component._contexts = {AppContext._key: app, RevisionContext._key: app.visitor.revision}
        self.view: ft.View = self.draw()

    def draw(self) -> ft.View:
        self.component._state.hook_cursor = 0
        view = Renderer(self.component).render(self.component.fn)
        assert isinstance(view, ft.View)
        self.view = view
        return view

    def tap(self, identifier: str) -> ft.View:
        """Tap the control with this identifier (a screen-reader tap, or the button inside), then redraw."""
        node = find(self.view, identifier)
        handler = getattr(node, "on_tap", None) or _inner_click(node)
        assert handler is not None, f"{identifier} cannot be tapped"
        handler(None)
        return self.draw()

    def disabled(self, identifier: str) -> bool:
        return any(getattr(n, "disabled", False) for n in walk(find(self.view, identifier)))

    def texts(self) -> list[str]:
        return texts(self.view)

    def identifiers(self) -> set[str]:
        return identifiers(self.view)


def walk(control: Any) -> Iterator[Any]:
    """Every control in a tree, following only child fields (never `parent`)."""
    stack = [control]
    while stack:
        node = stack.pop()
        if isinstance(node, (list, tuple)):
            stack.extend(reversed(node))
        elif isinstance(node, ft.BaseControl):
            yield node
            stack.extend(reversed([getattr(node, name, None) for name in CHILD_FIELDS]))


def texts(control: Any) -> list[str]:
    """Every string shown in a control tree, in reading order: Text values and string labels."""
    found: list[str] = []
    for node in walk(control):
        if isinstance(node, ft.Text) and isinstance(node.value, str):
            found.append(node.value)
        for name in ("content", "label", "title"):
            value = getattr(node, name, None)
            if isinstance(value, str):
                found.append(value)
    return found


def identifiers(control: Any) -> set[str]:
    return {n.identifier for n in walk(control) if isinstance(n, ft.Semantics) and n.identifier}


def find(control: Any, identifier: str) -> ft.Semantics:
    for node in walk(control):
        if isinstance(node, ft.Semantics) and node.identifier == identifier:
            return node
    raise AssertionError(f"no control with identifier {identifier!r}")


def _inner_click(node: Any) -> Callable[[Any], Any] | None:
    for inner in walk(node):
        handler = getattr(inner, "on_click", None)
        if handler is not None and not getattr(inner, "disabled", False):
            return handler
    return None
