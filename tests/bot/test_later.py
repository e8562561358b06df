"""Delayed calls on one thread: a cancelled one never runs, a running one is waited for."""

from __future__ import annotations

import threading

from bot.later import Timers


def test_a_call_cancelled_before_it_is_due_never_runs_and_the_next_one_does() -> None:
    timers, ran, second = Timers(), [], threading.Event()
    first = timers.call_later(0.05, ran.append, "first")
    first.cancel()
    timers.call_later(0.1, lambda: (ran.append("second"), second.set()))
    assert second.wait(10)
    assert ran == ["second"]
    assert first.state == "cancelled"


def test_calls_run_in_the_order_they_are_due() -> None:
    timers, ran, last = Timers(), [], threading.Event()
    timers.call_later(0.2, lambda: (ran.append("late"), last.set()))
    timers.call_later(0.0, ran.append, "now")
    timers.call_later(0.1, ran.append, "soon")
    assert last.wait(10)
    assert ran == ["now", "soon", "late"]


def test_cancel_waits_for_a_call_under_way() -> None:
    timers, started, release, finished = Timers(), threading.Event(), threading.Event(), []

    def slow() -> None:
        started.set()
        release.wait(10)
        finished.append("done")

    later = timers.call_later(0.0, slow)
    assert started.wait(10)
    threading.Timer(0.1, release.set).start()
    later.cancel()
    assert finished == ["done"] and later.state == "done"
