"""Morning and evening massage reminders as an iCalendar file (RFC 5545) for the phone's calendar.

DOMAIN section 2: "How often: morning and evening ... The app suggests morning and evening
sessions." The app is offline and cannot ring on its own when closed; the phone's calendar can.

Times are floating local times (RFC 5545 3.3.5, form #1: no "Z", no TZID). A reminder at 07:00
should ring at 07:00 wherever the phone is, in whatever zone it is set to; the phone's calendar
applies its own zone. A TZID would need a VTIMEZONE block we would have to keep right, and a
UTC time would ring at the wrong hour after travel or a zone change. `tz_name`, when given, is
only written as X-WR-TIMEZONE, the hint some calendars (Google's web import) use to place
floating times in the user's zone instead of the account's.

UIDs are fixed per reminder ("morning"/"evening"), so importing a new file with changed times
updates the two events instead of adding two more.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time

CRLF = "\r\n"
MAX_OCTETS = 75  # RFC 5545 3.1: lines SHOULD NOT be longer than 75 octets, excluding CRLF
PRODID = "-//Pijat Oksitosin//Reminders//EN"
DURATION = "PT15M"  # DOMAIN section 2: seed 001 "twice a day ... 15 minutes"


def escape_text(value: str) -> str:
    """RFC 5545 3.3.11 TEXT: backslash, semicolon, comma escaped; any newline becomes \\n.

    Other control characters are not allowed in TEXT and are dropped.
    """
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    out = []
    for char in value:
        if char == "\\":
            out.append("\\\\")
        elif char in ";,":
            out.append("\\" + char)
        elif char == "\n":
            out.append("\\n")
        elif char == "\t" or not (ord(char) < 0x20 or ord(char) == 0x7F):
            out.append(char)
    return "".join(out)


def fold(line: str) -> str:
    """Split a content line into chunks of at most 75 octets (RFC 5545 3.1), joined by CRLF and
    a space; never inside a UTF-8 multi-byte character."""
    chunks: list[str] = []
    current: list[str] = []
    size = 0
    limit = MAX_OCTETS
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            chunks.append("".join(current))
            current, size = [], 0
            limit = MAX_OCTETS - 1  # the leading space of a continuation line counts
        current.append(char)
        size += width
    chunks.append("".join(current))
    return (CRLF + " ").join(chunks)


def _local(day: date, at: time) -> str:
    if at.tzinfo is not None:
        raise ValueError("reminder times are floating local times; pass a naive time")
    return datetime.combine(day, at.replace(microsecond=0)).strftime("%Y%m%dT%H%M%S")


def _event(
    name: str, day: date, at: time, *, summary: str, description: str, uid_domain: str, stamp: str
) -> list[str]:
    return [
        "BEGIN:VEVENT",
        f"UID:{name}-reminder@{uid_domain}",
        f"DTSTAMP:{stamp}",
        f"DTSTART:{_local(day, at)}",
        f"DURATION:{DURATION}",
        "RRULE:FREQ=DAILY",
        f"SUMMARY:{escape_text(summary)}",
        f"DESCRIPTION:{escape_text(description)}",
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        "TRIGGER:PT0S",  # at the start of the session
        f"DESCRIPTION:{escape_text(summary)}",
        "END:VALARM",
        "END:VEVENT",
    ]


def reminders_ics(
    morning: time,
    evening: time,
    *,
    start: date,
    tz_name: str | None,
    summary_morning: str,
    summary_evening: str,
    description: str,
    uid_domain: str = "pijat-oksitosin.local",
    now: datetime,
) -> str:
    """A VCALENDAR with two daily events from `start`. Texts come translated from the UI.

    `now` must be timezone-aware; DTSTAMP is written in UTC.
    """
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be timezone-aware, DTSTAMP is UTC")
    if any(char in uid_domain for char in "\r\n;:,") or not uid_domain:
        raise ValueError(f"not a usable UID domain: {uid_domain!r}")
    stamp = now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN"]
    lines.append("METHOD:PUBLISH")
    if tz_name:
        lines.append(f"X-WR-TIMEZONE:{escape_text(tz_name)}")
    for name, at, summary in (
        ("morning", morning, summary_morning),
        ("evening", evening, summary_evening),
    ):
        lines += _event(
            name, start, at,
            summary=summary, description=description, uid_domain=uid_domain, stamp=stamp,
        )
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + CRLF for line in lines)
