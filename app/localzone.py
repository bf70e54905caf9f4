"""The device's time zone by its IANA name (e.g. "Asia/Jakarta"), for the reminders' calendar file.

Python knows the local offset (`datetime.now().astimezone()`) but not the zone's name, which a
VTIMEZONE needs. Asked in order: $TZ, /etc/timezone, the /etc/localtime link (Linux), Android's
`persist.sys.timezone` property; else, from the offset, one of Indonesia's three zones (the app's
audience; none has daylight saving time); else None, and the calendar file keeps floating times.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Mapping
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

# WIB, WITA, WIT.
INDONESIA_BY_OFFSET = {
    timedelta(hours=7): "Asia/Jakarta",
    timedelta(hours=8): "Asia/Makassar",
    timedelta(hours=9): "Asia/Jayapura",
}


def _valid(name: str | None) -> str | None:
    name = (name or "").strip().lstrip(":")
    if not name or name.startswith("/") or ".." in name:
        return None
    try:
        ZoneInfo(name)
    except (ValueError, OSError, KeyError):
        return None
    return name


def _from_link(link: Path) -> str | None:
    try:
        target = str(link.resolve())
    except OSError:
        return None
    _, found, name = target.partition("/zoneinfo/")
    return _valid(name) if found else None


def _android_property() -> str | None:
    getprop = shutil.which("getprop") or ("/system/bin/getprop" if Path("/system/bin/getprop").exists() else None)
    if getprop is None:
        return None
    try:
        done = subprocess.run([getprop, "persist.sys.timezone"], capture_output=True, text=True, timeout=2)
    except (OSError, subprocess.SubprocessError):
        return None
    return _valid(done.stdout)


def zone_name(now: datetime, *, environ: Mapping[str, str] | None = None, etc: Path = Path("/etc")) -> str | None:
    """The IANA name of the zone `now` (an aware local time) is in, or None when unknown."""
    env = os.environ if environ is None else environ
    named = _valid(env.get("TZ"))
    if named is None:
        try:
            named = _valid((etc / "timezone").read_text(encoding="utf-8"))
        except OSError:
            named = None
    named = named or _from_link(etc / "localtime") or _android_property()
    offset = now.utcoffset()
    if named is not None and offset is not None and now.astimezone(ZoneInfo(named)).utcoffset() == offset:
        return named
    return INDONESIA_BY_OFFSET.get(offset) if offset is not None else None
