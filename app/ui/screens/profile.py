"""Profile (first run, editable later): the mother's name or nickname and the baby's birth date."""

from __future__ import annotations

import flet as ft

from app.domain.profile import validate_profile
from app.i18n import _
from app.ui import kit
from typing import Any as AppContext
from app.ui.screens.diary_labels import error_text, today


def build(ctx: AppContext) -> ft.View:
    profile = ctx.store.profile.get()
    name = ft.TextField(label=_("Mother's name or nickname (optional)"), value=(profile.mother_name or "") if profile else "",
                        max_length=60, text_size=16)
    born = ft.TextField(
        label=_("Baby's birth date"), hint_text=_("YYYY-MM-DD, e.g. %(example)s") % {"example": today(ctx).isoformat()},
        value=profile.baby_birth_date.isoformat() if profile else "", keyboard_type=ft.KeyboardType.DATETIME,
        helper=_("Write it as year-month-day."), text_size=16,
    )
    fields = {"mother_name": name, "baby_birth_date": born}

    def save(e) -> None:
        raw = {key: field.value or "" for key, field in fields.items()}
        result, errors = validate_profile(raw, today=today(ctx))
        for key, field in fields.items():
            field.error = error_text(errors.get(key))
        if result is None:
            ctx.page.update()
            return
        ctx.store.profile.save(result, at=ctx.clock.wall())
        ctx.go("/")

    controls: list[ft.Control] = [
        kit.body(_("The baby's birth date tells the app which day after birth it is, and what to expect on that day.")),
        kit.tagged(name, "field-mother_name"),
        kit.tagged(born, "field-baby_birth_date"),
        kit.note(_("Everything you record stays on this phone. The app never needs the internet."),
                 icon=ft.Icons.LOCK_OUTLINE),
    ]
    return kit.screen("/profile", _("Mother and baby"), controls, on_back=lambda e: ctx.go("/"),
                      bottom=[kit.primary_button(_("Save"), save, "profile-save", icon=ft.Icons.CHECK)])


@ft.component
def Profile() -> ft.View:  # STUB
    from app.ui.state import use_app as _ua
    app = _ua()
    return kit.screen("/profile", "Profile", [kit.primary_button("Next", lambda e: app.go("/session/run"), "next")], on_back=lambda e: app.back())
