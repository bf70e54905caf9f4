"""The device zone's IANA name for the calendar file: the system's (tzlocal), checked against the
clock's offset, else one of Indonesia's zones by the offset."""

import subprocess
import sys
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfoNotFoundError

import pytest
import tzlocal

from app.localzone import zone_name
from tests.app_server import ROOT

WIB = datetime(2026, 11, 22, 7, 0, tzinfo=timezone(timedelta(hours=7)))
WITA = WIB.astimezone(timezone(timedelta(hours=8)))


@pytest.mark.parametrize(
    "system, now, name",
    [
        ("Asia/Jakarta", WIB, "Asia/Jakarta"),  # the system names it
        ("Asia/Makassar", WITA, "Asia/Makassar"),
        ("Europe/Berlin", WIB, "Asia/Jakarta"),  # a name that contradicts the clock's offset: the offset wins
        ("../../etc/passwd", WIB, "Asia/Jakarta"),  # never a path
        ("Not/AZone", WIB, "Asia/Jakarta"),  # not a zone
        (None, datetime(2026, 11, 22, 7, 0, tzinfo=timezone(timedelta(hours=9))), "Asia/Jayapura"),  # WIT by offset
        (None, datetime(2026, 11, 22, 7, 0, tzinfo=timezone(timedelta(hours=3))), None),  # unknown: floating times
    ],
)
def test_zone_name(system, now, name, monkeypatch):
    monkeypatch.setattr(tzlocal, "get_localzone_name", lambda: system)
    assert zone_name(now) == name


def test_conflicting_system_settings_fall_back_to_the_offset(monkeypatch):
    def conflicting() -> str:
        raise ZoneInfoNotFoundError("Multiple conflicting time zone configurations found")

    monkeypatch.setattr(tzlocal, "get_localzone_name", conflicting)
    assert zone_name(WITA) == "Asia/Makassar"


@pytest.mark.parametrize("tz, name", [("Europe/Berlin", "Europe/Berlin"), (":America/Sao_Paulo", "America/Sao_Paulo")])
def test_the_zone_named_in_tz_is_found_by_a_fresh_process(tz, name):
    """As the app starts: a new process, its TZ set (glibc's ':' form too), tzlocal's own lookup. Zones
    outside Indonesia: the offset alone could never name them."""
    code = (
        "from datetime import datetime; from app.localzone import zone_name; "
        "print(zone_name(datetime.now().astimezone()))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env={"TZ": tz}, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == name
