"""Which workers may run: one on SQLite (a second is refused, saying why), any number on PostgreSQL,
where an idle worker wakes on the NOTIFY of a stored webhook rather than at its next poll."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import Engine

from bot.inbox import wait_until_answered
from bot.line import make_line_client
from bot.settings import Settings
from bot.worker import SQLITE_WORKER_LOCK, WorkerThread
from store import inbox
from store.db import make_engine
from store.locks import lease_holder
from store.migrate import upgrade
from tests.fakes.line_server import running_fake_line
from tests.helpers import text_event, user_source

TOKEN = "worker-token-" + "x" * 20
PRACHUM = [sys.executable, "-m", "bot.cli", "worker"]


def worker_env(database_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    return env | {"DATABASE_URL": database_url, "LINE_CHANNEL_ACCESS_TOKEN": TOKEN,
                  "LINE_API_HOST": "http://127.0.0.1:9", "LOG_LEVEL": "WARNING"}  # fmt: skip


def wait_until_held_by(engine: Engine, pid: int, timeout: float = 30.0) -> None:
    """Until the worker `pid` holds the SQLite worker lease (a dead holder's row may still be there)."""
    deadline = time.monotonic() + timeout
    while lease_holder(engine, SQLITE_WORKER_LOCK) != f"pid {pid} on {os.uname().nodename}":
        assert time.monotonic() < deadline, f"worker {pid} never took the SQLite worker lease"
        time.sleep(0.1)


def test_a_second_sqlite_worker_is_refused_and_one_may_follow_a_dead_one(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/prachum.db"
    engine = make_engine(url)
    upgrade(engine)
    first = subprocess.Popen(PRACHUM, env=worker_env(url), stderr=subprocess.DEVNULL)
    try:
        wait_until_held_by(engine, first.pid)
        second = subprocess.run(PRACHUM, env=worker_env(url), capture_output=True, text=True, timeout=60)
        assert second.returncode == 2
        assert second.stderr.strip() == (
            f"prachum: SQLite supports one event worker and pid {first.pid} on {os.uname().nodename} runs it "
            "already: stop that worker, or use PostgreSQL (DATABASE_URL=postgresql://...) to run several"
        )
        first.kill()  # a worker that dies leaves the lease to the next at once
        first.wait(10)
        third = subprocess.Popen(PRACHUM, env=worker_env(url), stderr=subprocess.DEVNULL)
        try:
            wait_until_held_by(engine, third.pid)
        finally:
            third.send_signal(signal.SIGTERM)
            assert third.wait(30) == 0
        assert lease_holder(engine, SQLITE_WORKER_LOCK) is None  # a clean stop lets go of it
    finally:
        if first.poll() is None:
            first.kill()
        engine.dispose()


@pytest.mark.postgres
def test_an_idle_postgres_worker_wakes_on_the_notify_of_a_stored_event(postgres_url: str) -> None:
    """The poll is 10 s, the answer comes well before it: the NOTIFY woke the worker."""
    engine = make_engine(postgres_url)
    upgrade(engine)
    with running_fake_line(TOKEN) as line:
        settings = Settings(
            database_url=postgres_url, line_channel_access_token=TOKEN, line_api_host=line.base_url,
            event_poll_seconds=10,
        )  # fmt: skip
        client = make_line_client(settings)
        assert client is not None
        worker = WorkerThread(settings, engine, client)
        worker.start()
        try:
            deadline = time.monotonic() + 10
            while not worker.worker.listening:
                assert time.monotonic() < deadline, "the worker never listened"
                time.sleep(0.05)
            time.sleep(0.5)  # past the worker's first claim: from here on only a NOTIFY wakes it early
            event = text_event("ประชุมที่ตรัง")
            inbox.store_events(engine, [event])
            wait_until_answered(engine, timeout=5)
            assert len(line.replies_to(event["replyToken"])) == 1
        finally:
            worker.stop()
            client.close()
            engine.dispose()


def test_a_worker_answering_many_at_once_keeps_a_connection_for_each(
    sqlite_engine: Engine, sqlite_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    """EVENT_CONCURRENCY=16 against a slow LINE: sixteen answers in flight share no connection, so none
    is opened and thrown away ("Connection pool is full"), and every chat gets its one answer."""
    with running_fake_line(TOKEN) as line:
        line.delay_seconds = 0.3
        settings = Settings(
            database_url=sqlite_url, line_channel_access_token=TOKEN, line_api_host=line.base_url,
            event_concurrency=16, event_poll_seconds=0.05,
        )  # fmt: skip
        client = make_line_client(settings)
        assert client is not None
        events = [text_event("ประชุมที่ตรัง", source=user_source(f"U{n:032x}")) for n in range(32)]
        for event in events:
            inbox.store_events(sqlite_engine, [event])
        worker = WorkerThread(settings, sqlite_engine, client)
        worker.start()
        try:
            wait_until_answered(sqlite_engine, timeout=30)
        finally:
            worker.stop()
            client.close()
        assert [len(line.replies_to(e["replyToken"])) for e in events] == [1] * 32
    assert [r.getMessage() for r in caplog.records if "pool is full" in r.getMessage()] == []
