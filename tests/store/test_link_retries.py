"""An article link that will not open waits longer after each failure, then is given up (both engines)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine

from store.db import session_scope
from store.sources import LINK_ATTEMPTS, SeenState, add_source, list_sources, record_link_failure, seen_urls

NOW = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)
EVERY = timedelta(minutes=30)
LINK = "https://www.lampang1.go.th/news/view/77"


def test_failures_wait_longer_each_time_then_the_link_is_given_up(engine: Engine) -> None:
    with session_scope(engine) as session:
        source, _new = add_source(session, "https://www.lampang1.go.th/rss")
        sid = source.id or 0
    waits = []
    for attempt in range(1, LINK_ATTEMPTS + 1):
        moment = NOW + timedelta(hours=attempt * 10)
        with session_scope(engine) as session:
            seen = record_link_failure(session, url=LINK, fingerprint="f1", source_id=sid,
                                       error=f"{LINK}: the server answered 502", now=moment,
                                       poll_every=EVERY)  # fmt: skip
            waits.append(None if seen.next_try_at is None else seen.next_try_at - moment)
        with session_scope(engine) as session:
            row = list_sources(session)[0]
        assert (row.retrying_links, row.dropped_links) == ((1, 0) if attempt < LINK_ATTEMPTS else (0, 1))
    assert waits == [EVERY, 2 * EVERY, 4 * EVERY, None]
    with session_scope(engine) as session:
        state = seen_urls(session, [LINK, "https://www.lampang1.go.th/news/view/78"])
    assert list(state) == [LINK] and state[LINK].attempts == LINK_ATTEMPTS
    assert not state[LINK].due("f1", NOW + timedelta(days=30))  # given up: not even a month later
    assert state[LINK].due("f2", NOW + timedelta(days=30))  # unless its entry in the feed changes


def test_a_retry_is_due_when_its_wait_is_over() -> None:
    state = SeenState("f1", attempts=2, next_try_at=NOW)
    assert not state.due("f1", NOW - timedelta(seconds=1)) and state.due("f1", NOW)
    assert not SeenState("f1").due("f1", NOW) and SeenState("f1").due("f2", NOW)
