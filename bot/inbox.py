"""Who answers stored events for the web process: a child `prachum worker`, a thread, or nobody here.

The webhook stores events (store/inbox.py) before its 200; `EVENT_WORKER` says what `serve` starts
to answer them: `process` (default) one child worker process, which dies with the web process;
`thread` a worker inside it (tests, tiny set-ups); `none` nothing, for `prachum worker` processes
run on their own (Procfile `worker:`).
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import time
from typing import Protocol

from sqlalchemy import Engine

from bot.line import LineClient
from bot.settings import Settings, settings_env
from bot.worker import WorkerThread
from store.inbox import pending_count

log = logging.getLogger("prachum.inbox")
CHILD_NICENESS = 10  # the worker beside the web server: the 200s come first


class Inbox(Protocol):
    def start(self) -> None: ...
    def wake(self) -> None: ...
    def join(self) -> None: ...
    def stop(self) -> None: ...


def make_inbox(settings: Settings, engine: Engine, line: LineClient) -> Inbox | None:
    if settings.event_worker == "process":
        return ChildWorker(settings, engine)
    if settings.event_worker == "thread":
        return ThreadWorker(settings, engine, line)
    return None


def wait_until_answered(engine: Engine, timeout: float = 30.0) -> None:
    """Block until no stored event is pending (tests, benchmarks); TimeoutError after `timeout`."""
    deadline = time.monotonic() + timeout
    while pending_count(engine):
        if time.monotonic() > deadline:
            raise TimeoutError(f"{pending_count(engine)} event(s) still pending after {timeout} s")
        time.sleep(0.02)


class ThreadWorker:
    def __init__(self, settings: Settings, engine: Engine, line: LineClient) -> None:
        self._engine = engine
        self._thread = WorkerThread(settings, engine, line)

    def join(self) -> None:
        """Until every stored event is answered (tests)."""
        wait_until_answered(self._engine)

    def start(self) -> None:
        self._thread.start()

    def wake(self) -> None:
        self._thread.worker.wake()

    def stop(self) -> None:
        self._thread.stop()


class ChildWorker:
    """`prachum worker --parent-pid` as a child: it exits when this process dies, however it dies."""

    def __init__(self, settings: Settings, engine: Engine) -> None:
        self._settings = settings
        self._engine = engine
        self._process: subprocess.Popen[bytes] | None = None

    def join(self) -> None:
        """Until every stored event is answered (tests)."""
        wait_until_answered(self._engine)

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    def start(self) -> None:
        names = {name.upper() for name in type(self._settings).model_fields}
        env = {k: v for k, v in os.environ.items() if k not in names} | settings_env(self._settings)
        command = [sys.executable, "-m", "bot.cli", "worker", "--parent-pid", str(os.getpid()),
                   "--concurrency", str(self._settings.event_concurrency),
                   "--nice", str(CHILD_NICENESS)]  # fmt: skip
        self._process = subprocess.Popen(command, env=env)
        log.info("event worker process %d started", self._process.pid)

    def wake(self) -> None:
        """Called after each stored webhook: a worker that died is replaced (its events wait in the table)."""
        if self._process is not None and self._process.poll() is not None:
            log.error("the event worker (pid %d) exited with %s; starting another",
                      self._process.pid, self._process.returncode)  # fmt: skip
            self.start()

    def stop(self) -> None:
        if self._process is None or self._process.poll() is not None:
            return
        self._process.send_signal(signal.SIGTERM)
        try:
            self._process.wait(self._settings.worker_drain_seconds + 5)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait(5)
