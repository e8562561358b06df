"""Finding meetings: every filter runs in the database, on SQLite and PostgreSQL alike."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Literal

from sqlalchemy import ColumnElement, and_, false, func, not_, or_
from sqlmodel import Session, col, select

from store.models import Article, Meeting
from store.search import chair_contains, contains, in_article, position_is, province_names, word_forms

Order = Literal["relevance", "latest", "upcoming"]


@dataclass(frozen=True)
class MeetingFilter:
    """What a question asks for; every part that is set must hold (AND).

    Text parts are folded (`news.clean.fold`). `people` are names in the meeting's fields;
    `positions` hold alternatives the chair's position must start with; `organizations` hold
    alternatives for a body, found in the fields, the chair's position or the article's text;
    `keywords` are free words, found in the fields or the article's text.
    """

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
    positions: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True)
class Found:
    """A page of matches, how many match (capped), and the free words no meeting had (set aside)."""

    rows: list[tuple[Meeting, str]]
    total: int
    set_aside: tuple[str, ...] = ()


def _conditions(f: MeetingFilter, dialect: str, *, broad: bool = False) -> list[ColumnElement[bool]]:
    """What must hold, with text parts found anywhere (fields, chair's position or article)."""
    conditions = _understood(f, dialect, broad=broad)
    for alternatives in f.organizations:
        conditions.append(
            or_(*(or_(contains(a, dialect, broad=broad), chair_contains(a), in_article(a, dialect))
                  for a in alternatives))
        )  # fmt: skip
    for keyword in f.keywords:
        forms = word_forms(keyword)
        conditions.append(or_(*(contains(w, dialect, broad=broad) for w in forms),
                              *(in_article(w, dialect) for w in forms)))  # fmt: skip
    return conditions


def _keywords_in_fields(f: MeetingFilter, dialect: str, *, broad: bool) -> list[ColumnElement[bool]]:
    return [or_(*(contains(w, dialect, broad=broad) for w in word_forms(k))) for k in f.keywords]


def _in_fields(f: MeetingFilter, dialect: str, *, broad: bool = False) -> ColumnElement[bool] | None:
    """The text parts found in the meeting's own fields: it ranks before a meeting found by its article."""
    parts = [or_(*(contains(a, dialect, broad=broad) for a in names)) for names in f.organizations]
    if f.provinces:  # NOT NULL, so that "not in the fields" holds for a meeting with no province
        parts.append(and_(col(Meeting.province).is_not(None), col(Meeting.province).in_(f.provinces)))
    return and_(*parts) if parts else None


def _understood(f: MeetingFilter, dialect: str, *, broad: bool) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = [col(Meeting.deleted) == false()]
    if f.provinces:
        conditions.append(_in_provinces(f.provinces, dialect))
    if f.kinds:
        conditions.append(col(Meeting.kind).in_(f.kinds))
    conditions.extend(_overlapping(f.date_from, f.date_to))
    for person in f.people:
        conditions.append(contains(person, dialect, broad=broad))
    for alternatives in f.positions:
        conditions.append(or_(*(position_is(a) for a in alternatives)))
    if f.min_attendees is not None:
        conditions.append(col(Meeting.attendees) >= f.min_attendees)
    if f.max_attendees is not None:
        conditions.append(col(Meeting.attendees) <= f.max_attendees)
    return conditions


def _in_provinces(provinces: tuple[str, ...], dialect: str) -> ColumnElement[bool]:
    """The meeting's province, or, when extraction found none, the province its article names."""
    names = [name for province in provinces for name in province_names(province)]
    named = [in_article(name, dialect, times=2) for name in names]
    unknown = and_(col(Meeting.province).is_(None), or_(*named))
    return or_(col(Meeting.province).in_(provinces), unknown)


def _overlapping(first: date | None, last: date | None) -> list[ColumnElement[bool]]:
    """Meetings that take place on some day from `first` to `last`, in a form both indexes serve."""
    start, end = col(Meeting.start_date), col(Meeting.end_date)
    if first is None:
        return [] if last is None else [start <= last]
    begins_inside = start >= first if last is None else start.between(first, last)
    return [or_(begins_inside, and_(start < first, end >= first))]


MAX_NAME = 60
COUNT_CAP = 1000  # "more than 1,000" is all a chat reply needs; counting further costs time


def _count(session: Session, where: ColumnElement[bool]) -> int:
    matching = select(col(Meeting.id)).join(Article).where(where).limit(COUNT_CAP + 1).subquery()
    return int(session.exec(select(func.count()).select_from(matching)).one())


def find_meetings(
    *, session: Session, query: MeetingFilter, today: date, limit: int = 12, offset: int = 0
) -> tuple[list[tuple[Meeting, str]], int]:
    """The page of matching meetings with their article's source, and how many match (capped).

    Every part of the filter must hold. Free words found in some meeting's own fields keep to
    those meetings (an article that only mentions a topic is not about it); otherwise the
    article's text counts. Meetings whose fields hold the body or province asked for come before
    those found through their article's text.
    """
    dialect = session.get_bind().dialect.name
    where = and_(*_conditions(query, dialect))
    total = _count(session, where)
    if total == 0:
        return [], 0
    broad = total > COUNT_CAP
    if broad:
        where = and_(*_conditions(query, dialect, broad=True))
    if query.keywords and not _names_a_chair(session, where, query.keywords):
        own = and_(where, *_keywords_in_fields(query, dialect, broad=broad))
        in_own = _count(session, own)
        if in_own:
            where, total = own, in_own
    fields = _in_fields(query, dialect, broad=broad)
    if fields is None:
        return _page(session, where, query, today, limit, offset), total
    first_tier = and_(where, fields)
    in_fields = _count(session, first_tier)
    rows = _page(session, first_tier, query, today, limit, offset) if offset < in_fields else []
    if len(rows) < limit:
        rest = and_(where, not_(fields))
        rows += _page(session, rest, query, today, limit - len(rows), max(0, offset - in_fields))
    return rows, total


def _names_a_chair(session: Session, where: ColumnElement[bool], keywords: tuple[str, ...]) -> bool:
    """Whether a free word is some chair's name: then an article that mentions the person counts too."""
    words = [col(Meeting.chair).contains(k, autoescape=True) for k in keywords if len(k) >= 3]
    if not words:
        return False
    named = or_(*words)
    a_name = func.length(col(Meeting.chair)) <= MAX_NAME  # longer is a sentence extraction took for a name
    return bool(_count(session, and_(where, named, a_name)))


def search_meetings(
    *, session: Session, query: MeetingFilter, today: date, limit: int = 12, offset: int = 0
) -> Found:
    """Like `find_meetings`, but free words never empty an answer: those no matching meeting
    contains are set aside, and the answer is what the rest of the question finds."""
    rows, total = find_meetings(session=session, query=query, today=today, limit=limit, offset=offset)
    if total or not query.keywords:
        return Found(rows, total)
    dialect = session.get_bind().dialect.name
    kept: list[str] = []
    for keyword in query.keywords:
        trial = replace(query, keywords=(*kept, keyword))
        if _count(session, and_(*_conditions(trial, dialect))):
            kept.append(keyword)
    set_aside = tuple(k for k in query.keywords if k not in kept)
    relaxed = replace(query, keywords=tuple(kept))
    if not kept and not _has_filter(relaxed):
        return Found([], 0, set_aside)
    rows, total = find_meetings(session=session, query=relaxed, today=today, limit=limit, offset=offset)
    return Found(rows, total, set_aside)


def _has_filter(f: MeetingFilter) -> bool:
    """Whether anything but free words narrows the search."""
    counts = (f.min_attendees, f.max_attendees)
    return any([f.provinces, f.kinds, f.date_from, f.date_to, f.people, f.organizations, f.positions,
                any(n is not None for n in counts), f.order != "relevance"])  # fmt: skip


def _page(
    session: Session, where: ColumnElement[bool], query: MeetingFilter, today: date, limit: int, offset: int
) -> list[tuple[Meeting, str]]:
    """One page in the question's order; each ordering walks the start-date indexes and stops after
    the page, so a question that matches most of the table costs no more than one that matches a few."""
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
    return [(meeting, source) for meeting, source in rows[offset:wanted]]


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
