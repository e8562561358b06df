"""Meetings as calendar events: an RFC 5545 `.ics` per meeting, a chat's feed, a Google Calendar link.

Pure: the caller reads the meetings and gives the time zone and the moment of writing. `icalendar` is
imported only to write a file: a card's Google Calendar link needs none of it, and `prachum ask` should
not pay for the import.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING
from urllib.parse import urlencode, urlparse
from zoneinfo import ZoneInfo

from news.places import province_phrase
from news.text import shorten
from store.records import Meeting

if TYPE_CHECKING:
    from icalendar import Event

PRODID = "-//Prachum//Prachum meetings//TH"
UID_DOMAIN = "prachum"
MEETING_LENGTH = timedelta(hours=2)  # a timed meeting's length when the article gives no end time
OFFICE_ENDS = time(16, 30)  # the last day of a timed meeting of several days ends with the office day
REFRESH = timedelta(hours=6)  # (PT6H) how often a subscribed calendar is asked to read the feed again
GOOGLE_TEMPLATE = "https://calendar.google.com/calendar/render"
MAX_URI = 1000  # LINE's limit on a URI action
CLOCK = re.compile(r"(\d{1,2}):(\d{2})")


def meeting_uid(meeting: Meeting) -> str:
    """The same meeting always has the same UID, so importing it again updates the event."""
    return f"meeting-{meeting.id}@{UID_DOMAIN}"


def start_clock(meeting: Meeting) -> time | None:
    match = CLOCK.fullmatch(meeting.time or "")
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        return None
    return time(int(match[1]), int(match[2]))


def event_span(meeting: Meeting, tz: ZoneInfo) -> tuple[date | datetime, date | datetime] | None:
    """(start, end) as the calendar wants them: timed in `tz` when a time is known, else all-day with an
    exclusive end (the day after the last day). None: the meeting has no date to put in a calendar.

    Articles give a start time and hardly ever an end time. A one-day timed meeting is taken to last
    MEETING_LENGTH (two hours), but not past midnight. A timed meeting of several days is one event from
    its start to the end of the office day (OFFICE_ENDS) on its last day, so a calendar shows every day
    of it busy; or to its start clock plus MEETING_LENGTH on the last day, when that is later.
    """
    if meeting.start_date is None:
        return None
    last = (
        meeting.end_date
        if meeting.end_date and meeting.end_date >= meeting.start_date
        else meeting.start_date
    )
    clock = start_clock(meeting)
    if clock is None:
        return meeting.start_date, last + timedelta(days=1)
    start = datetime.combine(meeting.start_date, clock, tzinfo=tz)
    if last == meeting.start_date:
        return start, _within_day(start + MEETING_LENGTH, meeting.start_date, tz)
    office_end = datetime.combine(last, OFFICE_ENDS, tzinfo=tz)
    last_start = datetime.combine(last, clock, tzinfo=tz)
    return start, max(office_end, _within_day(last_start + MEETING_LENGTH, last, tz))


def _within_day(moment: datetime, day: date, tz: ZoneInfo) -> datetime:
    """`moment`, or midnight at the end of `day` when it would run into the next day."""
    return min(moment, datetime.combine(day + timedelta(days=1), time(0, 0), tzinfo=tz))


def location_of(meeting: Meeting) -> str:
    province = province_phrase(meeting.province, short=False) if meeting.province else None
    return ", ".join(part for part in (meeting.venue, province) if part)


def is_link(source: str) -> bool:
    parsed = urlparse(source)
    return parsed.scheme in ("http", "https") and bool(parsed.netloc)


def description_of(meeting: Meeting, source: str) -> str:
    lines = [meeting.summary.strip()] if meeting.summary.strip() else []
    if meeting.organizer:
        lines.append(f"ผู้จัด: {meeting.organizer}")
    if is_link(source):
        lines.append(f"ที่มา: {source}")
    return "\n\n".join(lines)


def meeting_event(meeting: Meeting, source: str, *, tz: ZoneInfo, stamp: datetime) -> Event | None:
    from icalendar import Event

    span = event_span(meeting, tz)
    if span is None:
        return None
    event = Event()
    event.add("uid", meeting_uid(meeting))
    event.add("dtstamp", stamp)
    event.add("summary", meeting.title)
    event.add("dtstart", span[0])
    event.add("dtend", span[1])
    location = location_of(meeting)
    if location:
        event.add("location", location)
    description = description_of(meeting, source)
    if description:
        event.add("description", description)
    if is_link(source):
        event.add("url", source)
    return event


def calendar_of(
    rows: Sequence[tuple[Meeting, str]], *, tz: ZoneInfo, stamp: datetime, name: str | None = None
) -> bytes:
    """A VCALENDAR of the dated meetings in `rows` (a feed when it has a name), with its time zone."""
    from icalendar import Calendar

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    if name:
        calendar.add("x-wr-calname", name)
        calendar.add("x-wr-timezone", tz.key)
        calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
        calendar.add("x-published-ttl", "PT6H")  # Outlook's name for REFRESH-INTERVAL
    for meeting, source in rows:
        event = meeting_event(meeting, source, tz=tz, stamp=stamp)
        if event is not None:
            calendar.add_component(event)
    calendar.add_missing_timezones()
    return bytes(calendar.to_ical())


def google_link(meeting: Meeting, source: str, *, tz: ZoneInfo) -> str | None:
    """Google Calendar's "create event" page filled in, within LINE's 1,000 characters for a URI."""
    span = event_span(meeting, tz)
    if span is None:
        return None
    start, end = span
    if isinstance(start, datetime) and isinstance(end, datetime):
        dates = f"{start:%Y%m%dT%H%M%S}/{end:%Y%m%dT%H%M%S}"
    else:
        dates = f"{start:%Y%m%d}/{end:%Y%m%d}"
    for title, place, details in ((120, 60, 200), (60, 40, 0), (30, 0, 0)):
        fields = {"action": "TEMPLATE", "text": shorten(meeting.title, title), "dates": dates, "ctz": tz.key}
        if place and location_of(meeting):
            fields["location"] = shorten(location_of(meeting), place)
        if details and is_link(source) and len(source) <= details:
            fields["details"] = source
        link = f"{GOOGLE_TEMPLATE}?{urlencode(fields)}"
        if len(link) <= MAX_URI:
            return link
    return None
