"""The app's other windows. Each browser tab is a visitor of its own, with its own state: when one
replaces the data with a backup, merges one in or deletes, the others hear it here and look again
(AppState.changed_elsewhere), instead of showing data that is gone until someone reloads. A
running massage also finds out by itself (its heartbeat: app/ui/session_model.py)."""

from __future__ import annotations

import logging
from typing import Any

import flet as ft

from app.i18n import _

log = logging.getLogger(__name__)

TOPIC = "data-changed"
RESTORED, MERGED, ERASED = "restored", "merged", "erased"


def elsewhere_text(kind: str) -> str:
    """What the other windows say, once, as they show the data as it is now."""
    if kind == RESTORED:
        return _("The data on this phone was replaced by a backup in another window. This window shows it now.")
    if kind == MERGED:
        return _("A backup was added to the data on this phone in another window. This window shows it now.")
    return _("Data was deleted in another window. This window shows what is left.")


def tell_others(kind: str) -> None:
    """From a screen's handler: every other window of the app looks again."""
    try:
        page = ft.context.page
        page.pubsub.send_others_on_topic(TOPIC, kind)
    except Exception:  # a test without a page, or a closed one: nobody else to tell
        log.info("no other windows told")


def listen(page: ft.Page, changed: Any) -> None:
    """Have `changed(kind)` run in this window's own context when another window tells."""

    async def heard(topic: str, kind: str) -> None:
        # This runs in the telling window's context: hand it to this page's (its redraws are ours).
        async def apply() -> None:
            changed(kind)

        page.run_task(apply)

    page.pubsub.subscribe_topic(TOPIC, heard)
