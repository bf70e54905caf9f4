"""The device's time zone by its IANA name (e.g. "Asia/Jakarta"), for the reminders' calendar file.

Python knows the local offset (`datetime.now().astimezone()`) but not the zone's name, which a
VTIMEZONE needs. tzlocal finds it: $TZ first, then on Android (the packaged app, which has no
/etc/localtime) the `persist.sys.timezone` property through /system/bin/getprop, on Linux
/etc/timezone and the /etc/localtime link, on Windows the registry. A name that does not match
the clock's offset now (a wrong setting, or a phone that changed zone since tzlocal looked) is
not used; then, from the offset, one of Indonesia's three zones (the app's audience; none has
daylight saving time); else None, and the calendar file keeps floating times.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import tzlocal

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


def _system_zone() -> str | None:
    try:
        return _valid(tzlocal.get_localzone_name())
    except (ZoneInfoNotFoundError, ValueError, OSError):  # e.g. two settings that disagree
        return None


def zone_name(now: datetime) -> str | None:
    """The IANA name of the zone `now` (an aware local time) is in, or None when unknown."""
    named = _system_zone()
    offset = now.utcoffset()
    if named is not None and offset is not None and now.astimezone(ZoneInfo(named)).utcoffset() == offset:
        return named
    return INDONESIA_BY_OFFSET.get(offset) if offset is not None else None
