"""The admin chat command /source (แหล่งข่าว): follow, list and drop the news sources that are polled."""

from __future__ import annotations

import re

from sqlmodel import Session

from handlers import replies
from handlers.commands import SOURCE_ADD as ADD
from handlers.commands import SOURCE_LIST as LIST
from handlers.commands import SOURCE_REMOVE as REMOVE
from handlers.replies import Message
from news.dates import THAI_DIGITS
from store.sources import SourceRow, add_source, list_sources, remove_source

USAGE = (
    "วิธีใช้:\n/source add ลิงก์ [ชื่อ] – ติดตามฟีดหรือหน้ารวมข่าว\n/source list – ดูแหล่งข่าวทั้งหมด\n"
    "/source remove รหัส – เลิกติดตามแหล่งข่าว"
)
URL = re.compile(r"^https?://[^\s/?#]+[^\s]*$", re.IGNORECASE)
MAX_LISTED = 20


def answer_source(rest: str, *, session: Session) -> Message:
    word, _, argument = rest.strip().partition(" ")
    word, argument = word.lower(), argument.strip()
    if word in ADD:
        return _add(session, argument)
    if word in LIST:
        return _list(session)
    if word in REMOVE:
        return _remove(session, argument)
    return replies.text(USAGE)


def _add(session: Session, argument: str) -> Message:
    url, _, name = argument.partition(" ")
    if not URL.match(url) or len(url) > 2048:
        return replies.text(
            "กรุณาระบุลิงก์ที่ขึ้นต้นด้วย http:// หรือ https:// เช่น /source add https://www.obec.go.th/feed"
        )
    from news.feeds import canonical_url  # the feed reader: not loaded to answer questions

    source, created = add_source(session, canonical_url(url), name.strip()[:256])
    said = "เพิ่มแหล่งข่าวแล้ว" if created else "ติดตามแหล่งข่าวนี้อยู่แล้ว"
    return replies.text(f"{said} (รหัส {source.id}) {source.url}\nระบบจะตรวจข่าวใหม่ให้โดยอัตโนมัติครับ")


def _list(session: Session) -> Message:
    rows = list_sources(session)
    if not rows:
        return replies.text("ยังไม่มีแหล่งข่าว เพิ่มได้ด้วย /source add ลิงก์")
    lines = [f"แหล่งข่าว {len(rows)} แห่ง"] + [_line(row) for row in rows[:MAX_LISTED]]
    if len(rows) > MAX_LISTED:
        lines.append(f"และอีก {len(rows) - MAX_LISTED} แห่ง (ดูทั้งหมดที่ /admin)")
    return replies.text("\n".join(lines))


def _line(row: SourceRow) -> str:
    source = row.source
    health = "ปกติ" if source.failures_in_row == 0 else f"ผิดพลาด {source.failures_in_row} ครั้งติดกัน"
    if not source.healthy:
        health = f"ใช้งานไม่ได้ (ผิดพลาด {source.failures_in_row} ครั้งติดกัน)"
    checked = source.last_checked.strftime("%Y-%m-%d %H:%M") if source.last_checked else "ยังไม่ได้ตรวจ"
    name = source.name or replies.clip(source.url, 60)
    line = f"#{source.id} {name}: {health}, ตรวจล่าสุด {checked}, ข่าว {row.articles} การประชุม {row.meetings}"
    if row.retrying_links:
        line += f", ลิงก์ข่าวเปิดไม่ได้ {row.retrying_links} (จะลองใหม่)"
    if row.dropped_links:
        line += f", ลิงก์ข่าวเปิดไม่ได้ {row.dropped_links} (เลิกลองแล้ว)"
    return line


def stats_lines(session: Session) -> list[str]:
    """For /stats: what the sources brought in all, then each source's articles and meetings found."""
    rows = list_sources(session)
    if not rows:
        return []
    articles, meetings = sum(r.articles for r in rows), sum(r.meetings for r in rows)
    unhealthy = sum(not r.source.healthy for r in rows)
    lines = [
        f"แหล่งข่าว {len(rows):,} แห่ง (ใช้งานไม่ได้ {unhealthy:,} แห่ง): "
        f"ข่าว {articles:,} รายการ พบการประชุม {meetings:,} รายการ"
    ]
    for row in rows[:MAX_LISTED]:
        name = row.source.name or replies.clip(row.source.url, 60)
        lines.append(f"• #{row.source.id} {name}: ข่าว {row.articles:,} การประชุม {row.meetings:,}")
    if len(rows) > MAX_LISTED:
        lines.append(f"และอีก {len(rows) - MAX_LISTED} แห่ง (ดูทั้งหมดที่ /admin)")
    return lines


def _remove(session: Session, argument: str) -> Message:
    number = argument.lstrip("#").strip().translate(THAI_DIGITS)
    if not number.isdigit():
        return replies.text("วิธีใช้: /source remove ตามด้วยรหัสแหล่งข่าว เช่น /source remove 3")
    removed = remove_source(session, int(number))
    if removed is None:
        return replies.text(f"ไม่พบแหล่งข่าวรหัส {number}")
    return replies.text(f"เลิกติดตามแหล่งข่าว #{number} แล้วครับ ข่าวที่เก็บไว้ยังอยู่ครบ")
