"""An event id is claimed once, however many workers race for it, on both engines."""

from __future__ import annotations

import threading

from sqlalchemy import Engine

from bot.events import claim


def test_concurrent_claims_of_one_event_let_exactly_one_through(engine: Engine) -> None:
    results: list[bool] = []
    barrier = threading.Barrier(8)

    def race(event_id: str) -> None:
        barrier.wait()
        results.append(claim(engine, event_id))

    for round_ in range(5):
        results.clear()
        threads = [threading.Thread(target=race, args=(f"EVENT{round_}",)) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert sorted(results) == [False] * 7 + [True]
