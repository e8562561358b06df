"""Subscribers: one row per LINE chat, holding what it follows."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, select

from store.models import Subscriber, utcnow

WEB_CHAT = "web"  # the chat type of a browser on the local chat page: it has no LINE id to send to


def find_subscriber(session: Session, line_id: str) -> Subscriber | None:
    return session.exec(select(Subscriber).where(Subscriber.line_id == line_id)).first()


def save_follows(
    session: Session,
    line_id: str,
    chat_type: str,
    filters: list[dict[str, object]],
    *,
    now: datetime | None = None,
) -> Subscriber:
    """Replace what a chat follows. Starting to follow counts from now: no backlog arrives at once."""
    now = now or utcnow()
    subscriber = find_subscriber(session, line_id)
    if subscriber is None:
        subscriber = Subscriber(line_id=line_id, chat_type=chat_type, subscribed_at=now)
        session.add(subscriber)
    elif not subscriber.filters and filters:
        subscriber.last_digest_at = now
    subscriber.filters = filters
    subscriber.chat_type = chat_type
    subscriber.active = True
    session.flush()
    return subscriber


def set_active(
    session: Session, line_id: str, chat_type: str, *, active: bool, now: datetime | None = None
) -> None:
    """Blocking the bot stops every send; following it again restores the filters from then on."""
    subscriber = find_subscriber(session, line_id)
    if subscriber is None or subscriber.active == active:
        return
    subscriber.active = active
    subscriber.chat_type = chat_type
    if active:
        subscriber.last_digest_at = now or utcnow()
