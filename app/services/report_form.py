"""The report form as text fields (what the boxes hold, drafts included) and back: the form's
field names, a saved report as fields, the fields as the domain's raw input, and the domain's
errors under the form's names. Pure functions, no store: DiaryService uses them.

Yes/no answers are "yes", "no" or "" (not answered, never read as a no); ticked boxes "true" or
"false"; a time of day H:MM, HH:MM or HH.MM. `go_now_in_form`: the GO NOW flags its danger
answers raise before Save.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, time
from typing import Any

from pydantic import ValidationError

from app.domain.redflags import RULES, RedFlag, Urgency, evaluate
from app.domain.report import BABY_SIGNS, MOTHER_SIGNS, OPTIONAL_QUESTIONS, SIGNS, DailyReport
from app.services.form_text import number_text

NUMBER_FIELDS = ("feeds_24h", "wet_diapers", "expressed_ml")
BODY_FLAGS = ("breast_pain", "breast_redness", "breast_hard_swollen", "nipples_cracked", "fever")
_TIME = re.compile(r"\s*(\d{1,2})[:.](\d{2})\s*")

Fields = dict[str, str]


def parse_time(text: str) -> time | None:
    """A clock time typed as H:MM, HH:MM or HH.MM; None for anything else."""
    match = _TIME.fullmatch(text or "")
    if not match:
        return None
    hour, minute = int(match[1]), int(match[2])
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


def draft_key(day: date) -> str:
    return f"report:{day.isoformat()}"


def mother_key(code: str) -> str:
    """The form field of one of the mother's own danger signs."""
    return f"mother:{code}"


def baby_key(code: str) -> str:
    """The form field (a ticked box) of one of the newborn's danger signs."""
    return f"baby:{code}"


def _yes_no(answer: bool | None) -> str:
    return "" if answer is None else ("yes" if answer else "no")


def _answer(text: str | None) -> bool | None:
    """A yes/no field's text as the domain's answer: "" (not answered) is None, never a no."""
    return {"yes": True, "no": False}.get(text or "")


def empty_fields() -> Fields:
    f: Fields = {"flow": "", "note": "", "mood": "", "temperature_c": "", "colostrum_time": ""}
    f.update({name: "" for name in NUMBER_FIELDS})
    f.update({name: "false" for name in BODY_FLAGS})
    f.update({f"sign:{sign.value}": "" for sign in SIGNS})
    f.update({name: "" for name in OPTIONAL_QUESTIONS})  # yes / no / "" (not answered)
    f.update({mother_key(sign.value): "" for sign in MOTHER_SIGNS})  # yes / no / ""
    f.update({baby_key(sign.value): "false" for sign in BABY_SIGNS})  # ticked or not
    return f


def fields_from_report(report: DailyReport | None, decimal: str = ".") -> Fields:
    """The form's text fields for a saved report (or an empty form); a decimal written with
    `decimal`, her language's mark (see form_text)."""
    f = empty_fields()
    if report is None:
        return f
    f["flow"] = report.flow.value
    for sign, answer in report.signs.items():
        f[f"sign:{sign.value}"] = "yes" if answer else "no"
    for name in NUMBER_FIELDS:
        f[name] = number_text(getattr(report, name))
    for name in BODY_FLAGS:
        f[name] = "true" if getattr(report, name) else "false"
    for name in OPTIONAL_QUESTIONS:
        f[name] = _yes_no(getattr(report, name))
    for code, answer in report.mother_signs.items():
        f[mother_key(code.value)] = _yes_no(answer)
    for baby_sign, ticked in report.baby_signs.items():
        f[baby_key(baby_sign.value)] = "true" if ticked else "false"
    f["temperature_c"] = number_text(report.temperature_c, decimal)
    if report.mood is not None:
        f["mood"] = str(report.mood)
    if report.colostrum_first_seen is not None:
        f["colostrum_time"] = report.colostrum_first_seen.strftime("%H:%M")
    f["note"] = report.note
    return f


def raw_report(fields: Mapping[str, str], day: date) -> dict[str, Any]:
    """The form's text as the domain's raw input (the time of colostrum becomes that day's time)."""
    signs = {
        key.split(":", 1)[1]: fields[key] == "yes"
        for key in fields
        if key.startswith("sign:") and fields[key] in ("yes", "no")
    }
    seen = fields.get("colostrum_time", "").strip()
    match = _TIME.fullmatch(seen)
    if match:
        seen = f"{day.isoformat()}T{int(match[1]):02d}:{match[2]}"
    raw: dict[str, Any] = {
        "day": day.isoformat(),
        "flow": fields.get("flow", ""),
        "signs": signs,
        "colostrum_first_seen": seen,
        "note": fields.get("note", ""),
    }
    for name in (*NUMBER_FIELDS, "temperature_c", "mood", *BODY_FLAGS):
        raw[name] = fields.get(name, "")
    for name in OPTIONAL_QUESTIONS:
        raw[name] = _answer(fields.get(name))
    mother = {sign.value: _answer(fields.get(mother_key(sign.value))) for sign in MOTHER_SIGNS}
    raw["mother_signs"] = {code: answer for code, answer in mother.items() if answer is not None}
    # The newborn's danger signs count only under a "yes" to "any of these?": a "no" clears them.
    ticked = {sign.value: True for sign in BABY_SIGNS if fields.get(baby_key(sign.value)) == "true"}
    raw["baby_signs"] = ticked if raw.get("baby_danger") is True else {}
    return raw


_DANGER_FIELDS = ("mother_signs", "baby_danger", "baby_signs", "baby_yellow")


def go_now_in_form(fields: Mapping[str, str], day: date, postpartum_day: int | None) -> list[RedFlag]:
    """The GO NOW flags the form's danger answers raise so far, before Save: the form says at once
    what to do, whatever else is still blank or wrong."""
    raw = raw_report(fields, day)
    try:
        report = DailyReport.model_validate({"day": day, "flow": "well", **{k: raw[k] for k in _DANGER_FIELDS}})
    except ValidationError:
        return []
    return [flag for flag in evaluate(report, postpartum_day=postpartum_day) if RULES[flag].urgency is Urgency.GO_NOW]


def form_errors(errors: Mapping[str, str]) -> dict[str, str]:
    """The domain's errors keyed by the form's field names (colostrum is typed as a time)."""
    return {("colostrum_time" if name == "colostrum_first_seen" else name): code for name, code in errors.items()}
