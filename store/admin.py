"""What admins change by hand: corrections that outlive re-extraction, deletions, and the overview."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func
from sqlmodel import Session, col, select

from store.articles import apply_corrections
from store.models import Article, DigestRun, Meeting, Subscriber

MAX_ID = 2**31 - 1  # ids past this do not exist, and SQLite cannot even be asked about them


def live_meeting(session: Session, meeting_id: int) -> Meeting | None:
    if not 0 < meeting_id <= MAX_ID:
        return None
    meeting = session.get(Meeting, meeting_id)
    return None if meeting is None or meeting.deleted else meeting


def correct_meeting(session: Session, meeting: Meeting, changes: dict[str, object]) -> None:
    """Apply an admin's corrections; they are kept when the article is added again."""
    stored = {k: v.isoformat() if isinstance(v, date) else v for k, v in changes.items()}
    apply_corrections(meeting, stored)
    session.add(meeting)
    session.flush()


def delete_meeting(session: Session, meeting_id: int) -> Meeting | None:
    """Hide a meeting from answers and digests, for good: re-adding its article does not bring it back."""
    meeting = live_meeting(session, meeting_id)
    if meeting is None:
        return None
    apply_corrections(meeting, {"deleted": True})
    session.add(meeting)
    return meeting


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
        last_digest=session.exec(select(DigestRun).order_by(col(DigestRun.id).desc())).first(),
    )
