"""Admin commands in chat: /add (เพิ่มข่าว), /del (ลบ), /stats (สถิติ), /source (แหล่งข่าว); others are refused."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlmodel import Session

from handlers import replies
from handlers.commands import admin_command
from handlers.replies import Message
from handlers.sources import answer_source, stats_lines
from news.dates import THAI_DIGITS
from store.admin import delete_meeting, lock_for_write, stats
from store.articles import AddResult, add_article

if TYPE_CHECKING:
    from news.choose import Weights

REFUSAL = "ขออภัยครับ คำสั่งนี้สำหรับผู้ดูแลระบบเท่านั้น"
Fetch = Callable[[str], str]


class ArticleRefusedError(Exception):
    """An article (or its URL) cannot be used; the message says why, in words an admin can act on."""


@dataclass(frozen=True)
class Admin:
    """Who sent an admin command, and whether they may."""

    user_id: str
    allowed: bool


def fetches_a_page(text: str) -> bool:
    """An admin command that goes out to the web (`/add URL`, `/source add URL`): seconds, not ms."""
    command = admin_command(text)
    return command is not None and command[0] in ("add", "source") and "://" in command[1]


def add_text(
    session: Session, *, source: str, text: str, added_by: str, weights: Weights | None = None
) -> AddResult:
    """Extract the meetings of an article and store both; the same article twice is stored once."""
    from news.extract import extract_meetings  # the extractor's tables: not loaded to answer questions

    records = extract_meetings(text, weights)
    lock_for_write(session)  # its meetings' corrections are carried over: no correction may slip between
    return add_article(session, source=source, raw_text=text, records=records, added_by=added_by)


def answer_admin(
    command: str, rest: str, *, admin: Admin, session: Session, fetch: Fetch | None = None
) -> list[Message]:
    if not admin.allowed:
        return [replies.text(REFUSAL)]
    if command == "stats":
        return [_stats(session)]
    if command == "del":
        return [_delete(session, rest)]
    if command == "source":
        return [answer_source(rest, session=session)]
    return [_add(session, rest, admin=admin, fetch=fetch)]


def _add(session: Session, rest: str, *, admin: Admin, fetch: Fetch | None) -> Message:
    if not rest:
        return replies.text("วิธีใช้: พิมพ์ /add หรือ เพิ่มข่าว ตามด้วยเนื้อข่าว หรือลิงก์ข่าว (http...)")
    source = "-"
    if rest.lower().startswith(("http://", "https://")) and len(rest.split()) == 1:
        if fetch is None:
            return replies.text("ขออภัยครับ ที่นี่เพิ่มข่าวจากลิงก์ไม่ได้ กรุณาวางเนื้อข่าวแทน")
        try:
            source, rest = rest, fetch(rest)
        except ArticleRefusedError as err:
            return replies.text(f"ขออภัยครับ เพิ่มข่าวจากลิงก์นี้ไม่ได้: {err}")
    result = add_text(session, source=source, text=rest, added_by=f"line:{admin.user_id}")
    ids = ", ".join(f"#{m.id}" for m in result.meetings)
    if not result.meetings:
        said = "ข่าวนี้มีอยู่แล้ว" if result.status == "known" else "บันทึกข่าวแล้ว"
        return replies.text(f"{said} แต่ไม่พบการประชุมในข่าวนี้ (ข่าว #{result.article.id})")
    said = {"added": "เพิ่มข่าวแล้ว", "updated": "ปรับปรุงข่าวแล้ว", "known": "ข่าวนี้มีอยู่แล้ว"}[result.status]
    heading = f"{said} พบการประชุม {len(result.meetings)} รายการ (รหัส {ids})"
    rows = [(m, result.article.source) for m in result.meetings if not m.deleted]
    return replies.meeting_carousel(rows, heading) if rows else replies.text(heading)


def _delete(session: Session, rest: str) -> Message:
    number = rest.lstrip("#").strip().translate(THAI_DIGITS)
    if not number.isdigit():
        return replies.text("วิธีใช้: /del ตามด้วยรหัสการประชุม เช่น /del 12")
    meeting = delete_meeting(session, int(number))
    if meeting is None:
        return replies.text(f"ไม่พบการประชุมรหัส #{number}")
    return replies.text(f"ลบการประชุม #{number} “{replies.clip(meeting.title, 80)}” แล้วครับ")


def _stats(session: Session) -> Message:
    numbers = stats(session)
    lines = [
        f"ข่าว {numbers.articles:,} รายการ",
        f"การประชุม {numbers.meetings:,} รายการ",
        f"ผู้ติดตาม {numbers.subscribers:,} ราย",
    ]
    lines.extend(stats_lines(session))
    run = numbers.last_digest
    if run is None:
        lines.append("ยังไม่เคยส่งสรุปประจำวัน")
    else:
        sent = run.report.get("messages", 0) if isinstance(run.report, dict) else 0
        lines.append(f"สรุปล่าสุด {run.key}: {run.status}, ส่ง {sent} ข้อความ")
        if run.status == "quota":
            lines.append(f"ไม่ได้ส่งเพราะโควตาข้อความของเดือนนี้ไม่พอ ({run.report.get('status', '')})")
    return replies.text("\n".join(lines))
