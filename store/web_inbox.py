"""The chat page's inbox: pushes for browsers (chat type web), which have no LINE id to be sent to.

The digest and the reminder run store a web chat's message here in the same transaction that marks
its delivery done, so a run killed at any point stores it once; the page fetches what is unread.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import delete
from sqlmodel import Session, col, select

from store.models import WebMessage, utcnow


def store_messages(session: Session, chat_ids: Sequence[str], message: dict[str, Any], *, kind: str) -> None:
    """The same message for each chat, unread."""
    session.add_all(WebMessage(chat_id=chat_id, kind=kind, message=dict(message)) for chat_id in chat_ids)


def take_unread(session: Session, chat_id: str, *, limit: int = 20) -> list[dict[str, Any]]:
    """The chat's unread messages, oldest first, marked read: each is shown once."""
    statement = (
        select(WebMessage)
        .where(WebMessage.chat_id == chat_id, col(WebMessage.read_at).is_(None))
        .order_by(col(WebMessage.id))
        .limit(limit)
        .with_for_update()
    )
    unread = list(session.exec(statement))
    now = utcnow()
    for row in unread:
        row.read_at = now
        session.add(row)
    return [dict(row.message) for row in unread]


def prune_read(session: Session, *, before: datetime) -> int:
    """Messages read before `before`; unread ones wait for their browser."""
    result = session.execute(delete(WebMessage).where(col(WebMessage.read_at) < before))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
