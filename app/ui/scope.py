"""Who the screens work for: the chosen mother's scope, the visitor's device services, and the one
way the screens learn that what they drew is out of date.

- `MotherScope` (frozen): one mother, by her UUID, with the store scoped to her and the services
  that work on her data (diary, reminders, teaching, visit summary, her massages). Made when a
  mother is chosen (`Visitor.scope`) and handed to the screens through `AppState.scope`; choosing
  another mother makes another scope, never changes this one.
- `Visitor` (not observable): this visitor's services of the device as a whole (the mothers, the
  data files, the preferences) and of the browser or phone (files, sound). Made once per visitor.
- `Revision` (observable): every service above calls `revision.bump` after it writes; a screen
  that draws data subscribes to it with `use_scope()` / `use_visitor()` (state.py) and is drawn
  again. Navigation, language and theme are AppState's own fields.

The services are made here and nowhere else in the UI: a screen reads and calls them, and never
opens the store or makes a service (tests/test_screen_rules.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from uuid import UUID

import flet as ft

from app.domain.clock import Clock
from app.services.data import DataService
from app.services.diary import DiaryService
from app.services.mothers import MothersService
from app.services.preferences import PreferencesService
from app.services.reminders import ReminderService
from app.services.session import SessionController
from app.services.summary import SummaryService
from app.services.teaching import TeachingService
from app.services.visits import DueService, VisitsService
from app.store.db import Store

if TYPE_CHECKING:
    from app.services.recap import RecapService


@ft.observable
@dataclass(eq=False)
class Revision:
    """Moves on after every write through the visitor's services: what was drawn is out of date."""

    number: int = 0

    def bump(self) -> None:
        self.number += 1


@dataclass(frozen=True)
class MotherScope:
    """One mother and what works on her data. `store` is her view of the database: each of its
    repositories reads and writes her rows only."""

    mother_id: UUID
    store: Store
    diary: DiaryService
    reminders: ReminderService
    teaching: TeachingService
    summary: SummaryService
    massage: SessionController  # her massages: the wizard, the one running in this window
    revision: Revision
    visits: VisitsService  # her KF visits done


class Visitor:
    """One visitor's services of the device: the mothers, the data files (backup, exports,
    delete), the preferences, and what the browser or phone offers (files, sound) once attached."""

    def __init__(self, store: Store, clock: Clock) -> None:
        self.store = store  # the device: for making scopes, never for a screen
        self.clock = clock
        self.revision = Revision()
        self.mothers = MothersService(store, clock, changed=self.revision.bump)
        self.preferences = PreferencesService(store)
        self.data = DataService(store, clock)
        self.due = DueService(store, clock)  # the KF visits due this week, all mothers
        self._recap: Any = None
        self.files: Any = None  # app.ui.files.Files: share/download, pick
        self.devices: Any = None  # app.ui.devices.Devices: sound, vibration, the recorder

    @property
    def recap(self) -> RecapService:
        """The month's recap, all mothers: made (and its modules loaded) when first asked for."""
        if self._recap is None:
            from app.services.recap import RecapService

            self._recap = RecapService(self.store, self.clock)
        return self._recap

    def attach(self, *, files: Any, devices: Any) -> None:
        """The page's own services, once it exists (the shell; tests draw without them)."""
        self.files = files
        self.devices = devices
        self.data = DataService(self.store, self.clock, own=getattr(devices, "own", None))

    def scope(self, mother_id: UUID) -> MotherScope:
        """The scope of one mother: her store and new services of hers (a new diary: an Undo of
        another mother's never reaches hers)."""
        store = self.store.mother(mother_id)
        changed = self.revision.bump
        return MotherScope(
            mother_id=mother_id,
            store=store,
            diary=DiaryService(store, self.clock, changed=changed),
            reminders=ReminderService(store, self.clock, changed=changed),
            teaching=TeachingService(store, self.clock, changed=changed),
            summary=SummaryService(store, self.clock),
            massage=SessionController(store, self.clock, changed=changed),
            revision=self.revision,
            visits=VisitsService(store, self.clock, changed=changed),
        )
