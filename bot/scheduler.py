"""The digest's clock: APScheduler 3 in the web process, at DIGEST_TIME in TIMEZONE."""

from __future__ import annotations

import logging
from datetime import datetime

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger
from sqlalchemy import Engine

from bot.digest import is_due, run_digest
from bot.line import LineClient
from bot.settings import Settings

log = logging.getLogger("prachum.scheduler")


def start_scheduler(settings: Settings, engine: Engine, line: LineClient | None) -> AsyncIOScheduler | None:
    """A daily cron for the digest, plus one run now when today's was missed while the server was down.

    Without LINE credentials there is nothing to send to, so nothing is scheduled. The job is a
    plain function: APScheduler runs it in its thread pool, off the event loop.
    """
    if line is None:
        return None

    def job() -> None:
        try:
            report = run_digest(engine, line, now=datetime.now(settings.tz), scheduled=True)
            log.info("digest: %s", report.to_json())
        except Exception:
            log.exception("digest run failed; the next run finishes it")

    hour, minute = (int(part) for part in settings.digest_time.split(":"))
    scheduler = AsyncIOScheduler(timezone=settings.tz)
    trigger = CronTrigger(hour=hour, minute=minute, timezone=settings.tz)
    scheduler.add_job(job, trigger, id="digest", coalesce=True, max_instances=1, misfire_grace_time=3600)
    if is_due(engine, datetime.now(settings.tz), settings.digest_time):
        scheduler.add_job(job, id="digest-missed", next_run_time=datetime.now(settings.tz))
    scheduler.start()
    return scheduler
