"""Finding meetings: every filter runs in the database, on SQLite and PostgreSQL alike."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from sqlalchemy import ColumnElement, and_, false, func, or_
from sqlmodel import Session, col, select

from store.models import Article, Meeting
from store.search import contains

Order = Literal["relevance", "latest", "upcoming"]


@dataclass(frozen=True)
class MeetingFilter:
    """What a question asks for; every part that is set must hold (AND)."""

    provinces: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    date_from: date | None = None
    date_to: date | None = None
    people: tuple[str, ...] = ()
    organizations: tuple[tuple[str, ...], ...] = ()
    keywords: tuple[str, ...] = ()
    min_attendees: int | None = None
    max_attendees: int | None = None
    order: Order = "relevance"


def _conditions(f: MeetingFilter, dialect: str, *, broad: bool = False) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = [col(Meeting.deleted) == false()]
    if f.provinces:
        conditions.append(col(Meeting.province).in_(f.provinces))
    if f.kinds:
        conditions.append(col(Meeting.kind).in_(f.kinds))
    conditions.extend(_overlapping(f.date_from, f.date_to))
    for person in f.people:
        conditions.append(contains(person, dialect, broad=broad))
    for alternatives in f.organizations:
        conditions.append(or_(*(contains(a, dialect, broad=broad) for a in alternatives)))
    for keyword in f.keywords:
        conditions.append(contains(keyword, dialect, broad=broad))
    if f.min_attendees is not None:
        conditions.append(col(Meeting.attendees) >= _storable(f.min_attendees))
    if f.max_attendees is not None:
        conditions.append(col(Meeting.attendees) <= _storable(f.max_attendees))
    return conditions


def _storable(number: int) -> int:
    """A bound both engines can compare with (64-bit); past it every stored count is on one side."""
    return max(-(2**63), min(number, 2**63 - 1))


def _overlapping(first: date | None, last: date | None) -> list[ColumnElement[bool]]:
    """Meetings that take place on some day from `first` to `last`, in a form both indexes serve."""
    start, end = col(Meeting.start_date), col(Meeting.end_date)
    if first is None:
        return [] if last is None else [start <= last]
    begins_inside = start >= first if last is None else start.between(first, last)
    return [or_(begins_inside, and_(start < first, end >= first))]


COUNT_CAP = 1000  # "more than 1,000" is all a chat reply needs; counting further costs time


def find_meetings(
    *, session: Session, query: MeetingFilter, today: date, limit: int = 12, offset: int = 0
) -> tuple[list[tuple[Meeting, str]], int]:
    """The page of matching meetings with their article's source, and how many match (capped).

    Each ordering walks the start-date indexes and stops after the page, so a question that
    matches most of the table costs no more than one that matches a few rows.
    """
    dialect = session.get_bind().dialect.name
    where = and_(*_conditions(query, dialect))
    matching = select(col(Meeting.id)).where(where).limit(COUNT_CAP + 1).subquery()
    total = int(session.exec(select(func.count()).select_from(matching)).one())
    if total > COUNT_CAP:
        where = and_(*_conditions(query, dialect, broad=True))
    base = select(Meeting, Article.source).join(Article).where(where)
    start, newest_id = col(Meeting.start_date), col(Meeting.id).desc()
    undated = base.where(start.is_(None)).order_by(newest_id)
    first = query.date_from or date.min
    if query.order == "latest":
        statements = [base.where(start.is_not(None)).order_by(start.desc(), newest_id), undated]
    elif query.order == "upcoming":
        statements = [base.where(start >= first).order_by(start.asc(), col(Meeting.id)), undated]
        if query.date_from is not None:  # meetings already under way come first
            began = func.coalesce(start, query.date_from)  # not indexable: the end-date index leads
            under_way = and_(began < query.date_from, col(Meeting.end_date) >= query.date_from)
            ending = col(Meeting.end_date).asc()
            statements.insert(0, base.where(under_way).order_by(ending, col(Meeting.id)))
    else:
        before = today if query.date_to is None else min(today, query.date_to + timedelta(days=1))
        statements = [
            base.where(start >= today).order_by(start.asc(), newest_id),
            base.where(start < before).order_by(start.desc(), newest_id),
            undated,
        ]
    wanted = offset + limit
    if query.order == "relevance":
        rows = [row for statement in statements for row in session.exec(statement.limit(wanted))]
        rows.sort(key=lambda row: _closeness(row[0], today))
    else:
        rows = []
        for statement in statements:
            rows.extend(session.exec(statement.limit(wanted - len(rows))))
            if len(rows) >= wanted:
                break
    return [(meeting, source) for meeting, source in rows[offset:wanted]], total


def _closeness(meeting: Meeting, today: date) -> tuple[bool, int, int]:
    """Dated before undated, nearest to today first, then the newest stored."""
    days = abs((meeting.start_date - today).days) if meeting.start_date else 0
    return (meeting.start_date is None, days, -(meeting.id or 0))


def provinces_with_meetings(*, session: Session) -> dict[str, int]:
    statement = (
        select(Meeting.province, func.count())
        .where(col(Meeting.deleted) == false(), col(Meeting.province).is_not(None))
        .group_by(Meeting.province)
    )
    return {province: int(count) for province, count in session.exec(statement) if province}


def list_meetings(*, session: Session, limit: int = 200) -> list[tuple[Meeting, str]]:
    statement = (
        select(Meeting, Article.source)
        .join(Article)
        .where(col(Meeting.deleted) == false())
        .order_by(col(Meeting.start_date).desc(), col(Meeting.id).desc())
        .limit(limit)
    )
    return [(meeting, source) for meeting, source in session.exec(statement).all()]
