"""What belongs to one visitor (one browser session): language, theme, the stack of screens,
a passing notice, and the visitor's services. Never shared by the process.

`AppState` is observable: the App component holds it with `use_state`, so a change to any field
redraws the screens; screens reach it with `use_app()` and only call its methods (intents).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any
from uuid import UUID

import flet as ft

from app.domain.clock import Clock
from app.domain.mothers import Role
from app.i18n import LANGUAGES
from app.services.data import DataService
from app.services.diary import DiaryService
from app.services.mothers import MothersService
from app.services.session import SessionController
from app.store.db import Store

HOME = "/"
PROFILE_ROUTE = "/profile"
THEME_MODES = {"system": ft.ThemeMode.SYSTEM, "light": ft.ThemeMode.LIGHT, "dark": ft.ThemeMode.DARK}


@ft.observable
@dataclass
class AppState:
    # The chosen mother's view of the database (`Store.mother`): every screen that reads
    # `app.store.diary`, `.sessions`, `.profile` or `.drafts` sees her records only. Settings
    # and the mothers themselves are the device's. Replaced by `choose_mother`.
    store: Store
    clock: Clock
    lang: str
    theme: str = "system"
    stack: list[str] = field(default_factory=lambda: [HOME])
    notice: str | None = None  # a short confirmation ("Saved") shown once, then cleared
    data_version: int = 0  # bumped after every write, so screens re-read what they show
    dark_platform: bool = False
    # The device asks for less motion (Android "Remove animations", iOS "Reduce Motion", a
    # browser's prefers-reduced-motion): the massage markers step instead of gliding.
    reduce_motion: bool = False
    mother_id: UUID | None = None  # the mother this visitor is looking at (see choose_mother)
    role: Role | None = None  # who uses the app on this device; None until chosen
    # Not observable (set once): the session controller and the device services.
    _controller: SessionController | None = None
    _diary: DiaryService | None = None
    _devices: Any = None
    _files: Any = None
    _on_top: dict[str, Any] = field(default_factory=dict)
    _session: Any = None
    _mothers: MothersService | None = None
    _adding: UUID | None = None  # a mother just added, until her profile is saved or she is left
    _before_adding: UUID | None = None

    @property
    def session(self) -> Any:
        """The visitor's running massage (a `SessionModel`, observable on its own)."""
        return self._session

    @session.setter
    def session(self, model: Any) -> None:
        self._session = model

    def __post_init__(self) -> None:
        self._mothers = MothersService(self.store, self.clock)
        self.role = self._mothers.role()
        self.mother_id = self._mothers.default_mother_id()
        self.store = self.store.mother(self.mother_id)
        self._controller = SessionController(self.store, self.clock)
        self._diary = DiaryService(self.store, self.clock)

    @property
    def mothers(self) -> MothersService:
        assert self._mothers is not None
        return self._mothers

    # -- which mother, and who is using the app ---------------------------------------------------
    def can_switch(self) -> bool:
        """A running massage belongs to its mother: no switching until it is ended."""
        return not self.controller.active

    def choose_mother(self, mother_id: UUID) -> None:
        """Look at another mother: Today, the diary, history and reminders become hers. Kept on
        this device as the next visitor's default. Raises RuntimeError during a massage."""
        if mother_id == self.mother_id:
            self.mothers.remember(mother_id)
            return
        if not self.can_switch():
            raise RuntimeError("a massage is running for the chosen mother")
        self.controller.close()  # a finished session's screen belongs to the mother before
        self.store = self.store.mother(mother_id)
        self.controller.store = self.store
        self._diary = DiaryService(self.store, self.clock)  # a pending undo was the other mother's
        self.mother_id = mother_id
        self.mothers.remember(mother_id)
        self.changed()

    def add_mother(self) -> UUID:
        """A mother to fill in, chosen, whose profile form comes next (the blank one a new device
        starts with, else a new one). A new one left unsaved is dropped again when her form is
        left (see back)."""
        previous = self.mother_id
        mother_id, new = self.mothers.add()
        self.choose_mother(mother_id)
        if new:
            self._adding = mother_id
            self._before_adding = previous
        return mother_id

    def _leave_added_mother(self) -> None:
        adding, self._adding = self._adding, None
        if adding is not None and adding == self.mother_id and self.mothers.discard_if_blank(adding):
            self.choose_mother(self._before_adding or self.mothers.default_mother_id())

    def set_role(self, role: Role | str) -> None:
        self.role = self.mothers.set_role(role)

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
        """Files of the chosen mother (exports) and of the whole device (backup, delete all)."""
        return DataService(self.store, self.clock, own=getattr(self.devices, "own", None))

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
        if self._adding is not None and self.route.split("?")[0] == PROFILE_ROUTE:
            self._leave_added_mother()  # saved: she stays; left blank: she goes
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
        self.role = self.mothers.role()
        self._look_again()

    def erased(self) -> None:
        """Everything was deleted: keep showing this visitor's language and theme (now in memory
        only, until she picks them again), forget Undo."""
        self.role = self.mothers.role()
        self._look_again()

    def _look_again(self) -> None:
        """The mothers were replaced: look at the default one (the one chosen before may be gone),
        with a fresh diary (an Undo from before must not restore into the new data)."""
        self.controller.close()
        self.mother_id = self.mothers.default_mother_id()
        self.store = self.store.mother(self.mother_id)
        self.controller.store = self.store
        self._diary = DiaryService(self.store, self.clock)
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
