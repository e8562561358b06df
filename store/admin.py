"""What admins change by hand: corrections that outlive re-extraction, deletions, and the overview."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, text
from sqlmodel import Session, col, select

from store.articles import apply_corrections
from store.models import Article, DigestRun, Meeting, Subscriber

ADMIN_WRITE_LOCK = 0x70726163  # "prac": PostgreSQL's advisory lock key for admin writes
MAX_ID = 2**31 - 1  # ids past this do not exist, and SQLite cannot even be asked about them


def lock_for_write(session: Session) -> None:
    """Make this transaction the only writer from here on, so what it reads next is what it changes.

    SQLite (in Python's default transaction mode) reads outside any transaction until the first
    write, so the read-modify-writes of two requests interleave and one change is lost: BEGIN
    IMMEDIATE takes the write lock first (others wait, busy_timeout). On PostgreSQL a transaction
    lock orders admin writes the same way (re-adding an article reads every meeting's corrections),
    and `live_meeting(..., for_update=True)` locks the row besides.
    """
    connection = session.connection()
    if connection.dialect.name == "sqlite":
        dbapi: Any = connection.connection.dbapi_connection
        if not dbapi.in_transaction:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
    elif connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": ADMIN_WRITE_LOCK})


def live_meeting(session: Session, meeting_id: int, *, for_update: bool = False) -> Meeting | None:
    """The meeting, unless it does not exist or was deleted; `for_update` locks it for this transaction."""
    if not 0 < meeting_id <= MAX_ID:
        return None
    statement = select(Meeting).where(Meeting.id == meeting_id)
    if for_update:
        lock_for_write(session)
        statement = statement.with_for_update().execution_options(populate_existing=True)
    meeting = session.exec(statement).first()
    return None if meeting is None or meeting.deleted else meeting


def correct_meeting(session: Session, meeting: Meeting, changes: dict[str, object]) -> None:
    """Apply an admin's corrections to a meeting read with `for_update`; they outlive re-extraction."""
    stored = {k: v.isoformat() if isinstance(v, date) else v for k, v in changes.items()}
    apply_corrections(meeting, stored)
    session.add(meeting)
    session.flush()


def delete_meeting(session: Session, meeting_id: int) -> Meeting | None:
    """Hide a meeting from answers and digests, for good: re-adding its article does not bring it back.

    None when it does not exist or is already deleted, so of concurrent deletes exactly one succeeds.
    """
    meeting = live_meeting(session, meeting_id, for_update=True)
    if meeting is None:
        return None
    apply_corrections(meeting, {"deleted": True})
    session.add(meeting)
    session.flush()
    return meeting


def meetings_to_review(
    session: Session, *, below: float, limit: int, offset: int = 0
) -> tuple[list[tuple[Meeting, str]], int]:
    """Meetings with a field the extractor was less sure of than `below`, least sure first."""
    unsure = (Meeting.least_confidence < below) & (Meeting.deleted == False)  # noqa: E712
    total = session.exec(select(func.count()).select_from(Meeting).where(unsure)).one()
    rows = session.exec(
        select(Meeting, Article.source)
        .join(Article, col(Article.id) == Meeting.article_id)
        .where(unsure)
        .order_by(col(Meeting.least_confidence), col(Meeting.id))
        .limit(limit)
        .offset(offset)
    ).all()
    return [(meeting, source) for meeting, source in rows], total


@dataclass(frozen=True)
class Stats:
    articles: int
    meetings: int
    subscribers: int
    last_digest: DigestRun | None


def stats(session: Session) -> Stats:
    def count(statement: object) -> int:
        return int(session.exec(statement).one())  # type: ignore[call-overload]

    return Stats(
        articles=count(select(func.count()).select_from(Article)),
        meetings=count(select(func.count()).select_from(Meeting).where(col(Meeting.deleted).is_(False))),
        subscribers=count(
            select(func.count()).select_from(Subscriber).where(col(Subscriber.active).is_(True))
        ),
        last_digest=session.exec(
            select(DigestRun).where(DigestRun.kind == "digest").order_by(col(DigestRun.id).desc())
        ).first(),
    )
