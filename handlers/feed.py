"""ปฏิทินของฉัน / ปฏิทินใหม่: the address of a chat's calendar feed, and a new one that revokes the old."""

from __future__ import annotations

from datetime import datetime
from urllib.parse import quote

from sqlmodel import Session

from handlers import replies
from handlers.replies import Action, Message
from handlers.subscribe import Chat
from store.calendars import calendar_token, new_calendar_token

NEW_DATA = "action=newcalendar"


def feed_path(token: str) -> str:
    return f"/calendar/{token}.ics"


def my_calendar(chat: Chat, *, session: Session, now: datetime, site: replies.Site) -> list[Message]:
    """The chat's feed address, with buttons to subscribe to it."""
    if not site.base_url:
        return [_unavailable()]
    token = calendar_token(session, chat.line_id, chat.chat_type, now=now)
    return _link("ลิงก์ปฏิทินการประชุมที่คุณติดตาม", token, site)


def new_calendar(chat: Chat, *, session: Session, now: datetime, site: replies.Site) -> list[Message]:
    """A fresh address: calendars subscribed to the old one stop getting meetings."""
    if not site.base_url:
        return [_unavailable()]
    token = new_calendar_token(session, chat.line_id, chat.chat_type, now=now)
    return _link("สร้างลิงก์ปฏิทินใหม่แล้วครับ ลิงก์เดิมใช้ไม่ได้แล้ว", token, site)


def _link(title: str, token: str, site: replies.Site) -> list[Message]:
    url = site.link(feed_path(token)) or ""
    webcal = "webcal://" + url.split("://", 1)[1]
    body = (
        "ปฏิทินนี้มีการประชุมที่จะถึงตามที่คุณติดตาม (พิมพ์ “ติดตาม …”) และอัปเดตเอง "
        "นำลิงก์ไปเพิ่มใน Google Calendar (เพิ่มปฏิทิน > จาก URL), Apple Calendar หรือ Outlook\n"
        "ลิงก์นี้เป็นของคุณเท่านั้น ถ้าหลุดไปถึงผู้อื่น พิมพ์ “ปฏิทินใหม่” เพื่อเปลี่ยนลิงก์"
    )
    actions: list[Action] = [
        replies.uri_action("เพิ่มใน Google Calendar",
                           "https://calendar.google.com/calendar/render?cid=" + quote(webcal, safe="")),
        replies.copy_action("คัดลอกลิงก์", url),
        replies.postback_action("ขอลิงก์ใหม่", NEW_DATA, "ปฏิทินใหม่"),
    ]  # fmt: skip
    quick = [replies.ask_item("การเตือนของฉัน"), replies.ask_item("การติดตามของฉัน")]
    return [replies.card_text(body, actions, quick, title=title), replies.text(url)]


def _unavailable() -> Message:
    return replies.text("ขออภัยครับ ผู้ดูแลยังไม่ได้เปิดลิงก์ปฏิทิน (PUBLIC_BASE_URL) จึงยังให้ลิงก์ปฏิทินไม่ได้")
