"""Meetings as calendar events, written and then read back with icalendar, field by field."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from urllib.parse import parse_qs, urlparse
from zoneinfo import ZoneInfo

from icalendar import Calendar

from handlers.calendar import calendar_of, google_link
from store.models import Meeting

BANGKOK = ZoneInfo("Asia/Bangkok")
STAMP = datetime(2026, 11, 27, 1, 2, 3, tzinfo=UTC)
SOURCE = "https://www.obec.go.th/archives/123456"


def workshop() -> Meeting:
    return Meeting(
        id=41, article_id=1, title="การประชุมเชิงปฏิบัติการพัฒนาหลักสูตรฐานสมรรถนะ", kind="workshop",
        start_date=date(2026, 12, 14), end_date=date(2026, 12, 16), time="09:30", province="นครราชสีมา",
        venue="โรงแรมสีมาธานี", organizer="สพฐ.", summary="สพฐ. จัดอบรมครูแกนนำ 300 คน",
    )  # fmt: skip


def seminar() -> Meeting:
    return Meeting(
        id=42, article_id=2, title="สัมมนาผู้บริหารสถานศึกษา", kind="seminar",
        start_date=date(2026, 12, 30), end_date=date(2027, 1, 2), province="กรุงเทพมหานคร",
    )  # fmt: skip


def events(ics: bytes) -> dict[str, object]:
    calendar = Calendar.from_ical(ics)
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


def test_a_timed_meeting_is_in_bangkok_time_with_thai_title_place_and_source() -> None:
    [event] = events(calendar_of([(workshop(), SOURCE)], tz=BANGKOK, stamp=STAMP)).values()
    assert str(event["UID"]) == "meeting-41@prachum"
    assert str(event["SUMMARY"]) == "การประชุมเชิงปฏิบัติการพัฒนาหลักสูตรฐานสมรรถนะ"
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert start == datetime(2026, 12, 14, 9, 30, tzinfo=BANGKOK) and start.utcoffset() == timedelta(hours=7)
    assert end == datetime(
        2026, 12, 16, 16, 30, tzinfo=BANGKOK
    )  # to the end of the office day of the last day
    assert event["DTSTART"].params["TZID"] == "Asia/Bangkok"
    assert str(event["LOCATION"]) == "โรงแรมสีมาธานี, จังหวัดนครราชสีมา"
    assert str(event["DESCRIPTION"]) == f"สพฐ. จัดอบรมครูแกนนำ 300 คน\n\nผู้จัด: สพฐ.\n\nที่มา: {SOURCE}"
    assert str(event["URL"]) == SOURCE
    assert event.decoded("DTSTAMP") == STAMP


def test_an_all_day_range_ends_the_day_after_its_last_day_across_the_new_year() -> None:
    [event] = events(calendar_of([(seminar(), "seminar.txt")], tz=BANGKOK, stamp=STAMP)).values()
    assert event.decoded("DTSTART") == date(2026, 12, 30)
    assert event.decoded("DTEND") == date(2027, 1, 3)  # DTEND is exclusive: 30 Dec to 2 Jan inclusive
    assert event["DTSTART"].params.get("VALUE") == "DATE"
    assert str(event["LOCATION"]) == "กรุงเทพมหานคร"
    assert "DESCRIPTION" not in event and "URL" not in event  # a file name is no link


def test_a_meeting_starting_after_office_hours_lasts_two_hours_and_one_without_a_date_is_left_out() -> None:
    evening = workshop()
    evening.time, evening.end_date = "18:00", None
    undated = seminar()
    undated.start_date = undated.end_date = None
    found = events(calendar_of([(evening, SOURCE), (undated, "x.txt")], tz=BANGKOK, stamp=STAMP))
    assert list(found) == ["meeting-41@prachum"]
    event = found["meeting-41@prachum"]
    assert event.decoded("DTEND") - event.decoded("DTSTART") == timedelta(hours=2)


def one_day(clock: str) -> Meeting:
    meeting = workshop()
    meeting.time, meeting.end_date = clock, None
    return meeting


def test_a_one_day_timed_meeting_lasts_two_hours_on_its_day() -> None:
    """Articles give no end time: a calendar shows a 09:00 meeting as 09:00 to 11:00, not the whole day."""
    [event] = events(calendar_of([(one_day("09:00"), SOURCE)], tz=BANGKOK, stamp=STAMP)).values()
    assert event.decoded("DTSTART") == datetime(2026, 12, 14, 9, 0, tzinfo=BANGKOK)
    assert event.decoded("DTEND") == datetime(2026, 12, 14, 11, 0, tzinfo=BANGKOK)
    assert event["DTEND"].params["TZID"] == "Asia/Bangkok"
    fields = {
        k: v[0]
        for k, v in parse_qs(urlparse(google_link(one_day("13:30"), SOURCE, tz=BANGKOK) or "").query).items()
    }
    assert fields["dates"] == "20261214T133000/20261214T153000"


def test_a_one_day_meeting_late_in_the_evening_ends_at_midnight_of_its_day() -> None:
    [event] = events(calendar_of([(one_day("23:00"), SOURCE)], tz=BANGKOK, stamp=STAMP)).values()
    assert event.decoded("DTSTART") == datetime(2026, 12, 14, 23, 0, tzinfo=BANGKOK)
    assert event.decoded("DTEND") == datetime(2026, 12, 15, 0, 0, tzinfo=BANGKOK)


def test_a_several_day_meeting_starting_in_the_evening_ends_two_hours_after_that_clock_on_its_last_day() -> (
    None
):
    evening = workshop()
    evening.time = "18:00"
    [event] = events(calendar_of([(evening, SOURCE)], tz=BANGKOK, stamp=STAMP)).values()
    assert event.decoded("DTSTART") == datetime(2026, 12, 14, 18, 0, tzinfo=BANGKOK)
    assert event.decoded("DTEND") == datetime(2026, 12, 16, 20, 0, tzinfo=BANGKOK)


def test_a_feed_names_itself_and_carries_bangkok_s_time_zone() -> None:
    ics = calendar_of(
        [(workshop(), SOURCE), (seminar(), "s.txt")], tz=BANGKOK, stamp=STAMP, name="ประชุมที่ติดตาม"
    )
    calendar = Calendar.from_ical(ics)
    assert str(calendar["X-WR-CALNAME"]) == "ประชุมที่ติดตาม"
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Asia/Bangkok"]
    assert calendar.decoded("REFRESH-INTERVAL") == timedelta(hours=6)
    assert sorted(events(ics)) == ["meeting-41@prachum", "meeting-42@prachum"]


def test_google_calendar_link_is_filled_in_and_within_line_s_limit() -> None:
    link = google_link(workshop(), SOURCE, tz=BANGKOK)
    assert link is not None and len(link) <= 1000
    fields = {k: v[0] for k, v in parse_qs(urlparse(link).query).items()}
    assert fields["text"] == "การประชุมเชิงปฏิบัติการพัฒนาหลักสูตรฐานสมรรถนะ"
    assert fields["dates"] == "20261214T093000/20261216T163000" and fields["ctz"] == "Asia/Bangkok"
    assert fields["location"] == "โรงแรมสีมาธานี, จังหวัดนครราชสีมา"
    all_day = {
        k: v[0]
        for k, v in parse_qs(urlparse(google_link(seminar(), "s.txt", tz=BANGKOK) or "").query).items()
    }
    assert all_day["dates"] == "20261230/20270103"
    long = workshop()
    long.title, long.venue = "ประชุม" * 200, "ห้อง" * 200
    shortened = google_link(long, SOURCE, tz=BANGKOK)
    assert shortened is not None and len(shortened) <= 1000


def test_a_carousel_of_the_longest_cards_stays_within_line_s_50_kb() -> None:
    """Ten cards with the longest Thai fields and links: the Google buttons, then the long values, give way
    before LINE would refuse it; no card is left out (paging counts on ten)."""
    import json

    from handlers.replies import Site, ask_item, meeting_carousel, postback_item
    from tests.fakes.line_spec import validate

    rows = []
    for n in range(10):
        meeting = workshop()
        meeting.id, meeting.title = 100 + n, "การประชุมเชิงปฏิบัติการ" * 20
        meeting.venue, meeting.organizer = "ห้องประชุมใหญ่ชั้นสาม" * 30, "สำนักงานเขตพื้นที่การศึกษา" * 30
        meeting.chair, meeting.chair_position = "นายสมชาย ใจดี", "ผู้อำนวยการสำนักงาน" * 30
        rows.append((meeting, "https://news.example/" + "%E0%B8%82" * 100 + "a" * 60))  # 1,000 characters
    quick = [postback_item("ดูเพิ่ม", "action=more&page=2&q=x"), ask_item("ประชุมล่าสุด")]
    message = meeting_carousel(rows, "พบการประชุม", quick, Site(base_url="https://prachum.example.go.th"))
    size = len(json.dumps(message["contents"], ensure_ascii=False).encode("utf-8"))
    assert size <= 50_000
    assert validate("PushMessageRequest", {"to": "U" + "1" * 32, "messages": [message]}) == []
    cards = message["contents"]["contents"][:-1]
    assert len(cards) == 10
    labels = [b["action"]["label"] for b in cards[0]["footer"]["contents"]]
    assert labels == ["อ่านข่าว", "เพิ่มลงปฏิทิน", "เตือนฉัน"]
