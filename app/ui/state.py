"""What belongs to one visitor (one browser session): navigation, language, theme, a passing
notice, and the scope of the mother she is looking at. Never shared by the process.

`AppState` is observable: the App component passes it down (AppContext), so a change to any of
its fields (a screen pushed, the language, another mother chosen) draws the screens again. Her
data changing is told by the scope's `Revision` instead (scope.py): `use_scope()` and
`use_visitor()` subscribe a screen to it. Screens only read these and call their methods
(intents); they never open the store or make a service.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

import flet as ft

from app.domain.clock import Clock
from app.domain.mothers import Role
from app.i18n import LANGUAGES
from app.store.db import Store
from app.ui.devices import VOICE, VOICE_MODES, VOICE_SETTING
from app.ui.scope import MotherScope, Revision, Visitor
from app.ui.windows import elsewhere_text

HOME = "/"
PROFILE_ROUTE = "/profile"
# Screens opened from Today and the screens it links, named here so that those need not import
# them (app/ui/screens/entries.py).
MOTHERS_ROUTE = "/mothers"
DUE_ROUTE = "/due"
VISIT_ROUTE = "/visit"
RECAP_ROUTE = "/recap"
REPORT_ROUTE = "/report"
OWN_VOICE_ROUTE = "/own-voice"
THEME_MODES = {"system": ft.ThemeMode.SYSTEM, "light": ft.ThemeMode.LIGHT, "dark": ft.ThemeMode.DARK}
LANGUAGE_SETTING = "language"
THEME_SETTING = "theme"


@ft.observable
@dataclass
class AppState:
    scope: MotherScope  # the mother this visitor looks at: Today, the diary, the visit are hers
    lang: str
    theme: str = "system"
    stack: list[str] = field(default_factory=lambda: [HOME])
    notice: str | None = None  # a short confirmation ("Saved") shown once, then cleared
    # Why this window's massage ended under it (a restore or delete in another window): shown on
    # Today until she taps OK or starts another. Not a passing notice: she may be in the other tab.
    massage_removed: str | None = None
    dark_platform: bool = False
    # The device asks for less motion (Android "Remove animations", iOS "Reduce Motion", a
    # browser's prefers-reduced-motion): the massage markers step instead of gliding.
    reduce_motion: bool = False
    # Not observable (underscore): the device services, the running massage's view, Back handlers.
    _visitor: Any = None
    _session: Any = None
    _on_top: dict[str, Any] = field(default_factory=dict)
    _adding: UUID | None = None  # a mother just added, until her profile is saved or she is left
    _before_adding: UUID | None = None

    @classmethod
    def open(cls, store: Store, clock: Clock, *, lang: str, theme: str = "system") -> AppState:
        """A new visitor: the device's services, and the scope of the mother a new visitor sees
        first (the one last chosen on this device, else the first on the list)."""
        visitor = Visitor(store, clock)
        app = cls(scope=visitor.scope(visitor.mothers.default_mother_id()), lang=lang, theme=theme)
        app._visitor = visitor
        return app

    @property
    def visitor(self) -> Visitor:
        assert self._visitor is not None
        return self._visitor

    @property
    def session(self) -> Any:
        """The visitor's running massage (a `SessionModel`, observable on its own)."""
        return self._session

    @session.setter
    def session(self, model: Any) -> None:
        self._session = model
        model._on_removed = self._massage_removed

    def _massage_removed(self, text: str) -> None:
        """A restore or a delete in another window removed the massage this window ran: back to
        Today from the massage's screens, with the words kept there."""
        self.massage_removed = text
        if self.route.startswith("/session/"):
            self.reset()

    def dismiss_removed(self) -> None:
        self.massage_removed = None

    @property
    def role(self) -> Role | None:
        """Who uses the app on this device (None until chosen): it tunes Home and the wording."""
        return self.visitor.mothers.role()

    def set_role(self, role: Role | str) -> None:
        self.visitor.mothers.set_role(role)

    # -- which mother --------------------------------------------------------------------------------
    def can_switch(self) -> bool:
        """A running massage belongs to its mother: no switching until it is ended."""
        return not self.scope.massage.active

    def choose_mother(self, mother_id: UUID) -> None:
        """Look at another mother: a new scope, so Today, the diary, history, reminders and the
        visit become hers. Kept on this device as the next visitor's default. Raises RuntimeError
        during a massage."""
        if mother_id == self.scope.mother_id:
            self.visitor.mothers.remember(mother_id)
            return
        if not self.can_switch():
            raise RuntimeError("a massage is running for the chosen mother")
        self._look_at(mother_id)
        self.visitor.mothers.remember(mother_id)

    def _look_at(self, mother_id: UUID) -> None:
        self.scope.massage.close()  # a finished session's screen belongs to the mother before
        self.scope = self.visitor.scope(mother_id)
        if self.visitor.devices is not None:  # her massages sound as she chose (voice, beeps, silent)
            self.visitor.devices.set_mode(self.voice_mode())
        if self._session is not None:
            self._session.attach(self.scope.massage, self.visitor.devices)

    # -- the voice of her massages -------------------------------------------------------------------
    def voice_mode(self) -> str:
        """The chosen mother's voice (spoken prompts unless changed for her)."""
        mode = self.visitor.preferences.get_for(self.scope.mother_id, VOICE_SETTING)
        return mode if mode in VOICE_MODES else VOICE

    def set_voice_mode(self, mode: str) -> None:
        """Her voice from now on (another mother's stays as it was), heard from the next sound."""
        if mode not in VOICE_MODES:
            raise ValueError(f"unknown voice mode {mode!r}")
        self.visitor.preferences.set_for(self.scope.mother_id, VOICE_SETTING, mode)
        if self.visitor.devices is not None:
            self.visitor.devices.set_mode(mode)

    def add_mother(self) -> UUID:
        """A mother to fill in, chosen, whose profile form comes next (the blank one a new device
        starts with, else a new one). A new one left unsaved is dropped again when her form is
        left (see back)."""
        previous = self.scope.mother_id
        mother_id, new = self.visitor.mothers.add()
        self.choose_mother(mother_id)
        if new:
            self._adding = mother_id
            self._before_adding = previous
        return mother_id

    def _leave_added_mother(self) -> None:
        adding, self._adding = self._adding, None
        if adding is not None and adding == self.scope.mother_id and self.visitor.mothers.discard_if_blank(adding):
            self.choose_mother(self._before_adding or self.visitor.mothers.default_mother_id())

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
        self.visitor.preferences.set(LANGUAGE_SETTING, lang)
        self.lang = lang

    def set_theme(self, name: str) -> None:
        if name not in THEME_MODES:
            raise ValueError(f"unknown theme {name!r}")
        self.visitor.preferences.set(THEME_SETTING, name)
        self.theme = name

    @property
    def dark(self) -> bool:
        if self.theme == "system":
            return self.dark_platform
        return self.theme == "dark"

    # -- what the screens show --------------------------------------------------------------------
    def tell(self, notice: str) -> None:
        """Confirm something to the user once ("Saved"); the screens redraw with it."""
        self.notice = notice

    def refresh(self) -> None:
        """Draw again from what is stored now (a reloaded page: another window may have written)."""
        self.visitor.revision.bump()

    def restored(self) -> None:
        """Everything was replaced by a backup (or merged with one): take its language and theme,
        and look at the default mother (the one chosen before may be gone)."""
        lang = self.visitor.preferences.get(LANGUAGE_SETTING)
        theme = self.visitor.preferences.get(THEME_SETTING)
        if lang in LANGUAGES:
            self.lang = lang
        if theme in THEME_MODES:
            self.theme = theme
        self._look_again()

    def erased(self) -> None:
        """Everything (or one mother) was deleted: keep showing this visitor's language and theme
        (now in memory only, until she picks them again), and look at the default mother."""
        self._look_again()

    def changed_elsewhere(self, kind: str) -> None:
        """Another window restored, merged or deleted (app/ui/windows.py): show the data as it is
        now, the same mother if she is still there, and say why once. A running massage is left to
        find out by itself (its mother's screen stays hers until it ends)."""
        if not self.scope.massage.active:
            here = self.scope.mother_id
            # A fresh scope even for the same mother: an Undo from before must not write into new data.
            self._look_at(
                here if self.visitor.mothers.get(here) is not None else self.visitor.mothers.default_mother_id()
            )
        self.visitor.revision.bump()
        self.tell(elsewhere_text(kind))

    def _look_again(self) -> None:
        """The mothers were replaced: a new scope of the default one, with a fresh diary (an Undo
        from before must not restore into the new data)."""
        self._look_at(self.visitor.mothers.default_mother_id())
        self.visitor.revision.bump()


AppContext: Any = ft.create_context(None)  # holds the visitor's AppState
RevisionContext: Any = ft.create_context(None)  # holds the visitor's Revision (scope.py)


def use_app() -> AppState:
    app = ft.use_context(AppContext)
    assert isinstance(app, AppState), "screens render inside App"
    return app


def use_scope() -> MotherScope:
    """The chosen mother's scope, for a screen that draws her data: it draws again when her data
    (or any the visitor's services wrote) changes."""
    _subscribe_to_revision()
    return use_app().scope


def use_visitor() -> Visitor:
    """The visitor's device services, for a screen that draws the device's data (the mothers,
    the data files): it draws again after any write."""
    _subscribe_to_revision()
    return use_app().visitor


def _subscribe_to_revision() -> None:
    revision = ft.use_context(RevisionContext)  # an observable in context: the screen subscribes
    assert isinstance(revision, Revision), "screens render inside App"
