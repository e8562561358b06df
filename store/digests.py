"""The digest's bookkeeping: runs, batches and deliveries, written before and after every send."""

from __future__ import annotations

import json
import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, insert, update
from sqlmodel import Session, col, select

from handlers.digest import Row, digest_meetings
from handlers.follows import read_follows
from store.models import Article, Delivery, DigestBatch, DigestRun, Meeting, Subscriber, utcnow

MULTICAST_LIMIT = 500
RETRY_NAMESPACE = uuid.UUID("6f1c2a4e-1f0b-4d8e-9a51-2b7c3e9d0a11")


@dataclass(frozen=True)
class PlannedBatch:
    """The same digest for up to 500 users (multicast), or for one group or room (push)."""

    meeting_ids: tuple[int, ...]
    subscriber_ids: list[int]


@dataclass
class Plan:
    batches: list[PlannedBatch] = field(default_factory=list)
    nothing_new: list[int] = field(default_factory=list)
    considered: int = 0

    @property
    def recipients(self) -> int:
        return sum(len(b.subscriber_ids) for b in self.batches)

    @property
    def meeting_ids(self) -> set[int]:
        return {i for b in self.batches for i in b.meeting_ids}


def retry_key(run_key: str, number: int) -> str:
    """The same run and batch always give the same key, so a resend after a crash is one LINE drops."""
    return str(uuid.uuid5(RETRY_NAMESPACE, f"{run_key}/{number}"))


def unfinished_run(session: Session) -> DigestRun | None:
    return session.exec(
        select(DigestRun).where(DigestRun.status == "running").order_by(col(DigestRun.id))
    ).first()


def run_named(session: Session, key: str) -> DigestRun | None:
    return session.exec(select(DigestRun).where(DigestRun.key == key)).first()


def plan_digest(session: Session, *, cutoff: datetime, run_id: int | None = None) -> Plan:
    """Who gets which meetings, for every active subscriber not yet placed in this run."""
    placed: set[int] = set()
    if run_id is not None:
        placed = set(session.exec(select(Delivery.subscriber_id).where(Delivery.run_id == run_id)))
    subscribers = [
        s
        for s in session.exec(
            select(Subscriber).where(col(Subscriber.active).is_(True)).order_by(col(Subscriber.id))
        )
        if s.filters and s.id not in placed
    ]
    plan = Plan(considered=len(subscribers))
    if not subscribers:
        return plan
    earliest = min(_since(s) for s in subscribers)
    rows = _rows_added(session, after=earliest, cutoff=cutoff)
    chosen: dict[tuple[str, datetime], tuple[int, ...]] = {}
    groups: dict[tuple[tuple[int, ...], str], list[int]] = defaultdict(list)
    for subscriber in subscribers:
        key = (json.dumps(subscriber.filters, sort_keys=True, ensure_ascii=False), _since(subscriber))
        if key not in chosen:
            picked = digest_meetings(rows, read_follows(subscriber.filters), since=key[1], cutoff=cutoff)
            chosen[key] = tuple(meeting.id for meeting, _ in picked if meeting.id is not None)
        ids = chosen[key]
        if not ids:
            plan.nothing_new.append(subscriber.id or 0)
        elif subscriber.chat_type == "user":
            groups[(ids, "user")].append(subscriber.id or 0)
        else:  # multicast reaches users only: groups and rooms get a push each
            plan.batches.append(PlannedBatch(ids, [subscriber.id or 0]))
    for (ids, _), members in groups.items():
        for start in range(0, len(members), MULTICAST_LIMIT):
            plan.batches.append(PlannedBatch(ids, members[start : start + MULTICAST_LIMIT]))
    return plan


def _since(subscriber: Subscriber) -> datetime:
    return subscriber.last_digest_at or subscriber.subscribed_at


def _rows_added(session: Session, *, after: datetime, cutoff: datetime) -> list[Row]:
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


def open_run(session: Session, *, key: str, cutoff: datetime) -> DigestRun:
    run = DigestRun(key=key, cutoff=cutoff)
    session.add(run)
    session.flush()
    return run


def record_plan(session: Session, run: DigestRun, plan: Plan) -> None:
    """Every placed subscriber gets a delivery row before anything is sent; "nothing new" moves on now."""
    assert run.id is not None
    number = int(
        session.exec(
            select(func.coalesce(func.max(DigestBatch.number), 0)).where(DigestBatch.run_id == run.id)
        ).one()
    )
    rows: list[dict[str, object]] = []
    for planned in plan.batches:
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
        for sid in plan.nothing_new
    )
    if rows:
        session.execute(insert(Delivery), rows)
    if plan.nothing_new:
        _advance(session, plan.nothing_new, run.cutoff)


def _advance(session: Session, subscriber_ids: Sequence[int], cutoff: datetime) -> None:
    for start in range(0, len(subscriber_ids), 10_000):
        chunk = list(subscriber_ids[start : start + 10_000])
        session.execute(update(Subscriber).where(col(Subscriber.id).in_(chunk)).values(last_digest_at=cutoff))


def pending_batches(session: Session, run_id: int) -> list[DigestBatch]:
    statement = select(DigestBatch).where(DigestBatch.run_id == run_id, DigestBatch.status == "pending")
    return list(session.exec(statement.order_by(col(DigestBatch.number))))


def recipients(session: Session, batch_id: int) -> list[tuple[int, str]]:
    """Subscriber ids and LINE ids still waiting in a batch; anyone who blocked the bot since is left out."""
    statement = (
        select(Subscriber.id, Subscriber.line_id)
        .join(Delivery, col(Delivery.subscriber_id) == col(Subscriber.id))
        .where(Delivery.batch_id == batch_id, Delivery.status == "pending", col(Subscriber.active).is_(True))
        .order_by(col(Subscriber.id))
    )
    return [(int(sid or 0), line_id) for sid, line_id in session.exec(statement)]


def mark_batch(
    session: Session, batch: DigestBatch, status: str, *, cutoff: datetime, error: str | None = None
) -> None:
    """After a send: the batch, its deliveries and (when it went out) the subscribers' place in time."""
    batch.status = status
    batch.error = error
    batch.updated_at = utcnow()
    session.add(batch)
    session.execute(
        update(Delivery)
        .where(col(Delivery.batch_id) == batch.id, col(Delivery.status) == "pending")
        .values(status=status)
    )
    if status == "sent":
        sent = select(Delivery.subscriber_id).where(Delivery.batch_id == batch.id)
        session.execute(update(Subscriber).where(col(Subscriber.id).in_(sent)).values(last_digest_at=cutoff))


def finish_run(session: Session, run: DigestRun, status: str, report: dict[str, object]) -> None:
    run.status = status
    run.report = report
    run.finished_at = utcnow()
    session.add(run)


def recent_runs(session: Session, limit: int = 10) -> list[DigestRun]:
    return list(session.exec(select(DigestRun).order_by(col(DigestRun.id).desc()).limit(limit)))
