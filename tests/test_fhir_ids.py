"""The health-record files of real stores, as a puskesmas would import them: two devices share no
resource id, a mother deleted and another added never get her ids, a FHIR server's transaction
(PUT by id, modelled in memory) imports the same file twice without a duplicate and takes a newer
file's edits in place, and file names say whose records and when."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from app.domain.clock import FakeClock
from app.domain.fhir import resources
from app.domain.profile import Profile
from app.domain.records import NewSession, SessionProgress, SessionStatus
from app.domain.report import DailyReport, Flow
from app.services.data import DataService, slug
from app.store.db import Store, open_store

BORN = date(2026, 11, 10)
T0 = datetime(2026, 11, 12, 1, 0, tzinfo=UTC)


class FhirServer:
    """What a FHIR server does with a transaction of PUTs (HAPI FHIR, spec 3.1.0.10.2): each entry
    creates the resource with that id, or replaces the one it has; all of it or none. References
    must resolve to a resource of the server."""

    def __init__(self) -> None:
        self.resources: dict[tuple[str, str], dict[str, Any]] = {}
        self.versions: dict[tuple[str, str], int] = {}

    def transaction(self, bundle: dict[str, Any]) -> None:
        assert bundle["resourceType"] == "Bundle" and bundle["type"] == "transaction"
        staged = dict(self.resources)
        for entry in bundle["entry"]:
            request, resource = entry["request"], entry["resource"]
            assert request["method"] == "PUT"
            kind, rid = request["url"].split("/")
            assert (kind, rid) == (resource["resourceType"], resource["id"])
            if staged.get((kind, rid)) != resource:  # an identical PUT is no new version
                self.versions[(kind, rid)] = self.versions.get((kind, rid), 0) + 1
            staged[(kind, rid)] = resource
        for resource in staged.values():
            for reference in _references(resource):
                assert tuple(reference.split("/")) in staged, reference
        self.resources = staged

    def count(self, kind: str) -> int:
        return sum(1 for k, _ in self.resources if k == kind)


def _references(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        if isinstance(node.get("reference"), str):
            yield node["reference"]
        for value in node.values():
            yield from _references(value)
    elif isinstance(node, list):
        for value in node:
            yield from _references(value)


def fill(store: Store, name: str, *, days: int = 3) -> None:
    """What a device holds of one mother: her details, reports (one with a fever), a massage."""
    store.profile.save(Profile(mother_name=name, baby_birth_date=BORN), at=T0)
    for n in range(1, days + 1):
        store.diary.save(
            DailyReport(
                day=BORN + timedelta(days=n), flow=Flow.WELL, fever=n == 2, temperature_c=38.5 if n == 2 else None
            ),
            at=T0,
        )
    sid = store.sessions.create(
        NewSession(started_at=T0, demo=False, round_s=240, rest_s=60, rounds_planned=3, snapshot={})
    )
    store.sessions.finish(
        sid,
        SessionStatus.COMPLETED,
        SessionProgress(at=T0 + timedelta(minutes=15), snapshot={}, rounds_done=3, massaged_s=720),
    )


def export(store: Store, clock: FakeClock | None = None, mothers: list | None = None) -> tuple[str, dict[str, Any]]:
    file = DataService(store, clock or FakeClock()).fhir_file(mothers)
    return file.name, json.loads(file.data)


def ids(bundle: dict[str, Any], *, own: bool = True) -> set[str]:
    """The ids of a file's resources; `own`: of the mothers' records only (not the Questionnaire
    and CodeSystems every file shares)."""
    return {r["id"] for r in resources(bundle) if not own or r["resourceType"] not in ("Questionnaire", "CodeSystem")}


@pytest.fixture
def devices(tmp_path: Path) -> Iterator[tuple[Store, Store]]:
    with open_store(tmp_path / "a" / "d.sqlite3") as a, open_store(tmp_path / "b" / "d.sqlite3") as b:
        yield a, b


def test_two_devices_share_no_resource_id(devices):
    a, b = devices
    fill(a, "Ibu Ani")
    fill(b, "Ibu Budi")  # the same days, the same massage time: only who she is differs
    _, first = export(a)
    _, second = export(b)
    assert len(ids(first)) == len(ids(second)) == 9  # her, 3 days x 2, a massage, a flag
    assert ids(first).isdisjoint(ids(second))
    assert ids(first, own=False) - ids(first) == ids(second, own=False) - ids(second)  # the shared definitions


def test_a_mother_deleted_and_another_added_never_get_her_ids(devices):
    a, _ = devices
    fill(a, "Ibu Ani")
    _, before = export(a)
    data = DataService(a, FakeClock())
    data.erase_mother(a.mother_id)  # her and everything of hers; a blank mother takes her place
    (new,) = a.mothers.list()
    fill(a.mother(new.id), "Ibu Citra")
    _, after = (
        DataService(a.mother(new.id), FakeClock()).fhir_file().name,
        json.loads(DataService(a.mother(new.id), FakeClock()).fhir_file().data),
    )
    assert len(ids(after)) == len(ids(before)) and ids(after).isdisjoint(ids(before))


def test_the_same_file_imported_twice_changes_nothing_and_a_newer_one_updates_in_place(devices):
    a, _ = devices
    fill(a, "Ibu Ani")
    server = FhirServer()
    _, first = export(a)
    server.transaction(first)
    counts = {kind: server.count(kind) for kind in ("Patient", "QuestionnaireResponse", "Procedure", "Flag")}
    assert counts == {"Patient": 1, "QuestionnaireResponse": 3, "Procedure": 1, "Flag": 1}
    stored = dict(server.resources)

    server.transaction(first)  # the same file again
    assert server.resources == stored and set(server.versions.values()) == {1}

    # A week later: one day edited, one day added, a new export of the same mother.
    a.diary.save(
        DailyReport(day=BORN + timedelta(days=1), flow=Flow.NOT_WELL, note="diubah"), at=T0 + timedelta(days=7)
    )
    a.diary.save(DailyReport(day=BORN + timedelta(days=4), flow=Flow.WELL), at=T0 + timedelta(days=7))
    clock = FakeClock()
    clock.advance(7 * 24 * 3600)
    _, later = export(a, clock)
    server.transaction(later)
    assert server.count("Patient") == 1 and server.count("QuestionnaireResponse") == 4  # no duplicate
    edited = [
        r
        for (kind, _), r in server.resources.items()
        if kind == "Observation" and r["effectiveDateTime"] == (BORN + timedelta(days=1)).isoformat()
    ]
    assert [o["valueCodeableConcept"]["coding"][0]["code"] for o in edited] == ["not_well"]


def test_one_file_for_every_mother_or_the_ones_picked(devices):
    a, _ = devices
    fill(a, "Ibu Ani")
    dewi = a.mother(a.mothers.add(at=T0))
    fill(dewi, "Dewi", days=1)
    citra = a.mother(a.mothers.add(at=T0))  # nothing known yet
    server = FhirServer()

    name, everyone = export(a)
    server.transaction(everyone)
    assert server.count("Patient") == 3
    assert "-fhir-semua-ibu-" in name

    name, picked = export(a, mothers=[dewi.mother_id])
    assert [p["name"][0]["text"] for p in resources(picked) if p["resourceType"] == "Patient"] == ["Dewi"]
    assert ids(picked) <= ids(everyone)  # the same records, the same ids, in any file
    server.transaction(picked)
    assert server.count("Patient") == 3
    assert "-fhir-dewi-" in name
    assert "-fhir-ibu-3-" in export(a, mothers=[citra.mother_id])[0]  # no nickname yet: her number


def test_file_names_say_whose_and_when_and_are_safe_for_any_file_system(devices):
    a, _ = devices
    fill(a, "Ibu Ani")
    file = DataService(a, FakeClock(), tz=timezone(timedelta(hours=7))).fhir_file()
    # One mother on the device: her name, not "every mother"; the time on the device's clock (WIB).
    assert file.name == "pijat-oksitosin-fhir-ibu-ani-2026-11-22-1300.json"
    assert json.loads(file.data)["timestamp"] == "2026-11-22T13:00:00+07:00"


@pytest.mark.parametrize(
    ("nickname", "part"),
    [
        ("Ibu Siti Ñurhayati", "ibu-siti-nurhayati"),
        ("../../etc/passwd", "etc-passwd"),
        ('Ani: "mama" <3> | ? *', "ani-mama-3"),
        ("   ", ""),
        ("Ratna Dewi Kusumawardhani Putri", "ratna-dewi-kusumawardhan"),
        ("宋美龄", ""),
    ],
)
def test_a_nickname_in_a_file_name_is_plain_letters_digits_and_dashes(nickname, part):
    assert slug(nickname) == part
