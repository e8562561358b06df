"""News sources and the items they listed: who to poll next, what was seen, how each source is doing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, update
from sqlmodel import Session, col, or_, select

from store.admin import MAX_ID, lock_for_write
from store.models import Article, Meeting, SeenItem, Source

MAX_BACKOFF = timedelta(days=1)
LINK_ATTEMPTS = 4  # an article link that fails this many times in a row is given up


@dataclass(frozen=True)
class SeenState:
    """How an address was left: the entry it had, and for a link that would not open, its retries."""

    fingerprint: str
    attempts: int = 0
    next_try_at: datetime | None = None

    def due(self, fingerprint: str, now: datetime) -> bool:
        """Fetch it now? A changed entry always; a failing link when its wait is over, never once given up."""
        if fingerprint != self.fingerprint:
            return True
        if self.attempts == 0 or self.next_try_at is None:
            return False
        return _aware(self.next_try_at, now) <= now


@dataclass(frozen=True)
class SourceRow:
    """A source with what it brought: its articles and their live meetings."""

    source: Source
    articles: int
    meetings: int
    retrying_links: int = 0  # article links that would not open, to be tried again
    dropped_links: int = 0  # article links given up after LINK_ATTEMPTS failures


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
    retrying, dropped = _failing_links(session)
    sources = session.exec(select(Source).order_by(col(Source.id))).all()
    return [
        SourceRow(
            s,
            int(articles.get(s.id, 0)),
            int(meetings.get(s.id, 0)),
            retrying.get(s.id or 0, 0),
            dropped.get(s.id or 0, 0),
        )
        for s in sources
    ]


def _failing_links(session: Session) -> tuple[dict[int, int], dict[int, int]]:
    """Per source: links still being retried, and links given up."""
    gave_up = (col(SeenItem.attempts) >= LINK_ATTEMPTS).label("gave_up")
    rows = session.exec(
        select(SeenItem.source_id, gave_up, func.count())
        .where(col(SeenItem.source_id).is_not(None), col(SeenItem.attempts) > 0)
        .group_by(col(SeenItem.source_id), gave_up)
    ).all()
    retrying: dict[int, int] = {}
    dropped: dict[int, int] = {}
    for source_id, given_up, count in rows:
        (dropped if given_up else retrying)[int(source_id or 0)] = int(count)
    return retrying, dropped


def due_sources(session: Session, now: datetime) -> list[Source]:
    """Sources whose next try has come (a new one: at once)."""
    statement = select(Source).where(or_(col(Source.next_try_at).is_(None), col(Source.next_try_at) <= now))
    return list(session.exec(statement.order_by(col(Source.id))).all())


def seen_item(session: Session, url: str) -> SeenItem | None:
    return session.exec(select(SeenItem).where(SeenItem.url == url)).first()


def seen_urls(session: Session, urls: list[str]) -> dict[str, SeenState]:
    """Of `urls`, those already seen, as they were left."""
    found: dict[str, SeenState] = {}
    for start in range(0, len(urls), 500):
        chunk = urls[start : start + 500]
        rows = session.exec(
            select(SeenItem.url, SeenItem.fingerprint, SeenItem.attempts, SeenItem.next_try_at).where(
                col(SeenItem.url).in_(chunk)
            )
        )
        found.update({url: SeenState(print_, attempts, next_try) for url, print_, attempts, next_try in rows})
    return found


def record_link_failure(
    session: Session, *, url: str, fingerprint: str, source_id: int, error: str, now: datetime,
    poll_every: timedelta,
) -> SeenItem:  # fmt: skip
    """A listed article would not open: try it again after a growing wait, and give up after LINK_ATTEMPTS."""
    lock_for_write(session)  # two pollers failing on the same link record it once
    seen = seen_item(session, url) or SeenItem(url=url, fingerprint=fingerprint, source_id=source_id)
    seen.attempts += 1
    seen.fingerprint = fingerprint
    seen.last_error = error[:1000]
    seen.next_try_at = None if seen.attempts >= LINK_ATTEMPTS else now + backoff(poll_every, seen.attempts)
    session.add(seen)
    return seen


def clear_link_failure(seen: SeenItem) -> None:
    seen.attempts, seen.next_try_at, seen.last_error = 0, None, None


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
