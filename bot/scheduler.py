"""The digest's clock: APScheduler 3 in the web process, at DIGEST_TIME in TIMEZONE, with same-day retries;
the reminders' at REMINDER_TIME the same way; and the news sources' poll every SOURCE_POLL_MINUTES.

A run cut off by a LINE outage is tried again every DIGEST_RETRY_MINUTES until DIGEST_RETRY_UNTIL,
and finishing it goes on to today's run: an outage delays a digest by minutes, never a day.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import datetime, timedelta

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from sqlalchemy import Engine

from bot.digest import DigestPolicy, DigestReport, is_due, run_digest
from bot.line import LineClient, Sender, sender_for
from bot.reminders import reminders_due, run_reminders
from bot.settings import Settings
from bot.site import site_of
from bot.sources import scheduled_poll

log = logging.getLogger("prachum.scheduler")
FIRST_POLL_AFTER = timedelta(minutes=1)


def _clock(value: str) -> tuple[int, int]:
    hour, minute = (int(part) for part in value.split(":"))
    return hour, minute


def policy_of(settings: Settings) -> DigestPolicy:
    return DigestPolicy(
        admins=tuple(sorted(settings.admin_user_ids)),
        keep_deliveries=timedelta(days=settings.delivery_retention_days),
        site=site_of(settings),
    )


def scheduled_digest(
    settings: Settings,
    engine: Engine,
    line: Sender,
    *,
    now: datetime,
    retry: bool = False,
    sleep: Callable[[float], None] = time.sleep,
) -> DigestReport | None:
    """The jobs' work. A retry runs only between DIGEST_TIME and DIGEST_RETRY_UNTIL, and only when due."""
    if retry:
        start, until = (
            now.replace(hour=h, minute=m, second=0, microsecond=0)
            for h, m in (_clock(settings.digest_time), _clock(settings.digest_retry_until))
        )
        if not start <= now <= until or not is_due(engine, now, settings.digest_time):
            return None
    return run_digest(engine, line, now=now, scheduled=True, sleep=sleep, policy=policy_of(settings))


def scheduled_reminders(
    settings: Settings,
    engine: Engine,
    line: Sender,
    *,
    now: datetime,
    retry: bool = False,
    sleep: Callable[[float], None] = time.sleep,
) -> DigestReport | None:
    """The reminder jobs' work: at REMINDER_TIME, and retries from then until the end of that day."""
    if retry:
        hour, minute = _clock(settings.reminder_time)
        start = now.replace(hour=hour, minute=minute, second=0, microsecond=0)
        if now < start or not reminders_due(engine, now, settings.reminder_time):
            return None
    return run_reminders(engine, line, now=now, scheduled=True, sleep=sleep, policy=policy_of(settings))


def start_scheduler(settings: Settings, engine: Engine, line: LineClient | None) -> AsyncIOScheduler | None:
    """The daily cron, the same-day retries, and a run now when today's was missed while the server was down.

    And the source poll, a minute after start-up (the server is up; a short-lived process never polls),
    then every SOURCE_POLL_MINUTES (one poller across processes).

    Without LINE credentials there is no digest to send, unless LOCAL_INBOX lets the chat page's browsers
    have theirs; with SOURCE_POLL_MINUTES=0 no polling. The
    jobs are plain functions: APScheduler runs them in its thread pool, off the event loop.
    """
    scheduler = AsyncIOScheduler(timezone=settings.tz)
    if settings.source_poll_minutes > 0:
        every = IntervalTrigger(minutes=settings.source_poll_minutes, timezone=settings.tz)
        first = datetime.now(settings.tz) + FIRST_POLL_AFTER
        scheduler.add_job(scheduled_poll, every, args=(engine, settings), id="sources", coalesce=True,
                          max_instances=1, next_run_time=first)  # fmt: skip
    sender = sender_for(line, settings)
    if sender is not None:
        _add_digest(scheduler, settings, engine, sender)
        _add_reminders(scheduler, settings, engine, sender)
    if not scheduler.get_jobs():
        return None
    scheduler.start()
    return scheduler


def _add_digest(scheduler: AsyncIOScheduler, settings: Settings, engine: Engine, line: Sender) -> None:
    def run(retry: bool) -> None:
        scheduled_digest(settings, engine, line, now=datetime.now(settings.tz), retry=retry)

    missed = is_due(engine, datetime.now(settings.tz), settings.digest_time)
    _add_daily(scheduler, settings, "digest", settings.digest_time, run, missed=missed)


def _add_reminders(scheduler: AsyncIOScheduler, settings: Settings, engine: Engine, line: Sender) -> None:
    def run(retry: bool) -> None:
        scheduled_reminders(settings, engine, line, now=datetime.now(settings.tz), retry=retry)

    missed = reminders_due(engine, datetime.now(settings.tz), settings.reminder_time)
    _add_daily(scheduler, settings, "reminders", settings.reminder_time, run, missed=missed)


def _add_daily(
    scheduler: AsyncIOScheduler,
    settings: Settings,
    name: str,
    clock: str,
    run: Callable[[bool], None],
    *,
    missed: bool,
) -> None:
    """A daily run: a cron at its clock time, retries every DIGEST_RETRY_MINUTES, and a missed run now."""

    def job(retry: bool) -> None:
        try:
            run(retry)
        except Exception:
            log.exception("%s run failed; the next retry finishes it", name)

    hour, minute = _clock(clock)
    trigger = CronTrigger(hour=hour, minute=minute, timezone=settings.tz)
    once = {"coalesce": True, "max_instances": 1, "misfire_grace_time": 3600}
    scheduler.add_job(job, trigger, args=[False], id=name, **once)
    first_retry = datetime.now(settings.tz).replace(hour=hour, minute=minute, second=0, microsecond=0)
    every = IntervalTrigger(
        minutes=settings.digest_retry_minutes, start_date=first_retry, timezone=settings.tz
    )
    scheduler.add_job(job, every, args=[True], id=f"{name}-retry", **once)
    if missed:
        scheduler.add_job(job, args=[False], id=f"{name}-missed", next_run_time=datetime.now(settings.tz))
