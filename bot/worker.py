"""The event worker: claims stored events and answers them, several chats at once.

Handling is blocking code (the store, the LINE SDK), so each claimed event runs in a thread of
the worker's own pool while the asyncio loop claims, renews leases and watches for shutdown: a
slow LINE call holds one slot, never the next chat. SIGTERM stops claiming and waits up to
WORKER_DRAIN_SECONDS for what is held; anything still running then is left to its lease.

On PostgreSQL an idle worker wakes on the NOTIFY the web process sends with each stored webhook
(a listener thread), and polls only every NOTIFIED_POLL_SECONDS for what no NOTIFY announces: an
event whose retry time or lease has come. On SQLite it polls every EVENT_POLL_SECONDS, and only
one worker runs (a lease row; a second is refused, or waits when it is `serve`'s own child).
"""

from __future__ import annotations

import asyncio
import ctypes
import logging
import os
import signal
import socket
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

import psycopg
from sqlalchemy import Engine

from bot.answers import AnswerCache
from bot.events import answer_event
from bot.line import LineClient
from bot.logs import log_context
from bot.settings import Settings
from store import inbox
from store.locks import exclusive, lease_holder
from store.models import utcnow

log = logging.getLogger("prachum.worker")
PRUNE_EVERY_SECONDS = 3600.0
PR_SET_PDEATHSIG = 1
NOTIFIED_POLL_SECONDS = 5.0
SQLITE_WORKER_LOCK = "event-worker"


class WorkerRefusedError(Exception):
    """This worker may not run here; the message says why and what to do."""


class Worker:
    """One worker: `run()` until `stop()`; `wake()` makes it look for events at once."""

    def __init__(self, settings: Settings, engine: Engine, line: LineClient, *, concurrency: int) -> None:
        self.settings = settings
        self.engine = engine
        self.line = line
        self.concurrency = concurrency
        self.name = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"
        self.lease = timedelta(seconds=settings.event_lease_seconds)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stopping: asyncio.Event | None = None
        self._nudge: asyncio.Event | None = None
        self._held: dict[int, asyncio.Future[inbox.Claimed | None]] = {}
        self._answered: list[inbox.Claimed] = []  # marked done with the next claim
        self.answers = AnswerCache()
        self._stop_asked = False
        self._claim_failures = 0
        self._listener: NotifyListener | None = None

    @property
    def listening(self) -> bool:
        """Whether a NOTIFY wakes this worker (PostgreSQL, connected); otherwise it polls."""
        return self._listener is not None and self._listener.listening

    def stop(self) -> None:
        """Thread-safe: stop claiming, finish what is held."""
        self._stop_asked = True
        if self._loop is not None and self._stopping is not None:
            self._loop.call_soon_threadsafe(self._stopping.set)

    def wake(self) -> None:
        """Thread-safe: an event was stored; look now rather than at the next poll."""
        if self._loop is not None and self._nudge is not None:
            self._loop.call_soon_threadsafe(self._nudge.set)

    async def run(self, *, parent_pid: int | None = None) -> None:
        self._loop = asyncio.get_running_loop()
        self._stopping, self._nudge = asyncio.Event(), asyncio.Event()
        pool = ThreadPoolExecutor(max_workers=self.concurrency + 1, thread_name_prefix="prachum-event")
        if self.engine.dialect.name == "postgresql":
            self._listener = NotifyListener(self.engine, self.wake)
            self._listener.start()
        log.info("event worker %s started (concurrency %d)", self.name, self.concurrency)
        last_prune = last_renew = 0.0
        try:
            while not self._stopping.is_set() and not self._stop_asked:
                if parent_pid is not None and os.getppid() != parent_pid:
                    log.warning("the parent process is gone; the worker stops")
                    break
                now = self._loop.time()
                if now - last_renew > self.lease.total_seconds() / 3:
                    await self._loop.run_in_executor(pool, self._renew)
                    last_renew = now
                if now - last_prune > PRUNE_EVERY_SECONDS:
                    await self._loop.run_in_executor(pool, self._prune)
                    last_prune = now
                claimed = await self._loop.run_in_executor(pool, self._claim, self._take_answered())
                for item in claimed:
                    self._held[item.id] = self._loop.run_in_executor(pool, self._handle, item)
                await self._wait_for_work()
        finally:
            if self._listener is not None:
                self._listener.stop()
            await self._drain()
            pool.shutdown(wait=False, cancel_futures=True)
            log.info("event worker %s stopped; answers kept and given again: %s", self.name,
                     self.answers.hit_rate())  # fmt: skip

    async def _wait_for_work(self) -> None:
        """Until a held event is done, an event is stored (`wake`), stop, or the poll interval passes.

        While the database cannot be reached the interval doubles, up to 5 s, so the log is not flooded.
        """
        assert self._stopping is not None and self._nudge is not None
        self._nudge.clear()
        poll = self.settings.event_poll_seconds
        if self.listening:
            poll = max(poll, NOTIFIED_POLL_SECONDS)
        pause = min(poll * 2**self._claim_failures, max(poll, 5.0))
        waits: set[asyncio.Future[Any]] = {
            asyncio.ensure_future(self._stopping.wait()),
            asyncio.ensure_future(self._nudge.wait()),
            *self._held.values(),
        }
        _done, pending = await asyncio.wait(waits, timeout=pause, return_when=asyncio.FIRST_COMPLETED)
        for future in pending:
            if future not in self._held.values():
                future.cancel()
        self._collect_answered()

    def _collect_answered(self) -> None:
        for event_id, future in list(self._held.items()):
            if future.done():
                del self._held[event_id]
                answered = None if future.cancelled() or future.exception() else future.result()
                if answered is not None:
                    self._answered.append(answered)

    def _take_answered(self) -> list[inbox.Claimed]:
        taken, self._answered = self._answered, []
        return taken

    async def _drain(self) -> None:
        held = list(self._held.values())
        if held:
            log.info("finishing %d event(s) before stopping", len(held))
            _done, pending = await asyncio.wait(held, timeout=self.settings.worker_drain_seconds)
            if pending:
                log.warning("%d event(s) still running at shutdown: another worker takes them after the "
                            "lease", len(pending))  # fmt: skip
        self._collect_answered()
        if self._answered:
            self._mark_done(self._take_answered())

    def _mark_done(self, answered: list[inbox.Claimed]) -> None:
        try:
            inbox.mark_done(self.engine, answered, worker=self.name)
        except Exception:
            log.exception(
                "%d event(s) answered but not marked done; the lease brings them back", len(answered)
            )

    def _claim(self, answered: list[inbox.Claimed]) -> list[inbox.Claimed]:
        """Mark the events answered since the last claim done, and claim as many as there are free slots."""
        free = self.concurrency - len(self._held)
        try:
            claimed = inbox.claim(
                self.engine, worker=self.name, limit=free, lease=self.lease, now=utcnow(), finished=answered
            )
        except Exception as err:
            self._answered[:0] = answered  # marked done with the next claim that works
            self._claim_failures = min(self._claim_failures + 1, 10)
            if self._claim_failures == 1:
                log.exception("could not claim events; trying again")
            else:
                log.warning("still cannot claim events: %s", type(err).__name__)
            return []
        self._claim_failures = 0
        return claimed

    def _renew(self) -> None:
        try:
            inbox.renew(self.engine, list(self._held), worker=self.name, until=utcnow() + self.lease)
        except Exception:
            log.exception("could not renew the lease of held events")

    def _prune(self) -> None:
        before = utcnow() - timedelta(days=self.settings.event_retention_days)
        try:
            gone = inbox.prune(self.engine, before=before)
            if gone:
                log.info("pruned %d answered event(s) older than %d days", gone,
                         self.settings.event_retention_days)  # fmt: skip
        except Exception:
            log.exception("could not prune answered events")

    def _handle(self, item: inbox.Claimed) -> inbox.Claimed | None:
        """Answer one event; returns it when answered, to be marked done with the next claim.

        Done only after its answer went out: a worker killed in between leaves it to its lease, and
        the resend is refused by LINE (a used reply token, a push's retry key).
        """
        with log_context(webhookEventId=item.event_id, chat_type=item.chat_type):
            try:
                outcome = answer_event(
                    item, engine=self.engine, line=self.line, settings=self.settings, answers=self.answers
                )
            except Exception as err:
                self._failed(item, err)
                return None
            log.debug("event answered: %s", outcome)
            return item

    def _failed(self, item: inbox.Claimed, err: Exception) -> None:
        reason = f"{type(err).__name__}: {err}"[:500]
        try:
            if item.attempts >= self.settings.event_max_attempts:
                log.error("event failed %d times, given up: %s", item.attempts, reason, exc_info=err)
                inbox.finish(self.engine, item, worker=self.name, status="failed", error=reason)
            else:
                pause = timedelta(seconds=min(2.0**item.attempts, 300.0))
                log.warning("event failed (attempt %d), tried again in %s: %s", item.attempts, pause, reason,
                            exc_info=err)  # fmt: skip
                inbox.retry_later(self.engine, item, worker=self.name, at=utcnow() + pause, error=reason)
        except Exception:
            log.exception("could not record the failure; the lease brings the event back")


class NotifyListener:
    """PostgreSQL: a thread that LISTENs on the events channel and wakes the worker at each NOTIFY."""

    def __init__(self, engine: Engine, wake: Callable[[], None]) -> None:
        self._conninfo = engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
        self._wake = wake
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._run, name="prachum-listen", daemon=True)
        self.listening = False

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stopped.set()
        self._thread.join(2)

    def _run(self) -> None:
        pause = 1.0
        while not self._stopped.is_set():
            try:
                with psycopg.connect(self._conninfo, autocommit=True, connect_timeout=5) as connection:
                    connection.execute(f"LISTEN {inbox.CHANNEL}")
                    self.listening, pause = True, 1.0
                    self._wake()  # anything stored while not listening
                    while not self._stopped.is_set():
                        if any(True for _ in connection.notifies(timeout=1.0)):
                            self._wake()
            except (psycopg.Error, OSError) as err:
                if self.listening:
                    log.warning(
                        "stopped listening for stored events (%s); polling until back", type(err).__name__
                    )
                self.listening = False
                self._stopped.wait(pause)
                pause = min(pause * 2, 30.0)
        self.listening = False


@contextmanager
def sole_sqlite_worker(engine: Engine, *, wait: bool) -> Iterator[None]:
    """On SQLite, hold the one worker's lease while running; PostgreSQL takes any number of workers.

    A second worker is refused (WorkerRefusedError), or with `wait` (a `serve` child replacing one that
    is still finishing its events) waits for the lease, which a worker that died leaves at once.
    """
    if engine.dialect.name != "sqlite":
        yield
        return
    told = False
    while True:
        with exclusive(engine, SQLITE_WORKER_LOCK) as held:
            if held:
                yield
                return
        holder = lease_holder(engine, SQLITE_WORKER_LOCK) or "another process"
        if not wait:
            raise WorkerRefusedError(
                f"SQLite supports one event worker and {holder} runs it already: stop that worker, "
                "or use PostgreSQL (DATABASE_URL=postgresql://...) to run several"
            )
        if not told:
            log.info("waiting for the event worker %s to stop (SQLite supports one)", holder)
            told = True
        time.sleep(1.0)


def die_with_parent(parent_pid: int) -> None:
    """Ask Linux to send SIGTERM when the parent dies; then check it has not died already."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
        except (OSError, AttributeError):
            pass  # the parent-pid check in the loop still notices
    if os.getppid() != parent_pid:
        raise SystemExit(0)


def run_worker(
    settings: Settings,
    engine: Engine,
    line: LineClient,
    *,
    concurrency: int,
    parent_pid: int | None = None,
    nice: int = 0,
) -> None:
    """The `prachum worker` process: run until SIGTERM or SIGINT (or the parent's death), then drain."""
    if parent_pid is not None:
        die_with_parent(parent_pid)
    if nice:
        os.nice(nice)
    worker = Worker(settings, engine, line, concurrency=concurrency)

    async def main() -> None:
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(signum, worker.stop)
        await worker.run(parent_pid=parent_pid)

    def stop_now(_signum: int, _frame: object) -> None:
        raise SystemExit(0)  # before the loop runs nothing is held: stop at once, letting go of the lease

    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, stop_now)
    with sole_sqlite_worker(engine, wait=parent_pid is not None):
        asyncio.run(main())


class WorkerThread:
    """A worker inside the web process (EVENT_WORKER=thread): for tests and the smallest set-ups."""

    def __init__(self, settings: Settings, engine: Engine, line: LineClient) -> None:
        self.worker = Worker(settings, engine, line, concurrency=settings.event_concurrency)
        self._thread = threading.Thread(target=self._run, name="prachum-worker", daemon=True)
        self._started = threading.Event()

    def _run(self) -> None:
        async def main() -> None:
            task = asyncio.ensure_future(self.worker.run())
            self._started.set()
            await task

        asyncio.run(main())

    def start(self) -> None:
        self._thread.start()
        self._started.wait(5)

    def stop(self, timeout: float = 30.0) -> None:
        self.worker.stop()
        self._thread.join(timeout)
