"""Calls made after a delay by one thread, instead of a thread started for each (threading.Timer).

A worker answering hundreds of events a second arms a timer for each (LINE's loading animation,
shown only when an answer is slow) and cancels nearly all of them: starting and joining a thread
per event cost more than the rest of a cached answer.
"""

from __future__ import annotations

import heapq
import itertools
import threading
import time
from collections.abc import Callable
from typing import Any


class Later:
    """A call due at a time: cancelled before it starts, or waited for when it is already running."""

    def __init__(self, due: float, call: Callable[[], Any], condition: threading.Condition) -> None:
        self.due = due
        self.call = call
        self.state = "pending"  # then "cancelled", or "running" and "done"
        self._condition = condition

    def cancel(self) -> None:
        """After this returns the call never starts, and one that had started has finished."""
        with self._condition:
            if self.state == "pending":
                self.state = "cancelled"
            while self.state == "running":
                self._condition.wait()


class Timers:
    def __init__(self) -> None:
        self._condition = threading.Condition()
        self._due: list[tuple[float, int, Later]] = []
        self._order = itertools.count()
        self._thread: threading.Thread | None = None

    def call_later(self, delay: float, call: Callable[..., Any], *args: Any) -> Later:
        later = Later(time.monotonic() + delay, lambda: call(*args), self._condition)
        with self._condition:
            heapq.heappush(self._due, (later.due, next(self._order), later))
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="prachum-later", daemon=True)
                self._thread.start()
            self._condition.notify_all()
        return later

    def _run(self) -> None:
        while True:
            with self._condition:
                later = self._next()
                later.state = "running"
            try:
                later.call()
            finally:
                with self._condition:
                    later.state = "done"
                    self._condition.notify_all()

    def _next(self) -> Later:
        """The next call that is due and not cancelled (waits for it, the condition held)."""
        while True:
            while self._due and self._due[0][2].state == "cancelled":
                heapq.heappop(self._due)
            if not self._due:
                self._condition.wait()
                continue
            wait = self._due[0][0] - time.monotonic()
            if wait <= 0:
                return heapq.heappop(self._due)[2]
            self._condition.wait(wait)
