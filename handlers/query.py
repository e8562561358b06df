"""Answering a question about meetings from the meeting table."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from functools import cache

import geothai
from linebot.v3.messaging import Message, QuickReplyItem
from sqlmodel import Session

from handlers import replies
from handlers.intent import ParsedQuery
from handlers.subscribe import follow_data
from store.meetings import COUNT_CAP, find_meetings, provinces_with_meetings
from store.models import Meeting

PAGE_SIZE = 10  # bubbles a page; the carousel holds 12 at most


@dataclass
class Answer:
    meetings: list[tuple[Meeting, str]]
    messages: list[Message]
    total: int


def answer_query(parsed: ParsedQuery, *, session: Session, today: date, page: int = 1) -> Answer:
    """The page of meetings that match, as a carousel; or a polite Thai "not found" with what is close."""
    page = max(1, page)
    rows, total = find_meetings(
        session=session, query=parsed.filter, today=today, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE
    )
    if not rows:
        return Answer([], [_not_found(parsed, session=session, today=today, page=page, total=total)], total)
    first, last = (page - 1) * PAGE_SIZE + 1, (page - 1) * PAGE_SIZE + len(rows)
    heading = f"พบการประชุม{_searched(parsed)} {how_many(total)} รายการ"
    if total > len(rows):
        heading += f" (แสดงรายการที่ {first}–{last})"
    quick: list[QuickReplyItem] = []
    if last < total:
        quick.append(replies.postback_item("ดูเพิ่ม", more_data(parsed.text, page + 1), "ดูเพิ่ม"))
    for province in parsed.filter.provinces[:2]:
        quick.append(replies.postback_item(f"ติดตาม {province}", follow_data(province), f"ติดตาม {province}"))
    quick.extend(replies.example_items())
    return Answer(rows, [replies.meeting_carousel(rows, heading, quick)], total)


def how_many(total: int) -> str:
    return f"มากกว่า {COUNT_CAP:,}" if total > COUNT_CAP else f"{total:,}"


def more_data(query: str, page: int) -> str:
    prefix = f"action=more&page={page}&q="
    return prefix + query[: replies.MAX_POSTBACK - len(prefix)]


def _searched(parsed: ParsedQuery) -> str:
    return f" ({parsed.description()})" if parsed.described else ""


def _not_found(parsed: ParsedQuery, *, session: Session, today: date, page: int, total: int) -> Message:
    if page > 1 and total:
        return replies.text("ไม่มีรายการเพิ่มเติมแล้วครับ", replies.example_items())
    lines = [f"ขออภัยครับ ไม่พบการประชุม{_searched(parsed)} ในฐานข้อมูล"]
    quick: list[QuickReplyItem] = []
    f = parsed.filter
    if f.provinces and (f.date_from or f.date_to):
        undated = replace(f, date_from=None, date_to=None, order="latest")
        rows, count = find_meetings(session=session, query=undated, today=today, limit=3)
        if count:
            years = sorted({m.start_date.year + 543 for m, _ in rows if m.start_date}, reverse=True)
            when = " (พ.ศ. " + ", ".join(map(str, years)) + ")" if years else ""
            lines.append(f"แต่มีการประชุมที่จังหวัด{f.provinces[0]} ในช่วงเวลาอื่น {how_many(count)} รายการ{when}")
            quick.append(replies.ask_item(f"ประชุมที่{f.provinces[0]}"))
    elif f.provinces:
        nearby = nearest_provinces_with_meetings(f.provinces[0], provinces_with_meetings(session=session))
        if nearby:
            lines.append("จังหวัดใกล้เคียงที่มีข้อมูลการประชุม: " + ", ".join(nearby))
            quick.extend(replies.ask_item(f"ประชุมที่{name}") for name in nearby)
    lines.append("ลองค้นด้วยคำอื่น เช่น " + " / ".join(f"“{e}”" for e in replies.EXAMPLES[:3]))
    quick.extend(replies.example_items())
    return replies.text("\n".join(lines), quick)


@cache
def _province_codes() -> dict[str, int]:
    return {p.name_th: int(p.code) for p in geothai.provinces()}


def nearest_provinces_with_meetings(province: str, counts: dict[str, int], *, limit: int = 3) -> list[str]:
    """Provinces that have meetings, closest first by DOPA code (its first digit is the region)."""
    codes = _province_codes()
    home = codes.get(province)
    if home is None:
        return []
    candidates = [name for name in counts if name != province and name in codes]
    candidates.sort(key=lambda name: (codes[name] // 10 != home // 10, abs(codes[name] - home)))
    return candidates[:limit]
