"""Answering a question about meetings from the meeting table; a "not found" that shows a way on."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time

from sqlmodel import Session

from handlers import replies
from handlers.commands import follow_data
from handlers.geography import nearest
from handlers.intent import ParsedQuery, parse_query
from handlers.replies import Message, QuickReplyItem
from news.dates import thai_date_range
from store.meetings import COUNT_CAP, Found, MeetingFilter, provinces_with_meetings, search_meetings
from store.records import Meeting

PAGE_SIZE = 10  # bubbles a page; the carousel holds 12 at most
# Which part of a question to let go of first when it finds nothing: the narrowest first.
DANGLING = re.compile(r"(?:\s|ที่|ใน|เมื่อ|ของ|ณ|จังหวัด|จ\.|วันที่|เดือน|ปี|ช่วง|ระหว่าง)+$")
RELAX_ORDER = ("dates", "counts", "kinds", "people", "positions", "organizations", "provinces")


@dataclass
class Answer:
    meetings: list[tuple[Meeting, str]]
    messages: list[Message]
    total: int
    set_aside: tuple[str, ...] = ()


def answer_query(
    parsed: ParsedQuery, *, session: Session, today: date, page: int = 1, site: replies.Site | None = None
) -> Answer:
    """The page of meetings that match, as a carousel; or a polite Thai "not found" with what is close."""
    page = max(1, page)
    offset = (page - 1) * PAGE_SIZE
    # a district that no meeting of its province names: the province's meetings, not others placed there
    found = search_meetings(
        session=session,
        query=parsed.filter,
        today=today,
        limit=PAGE_SIZE,
        offset=offset,
        misplaced=not parsed.district,
    )
    if parsed.fallback is not None and parsed.district and not found.total:
        # no meeting of the province names the district: the province's meetings
        return answer_query(parsed.fallback, session=session, today=today, page=page, site=site)
    if parsed.fallback is not None and not parsed.district:
        if found.total:
            found = _with_topic(found, parsed, parsed.fallback, session=session, today=today, offset=offset)
        elif _names_the_region(parsed, parsed.fallback, session=session, today=today):
            return answer_query(parsed.fallback, session=session, today=today, page=page, site=site)
    rows, total = found.rows, found.total
    if not rows:
        message = _not_found(
            parsed, session=session, today=today, page=page, total=total, aside=found.set_aside
        )
        return Answer([], [message], total, found.set_aside)
    first, last = (page - 1) * PAGE_SIZE + 1, (page - 1) * PAGE_SIZE + len(rows)
    heading = f"พบการประชุม{_searched(parsed, found.set_aside)} {how_many(total)} รายการ"
    if total > len(rows):
        heading += f" (แสดงรายการที่ {first}–{last})"
    ranked = ["ไม่มีการประชุมใดมีครบทุกคำ จึงแสดงรายการที่ตรงมากที่สุด"] if found.ranked else []
    heading = "\n".join([heading, *ranked, *_explained(parsed, found.set_aside)])
    quick: list[QuickReplyItem] = []
    if last < total or (total > COUNT_CAP and len(rows) == PAGE_SIZE):  # the count stopped at the cap
        quick.append(replies.postback_item("ดูเพิ่ม", more_data(parsed.text, page + 1), "ดูเพิ่ม"))
    for province in parsed.filter.provinces[:2] if not parsed.region else ():
        quick.append(replies.postback_item(f"ติดตาม {province}", follow_data(province), f"ติดตาม {province}"))
    quick.extend(replies.example_items(parsed.text))
    return Answer(rows, [replies.meeting_carousel(rows, heading, quick, site)], total, found.set_aside)


def _names_the_region(parsed: ParsedQuery, fallback: ParsedQuery, *, session: Session, today: date) -> bool:
    """No meeting was held in the region: whether some meeting's text names it ("การศึกษาชายแดนใต้"
    held in Bangkok). When none does, the region is not set aside like a free word: "ประชุมภาคเหนือ
    ปี 2561" with no meeting in the north finds nothing, not every meeting of 2561."""
    topic = search_meetings(session=session, query=fallback.filter, today=today, limit=1)
    region_words = set(fallback.filter.keywords) - set(parsed.filter.keywords)
    return bool(topic.total) and not region_words & set(topic.set_aside)


def _with_topic(
    found: Found, parsed: ParsedQuery, fallback: ParsedQuery, *, session: Session, today: date, offset: int
) -> Found:
    """The meetings held in the region, then those whose text names it ("การศึกษาชายแดนใต้" held in
    Bangkok): a region is often a meeting's topic. Both are read from the first row, as a page is small."""
    wanted = offset + PAGE_SIZE
    held = (
        found
        if offset == 0
        else search_meetings(session=session, query=parsed.filter, today=today, limit=wanted)
    )
    topic = search_meetings(session=session, query=fallback.filter, today=today, limit=wanted)
    if topic.set_aside or not topic.total:
        return found  # no meeting names the region: its word says nothing more
    shown = {meeting.id for meeting, _ in held.rows}
    extra = [row for row in topic.rows if row[0].id not in shown]
    both = sum(1 for meeting, _ in topic.rows if meeting.id in shown)
    rows = [*held.rows, *extra][offset:wanted]
    return Found(rows, held.total + topic.total - both)


def how_many(total: int) -> str:
    return f"มากกว่า {COUNT_CAP:,}" if total > COUNT_CAP else f"{total:,}"


def more_data(query: str, page: int) -> str:
    prefix = f"action=more&page={page}&q="
    return prefix + query[: replies.MAX_POSTBACK - len(prefix)]


def _searched(parsed: ParsedQuery, aside: tuple[str, ...] = ()) -> str:
    shown = [d for d in parsed.described if d.strip("“”") not in aside]
    return f" ({' '.join(shown)})" if shown else ""


def _explained(parsed: ParsedQuery, aside: tuple[str, ...]) -> list[str]:
    """The window searched, the words set aside, and anything the question said that could not be used."""
    lines = []
    f = parsed.filter
    if f.date_from and f.date_to:
        lines.append(f"ช่วงวันที่ค้น: {thai_date_range(f.date_from, f.date_to)}")
    if aside:
        words = " ".join(f"“{w}”" for w in aside)
        lines.append(f"ไม่พบคำว่า {words} ในการประชุมใด จึงค้นโดยไม่ใช้คำนี้")
    return lines + parsed.notes


def _not_found(
    parsed: ParsedQuery, *, session: Session, today: date, page: int, total: int, aside: tuple[str, ...]
) -> Message:
    if page > 1 and total:
        return replies.text("ไม่มีรายการเพิ่มเติมแล้วครับ", replies.example_items(parsed.text))
    lines = [f"ขออภัยครับ ไม่พบการประชุม{_searched(parsed)} ในฐานข้อมูล", *_explained(parsed, aside)]
    quick: list[QuickReplyItem] = []
    relaxed = relaxed_question(parsed, session=session, today=today)
    if relaxed is not None:
        text, found = relaxed
        years = sorted({m.start_date.year + 543 for m, _ in found.rows if m.start_date}, reverse=True)
        when = " (พ.ศ. " + ", ".join(map(str, years)) + ")" if years else ""
        lines.append(f"ถ้าค้น “{text}” จะพบ {how_many(found.total)} รายการ{when}")
        quick.append(replies.ask_item(text))
    f = parsed.filter
    if f.provinces and not parsed.region:
        counts = provinces_with_meetings(session=session)
        near = nearest(f.provinces[0], counts)
        if near:
            lines.append("จังหวัดใกล้เคียงที่มีข้อมูลการประชุม: " + ", ".join(near))
            quick.extend(_province_item(name) for name in near)
    examples = [e for e in replies.EXAMPLES if e != parsed.text and (relaxed is None or e != relaxed[0])]
    lines.append("ลองค้นด้วยคำอื่น เช่น " + " / ".join(f"“{e}”" for e in examples[:3]))
    quick += [item for item in replies.example_items(parsed.text) if item not in quick]  # each once
    return replies.text("\n".join(lines), quick)


def _province_item(province: str) -> replies.QuickReplyItem:
    """A button asking for a province's meetings, labelled by the province when the question is
    too long for a label: "กรุงเทพมหานคร", not "ประชุมที่…"."""
    question = f"ประชุมที่{province}"
    return replies.ask_item(question if len(question) <= replies.MAX_LABEL else province, question)


def relaxed_question(parsed: ParsedQuery, *, session: Session, today: date) -> tuple[str, Found] | None:
    """The question with its narrowest part left out, when that finds something: its text and a few finds."""
    now = datetime.combine(today, time(12))
    for part in RELAX_ORDER:
        pieces = [piece for name, piece in parsed.taken if name == part]
        if not pieces:
            continue
        text = parsed.text
        for piece in pieces:
            text = text.replace(piece, " ", 1)
        text = DANGLING.sub("", " ".join(text.split())).strip()
        retry = parse_query(text, now=now)
        if retry.filter == MeetingFilter(keywords=retry.filter.keywords):
            if part == "provinces":
                continue  # the nearby provinces are the way on
            text = "ประชุมล่าสุด"
            retry = parse_query(text, now=now)
        elif not retry.is_question:
            text = f"ประชุม {text}"
            retry = parse_query(text, now=now)
        found = search_meetings(session=session, query=retry.filter, today=today, limit=3)
        if found.total and retry.filter != parsed.filter:
            return text, found
    return None
