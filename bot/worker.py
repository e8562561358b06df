"""The event worker: claims stored events and answers them, several chats at once.

Handling is blocking code (the store, the LINE SDK), so each claimed event runs in a thread of
the worker's own pool while the asyncio loop claims, renews leases and watches for shutdown: a
slow LINE call holds one slot, never the next chat. SIGTERM stops claiming and waits up to
WORKER_DRAIN_SECONDS for what is held; anything still running then is left to its lease.
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
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from typing import Any

from sqlalchemy import Engine

from bot.events import answer_event
from bot.line import LineClient
from bot.logs import log_context
from bot.settings import Settings
from store import inbox
from store.models import utcnow

log = logging.getLogger("prachum.worker")
PRUNE_EVERY_SECONDS = 3600.0
PR_SET_PDEATHSIG = 1


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
        self._held: dict[int, asyncio.Future[None]] = {}
        self._stop_asked = False
        self._claim_failures = 0

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
                claimed = await self._loop.run_in_executor(pool, self._claim)
                for item in claimed:
                    self._held[item.id] = self._loop.run_in_executor(pool, self._handle, item)
                await self._wait_for_work()
        finally:
            await self._drain()
            pool.shutdown(wait=False, cancel_futures=True)
            log.info("event worker %s stopped", self.name)

    async def _wait_for_work(self) -> None:
        """Until a held event is done, an event is stored (`wake`), stop, or the poll interval passes.

        While the database cannot be reached the interval doubles, up to 5 s, so the log is not flooded.
        """
        assert self._stopping is not None and self._nudge is not None
        self._nudge.clear()
        pause = min(self.settings.event_poll_seconds * 2**self._claim_failures, 5.0)
        waits: set[asyncio.Future[Any]] = {
            asyncio.ensure_future(self._stopping.wait()),
            asyncio.ensure_future(self._nudge.wait()),
            *self._held.values(),
        }
        _done, pending = await asyncio.wait(waits, timeout=pause, return_when=asyncio.FIRST_COMPLETED)
        for future in pending:
            if future not in self._held.values():
                future.cancel()
        for event_id, future in list(self._held.items()):
            if future.done():
                del self._held[event_id]

    async def _drain(self) -> None:
        held = list(self._held.values())
        if not held:
            return
        log.info("finishing %d event(s) before stopping", len(held))
        _done, pending = await asyncio.wait(held, timeout=self.settings.worker_drain_seconds)
        if pending:
            log.warning("%d event(s) still running at shutdown: another worker takes them after the lease",
                        len(pending))  # fmt: skip

    def _claim(self) -> list[inbox.Claimed]:
        free = self.concurrency - len(self._held)
        try:
            claimed = inbox.claim(self.engine, worker=self.name, limit=free, lease=self.lease, now=utcnow())
        except Exception as err:
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

    def _handle(self, item: inbox.Claimed) -> None:
        with log_context(webhookEventId=item.event_id, chat_type=item.chat_type):
            try:
                outcome = answer_event(item, engine=self.engine, line=self.line, settings=self.settings)
            except Exception as err:
                self._failed(item, err)
                return
            try:
                inbox.finish(self.engine, item, worker=self.name)
                log.debug("event answered: %s", outcome)
            except Exception:
                log.exception("event answered (%s) but not marked done; the lease brings it back", outcome)

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
