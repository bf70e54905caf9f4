"""The definitions every FHIR export shares: the daily report form as a Questionnaire, and the app's
own codes as CodeSystems, so a server that imports a file has every code and every question its
answers point at (see fhir.py for the records).

Their ids are fixed UUIDs (a definition has no record of its own): importing them again with the
same version changes nothing. A new question or code means a new QUESTIONNAIRE_VERSION or
TERMS_VERSION, so a server keeps what older files answered.
"""

from __future__ import annotations

import uuid
from enum import StrEnum
from html import escape
from typing import Any

from app.domain.records import SessionStatus
from app.domain.redflags import RULES, RedFlag
from app.domain.report import BABY_SIGNS, MOTHER_SIGNS, OPTIONAL_QUESTIONS, SIGNS, Flow

CANONICAL = "https://pijatoksitosin.id/fhir"
# The identifier system of a mother: her UUID, the same on every device and in every export.
MOTHER_ID_SYSTEM = f"{CANONICAL}/sid/mother"
QUESTIONNAIRE_URL = f"{CANONICAL}/Questionnaire/daily-report"
QUESTIONNAIRE_VERSION = "2"
TERMS_VERSION = "1"
FLOW_SYSTEM = f"{CANONICAL}/CodeSystem/flow"
RED_FLAG_SYSTEM = f"{CANONICAL}/CodeSystem/red-flag"
OUTCOME_SYSTEM = f"{CANONICAL}/CodeSystem/session-outcome"
# Namespace of every resource id (uuid5): stable across exports and installs.
NAMESPACE = uuid.UUID("6f0d2b4e-3c1a-5e8f-9b7d-2a4c6e8f0a1b")
XHTML = "http://www.w3.org/1999/xhtml"

FLOW_DISPLAY = {
    Flow.WELL: "Milk flowing well (ASI lancar)",
    Flow.NOT_WELL: "Milk not flowing well (ASI kurang lancar)",
    Flow.NOT_YET: "Milk not coming out yet (ASI belum keluar)",
}
OUTCOME_DISPLAY = {
    SessionStatus.COMPLETED: "All planned rounds done",
    SessionStatus.ENDED_EARLY: "Ended early by the family",
    SessionStatus.STOPPED_PAIN: "Stopped because it hurt",
    SessionStatus.IN_PROGRESS: "Not finished",
}
# The report's checklists, each a group of yes/no items "<group>.<code>": its text and its codes.
SIGN_GROUPS: dict[str, tuple[str, tuple[StrEnum, ...]]] = {
    "signs": ("Signs of enough milk", SIGNS),
    "mother_signs": ("The mother's own danger signs", MOTHER_SIGNS),
    "baby_signs": ("The newborn's danger signs (Buku KIA)", BABY_SIGNS),
}
# The report's numbers and their FHIR answer types (the form's own names are the linkIds).
INTEGERS = ("feeds_24h", "wet_diapers", "expressed_ml", "mood")
BOOLEANS = ("breast_pain", "breast_redness", "breast_hard_swollen", "nipples_cracked", "fever")
QUESTION_TEXT = {
    "flow": "How did the milk flow today?",
    "feeds_24h": "Feeds in 24 hours",
    "wet_diapers": "Wet diapers today",
    "expressed_ml": "Milk expressed today (ml, the day's total)",
    "colostrum_first_seen": "Colostrum first seen",
    "breast_pain": "Breast pain",
    "breast_redness": "Breast redness",
    "breast_hard_swollen": "Breast hard or swollen",
    "nipples_cracked": "Nipples cracked or bleeding",
    "fever": "Fever",
    "temperature_c": "Temperature (degrees C)",
    "mood": "Mood / stress (1 = very stressed, 5 = calm)",
    "note": "Note",
    "baby_danger": "Any of the newborn's danger signs (Buku KIA)",
    "baby_yellow": "Baby's skin or eyes yellow",
    "baby_sleepy_yellow": "Baby very sleepy or yellow",
    "dark_urine": "Baby's urine dark",
    "black_stools": "Baby's stools still black",
    "breast_very_painful": "A breast very painful",
    "flu_like": "Feeling ill as with flu",
    "nipple_pain": "Nipple pain today",
}


def resource_id(*parts: object) -> str:
    """A resource id: uuid5 of its parts (a record's own UUID among them), so the same record
    exports under the same id every time and no other record, mother or device shares it."""
    return str(uuid.uuid5(NAMESPACE, "/".join(str(part) for part in parts)))


def coding(system: str, code: str, display: str) -> dict[str, str]:
    return {"system": system, "code": code, "display": display}


def narrative(*lines: str) -> dict[str, str]:
    """The short human-readable text every resource carries (generated from its data)."""
    body = "".join(f"<p>{escape(line)}</p>" for line in lines if line)
    return {"status": "generated", "div": f'<div xmlns="{XHTML}">{body}</div>'}


def spoken(code: str) -> str:
    """A code as words for a clinician's screen ("heavy_bleeding" -> "Heavy bleeding")."""
    return code.replace("_", " ").capitalize()


def question_text(name: str) -> str:
    return QUESTION_TEXT.get(name) or spoken(name)


def link_ids() -> set[str]:
    """Every linkId of the Questionnaire (answers must name one of these)."""
    found: set[str] = set()
    stack = list(questionnaire()["item"])
    while stack:
        item = stack.pop()
        found.add(item["linkId"])
        stack.extend(item.get("item", []))
    return found


def questionnaire() -> dict[str, Any]:
    """The daily report form as a Questionnaire (stable linkIds; one shared by every export)."""
    items: list[dict[str, Any]] = [
        {
            "linkId": "flow",
            "text": question_text("flow"),
            "type": "choice",
            "required": True,
            "answerOption": [{"valueCoding": coding(FLOW_SYSTEM, f.value, FLOW_DISPLAY[f])} for f in Flow],
        },
        *({"linkId": name, "text": question_text(name), "type": "integer"} for name in INTEGERS),
        {"linkId": "colostrum_first_seen", "text": question_text("colostrum_first_seen"), "type": "dateTime"},
        *({"linkId": name, "text": question_text(name), "type": "boolean"} for name in BOOLEANS),
        {"linkId": "temperature_c", "text": question_text("temperature_c"), "type": "decimal"},
        *({"linkId": name, "text": question_text(name), "type": "boolean"} for name in OPTIONAL_QUESTIONS),
        *(
            {
                "linkId": group,
                "text": text,
                "type": "group",
                "item": [
                    {"linkId": f"{group}.{code.value}", "text": spoken(code.value), "type": "boolean"} for code in codes
                ],
            }
            for group, (text, codes) in SIGN_GROUPS.items()
        ),
        {"linkId": "note", "text": question_text("note"), "type": "string"},
    ]
    return {
        "resourceType": "Questionnaire",
        "id": resource_id("Questionnaire", QUESTIONNAIRE_URL, QUESTIONNAIRE_VERSION),
        "text": narrative("Daily milk-flow self-report of the Pijat Oksitosin app (the mother's own answers)."),
        "url": QUESTIONNAIRE_URL,
        "version": QUESTIONNAIRE_VERSION,
        "name": "PijatOksitosinDailyReport",
        "title": "Daily milk-flow self-report (Pijat Oksitosin app)",
        "status": "active",
        "subjectType": ["Patient"],
        "item": items,
    }


def _code_system(url: str, name: str, title: str, concepts: dict[str, str]) -> dict[str, Any]:
    return {
        "resourceType": "CodeSystem",
        "id": resource_id("CodeSystem", url, TERMS_VERSION),
        "text": narrative(f"{title}: " + "; ".join(f"{code} = {display}" for code, display in concepts.items())),
        "url": url,
        "version": TERMS_VERSION,
        "name": name,
        "title": title,
        "status": "active",
        "content": "complete",
        "caseSensitive": True,
        "count": len(concepts),
        "concept": [{"code": code, "display": display} for code, display in concepts.items()],
    }


def code_systems() -> list[dict[str, Any]]:
    """The app's own codes, each in the CodeSystem its codings name."""
    return [
        _code_system(
            FLOW_SYSTEM, "PijatOksitosinFlow", "Milk flow (mother's self-report)",
            {flow.value: FLOW_DISPLAY[flow] for flow in Flow},
        ),
        _code_system(
            RED_FLAG_SYSTEM, "PijatOksitosinRedFlag", "Danger signs the app tells the family to act on",
            {flag.value: spoken(flag.value) for flag in RedFlag if flag in RULES},
        ),
        _code_system(
            OUTCOME_SYSTEM, "PijatOksitosinSessionOutcome", "How an oxytocin massage ended",
            {status.value: OUTCOME_DISPLAY[status] for status in SessionStatus},
        ),
    ]  # fmt: skip
