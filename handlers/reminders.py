"""เตือนฉัน / การเตือนของฉัน: reminders the day before a meeting, and what a reminder run sends."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, datetime, timedelta

from sqlmodel import Session

from handlers import replies
from handlers.digest import Plan
from handlers.follows import read_follows, reminded
from handlers.replies import Action, Message, QuickReplyItem
from handlers.subscribe import Chat
from news.dates import thai_date
from store import digests, reminders
from store.calendars import meeting_with_source
from store.records import Meeting

KEY_PREFIX = "remind-"

Row = tuple[Meeting, str]


def remind_me(
    chat: Chat, meeting_id: int, *, session: Session, now: datetime, site: replies.Site
) -> list[Message]:
    """ "เตือนฉัน" on a card: a push the day before the meeting at REMINDER_TIME."""
    found = meeting_with_source(session, meeting_id)
    if found is None:
        return [replies.text("ขออภัยครับ ไม่พบการประชุมนี้แล้ว (อาจถูกลบ)", [replies.ask_item("การเตือนของฉัน")])]
    meeting, _source = found
    today = now.date()
    if meeting.start_date is None:
        return [replies.text("การประชุมนี้ไม่ระบุวันที่ จึงตั้งเตือนไม่ได้ครับ")]
    if meeting.start_date <= today:
        return [
            replies.text(f"การประชุม “{replies.clip(meeting.title, 80)}” เริ่มแล้วหรือผ่านไปแล้วครับ จึงตั้งเตือนไม่ได้")
        ]
    clock = site.reminder_time
    if meeting.start_date == today + timedelta(days=1) and now.strftime("%H:%M") >= clock:
        return [replies.text(f"การประชุมนี้คือพรุ่งนี้ และรอบการเตือนของวันนี้ ({_clock(clock)}) ผ่านไปแล้วครับ")]
    added = reminders.add_reminder(session, chat.line_id, chat.chat_type, meeting, now=now)
    when = f"{thai_date(meeting.start_date - timedelta(days=1))} เวลา {_clock(clock)}"
    said = "ตั้งเตือนแล้วครับ" if added else "ตั้งเตือนไว้แล้วครับ"
    body = (
        f"{said}\nจะเตือน “{replies.clip(meeting.title, 120)}” ({replies.meeting_when(meeting)}) ในวันที่ {when}"
    )
    actions: list[Action] = [
        replies.postback_action("ยกเลิกการเตือน", replies.unremind_data(meeting_id), "ยกเลิกการเตือน")
    ]
    return [replies.card_text(body, actions, [replies.ask_item("การเตือนของฉัน")])]


def cancel(chat: Chat, meeting_id: int, *, session: Session, now: datetime) -> list[Message]:
    gone = reminders.cancel_reminder(session, chat.line_id, meeting_id)
    said = "ยกเลิกการเตือนแล้วครับ" if gone else "ไม่มีการเตือนนี้แล้วครับ"
    return my_reminders(chat, session=session, now=now, said=said)


def my_reminders(chat: Chat, *, session: Session, now: datetime, said: str = "") -> list[Message]:
    """The chat's reminders to come, each with a button to cancel it."""
    rows = reminders.reminders_of(session, chat.line_id, today=now.date())
    lines = [said] if said else []
    if not rows:
        lines.append("ตอนนี้ไม่มีการเตือนที่ตั้งไว้ครับ กด “เตือนฉัน” ใต้การ์ดการประชุม หรือพิมพ์ เช่น “ติดตาม ตรัง เตือน”")
        return [
            replies.text(
                "\n".join(lines), [replies.ask_item("ประชุมที่จะถึง"), replies.ask_item("การติดตามของฉัน")]
            )
        ]
    lines.append(f"การเตือนที่ตั้งไว้ {len(rows)} รายการ (เตือนก่อนวันประชุม 1 วัน):")
    lines.extend(
        f"{n}. {replies.clip(m.title, 80)} ({replies.meeting_when(m)})" for n, (m, _s) in enumerate(rows, 1)
    )
    actions: list[Action] = [
        replies.postback_action(
            f"ยกเลิก {n}. {m.title}", replies.unremind_data(m.id or 0), f"ยกเลิกการเตือน {n}"
        )
        for n, (m, _s) in enumerate(rows, 1)
    ]
    quick: list[QuickReplyItem] = [replies.ask_item("การติดตามของฉัน")]
    return [replies.card_text("\n".join(lines), actions, quick, title="การเตือนของฉัน")]


def _clock(value: str) -> str:
    return f"{value.replace(':', '.')} น."


def reminder_day(run_key: str) -> date:
    """A run keyed remind-YYYY-MM-DD reminds of the meetings on the day after."""
    return date.fromisoformat(run_key.removeprefix(KEY_PREFIX)[:10]) + timedelta(days=1)


def plan_reminders(session: Session, run_key: str, run_id: int | None) -> Plan:
    """One push per chat: the meetings on the next day it asked about, and those its "เตือน" follows want."""
    day = reminder_day(run_key)
    reminders.drop_cancelled(session)
    wanted: dict[int, set[int]] = defaultdict(set)
    for subscriber_id, meeting_ids in reminders.asked_for(session, day, run_id).items():
        wanted[subscriber_id].update(meeting_ids)
    followers = reminders.reminding_followers(session, run_id)
    if followers:
        on_day = reminders.meetings_on(session, day)
        for subscriber_id, filters in followers:
            wanted[subscriber_id].update(m.id for m in reminded(on_day, read_follows(filters)) if m.id)
    plan = Plan(considered=len(wanted))
    plan.batches = [
        digests.PlannedBatch(tuple(sorted(ids)), [subscriber_id])
        for subscriber_id, ids in sorted(wanted.items())
        if ids
    ]
    return plan


def reminder_message(rows: Sequence[Row], site: replies.Site) -> Message | None:
    """ "พรุ่งนี้มีประชุม": the meetings as cards, soonest time first."""
    if not rows:
        return None
    ordered = sorted(rows, key=lambda row: (row[0].time or "99:99", row[0].id or 0))
    day = ordered[0][0].start_date
    when = thai_date(day) if day else "พรุ่งนี้"
    heading = f"เตือน: พรุ่งนี้ ({when}) มีการประชุมที่คุณให้เตือน {len(rows)} รายการ"
    return replies.meeting_carousel(ordered, heading, [replies.ask_item("การเตือนของฉัน")], site)
