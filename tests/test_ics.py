from datetime import date, datetime, time, timedelta, timezone

import pytest

from app.domain.ics import escape_text, fold, reminders_ics

WIB = timezone(timedelta(hours=7))
NOW = datetime(2026, 3, 10, 8, 5, 9, tzinfo=WIB)
DESCRIPTION = "Pijat 3-5 menit x 3 putaran; lalu susui bayi.\nJangan pijat bila demam, ya"


def make(**overrides):
    options = {
        "start": date(2026, 3, 11),
        "tz_name": "Asia/Jakarta",
        "summary_morning": "Pijat oksitosin pagi, ibu; bayi",
        "summary_evening": "Pijat oksitosin sore",
        "description": DESCRIPTION,
        "now": NOW,
    }
    options.update(overrides)
    return reminders_ics(time(7, 0), time(17, 30), **options)


def unfold(text):
    """RFC 5545 3.1: a CRLF followed by one space or tab continues the previous line."""
    assert text.endswith("\r\n")
    lines = []
    for raw in text[:-2].split("\r\n"):
        if raw[:1] in (" ", "\t"):
            lines[-1] += raw[1:]
        else:
            lines.append(raw)
    return lines


def unescape(value):
    out, chars = [], iter(value)
    for char in chars:
        if char == "\\":
            nxt = next(chars)
            out.append("\n" if nxt in "nN" else nxt)
        else:
            out.append(char)
    return "".join(out)


def parse(text):
    """Components as nested dicts: {"name", "props": [(name, value)], "children": [...]}."""
    root = {"name": None, "props": [], "children": []}
    stack = [root]
    for line in unfold(text):
        name, _, value = line.partition(":")
        if name == "BEGIN":
            component = {"name": value, "props": [], "children": []}
            stack[-1]["children"].append(component)
            stack.append(component)
        elif name == "END":
            assert stack[-1]["name"] == value, f"END:{value} closes {stack[-1]['name']}"
            stack.pop()
        else:
            stack[-1]["props"].append((name, value))
    assert len(stack) == 1, "unclosed component"
    return root["children"]


def props(component):
    return dict(component["props"])


def events():
    (calendar,) = parse(make())
    return calendar, [child for child in calendar["children"] if child["name"] == "VEVENT"]


def test_only_crlf_line_endings():
    text = make()
    assert "\n" not in text.replace("\r\n", "")
    assert "\r" not in text.replace("\r\n", "")


def test_every_line_at_most_75_octets():
    text = make(description="Catatan 😴🍼 " * 30)  # long and multi-byte: must fold
    physical = text[:-2].split("\r\n")
    assert any(line.startswith(" ") for line in physical)
    assert all(len(line.encode("utf-8")) <= 75 for line in physical)
    text.encode("utf-8").decode("utf-8")  # no character split across a fold


def test_calendar_header():
    calendar, _ = events()
    assert calendar["name"] == "VCALENDAR"
    header = props(calendar)
    assert header["VERSION"] == "2.0"
    assert header["PRODID"]
    assert header["X-WR-TIMEZONE"] == "Asia/Jakarta"


def test_no_timezone_hint_without_tz_name():
    (calendar,) = parse(make(tz_name=None))
    assert "X-WR-TIMEZONE" not in props(calendar)


def test_two_daily_events_at_floating_local_times():
    _, (morning, evening) = events()
    for event, start in ((morning, "20260311T070000"), (evening, "20260311T173000")):
        fields = props(event)
        assert fields["DTSTART"] == start  # no Z, no TZID: the phone's own zone applies
        assert fields["RRULE"] == "FREQ=DAILY"
        assert fields["DURATION"] == "PT15M"
        assert fields["DTSTAMP"] == "20260310T010509Z"  # 08:05:09 WIB in UTC


def test_each_event_has_a_display_alarm_at_the_start():
    _, found = events()
    for event in found:
        (alarm,) = event["children"]
        assert alarm["name"] == "VALARM"
        assert props(alarm)["ACTION"] == "DISPLAY"
        assert props(alarm)["TRIGGER"] == "PT0S"
        assert props(alarm)["DESCRIPTION"] == props(event)["SUMMARY"]


def test_uids_are_stable_and_distinct():
    _, first = events()
    (calendar,) = parse(make(now=NOW + timedelta(days=3), start=date(2026, 4, 1)))
    again = [child for child in calendar["children"] if child["name"] == "VEVENT"]
    uids = [props(event)["UID"] for event in first]
    assert uids == [props(event)["UID"] for event in again]
    assert len(set(uids)) == 2
    assert all(uid.endswith("@pijat-oksitosin.local") for uid in uids)


def test_summary_and_description_are_escaped_and_round_trip():
    text = make()
    assert "SUMMARY:Pijat oksitosin pagi\\, ibu\\; bayi\r\n" in text
    _, (morning, _) = events()
    assert unescape(props(morning)["SUMMARY"]) == "Pijat oksitosin pagi, ibu; bayi"
    assert unescape(props(morning)["DESCRIPTION"]) == DESCRIPTION


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("a,b", "a\\,b"),  # comma
        ("a;b", "a\\;b"),  # semicolon
        ("a\\b", "a\\\\b"),  # backslash first, so it is not doubled twice
        ("a\nb", "a\\nb"),  # newline
        ("a\r\nb", "a\\nb"),  # Windows newline is one newline
        ("a\x07b", "ab"),  # control characters are not allowed in TEXT
        ("ibu: 😴", "ibu: 😴"),  # colon and emoji need no escaping
    ],
)
def test_escape_text(text, escaped):
    assert escape_text(text) == escaped


@pytest.mark.parametrize(
    ("line", "chunks"),
    [
        ("A" * 75, ["A" * 75]),  # exactly 75 octets: no fold
        ("A" * 76, ["A" * 75, " A"]),  # one octet over
        ("A" * 74 + "é", ["A" * 74, " é"]),  # a 2-octet char that would end at 76
        ("A" * 200, ["A" * 75, " " + "A" * 74, " " + "A" * 51]),  # continuation lines hold 74
    ],
)
def test_fold(line, chunks):
    assert fold(line).split("\r\n") == chunks


def test_naive_now_is_rejected():
    with pytest.raises(ValueError):
        make(now=datetime(2026, 3, 10, 8, 0))
