"""The web process's event store on PostgreSQL: webhooks arriving together share a commit, every event is
stored once before its request returns, idle workers hear of it, and a database that is down is an error."""

from __future__ import annotations

import asyncio

import psycopg
import pytest
from sqlalchemy import text

from store.db import make_engine
from store.inbox import CHANNEL
from store.intake import PostgresIntake, StoreError, make_intake
from store.migrate import upgrade
from tests.helpers import text_event

pytestmark = pytest.mark.postgres


def test_concurrent_webhooks_are_each_stored_once_and_announced(postgres_url: str) -> None:
    engine = make_engine(postgres_url)
    upgrade(engine)
    intake = make_intake(engine)
    assert isinstance(intake, PostgresIntake)
    webhooks = [[text_event(f"ประชุม {n}"), text_event(f"สัมมนา {n}")] for n in range(200)]
    conninfo = engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(conninfo, autocommit=True) as listener:
        listener.execute(f"LISTEN {CHANNEL}")

        async def deliver() -> None:
            await asyncio.gather(*(intake.store(events) for events in webhooks))
            await intake.close()

        asyncio.run(deliver())
        heard = list(listener.notifies(timeout=1.0, stop_after=1))
    with engine.connect() as connection:
        stored = connection.execute(text("SELECT event_id, status FROM inboxevent ORDER BY id")).all()
        commits = connection.execute(text("SELECT count(DISTINCT xmin::text) FROM inboxevent")).scalar()
    sent = [event["webhookEventId"] for events in webhooks for event in events]
    assert sorted(event_id for event_id, _ in stored) == sorted(sent)
    assert {status for _, status in stored} == {"pending"}
    assert [n.channel for n in heard] == [CHANNEL]
    assert commits is not None and commits < len(webhooks)  # webhooks that arrived together shared commits
    engine.dispose()


def test_a_database_that_cannot_be_reached_is_a_store_error() -> None:
    intake = PostgresIntake("postgresql://postgres@127.0.0.1:9/nowhere")

    async def deliver() -> None:
        with pytest.raises(StoreError):
            await intake.store([text_event("ประชุม")])
        await intake.close()

    asyncio.run(deliver())
