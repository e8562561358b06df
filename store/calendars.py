"""Calendar feeds: a chat's secret token, and the meetings still to come."""

from __future__ import annotations

import secrets
from datetime import date, datetime

from sqlalchemy import func
from sqlmodel import Session, col, select

from store.models import Article, Meeting, Subscriber, utcnow
from store.subscribers import find_subscriber

TOKEN_BYTES = 24  # 32 URL-safe characters: not guessable, short enough for a chat message
FEED_LIMIT = 500


def _chat(session: Session, line_id: str, chat_type: str, now: datetime | None) -> Subscriber:
    subscriber = find_subscriber(session, line_id)
    if subscriber is None:  # a chat that follows nothing yet: its feed is empty until it does
        subscriber = Subscriber(line_id=line_id, chat_type=chat_type, subscribed_at=now or utcnow())
        session.add(subscriber)
    return subscriber


def calendar_token(session: Session, line_id: str, chat_type: str, *, now: datetime | None = None) -> str:
    """The chat's feed token, made on first asking."""
    subscriber = _chat(session, line_id, chat_type, now)
    if subscriber.calendar_token is None:
        subscriber.calendar_token = secrets.token_urlsafe(TOKEN_BYTES)
        session.add(subscriber)
        session.flush()
    return subscriber.calendar_token


def new_calendar_token(session: Session, line_id: str, chat_type: str, *, now: datetime | None = None) -> str:
    """A fresh token; the old address stops working at once."""
    subscriber = _chat(session, line_id, chat_type, now)
    subscriber.calendar_token = secrets.token_urlsafe(TOKEN_BYTES)
    session.add(subscriber)
    session.flush()
    return subscriber.calendar_token


def subscriber_by_token(session: Session, token: str) -> Subscriber | None:
    if not token or len(token) > 64:
        return None
    return session.exec(select(Subscriber).where(Subscriber.calendar_token == token)).first()


def upcoming_meetings(
    session: Session, *, today: date, limit: int = FEED_LIMIT * 20
) -> list[tuple[Meeting, str]]:
    """Live dated meetings whose last day is `today` or later, soonest first, with their article's source."""
    last_day = func.coalesce(Meeting.end_date, Meeting.start_date)
    statement = (
        select(Meeting, Article.source)
        .join(Article)
        .where(col(Meeting.deleted).is_(False), col(Meeting.start_date).is_not(None), last_day >= today)
        .order_by(col(Meeting.start_date), col(Meeting.id))
        .limit(limit)
    )
    return [(meeting, source) for meeting, source in session.exec(statement)]


def meeting_with_source(session: Session, meeting_id: int) -> tuple[Meeting, str] | None:
    """A live meeting and its article's source, or None."""
    if not 0 < meeting_id < 2**63:
        return None
    statement = select(Meeting, Article.source).join(Article).where(Meeting.id == meeting_id)
    found = session.exec(statement).first()
    if found is None or found[0].deleted:
        return None
    return found[0], found[1]
