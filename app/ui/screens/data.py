"""Your data (/data, from Settings): save a backup, restore one, export for a midwife (FHIR) or a
spreadsheet (CSV), and delete everything.

Restore and delete ask first, in numbers; a refused backup file says why next to the Restore
button and leaves the diary exactly as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

import flet as ft

from app.domain.plausible import Implausible, RecordKind
from app.i18n import N_, _, format_date, format_number, ngettext, to_thread
from app.services.data import DataFile, DataService, Inventory, Restored
from app.store.backup import BackupProblem
from app.store.errors import StoreWriteError
from app.ui import kit
from app.ui.screens.diary_labels import use_lazy_state
from app.ui.screens.store_error import write_problem
from app.ui.state import use_app

ROUTE = "/data"
OK, PROBLEM, WORKING = "ok", "problem", "working"


RECORD_NAMES = {
    RecordKind.BIRTH_DATE: N_("The baby's birth date (%(day)s)"),
    RecordKind.REPORT: N_("The daily report of %(day)s"),
    RecordKind.MASSAGE: N_("A massage on %(day)s"),
    RecordKind.QUIZ: N_("A quiz on %(day)s"),
    RecordKind.SKILLS: N_("A skills check on %(day)s"),
}


def problem_text(problem: BackupProblem, record: Implausible | None = None) -> str:
    if problem is BackupProblem.IMPLAUSIBLE and record is not None:
        # The year in full: a day in year 1 or 9999 is the point of the message.
        what = _(RECORD_NAMES[record.kind]) % {"day": format_date(record.day, "d MMMM yyyy")}
        return _("%(what)s in this backup is a date the app cannot accept. Nothing was changed.") % {"what": what}
    texts = {
        BackupProblem.TOO_LARGE: _("This file is too large to be a backup of this app."),
        BackupProblem.MALFORMED: _("This file is damaged or incomplete. Nothing was changed."),
        BackupProblem.NOT_A_BACKUP: _("This is not a backup file of this app. Nothing was changed."),
        BackupProblem.WRONG_VERSION: _("This backup was made in a format this app does not know. Update the app."),
        BackupProblem.NEWER_APP: _("This backup comes from a newer version of the app. Update the app first."),
        BackupProblem.WRONG_CHECKSUM: _("This backup was changed or damaged after it was saved. Nothing was changed."),
        BackupProblem.INVALID_CONTENT: _("This backup holds entries this app cannot read. Nothing was changed."),
        BackupProblem.IMPLAUSIBLE: _("This backup holds a date the app cannot accept. Nothing was changed."),
    }
    return texts[problem]


def _counts(reports: int, sessions: int) -> dict[str, str]:
    return {
        "reports": ngettext("%(n)s daily report", "%(n)s daily reports", reports) % {"n": format_number(reports)},
        "sessions": ngettext("%(n)s massage", "%(n)s massages", sessions) % {"n": format_number(sessions)},
    }


def restored_text(result: Restored) -> str:
    return _("Restored: %(reports)s and %(sessions)s.") % _counts(result.reports, result.sessions)


def merged_text(result: Restored) -> str:
    """What a merge brought, naming only what it changed (a list of zeros says nothing)."""
    m = result.merged
    assert m is not None
    counted = [
        (m.mothers_added, ngettext("%(n)s mother added", "%(n)s mothers added", m.mothers_added)),
        (m.reports_added, ngettext("%(n)s daily report added", "%(n)s daily reports added", m.reports_added)),
        (
            m.reports_updated,
            ngettext(
                "%(n)s day updated from the backup (its edit was newer)",
                "%(n)s days updated from the backup (their edits were newer)",
                m.reports_updated,
            ),
        ),
        (m.sessions_added, ngettext("%(n)s massage added", "%(n)s massages added", m.sessions_added)),
        (
            m.teaching_added,
            ngettext("%(n)s quiz or skills result added", "%(n)s quiz or skills results added", m.teaching_added),
        ),
    ]
    parts = [text % {"n": n} for n, text in counted if n]
    if not parts:
        return _("Nothing new: this phone already has everything in this backup.")
    if m.reports_kept:
        parts.append(
            ngettext("%(n)s day kept as on this phone", "%(n)s days kept as on this phone", m.reports_kept)
            % {"n": m.reports_kept}
        )
    return _("Merged: %(what)s.") % {"what": "; ".join(parts)}


def replace_text(found: Restored, here: Inventory) -> str:
    """The choice, with what each way costs: Replace deletes what is here now, named in numbers."""
    holds = _("The backup holds %(reports)s and %(sessions)s.") % _counts(found.reports, found.sessions)
    lost = _counts(here.reports, here.sessions)
    lost["recordings"] = ngettext("%(n)s recorded prompt", "%(n)s recorded prompts", here.recordings) % {
        "n": format_number(here.recordings)
    }
    replace = (
        _(
            "Replace deletes what is on this phone now: %(reports)s, %(sessions)s and %(recordings)s, "
            "and puts the backup's in their place."
        )
        % lost
    )
    texts = [holds, replace]
    if here.unfinished:
        texts.append(_("A massage that has not ended (perhaps running in another tab) would be lost too."))
    texts.append(_("Merge adds the backup's records to what is here; a day both have keeps the newer edit."))
    return " ".join(texts)


def delete_text(service: DataService) -> str:
    found = service.inventory()
    mothers = ngettext("the details of %(n)s mother", "the details of %(n)s mothers", found.mothers) % {
        "n": format_number(found.mothers)
    }
    return _(
        "This deletes from this phone: %(mothers)s, %(reports)s, %(sessions)s, unsaved forms, "
        "reminder times, recorded prompts and settings. It cannot be undone. Save a backup first if you may "
        "want it back."
    ) % {"mothers": mothers, **_counts(found.reports, found.sessions)}


def delete_mother_text(service: DataService) -> str:
    found = service.inventory(this_mother=True)
    return _(
        "This deletes %(name)s from this phone: her and her baby's details, %(reports)s, %(sessions)s, "
        "unsaved forms and reminder times. The other mothers stay. It cannot be undone."
    ) % {"name": mother_label(service.mother_name()), **_counts(found.reports, found.sessions)}


def mother_label(name: str | None) -> str:
    return name or _("this mother (no name yet)")


def _status(message: tuple[str, str] | None, where: str) -> list[ft.Control]:
    if message is None or not message[1].startswith(where):
        return []
    kind, text = message[0], message[1][len(where) + 1 :]
    good = kind != PROBLEM
    icon = {OK: ft.Icons.CHECK_CIRCLE, WORKING: ft.Icons.HOURGLASS_TOP}.get(kind, ft.Icons.ERROR_OUTLINE)
    note = kit.note(text, icon=icon, color=None if good else ft.Colors.ERROR)
    return [ft.Semantics(content=note, live_region=True, identifier=f"data-status-{where}")]


@ft.component
def Data() -> ft.View:
    app = use_app()
    service = app.data_service
    # (OK | PROBLEM, "<section>:<text>"): the last outcome, shown under its own section.
    message, set_message = use_lazy_state(lambda: cast(tuple[str, str] | None, None))
    asking, set_asking = ft.use_state("")  # "", "restore", "delete" or "delete-mother"
    pending, set_pending = ft.use_state(b"")  # a picked backup, until she confirms
    preview, set_preview = ft.use_state("")  # what that backup holds, in words

    def say(kind: str, section: str, text: str) -> None:
        set_message((kind, f"{section}:{text}"))

    def saver(section: str, make: Callable[[], DataFile]) -> Callable[[Any], Any]:
        async def save(e: Any) -> None:
            file = await to_thread(make)  # a midwife's device: 10 MB of JSON, off the event loop
            if await app.files.offer(file.name, file.data, file.mime):
                say(OK, section, _("Saved as %(name)s.") % {"name": file.name})
            else:
                say(PROBLEM, section, _("The file could not be saved on this device."))

        return save

    async def pick_backup(e: Any) -> None:
        def progress(share: float) -> None:
            say(WORKING, "restore", _("Reading the backup: %(percent)d%%") % {"percent": round(share * 100)})

        picked = await app.files.pick(["json"], progress)
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
        set_message(None)
        set_asking("restore")

    async def bring_in(run: Callable[[bytes], Restored], done: Callable[[Restored], str]) -> None:
        """Restore or merge the picked backup, then say what happened under Restore."""
        set_asking("")
        say(WORKING, "restore", _("Bringing in the backup…"))
        result = await to_thread(lambda: run(pending))  # other pages keep answering meanwhile
        set_pending(b"")
        if result.ok:
            say(OK, "restore", done(result))
            app.restored()
        elif result.problem is not None:
            say(PROBLEM, "restore", problem_text(result.problem, result.record))
        else:
            say(PROBLEM, "restore", _("The backup could not be written. Nothing was changed."))

    async def restore(e: Any) -> None:
        await bring_in(service.restore, restored_text)

    async def merge(e: Any) -> None:
        await bring_in(service.merge, merged_text)

    def delete(e: Any) -> None:
        which = asking
        set_asking("")
        try:
            if which == "delete-mother":
                name = mother_label(service.mother_name())
                service.erase_mother()
            else:
                service.erase()
        except StoreWriteError as err:
            say(PROBLEM, "delete", write_problem(err.code))
            return
        app.erased()
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
            saver("export", service.fhir_file),
            "data-fhir",
            icon=ft.Icons.MEDICAL_INFORMATION,
        ),
        kit.secondary_button(
            _("Daily reports (CSV)"),
            saver("export", service.reports_csv),
            "data-csv-reports",
            icon=ft.Icons.TABLE_CHART,
        ),
        kit.secondary_button(
            _("Massages (CSV)"), saver("export", service.sessions_csv), "data-csv-sessions", icon=ft.Icons.TABLE_CHART
        ),
        *_status(message, "export"),
        ft.Divider(),
        kit.heading(_("Delete"), 18),
        *(
            [
                kit.danger_button(
                    _("Delete this mother: %(name)s") % {"name": mother_label(service.mother_name())},
                    lambda e: set_asking("delete-mother"),
                    "data-delete-mother",
                    icon=ft.Icons.PERSON_REMOVE,
                )
            ]
            if service.mother_count() > 1
            else []
        ),
        kit.danger_button(
            _("Delete all data"), lambda e: set_asking("delete"), "data-delete", icon=ft.Icons.DELETE_FOREVER
        ),
        *_status(message, "delete"),
    ]
    ft.use_dialog(_dialog(service, asking, preview, set_asking, restore, merge, delete))
    return kit.screen(ROUTE, _("Your data"), controls, on_back=lambda e: app.back())


def _dialog(
    service: DataService,
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
            content=ft.Text(delete_mother_text(service) if mother else delete_text(service)),
            actions=[
                kit.danger_button(_("Delete everything"), delete, "dialog-delete-yes", icon=ft.Icons.DELETE_FOREVER),
                kit.text_button(_("Cancel"), lambda e: set_asking(""), "dialog-cancel"),
            ],
            on_dismiss=lambda e: set_asking(""),
        )
    return None
