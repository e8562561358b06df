"""The event queue: webhook events stored before the 200, claimed by workers under a lease, then done.

PostgreSQL: any number of workers claim with `FOR UPDATE SKIP LOCKED`. SQLite: the same table
and statements without row locks; one worker (a guarded UPDATE still stops a second one taking
what the first holds). An event is not claimable while an older event of its chat is pending,
so each chat is answered in order.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    Integer,
    and_,
    bindparam,
    delete,
    exists,
    func,
    insert,
    literal_column,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import col

from store.models import DataRevision, InboxEvent, ProcessedEvent, utcnow

TABLE = InboxEvent.__table__  # type: ignore[attr-defined]
PROCESSED = ProcessedEvent.__table__  # type: ignore[attr-defined]
REVISION = DataRevision.__table__  # type: ignore[attr-defined]
CHANNEL = "prachum_events"  # PostgreSQL: NOTIFY on it when events are stored; idle workers LISTEN


@dataclass(frozen=True)
class Claimed:
    """What a worker needs of a stored event.

    `answered`: its event id was answered before (a redelivery). `data_revision`: the articles' and
    meetings' revision when it was claimed (store.models.DataRevision), read before its answer is made.
    """

    id: int
    event_id: str
    chat_type: str
    payload: str
    attempts: int
    received_at: datetime
    answered: bool = False
    data_revision: int | None = None


def chat_of(event: dict[str, Any]) -> tuple[str, str]:
    """(chat key, chat type) of a raw webhook event; an event without a chat is its own."""
    found = event.get("source")
    source: dict[str, Any] = found if isinstance(found, dict) else {}
    kind = str(source.get("type") or "")
    ident = source.get({"group": "groupId", "room": "roomId"}.get(kind, "userId"))
    if kind and ident:
        return f"{kind}:{ident}"[:80], kind[:8]
    return f"none:{event.get('webhookEventId') or id(event)}"[:80], kind[:8]


def event_rows(events: Sequence[dict[str, Any]], now: datetime) -> list[dict[str, Any]]:
    """The `inboxevent` rows of one webhook's events, pending.

    The payload is ASCII JSON: a lone surrogate that LINE's JSON can carry (`"\\ud800"`) survives it,
    where UTF-8 would refuse to encode it.
    """
    rows = []
    for event in events:
        chat, chat_type = chat_of(event)
        rows.append({
            "event_id": str(event.get("webhookEventId") or "")[:64], "chat": chat, "chat_type": chat_type,
            "payload": json.dumps(event), "status": "pending", "attempts": 0,
            "received_at": now,
        })  # fmt: skip
    return rows


def store_events(engine: Engine, events: Sequence[dict[str, Any]]) -> int:
    """Every event of one webhook, in one transaction; returns how many were stored."""
    rows = event_rows(events, utcnow())
    if rows:
        with engine.begin() as connection:
            connection.execute(insert(TABLE), rows)
            if engine.dialect.name == "postgresql":
                connection.execute(text(f"NOTIFY {CHANNEL}"))
    return len(rows)


def claim(
    engine: Engine,
    *,
    worker: str,
    limit: int,
    lease: timedelta,
    now: datetime,
    finished: Sequence[Claimed] = (),
) -> list[Claimed]:
    """Up to `limit` claimable events, oldest first, at most one per chat, held until `now + lease`.

    One transaction of at most three statements, whatever `limit`: the events in `finished` (answered
    since the last claim) are marked done first, so the next event of their chats can be taken in the
    same claim; one UPDATE … RETURNING takes the events and says of each whether its id was answered
    before, and what the data revision is. On PostgreSQL the rows are chosen `FOR UPDATE SKIP LOCKED`,
    so racing workers never wait; on SQLite the UPDATE holds the write lock from its first read.
    """
    if limit <= 0 and not finished:
        return []
    with engine.begin() as connection:
        if finished:
            _mark_done(connection, finished, worker=worker, now=now)
        if limit <= 0:
            return []
        parameters: dict[str, Any] = {"worker": worker, "limit": limit, "now": now, "until": now + lease}
        chosen, take = _claim_statements(engine.dialect.name)
        if chosen is not None:  # SQLite: look before taking the write lock, which the web process needs
            parameters["ids"] = list(connection.execute(chosen, parameters).scalars())
            if not parameters["ids"]:
                return []
        rows = connection.execute(take, parameters).all()
    return sorted(
        (Claimed(r.id, r.event_id, r.chat_type, r.payload, r.attempts, r.received_at, bool(r.answered),
                 r.data_revision) for r in rows),
        key=lambda item: item.id,
    )  # fmt: skip


@cache
def _claim_statements(dialect: str) -> tuple[Any, Any]:
    """The claim, built once (building it cost as much as running it): worker, limit, now, until.

    PostgreSQL: (None, one UPDATE whose rows are chosen FOR UPDATE SKIP LOCKED). SQLite: (the SELECT
    of the ids to take, the UPDATE of those ids still free). An idle SQLite worker then only reads:
    an UPDATE, even of no row, would take the database's one write lock at every poll; the read runs
    before the transaction begins (pysqlite begins one at the first write), and the UPDATE checks
    again that each row is pending and free.
    """
    now = bindparam("now", type_=TABLE.c.locked_until.type)
    event = TABLE.alias("e")
    older = TABLE.alias("older")
    waiting_before = select(older.c.id).where(
        older.c.chat == event.c.chat, older.c.status == "pending", older.c.id < event.c.id
    )
    free = or_(event.c.locked_until.is_(None), event.c.locked_until < now)
    chosen = (
        select(event.c.id)
        .where(event.c.status == "pending", free, ~exists(waiting_before))
        .order_by(event.c.id)
        .limit(bindparam("limit", type_=Integer))
    )
    if dialect == "postgresql":
        taken: Any = TABLE.c.id.in_(chosen.with_for_update(skip_locked=True, of=event).scalar_subquery())
    else:
        still_free = or_(TABLE.c.locked_until.is_(None), TABLE.c.locked_until < now)
        taken = and_(
            TABLE.c.id.in_(bindparam("ids", expanding=True)), TABLE.c.status == "pending", still_free
        )
    # Written out: SQLAlchemy leaves RETURNING's columns unqualified, which inside this subquery would
    # name processedevent's own event_id.
    answered: Any = literal_column(
        "EXISTS (SELECT 1 FROM processedevent AS answered WHERE answered.event_id = inboxevent.event_id)"
    )
    revision = select(REVISION.c.value).where(REVISION.c.id == 1).scalar_subquery()
    take = (
        update(TABLE)
        .where(taken)
        .values(
            locked_by=bindparam("worker", type_=TABLE.c.locked_by.type),
            locked_until=bindparam("until", type_=TABLE.c.locked_until.type),
            attempts=TABLE.c.attempts + 1,
        )
        .returning(
            TABLE.c.id, TABLE.c.event_id, TABLE.c.chat_type, TABLE.c.payload, TABLE.c.attempts,
            TABLE.c.received_at, answered.label("answered"), revision.label("data_revision"),
        )
    )  # fmt: skip
    return (None if dialect == "postgresql" else chosen), take


def _mark_done(connection: Connection, items: Sequence[Claimed], *, worker: str, now: datetime) -> None:
    """Answered: the events are done and their ids recorded as answered (a repeat id is skipped)."""
    done, record = _done_statements(connection.dialect.name)
    connection.execute(done, {"ids": [item.id for item in items], "worker": worker, "now": now})
    ids = sorted({item.event_id for item in items if item.event_id})
    if ids:
        connection.execute(record, [{"event_id": event_id, "now": now} for event_id in ids])


@cache
def _done_statements(dialect: str) -> tuple[Any, Any]:
    """Marking done, built once (a statement built per claim was compiled per claim): ids, worker, now;
    then the answered ids, one parameter set each (event_id, now)."""
    now = bindparam("now", type_=TABLE.c.done_at.type)
    done = (
        update(TABLE)
        .where(TABLE.c.id.in_(bindparam("ids", expanding=True)), TABLE.c.locked_by == bindparam("worker"))
        .values(status="done", done_at=now, locked_until=None, error=None)
    )
    insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
    record = (
        insert(PROCESSED)
        .values(event_id=bindparam("event_id"), received_at=now)
        .on_conflict_do_nothing(index_elements=["event_id"])
    )
    return done, record


def renew(engine: Engine, ids: Sequence[int], *, worker: str, until: datetime) -> None:
    """Keep holding events still being handled."""
    if ids:
        with engine.begin() as connection:
            connection.execute(
                update(TABLE)
                .where(TABLE.c.id.in_(list(ids)), TABLE.c.locked_by == worker, TABLE.c.status == "pending")
                .values(locked_until=until)
            )


def answered_before(engine: Engine, event_id: str) -> bool:
    """Whether this event id was answered already (LINE redelivered it, or a worker died after the send)."""
    if not event_id:
        return False
    statement = select(col(ProcessedEvent.id)).where(col(ProcessedEvent.event_id) == event_id).limit(1)
    with engine.connect() as connection:
        return connection.execute(statement).first() is not None


def mark_done(engine: Engine, items: Sequence[Claimed], *, worker: str) -> None:
    """Answered events done, their ids recorded as answered, in one transaction."""
    if items:
        with engine.begin() as connection:
            _mark_done(connection, items, worker=worker, now=utcnow())


def finish(
    engine: Engine, claimed: Claimed, *, worker: str, status: str = "done", error: str | None = None
) -> None:
    """Done (or failed for good): a done event's id is recorded as answered in the same transaction."""
    if status == "done":
        mark_done(engine, [claimed], worker=worker)
        return
    with engine.begin() as connection:
        connection.execute(
            update(TABLE)
            .where(TABLE.c.id == claimed.id, TABLE.c.locked_by == worker)
            .values(status=status, done_at=utcnow(), locked_until=None, error=error)
        )


def retry_later(engine: Engine, claimed: Claimed, *, worker: str, at: datetime, error: str) -> None:
    """Let go of an event that failed, to be claimed again at `at` (its chat waits for it)."""
    with engine.begin() as connection:
        connection.execute(
            update(TABLE)
            .where(TABLE.c.id == claimed.id, TABLE.c.locked_by == worker)
            .values(locked_until=at, error=error[:2000])
        )


def release(engine: Engine, ids: Sequence[int], *, worker: str) -> None:
    """Hand back events this worker holds and has not started, for another worker to take at once."""
    if ids:
        with engine.begin() as connection:
            connection.execute(
                update(TABLE)
                .where(TABLE.c.id.in_(list(ids)), TABLE.c.locked_by == worker, TABLE.c.status == "pending")
                .values(locked_until=None, locked_by=None, attempts=TABLE.c.attempts - 1)
            )


def prune(engine: Engine, *, before: datetime) -> int:
    """Delete done and failed events, and answered ids, older than `before`; returns the events deleted."""
    with engine.begin() as connection:
        gone = connection.execute(
            delete(TABLE).where(TABLE.c.status != "pending", TABLE.c.done_at < before)
        ).rowcount
        connection.execute(delete(ProcessedEvent).where(col(ProcessedEvent.received_at) < before))
    return int(gone or 0)


def pending_count(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(
            connection.execute(
                select(func.count()).select_from(TABLE).where(TABLE.c.status == "pending")
            ).scalar()
            or 0
        )
