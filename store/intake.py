"""How the web process stores a webhook's events before its 200, without blocking the event loop.

PostgreSQL: one asyncio writer on its own connection commits the events of every webhook that
arrived while the previous commit was in flight, in one transaction (group commit) with a
NOTIFY for idle workers; each request waits for the commit that holds its events, so nothing is
acknowledged before it is durable. At 500 webhooks a second that is a few commits where one per
webhook would queue behind the disk. SQLite: one insert per webhook in the thread pool.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Sequence
from typing import Any, Protocol

import psycopg
from fastapi.concurrency import run_in_threadpool
from sqlalchemy import Engine

from store.inbox import CHANNEL, event_rows, store_events
from store.models import utcnow

log = logging.getLogger("prachum.intake")
COLUMNS = ("event_id", "chat", "chat_type", "payload", "status", "attempts", "received_at")
INSERT = f"INSERT INTO inboxevent ({', '.join(COLUMNS)}) VALUES ({', '.join(['%s'] * len(COLUMNS))})"
MAX_BATCH_ROWS = 2000  # one transaction's rows at most; the rest waits for the next commit


class StoreError(Exception):
    """The events could not be stored: the webhook answers 503 and LINE sends them again."""


class Intake(Protocol):
    async def store(self, events: Sequence[dict[str, Any]]) -> None: ...
    async def close(self) -> None: ...


def make_intake(engine: Engine) -> Intake:
    if engine.dialect.name == "postgresql":
        return PostgresIntake(engine.url.set(drivername="postgresql").render_as_string(hide_password=False))
    return ThreadIntake(engine)


class ThreadIntake:
    """SQLite (and any engine): the SQLAlchemy insert in the thread pool."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    async def store(self, events: Sequence[dict[str, Any]]) -> None:
        try:
            await run_in_threadpool(store_events, self._engine, events)
        except Exception as err:
            raise StoreError(type(err).__name__) from err

    async def close(self) -> None:
        return None


class PostgresIntake:
    """Group commit on one psycopg async connection, opened on first use and again after a failure."""

    def __init__(self, conninfo: str) -> None:
        self._conninfo = conninfo
        self._waiting: list[tuple[list[dict[str, Any]], asyncio.Future[None]]] = []
        self._connection: psycopg.AsyncConnection[Any] | None = None
        self._writer: asyncio.Task[None] | None = None
        self._wake: asyncio.Event | None = None

    async def store(self, events: Sequence[dict[str, Any]]) -> None:
        rows = event_rows(events, utcnow())
        if not rows:
            return
        if self._writer is None or self._writer.done():
            self._wake = asyncio.Event()
            self._writer = asyncio.create_task(self._write_forever(), name="prachum-intake")
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        done.add_done_callback(_retrieved)
        self._waiting.append((rows, done))
        assert self._wake is not None
        self._wake.set()
        await asyncio.shield(done)  # a client that hangs up does not take its events out of a commit

    async def close(self) -> None:
        if self._writer is not None:
            self._writer.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._writer
        if self._connection is not None:
            await self._connection.close()
        batch, self._waiting = self._waiting, []
        self._fail(batch, StoreError("the web process is stopping"))

    async def _write_forever(self) -> None:
        assert self._wake is not None
        while True:
            await self._wake.wait()
            self._wake.clear()
            while self._waiting:
                batch = self._take(MAX_BATCH_ROWS)
                try:
                    await self._commit([row for rows, _ in batch for row in rows])
                except (psycopg.Error, OSError) as err:
                    log.error("webhook events could not be stored: %s", type(err).__name__)
                    await self._drop_connection()
                    self._fail(batch, StoreError(type(err).__name__))
                    continue
                for _, done in batch:
                    if not done.done():
                        done.set_result(None)

    def _take(self, most_rows: int) -> list[tuple[list[dict[str, Any]], asyncio.Future[None]]]:
        taken, rows = 0, 0
        while taken < len(self._waiting) and (taken == 0 or rows + len(self._waiting[taken][0]) <= most_rows):
            rows += len(self._waiting[taken][0])
            taken += 1
        batch, self._waiting = self._waiting[:taken], self._waiting[taken:]
        return batch

    async def _commit(self, rows: list[dict[str, Any]]) -> None:
        if self._connection is None or self._connection.closed:
            self._connection = await psycopg.AsyncConnection.connect(self._conninfo, connect_timeout=5)
        async with self._connection.transaction(), self._connection.cursor() as cursor:
            await cursor.executemany(INSERT, [tuple(row[c] for c in COLUMNS) for row in rows])
            await cursor.execute(f"NOTIFY {CHANNEL}")

    async def _drop_connection(self) -> None:
        if self._connection is not None:
            with contextlib.suppress(psycopg.Error, OSError):
                await self._connection.close()
        self._connection = None

    @staticmethod
    def _fail(batch: list[tuple[list[dict[str, Any]], asyncio.Future[None]]], error: Exception) -> None:
        for _, done in batch:
            if not done.done():
                done.set_exception(error)


def _retrieved(done: asyncio.Future[None]) -> None:
    """A request that went away does not await its commit: its outcome is read here, never warned about."""
    if not done.cancelled():
        done.exception()
