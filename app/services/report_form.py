"""The report form as text fields (what the boxes hold, drafts included) and back: the form's
field names, a saved report as fields, the fields as the domain's raw input, and the domain's
errors under the form's names. Pure functions, no store: DiaryService uses them.

Yes/no answers are "yes", "no" or "" (not answered, never read as a no); ticked boxes "true" or
"false"; a time of day H:MM, HH:MM or HH.MM.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, time
from typing import Any

from app.domain.report import MOTHER_SIGNS, OPTIONAL_QUESTIONS, SIGNS, DailyReport

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
    return f


def fields_from_report(report: DailyReport | None) -> Fields:
    """The form's text fields for a saved report (or an empty form)."""
    f = empty_fields()
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
    for name in OPTIONAL_QUESTIONS:
        f[name] = _yes_no(getattr(report, name))
    for code, answer in report.mother_signs.items():
        f[mother_key(code.value)] = _yes_no(answer)
    if report.temperature_c is not None:
        f["temperature_c"] = str(report.temperature_c)
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
    return raw


def form_errors(errors: Mapping[str, str]) -> dict[str, str]:
    """The domain's errors keyed by the form's field names (colostrum is typed as a time)."""
    return {("colostrum_time" if name == "colostrum_first_seen" else name): code for name, code in errors.items()}
