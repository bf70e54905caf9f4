"""What belongs to one visitor (one browser session): language, theme, the stack of screens,
a passing notice, and the visitor's services. Never shared by the process.

`AppState` is observable: the App component holds it with `use_state`, so a change to any field
redraws the screens; screens reach it with `use_app()` and only call its methods (intents).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

import flet as ft

from app.domain.clock import Clock
from app.i18n import LANGUAGES
from app.services.data import DataService
from app.services.diary import DiaryService
from app.services.session import SessionController
from app.store.db import Store

HOME = "/"
THEME_MODES = {"system": ft.ThemeMode.SYSTEM, "light": ft.ThemeMode.LIGHT, "dark": ft.ThemeMode.DARK}


@ft.observable
@dataclass
class AppState:
    store: Store
    clock: Clock
    lang: str
    theme: str = "system"
    stack: list[str] = field(default_factory=lambda: [HOME])
    notice: str | None = None  # a short confirmation ("Saved") shown once, then cleared
    data_version: int = 0  # bumped after every write, so screens re-read what they show
    dark_platform: bool = False
    # Not observable (set once): the session controller and the device services.
    _controller: SessionController | None = None
    _diary: DiaryService | None = None
    _devices: Any = None
    _files: Any = None
    _data: DataService | None = None
    _on_top: dict[str, Any] = field(default_factory=dict)
    _session: Any = None

    @property
    def session(self) -> Any:
        """The visitor's running massage (a `SessionModel`, observable on its own)."""
        return self._session

    @session.setter
    def session(self, model: Any) -> None:
        self._session = model

    def __post_init__(self) -> None:
        self._controller = SessionController(self.store, self.clock)
        self._diary = DiaryService(self.store, self.clock)

    @property
    def diary(self) -> DiaryService:
        """The visitor's diary (it keeps the last deleted report for Undo)."""
        assert self._diary is not None
        return self._diary

    @property
    def controller(self) -> SessionController:
        assert self._controller is not None
        return self._controller

    @property
    def devices(self) -> Any:
        return self._devices

    @property
    def files(self) -> Any:
        """The visitor's file services (`app.ui.files.Files`): share/download, pick."""
        return self._files

    @property
    def data_service(self) -> DataService:
        if self._data is None:
            self._data = DataService(self.store, self.clock)
        return self._data

    # -- navigation: a real stack, so Back returns to the screen before ---------------------------
    @property
    def route(self) -> str:
        return self.stack[-1]

    def go(self, route: str) -> None:
        if self.route != route:
            self.stack.append(route)

    def replace(self, route: str) -> None:
        """Swap the top screen (a step that must not be returned to, e.g. the finished rounds)."""
        self.stack[-1] = route

    def reset(self, *routes: str) -> None:
        """A new stack from Home, e.g. `reset("/session/finish")` after a massage."""
        self.stack[:] = [HOME, *routes]

    def back(self) -> None:
        handler = self._on_top.get(self.route)
        if handler is not None and handler():  # the screen took Back itself (the rounds pause)
            return
        if len(self.stack) > 1:
            self.stack.pop()

    def on_back(self, route: str, handler: Any) -> None:
        """Let the screen at `route` handle Back; the handler returns True when it did."""
        self._on_top[route] = handler

    # -- language and theme, remembered on this device ---------------------------------------------
    def set_language(self, lang: str) -> None:
        if lang not in LANGUAGES:
            raise ValueError(f"unsupported language {lang!r}")
        self.store.set_setting("language", lang)
        self.lang = lang

    def set_theme(self, name: str) -> None:
        if name not in THEME_MODES:
            raise ValueError(f"unknown theme {name!r}")
        self.store.set_setting("theme", name)
        self.theme = name

    @property
    def dark(self) -> bool:
        if self.theme == "system":
            return self.dark_platform
        return self.theme == "dark"

    # -- data -------------------------------------------------------------------------------------
    def changed(self, notice: str | None = None) -> None:
        """Something was written: screens re-read; optionally confirm it to the user."""
        self.data_version += 1
        if notice is not None:
            self.notice = notice

    def restored(self) -> None:
        """Everything was replaced by a backup: take its language and theme, forget Undo."""
        lang, theme = self.store.get_setting("language"), self.store.get_setting("theme")
        if lang in LANGUAGES:
            self.lang = lang
        if theme in THEME_MODES:
            self.theme = theme
        self.diary.forget_deleted()
        self.changed()

    def erased(self) -> None:
        """Everything was deleted: keep showing this visitor's language and theme (now in memory
        only, until she picks them again), forget Undo."""
        self.diary.forget_deleted()
        self.changed()

    def local_now(self) -> datetime:
        return self.clock.wall().astimezone()

    def today(self) -> date:
        return self.local_now().date()

    def day_bounds(self, day: date) -> tuple[datetime, datetime]:
        tz = self.local_now().tzinfo
        start = datetime(day.year, day.month, day.day, tzinfo=tz)
        return start, start + timedelta(days=1)


AppContext: Any = ft.create_context(None)  # holds the visitor's AppState


def use_app() -> AppState:
    app = ft.use_context(AppContext)
    assert isinstance(app, AppState), "screens render inside App"
    return app
