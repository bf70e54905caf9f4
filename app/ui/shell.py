"""The Flet entry point. Each browser session (visitor) gets its own store connection, clock,
state and device services; the UI is Flet 1.0's declarative model: an `App` component renders the
visitor's stack of screens (`page.render_views`), each screen a `@ft.component` in its own module.

Nothing here is shared between visitors: two tabs keep their own language, theme and massage.
"""

from __future__ import annotations

import asyncio
import gc
import importlib
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import flet as ft

from app import i18n
from app.config import clock, db_path, uploads_dir
from app.domain.mothers import Role
from app.services.own_voice import OwnVoice, folder_for
from app.store.db import open_store
from app.store.errors import StoreOpenError
from app.ui import kit, theme, windows
from app.ui.devices import Devices
from app.ui.files import Files
from app.ui.screens import intro, store_error
from app.ui.session_model import SessionModel
from app.ui.state import HOME, LANGUAGE_SETTING, THEME_MODES, THEME_SETTING, AppContext, AppState, RevisionContext

log = logging.getLogger(__name__)

# Route -> the module and name of its screen component. Every screen returns an `ft.View` with
# that route. A screen's module is imported when it is first shown, not at start: the first screen
# (Today) does not wait for the chart library, the FHIR export or the visit's screens, and a
# server that never shows them does not hold them (docs/benchmarks.md, start-up and memory).
SCREENS: dict[str, tuple[str, str]] = {
    HOME: ("today", "Today"),
    "/profile": ("profile", "Profile"),
    "/report": ("report", "Report"),
    "/diary": ("diary_history", "DiaryHistory"),
    "/reminders": ("reminders", "Reminders"),
    "/settings": ("settings", "Settings"),
    "/data": ("data", "Data"),
    "/data/fhir": ("fhir_export", "FhirExport"),
    "/mothers": ("mothers", "Mothers"),
    "/due": ("due", "Due"),
    "/recap": ("recap", "Recap"),
    "/visit/done": ("visit_done", "VisitDone"),
    "/own-voice": ("own_voice", "OwnVoiceScreen"),
    intro.ROUTE: ("intro", "Intro"),
    "/history": ("history", "History"),
    "/session/setup": ("session_setup", "Setup"),
    "/session/safety": ("session_safety", "Safety"),
    "/session/unsafe": ("session_unsafe", "Unsafe"),
    "/session/prep": ("session_prep", "Prep"),
    "/session/position": ("session_position", "Position"),
    "/session/technique": ("session_technique", "Technique"),
    "/session/landmarks": ("session_landmarks", "Landmarks"),
    "/session/run": ("session_run", "Run"),
    "/session/finish": ("session_finish", "Finish"),
    "/visit": ("visit", "Visit"),
    "/quiz/before": ("quiz", "QuizBefore"),
    "/quiz/after": ("quiz", "QuizAfter"),
    "/skills": ("skills", "Skills"),
    "/summary": ("visit_summary", "Summary"),
}


def screen_for(route: str) -> Callable[..., Any]:
    """The component that draws `route` (Today for one it does not know), its module imported on
    first use."""
    module, name = SCREENS.get(route.split("?")[0], SCREENS[HOME])
    return getattr(importlib.import_module(f"app.ui.screens.{module}"), name)


MATERIAL_LOCALES = {"id": ft.Locale("id", "ID"), "en": ft.Locale("en", "GB")}


def _visitor_language() -> str | None:
    """The language of the visitor whose page is being served (Flet keeps the page per task)."""
    try:
        page = ft.context.page
    except RuntimeError:
        return None
    state = getattr(page, "data", None)
    return getattr(state, "lang", None)


@ft.component
def App(app: AppState) -> Any:
    page = ft.context.page

    def apply_look() -> None:
        page.theme_mode = THEME_MODES.get(app.theme, ft.ThemeMode.SYSTEM)
        page.locale_configuration = ft.LocaleConfiguration(
            supported_locales=list(MATERIAL_LOCALES.values()), current_locale=MATERIAL_LOCALES[app.lang]
        )
        if app.visitor.devices is not None:
            app.visitor.devices.remember_language(app.lang)

    ft.use_effect(apply_look, [app.theme, app.lang])

    def show_notice() -> None:
        if app.notice:
            page.show_dialog(
                ft.SnackBar(
                    ft.Semantics(content=ft.Text(app.notice, size=16), live_region=True, identifier="notice"),
                    duration=4000,
                    # Above the screen's fixed bottom bar: over it, it would cover the buttons for
                    # its 4 seconds (the next tap, "Done", landed on the notice). Not at the top
                    # either: a form's first question is there.
                    behavior=ft.SnackBarBehavior.FLOATING,
                    margin=ft.Margin.only(
                        left=16, right=16, bottom=8 + kit.BOTTOM_BARS.get(app.stack[-1].split("?")[0], 0)
                    ),
                )
            )
            app.notice = None

    ft.use_effect(show_notice, [app.notice])
    # Screens are created inside the providers, so they find the visitor's state with `use_app()`,
    # and subscribe to what the visitor's services write with `use_scope()` / `use_visitor()`.
    # Keyed by place and route: a screen whose route changes in place (the report of another day)
    # starts afresh instead of keeping the other route's state.
    return AppContext(
        app,
        lambda: RevisionContext(
            app.visitor.revision,
            lambda: [screen_for(route)(key=f"{i}:{route}") for i, route in enumerate(app.stack)],
        ),
    )


@dataclass
class _Visitor:
    """What `_` needs before the diary is open (the language), for the error screen."""

    lang: str


async def main(page: ft.Page) -> None:
    i18n.set_resolver(_visitor_language)
    page.title = "Pijat Oksitosin"
    page.fonts = dict(theme.FONTS)
    page.theme, page.dark_theme = theme.themes()
    path = Path(os.environ.get("PIJAT_DB_PATH") or db_path())
    try:
        store = open_store(path)
    except StoreOpenError as err:  # say what happened, in her language; the file stays as it was
        log.warning("the database cannot be opened: %s", err)  # the code and SQLite's error name only
        page.data = _Visitor(await _device_language(page))
        # "Try again" runs this again: once the file is moved away, fixed or free, the app opens.
        page.render_views(store_error.StoreError, err.code, str(path), lambda: page.run_task(main, page))
        return
    lang = store.get_setting(LANGUAGE_SETTING)
    if lang not in i18n.LANGUAGES:
        lang = await _device_language(page)
    app = AppState.open(store, clock(), lang=lang, theme=store.get_setting(THEME_SETTING) or "system")
    app.dark_platform = page.platform_brightness == ft.Brightness.DARK
    devices = Devices(
        page,
        language=lambda: app.lang,
        mode=app.voice_mode(),  # the chosen mother's
        own=OwnVoice(folder_for(path), changed=app.visitor.revision.bump),
    )
    app.visitor.attach(files=Files(page, uploads=uploads_dir(path)), devices=devices)
    app.session = SessionModel()
    app.session.attach(app.scope.massage, devices)
    page.data = app  # how `_` finds this visitor's language
    windows.listen(page, app.changed_elsewhere)  # another tab's restore, merge or delete
    if intro.intro_needed(app):
        app.go(intro.ROUTE)
    elif app.role is Role.MIDWIFE:  # she starts from the list of the mothers she visits
        app.go("/mothers")
    elif (page.route or "").split("?")[0] == "/report":  # a link to a day's report (checked there)
        app.go(page.route)

    def view_pop(e: ft.ViewPopEvent) -> None:
        app.back()

    def disconnected(e: Any) -> None:
        # A closed or reloaded tab: keep what was done, as a pause, so the family can resume.
        app.session.disconnect()

    def reconnected(e: Any) -> None:
        # A reload reattaches this same session: redraw everything from what is stored now (the
        # paused rounds; Today's cards, e.g. a massage another window left).
        app.session.reconnect()
        app.refresh()

    def brightness(e: Any) -> None:
        app.dark_platform = page.platform_brightness == ft.Brightness.DARK

    page.on_view_pop = view_pop
    page.on_connect = reconnected
    page.on_disconnect = disconnected
    page.on_close = disconnected
    page.on_platform_brightness_change = brightness
    page.render_views(App, app)
    if not _settled:
        asyncio.get_running_loop().call_later(SETTLE_AFTER_S, settle_once)
    await _ask_motion(app)


async def _ask_motion(app: AppState) -> None:
    """Whether the device asks for less motion; asked once the first screen is drawn (it waits
    for the client's answer), and left as it was when the client cannot say."""
    try:
        features = await app.visitor.devices.semantics.get_accessibility_features()
    except Exception as err:  # an older client, or a page closed meanwhile
        log.info("accessibility features unknown: %s", type(err).__name__)
        return
    app.reduce_motion = bool(features.disable_animations or features.reduce_motion)


# Once per process, a moment after the first visitor's first screen is sent (`settle_once`).
SETTLE_AFTER_S = 2.0
_settled = False


def settle_once() -> None:
    """What is loaded by the first screen (modules, Flet's classes, catalogs, babel's data) lives as
    long as the process: moved out of the garbage collector's sight, a full collection no longer
    walks it (30-40 ms on a busy machine, enough to make the countdown late), only what the visitors
    made since. Done once, in the event loop, a moment after the first screen went out.

    Nothing is imported ahead of the first visitor: a warm-up thread at start slowed the page's own
    start-up (the browser loading Flet's client beside it) more than it spared the first screen
    (docs/benchmarks.md, start-up)."""
    global _settled
    if not _settled:
        _settled = True
        gc.collect()
        gc.freeze()


async def _device_language(page: ft.Page) -> str:
    info = await page.get_device_info()
    return i18n.language_for_locales(_device_locale_tags(info))


def _device_locale_tags(info: Any) -> list[str]:
    """Preferred locales as tags: the device's, or on the web the browser's `language`/`languages`."""
    tags = [getattr(loc, "language_code", None) or str(loc) for loc in getattr(info, "locales", None) or []]
    first = getattr(info, "language", None)
    return tags + ([first] if first else []) + list(getattr(info, "languages", None) or [])
