"""Morning and evening massage reminders as an iCalendar file (RFC 5545) for the phone's calendar.

DOMAIN section 2: "How often: morning and evening ... The app suggests morning and evening
sessions." The app is offline and cannot ring on its own when closed; the phone's calendar can.

Written with the `icalendar` package (escaping, folding at 75 octets, CRLF are its job).
With a zone name (e.g. "Asia/Jakarta") each start carries that TZID and the file carries its
VTIMEZONE, built from the zoneinfo database: a calendar set to another zone still rings at 07:00
in the mother's zone, and no calendar has to guess what a bare time means. Without a known zone
name the times stay floating (RFC 5545 3.3.5, form #1): the phone's own zone applies.

UIDs are fixed per reminder ("morning"/"evening"), so importing a new file with changed times
updates the two events instead of adding two more.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from icalendar import Alarm, Calendar, Event, Timezone

PRODID = "-//Pijat Oksitosin//Reminders//EN"
DURATION = timedelta(minutes=15)  # DOMAIN section 2: seed 001 "twice a day ... 15 minutes"
ZONE_YEARS = 3  # the VTIMEZONE covers the start year and the next ones (Indonesia has no DST)


def known_zone(tz_name: str | None) -> ZoneInfo | None:
    """The zone of that IANA name, or None when there is no name or zoneinfo does not know it."""
    if not tz_name:
        return None
    try:
        return ZoneInfo(tz_name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def _event(name: str, start: datetime, *, summary: str, description: str, uid_domain: str, stamp: datetime) -> Event:
    event = Event()
    event.add("uid", f"{name}-reminder@{uid_domain}")
    event.add("dtstamp", stamp)
    event.add("dtstart", start)
    event.add("duration", DURATION)
    event.add("rrule", {"freq": "daily"})
    event.add("summary", summary)
    event.add("description", description)
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("trigger", timedelta(0))  # at the start of the session
    alarm.add("description", summary)
    event.add_component(alarm)
    return event


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

    `tz_name` is the device's IANA zone; an unknown or missing one gives floating times.
    `now` must be timezone-aware; DTSTAMP is written in UTC.
    """
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be timezone-aware, DTSTAMP is UTC")
    if any(char in uid_domain for char in "\r\n;:,") or not uid_domain:
        raise ValueError(f"not a usable UID domain: {uid_domain!r}")
    for at in (morning, evening):
        if at.tzinfo is not None:
            raise ValueError("reminder times are wall-clock times in the zone; pass a naive time")
    zone = known_zone(tz_name)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    if zone is not None:
        calendar.add("x-wr-timezone", zone.key)  # Google's import reads it too
    stamp = now.astimezone(UTC).replace(microsecond=0)
    for name, at, summary in (("morning", morning, summary_morning), ("evening", evening, summary_evening)):
        begins = datetime.combine(start, at.replace(second=0, microsecond=0), tzinfo=zone)
        calendar.add_component(
            _event(name, begins, summary=summary, description=description, uid_domain=uid_domain, stamp=stamp)
        )
    if zone is not None:
        calendar.add_component(
            Timezone.from_tzid(
                zone.key, first_date=date(start.year, 1, 1), last_date=date(start.year + ZONE_YEARS, 1, 1)
            )
        )
        # RFC 5545 asks for no order, but some importers want the VTIMEZONE before its users.
        calendar.subcomponents.insert(0, calendar.subcomponents.pop())
    return calendar.to_ical().decode("utf-8")
