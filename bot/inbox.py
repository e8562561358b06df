"""Webhook events wait here for a worker, so the 200 goes back to LINE at once.

The webhook only checks the signature and enqueues the body. Handling an event (the parser, the
store, the reply) costs milliseconds of CPU; done in the web process it holds the GIL and delays
every other 200 (measured: p99 800 ms at 200 requests a second). So by default one worker
*process* handles events, in order, at a lower priority; `EVENT_WORKER=thread` keeps it in the
web process, which the tests use to avoid starting a process per app.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import queue
import threading
from typing import Any, Protocol

from bot.settings import Settings

log = logging.getLogger("prachum.inbox")
WORKER_NICENESS = 19
Item = tuple[str, str] | None  # (body, signature); None stops the worker


class Inbox(Protocol):
    def start(self) -> None: ...
    def submit(self, body: str, signature: str) -> bool: ...
    def join(self) -> None: ...
    def stop(self, timeout: float = 10.0) -> None: ...


def make_inbox(settings: Settings, *, capacity: int = 10_000) -> Inbox:
    if settings.event_worker == "process":
        return ProcessInbox(settings, capacity)
    return ThreadInbox(settings, capacity)


class _Handler:
    """The worker's part: parse a webhook body again (its signature was checked) and handle its events."""

    def __init__(self, settings: Settings) -> None:
        from linebot.v3 import WebhookParser

        from bot.line import make_line_client
        from store.db import make_engine

        assert settings.line_channel_secret is not None
        self.settings = settings
        self.parser = WebhookParser(settings.line_channel_secret.get_secret_value())
        self.engine = make_engine(settings.database_url)
        self.line = make_line_client(settings)

    def __call__(self, body: str, signature: str) -> None:
        from bot.events import handle_events

        if self.line is not None:
            handle_events(
                self.parser.parse(body, signature), engine=self.engine, line=self.line, settings=self.settings
            )

    def close(self) -> None:
        if self.line is not None:
            self.line.close()
        self.engine.dispose()


def _drain(items: Any, handler: _Handler) -> None:
    while True:
        item = items.get()
        try:
            if item is None:
                return
            handler(*item)
        except Exception:
            log.exception("webhook events failed")
        finally:
            items.task_done()


def _process_main(settings: Settings, items: Any) -> None:
    os.nice(WORKER_NICENESS)
    handler = _Handler(settings)
    try:
        _drain(items, handler)
    finally:
        handler.close()


class _QueueInbox:
    """Submitting and waiting, the same whether the worker is a thread or a process."""

    _items: Any

    def _ensure_worker(self) -> None:
        """Called before each submit; a worker that can die starts a new one here."""

    def submit(self, body: str, signature: str) -> bool:
        self._ensure_worker()
        try:
            self._items.put_nowait((body, signature))
        except queue.Full:
            return False
        return True

    def join(self) -> None:
        self._items.join()


class ProcessInbox(_QueueInbox):
    def __init__(self, settings: Settings, capacity: int) -> None:
        self._settings = settings
        self._capacity = capacity
        self._context = multiprocessing.get_context("spawn")
        self._items = self._context.JoinableQueue(maxsize=capacity)
        self._process = self._new_process()

    def _new_process(self) -> Any:
        return self._context.Process(target=_process_main, args=(self._settings, self._items), daemon=True)

    def start(self) -> None:
        self._process.start()

    def _ensure_worker(self) -> None:
        if not self._process.is_alive():
            # A process killed while waiting on the queue may hold its lock for good: start afresh,
            # losing what was still waiting (LINE would not resend it either way).
            log.error("the event worker (pid %s) is gone; starting another", self._process.pid)
            self._items = self._context.JoinableQueue(maxsize=self._capacity)
            self._process = self._new_process()
            self._process.start()

    def stop(self, timeout: float = 10.0) -> None:
        self._items.put(None)
        self._process.join(timeout)
        if self._process.is_alive():
            self._process.terminate()


class ThreadInbox(_QueueInbox):
    def __init__(self, settings: Settings, capacity: int) -> None:
        self._settings = settings
        self._items = queue.Queue(maxsize=capacity)
        self._thread = threading.Thread(target=self._run, name="prachum-inbox", daemon=True)

    def _run(self) -> None:
        handler = _Handler(self._settings)
        try:
            _drain(self._items, handler)
        finally:
            handler.close()

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        self._items.put(None)
        self._thread.join(timeout)
