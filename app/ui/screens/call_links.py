"""Her phone and her family's as call links: on her card in the mothers list and on the visit. A tap
asks the phone to dial (a `tel:` URI, as the GO NOW card's 119); the number is shown as she typed it,
so the midwife recognises it."""

from __future__ import annotations

from typing import Any

import flet as ft

from app.domain.mothers import Mother
from app.domain.profile import tel_uri
from app.i18n import _
from app.ui import kit
from app.ui.screens.flag_labels import dial


def _link(text: str, label: str, tel: str, identifier: str) -> ft.Control:
    async def call(e: Any) -> None:
        await dial(tel)

    button = ft.TextButton(
        content=ft.Text(text, size=16, weight=ft.FontWeight.W_600),
        icon=ft.Icons.PHONE,
        on_click=call,
        height=kit.MIN_TARGET,
        style=ft.ButtonStyle(padding=ft.Padding.symmetric(horizontal=8)),
    )
    return ft.Semantics(content=button, identifier=identifier, label=label, button=True, container=True)


def call_links(mother: Mother, name: str, *, suffix: str = "") -> list[ft.Control]:
    """A link per saved number (none when nothing is saved): "Mother: 0813 1111 2222" calls her,
    "Family: ..." her husband or family. `name` goes into what a screen reader says."""
    numbers = (
        ("mother", mother.mother_phone, _("Mother: %(phone)s"), _("Call %(name)s, %(phone)s")),
        ("family", mother.family_phone, _("Family: %(phone)s"), _("Call %(name)s's family, %(phone)s")),
    )
    links = [
        _link(shown % {"phone": phone}, said % {"name": name, "phone": phone}, tel_uri(phone), f"call-{who}{suffix}")
        for who, phone, shown, said in numbers
        if phone
    ]
    if not links:
        return []
    return [ft.Row(links, spacing=0, wrap=True, run_spacing=0)]
