"""News sources and the items they listed: who to poll next, what was seen, how each source is doing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, update
from sqlmodel import Session, col, or_, select

from store.admin import MAX_ID
from store.models import Article, Meeting, SeenItem, Source

MAX_BACKOFF = timedelta(days=1)


@dataclass(frozen=True)
class SourceRow:
    """A source with what it brought: its articles and their live meetings."""

    source: Source
    articles: int
    meetings: int


def add_source(session: Session, url: str, name: str = "") -> tuple[Source, bool]:
    """The source at `url` (already canonical), and whether it is new."""
    known = session.exec(select(Source).where(Source.url == url)).first()
    if known is not None:
        return known, False
    source = Source(url=url, name=name)
    session.add(source)
    session.flush()
    return source, True


def get_source(session: Session, source_id: int) -> Source | None:
    return session.get(Source, source_id) if 0 < source_id <= MAX_ID else None


def remove_source(session: Session, source_id: int) -> Source | None:
    """Forget a source; its articles and meetings stay, no longer linked to it."""
    source = get_source(session, source_id)
    if source is None:
        return None
    session.execute(update(Article).where(col(Article.source_id) == source_id).values(source_id=None))
    session.execute(update(SeenItem).where(col(SeenItem.source_id) == source_id).values(source_id=None))
    session.delete(source)
    session.flush()
    return source


def list_sources(session: Session) -> list[SourceRow]:
    articles = dict(
        session.exec(
            select(Article.source_id, func.count())
            .where(col(Article.source_id).is_not(None))
            .group_by(col(Article.source_id))
        ).all()
    )
    meetings = dict(
        session.exec(
            select(Article.source_id, func.count())
            .join(Meeting, col(Meeting.article_id) == col(Article.id))
            .where(col(Article.source_id).is_not(None), col(Meeting.deleted).is_(False))
            .group_by(col(Article.source_id))
        ).all()
    )
    sources = session.exec(select(Source).order_by(col(Source.id))).all()
    return [SourceRow(s, int(articles.get(s.id, 0)), int(meetings.get(s.id, 0))) for s in sources]


def due_sources(session: Session, now: datetime) -> list[Source]:
    """Sources whose next try has come (a new one: at once)."""
    statement = select(Source).where(or_(col(Source.next_try_at).is_(None), col(Source.next_try_at) <= now))
    return list(session.exec(statement.order_by(col(Source.id))).all())


def seen_item(session: Session, url: str) -> SeenItem | None:
    return session.exec(select(SeenItem).where(SeenItem.url == url)).first()


def seen_urls(session: Session, urls: list[str]) -> dict[str, str]:
    """Of `urls`, those already seen, with the fingerprint they had then."""
    found: dict[str, str] = {}
    for start in range(0, len(urls), 500):
        chunk = urls[start : start + 500]
        rows = session.exec(select(SeenItem.url, SeenItem.fingerprint).where(col(SeenItem.url).in_(chunk)))
        found.update(dict(rows.all()))
    return found


def backoff(poll_every: timedelta, failures: int) -> timedelta:
    """The wait after the n-th failure in a row: the poll interval doubled each time, at most a day."""
    wait: timedelta = poll_every * (2 ** max(failures - 1, 0))
    return min(wait, MAX_BACKOFF)


def mark_success(source: Source, *, now: datetime, poll_every: timedelta) -> None:
    source.last_checked = now
    source.failures_in_row = 0
    source.failing_since = None
    source.last_error = None
    source.healthy = True
    source.next_try_at = now + poll_every


def mark_failure(
    source: Source, error: str, *, now: datetime, poll_every: timedelta, fail_after: timedelta
) -> None:
    """One more failure: wait longer before the next try; unhealthy once it has failed for `fail_after`."""
    source.last_checked = now
    source.failures_in_row += 1
    source.failing_since = source.failing_since or now
    source.last_error = error[:1000]
    source.healthy = now - _aware(source.failing_since, now) < fail_after
    source.next_try_at = now + backoff(poll_every, source.failures_in_row)


def _aware(moment: datetime, like: datetime) -> datetime:
    """SQLite hands datetimes back without their zone; they were stored in UTC."""
    return moment if moment.tzinfo is not None or like.tzinfo is None else moment.replace(tzinfo=like.tzinfo)
