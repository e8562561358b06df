"""Running the daily digest (and the reminder run, the same machinery): plan, record, send, record again;
safe to kill and run again at any point."""

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

from bot.line import Outcome, QuotaUnknownError, Sender
from bot.logs import log_context
from handlers import replies
from handlers.digest import Plan, digest_message, plan_digest
from handlers.replies import Message
from store import digests, web_inbox
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
    site: replies.Site = field(default_factory=replies.Site)  # the cards' links and buttons


@dataclass(frozen=True)
class Job:
    """What makes a run the digest or the reminders: the same runs, batches, deliveries and retry keys.

    `plan` places the chats still waiting in a run; `message` is what one batch sends. A `repeatable`
    job runs again by hand the same day (the digest: only what is new since); one that is not
    (reminders) would send twice. An `expiring` job's run cut off on an earlier day is closed unsent.
    """

    kind: str
    prefix: str
    lock: str
    what: str  # in the admins' Thai message about the quota
    plan: Callable[[Session, datetime, int | None, str], Plan]
    message: Callable[[Session, DigestBatch, replies.Site], Message | None]
    advances: bool  # a sent batch moves its subscribers' digest point (last_digest_at)
    repeatable: bool = True
    expiring: bool = False

    def key(self, now: datetime) -> str:
        return f"{self.prefix}-{now.date().isoformat()}"


def _digest_plan(session: Session, cutoff: datetime, run_id: int | None, _key: str) -> Plan:
    return plan_digest(session, cutoff=cutoff, run_id=run_id)


def _digest_batch_message(session: Session, batch: DigestBatch, site: replies.Site) -> Message | None:
    return digest_message(digests.meetings_by_id(session, batch.meeting_ids), batch_id=batch.id, site=site)


DIGEST = Job("digest", "daily", "digest", "สรุปประจำวัน", _digest_plan, _digest_batch_message, advances=True)


@dataclass
class DigestReport:
    run: str | None = None
    status: str = "done"
    dry_run: bool = False
    subscribers: int = 0
    recipients: int = 0
    meetings: int = 0
    messages: int = 0
    web_messages: int = 0  # stored for the chat page's browsers (store/web_inbox.py), not sent to LINE
    requests: int = 0
    failures: list[str] = field(default_factory=list)
    finished_earlier: bool = False  # this run was cut off on an earlier day; today's comes next

    def to_json(self) -> dict[str, object]:
        return asdict(self)


class DigestError(Exception):
    """The digest cannot run at all (no LINE credentials)."""


def daily_key(now: datetime) -> str:
    return DIGEST.key(now)


def is_due(engine: Engine, now: datetime, digest_time: str, job: Job = DIGEST) -> bool:
    """Today's run has not happened and its time has passed, or a run was cut off: run it once now."""
    hour, minute = (int(part) for part in digest_time.split(":"))
    with session_scope(engine) as session:
        if digests.unfinished_run(session, job.kind) is not None:
            return True
        return now.time() >= clock(hour, minute) and digests.run_named(session, job.key(now)) is None


def run_digest(
    engine: Engine,
    line: Sender | None,
    *,
    now: datetime,
    scheduled: bool = False,
    dry_run: bool = False,
    sleep: Callable[[float], None] = time.sleep,
    policy: DigestPolicy = DigestPolicy(),
) -> DigestReport:
    """Finish a run that was cut off and go on to today's, or start today's (a manual run: a new one)."""
    return run_job(DIGEST, engine, line, now=now, scheduled=scheduled, dry_run=dry_run, sleep=sleep,
                   policy=policy)  # fmt: skip


def run_job(
    job: Job,
    engine: Engine,
    line: Sender | None,
    *,
    now: datetime,
    scheduled: bool = False,
    dry_run: bool = False,
    sleep: Callable[[float], None] = time.sleep,
    policy: DigestPolicy = DigestPolicy(),
) -> DigestReport:
    """`run_digest` for any job: one process at a time (a lease per job), pruning what is old after."""
    if dry_run:
        with session_scope(engine) as session:
            plan = job.plan(session, now, None, job.key(now))
            session.rollback()
        return _planned(DigestReport(dry_run=True, status="dry-run"), plan)
    if line is None:
        raise DigestError("LINE_CHANNEL_ACCESS_TOKEN is not set: nothing can be sent (try --dry-run)")
    with exclusive(engine, job.lock) as held:
        if not held:
            return DigestReport(status=f"skipped: another process is sending the {job.kind}")
        report = _run(job, engine, line, now=now, scheduled=scheduled, sleep=sleep, policy=policy)
        while report.finished_earlier and report.status in ("done", "expired"):
            report = _run(job, engine, line, now=now, scheduled=True, sleep=sleep, policy=policy)
        _prune(engine, keep=policy.keep_deliveries)
        return report


def _run(
    job: Job,
    engine: Engine,
    line: Sender,
    *,
    now: datetime,
    scheduled: bool,
    sleep: Callable[[float], None],
    policy: DigestPolicy,
) -> DigestReport:
    """One run: the one that was cut off, else today's; `finished_earlier` says it was an older one."""
    with session_scope(engine) as session:
        run = digests.unfinished_run(session, job.kind)
        if run is None:
            key = job.key(now)
            if digests.run_named(session, key) is not None:
                if scheduled or not job.repeatable:
                    return DigestReport(run=key, status="skipped: already sent today")
                key = _free_key(session, f"manual-{now.isoformat(timespec='seconds')}")
            run = digests.open_run(session, key=key, cutoff=now, kind=job.kind)
        run_id, run_key, cutoff = run.id or 0, run.key, run.cutoff
        earlier = run_key != job.key(now) and run_key.startswith(f"{job.prefix}-")
        if earlier and job.expiring:  # a day late is too late: the meetings it was about have begun
            report = DigestReport(run=run_key, status="expired", finished_earlier=True)
            digests.finish_run(session, run, "expired", report.to_json())
            log.warning("%s %s was cut off on its day and is closed unsent", job.kind, run_key)
            return report
    with log_context(run=run_key):
        with session_scope(engine) as session:
            run = session.get(DigestRun, run_id)
            assert run is not None
            plan = job.plan(session, cutoff, run_id, run_key)
            digests.record_plan(session, run, plan.batches, plan.nothing_new)
        report = _planned(DigestReport(run=run_key), plan)
        report.finished_earlier = earlier
        if _quota_stops(job, engine, line, run_id, report, policy):
            return report
        _send_pending(job, engine, line, run_id, cutoff=cutoff, report=report, sleep=sleep, site=policy.site)
        log.info("%s %s: %s", job.kind, run_key, report.to_json())
    return report


def _send_pending(
    job: Job,
    engine: Engine,
    line: Sender,
    run_id: int,
    *,
    cutoff: datetime,
    report: DigestReport,
    sleep: Callable[[float], None],
    site: replies.Site,
) -> None:
    with session_scope(engine) as session:
        batches = digests.pending_batches(session, run_id)
        session.expunge_all()
    for batch in batches:
        outcome = _send_batch(job, engine, line, batch, cutoff=cutoff, report=report, sleep=sleep, site=site)
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
    job: Job, engine: Engine, line: Sender, run_id: int, report: DigestReport, policy: DigestPolicy
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
        log.warning("%s not sent yet: LINE's message quota could not be read (%s)", job.kind, err)
        return True
    if remaining is None or remaining >= needed:
        return False
    report.status = f"quota: {needed:,} messages needed, {max(remaining, 0):,} left this month; nothing sent"
    with session_scope(engine) as session:
        run = session.get(DigestRun, run_id)
        if run is not None:
            digests.finish_run(session, run, "quota", report.to_json())
    log.error("%s %s not sent: %s", job.kind, report.run, report.status)
    _tell_admins(job, line, policy.admins, report)
    return True


def _tell_admins(job: Job, line: Sender, admins: Sequence[str], report: DigestReport) -> None:
    if not admins:
        return
    text = f"{job.what} {report.run} ยังไม่ได้ส่ง: โควตาข้อความของเดือนนี้ไม่พอ ({report.status}) "
    if job.kind == "digest":
        text += "ผู้ติดตามจะได้รับการประชุมเหล่านี้ในสรุปครั้งถัดไปเมื่อมีโควตา"
    key = str(uuid.uuid5(QUOTA_NAMESPACE, report.run or ""))
    outcome = line.deliver(sorted(admins), [replies.text(text)], key)
    if outcome.status != "sent":
        log.error("admins could not be told about the digest quota: %s %s", outcome.status, outcome.detail)


def _prune(engine: Engine, *, keep: timedelta) -> None:
    with session_scope(engine) as session:
        gone = digests.prune_deliveries(session, before=utcnow() - keep)
        web_inbox.prune_read(session, before=utcnow() - keep)
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
    job: Job,
    engine: Engine,
    line: Sender,
    batch: DigestBatch,
    *,
    cutoff: datetime,
    report: DigestReport,
    sleep: Callable[[float], None],
    site: replies.Site,
) -> Outcome:
    with session_scope(engine) as session:
        message = job.message(session, batch, site)
        browsers = _store_for_browsers(job, session, batch, message, cutoff=cutoff)
        people = digests.recipients(session, batch.id or 0)
    report.web_messages += browsers
    if message is None or not (people or browsers):
        outcome = Outcome("skipped", "no recipient left or every meeting deleted")
    elif not people:
        outcome = Outcome("sent")  # the chat page's browsers only
    else:
        outcome = _send_with_retries(line, people, message, batch.retry_key, report, sleep)
    with session_scope(engine) as session:
        stored = session.get(DigestBatch, batch.id)
        if stored is not None and outcome.status != "retry" and outcome.status != "limit":
            digests.mark_batch(session, stored, outcome.status, cutoff=cutoff, error=outcome.detail or None,
                               advance=job.advances)  # fmt: skip
        elif stored is not None:
            stored.attempts += 1
            stored.error = outcome.detail
            session.add(stored)
    if outcome.status == "sent":
        report.messages += len(people)
    elif outcome.status != "skipped":
        report.failures.append(f"batch {batch.number}: {outcome.status} {outcome.detail}".strip())
    return outcome


def _store_for_browsers(
    job: Job, session: Session, batch: DigestBatch, message: Message | None, *, cutoff: datetime
) -> int:
    """The batch's chat page browsers get the message in their inbox, in the transaction that marks their
    deliveries done: stored means delivered, so a run killed and run again stores it once."""
    if message is None:
        return 0
    browsers = digests.web_recipients(session, batch.id or 0)
    if not browsers:
        return 0
    web_inbox.store_messages(session, list(browsers.values()), message, kind=job.kind)
    digests.mark_delivered(session, batch.id or 0, list(browsers), cutoff=cutoff, advance=job.advances)
    return len(browsers)


def _send_with_retries(
    line: Sender,
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
