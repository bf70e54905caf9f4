"""The reminders' calendar file, parsed back with icalendar as a phone's calendar would read it."""

from datetime import UTC, date, datetime, time, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from app.domain.daypart import TimeOfDay, time_of_day
from app.domain.ics import reminders_ics

WIB = timezone(timedelta(hours=7))
NOW = datetime(2026, 3, 10, 8, 5, 9, tzinfo=WIB)
DESCRIPTION = "Pijat 3-5 menit x 3 ulangan; lalu susui bayi.\nJangan pijat bila demam, ya"


def make(**overrides: Any) -> str:
    options: dict[str, Any] = {
        "start": date(2026, 3, 11),
        "tz_name": "Asia/Jakarta",
        "summary_morning": "Pijat oksitosin pagi, ibu; bayi",
        "summary_evening": "Pijat oksitosin sore",
        "description": DESCRIPTION,
        "now": NOW,
    }
    options.update(overrides)
    return reminders_ics(time(7, 0), time(17, 30), **options)


def parsed(**overrides: Any) -> Calendar:
    return Calendar.from_ical(make(**overrides))


def test_only_crlf_line_endings_and_lines_of_at_most_75_octets():
    text = make(description="Catatan 😴🍼 " * 30)  # long and multi-byte: must fold
    assert "\n" not in text.replace("\r\n", "") and "\r" not in text.replace("\r\n", "")
    physical = text[:-2].split("\r\n")
    assert any(line.startswith(" ") for line in physical)
    assert all(len(line.encode("utf-8")) <= 75 for line in physical)


def test_calendar_header():
    calendar = parsed()
    assert calendar["VERSION"] == "2.0"
    assert calendar["PRODID"]
    assert calendar["X-WR-TIMEZONE"] == "Asia/Jakarta"


def test_the_file_carries_a_vtimezone_for_the_device_zone():
    calendar = parsed()
    (zone,) = calendar.walk("VTIMEZONE")
    assert zone["TZID"] == "Asia/Jakarta"
    (standard,) = zone.walk("STANDARD")
    offset: Any = standard["TZOFFSETTO"]  # icalendar types a property as a union of every value type
    assert offset.td == timedelta(hours=7)  # WIB, no daylight saving
    text = make()
    assert text.index("BEGIN:VTIMEZONE") < text.index("BEGIN:VEVENT")  # defined before it is used


def test_two_daily_events_start_at_the_chosen_times_in_that_zone():
    calendar = parsed()
    morning, evening = calendar.walk("VEVENT")
    events: list[tuple[Any, datetime]] = [
        (morning, datetime(2026, 3, 11, 7, 0)),
        (evening, datetime(2026, 3, 11, 17, 30)),
    ]
    for event, start in events:
        assert event["DTSTART"].params["TZID"] == "Asia/Jakarta"
        assert event.start == start.replace(tzinfo=ZoneInfo("Asia/Jakarta"))
        assert event["RRULE"]["FREQ"] == ["DAILY"]
        assert event.duration == timedelta(minutes=15)
        assert event["DTSTAMP"].dt == datetime(2026, 3, 10, 1, 5, 9, tzinfo=UTC)  # 08:05:09 WIB in UTC
    text = make()
    assert "DTSTART;TZID=Asia/Jakarta:20260311T070000\r\n" in text


@pytest.mark.parametrize(
    "tz_name",
    [
        None,  # the device's zone is unknown
        "Mars/Olympus_Mons",  # not a zone zoneinfo knows
    ],
)
def test_without_a_known_zone_the_times_float(tz_name):
    calendar = parsed(tz_name=tz_name)
    assert calendar.walk("VTIMEZONE") == []
    assert "X-WR-TIMEZONE" not in calendar
    events = calendar.walk("VEVENT")
    assert len(events) == 2
    morning: Any = events[0]
    assert morning.start == datetime(2026, 3, 11, 7, 0)  # naive: the phone's own zone applies
    assert "TZID" not in morning["DTSTART"].params


def test_each_event_has_a_display_alarm_at_the_start():
    for event in parsed().walk("VEVENT"):
        alarm: Any = event.walk("VALARM")[0]
        assert len(event.walk("VALARM")) == 1
        assert alarm["ACTION"] == "DISPLAY"
        assert alarm["TRIGGER"].dt == timedelta(0)
        assert alarm["DESCRIPTION"] == event["SUMMARY"]


def test_uids_are_stable_and_distinct():
    first = [str(e["UID"]) for e in parsed().walk("VEVENT")]
    again = [str(e["UID"]) for e in parsed(now=NOW + timedelta(days=3), start=date(2026, 4, 1)).walk("VEVENT")]
    assert first == again
    assert len(set(first)) == 2
    assert all(uid.endswith("@pijat-oksitosin.local") for uid in first)


def test_summary_and_description_are_escaped_and_round_trip():
    assert "SUMMARY:Pijat oksitosin pagi\\, ibu\\; bayi\r\n" in make()
    morning, _ = parsed().walk("VEVENT")
    assert morning["SUMMARY"] == "Pijat oksitosin pagi, ibu; bayi"
    assert morning["DESCRIPTION"] == DESCRIPTION


@pytest.mark.parametrize(
    "bad",
    [
        {"now": datetime(2026, 3, 10, 8, 0)},  # a naive now: DTSTAMP must be UTC
        {"uid_domain": "a;b"},  # a UID domain that would break the line
    ],
)
def test_bad_input_is_refused(bad):
    with pytest.raises(ValueError):
        make(**bad)


@pytest.mark.parametrize(
    "at, word",
    [
        (time(3, 59), TimeOfDay.MALAM),  # before dawn it is still night
        (time(4, 0), TimeOfDay.PAGI),  # pagi starts at 04:00
        (time(7, 0), TimeOfDay.PAGI),  # the default morning reminder
        (time(10, 59), TimeOfDay.PAGI),  # last minute of pagi
        (time(11, 0), TimeOfDay.SIANG),  # siang from 11:00
        (time(14, 59), TimeOfDay.SIANG),  # last minute of siang
        (time(15, 0), TimeOfDay.SORE),  # sore from 15:00
        (time(17, 59), TimeOfDay.SORE),  # last minute of sore
        (time(18, 0), TimeOfDay.MALAM),  # malam from 18:00
        (time(19, 0), TimeOfDay.MALAM),  # the default evening reminder
        (time(0, 0), TimeOfDay.MALAM),  # midnight
    ],
)
def test_the_part_of_the_day_a_reminder_is_named_by(at, word):
    assert time_of_day(at) is word
