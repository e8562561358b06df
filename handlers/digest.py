"""The morning digest as the subscriber sees it: which new meetings, and the one message that shows them."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlmodel import Session

from handlers import replies
from handlers.follows import Follow, followed, read_follows
from handlers.replies import Message, QuickReplyItem
from store import digests
from store.records import Meeting

BUBBLES = 10
MULTICAST_LIMIT = 500

Row = tuple[Meeting, str]


def digest_meetings(
    rows: Sequence[Row], follows: Sequence[Follow], *, since: datetime, cutoff: datetime
) -> list[Row]:
    """Meetings stored after `since` and up to `cutoff` that a follow wants, newest meeting date first."""
    sources = {id(meeting): source for meeting, source in rows}
    fresh = [meeting for meeting, _ in rows if since < meeting.created_at <= cutoff]
    chosen = followed(fresh, follows)
    chosen.sort(key=lambda m: (m.start_date is not None, m.start_date or date.min, m.id or 0), reverse=True)
    return [(meeting, sources[id(meeting)]) for meeting in chosen]


@dataclass
class Plan:
    """Who gets which meetings in a run: batches to send, and subscribers with nothing new."""

    batches: list[digests.PlannedBatch] = field(default_factory=list)
    nothing_new: list[int] = field(default_factory=list)
    considered: int = 0

    @property
    def recipients(self) -> int:
        return sum(len(b.subscriber_ids) for b in self.batches)

    @property
    def meeting_ids(self) -> set[int]:
        return {i for b in self.batches for i in b.meeting_ids}


def plan_digest(session: Session, *, cutoff: datetime, run_id: int | None = None) -> Plan:
    """Every waiting subscriber's digest, worked out once per (filters, since) and grouped by content.

    Subscribers are read a page at a time; a multicast batch is closed as soon as it holds 500, so
    only ids (never every subscriber's row) are held for the whole plan.
    """
    plan = Plan()
    earliest = digests.earliest_since(session, run_id)
    if earliest is None:
        return plan
    rows = digests.meetings_added(session, after=earliest, cutoff=cutoff)
    chosen: dict[tuple[str, datetime], tuple[int, ...]] = {}
    users: dict[tuple[int, ...], list[int]] = defaultdict(list)
    for page in digests.waiting_pages(session, run_id):
        plan.considered += len(page)
        for subscriber in page:
            key = (json.dumps(subscriber.filters, sort_keys=True, ensure_ascii=False), subscriber.since)
            if key not in chosen:
                picked = digest_meetings(rows, read_follows(subscriber.filters), since=key[1], cutoff=cutoff)
                chosen[key] = tuple(meeting.id for meeting, _ in picked if meeting.id is not None)
            ids = chosen[key]
            if not ids:
                plan.nothing_new.append(subscriber.id)
            elif subscriber.chat_type == "user":
                users[ids].append(subscriber.id)
                if len(users[ids]) == MULTICAST_LIMIT:
                    plan.batches.append(digests.PlannedBatch(ids, users.pop(ids)))
            else:  # multicast reaches users only: groups and rooms get a push each
                plan.batches.append(digests.PlannedBatch(ids, [subscriber.id]))
    plan.batches.extend(digests.PlannedBatch(ids, members) for ids, members in users.items())
    return plan


def digest_message(
    rows: Sequence[Row], *, batch_id: int | None = None, page: int = 1, site: replies.Site | None = None
) -> Message | None:
    """One carousel (or nothing at all when nothing is new), with "ดูเพิ่ม" when more are waiting."""
    if not rows:
        return None
    shown = rows[(page - 1) * BUBBLES : page * BUBBLES]
    if not shown:
        return replies.text("ไม่มีรายการเพิ่มเติมแล้วครับ")
    heading = f"สรุปการประชุมใหม่ที่คุณติดตาม {len(rows):,} รายการ"
    if len(rows) > BUBBLES:
        heading += f" (รายการที่ {(page - 1) * BUBBLES + 1}–{(page - 1) * BUBBLES + len(shown)})"
    quick: list[QuickReplyItem] = []
    if batch_id is not None and page * BUBBLES < len(rows):
        quick.append(replies.postback_item("ดูเพิ่ม", digest_page_data(batch_id, page + 1), "ดูเพิ่ม"))
    quick.append(replies.ask_item("การติดตามของฉัน"))
    return replies.meeting_carousel(shown, heading, quick, site)


def digest_page_data(batch_id: int, page: int) -> str:
    return f"action=digest&batch={batch_id}&page={page}"


def digest_page(
    session: Session, batch_id: int, page: int, site: replies.Site | None = None
) -> list[Message]:
    """A later page of a digest that was sent, from the batch that recorded its meetings."""
    batch = digests.batch_by_id(session, batch_id)
    if batch is None:
        return [replies.text("สรุปนี้ไม่มีแล้วครับ ลองพิมพ์ “ประชุมล่าสุด”", replies.example_items())]
    rows = digests.meetings_by_id(session, batch.meeting_ids)
    message = digest_message(rows, batch_id=batch_id, page=page, site=site)
    return [message or replies.text("ไม่มีรายการเพิ่มเติมแล้วครับ")]
