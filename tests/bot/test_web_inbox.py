"""The chat page's inbox: what LINE would push to a browser (its reminders, the digest of what it
follows) waits on the server, and the page is given each message once."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from fastapi.testclient import TestClient

from bot.app import create_app
from bot.settings import Settings
from news.dates import thai_date
from news.record import MeetingRecord
from store.articles import add_article
from store.db import session_scope
from tests.bot.test_cli import run
from tests.fakes.line_server import FakeLine, running_fake_line
from tests.helpers import said

TOKEN = "inbox-token-" + "x" * 20
BANGKOK = ZoneInfo("Asia/Bangkok")
DAY = datetime.now(BANGKOK).date() + timedelta(days=3)  # far enough that "เตือนฉัน" is accepted today
EVE = f"{DAY - timedelta(days=1)}T16:00"  # REMINDER_TIME the day before


@pytest.fixture
def line() -> Iterator[FakeLine]:
    with running_fake_line(TOKEN) as fake:
        yield fake
        assert fake.problems == []


@pytest.fixture
def page(sqlite_url: str) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(database_url=sqlite_url))) as browser:
        browser.get("/")
        yield browser


def add(client: TestClient, title: str, *, start: date = DAY) -> int:
    record = MeetingRecord(title=title, province="ตรัง", kind="meeting", start_date=start, time="09:00")
    with session_scope(client.app.state.engine) as session:  # type: ignore[attr-defined]
        added = add_article(session, source=f"https://news.example/{title}", raw_text=title, records=[record])
        return added.meetings[0].id or 0


def tap(client: TestClient, postback: str) -> dict[str, Any]:
    answer = client.post("/chat", json={"text": "", "postback": postback})
    assert answer.status_code == 200, answer.text
    [message] = answer.json()["messages"]
    return dict(message)


def inbox(client: TestClient) -> list[dict[str, Any]]:
    answer = client.get("/chat/inbox")
    assert answer.status_code == 200, answer.text
    return list(answer.json()["messages"])


def daily(command: str, now: str, sqlite_url: str, line: FakeLine) -> dict[str, Any]:
    """`prachum remind` or `prachum digest` with --now, as cron would run it, against the fake LINE."""
    env = {"DATABASE_URL": sqlite_url, "LINE_CHANNEL_ACCESS_TOKEN": TOKEN, "LINE_API_HOST": line.base_url}
    done = run(command, "--now", now, env=env)
    assert done.returncode == 0, done.stderr
    return dict(json.loads(done.stdout))


def test_a_browser_that_asked_to_be_reminded_finds_the_reminder_on_the_page_once(
    page: TestClient, sqlite_url: str, line: FakeLine
) -> None:
    meeting = add(page, "ประชุมครูแนะแนวตรัง")
    assert "ตั้งเตือนแล้วครับ" in tap(page, f"action=remind&id={meeting}")["altText"]
    assert inbox(page) == []

    report = daily("remind", EVE, sqlite_url, line)
    assert (report["status"], report["recipients"], report["messages"], report["web_messages"]) == (
        "done", 1, 0, 1
    )  # fmt: skip
    assert line.timeline == []  # a browser has no LINE id: no push, and no quota read for it either

    [reminder] = inbox(page)
    assert reminder["altText"].startswith(
        f"เตือน: พรุ่งนี้ ({thai_date(DAY)}) มีการประชุมที่คุณให้เตือน 1 รายการ\n1. ประชุมครูแนะแนวตรัง"
    )
    [card, _more] = reminder["contents"]["contents"]
    assert said({"type": "flex", "contents": card}).split("\n")[1] == "ประชุมครูแนะแนวตรัง"
    assert inbox(page) == []  # shown once
    assert daily("remind", EVE, sqlite_url, line)["status"] == "skipped: already sent today"
    assert inbox(page) == [] and line.sends() == []


def test_another_browser_s_inbox_stays_empty(page: TestClient, sqlite_url: str, line: FakeLine) -> None:
    meeting = add(page, "ประชุมผู้บริหารตรัง")
    tap(page, f"action=remind&id={meeting}")
    with TestClient(page.app) as other:
        other.get("/")
        daily("remind", EVE, sqlite_url, line)
        assert inbox(other) == []
        [reminder] = inbox(page)
        assert "ประชุมผู้บริหารตรัง" in reminder["altText"]


def test_a_browser_that_follows_a_province_finds_the_morning_digest_on_the_page(
    page: TestClient, sqlite_url: str, line: FakeLine
) -> None:
    assert said(page.post("/chat", json={"text": "ติดตาม ตรัง"}).json()["messages"][0]).startswith(
        "ติดตามจังหวัดตรังแล้วครับ"
    )
    add(page, "ประชุมคณะกรรมการศึกษาธิการจังหวัดตรัง")
    morning = (datetime.now(BANGKOK) + timedelta(minutes=1)).isoformat(timespec="seconds")
    report = daily("digest", morning, sqlite_url, line)
    assert (report["recipients"], report["messages"], report["web_messages"]) == (1, 0, 1)
    [digest] = inbox(page)
    assert "ประชุมคณะกรรมการศึกษาธิการจังหวัดตรัง" in digest["altText"]
    assert inbox(page) == [] and line.sends() == []


def test_without_a_line_channel_local_inbox_still_reminds_the_page(page: TestClient, sqlite_url: str) -> None:
    """`make run` has no LINE channel; with LOCAL_INBOX the reminder run serves the chat page alone."""
    meeting = add(page, "ประชุมครูวิทยาศาสตร์ตรัง")
    tap(page, f"action=remind&id={meeting}")

    refused = run("remind", "--now", EVE, env={"DATABASE_URL": sqlite_url})
    assert refused.returncode == 2 and "LINE_CHANNEL_ACCESS_TOKEN is not set" in refused.stderr
    done = run("remind", "--now", EVE, env={"DATABASE_URL": sqlite_url, "LOCAL_INBOX": "true"})
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert (report["status"], report["messages"], report["web_messages"]) == ("done", 0, 1)
    [reminder] = inbox(page)
    assert "ประชุมครูวิทยาศาสตร์ตรัง" in reminder["altText"]


def test_local_inbox_starts_the_daily_jobs_without_a_line_channel(sqlite_url: str) -> None:
    from bot.scheduler import start_scheduler
    from store.db import make_engine
    from store.migrate import upgrade

    engine = make_engine(sqlite_url)
    upgrade(engine)
    settings = Settings(database_url=sqlite_url, source_poll_minutes=0, local_inbox=True)

    async def jobs(settings: Settings) -> set[str] | None:
        scheduler = start_scheduler(settings, engine, None)
        if scheduler is None:
            return None
        scheduler.shutdown(wait=False)
        return {job.id for job in scheduler.get_jobs()}

    started = asyncio.run(jobs(settings))
    assert started is not None and {"digest", "reminders"} <= started  # and their retries
    assert asyncio.run(jobs(Settings(database_url=sqlite_url, source_poll_minutes=0))) is None
