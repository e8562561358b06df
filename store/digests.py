"""The digest's bookkeeping: runs, batches and deliveries, written before and after every send."""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, delete, exists, func, insert, update
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from store.models import Article, Delivery, DigestBatch, DigestRun, Meeting, Subscriber, utcnow
from store.subscribers import WEB_CHAT

RETRY_NAMESPACE = uuid.UUID("6f1c2a4e-1f0b-4d8e-9a51-2b7c3e9d0a11")


@dataclass(frozen=True)
class PlannedBatch:
    """The same digest for up to 500 users (multicast), or for one group or room (push)."""

    meeting_ids: tuple[int, ...]
    subscriber_ids: list[int]


def retry_key(run_key: str, number: int) -> str:
    """The same run and batch always give the same key, so a resend after a crash is one LINE drops."""
    return str(uuid.uuid5(RETRY_NAMESPACE, f"{run_key}/{number}"))


def unfinished_run(session: Session, kind: str = "digest") -> DigestRun | None:
    return session.exec(
        select(DigestRun)
        .where(DigestRun.status == "running", DigestRun.kind == kind)
        .order_by(col(DigestRun.id))
    ).first()


def run_named(session: Session, key: str) -> DigestRun | None:
    return session.exec(select(DigestRun).where(DigestRun.key == key)).first()


@dataclass(frozen=True)
class Waiting:
    """What planning needs of a subscriber, without the ORM object."""

    id: int
    chat_type: str
    filters: list[dict[str, object]]
    since: datetime


def _waiting_filter(run_id: int | None) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = [
        col(Subscriber.active).is_(True),  # the chat page's browsers too: theirs go to store/web_inbox.py
    ]
    if run_id is not None:
        placed = sa_select(col(Delivery.id)).where(
            col(Delivery.run_id) == run_id, col(Delivery.subscriber_id) == col(Subscriber.id)
        )
        conditions.append(~exists(placed))
    return conditions


def waiting_pages(session: Session, run_id: int | None, *, page: int = 5_000) -> Iterator[list[Waiting]]:
    """Active subscribers that follow something and have no place in this run yet, a page at a time."""
    after = 0
    columns = (col(Subscriber.id), col(Subscriber.chat_type), col(Subscriber.filters),
               col(Subscriber.last_digest_at), col(Subscriber.subscribed_at))  # fmt: skip
    while True:
        statement = (
            sa_select(*columns)
            .where(*_waiting_filter(run_id), col(Subscriber.id) > after)
            .order_by(col(Subscriber.id))
            .limit(page)
        )
        rows = session.execute(statement).all()
        if not rows:
            return
        after = rows[-1][0]
        yield [Waiting(i, kind, filters, last or since) for i, kind, filters, last, since in rows if filters]


def earliest_since(session: Session, run_id: int | None) -> datetime | None:
    """The oldest point any waiting subscriber has had its digest up to: where to start reading meetings."""
    since = func.coalesce(Subscriber.last_digest_at, Subscriber.subscribed_at)
    found = session.execute(sa_select(func.min(since)).where(*_waiting_filter(run_id))).scalar()
    return found if isinstance(found, datetime) else None


def meetings_added(session: Session, *, after: datetime, cutoff: datetime) -> list[tuple[Meeting, str]]:
    """Live meetings stored in (after, cutoff], with their article's source."""
    statement = (
        select(Meeting, Article.source)
        .join(Article)
        .where(
            col(Meeting.created_at) > after,
            col(Meeting.created_at) <= cutoff,
            col(Meeting.deleted).is_(False),
        )
    )
    return [(meeting, source) for meeting, source in session.exec(statement)]


def open_run(session: Session, *, key: str, cutoff: datetime, kind: str = "digest") -> DigestRun:
    run = DigestRun(key=key, cutoff=cutoff, kind=kind)
    session.add(run)
    session.flush()
    return run


def record_plan(
    session: Session, run: DigestRun, batches: Sequence[PlannedBatch], nothing_new: Sequence[int]
) -> None:
    """Every placed subscriber gets a delivery row before anything is sent; "nothing new" moves on now."""
    assert run.id is not None
    number = int(
        session.exec(
            select(func.coalesce(func.max(DigestBatch.number), 0)).where(DigestBatch.run_id == run.id)
        ).one()
    )
    rows: list[dict[str, object]] = []
    for planned in batches:
        number += 1
        batch = DigestBatch(
            run_id=run.id,
            number=number,
            retry_key=retry_key(run.key, number),
            meeting_ids=list(planned.meeting_ids),
        )
        session.add(batch)
        session.flush()
        rows.extend(
            {"run_id": run.id, "subscriber_id": sid, "batch_id": batch.id, "status": "pending",
             "meeting_count": len(planned.meeting_ids)}
            for sid in planned.subscriber_ids
        )  # fmt: skip
    rows.extend(
        {"run_id": run.id, "subscriber_id": sid, "batch_id": None, "status": "nothing", "meeting_count": 0}
        for sid in nothing_new
    )
    for start in range(0, len(rows), 10_000):
        session.execute(insert(Delivery), rows[start : start + 10_000])
    if nothing_new:
        _advance(session, nothing_new, run.cutoff)


def _advance(session: Session, subscriber_ids: Sequence[int], cutoff: datetime) -> None:
    for start in range(0, len(subscriber_ids), 10_000):
        chunk = list(subscriber_ids[start : start + 10_000])
        session.execute(update(Subscriber).where(col(Subscriber.id).in_(chunk)).values(last_digest_at=cutoff))


def pending_batches(session: Session, run_id: int) -> list[DigestBatch]:
    statement = select(DigestBatch).where(DigestBatch.run_id == run_id, DigestBatch.status == "pending")
    return list(session.exec(statement.order_by(col(DigestBatch.number))))


def recipients(session: Session, batch_id: int) -> list[str]:
    """LINE ids still waiting in a batch; anyone who blocked the bot since is left out, and so are the
    chat page's browsers (`web_recipients`)."""
    statement = (
        select(Subscriber.line_id)
        .join(Delivery, col(Delivery.subscriber_id) == col(Subscriber.id))
        .where(Delivery.batch_id == batch_id, Delivery.status == "pending", col(Subscriber.active).is_(True))
        .where(col(Subscriber.chat_type) != WEB_CHAT)
        .order_by(col(Subscriber.id))
    )
    return list(session.exec(statement))


def web_recipients(session: Session, batch_id: int) -> dict[int, str]:
    """The chat page's browsers still waiting in a batch: subscriber id to chat id."""
    statement = (
        select(Subscriber.id, Subscriber.line_id)
        .join(Delivery, col(Delivery.subscriber_id) == col(Subscriber.id))
        .where(Delivery.batch_id == batch_id, Delivery.status == "pending", col(Subscriber.active).is_(True))
        .where(col(Subscriber.chat_type) == WEB_CHAT)
        .order_by(col(Subscriber.id))
    )
    return {subscriber_id: line_id for subscriber_id, line_id in session.exec(statement) if subscriber_id}


def mark_delivered(
    session: Session, batch_id: int, subscriber_ids: Sequence[int], *, cutoff: datetime, advance: bool
) -> None:
    """Some of a batch's chats have it (stored for the chat page), whatever becomes of the rest."""
    session.execute(
        update(Delivery)
        .where(col(Delivery.batch_id) == batch_id, col(Delivery.subscriber_id).in_(list(subscriber_ids)))
        .values(status="sent")
    )
    if advance:
        _advance(session, subscriber_ids, cutoff)


def mark_batch(
    session: Session,
    batch: DigestBatch,
    status: str,
    *,
    cutoff: datetime,
    error: str | None = None,
    advance: bool = True,
) -> None:
    """After a send: the batch, its deliveries and (a digest that went out) the subscribers' place in time."""
    batch.status = status
    batch.error = error
    batch.updated_at = utcnow()
    session.add(batch)
    session.execute(
        update(Delivery)
        .where(col(Delivery.batch_id) == batch.id, col(Delivery.status) == "pending")
        .values(status=status)
    )
    if status == "sent" and advance:
        sent = select(Delivery.subscriber_id).where(Delivery.batch_id == batch.id)
        session.execute(update(Subscriber).where(col(Subscriber.id).in_(sent)).values(last_digest_at=cutoff))


def finish_run(session: Session, run: DigestRun, status: str, report: dict[str, object]) -> None:
    run.status = status
    run.report = report
    run.finished_at = utcnow()
    session.add(run)


def pending_messages(session: Session, run_id: int) -> int:
    """Messages the rest of a run costs against the month's quota: one per LINE chat still waiting."""
    statement = (
        select(func.count())
        .select_from(Delivery)
        .join(Subscriber, col(Delivery.subscriber_id) == col(Subscriber.id))
        .where(Delivery.run_id == run_id, Delivery.status == "pending", col(Delivery.batch_id).is_not(None))
        .where(col(Subscriber.chat_type) != WEB_CHAT)
    )
    return int(session.exec(statement).one())


def meetings_by_id(session: Session, meeting_ids: Sequence[int]) -> list[tuple[Meeting, str]]:
    """Live meetings by id, in the order given, with their article's source."""
    statement = select(Meeting, Article.source).join(Article).where(col(Meeting.id).in_(list(meeting_ids)))
    found = {
        meeting.id: (meeting, source) for meeting, source in session.exec(statement) if not meeting.deleted
    }
    return [found[i] for i in meeting_ids if i in found]


def batch_by_id(session: Session, batch_id: int) -> DigestBatch | None:
    return session.get(DigestBatch, batch_id)


def prune_deliveries(session: Session, *, before: datetime) -> int:
    """Deliveries of runs finished before `before`; the runs and batches stay (the console, "ดูเพิ่ม")."""
    old_runs = select(DigestRun.id).where(col(DigestRun.finished_at) < before)
    result = session.execute(delete(Delivery).where(col(Delivery.run_id).in_(old_runs)))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def recent_runs(session: Session, limit: int = 10, *, kind: str = "digest") -> list[DigestRun]:
    statement = select(DigestRun).where(DigestRun.kind == kind).order_by(col(DigestRun.id).desc())
    return list(session.exec(statement.limit(limit)))
