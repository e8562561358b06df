"""Finding meetings: every filter runs in the database, on SQLite and PostgreSQL alike."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from sqlalchemy import ColumnElement, and_, func, or_
from sqlmodel import Session, col, select

from store.models import Article, Meeting

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


def _conditions(f: MeetingFilter) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = [col(Meeting.deleted).is_(False)]
    if f.provinces:
        conditions.append(col(Meeting.province).in_(f.provinces))
    if f.kinds:
        conditions.append(col(Meeting.kind).in_(f.kinds))
    if f.date_from is not None:
        conditions.append(func.coalesce(Meeting.end_date, Meeting.start_date) >= f.date_from)
    if f.date_to is not None:
        conditions.append(col(Meeting.start_date) <= f.date_to)
    for person in f.people:
        conditions.append(col(Meeting.search_text).contains(person, autoescape=True))
    for alternatives in f.organizations:
        conditions.append(or_(*(col(Meeting.search_text).contains(a, autoescape=True) for a in alternatives)))
    for keyword in f.keywords:
        conditions.append(col(Meeting.search_text).contains(keyword, autoescape=True))
    if f.min_attendees is not None:
        conditions.append(col(Meeting.attendees) >= f.min_attendees)
    if f.max_attendees is not None:
        conditions.append(col(Meeting.attendees) <= f.max_attendees)
    return conditions


def _distance_in_days(session: Session, today: date) -> ColumnElement[Any]:
    if session.get_bind().dialect.name == "postgresql":
        return func.abs(col(Meeting.start_date) - today)
    return func.abs(func.julianday(Meeting.start_date) - func.julianday(today.isoformat()))


def find_meetings(
    *, session: Session, query: MeetingFilter, today: date, limit: int = 12, offset: int = 0
) -> tuple[list[tuple[Meeting, str]], int]:
    """The page of matching meetings with their article's source, and how many match in all."""
    where = and_(*_conditions(query))
    total = int(session.exec(select(func.count()).select_from(Meeting).where(where)).one())
    statement = select(Meeting, Article.source).join(Article).where(where)
    undated_last = col(Meeting.start_date).is_(None)
    if query.order == "latest":
        statement = statement.order_by(undated_last, col(Meeting.start_date).desc(), col(Meeting.id).desc())
    elif query.order == "upcoming":
        statement = statement.order_by(undated_last, col(Meeting.start_date).asc(), col(Meeting.id))
    else:
        statement = statement.order_by(
            undated_last, _distance_in_days(session, today), col(Meeting.id).desc()
        )
    rows = session.exec(statement.offset(offset).limit(limit)).all()
    return [(meeting, source) for meeting, source in rows], total


def provinces_with_meetings(*, session: Session) -> dict[str, int]:
    statement = (
        select(Meeting.province, func.count())
        .where(col(Meeting.deleted).is_(False), col(Meeting.province).is_not(None))
        .group_by(Meeting.province)
    )
    return {province: int(count) for province, count in session.exec(statement) if province}


def list_meetings(*, session: Session, limit: int = 200) -> list[tuple[Meeting, str]]:
    statement = (
        select(Meeting, Article.source)
        .join(Article)
        .where(col(Meeting.deleted).is_(False))
        .order_by(col(Meeting.start_date).desc(), col(Meeting.id).desc())
        .limit(limit)
    )
    return [(meeting, source) for meeting, source in session.exec(statement).all()]
