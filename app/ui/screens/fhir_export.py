"""The health-record file for the midwife's system (/data/fhir, from Your data on a device with
several mothers): pick the mothers, or all of them, and save one FHIR file. Each mother keeps her
own identity in it, so a puskesmas importing the file again (or a newer one) never doubles her."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import flet as ft

from app.i18n import _, ngettext, to_thread
from app.ui import kit
from app.ui.screens.diary_labels import use_lazy_state
from app.ui.screens.whose import name_of
from app.ui.state import use_app, use_visitor

ROUTE = "/data/fhir"


@ft.component
def FhirExport() -> ft.View:
    app = use_app()
    visitor = use_visitor()
    service = visitor.data
    mothers = service.mothers()
    # The mothers picked (their UUIDs as text): the one shown now, to begin with.
    picked, set_picked = use_lazy_state(lambda: frozenset({str(app.scope.mother_id)}))
    said, set_said = ft.use_state(("", ""))  # ("ok" | "problem", what happened)
    chosen = [m for m in mothers if str(m.id) in picked]
    every = len(chosen) == len(mothers)

    def flipper(mother_id: str) -> Callable[[bool], None]:
        def flip(value: bool) -> None:
            set_picked(picked | {mother_id} if value else picked - {mother_id})

        return flip

    def flip_all(value: bool) -> None:
        set_picked(frozenset(str(m.id) for m in mothers) if value else frozenset())

    async def save(e: Any) -> None:
        file = await to_thread(lambda: service.fhir_file([m.id for m in chosen]))
        if await visitor.files.offer(file.name, file.data, file.mime):
            set_said(("ok", _("Saved as %(name)s.") % {"name": file.name}))
        else:
            set_said(("problem", _("The file could not be saved on this device.")))

    controls: list[ft.Control] = [
        kit.body(
            _(
                "One file for the midwife's health-record system (FHIR), with the mothers you pick. Each "
                "mother has her own code in it: importing the file again, or a newer one, never makes her twice."
            )
        ),
        kit.check_item(_("All mothers (%(n)d)") % {"n": len(mothers)}, every, flip_all, "fhir-all"),
        ft.Divider(),
    ]
    for mother in mothers:
        name = name_of(mother) + (" " + _("(archived)") if mother.archived else "")
        controls.append(kit.check_item(name, str(mother.id) in picked, flipper(str(mother.id)), f"fhir-{mother.id}"))
    if said[1]:
        controls.append(kit.status_line(*said, "fhir-status"))
    label = ngettext("Save the file (%(n)d mother)", "Save the file (%(n)d mothers)", len(chosen)) % {"n": len(chosen)}
    bottom = [
        kit.primary_button(label, save, "fhir-save", icon=ft.Icons.MEDICAL_INFORMATION, disabled=not chosen),
    ]
    return kit.screen(ROUTE, _("Health record file"), controls, on_back=lambda e: app.back(), bottom=bottom)
