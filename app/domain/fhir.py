"""One mother's diary as a FHIR R4 Bundle (JSON), for a midwife's records (SATUSEHAT speaks R4).

What goes in, and nothing more:
- Patient: only what the family entered (a nickname); no identity numbers, no address.
- Questionnaire: the daily report form, with stable linkIds (the report's field names, and
  `signs.<code>` / `mother_signs.<code>` for the checklists) and the answer codes of its choices.
- QuestionnaireResponse: one per daily report, answering that Questionnaire (answered items only:
  a question she skipped is absent, never a "no").
- Observation LOINC 63895-7 "Breastfeeding status": one per report, the day's flow rating.
- Procedure: one per real massage (demonstrations are never exported), with its time, duration
  and outcome (completed: every planned round done; ended early, also when rounds were skipped;
  stopped because it hurt), the outcome's text saying how many rounds were done; "not-done" when
  nothing was massaged.
- Flag: each red flag of a report (DOMAIN section 3), on its day; `active` while the app still
  shows it as open on the export day (reported in the last days and not answered "no" since),
  on the newest day it was reported; `inactive` otherwise.

Codes the app defines itself live in CodeSystems under CANONICAL (flow, red flags, session
outcome); their English displays are for a clinician's screen. Every id is derived from the
record it stands for, so exporting the same data twice gives the same Bundle.

Built as plain dicts: the tests validate every resource with the `fhir.resources` models (R4B,
whose Patient, Questionnaire(Response), Observation, Procedure, Flag and Bundle are R4's), so the
app does not carry that package at run time.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import Any

from app.domain.postpartum import postpartum_day_or_none
from app.domain.records import SessionRecord, SessionStatus
from app.domain.redflags import RULES, RedFlag, evaluate, recent_flags
from app.domain.report import BABY_SIGNS, MOTHER_SIGNS, OPTIONAL_QUESTIONS, SIGNS, DailyReport, Flow

CANONICAL = "https://pijatoksitosin.id/fhir"
QUESTIONNAIRE_URL = f"{CANONICAL}/Questionnaire/daily-report"
QUESTIONNAIRE_VERSION = "1"
FLOW_SYSTEM = f"{CANONICAL}/CodeSystem/flow"
RED_FLAG_SYSTEM = f"{CANONICAL}/CodeSystem/red-flag"
OUTCOME_SYSTEM = f"{CANONICAL}/CodeSystem/session-outcome"
LOINC = "http://loinc.org"
BREASTFEEDING_STATUS = "63895-7"
# Namespace of the urn:uuid ids: stable across exports and installs.
_NAMESPACE = uuid.UUID("6f0d2b4e-3c1a-5e8f-9b7d-2a4c6e8f0a1b")

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
_PROCEDURE_STATUS = {
    SessionStatus.COMPLETED: "completed",
    SessionStatus.ENDED_EARLY: "stopped",
    SessionStatus.STOPPED_PAIN: "stopped",
    SessionStatus.IN_PROGRESS: "in-progress",
}
# The report's numbers and their FHIR answer types (the form's own names are the linkIds).
_INTEGERS = ("feeds_24h", "wet_diapers", "expressed_ml", "mood")
_BOOLEANS = ("breast_pain", "breast_redness", "breast_hard_swollen", "nipples_cracked", "fever")
_QUESTION_TEXT = {
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


@dataclass(frozen=True)
class MotherExport:
    """What one mother's export is made of. `key` tells mothers apart in the ids (her row id)."""

    key: str
    nickname: str | None
    birth_date: date | None
    reports: Sequence[DailyReport]
    sessions: Sequence[SessionRecord]


def _id(*parts: object) -> str:
    return str(uuid.uuid5(_NAMESPACE, "/".join(str(part) for part in parts)))


def _ref(resource_id: str) -> dict[str, str]:
    return {"reference": f"urn:uuid:{resource_id}"}


def _instant(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def _coding(system: str, code: str, display: str) -> dict[str, str]:
    return {"system": system, "code": code, "display": display}


def _flag_display(flag: RedFlag) -> str:
    return flag.value.replace("_", " ").capitalize()


def questionnaire() -> dict[str, Any]:
    """The daily report form as a Questionnaire (stable linkIds; one shared by every export)."""
    items: list[dict[str, Any]] = [
        {
            "linkId": "flow",
            "text": _QUESTION_TEXT["flow"],
            "type": "choice",
            "required": True,
            "answerOption": [{"valueCoding": _coding(FLOW_SYSTEM, f.value, FLOW_DISPLAY[f])} for f in Flow],
        },
        {
            "linkId": "signs",
            "text": "Signs of enough milk",
            "type": "group",
            "item": [
                {"linkId": f"signs.{sign.value}", "text": sign.value.replace("_", " "), "type": "boolean"}
                for sign in SIGNS
            ],
        },
        *({"linkId": name, "text": _QUESTION_TEXT[name], "type": "integer"} for name in _INTEGERS),
        {"linkId": "colostrum_first_seen", "text": _QUESTION_TEXT["colostrum_first_seen"], "type": "dateTime"},
        *({"linkId": name, "text": _QUESTION_TEXT[name], "type": "boolean"} for name in _BOOLEANS),
        {"linkId": "temperature_c", "text": _QUESTION_TEXT["temperature_c"], "type": "decimal"},
        *({"linkId": name, "text": _QUESTION_TEXT[name], "type": "boolean"} for name in OPTIONAL_QUESTIONS),
        {
            "linkId": "mother_signs",
            "text": "The mother's own danger signs",
            "type": "group",
            "item": [
                {"linkId": f"mother_signs.{sign.value}", "text": sign.value.replace("_", " "), "type": "boolean"}
                for sign in MOTHER_SIGNS
            ],
        },
        {
            "linkId": "baby_signs",
            "text": "The newborn's danger signs (Buku KIA)",
            "type": "group",
            "item": [
                {"linkId": f"baby_signs.{sign.value}", "text": sign.value.replace("_", " "), "type": "boolean"}
                for sign in BABY_SIGNS
            ],
        },
        {"linkId": "note", "text": _QUESTION_TEXT["note"], "type": "string"},
    ]
    return {
        "resourceType": "Questionnaire",
        "id": _id("questionnaire", QUESTIONNAIRE_VERSION),
        "url": QUESTIONNAIRE_URL,
        "version": QUESTIONNAIRE_VERSION,
        "name": "PijatOksitosinDailyReport",
        "title": "Daily milk-flow self-report (Pijat Oksitosin app)",
        "status": "active",
        "subjectType": ["Patient"],
        "item": items,
    }


def _answer_items(report: DailyReport, local_zone: tzinfo | None) -> list[dict[str, Any]]:
    flow = _coding(FLOW_SYSTEM, report.flow.value, FLOW_DISPLAY[report.flow])
    items: list[dict[str, Any]] = [{"linkId": "flow", "answer": [{"valueCoding": flow}]}]
    if report.signs:
        items.append(
            {
                "linkId": "signs",
                "item": [
                    {"linkId": f"signs.{sign.value}", "answer": [{"valueBoolean": answer}]}
                    for sign, answer in report.signs.items()
                ],
            }
        )
    for name in _INTEGERS:
        value = getattr(report, name)
        if value is not None:
            items.append({"linkId": name, "answer": [{"valueInteger": value}]})
    if report.colostrum_first_seen is not None:
        # Kept as the local time she entered; FHIR wants an offset with a time: the device's.
        seen = report.colostrum_first_seen
        if seen.tzinfo is None:
            seen = seen.replace(tzinfo=local_zone)
        items.append({"linkId": "colostrum_first_seen", "answer": [{"valueDateTime": _instant(seen)}]})
    for name in _BOOLEANS:
        items.append({"linkId": name, "answer": [{"valueBoolean": getattr(report, name)}]})
    if report.temperature_c is not None:
        items.append({"linkId": "temperature_c", "answer": [{"valueDecimal": report.temperature_c}]})
    for name in OPTIONAL_QUESTIONS:
        value = getattr(report, name)
        if value is not None:
            items.append({"linkId": name, "answer": [{"valueBoolean": value}]})
    if report.mother_signs:
        items.append(
            {
                "linkId": "mother_signs",
                "item": [
                    {"linkId": f"mother_signs.{sign.value}", "answer": [{"valueBoolean": answer}]}
                    for sign, answer in report.mother_signs.items()
                ],
            }
        )
    if report.baby_signs:
        items.append(
            {
                "linkId": "baby_signs",
                "item": [
                    {"linkId": f"baby_signs.{sign.value}", "answer": [{"valueBoolean": answer}]}
                    for sign, answer in report.baby_signs.items()
                ],
            }
        )
    if report.note:
        items.append({"linkId": "note", "answer": [{"valueString": report.note}]})
    return items


def _patient(mother: MotherExport) -> dict[str, Any]:
    patient: dict[str, Any] = {"resourceType": "Patient", "id": _id("patient", mother.key)}
    if mother.nickname:
        patient["name"] = [{"use": "nickname", "text": mother.nickname}]
    return patient


def _report_resources(
    mother: MotherExport, patient_id: str, report: DailyReport, local_zone: tzinfo | None
) -> list[dict[str, Any]]:
    day = report.day.isoformat()
    response_id = _id("report", mother.key, day)
    response = {
        "resourceType": "QuestionnaireResponse",
        "id": response_id,
        "questionnaire": f"{QUESTIONNAIRE_URL}|{QUESTIONNAIRE_VERSION}",
        "status": "completed",
        "subject": _ref(patient_id),
        "authored": day,
        "item": _answer_items(report, local_zone),
    }
    observation = {
        "resourceType": "Observation",
        "id": _id("breastfeeding", mother.key, day),
        "status": "final",
        "category": [
            {
                "coding": [
                    {
                        "system": "http://terminology.hl7.org/CodeSystem/observation-category",
                        "code": "survey",
                        "display": "Survey",
                    }
                ]
            }
        ],
        "code": {
            "coding": [_coding(LOINC, BREASTFEEDING_STATUS, "Breastfeeding status")],
            "text": "Breastfeeding status (mother's self-report)",
        },
        "subject": _ref(patient_id),
        "effectiveDateTime": day,
        "valueCodeableConcept": {
            "coding": [_coding(FLOW_SYSTEM, report.flow.value, FLOW_DISPLAY[report.flow])],
            "text": FLOW_DISPLAY[report.flow],
        },
        "derivedFrom": [_ref(response_id)],
    }
    return [response, observation]


def _procedure_status(session: SessionRecord) -> str:
    """FHIR's Procedure.status: "not-done" for a massage ended with nothing massaged (every round
    skipped at once: terminated before anything beyond preparation), else by how it ended."""
    if session.status is SessionStatus.ENDED_EARLY and session.massaged_s < 1:
        return "not-done"
    return _PROCEDURE_STATUS[session.status]


def _procedure(mother: MotherExport, patient_id: str, session: SessionRecord) -> dict[str, Any]:
    period: dict[str, str] = {"start": _instant(session.started_at)}
    if session.ended_at is not None:
        period["end"] = _instant(session.ended_at)
    minutes, seconds = divmod(round(session.massaged_s), 60)
    note = f"Massaged {minutes} min {seconds} s; {session.rounds_done} of {session.rounds_planned} rounds."
    if session.comfort is not None:
        note += f" Comfort {session.comfort} of 5."
    if session.letdown is not None:
        note += f" Let-down felt: {'yes' if session.letdown else 'no'}."
    procedure: dict[str, Any] = {
        "resourceType": "Procedure",
        "id": _id("session", mother.key, session.id),
        "status": _procedure_status(session),
        "code": {"text": "Oxytocin massage (pijat oksitosin) along both sides of the spine"},
        "subject": _ref(patient_id),
        "performedPeriod": period,
        "outcome": {
            "coding": [_coding(OUTCOME_SYSTEM, session.status.value, OUTCOME_DISPLAY[session.status])],
            "text": f"{OUTCOME_DISPLAY[session.status]}: {session.rounds_done} of {session.rounds_planned} rounds done",
        },
        "note": [{"text": note}],
    }
    if session.status is SessionStatus.STOPPED_PAIN:
        procedure["statusReason"] = {"text": OUTCOME_DISPLAY[session.status]}
    return procedure


def _flags(mother: MotherExport, patient_id: str, today: date) -> list[dict[str, Any]]:
    # Open as Today shows them: reported in the last days and not answered "no" since; the Flag
    # of the newest day a flag was reported is the active one.
    still_open = {(o.flag, o.last) for o in recent_flags(mother.reports, birth_date=mother.birth_date, today=today)}
    flags = []
    for report in sorted(mother.reports, key=lambda r: r.day):
        for flag in evaluate(report, postpartum_day=postpartum_day_or_none(mother.birth_date, report.day)):
            rule = RULES[flag]
            active = (flag, report.day) in still_open
            flags.append(
                {
                    "resourceType": "Flag",
                    "id": _id("flag", mother.key, report.day.isoformat(), flag.value),
                    "status": "active" if active else "inactive",
                    "category": [{"text": f"{rule.group.value} (urgency: {rule.urgency.value})"}],
                    "code": {
                        "coding": [_coding(RED_FLAG_SYSTEM, flag.value, _flag_display(flag))],
                        "text": _flag_display(flag),
                    },
                    "subject": _ref(patient_id),
                    "period": {"start": report.day.isoformat()},
                }
            )
    return flags


def bundle(mother: MotherExport, *, at: datetime) -> dict[str, Any]:
    """The Bundle (type collection) of one mother's data. `at` is the export time in the device's
    zone, whose offset also dates the local times she entered (colostrum first seen)."""
    patient = _patient(mother)
    resources: list[dict[str, Any]] = [patient, questionnaire()]
    for report in sorted(mother.reports, key=lambda r: r.day):
        resources.extend(_report_resources(mother, patient["id"], report, at.tzinfo))
    real = sorted((s for s in mother.sessions if not s.demo), key=lambda s: s.started_at)
    resources.extend(_procedure(mother, patient["id"], session) for session in real)
    resources.extend(_flags(mother, patient["id"], at.date()))
    return {
        "resourceType": "Bundle",
        "id": _id("bundle", mother.key, _instant(at)),
        "type": "collection",
        "timestamp": _instant(at),
        "entry": [{"fullUrl": f"urn:uuid:{resource['id']}", "resource": resource} for resource in resources],
    }


def resources(bundle_json: dict[str, Any]) -> Iterable[dict[str, Any]]:
    """The resources of a Bundle made by `bundle`, in order."""
    return (entry["resource"] for entry in bundle_json["entry"])
