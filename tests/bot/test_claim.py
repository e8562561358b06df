"""Stored events are claimed once each, one chat at a time, however many workers race, on both engines."""

from __future__ import annotations

import threading
from collections import Counter
from datetime import timedelta

from sqlalchemy import Engine

from store import inbox
from store.models import utcnow
from tests.helpers import text_event, user_source


def test_racing_workers_claim_each_event_once_and_never_two_of_one_chat(engine: Engine) -> None:
    users = [f"U{n:032x}" for n in range(5)]
    events = [text_event(f"ประชุม {n}", source=user_source(users[n % 5])) for n in range(40)]
    inbox.store_events(engine, events)
    claims: Counter[str] = Counter()
    barrier = threading.Barrier(8)

    def race(worker: str) -> None:
        barrier.wait()
        for item in inbox.claim(engine, worker=worker, limit=40, lease=timedelta(minutes=1), now=utcnow()):
            claims[item.event_id] += 1

    threads = [threading.Thread(target=race, args=(f"w{n}",)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    first_of_each_chat = {events[n]["webhookEventId"] for n in range(5)}
    assert claims == Counter(dict.fromkeys(first_of_each_chat, 1))


def test_the_next_event_of_a_chat_waits_until_the_one_before_is_done(engine: Engine) -> None:
    first, second = text_event("ประชุมที่ตรัง"), text_event("ประชุมที่สงขลา")
    inbox.store_events(engine, [first, second])
    lease = timedelta(minutes=1)
    [held] = inbox.claim(engine, worker="a", limit=10, lease=lease, now=utcnow())
    assert held.event_id == first["webhookEventId"]
    assert inbox.claim(engine, worker="b", limit=10, lease=lease, now=utcnow()) == []
    inbox.finish(engine, held, worker="a")
    [after] = inbox.claim(engine, worker="b", limit=10, lease=lease, now=utcnow())
    assert after.event_id == second["webhookEventId"]
    assert inbox.answered_before(engine, first["webhookEventId"])
    assert not inbox.answered_before(engine, second["webhookEventId"])


def test_an_event_held_by_a_dead_worker_is_taken_again_after_its_lease(engine: Engine) -> None:
    inbox.store_events(engine, [text_event("ประชุมล่าสุด")])
    start = utcnow()
    [held] = inbox.claim(engine, worker="dead", limit=1, lease=timedelta(seconds=30), now=start)
    assert (
        inbox.claim(
            engine, worker="b", limit=1, lease=timedelta(seconds=30), now=start + timedelta(seconds=29)
        )
        == []
    )
    [again] = inbox.claim(
        engine, worker="b", limit=1, lease=timedelta(seconds=30), now=start + timedelta(seconds=31)
    )
    assert (again.id, again.attempts) == (held.id, 2)


def test_answered_events_are_pruned_after_the_retention_and_pending_ones_never(engine: Engine) -> None:
    inbox.store_events(
        engine, [text_event("ประชุมที่ตรัง"), text_event("ประชุมที่ตรัง", source=user_source("U" + "9" * 32))]
    )
    [done, _] = inbox.claim(engine, worker="a", limit=2, lease=timedelta(minutes=1), now=utcnow())
    inbox.finish(engine, done, worker="a")
    assert inbox.prune(engine, before=utcnow() - timedelta(days=1)) == 0
    assert inbox.prune(engine, before=utcnow() + timedelta(seconds=1)) == 1
    assert inbox.pending_count(engine) == 1
    assert not inbox.answered_before(engine, done.event_id)
