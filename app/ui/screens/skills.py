"""The skills checklist (/skills): the midwife watches the husband (or another family member) do the
massage and ticks each step done right (DOMAIN §2). Saved with who was checked and the date; the
steps not yet right are listed for next time."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import flet as ft

from app.domain.skills import NAME_MAX_CHARS, STEPS, Checked, SkillsResult, result
from app.i18n import _
from app.store.errors import StoreWriteError
from app.ui import kit
from app.ui.screens import form_parts
from app.ui.screens.diary_labels import use_lazy_state
from app.ui.screens.labels import t
from app.ui.screens.store_error import write_problem
from app.ui.screens.teach_labels import CHECKED_WHO, STEP_SHORT, STEP_TEXTS, skills_lines
from app.ui.screens.whose import whose_visit
from app.ui.state import use_app, use_scope
from app.ui.text_box import TextBox

ROUTE = "/skills"


@ft.observable
@dataclass
class Check:
    who: str = Checked.HUSBAND.value
    name: str = ""
    ticks: dict[str, bool] = field(default_factory=dict)
    saved: SkillsResult | None = None
    problem: str = ""

    def tick(self, step: str, value: bool) -> None:
        self.ticks = {**self.ticks, step: value}


def score_text(found: SkillsResult) -> str:
    return _("%(n)d of %(total)d steps right (%(pct)d%%)") % {
        "n": found.right,
        "total": found.total,
        "pct": found.percent,
    }


def _step_item(check: Check, step: str) -> ft.Control:
    def flip(value: bool) -> None:
        check.tick(step, value)

    return kit.check_item(t(STEP_TEXTS, step), check.ticks.get(step, False), flip, f"step-{step}")


@ft.component
def Skills() -> ft.View:
    app = use_app()
    check, _set = use_lazy_state(lambda: Check())
    teaching = use_scope().teaching

    def save(e: Any) -> None:
        try:
            check.saved = teaching.save_skills(check.who, check.name, check.ticks)
        except StoreWriteError as err:
            check.problem = write_problem(err.code)
            return
        app.tell(_("Saved"))

    if check.saved is not None:
        controls: list[ft.Control] = [
            kit.tagged(kit.heading(score_text(check.saved)), "skills-score"),
            *skills_lines(teaching.last_skills()),
        ]
        if check.saved.not_yet:
            controls.append(
                kit.note(_("Show these steps again and check them on the next visit."), icon=ft.Icons.SCHOOL_OUTLINED)
            )
        return kit.screen(
            ROUTE,
            _("Skills check"),
            controls,
            on_back=lambda e: app.back(),
            # In its own container, not the Save button renamed (Flutter would keep "save").
            bottom=[
                ft.Container(kit.primary_button(_("Done"), lambda e: app.back(), "skills-done", icon=ft.Icons.CHECK))
            ],
            subtitle=whose_visit(app),
        )

    name = TextBox(
        label=_("Name (optional)"),
        value=check.name,
        max_length=NAME_MAX_CHARS,
        text_size=16,
        on_change=lambda e: setattr(check, "name", form_parts.typed(e)),
    )
    live = result(check.ticks)
    controls = [
        kit.body(_("Watch the massage and tick each step that is done right.")),
        kit.heading(_("Who is doing the massage?"), 18),
        kit.choice_group(
            [(c.value, t(CHECKED_WHO, c)) for c in Checked], check.who, lambda v: setattr(check, "who", v), "skills-who"
        ),
        kit.tagged(name, "skills-name"),
        kit.heading(_("Done right"), 18),
        *[_step_item(check, step.value) for step in STEPS],
        kit.tagged(kit.body(score_text(live), weight=ft.FontWeight.W_600), "skills-live-score"),
    ]
    if live.not_yet and check.ticks:
        controls.append(
            kit.body(
                _("Not yet: %(steps)s") % {"steps": ", ".join(t(STEP_SHORT, s) for s in live.not_yet)},
                color=ft.Colors.ON_SURFACE_VARIANT,
            )
        )
    if check.problem:
        controls.append(kit.note(check.problem, icon=ft.Icons.ERROR_OUTLINE, color=kit.DANGER))
    return kit.screen(
        ROUTE,
        _("Skills check"),
        controls,
        on_back=lambda e: app.back(),
        bottom=[kit.primary_button(_("Save the check"), save, "skills-save", icon=ft.Icons.CHECK)],
        subtitle=whose_visit(app),
    )
