"""The morning digest as the subscriber sees it: which new meetings, and the one message that shows them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from linebot.v3.messaging import Message, QuickReplyItem
from sqlmodel import Session, col, select

from handlers import replies
from handlers.follows import Follow, followed
from store.models import Article, DigestBatch, Meeting

BUBBLES = 10

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


def digest_message(rows: Sequence[Row], *, batch_id: int | None = None, page: int = 1) -> Message | None:
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
    return replies.meeting_carousel(shown, heading, quick)


def digest_page_data(batch_id: int, page: int) -> str:
    return f"action=digest&batch={batch_id}&page={page}"


def digest_page(session: Session, batch_id: int, page: int) -> list[Message]:
    """A later page of a digest that was sent, from the batch that recorded its meetings."""
    batch = session.get(DigestBatch, batch_id)
    if batch is None:
        return [replies.text("สรุปนี้ไม่มีแล้วครับ ลองพิมพ์ “ประชุมล่าสุด”", replies.example_items())]
    rows = stored_rows(session, batch.meeting_ids)
    message = digest_message(rows, batch_id=batch_id, page=page)
    return [message or replies.text("ไม่มีรายการเพิ่มเติมแล้วครับ")]


def stored_rows(session: Session, meeting_ids: Sequence[int]) -> list[Row]:
    """Meetings by id in the order given, leaving out any deleted since."""
    statement = select(Meeting, Article.source).join(Article).where(col(Meeting.id).in_(list(meeting_ids)))
    found = {
        meeting.id: (meeting, source) for meeting, source in session.exec(statement) if not meeting.deleted
    }
    return [found[i] for i in meeting_ids if i in found]
