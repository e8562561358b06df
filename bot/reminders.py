"""The reminder run: the digest's machinery (runs, batches, deliveries, retry keys, catch-up) with its
own plan and message. At REMINDER_TIME each chat gets one push of tomorrow's meetings it asked about."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime

from sqlalchemy import Engine
from sqlmodel import Session

from bot.digest import DigestPolicy, DigestReport, Job, is_due, run_job
from bot.line import Sender
from handlers import replies
from handlers.digest import Plan
from handlers.reminders import KEY_PREFIX, plan_reminders, reminder_message
from handlers.replies import Message
from store import digests
from store.models import DigestBatch


def _plan(session: Session, _cutoff: datetime, run_id: int | None, key: str) -> Plan:
    return plan_reminders(session, key, run_id)


def _message(session: Session, batch: DigestBatch, site: replies.Site) -> Message | None:
    return reminder_message(digests.meetings_by_id(session, batch.meeting_ids), site)


REMINDERS = Job(
    kind="reminder",
    prefix=KEY_PREFIX.rstrip("-"),
    lock="reminders",
    what="การเตือนประชุม",
    plan=_plan,
    message=_message,
    advances=False,  # a reminder is not a digest: the morning digest still carries what is new
    repeatable=False,  # a second run the same day would remind twice
    expiring=True,  # cut off yesterday: those meetings are today, "พรุ่งนี้" would be wrong
)


def reminders_due(engine: Engine, now: datetime, reminder_time: str) -> bool:
    return is_due(engine, now, reminder_time, REMINDERS)


def run_reminders(
    engine: Engine,
    line: Sender | None,
    *,
    now: datetime,
    scheduled: bool = False,
    dry_run: bool = False,
    sleep: Callable[[float], None] = time.sleep,
    policy: DigestPolicy | None = None,
) -> DigestReport:
    """Today's reminder run (or the one that was cut off today); once a day, whoever starts it."""
    return run_job(REMINDERS, engine, line, now=now, scheduled=scheduled, dry_run=dry_run, sleep=sleep,
                   policy=policy or DigestPolicy())  # fmt: skip
