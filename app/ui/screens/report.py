"""The daily report form (/report, /report?day=YYYY-MM-DD): flow, the 8 signs, numbers, breast and
body, mood, note. Every change is kept as a draft (store.drafts, "report:<day>") so a closed app
keeps a half-filled report; Save validates in the domain and shows each error beside its field."""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import parse_qs, urlparse

import flet as ft

from app.domain.report import SIGNS, DailyReport, validate_report
from app.domain.postpartum import first_days
from app.i18n import _, format_date
from app.ui import kit
from typing import Any as AppContext
from app.ui.screens.diary_labels import (FLOWS, SIGN_LABELS, birth_date, error_text, pp_day, pp_day_text, t,
                                         today, wet_diaper_expectation)

NUMBER_FIELDS = ("feeds_24h", "wet_diapers", "expressed_ml")
BODY_FLAGS = ("breast_pain", "breast_redness", "breast_hard_swollen", "nipples_cracked", "fever")
_TIME = re.compile(r"\s*(\d{1,2})[:.](\d{2})\s*")


def report_day(ctx: AppContext) -> date:
    """The day in the route's `?day=`, or today; never a future day, never an unreadable one."""
    now = today(ctx)
    values = parse_qs(urlparse(ctx.page.route or "/report").query).get("day")
    if values:
        try:
            day = date.fromisoformat(values[0])
        except ValueError:
            return now
        return min(day, now)
    return now


def draft_key(day: date) -> str:
    return f"report:{day.isoformat()}"


def fields_from_report(report: DailyReport | None) -> dict[str, str]:
    """The form's text fields for a saved report (or an empty form)."""
    f: dict[str, str] = {"flow": "", "note": "", "mood": "", "temperature_c": "", "colostrum_time": ""}
    for name in NUMBER_FIELDS:
        f[name] = ""
    for name in BODY_FLAGS:
        f[name] = "false"
    for sign in SIGNS:
        f[f"sign:{sign.value}"] = ""
    if report is None:
        return f
    f["flow"] = report.flow.value
    for sign, answer in report.signs.items():
        f[f"sign:{sign.value}"] = "yes" if answer else "no"
    for name in NUMBER_FIELDS:
        value = getattr(report, name)
        f[name] = "" if value is None else str(value)
    for name in BODY_FLAGS:
        f[name] = "true" if getattr(report, name) else "false"
    if report.temperature_c is not None:
        f["temperature_c"] = str(report.temperature_c)
    if report.mood is not None:
        f["mood"] = str(report.mood)
    if report.colostrum_first_seen is not None:
        f["colostrum_time"] = report.colostrum_first_seen.strftime("%H:%M")
    f["note"] = report.note
    return f


def raw_report(fields: dict[str, str], day: date) -> dict:
    """The form's text as the domain's raw input."""
    signs = {key.split(":", 1)[1]: fields[key] == "yes" for key in fields
             if key.startswith("sign:") and fields[key] in ("yes", "no")}
    seen = fields.get("colostrum_time", "").strip()
    match = _TIME.fullmatch(seen)
    if match:
        seen = f"{day.isoformat()}T{int(match[1]):02d}:{match[2]}"
    raw = {"day": day.isoformat(), "flow": fields.get("flow", ""), "signs": signs,
           "colostrum_first_seen": seen, "note": fields.get("note", "")}
    for name in (*NUMBER_FIELDS, "temperature_c", "mood", *BODY_FLAGS):
        raw[name] = fields.get(name, "")
    return raw


def build(ctx: AppContext) -> ft.View:
    day = report_day(ctx)
    key = draft_key(day)
    saved = ctx.store.diary.get(day)
    fields = fields_from_report(saved)
    draft = ctx.store.drafts.get(key)
    if draft:
        fields.update({k: v for k, v in draft.items() if isinstance(v, str)})
    n_day = pp_day(ctx, day)
    text_fields: dict[str, ft.TextField] = {}
    error_texts: dict[str, ft.Text] = {}

    def keep() -> None:
        ctx.store.drafts.put(key, dict(fields), at=ctx.clock.wall())

    def set_field(name: str, value: str) -> None:
        fields[name] = value
        keep()

    def live(make) -> ft.Container:
        """A part of the form that redraws itself in place (no scroll jump, typed text kept)."""
        box = ft.Container(content=make())

        def redraw() -> None:
            box.content = make()
            box.update()
        box.data = redraw
        return box

    def choose(name: str, box_ref: list):
        def on_select(value: str) -> None:
            set_field(name, value)
            for box in box_ref:
                box.data()
        return on_select

    def text_field(name: str, label: str, *, number: bool = False, helper: str | None = None,
                   multiline: bool = False, **kw) -> ft.Control:
        tf = ft.TextField(
            label=label, value=fields.get(name, ""), helper=helper, helper_max_lines=3, error_max_lines=3,
            keyboard_type=ft.KeyboardType.NUMBER if number else ft.KeyboardType.TEXT, text_size=16,
            multiline=multiline, min_lines=3 if multiline else None,
            on_change=lambda e, n=name: set_field(n, e.control.value or ""), **kw)
        text_fields[name] = tf
        return kit.tagged(tf, f"field-{name}")

    # -- flow ---------------------------------------------------------------------------------
    flow_error = ft.Text("", color=ft.Colors.ERROR, size=14, visible=False)
    error_texts["flow"] = flow_error
    flow_boxes: list = []
    flow_box = live(lambda: kit.choice_group([(code.value, t(FLOWS, code)) for code in FLOWS], fields["flow"] or None,
                                             choose("flow", flow_boxes), "flow", columns=1))
    flow_boxes.append(flow_box)

    # -- signs ----------------------------------------------------------------------------------

    def score_text() -> ft.Control:
        n = sum(1 for sign in SIGNS if fields.get(f"sign:{sign.value}") == "yes")
        return kit.tagged(ft.Text(_("%(n)d of %(total)d signs") % {"n": n, "total": len(SIGNS)}, size=18,
                                  weight=ft.FontWeight.BOLD, color=ft.Colors.PRIMARY), "signs-score")
    score_box = live(score_text)
    sign_rows: list[ft.Control] = []
    for sign in SIGNS:
        name = f"sign:{sign.value}"
        redraw: list = []  # this sign's buttons, then the score
        box = live(lambda name=name, sign=sign, redraw=redraw: kit.choice_group(
            [("yes", _("Yes")), ("no", _("No"))], fields.get(name) or None, choose(name, redraw),
            f"sign-{sign.value}"))
        redraw += [box, score_box]
        sign_rows.append(ft.Column([kit.body(t(SIGN_LABELS, sign)), box], spacing=6))

    # -- body -----------------------------------------------------------------------------------
    body_labels = {
        "breast_pain": _("Breast pain"),
        "breast_redness": _("A breast is red or hot"),
        "breast_hard_swollen": _("A breast is hard or swollen"),
        "nipples_cracked": _("Nipples cracked or bleeding"),
        "fever": _("Fever"),
    }
    checks = [kit.check_item(label, fields.get(name) == "true",
                             lambda value, n=name: set_field(n, "true" if value else "false"), f"field-{name}")
              for name, label in body_labels.items()]

    mood_boxes: list = []
    mood_box = live(lambda: kit.choice_group([(str(i), str(i)) for i in range(1, 6)], fields.get("mood") or None,
                                             choose("mood", mood_boxes), "field-mood"))
    mood_boxes.append(mood_box)

    def save(e) -> None:
        report, errors = validate_report(raw_report(fields, day), today=today(ctx), birth_date=birth_date(ctx))
        for name, tf in text_fields.items():
            code = errors.get("colostrum_first_seen" if name == "colostrum_time" else name)
            tf.error = error_text(code)
        flow_error.value = error_text(errors.get("flow")) or ""
        flow_error.visible = "flow" in errors
        others = [code for name, code in errors.items()
                  if name not in text_fields and name not in ("flow", "colostrum_first_seen")]
        form_error.value = error_text(others[0]) if others else ""
        form_error.visible = bool(others)
        if report is None:
            ctx.page.update()
            return
        ctx.store.diary.save(report, at=ctx.clock.wall())
        ctx.store.drafts.clear(key)
        ctx.go("/")

    form_error = ft.Text("", color=ft.Colors.ERROR, size=15, visible=False)
    title_day = pp_day_text(n_day) if n_day else format_date(day)
    controls: list[ft.Control] = [
        kit.tagged(ft.Column([kit.heading(title_day, 20), kit.body(format_date(day, "full"),
                                                                   color=ft.Colors.ON_SURFACE_VARIANT)], spacing=2),
                   "report-day"),
        kit.heading(_("How is your milk flowing today?"), 18), flow_box, flow_error,
        ft.Divider(),
        kit.heading(_("Signs of enough milk"), 18),
        kit.body(_("Answer yes or no for each sign."), color=ft.Colors.ON_SURFACE_VARIANT),
        score_box, *sign_rows,
        ft.Divider(),
        kit.heading(_("Numbers (optional)"), 18),
        text_field("feeds_24h", _("Feeds in 24 hours"), number=True,
                   helper=_("A baby getting enough milk feeds 8-12 times in 24 hours.")),
        text_field("wet_diapers", _("Wet diapers today"), number=True,
                   helper=wet_diaper_expectation(n_day) if n_day else None),
        text_field("expressed_ml", _("Expressed milk (ml per day)"), number=True,
                   helper=_("To measure: empty the breast, wait 2 hours, then express into a measuring cup.")),
    ]
    if n_day is None or first_days(n_day):
        controls.append(text_field("colostrum_time", _("Time colostrum or milk was first seen (HH:MM)"),
                                   helper=_("Only in the first days after birth.")))
    controls += [
        ft.Divider(),
        kit.heading(_("Breasts and body"), 18),
        *checks,
        text_field("temperature_c", _("Temperature in °C, if measured"), number=True),
        ft.Divider(),
        kit.heading(_("Mood today (1 = very stressed, 5 = calm)"), 18),
        mood_box,
        kit.body(_("Stress can block the let-down of milk."), size=14, color=ft.Colors.ON_SURFACE_VARIANT),
        text_field("note", _("Note (optional)"), multiline=True),
        form_error,
    ]
    return kit.screen("/report", _("Daily report"), controls, on_back=lambda e: ctx.go("/"),
                      bottom=[kit.primary_button(_("Save"), save, "report-save", icon=ft.Icons.CHECK)])


@ft.component
def Report() -> ft.View:  # STUB
    from app.ui.state import use_app as _ua
    app = _ua()
    return kit.screen("/report", "Report", [kit.primary_button("Next", lambda e: app.go("/session/run"), "next")], on_back=lambda e: app.back())
