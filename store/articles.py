"""Storing articles and their meetings: the same article twice is stored once."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Literal

from sqlalchemy import func
from sqlmodel import Session, col, select

from news.clean import clean_article, fold
from news.orgs import expand_in_text
from news.record import FIELDS, MeetingRecord
from news.sound import latin_marks
from store.records import Article, Meeting
from store.search import article_key, chair_key


@dataclass(frozen=True)
class AddResult:
    article: Article
    meetings: list[Meeting]
    created: bool
    updated: bool = False

    @property
    def status(self) -> Literal["added", "updated", "known"]:
        return "added" if self.created else "updated" if self.updated else "known"


def content_hash(clean_text: str) -> str:
    return hashlib.sha256(re.sub(r"\s+", "", clean_text).encode("utf-8")).hexdigest()


def search_text(record: MeetingRecord | Meeting) -> str:
    """The folded text a keyword, person or organisation query is matched against."""
    parts = [record.title, record.summary, record.venue, record.chair, record.chair_position,
             record.organizer, record.province]  # fmt: skip
    joined = " ".join(p for p in parts if p)
    expanded = expand_in_text(joined)
    marks = latin_marks(record.chair or "")  # an English-spelled chair is found by the Thai name too
    return fold(" ".join(p for p in (joined, expanded if expanded != joined else "", marks) if p))


def add_article(
    session: Session,
    *,
    source: str,
    raw_text: str,
    records: list[MeetingRecord],
    added_by: str = "cli",
) -> AddResult:
    """Store an article and its meetings, or return the stored one when it is already known.

    The same source re-added with new text replaces that article's own meetings (and keeps the
    fields an admin corrected); the same text under another source is the same article.
    """
    raw_text = raw_text.replace("\x00", "")  # PostgreSQL text cannot hold NUL
    cleaned = clean_article(raw_text)
    digest = content_hash(cleaned)
    same_text = session.exec(select(Article).where(Article.content_hash == digest)).first()
    if same_text is not None:
        return AddResult(same_text, _meetings_of(session, same_text), created=False)
    same_source = None
    if source not in ("-", ""):
        same_source = session.exec(
            select(Article).where(Article.source == source).order_by(col(Article.id).desc())
        ).first()
    if same_source is not None:
        same_source.raw_text, same_source.clean_text, same_source.content_hash = raw_text, cleaned, digest
        same_source.search_text = article_key(cleaned)
        same_source.added_at = datetime.now(UTC)
        meetings = _replace_meetings(session, same_source, records)
        return AddResult(same_source, meetings, created=False, updated=True)
    article = Article(
        source=source,
        raw_text=raw_text,
        clean_text=cleaned,
        content_hash=digest,
        added_by=added_by,
        search_text=article_key(cleaned),
    )
    session.add(article)
    session.flush()
    meetings = _replace_meetings(session, article, records)
    return AddResult(article, meetings, created=True)


def _meetings_of(session: Session, article: Article) -> list[Meeting]:
    return list(
        session.exec(select(Meeting).where(Meeting.article_id == article.id).order_by(col(Meeting.id)))
    )


def _replace_meetings(session: Session, article: Article, records: list[MeetingRecord]) -> list[Meeting]:
    """New meetings for an article; the n-th keeps the n-th old one's admin corrections and age.

    Keeping `created_at` means an updated article is not "new" to the digest a second time.
    """
    old = _meetings_of(session, article)
    for meeting in old:
        session.delete(meeting)
    session.flush()
    assert article.id is not None
    meetings = []
    for index, record in enumerate(records):
        meeting = meeting_from_record(record, article_id=article.id)
        if index < len(old):
            meeting.created_at = old[index].created_at
            if old[index].corrections:
                apply_corrections(meeting, old[index].corrections)
        session.add(meeting)
        meetings.append(meeting)
    session.flush()
    return meetings


def meeting_from_record(record: MeetingRecord, *, article_id: int) -> Meeting:
    data = {name: getattr(record, name) for name in FIELDS}
    meeting = Meeting(
        article_id=article_id,
        participant_provinces=list(record.participant_provinces),
        evidence=dict(record.evidence),
        confidence=dict(record.confidence),
        least_confidence=min(record.confidence.values(), default=1.0),
        **data,
    )
    meeting.search_text = search_text(meeting)
    meeting.chair_key = chair_key(meeting.chair_position)
    return meeting


DATE_FIELDS = ("start_date", "end_date")
# A corrected column is the extractor's field of this name (a date range is one reading, so is a chair).
READ_AS = {"start_date": "date", "end_date": "date", "chair_position": "chair", "kind": "title"}


def apply_corrections(meeting: Meeting, corrections: dict[str, object]) -> None:
    """Set corrected fields (stored as JSON, so dates come back as ISO strings) and remember them."""
    for name, value in corrections.items():
        if name in DATE_FIELDS and isinstance(value, str):
            value = date.fromisoformat(value)
        setattr(meeting, name, value)
    meeting.corrections = {**meeting.corrections, **corrections}
    reviewed = {READ_AS.get(name, name) for name in corrections}
    meeting.confidence = {k: 1.0 if k in reviewed else v for k, v in meeting.confidence.items()}
    meeting.least_confidence = min(meeting.confidence.values(), default=1.0)
    meeting.search_text = search_text(meeting)
    meeting.chair_key = chair_key(meeting.chair_position)


def count_articles(session: Session) -> int:
    return int(session.exec(select(func.count()).select_from(Article)).one())
