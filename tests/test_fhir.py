"""The FHIR R4 export of one mother: every resource validates with the `fhir.resources` models,
breastfeeding status carries LOINC 63895-7, and the export says only what she entered."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.flag import Flag
from fhir.resources.R4B.observation import Observation
from fhir.resources.R4B.patient import Patient
from fhir.resources.R4B.procedure import Procedure
from fhir.resources.R4B.questionnaire import Questionnaire
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse

from app.domain.fhir import BREASTFEEDING_STATUS, LOINC, MotherExport, bundle, questionnaire, resources
from app.domain.records import SessionRecord, SessionStatus
from app.domain.report import DailyReport, validate_report

WIB = timezone(timedelta(hours=7))
BORN = date(2026, 11, 10)
MODELS = {
    "Patient": Patient,
    "Questionnaire": Questionnaire,
    "QuestionnaireResponse": QuestionnaireResponse,
    "Observation": Observation,
    "Procedure": Procedure,
    "Flag": Flag,
}


def report(day: date, **fields: object) -> DailyReport:
    made, errors = validate_report({"day": day, **fields}, today=date(2026, 11, 30), birth_date=BORN)
    assert made is not None, errors
    return made


def session(sid: int, start: datetime, status: SessionStatus, *, demo: bool = False) -> SessionRecord:
    return SessionRecord(
        id=sid,
        uuid=uuid.uuid5(uuid.NAMESPACE_URL, f"session/{sid}"),
        started_at=start,
        updated_at=start + timedelta(minutes=12),
        ended_at=start + timedelta(minutes=12),
        demo=demo,
        round_s=180,
        rest_s=60,
        rounds_planned=3,
        build="slim_normal",
        technique="thumbs",
        status=status,
        snapshot={},
        rounds_done=3 if status is SessionStatus.COMPLETED else 1,
        massaged_s=540.0 if status is SessionStatus.COMPLETED else 95.5,
        comfort=4,
        letdown=True,
    )


def week() -> MotherExport:
    reports = [
        report(
            BORN + timedelta(days=1),
            flow="not_yet",
            feeds_24h="9",
            colostrum_first_seen="2026-11-11T05:30",
            signs={"feeds_8_to_12": True, "nipple_pain_worse": False},
        ),
        report(
            BORN + timedelta(days=2), flow="not_well", feeds_24h="7", wet_diapers="2", note="Lelah, tapi bayi tenang"
        ),
        report(
            BORN + timedelta(days=3),
            flow="not_well",
            breast_redness=True,
            breast_pain=True,
            fever=True,
            temperature_c="38,6",
            mood="2",
        ),
        report(
            BORN + timedelta(days=4),
            flow="well",
            feeds_24h="10",
            wet_diapers="5",
            expressed_ml="40",
            mother_signs={"heavy_bleeding": False},
            dark_urine=False,
        ),
        report(
            BORN + timedelta(days=6), flow="well", feeds_24h="11", wet_diapers="7", fever=True, temperature_c="38.4"
        ),
    ]
    start = datetime(2026, 11, 12, 7, 0, tzinfo=UTC)
    sessions = [
        session(1, start, SessionStatus.COMPLETED),
        session(2, start + timedelta(hours=12), SessionStatus.STOPPED_PAIN),
        session(3, start + timedelta(days=1), SessionStatus.ENDED_EARLY),
        session(4, start + timedelta(days=2), SessionStatus.COMPLETED, demo=True),
    ]
    return MotherExport(key="1", nickname="Ibu Siti Ñurhayati", birth_date=BORN, reports=reports, sessions=sessions)


AT = datetime(2026, 11, 17, 9, 0, tzinfo=WIB)


def test_every_resource_and_the_bundle_validate_with_the_r4_models():
    made = bundle(week(), at=AT)
    Bundle.model_validate(made)
    kinds = []
    for resource in resources(made):
        MODELS[resource["resourceType"]].model_validate(resource)
        kinds.append(resource["resourceType"])
    # 5 reports -> 5 responses + 5 observations; 3 real sessions (the demonstration is not exported).
    assert kinds.count("QuestionnaireResponse") == 5
    assert kinds.count("Observation") == 5
    assert kinds.count("Procedure") == 3
    assert kinds.count("Patient") == kinds.count("Questionnaire") == 1
    assert kinds.count("Flag") >= 2  # mastitis signs on day 3, fever on day 6


def test_breastfeeding_status_is_loinc_63895_7_with_the_days_flow():
    made = bundle(week(), at=AT)
    observations = [r for r in resources(made) if r["resourceType"] == "Observation"]
    assert {c["system"] + "|" + c["code"] for o in observations for c in o["code"]["coding"]} == {
        f"{LOINC}|{BREASTFEEDING_STATUS}"
    }
    flows = [o["valueCodeableConcept"]["coding"][0]["code"] for o in observations]
    assert flows == ["not_yet", "not_well", "not_well", "well", "well"]


def test_responses_answer_the_questionnaires_link_ids_and_only_answered_questions():
    made = bundle(week(), at=AT)
    form = questionnaire()
    link_ids = {item["linkId"] for item in form["item"]} | {
        sub["linkId"] for item in form["item"] for sub in item.get("item", [])
    }
    responses = [r for r in resources(made) if r["resourceType"] == "QuestionnaireResponse"]
    for response in responses:
        assert response["questionnaire"].startswith(form["url"])
        for item in response["item"]:
            assert item["linkId"] in link_ids
            for sub in item.get("item", []):
                assert sub["linkId"] in link_ids
    first = {item["linkId"]: item for item in responses[0]["item"]}
    assert "wet_diapers" not in first  # not answered: absent, never a "no"
    assert first["colostrum_first_seen"]["answer"][0]["valueDateTime"] == "2026-11-11T05:30:00+07:00"
    third = {item["linkId"]: item for item in responses[2]["item"]}
    assert third["temperature_c"]["answer"][0]["valueDecimal"] == pytest.approx(38.6)
    assert {"linkId": "note", "answer": [{"valueString": "Lelah, tapi bayi tenang"}]} in responses[1]["item"]


def test_procedures_carry_time_duration_and_outcome():
    made = bundle(week(), at=AT)
    procedures = [r for r in resources(made) if r["resourceType"] == "Procedure"]
    assert [p["status"] for p in procedures] == ["completed", "stopped", "stopped"]
    assert procedures[1]["statusReason"]["text"] == "Stopped because it hurt"
    assert procedures[0]["performedPeriod"] == {
        "start": "2026-11-12T07:00:00+00:00",
        "end": "2026-11-12T07:12:00+00:00",
    }
    assert "Massaged 9 min 0 s; 3 of 3 rounds." in procedures[0]["note"][0]["text"]


def test_flags_are_on_their_day_and_only_the_newest_reports_are_active():
    made = bundle(week(), at=AT)
    flags = [r for r in resources(made) if r["resourceType"] == "Flag"]
    by_day = {(f["period"]["start"], f["code"]["coding"][0]["code"]): f["status"] for f in flags}
    day2, day3, day6 = ((BORN + timedelta(days=n)).isoformat() for n in (2, 3, 6))
    # 7 feeds on day 2 (fewer than 8), mastitis signs on day 3, fever again on the newest day.
    assert by_day == {(day2, "few_feeds"): "inactive", (day3, "mastitis"): "inactive", (day6, "fever"): "active"}


def test_the_patient_holds_only_her_nickname_and_the_export_is_stable():
    data = week()
    made = bundle(data, at=AT)
    patient = next(iter(resources(made)))
    name = [{"use": "nickname", "text": "Ibu Siti Ñurhayati"}]
    assert patient == {"resourceType": "Patient", "id": patient["id"], "name": name}
    assert json.dumps(bundle(data, at=AT), sort_keys=True) == json.dumps(made, sort_keys=True)
    nameless = bundle(MotherExport(key="2", nickname=None, birth_date=None, reports=[], sessions=[]), at=AT)
    Bundle.model_validate(nameless)
    assert "name" not in next(iter(resources(nameless)))
