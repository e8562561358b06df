"""Running the daily digest: plan, record, send, record again; safe to kill and run again at any point."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import datetime
from datetime import time as clock

from linebot.v3.messaging import Message
from sqlalchemy import Engine
from sqlmodel import Session

from bot.line import LineClient, Outcome
from handlers.digest import Plan, digest_message, plan_digest, stored_rows
from store import digests
from store.db import session_scope
from store.locks import exclusive
from store.models import DigestBatch, DigestRun

log = logging.getLogger("prachum.digest")
BACKOFF_SECONDS = (1.0, 2.0, 4.0, 8.0)


@dataclass
class DigestReport:
    run: str | None = None
    status: str = "done"
    dry_run: bool = False
    subscribers: int = 0
    recipients: int = 0
    meetings: int = 0
    messages: int = 0
    requests: int = 0
    failures: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        return asdict(self)


class DigestError(Exception):
    """The digest cannot run at all (no LINE credentials)."""


def daily_key(now: datetime) -> str:
    return f"daily-{now.date().isoformat()}"


def is_due(engine: Engine, now: datetime, digest_time: str) -> bool:
    """Today's digest has not run and its time has passed, or a run was cut off: run it once now."""
    hour, minute = (int(part) for part in digest_time.split(":"))
    with session_scope(engine) as session:
        if digests.unfinished_run(session) is not None:
            return True
        return now.time() >= clock(hour, minute) and digests.run_named(session, daily_key(now)) is None


def run_digest(
    engine: Engine,
    line: LineClient | None,
    *,
    now: datetime,
    scheduled: bool = False,
    dry_run: bool = False,
    sleep: Callable[[float], None] = time.sleep,
) -> DigestReport:
    """Finish a run that was cut off, or start today's (a manual run after it starts a new one)."""
    if dry_run:
        with session_scope(engine) as session:
            plan = plan_digest(session, cutoff=now)
            session.rollback()
        return _planned(DigestReport(dry_run=True, status="dry-run"), plan)
    if line is None:
        raise DigestError("LINE_CHANNEL_ACCESS_TOKEN is not set: nothing can be sent (try --dry-run)")
    with exclusive(engine, "digest") as held:
        if not held:
            return DigestReport(status="skipped: another process is sending the digest")
        return _run(engine, line, now=now, scheduled=scheduled, sleep=sleep)


def _run(
    engine: Engine, line: LineClient, *, now: datetime, scheduled: bool, sleep: Callable[[float], None]
) -> DigestReport:
    with session_scope(engine) as session:
        run = digests.unfinished_run(session)
        if run is None:
            key = daily_key(now)
            if digests.run_named(session, key) is not None:
                if scheduled:
                    return DigestReport(run=key, status="skipped: already sent today")
                key = _free_key(session, f"manual-{now.isoformat(timespec='seconds')}")
            run = digests.open_run(session, key=key, cutoff=now)
        plan = plan_digest(session, cutoff=run.cutoff, run_id=run.id)
        digests.record_plan(session, run, plan.batches, plan.nothing_new)
        run_id, run_key, cutoff = run.id or 0, run.key, run.cutoff
    report = _planned(DigestReport(run=run_key), plan)
    with session_scope(engine) as session:
        batches = digests.pending_batches(session, run_id)
        session.expunge_all()
    for batch in batches:
        outcome = _send_batch(engine, line, batch, cutoff=cutoff, report=report, sleep=sleep)
        if outcome.status == "limit":
            report.status = "stopped: monthly message limit reached"
            break
    with session_scope(engine) as session:
        left = len(digests.pending_batches(session, run_id))
        if left and report.status == "done":
            report.status = f"incomplete: {left} batches are tried again on the next run"
        run = session.get(DigestRun, run_id)
        if run is not None and (not left or report.status.startswith("stopped")):
            digests.finish_run(session, run, "done" if not left else "limit", report.to_json())
    log.info("digest %s: %s", run_key, report.to_json())
    return report


def _free_key(session: Session, key: str) -> str:
    """`key`, or `key-2`, `key-3`…: a second manual run in the same second (or --now) is a run of its own."""
    number, candidate = 1, key
    while digests.run_named(session, candidate) is not None:
        number += 1
        candidate = f"{key}-{number}"
    return candidate


def _planned(report: DigestReport, plan: Plan) -> DigestReport:
    report.subscribers = plan.considered
    report.recipients = plan.recipients
    report.meetings = len(plan.meeting_ids)
    return report


def _send_batch(
    engine: Engine,
    line: LineClient,
    batch: DigestBatch,
    *,
    cutoff: datetime,
    report: DigestReport,
    sleep: Callable[[float], None],
) -> Outcome:
    with session_scope(engine) as session:
        people = digests.recipients(session, batch.id or 0)
        message = digest_message(stored_rows(session, batch.meeting_ids), batch_id=batch.id)
    if not people or message is None:
        outcome = Outcome("skipped", "no recipient left or every meeting deleted")
    else:
        outcome = _send_with_retries(line, people, message, batch.retry_key, report, sleep)
    with session_scope(engine) as session:
        stored = session.get(DigestBatch, batch.id)
        if stored is not None and outcome.status != "retry" and outcome.status != "limit":
            digests.mark_batch(session, stored, outcome.status, cutoff=cutoff, error=outcome.detail or None)
        elif stored is not None:
            stored.attempts += 1
            stored.error = outcome.detail
            session.add(stored)
    if outcome.status == "sent":
        report.messages += len(people)
    elif outcome.status != "skipped":
        report.failures.append(f"batch {batch.number}: {outcome.status} {outcome.detail}".strip())
    return outcome


def _send_with_retries(
    line: LineClient,
    to: list[str],
    message: Message,
    retry_key: str,
    report: DigestReport,
    sleep: Callable[[float], None],
) -> Outcome:
    """429 and 5xx are tried again after a pause, with the same key; anything else is final."""
    outcome = Outcome("retry")
    for pause in (0.0, *BACKOFF_SECONDS):
        if pause:
            sleep(pause)
        report.requests += 1
        outcome = line.deliver(to, [message], retry_key)
        if outcome.status != "retry":
            return outcome
    return outcome
