"""The digest's clock: a cron at DIGEST_TIME in TIMEZONE, and a missed run made up once at start-up."""

from __future__ import annotations

import asyncio
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Engine

from bot.line import make_line_client
from bot.scheduler import start_scheduler
from bot.settings import Settings

TOKEN = "sched-token-" + "x" * 20


def scheduled(engine: Engine, digest_time: str, reminder_time: str = "23:58") -> list[tuple[str, Any]]:
    settings = Settings(line_channel_access_token=TOKEN, digest_time=digest_time, timezone="Asia/Bangkok",  # type: ignore[arg-type]
                        reminder_time=reminder_time)  # fmt: skip
    line = make_line_client(settings)

    async def start() -> list[tuple[str, Any]]:
        scheduler = start_scheduler(settings, engine, line)
        assert scheduler is not None
        try:
            return [(job.id, job.trigger) for job in scheduler.get_jobs()]
        finally:
            scheduler.shutdown(wait=False)

    try:
        return asyncio.run(start())
    finally:
        assert line is not None
        line.close()


def test_cron_runs_at_digest_time_in_the_timezone(engine: Engine) -> None:
    trigger = dict(scheduled(engine, "23:59"))["digest"]
    assert str(trigger) == "cron[hour='23', minute='59']" and str(trigger.timezone) == "Asia/Bangkok"


def test_a_missed_digest_is_run_once_at_start_up(engine: Engine) -> None:
    """Started after DIGEST_TIME with no run today: one extra job, due now."""
    now = datetime.now(ZoneInfo("Asia/Bangkok"))
    if now.hour == 0 and now.minute == 0:
        return  # "00:00" is the earliest time there is; any other minute of the day works
    jobs = dict(scheduled(engine, "00:00", reminder_time="00:00"))
    assert set(jobs) == {"digest", "digest-retry", "digest-missed", "sources",
                         "reminders", "reminders-retry", "reminders-missed"}  # fmt: skip
    assert jobs["digest-retry"].interval.total_seconds() == 600  # DIGEST_RETRY_MINUTES' default
    assert jobs["reminders-retry"].interval.total_seconds() == 600


def test_reminders_run_at_reminder_time_in_the_timezone(engine: Engine) -> None:
    """REMINDER_TIME's cron; before that time of day nothing is made up at start-up."""
    jobs = dict(scheduled(engine, "23:59", reminder_time="23:58"))
    trigger = jobs["reminders"]
    assert str(trigger) == "cron[hour='23', minute='58']" and str(trigger.timezone) == "Asia/Bangkok"
    now = datetime.now(ZoneInfo("Asia/Bangkok"))
    if (now.hour, now.minute) < (23, 58):
        assert "reminders-missed" not in jobs


def test_sources_are_polled_every_source_poll_minutes(engine: Engine) -> None:
    """Without LINE there is no digest, yet the sources are still polled; SOURCE_POLL_MINUTES=0 stops that."""

    async def jobs(settings: Settings) -> dict[str, Any]:
        scheduler = start_scheduler(settings, engine, None)
        if scheduler is None:
            return {}
        try:
            return {job.id: (job.trigger, job.next_run_time) for job in scheduler.get_jobs()}
        finally:
            scheduler.shutdown(wait=False)

    started = datetime.now(ZoneInfo("Asia/Bangkok"))
    polled = asyncio.run(jobs(Settings(source_poll_minutes=45, database_url="sqlite:///x.db")))
    assert list(polled) == ["sources"] and str(polled["sources"][0]) == "interval[0:45:00]"
    first = (polled["sources"][1] - started).total_seconds()
    assert 59 <= first <= 61  # a minute after start-up: a process that only lives briefly never polls
    assert asyncio.run(jobs(Settings(source_poll_minutes=0))) == {}
