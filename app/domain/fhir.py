"""Mothers' diaries as one FHIR R4 transaction Bundle (JSON) that a puskesmas imports into its FHIR
server (SATUSEHAT speaks R4; docs/fhir-import.md says how).

What goes in, and nothing more, for each mother chosen:
- Patient: her identity (`identifier`: the app's system and her UUID) and only what the family
  entered (a nickname); no identity numbers, no address.
- QuestionnaireResponse: one per daily report, answering the shared Questionnaire (answered
  items only: a question she skipped is absent, never a "no"). A sign saved under a code the app
  no longer asks (`signs.nipple_pain_not_worse`) is given as the question that replaced it, its
  answer turned the same way round, or left out when she answered both.
- Observation LOINC 63895-7 "Breastfeeding status": one per report, the day's flow rating.
- Procedure: one per real massage (demonstrations are never exported), with its time, duration
  and outcome (completed: every planned round done; ended early, also when rounds were skipped;
  stopped because it hurt), the outcome's text saying how many rounds were done; "not-done" when
  nothing was massaged.
- Flag: each red flag of a report (DOMAIN section 3), on its day; `active` while the app still
  shows it as open on the export day (reported in the last days and not answered "no" since),
  on the newest day it was reported; `inactive` otherwise.
Once per file: the Questionnaire and the app's CodeSystems (fhir_terms.py).

Every id is a UUID derived from the record's own identity: the mother's UUID (her Patient, and a
report or flag by her and its day, their key) or the massage's UUID. The same record exports
under the same id from any device, and no other mother's or device's record shares it. Each entry
is `PUT <Type>/<id>`: importing the same file twice changes nothing, and a newer file updates what
an older one brought. References are `<Type>/<id>`, so they hold inside the transaction and after.
Every resource carries a short generated narrative; times carry the device's offset (+07:00 in
WIB), never bare UTC.

Built as plain dicts: the tests validate every resource with the `fhir.resources` models (R4B,
whose versions of these resources are R4's), so the app does not carry that package at run time.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import Any
from uuid import UUID

from app.domain.fhir_terms import (
    BOOLEANS,
    FLOW_DISPLAY,
    FLOW_SYSTEM,
    INTEGERS,
    MOTHER_ID_SYSTEM,
    OUTCOME_DISPLAY,
    OUTCOME_SYSTEM,
    QUESTIONNAIRE_URL,
    QUESTIONNAIRE_VERSION,
    RED_FLAG_SYSTEM,
    SIGN_GROUPS,
    code_systems,
    coding,
    narrative,
    question_text,
    questionnaire,
    resource_id,
    spoken,
)
from app.domain.postpartum import postpartum_day_or_none
from app.domain.records import SessionRecord, SessionStatus
from app.domain.redflags import RULES, evaluate, recent_flags
from app.domain.report import LEGACY_SIGNS, OPTIONAL_QUESTIONS, SIGNS, DailyReport, Sign

LOINC = "http://loinc.org"
BREASTFEEDING_STATUS = "63895-7"
_PROCEDURE_STATUS = {
    SessionStatus.COMPLETED: "completed",
    SessionStatus.ENDED_EARLY: "stopped",
    SessionStatus.STOPPED_PAIN: "stopped",
    SessionStatus.IN_PROGRESS: "in-progress",
}


@dataclass(frozen=True)
class MotherExport:
    """What one mother's part of an export is made of; `mother_id` is her UUID."""

    mother_id: UUID
    nickname: str | None
    birth_date: date | None
    reports: Sequence[DailyReport]
    sessions: Sequence[SessionRecord]


def _ref(resource: dict[str, Any]) -> dict[str, str]:
    return {"reference": f"{resource['resourceType']}/{resource['id']}"}


def _instant(moment: datetime, zone: tzinfo | None) -> str:
    """An instant in the device's zone, with its offset (2026-11-20T08:00:00+07:00)."""
    return moment.astimezone(zone).isoformat(timespec="seconds")


def asked_signs(report: DailyReport) -> dict[Sign, bool]:
    """The checklist's answers as the Questionnaire asks them: a retired code in its question's
    place with the answer turned to that question's sense, unless she answered that one too."""
    answers = {sign: answer for sign, answer in report.signs.items() if sign in SIGNS}
    for old, new in LEGACY_SIGNS.items():
        if old in report.signs and new not in answers:
            answers[new] = not report.signs[old]  # "not worse: yes" is "worse: no"
    return {sign: answers[sign] for sign in SIGNS if sign in answers}


def _answer_items(report: DailyReport, zone: tzinfo | None) -> list[dict[str, Any]]:
    """Her answers, in the Questionnaire's order; a question she did not answer is absent."""
    flow = coding(FLOW_SYSTEM, report.flow.value, FLOW_DISPLAY[report.flow])
    items: list[dict[str, Any]] = [{"linkId": "flow", "answer": [{"valueCoding": flow}]}]
    for name in INTEGERS:
        value = getattr(report, name)
        if value is not None:
            items.append({"linkId": name, "answer": [{"valueInteger": value}]})
    if report.colostrum_first_seen is not None:
        # Kept as the local time she entered; FHIR wants an offset with a time: the device's.
        seen = report.colostrum_first_seen
        if seen.tzinfo is None:
            seen = seen.replace(tzinfo=zone) if zone is not None else seen.astimezone()
        items.append({"linkId": "colostrum_first_seen", "answer": [{"valueDateTime": _instant(seen, zone)}]})
    for name in BOOLEANS:
        items.append({"linkId": name, "answer": [{"valueBoolean": getattr(report, name)}]})
    if report.temperature_c is not None:
        items.append({"linkId": "temperature_c", "answer": [{"valueDecimal": report.temperature_c}]})
    for name in OPTIONAL_QUESTIONS:
        value = getattr(report, name)
        if value is not None:
            items.append({"linkId": name, "answer": [{"valueBoolean": value}]})
    for group in SIGN_GROUPS:
        answers = asked_signs(report) if group == "signs" else getattr(report, group)
        if answers:
            items.append(
                {
                    "linkId": group,
                    "item": [
                        {"linkId": f"{group}.{code.value}", "answer": [{"valueBoolean": answer}]}
                        for code, answer in answers.items()
                    ],
                }
            )
    if report.note:
        items.append({"linkId": "note", "answer": [{"valueString": report.note}]})
    return items


def _patient(mother: MotherExport) -> dict[str, Any]:
    shown = mother.nickname or "(no nickname entered)"
    patient: dict[str, Any] = {
        "resourceType": "Patient",
        "id": resource_id("Patient", mother.mother_id),
        "text": narrative(f"Mother: {shown}. Identifier {mother.mother_id} (Pijat Oksitosin app)."),
        "identifier": [{"use": "secondary", "system": MOTHER_ID_SYSTEM, "value": str(mother.mother_id)}],
    }
    if mother.nickname:
        patient["name"] = [{"use": "nickname", "text": mother.nickname}]
    return patient


def _report_resources(
    mother: MotherExport, patient: dict[str, Any], report: DailyReport, zone: tzinfo | None
) -> list[dict[str, Any]]:
    day = report.day.isoformat()
    flow = FLOW_DISPLAY[report.flow]
    response = {
        "resourceType": "QuestionnaireResponse",
        "id": resource_id("QuestionnaireResponse", mother.mother_id, day),
        "text": narrative(
            f"Daily report of {day}: {flow}.", f"Signs of enough milk: {report.signs_score} of {len(SIGNS)}."
        ),
        "questionnaire": f"{QUESTIONNAIRE_URL}|{QUESTIONNAIRE_VERSION}",
        "status": "completed",
        "subject": _ref(patient),
        "authored": day,
        "item": _answer_items(report, zone),
    }
    observation = {
        "resourceType": "Observation",
        "id": resource_id("Observation", "breastfeeding-status", mother.mother_id, day),
        "text": narrative(f"Breastfeeding status on {day} (mother's self-report): {flow}."),
        "status": "final",
        "category": [
            {
                "coding": [
                    coding("http://terminology.hl7.org/CodeSystem/observation-category", "survey", "Survey"),
                ]
            }
        ],
        "code": {
            "coding": [coding(LOINC, BREASTFEEDING_STATUS, "Breastfeeding status")],
            "text": "Breastfeeding status (mother's self-report)",
        },
        "subject": _ref(patient),
        "effectiveDateTime": day,
        "valueCodeableConcept": {"coding": [coding(FLOW_SYSTEM, report.flow.value, flow)], "text": flow},
        "derivedFrom": [_ref(response)],
    }
    return [response, observation]


def _procedure_status(session: SessionRecord) -> str:
    """FHIR's Procedure.status: "not-done" for a massage ended with nothing massaged (every round
    skipped at once: terminated before anything beyond preparation), else by how it ended."""
    if session.status is SessionStatus.ENDED_EARLY and session.massaged_s < 1:
        return "not-done"
    return _PROCEDURE_STATUS[session.status]


def _procedure(patient: dict[str, Any], session: SessionRecord, zone: tzinfo | None) -> dict[str, Any]:
    period: dict[str, str] = {"start": _instant(session.started_at, zone)}
    if session.ended_at is not None:
        period["end"] = _instant(session.ended_at, zone)
    minutes, seconds = divmod(round(session.massaged_s), 60)
    note = f"Massaged {minutes} min {seconds} s; {session.rounds_done} of {session.rounds_planned} rounds."
    if session.comfort is not None:
        note += f" Comfort {session.comfort} of 5."
    if session.letdown is not None:
        note += f" Let-down felt: {'yes' if session.letdown else 'no'}."
    outcome = OUTCOME_DISPLAY[session.status]
    procedure: dict[str, Any] = {
        "resourceType": "Procedure",
        "id": resource_id("Procedure", session.uuid),
        "text": narrative(f"Oxytocin massage on {period['start']}: {outcome}.", note),
        "identifier": [{"system": "urn:ietf:rfc:3986", "value": f"urn:uuid:{session.uuid}"}],
        "status": _procedure_status(session),
        "code": {"text": "Oxytocin massage (pijat oksitosin) along both sides of the spine"},
        "subject": _ref(patient),
        "performedPeriod": period,
        "outcome": {
            "coding": [coding(OUTCOME_SYSTEM, session.status.value, outcome)],
            "text": f"{outcome}: {session.rounds_done} of {session.rounds_planned} rounds done",
        },
        "note": [{"text": note}],
    }
    if session.status is SessionStatus.STOPPED_PAIN:
        procedure["statusReason"] = {"text": outcome}
    return procedure


def _flags(mother: MotherExport, patient: dict[str, Any], today: date) -> list[dict[str, Any]]:
    # Open as Today shows them: reported in the last days and not answered "no" since; the Flag
    # of the newest day a flag was reported is the active one.
    still_open = {(o.flag, o.last) for o in recent_flags(mother.reports, birth_date=mother.birth_date, today=today)}
    flags = []
    for report in sorted(mother.reports, key=lambda r: r.day):
        for flag in evaluate(report, postpartum_day=postpartum_day_or_none(mother.birth_date, report.day)):
            rule = RULES[flag]
            active = (flag, report.day) in still_open
            day = report.day.isoformat()
            flags.append(
                {
                    "resourceType": "Flag",
                    "id": resource_id("Flag", mother.mother_id, day, flag.value),
                    "text": narrative(
                        f"Danger sign reported on {day}: {spoken(flag.value)} "
                        f"({'still open' if active else 'no longer open'}; urgency: {spoken(rule.urgency.value)})."
                    ),
                    "status": "active" if active else "inactive",
                    "category": [{"text": f"{rule.group.value} (urgency: {rule.urgency.value})"}],
                    "code": {
                        "coding": [coding(RED_FLAG_SYSTEM, flag.value, spoken(flag.value))],
                        "text": spoken(flag.value),
                    },
                    "subject": _ref(patient),
                    "period": {"start": day},
                }
            )
    return flags


def mother_resources(mother: MotherExport, *, at: datetime) -> list[dict[str, Any]]:
    """One mother's resources: her Patient first, then her reports, massages and flags."""
    zone = at.tzinfo
    patient = _patient(mother)
    resources: list[dict[str, Any]] = [patient]
    for report in sorted(mother.reports, key=lambda r: r.day):
        resources.extend(_report_resources(mother, patient, report, zone))
    real = sorted((s for s in mother.sessions if not s.demo), key=lambda s: s.started_at)
    resources.extend(_procedure(patient, session, zone) for session in real)
    resources.extend(_flags(mother, patient, at.date()))
    return resources


def bundle(mothers: Sequence[MotherExport], *, at: datetime) -> dict[str, Any]:
    """The transaction Bundle of these mothers' data. `at` is the export time in the device's
    zone: its offset dates every time in the file (and the local times she entered)."""
    resources = [*code_systems(), questionnaire()]
    for mother in mothers:
        resources.extend(mother_resources(mother, at=at))
    stamp = _instant(at, at.tzinfo)
    return {
        "resourceType": "Bundle",
        "id": resource_id("Bundle", stamp, *sorted(str(m.mother_id) for m in mothers)),
        "type": "transaction",
        "timestamp": stamp,
        "entry": [
            {
                "fullUrl": f"urn:uuid:{resource['id']}",
                "resource": resource,
                "request": {"method": "PUT", "url": f"{resource['resourceType']}/{resource['id']}"},
            }
            for resource in resources
        ],
    }


def resources(bundle_json: dict[str, Any]) -> Iterable[dict[str, Any]]:
    """The resources of a Bundle made by `bundle`, in order."""
    return (entry["resource"] for entry in bundle_json["entry"])


__all__ = ["BREASTFEEDING_STATUS", "LOINC", "MotherExport", "asked_signs", "bundle", "question_text", "resources"]
