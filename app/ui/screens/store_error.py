"""When the diary's file cannot be opened or a write fails: say what happened and what to do, in
the visitor's language. The file is never touched from here; nothing typed is thrown away.

Nothing on this screen can repair or replace the file (a backup is restored from inside the app,
which needs a diary open). What it offers is "Try again", which opens the file anew once someone
has done what the advice says: moved a damaged file away (then the app starts an empty diary, where
a backup can be restored), freed storage, or closed the other copy of the app.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import flet as ft

from app.i18n import N_, _
from app.store.errors import OpenErrorCode, WriteErrorCode
from app.ui import kit

OPEN_PROBLEMS = {
    OpenErrorCode.NOT_A_DATABASE: N_("The diary file on this phone is not a file this app can read."),
    OpenErrorCode.EMPTY_FILE: N_(
        "The diary file on this phone is empty (0 bytes). It was not replaced, so nothing more is lost."
    ),
    OpenErrorCode.CORRUPT: N_("The diary file on this phone is damaged."),
    OpenErrorCode.READ_ONLY: N_("The diary file, or its folder, cannot be written to."),
    OpenErrorCode.UNREADABLE: N_("The app is not allowed to read the diary file."),
    OpenErrorCode.DISK_FULL: N_("The phone's storage is full."),
    OpenErrorCode.NEWER_VERSION: N_("The diary was saved by a newer version of this app."),
    OpenErrorCode.BUSY: N_("Another copy of the app is using the diary right now."),
    OpenErrorCode.IO_ERROR: N_("The phone could not read the diary file."),
}
MOVE_ASIDE = N_(
    "The file was left exactly as it was. Ask for help: someone who can reach the files on this phone "
    "can move this file to another folder and keep it, then tap Try again. The app then starts with an "
    "empty diary. If you have a backup, restore it in Settings, then Your data."
)
OPEN_ADVICE = {
    OpenErrorCode.NOT_A_DATABASE: MOVE_ASIDE,
    OpenErrorCode.EMPTY_FILE: MOVE_ASIDE,
    OpenErrorCode.CORRUPT: MOVE_ASIDE,
    OpenErrorCode.READ_ONLY: N_("Free the storage or give the app permission to write, then open the app again."),
    OpenErrorCode.UNREADABLE: N_("Give the app permission to read its files, then open the app again."),
    OpenErrorCode.DISK_FULL: N_("Delete some photos or videos to make room, then open the app again."),
    OpenErrorCode.NEWER_VERSION: N_("Update the app to the newest version. This version will not change the diary."),
    OpenErrorCode.BUSY: N_("Close the other window of the app, then open this one again."),
    OpenErrorCode.IO_ERROR: N_("Restart the phone, then open the app again."),
}
WRITE_PROBLEMS = {
    WriteErrorCode.DISK_FULL: N_("Not saved: the phone's storage is full. Make room, then tap Save again."),
    WriteErrorCode.READ_ONLY: N_("Not saved: the diary cannot be written to right now. Tap Save again later."),
    WriteErrorCode.BUSY: N_("Not saved: the diary is busy. Tap Save again."),
    WriteErrorCode.CORRUPT: N_("Not saved: the diary file is damaged. Ask for help before going on."),
    WriteErrorCode.IO_ERROR: N_("Not saved: the phone could not write. Tap Save again."),
    WriteErrorCode.REFUSED: N_("Not saved: the diary refused this change. Tap Save again."),
    WriteErrorCode.UNREADABLE_KEPT: N_(
        "Not saved: this day already holds an entry this version of the app cannot read. It was kept, "
        "not overwritten. Update the app to see it."
    ),
    WriteErrorCode.UNKNOWN: N_("Not saved. Tap Save again."),
}


def write_problem(code: WriteErrorCode) -> str:
    """The translated sentence for a failed write (what is typed stays on screen)."""
    return _(WRITE_PROBLEMS.get(code, WRITE_PROBLEMS[WriteErrorCode.UNKNOWN]))


def store_error_view(code: OpenErrorCode, path_text: str, on_retry: Callable[[], Any] | None = None) -> ft.View:
    """The whole screen when the diary cannot be opened (nothing else of the app can work);
    `on_retry` opens the file anew ("Try again")."""
    retry = (
        []
        if on_retry is None
        else [kit.primary_button(_("Try again"), lambda e: on_retry(), "store-error-retry", icon=ft.Icons.REFRESH)]
    )
    return kit.screen(
        "/",
        _("The diary cannot be opened"),
        [
            kit.tagged(
                kit.note(_(OPEN_PROBLEMS[code]), icon=ft.Icons.ERROR_OUTLINE, color=kit.DANGER),
                f"store-error-{code.value}",
            ),
            kit.body(_(OPEN_ADVICE[code])),
            kit.body(
                _("Where the file is: %(path)s") % {"path": path_text},
                size=14,
                selectable=True,
                color=ft.Colors.ON_SURFACE_VARIANT,
            ),
            *retry,
        ],
    )


@ft.component
def StoreError(code: OpenErrorCode, path_text: str, on_retry: Callable[[], Any] | None = None) -> list[ft.View]:
    return [store_error_view(code, path_text, on_retry)]
