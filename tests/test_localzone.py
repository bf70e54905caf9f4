"""The device zone's IANA name for the calendar file: from $TZ, /etc, or Indonesia's offsets."""

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from app import localzone
from app.localzone import zone_name

WIB = datetime(2026, 11, 22, 7, 0, tzinfo=timezone(timedelta(hours=7)))


@pytest.fixture(autouse=True)
def no_android(monkeypatch):
    monkeypatch.setattr(localzone, "_android_property", lambda: None)


@pytest.mark.parametrize(
    "env, now, name",
    [
        ({"TZ": "Asia/Jakarta"}, WIB, "Asia/Jakarta"),  # $TZ names it
        ({"TZ": ":Asia/Makassar"}, WIB.astimezone(timezone(timedelta(hours=8))), "Asia/Makassar"),  # glibc's ':' form
        ({"TZ": "Europe/Berlin"}, WIB, "Asia/Jakarta"),  # a name that contradicts the clock's offset: the offset wins
        ({"TZ": "../../etc/passwd"}, WIB, "Asia/Jakarta"),  # never a path
        ({}, datetime(2026, 11, 22, 7, 0, tzinfo=timezone(timedelta(hours=9))), "Asia/Jayapura"),  # WIT by offset
        ({}, datetime(2026, 11, 22, 7, 0, tzinfo=timezone(timedelta(hours=3))), None),  # unknown: floating times
    ],
)
def test_zone_name(env, now, name, tmp_path):
    assert zone_name(now, environ=env, etc=tmp_path) == name


def test_the_localtime_link_names_the_zone(tmp_path: Path):
    (tmp_path / "localtime").symlink_to("/usr/share/zoneinfo/Asia/Jakarta")
    assert zone_name(WIB, environ={}, etc=tmp_path) == "Asia/Jakarta"


def test_etc_timezone_names_the_zone(tmp_path: Path):
    (tmp_path / "timezone").write_text("Asia/Makassar\n")
    assert zone_name(WIB.astimezone(timezone(timedelta(hours=8))), environ={}, etc=tmp_path) == "Asia/Makassar"
