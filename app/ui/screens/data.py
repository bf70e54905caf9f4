"""Your data (/data, from Settings): save a backup, restore one, export for a midwife (FHIR) or a
spreadsheet (CSV), and delete everything.

Restore and delete ask first, in numbers; a refused backup file says why next to the Restore
button and leaves the diary exactly as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast
from uuid import UUID

import flet as ft

from app.i18n import _, to_thread
from app.services.data import DataFile, DataService, Restored
from app.store.backup import BackupProblem
from app.store.errors import StoreWriteError
from app.ui import kit, windows
from app.ui.screens.data_texts import (
    delete_mother_text,
    delete_text,
    merged_text,
    mother_label,
    problem_text,
    replace_text,
    restored_text,
    same_mothers_text,
)
from app.ui.screens.diary_labels import use_lazy_state
from app.ui.screens.fhir_export import ROUTE as FHIR_ROUTE
from app.ui.screens.store_error import write_problem
from app.ui.state import use_app, use_visitor

ROUTE = "/data"
OK, PROBLEM, WORKING = "ok", "problem", "working"  # the kinds of kit.status_line


def _status(messages: dict[str, tuple[str, str]], where: str) -> list[ft.Control]:
    if where not in messages:
        return []
    kind, text = messages[where]
    return [kit.status_line(kind, text, f"data-status-{where}")]


@ft.component
def Data() -> ft.View:
    app = use_app()
    visitor = use_visitor()
    service = visitor.data
    her = app.scope.mother_id  # the mother shown: her exports, "delete this mother"
    # section -> (OK | PROBLEM | WORKING, text): each section's last outcome, shown under it. One
    # section's news never removes another's line: the buttons below would jump under her finger.
    message, set_message = ft.use_state(cast(dict[str, tuple[str, str]], {}))
    # "", "restore", "same-mothers" (a pre-UUID backup's question), "delete" or "delete-mother"
    asking, set_asking = ft.use_state("")
    pending, set_pending = ft.use_state(b"")  # a picked backup, until she confirms
    preview, set_preview = ft.use_state("")  # what that backup holds, in words
    alike, set_alike = use_lazy_state(lambda: cast(tuple[str | None, ...], ()))  # its look-alike mothers

    several = service.mother_count() > 1

    def say(kind: str, section: str, text: str) -> None:
        set_message(lambda now: {**now, section: (kind, text)})

    def saver(section: str, make: Callable[[], DataFile]) -> Callable[[Any], Any]:
        async def save(e: Any) -> None:
            file = await to_thread(make)  # a midwife's device: 10 MB of JSON, off the event loop
            if await visitor.files.offer(file.name, file.data, file.mime):
                say(OK, section, _("Saved as %(name)s.") % {"name": file.name})
            else:
                say(PROBLEM, section, _("The file could not be saved on this device."))

        return save

    async def pick_backup(e: Any) -> None:
        def progress(share: float) -> None:
            say(WORKING, "restore", _("Reading the backup: %(percent)d%%") % {"percent": round(share * 100)})

        picked = await visitor.files.pick(["json"], progress)
        if picked is None:
            return
        if picked.too_large:
            say(PROBLEM, "restore", problem_text(BackupProblem.TOO_LARGE))
            return
        if picked.failed:
            say(PROBLEM, "restore", _("The file could not be read to the end. Nothing was changed; try again."))
            return
        say(WORKING, "restore", _("Checking the backup…"))
        data = picked.data
        found = await to_thread(lambda: service.check(data))  # 32 MiB of JSON: off the event loop
        if found.problem is not None:
            say(PROBLEM, "restore", problem_text(found.problem, found.record))
            return
        set_pending(picked.data)
        set_preview(replace_text(found, await to_thread(service.inventory)))
        set_alike(found.lookalikes)
        set_message(lambda now: {k: v for k, v in now.items() if k != "restore"})
        set_asking("restore")

    async def bring_in(run: Callable[[bytes], Restored], done: Callable[[Restored], str], kind: str) -> None:
        """Restore or merge the picked backup, then say what happened under Restore."""
        set_asking("")
        say(WORKING, "restore", _("Bringing in the backup…"))
        result = await to_thread(lambda: run(pending))  # other pages keep answering meanwhile
        set_pending(b"")
        if result.ok:
            say(OK, "restore", done(result))
            app.restored()
            windows.tell_others(kind)  # the other windows look again
        elif result.problem is not None:
            say(PROBLEM, "restore", problem_text(result.problem, result.record))
        else:
            say(PROBLEM, "restore", _("The backup could not be written. Nothing was changed."))

    async def restore(e: Any) -> None:
        await bring_in(service.restore, restored_text, windows.RESTORED)

    async def merge(e: Any) -> None:
        if alike:  # a backup from before UUIDs: never joined to a mother here without asking
            set_asking("same-mothers")
        else:
            await bring_in(service.merge, merged_text, windows.MERGED)

    async def merge_same(e: Any) -> None:
        await bring_in(lambda data: service.merge(data, same_mothers=True), merged_text, windows.MERGED)

    async def merge_apart(e: Any) -> None:
        await bring_in(lambda data: service.merge(data, same_mothers=False), merged_text, windows.MERGED)

    def delete(e: Any) -> None:
        which = asking
        set_asking("")
        try:
            if which == "delete-mother":
                name = mother_label(service.mother_name(her))
                service.erase_mother(her)
            else:
                service.erase()
        except StoreWriteError as err:
            say(PROBLEM, "delete", write_problem(err.code))
            return
        app.erased()
        windows.tell_others(windows.ERASED)
        if which == "delete-mother":
            say(OK, "delete", _("%(name)s and everything recorded for her were deleted.") % {"name": name})
        else:
            say(OK, "delete", _("Everything was deleted from this phone."))

    controls: list[ft.Control] = [
        kit.note(
            _(
                "Everything you record stays in one file on this phone, readable only by this app. "
                "Keep a backup to move it to a new phone or to keep it safe."
            ),
            icon=ft.Icons.LOCK_OUTLINE,
        ),
        kit.heading(_("Backup"), 18),
        kit.body(
            _("One file with everything: the diary, the massages, the details, the recorded prompts and the settings.")
        ),
        kit.primary_button(
            _("Save a backup"), saver("backup", service.backup_file), "data-backup", icon=ft.Icons.SAVE_ALT
        ),
        *_status(message, "backup"),
        kit.body(_("On a new phone: install the app, open this screen and restore the file.")),
        kit.secondary_button(_("Restore a backup"), pick_backup, "data-restore", icon=ft.Icons.RESTORE),
        *_status(message, "restore"),
        ft.Divider(),
        kit.heading(_("For the midwife or a spreadsheet"), 18),
        kit.body(_("A health-record file (FHIR) the midwife's system can read, or tables for a spreadsheet.")),
        kit.secondary_button(
            _("Health record (FHIR)"),
            # Several mothers: pick whose records go into the file; one: hers, at once.
            (lambda e: app.go(FHIR_ROUTE)) if several else saver("export", lambda: service.fhir_file()),
            "data-fhir",
            icon=ft.Icons.MEDICAL_INFORMATION,
        ),
        kit.secondary_button(
            _("Daily reports (CSV)"),
            saver("export", lambda: service.reports_csv(her)),
            "data-csv-reports",
            icon=ft.Icons.TABLE_CHART,
        ),
        kit.secondary_button(
            _("Massages (CSV)"),
            saver("export", lambda: service.sessions_csv(her)),
            "data-csv-sessions",
            icon=ft.Icons.TABLE_CHART,
        ),
        *_status(message, "export"),
        ft.Divider(),
        kit.heading(_("Delete"), 18),
        *(
            [
                kit.danger_button(
                    _("Delete this mother: %(name)s") % {"name": mother_label(service.mother_name(her))},
                    lambda e: set_asking("delete-mother"),
                    "data-delete-mother",
                    icon=ft.Icons.PERSON_REMOVE,
                )
            ]
            if several
            else []
        ),
        kit.danger_button(
            _("Delete all data"), lambda e: set_asking("delete"), "data-delete", icon=ft.Icons.DELETE_FOREVER
        ),
        *_status(message, "delete"),
    ]
    if asking == "same-mothers":
        dialog: ft.AlertDialog | None = _same_mothers_dialog(alike, merge_same, merge_apart, set_asking)
    else:
        dialog = _dialog(service, her, asking, preview, set_asking, restore, merge, delete)
    ft.use_dialog(dialog)
    return kit.screen(ROUTE, _("Your data"), controls, on_back=lambda e: app.back())


def _same_mothers_dialog(
    names: tuple[str | None, ...],
    same: Callable[[Any], Any],
    apart: Callable[[Any], Any],
    set_asking: Callable[[str], None],
) -> ft.AlertDialog:
    title = _("The same mother?") if len(names) == 1 else _("The same mothers?")
    return ft.AlertDialog(
        modal=True,
        title=ft.Text(title),
        semantics_label=title,
        content=kit.tagged(ft.Text(same_mothers_text(names)), "same-mothers-question"),
        actions=[
            kit.secondary_button(_("Different: keep both"), apart, "dialog-keep-both", icon=ft.Icons.PEOPLE_OUTLINE),
            kit.secondary_button(_("The same: combine"), same, "dialog-same-mothers", icon=ft.Icons.MERGE),
            kit.text_button(_("Cancel"), lambda e: set_asking(""), "dialog-cancel"),
        ],
        on_dismiss=lambda e: set_asking(""),
    )


def _dialog(
    service: DataService,
    her: UUID,
    asking: str,
    preview: str,
    set_asking: Callable[[str], None],
    restore: Callable[[Any], Any],
    merge: Callable[[Any], Any],
    delete: Callable[[Any], Any],
) -> ft.AlertDialog | None:
    if asking == "restore":
        return ft.AlertDialog(
            modal=True,
            title=ft.Text(_("Replace, or merge?")),
            semantics_label=_("Replace, or merge?"),
            content=ft.Text(preview),
            actions=[
                kit.primary_button(_("Merge with what is here"), merge, "dialog-merge", icon=ft.Icons.MERGE),
                kit.secondary_button(
                    _("Replace with the backup"), restore, "dialog-restore-yes", icon=ft.Icons.RESTORE
                ),
                kit.text_button(_("Cancel"), lambda e: set_asking(""), "dialog-cancel"),
            ],
            on_dismiss=lambda e: set_asking(""),
        )
    if asking in ("delete", "delete-mother"):
        mother = asking == "delete-mother"
        return ft.AlertDialog(
            modal=True,
            title=ft.Text(_("Delete this mother?") if mother else _("Delete all data?")),
            semantics_label=_("Delete this mother?") if mother else _("Delete all data?"),
            content=ft.Text(delete_mother_text(service, her) if mother else delete_text(service)),
            actions=[
                kit.danger_button(_("Delete everything"), delete, "dialog-delete-yes", icon=ft.Icons.DELETE_FOREVER),
                kit.text_button(_("Cancel"), lambda e: set_asking(""), "dialog-cancel"),
            ],
            on_dismiss=lambda e: set_asking(""),
        )
    return None
