"""Running the daily digest: plan, record, send, record again; safe to kill and run again at any point."""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from datetime import time as clock

from sqlalchemy import Engine
from sqlmodel import Session

from bot.line import LineClient, Outcome, QuotaUnknownError
from bot.logs import log_context
from handlers import replies
from handlers.digest import Plan, digest_message, plan_digest
from handlers.replies import Message
from store import digests
from store.db import session_scope
from store.locks import exclusive
from store.models import DigestBatch, DigestRun, utcnow

log = logging.getLogger("prachum.digest")
BACKOFF_SECONDS = (1.0, 2.0, 4.0, 8.0)
QUOTA_NAMESPACE = uuid.UUID("5d0c4b7a-9e2f-4a61-b3c8-7f1e2d9a6c40")


@dataclass(frozen=True)
class DigestPolicy:
    """What a run needs to know beyond the clock: who hears about a run that cannot be sent, what is kept."""

    admins: Sequence[str] = ()
    keep_deliveries: timedelta = timedelta(days=30)


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
    finished_earlier: bool = False  # this run was cut off on an earlier day; today's comes next

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
    policy: DigestPolicy = DigestPolicy(),
) -> DigestReport:
    """Finish a run that was cut off and go on to today's, or start today's (a manual run: a new one)."""
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
        report = _run(engine, line, now=now, scheduled=scheduled, sleep=sleep, policy=policy)
        while report.finished_earlier and report.status == "done":
            report = _run(engine, line, now=now, scheduled=True, sleep=sleep, policy=policy)
        _prune(engine, keep=policy.keep_deliveries)
        return report


def _run(
    engine: Engine,
    line: LineClient,
    *,
    now: datetime,
    scheduled: bool,
    sleep: Callable[[float], None],
    policy: DigestPolicy,
) -> DigestReport:
    """One run: the one that was cut off, else today's; `finished_earlier` says it was an older one."""
    with session_scope(engine) as session:
        run = digests.unfinished_run(session)
        if run is None:
            key = daily_key(now)
            if digests.run_named(session, key) is not None:
                if scheduled:
                    return DigestReport(run=key, status="skipped: already sent today")
                key = _free_key(session, f"manual-{now.isoformat(timespec='seconds')}")
            run = digests.open_run(session, key=key, cutoff=now)
        run_id, run_key, cutoff = run.id or 0, run.key, run.cutoff
    with log_context(run=run_key):
        with session_scope(engine) as session:
            run = session.get(DigestRun, run_id)
            assert run is not None
            plan = plan_digest(session, cutoff=cutoff, run_id=run_id)
            digests.record_plan(session, run, plan.batches, plan.nothing_new)
        report = _planned(DigestReport(run=run_key), plan)
        report.finished_earlier = run_key != daily_key(now) and run_key.startswith("daily-")
        if _quota_stops(engine, line, run_id, report, policy):
            return report
        _send_pending(engine, line, run_id, cutoff=cutoff, report=report, sleep=sleep)
        log.info("digest %s: %s", run_key, report.to_json())
    return report


def _send_pending(
    engine: Engine,
    line: LineClient,
    run_id: int,
    *,
    cutoff: datetime,
    report: DigestReport,
    sleep: Callable[[float], None],
) -> None:
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
            report.status = f"incomplete: {left} batches are tried again in DIGEST_RETRY_MINUTES"
        run = session.get(DigestRun, run_id)
        if run is not None and (not left or report.status.startswith("stopped")):
            digests.finish_run(session, run, "done" if not left else "limit", report.to_json())


def _quota_stops(
    engine: Engine, line: LineClient, run_id: int, report: DigestReport, policy: DigestPolicy
) -> bool:
    """Read the month's quota before sending; a run it cannot cover sends nothing and admins are told."""
    with session_scope(engine) as session:
        needed = digests.pending_messages(session, run_id)
    if not needed:
        return False
    try:
        remaining = line.remaining_quota()
    except QuotaUnknownError as err:
        report.status = "incomplete: LINE's message quota could not be read; tried again later"
        report.failures.append(f"quota: {err}")
        log.warning("digest not sent yet: LINE's message quota could not be read (%s)", err)
        return True
    if remaining is None or remaining >= needed:
        return False
    report.status = f"quota: {needed:,} messages needed, {max(remaining, 0):,} left this month; nothing sent"
    with session_scope(engine) as session:
        run = session.get(DigestRun, run_id)
        if run is not None:
            digests.finish_run(session, run, "quota", report.to_json())
    log.error("digest %s not sent: %s", report.run, report.status)
    _tell_admins(line, policy.admins, report)
    return True


def _tell_admins(line: LineClient, admins: Sequence[str], report: DigestReport) -> None:
    if not admins:
        return
    text = (
        f"สรุปประจำวัน {report.run} ยังไม่ได้ส่ง: โควตาข้อความของเดือนนี้ไม่พอ "
        f"({report.status}) ผู้ติดตามจะได้รับการประชุมเหล่านี้ในสรุปครั้งถัดไปเมื่อมีโควตา"
    )
    key = str(uuid.uuid5(QUOTA_NAMESPACE, report.run or ""))
    outcome = line.deliver(sorted(admins), [replies.text(text)], key)
    if outcome.status != "sent":
        log.error("admins could not be told about the digest quota: %s %s", outcome.status, outcome.detail)


def _prune(engine: Engine, *, keep: timedelta) -> None:
    with session_scope(engine) as session:
        gone = digests.prune_deliveries(session, before=utcnow() - keep)
    if gone:
        log.info("pruned %d digest deliveries older than %d days", gone, keep.days)


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
        message = digest_message(digests.meetings_by_id(session, batch.meeting_ids), batch_id=batch.id)
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
