"""Reminders: "เตือนฉัน" on a meeting, and what a reminder run sends the day before."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime

from sqlalchemy import ColumnElement, delete, exists, or_
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from store.models import Article, Delivery, Meeting, Reminder, Subscriber
from store.subscribers import find_subscriber

MAX_REMINDERS = 50  # a chat's upcoming reminders


def add_reminder(session: Session, line_id: str, chat_type: str, meeting: Meeting, *, now: datetime) -> bool:
    """Remind this chat the day before `meeting` (as dated now); False when it already was."""
    assert meeting.id is not None and meeting.start_date is not None
    subscriber = find_subscriber(session, line_id)
    if subscriber is None:
        subscriber = Subscriber(line_id=line_id, chat_type=chat_type, subscribed_at=now)
        session.add(subscriber)
        session.flush()
    existing = session.exec(
        select(Reminder).where(Reminder.subscriber_id == subscriber.id, Reminder.meeting_id == meeting.id)
    ).first()
    if existing is not None and existing.day == meeting.start_date:
        return False
    if existing is not None:  # the meeting moved since: the reminder follows the date asked for now
        existing.day = meeting.start_date
        session.add(existing)
    else:
        session.add(Reminder(subscriber_id=subscriber.id or 0, meeting_id=meeting.id, day=meeting.start_date))
    session.flush()
    return True


def cancel_reminder(session: Session, line_id: str, meeting_id: int) -> bool:
    subscriber = find_subscriber(session, line_id)
    if subscriber is None:
        return False
    result = session.execute(
        delete(Reminder).where(
            col(Reminder.subscriber_id) == subscriber.id, col(Reminder.meeting_id) == meeting_id
        )
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


def _live() -> list[object]:
    """A reminder holds while its meeting is not deleted and still starts on the day it was asked for."""
    return [col(Meeting.deleted).is_(False), col(Meeting.start_date) == col(Reminder.day)]


def reminders_of(session: Session, line_id: str, *, today: date) -> list[tuple[Meeting, str]]:
    """The chat's reminders still to come (the meeting today or later), soonest first."""
    subscriber = find_subscriber(session, line_id)
    if subscriber is None:
        return []
    statement = (
        select(Meeting, Article.source)
        .join(Reminder, col(Reminder.meeting_id) == col(Meeting.id))
        .join(Article, col(Article.id) == col(Meeting.article_id))
        .where(Reminder.subscriber_id == subscriber.id, col(Reminder.day) >= today, *_live())  # type: ignore[arg-type]
        .order_by(col(Reminder.day), col(Meeting.id))
        .limit(MAX_REMINDERS)
    )
    return [(meeting, source) for meeting, source in session.exec(statement)]


def drop_cancelled(session: Session) -> int:
    """Reminders whose meeting was deleted or moved to another day: they will never be sent."""
    gone = sa_select(col(Meeting.id)).where(
        col(Meeting.id) == col(Reminder.meeting_id),
        or_(
            col(Meeting.deleted).is_(True),
            col(Meeting.start_date).is_(None),
            col(Meeting.start_date) != col(Reminder.day),
        ),
    )
    result = session.execute(delete(Reminder).where(exists(gone)))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def asked_for(session: Session, day: date, run_id: int | None) -> dict[int, list[int]]:
    """subscriber id → ids of the meetings on `day` it asked to be reminded of, for active LINE chats not
    yet placed in run `run_id`."""
    statement = (
        sa_select(col(Reminder.subscriber_id), col(Meeting.id))
        .join(Meeting, col(Meeting.id) == col(Reminder.meeting_id))
        .join(Subscriber, col(Subscriber.id) == col(Reminder.subscriber_id))
        .where(col(Reminder.day) == day, *_pushable(), *_live())  # type: ignore[arg-type]
        .order_by(col(Reminder.subscriber_id), col(Meeting.id))
    )
    if run_id is not None:
        statement = statement.where(~exists(_placed(run_id)))
    found: dict[int, list[int]] = defaultdict(list)
    for subscriber_id, meeting_id in session.execute(statement):
        found[subscriber_id].append(meeting_id)
    return found


def _pushable() -> list[ColumnElement[bool]]:
    """Active chats; the chat page's browsers (chat type web) get theirs in store/web_inbox.py."""
    return [col(Subscriber.active).is_(True)]


def _placed(run_id: int):  # type: ignore[no-untyped-def]
    return sa_select(col(Delivery.id)).where(
        col(Delivery.run_id) == run_id, col(Delivery.subscriber_id) == col(Subscriber.id)
    )


def reminding_followers(session: Session, run_id: int | None) -> list[tuple[int, list[dict[str, object]]]]:
    """(id, filters) of active LINE chats with a follow that asks for reminders, not yet placed in the run."""
    statement = sa_select(col(Subscriber.id), col(Subscriber.filters)).where(*_pushable())
    if run_id is not None:
        statement = statement.where(~exists(_placed(run_id)))
    return [
        (subscriber_id, filters)
        for subscriber_id, filters in session.execute(statement.order_by(col(Subscriber.id)))
        if any(isinstance(f, dict) and f.get("remind") for f in filters or [])
    ]


def meetings_on(session: Session, day: date) -> list[Meeting]:
    """Live meetings that start on `day`."""
    statement = select(Meeting).where(col(Meeting.deleted).is_(False), Meeting.start_date == day)
    return list(session.exec(statement.order_by(col(Meeting.id))))
