"""The FHIR R4 export, the records of one mother's week: every resource validates with the
`fhir.resources` models, breastfeeding status carries LOINC 63895-7, the export says only what she
entered, every answer names a question of the Questionnaire in the file, and every code a
CodeSystem in the file. The ids, the transaction and the files on real stores: test_fhir_ids.py."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import pytest
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.codesystem import CodeSystem
from fhir.resources.R4B.flag import Flag
from fhir.resources.R4B.observation import Observation
from fhir.resources.R4B.patient import Patient
from fhir.resources.R4B.procedure import Procedure
from fhir.resources.R4B.questionnaire import Questionnaire
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse

from app.domain.fhir import BREASTFEEDING_STATUS, LOINC, MotherExport, bundle, resources
from app.domain.fhir_terms import MOTHER_ID_SYSTEM, code_systems, link_ids, questionnaire
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
    "CodeSystem": CodeSystem,
}
SITI = uuid.UUID("4f1c2d3e-5a6b-4c7d-8e9f-0a1b2c3d4e5f")


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
    return MotherExport(
        mother_id=SITI, nickname="Ibu Siti Ñurhayati", birth_date=BORN, reports=reports, sessions=sessions
    )


AT = datetime(2026, 11, 17, 9, 0, tzinfo=WIB)


def of(made: dict, kind: str) -> list[dict]:
    return [r for r in resources(made) if r["resourceType"] == kind]


def test_every_resource_and_the_bundle_validate_with_the_r4_models():
    made = bundle([week()], at=AT)
    Bundle.model_validate(made)
    kinds = []
    for resource in resources(made):
        model: Any = MODELS[resource["resourceType"]]
        model.model_validate(resource)
        kinds.append(resource["resourceType"])
    # 5 reports -> 5 responses + 5 observations; 3 real sessions (the demonstration is not exported).
    assert kinds.count("QuestionnaireResponse") == 5
    assert kinds.count("Observation") == 5
    assert kinds.count("Procedure") == 3
    assert kinds.count("Patient") == kinds.count("Questionnaire") == 1
    assert kinds.count("CodeSystem") == 3
    assert kinds.count("Flag") >= 2  # mastitis signs on day 3, fever on day 6


def test_every_resource_has_a_short_generated_narrative():
    for resource in resources(bundle([week()], at=AT)):
        text = resource["text"]
        assert text["status"] == "generated", resource["resourceType"]
        assert text["div"].startswith('<div xmlns="http://www.w3.org/1999/xhtml"><p>')
        assert 20 < len(text["div"]) < 2000
    patient = of(bundle([week()], at=AT), "Patient")[0]
    assert "Ibu Siti Ñurhayati" in patient["text"]["div"]
    hostile = week().__class__(SITI, "<b>Siti</b> & co", BORN, [], [])
    assert "&lt;b&gt;Siti&lt;/b&gt; &amp; co" in of(bundle([hostile], at=AT), "Patient")[0]["text"]["div"]


def test_breastfeeding_status_is_loinc_63895_7_with_the_days_flow():
    observations = of(bundle([week()], at=AT), "Observation")
    assert {c["system"] + "|" + c["code"] for o in observations for c in o["code"]["coding"]} == {
        f"{LOINC}|{BREASTFEEDING_STATUS}"
    }
    flows = [o["valueCodeableConcept"]["coding"][0]["code"] for o in observations]
    assert flows == ["not_yet", "not_well", "not_well", "well", "well"]


def test_responses_answer_the_questionnaires_link_ids_and_only_answered_questions():
    made = bundle([week()], at=AT)
    form = of(made, "Questionnaire")[0]
    assert form == questionnaire()
    responses = of(made, "QuestionnaireResponse")
    for response in responses:
        assert response["questionnaire"] == f"{form['url']}|{form['version']}"
        assert answered(response) <= link_ids()
    first = {item["linkId"]: item for item in responses[0]["item"]}
    assert "wet_diapers" not in first  # not answered: absent, never a "no"
    assert first["colostrum_first_seen"]["answer"][0]["valueDateTime"] == "2026-11-11T05:30:00+07:00"
    third = {item["linkId"]: item for item in responses[2]["item"]}
    assert third["temperature_c"]["answer"][0]["valueDecimal"] == pytest.approx(38.6)
    assert {"linkId": "note", "answer": [{"valueString": "Lelah, tapi bayi tenang"}]} in responses[1]["item"]


def answered(response: dict) -> set[str]:
    found, stack = set(), list(response["item"])
    while stack:
        item = stack.pop()
        found.add(item["linkId"])
        stack.extend(item.get("item", []))
    return found


def signs_of(report: DailyReport) -> dict[str, bool]:
    made = bundle([MotherExport(SITI, None, BORN, [report], [])], at=AT)
    (response,) = of(made, "QuestionnaireResponse")
    (group,) = [item for item in response["item"] if item["linkId"] == "signs"] or [{"item": []}]
    assert answered(response) <= link_ids()
    return {sub["linkId"]: sub["answer"][0]["valueBoolean"] for sub in group["item"]}


@pytest.mark.parametrize(
    ("signs", "exported"),
    [
        ({"nipple_pain_not_worse": True}, {"signs.nipple_pain_worse": False}),  # "not worse: yes" = "worse: no"
        ({"nipple_pain_not_worse": False}, {"signs.nipple_pain_worse": True}),
        # Both answered (a report edited after the question changed): the question asked now stands.
        ({"nipple_pain_not_worse": True, "nipple_pain_worse": True}, {"signs.nipple_pain_worse": True}),
        ({"feeds_8_to_12": True}, {"signs.feeds_8_to_12": True}),
    ],
)
def test_a_retired_sign_code_is_exported_as_the_question_that_replaced_it(signs, exported):
    # Read back as a stored report is (no validation context: the retired code is kept).
    report = DailyReport.model_validate({"day": BORN + timedelta(days=2), "flow": "well", "signs": signs})
    assert signs_of(report) == exported
    assert "signs.nipple_pain_not_worse" not in link_ids()


def test_every_code_of_the_apps_own_is_in_a_codesystem_of_the_file():
    made = bundle([week()], at=AT)
    systems = {cs["url"]: {c["code"] for c in cs["concept"]} for cs in of(made, "CodeSystem")}
    assert systems == {cs["url"]: {c["code"] for c in cs["concept"]} for cs in code_systems()}
    used: list[dict] = []
    stack: list = [r for r in resources(made) if r["resourceType"] != "CodeSystem"]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if "system" in node and "code" in node:
                used.append(node)
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    ours = [c for c in used if c["system"].startswith("https://pijatoksitosin.id/")]
    assert ours and all(c["code"] in systems[c["system"]] for c in ours)
    others = {c["system"] for c in used} - set(systems)
    assert others == {LOINC, "http://terminology.hl7.org/CodeSystem/observation-category"}


def test_procedures_carry_time_duration_and_outcome_in_the_devices_offset():
    procedures = of(bundle([week()], at=AT), "Procedure")
    assert [p["status"] for p in procedures] == ["completed", "stopped", "stopped"]
    assert procedures[1]["statusReason"]["text"] == "Stopped because it hurt"
    assert procedures[0]["performedPeriod"] == {  # 07:00 UTC is 14:00 in WIB
        "start": "2026-11-12T14:00:00+07:00",
        "end": "2026-11-12T14:12:00+07:00",
    }
    assert "Massaged 9 min 0 s; 3 of 3 rounds." in procedures[0]["note"][0]["text"]
    assert bundle([week()], at=AT)["timestamp"] == "2026-11-17T09:00:00+07:00"


def test_flags_are_on_their_day_and_only_the_newest_reports_are_active():
    flags = of(bundle([week()], at=AT), "Flag")
    by_day = {(f["period"]["start"], f["code"]["coding"][0]["code"]): f["status"] for f in flags}
    day2, day3, day6 = ((BORN + timedelta(days=n)).isoformat() for n in (2, 3, 6))
    # 7 feeds on day 2 (fewer than 8), mastitis signs on day 3, fever again on the newest day.
    assert by_day == {(day2, "few_feeds"): "inactive", (day3, "mastitis"): "inactive", (day6, "fever"): "active"}


def test_the_patient_holds_her_identity_and_only_her_nickname_and_the_export_is_stable():
    data = week()
    made = bundle([data], at=AT)
    patient = of(made, "Patient")[0]
    assert patient["identifier"] == [{"use": "secondary", "system": MOTHER_ID_SYSTEM, "value": str(SITI)}]
    assert patient["name"] == [{"use": "nickname", "text": "Ibu Siti Ñurhayati"}]
    assert set(patient) == {"resourceType", "id", "text", "identifier", "name"}  # no address, no number
    assert json.dumps(bundle([data], at=AT), sort_keys=True) == json.dumps(made, sort_keys=True)
    nameless = bundle([MotherExport(uuid.uuid4(), None, None, [], [])], at=AT)
    Bundle.model_validate(nameless)
    assert "name" not in of(nameless, "Patient")[0]


def test_one_file_holds_several_mothers_and_the_shared_definitions_once():
    other = MotherExport(uuid.uuid4(), "Dewi", BORN, week().reports[:2], [])
    made = bundle([week(), other], at=AT)
    Bundle.model_validate(made)
    assert len(of(made, "Patient")) == 2
    assert len(of(made, "Questionnaire")) == 1 and len(of(made, "CodeSystem")) == 3
    assert len(of(made, "QuestionnaireResponse")) == 7
    urls = [entry["fullUrl"] for entry in made["entry"]]
    assert len(urls) == len(set(urls))  # no resource twice, not even two mothers' same day
