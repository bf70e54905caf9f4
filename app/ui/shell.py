"""The Flet entry point: one store, one clock and one session controller per browser session; routes
map to screen builders; language and theme are applied here and remembered in settings."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable

import flet as ft

from app.config import db_path
from app.domain.clock import SystemClock
from app.i18n import LANGUAGES, language_for_locales, set_language
from app.store.db import open_store
from app.ui import kit
from app.ui.context import AppContext
from app.ui.screens import (diary_history, history, profile, reminders, report, session_finish, session_prep,
                            session_run, session_setup, settings, today)

log = logging.getLogger(__name__)

ROUTES: dict[str, Callable[[AppContext], ft.View]] = {
    "/": today.build,
    "/profile": profile.build,
    "/report": report.build,
    "/diary": diary_history.build,
    "/reminders": reminders.build,
    "/settings": settings.build,
    "/history": history.build,
    **session_setup.ROUTES,
    **session_prep.ROUTES,
    **session_run.ROUTES,
    **session_finish.ROUTES,
}


def _db_path():
    return os.environ.get("PIJAT_DB_PATH") or db_path()


async def main(page: ft.Page) -> None:
    store = open_store(_db_path())
    ctx = AppContext(page=page, store=store, clock=SystemClock())

    lang = store.get_setting("language")
    if lang not in LANGUAGES:
        info = await page.get_device_info()
        lang = language_for_locales(_device_locale_tags(info))
    set_language(lang)

    page.title = "Pijat Oksitosin"
    light, dark = kit.themes()
    page.theme, page.dark_theme = light, dark
    ctx.apply_theme(store.get_setting("theme") or "system")
    ctx.apply_locale()
    ctx.setup_services()

    def route_change(e: ft.RouteChangeEvent | None = None) -> None:
        show(page.route)

    def show(route: str) -> None:
        path = route.split("?")[0] or "/"
        builder = ROUTES.get(path, today.build)
        page.views.clear()
        page.views.append(builder(ctx))
        page.update()

    async def view_pop(e: ft.ViewPopEvent) -> None:
        ctx.go("/")

    def disconnected(e) -> None:
        # A closed or reloaded tab: keep what was done, as a pause, so the family can resume.
        ctx.controller.suspend()

    def reconnected(e) -> None:
        # A reload reattaches this same session: redraw, e.g. the rounds screen now paused.
        ctx.refresh()

    ctx.show = show
    page.on_connect = reconnected
    page.on_route_change = route_change
    page.on_view_pop = view_pop
    page.on_disconnect = disconnected
    page.on_close = disconnected
    show(page.route)


def _device_locale_tags(info) -> list[str]:
    """Preferred locales as tags: the device's, or on the web the browser's `language`/`languages`."""
    tags = [getattr(loc, "language_code", None) or str(loc) for loc in getattr(info, "locales", None) or []]
    first = getattr(info, "language", None)
    return tags + ([first] if first else []) + list(getattr(info, "languages", None) or [])
