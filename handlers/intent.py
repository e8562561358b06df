"""Thai chat text to a typed search: what the question filters on, and its free words.

The readers (dates, places, people and bodies, kinds and counts, free words) each take what they
understand out of the text, in that order; what is left are free words, which rank and narrow but
never empty an answer (store.meetings.search_meetings).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields
from datetime import datetime

from handlers.dates import read_dates, spell_dates
from handlers.people import read_people
from handlers.places import read_places
from handlers.reading import Reading
from handlers.regions import read_regions
from handlers.words import FILLER_WORDS, read_counts, read_free_words, read_kinds, read_meeting_words
from news.clean import normalize
from store.meetings import MeetingFilter

GREETING_WORDS = ("สวัสดี", "หวัดดี", "ดีครับ", "ดีค่ะ", "hello", "hi", "hey", "ขอบคุณ", "ขอบใจ", "thank", "thx", "ok",
                  "โอเค", "ได้เลย")  # fmt: skip
MAX_QUERY_CHARS = 300


@dataclass
class ParsedQuery:
    """What the message asks, and the Thai words that describe it back to the user."""

    text: str
    filter: MeetingFilter
    described: list[str] = field(default_factory=list)
    is_question: bool = False
    greeting: bool = False
    notes: list[str] = field(default_factory=list)
    taken: list[tuple[str, str]] = field(default_factory=list)
    region: str = ""
    fallback: ParsedQuery | None = None  # the question with its region read as a free word
    district: str = ""  # the district the province was read from; `fallback` is the province alone

    def description(self) -> str:
        return " ".join(self.described) if self.described else "ทั้งหมด"

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {}
        for part in fields(MeetingFilter):
            value = getattr(self.filter, part.name)
            if isinstance(value, tuple):
                value = [list(v) if isinstance(v, tuple) else v for v in value]
            elif hasattr(value, "isoformat"):
                value = value.isoformat()
            out[part.name] = value
        out["described"] = self.description()
        out["notes"] = list(self.notes)
        if self.region:
            out["region"] = self.region
        if self.district:
            out["district"] = self.district
        return out


def leading_command(text: str, commands: Mapping[str, Sequence[str]]) -> tuple[str, str] | None:
    """(command, the rest) when the message starts with one of a command's words; the first wins."""
    stripped = text.strip()
    lowered = stripped.lower()
    for command, words in commands.items():
        for word in words:
            if lowered.startswith(word):
                return command, stripped[len(word) :].strip()
    return None


def query_text(message: str) -> str:
    """The text `parse_query` reads: two messages with the same query text get the same answer."""
    return spell_dates(normalize(message).replace("\n", " ")).strip()


def parse_query(message: str, *, now: datetime, regions: bool = True, districts: bool = True) -> ParsedQuery:
    """Read a chat message as a search; `now` is the user's time (Asia/Bangkok). A region named
    ("ภาคใต้") becomes its provinces, with the question read without regions as the `fallback`.
    A district ("อ.หาดใหญ่") is its province and, as a body is, its name in the meeting or its article;
    the `fallback` is the province alone, for when no meeting there names the district."""
    text = query_text(message)
    if len(text) > MAX_QUERY_CHARS:
        return ParsedQuery(text[:MAX_QUERY_CHARS], MeetingFilter(), is_question=False)
    r = Reading(text, now.date())
    read_counts(r)
    read_kinds(r)
    read_dates(r)
    read_people(r, FILLER_WORDS)
    read_places(r)
    if regions:
        read_regions(r)
    read_meeting_words(r)
    read_free_words(r)
    # "อ.เมืองสงขลา": news writes the seat's district many ways (อ.เมือง จ.สงขลา), so it is the province
    district = r.district if districts and not r.region and not r.district.startswith("เมือง") else ""
    if district:
        r.organizations.append((district,))
        r.described.append(f"อ.{district}")
    query_filter = MeetingFilter(
        provinces=tuple(dict.fromkeys(r.provinces)),
        kinds=tuple(dict.fromkeys(r.kinds)),
        date_from=r.date_from,
        date_to=r.date_to,
        people=tuple(r.people),
        organizations=tuple(r.organizations),
        keywords=tuple(r.keywords),
        min_attendees=r.min_attendees,
        max_attendees=r.max_attendees,
        order=r.order,
        positions=tuple(r.positions),
    )
    found_filter = query_filter != MeetingFilter(keywords=query_filter.keywords)
    return ParsedQuery(
        text=text,
        filter=query_filter,
        described=r.described + [f"“{k}”" for k in r.keywords],
        is_question=found_filter or r.meeting_word,
        # "สวัสดีครับ ลูกเสือ" is a question after a greeting; "สวัสดีครับ" alone is a greeting
        greeting=text.lower().startswith(GREETING_WORDS)
        and not found_filter
        and all(k.startswith(GREETING_WORDS) for k in r.keywords),
        notes=r.notes,
        taken=r.taken,
        region=r.region,
        district=district,
        fallback=(
            parse_query(message, now=now, regions=False)
            if r.region
            else parse_query(message, now=now, districts=False)
            if district
            else None
        ),
    )
