"""A LINE outage at digest time delays the digest by minutes, never a day; a short quota sends nothing.

Time is simulated: the scheduler's jobs are called at the minutes they would fire (07:00, then every
DIGEST_RETRY_MINUTES), and the run's back-off sleeps move the same clock. The fake LINE is down
while that clock is inside the outage.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine, func
from sqlmodel import select

from bot.digest import DigestPolicy, run_digest
from bot.line import LineClient, make_line_client
from bot.scheduler import scheduled_digest
from bot.settings import Settings
from handlers.admin import Admin, answer_admin
from store import digests
from store.db import session_scope
from store.models import Delivery, DigestBatch, DigestRun
from tests.bot.digest_world import EVERYTHING, T0, add_meeting, delivered, province, subscribe
from tests.fakes.line_server import FakeLine, running_fake_line

TOKEN = "catch-up-token-" + "x" * 20
BANGKOK = ZoneInfo("Asia/Bangkok")
DAY = datetime(2026, 11, 21, 7, 0, tzinfo=BANGKOK)
USERS = ["U" + str(i) * 32 for i in range(1, 5)]
GROUP = "C" + "8" * 32
ADMIN = "U" + "a" * 32


@dataclass
class Clock:
    now: datetime

    def sleep(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)

    def at(self, moment: datetime) -> datetime:
        self.now = max(self.now, moment)
        return self.now


def world(engine: Engine) -> dict[tuple[str, str], int]:
    """Three meetings stored the day before; ตรัง and สงขลา followers, one of everything, and a group."""
    meetings = {"ประชุมตรัง 1": "ตรัง", "ประชุมตรัง 2": "ตรัง", "ประชุมสงขลา": "สงขลา"}
    for title, where in meetings.items():
        add_meeting(engine, title, province=where)
    follows = {USERS[0]: province("ตรัง"), USERS[1]: province("ตรัง"), USERS[2]: province("สงขลา"),
               USERS[3]: EVERYTHING, GROUP: province("ตรัง")}  # fmt: skip
    for who, follow in follows.items():
        subscribe(engine, who, follow, chat_type="group" if who == GROUP else "user", since=T0)
    return {
        (who, title): 1
        for who, follow in follows.items()
        for title, where in meetings.items()
        if not follow or where in follow["provinces"]
    }


def status_of(engine: Engine, key: str) -> str | None:
    with session_scope(engine) as session:
        run = digests.run_named(session, key)
        return run.status if run else None


@pytest.fixture
def line() -> Iterator[FakeLine]:
    with running_fake_line(TOKEN) as fake:
        yield fake


@pytest.fixture
def client(line: FakeLine) -> Iterator[LineClient]:
    made = make_line_client(Settings(line_channel_access_token=TOKEN, line_api_host=line.base_url))  # type: ignore[arg-type]
    assert made is not None
    yield made
    made.close()


def settings() -> Settings:
    return Settings(line_channel_access_token=TOKEN, admin_user_ids=ADMIN)  # type: ignore[arg-type]


@pytest.mark.parametrize("outage", [timedelta(seconds=15), timedelta(minutes=40)], ids=["15s", "40min"])
def test_an_outage_at_07_00_delays_the_digest_by_minutes_and_sends_each_meeting_once(
    engine: Engine, line: FakeLine, client: LineClient, outage: timedelta
) -> None:
    expected = world(engine)
    clock = Clock(DAY)
    line.outage = lambda: clock.now < DAY + outage
    done_at = None
    for minute in range(0, 5 * 60 + 1, 10):  # the 07:00 cron, then each retry until 12:00
        now = clock.at(DAY + timedelta(minutes=minute))
        scheduled_digest(settings(), engine, client, now=now, retry=minute > 0, sleep=clock.sleep)
        if done_at is None and status_of(engine, "daily-2026-11-21") == "done":
            done_at = clock.now
    assert delivered(line.sends()) == expected
    assert done_at is not None and done_at.date() == DAY.date()
    assert done_at - DAY <= outage + timedelta(minutes=10, seconds=20)  # the first retry after LINE is back
    assert line.problems == []


def test_a_run_cut_off_yesterday_is_finished_at_07_00_and_today_s_run_follows(
    engine: Engine, line: FakeLine, client: LineClient
) -> None:
    expected = world(engine)
    clock = Clock(DAY)
    line.outage = lambda: clock.now < DAY + timedelta(hours=6)  # down past DIGEST_RETRY_UNTIL
    for minute in range(0, 5 * 60 + 1, 10):
        scheduled_digest(settings(), engine, client, now=clock.at(DAY + timedelta(minutes=minute)),
                         retry=minute > 0, sleep=clock.sleep)  # fmt: skip
    assert line.sends() == [] and status_of(engine, "daily-2026-11-21") == "running"
    add_meeting(engine, "ประชุมตรัง 3", province="ตรัง", stored=DAY + timedelta(hours=8))
    for who in (USERS[0], USERS[1], USERS[3], GROUP):
        expected[(who, "ประชุมตรัง 3")] = 1
    next_day = DAY + timedelta(days=1)
    scheduled_digest(settings(), engine, client, now=clock.at(next_day), sleep=clock.sleep)
    assert delivered(line.sends()) == expected
    assert status_of(engine, "daily-2026-11-21") == "done"
    assert status_of(engine, "daily-2026-11-22") == "done"


def test_a_quota_that_cannot_cover_the_run_sends_nothing_and_tells_the_admins(
    engine: Engine, line: FakeLine, client: LineClient
) -> None:
    expected = world(engine)
    line.quota, line.usage = 1_000, 998  # five chats need five messages; two are left
    report = scheduled_digest(settings(), engine, client, now=DAY)
    assert report is not None
    assert report.status == "quota: 5 messages needed, 2 left this month; nothing sent"
    assert status_of(engine, "daily-2026-11-21") == "quota"
    [told] = line.sends()
    assert told[0].endswith("/push") and told[1]["to"] == ADMIN
    assert "โควตา" in told[1]["messages"][0]["text"]
    with session_scope(engine) as session:
        [stats] = answer_admin("stats", "", admin=Admin(ADMIN, allowed=True), session=session)
    assert stats["text"].splitlines()[-2:] == [
        "สรุปล่าสุด daily-2026-11-21: quota, ส่ง 0 ข้อความ",
        "ไม่ได้ส่งเพราะโควตาข้อความของเดือนนี้ไม่พอ (quota: 5 messages needed, 2 left this month; nothing sent)",
    ]
    line.quota = 2_000  # more bought: the next day's run delivers what waited
    scheduled_digest(settings(), engine, client, now=DAY + timedelta(days=1))
    assert delivered(line.sends()[1:]) == expected


def test_deliveries_are_pruned_after_the_retention_and_runs_and_batches_stay(
    engine: Engine, line: FakeLine, client: LineClient
) -> None:
    world(engine)
    run_digest(engine, client, now=DAY, scheduled=True)
    with session_scope(engine) as session:
        assert session.exec(select(func.count()).select_from(Delivery)).one() == 5
    run_digest(engine, client, now=DAY, scheduled=True, policy=DigestPolicy(keep_deliveries=timedelta(0)))
    with session_scope(engine) as session:
        assert session.exec(select(func.count()).select_from(Delivery)).one() == 0
        assert session.exec(select(func.count()).select_from(DigestRun)).one() == 1
        assert session.exec(select(func.count()).select_from(DigestBatch)).one() == 4
