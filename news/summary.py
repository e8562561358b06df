"""A short Thai summary of a meeting record: what, when, where, who, in at most 300 characters."""

from __future__ import annotations

import re

from news.dates import thai_date_range
from news.kinds import KIND_NOUNS, MEETING_NOUN
from news.places import province_phrase
from news.record import MeetingRecord
from news.text import shorten

LIMIT = 300


def summarize(record: MeetingRecord) -> str:
    """One to three sentences built from the record's own fields, dropping detail to fit the limit."""
    who = record.organizer or ""
    what = _what(record)
    parts = [f"{who} จัด{what}".strip() if who else what]
    if record.start_date:
        parts.append(f"วันที่ {thai_date_range(record.start_date, record.end_date)}")
    if record.time:
        parts.append(f"เวลา {record.time.replace(':', '.')} น.")
    place = " ".join(
        p for p in (record.venue, province_phrase(record.province) if record.province else "") if p
    )
    if place:
        parts.append(f"ณ {place}")
    first = " ".join(parts)
    sentences = [first]
    if record.chair or record.chair_position:  # an article may give the chair by position alone
        chair = " ".join(part for part in (record.chair, record.chair_position) if part)
        sentences.append(f"โดยมี {chair} เป็นประธาน")
    if record.attendees:
        sentences.append(f"มีผู้เข้าร่วม {record.attendees:,} คน")
    text = " ".join(sentences)
    while len(text) > LIMIT and len(sentences) > 1:
        sentences.pop()
        text = " ".join(sentences)
    return shorten(text, LIMIT)


def _what(record: MeetingRecord) -> str:
    """The event as a noun phrase: its title when the title leads with the kind's own noun."""
    title = record.title
    if title.startswith(("การ", "โครงการ", "กิจกรรม", "พิธี")) or record.kind == "other":
        return title
    if re.match(MEETING_NOUN, title):
        return "การ" + title
    return f"{KIND_NOUNS[record.kind]} {title}"
