"""Calendars and reminders in conversation: signed webhooks in, every answer checked by the spec-validating
fake LINE API, and the .ics files the buttons point to read back with icalendar."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from news.record import MeetingRecord
from store.admin import correct_meeting, delete_meeting, live_meeting
from store.articles import add_article
from store.db import session_scope
from tests.bot.conftest import Chat, running_chat
from tests.helpers import postback_event, said

BASE = "https://prachum.example.go.th"
TODAY = datetime.now(ZoneInfo("Asia/Bangkok")).date()
SOON = TODAY + timedelta(days=10)


@pytest.fixture
def chat(sqlite_url: str) -> Iterator[Chat]:
    with running_chat(sqlite_url, public_base_url=BASE) as chat:
        yield chat


def add(chat: Chat, title: str, *, province: str = "ตรัง", start: date = SOON, time: str | None = None,
        end: date | None = None) -> int:  # fmt: skip
    record = MeetingRecord(title=title, province=province, kind="meeting", start_date=start, end_date=end,
                           time=time, venue="หอประชุมจังหวัด")  # fmt: skip
    with session_scope(chat.client.app.state.engine) as session:  # type: ignore[attr-defined]
        result = add_article(
            session, source=f"https://news.example/{title}", raw_text=title, records=[record]
        )
        return result.meetings[0].id or 0


def move(chat: Chat, meeting_id: int, start: date) -> None:
    with session_scope(chat.client.app.state.engine) as session:  # type: ignore[attr-defined]
        meeting = live_meeting(session, meeting_id, for_update=True)
        assert meeting is not None
        correct_meeting(session, meeting, {"start_date": start, "end_date": None})


def delete(chat: Chat, meeting_id: int) -> None:
    with session_scope(chat.client.app.state.engine) as session:  # type: ignore[attr-defined]
        assert delete_meeting(session, meeting_id) is not None


def press(chat: Chat, data: str) -> list[dict[str, Any]]:
    return chat.send(postback_event(data, f"button-{data}-{datetime.now().timestamp()}"))


def footer(message: dict[str, Any]) -> list[dict[str, Any]]:
    return [button["action"] for button in message["contents"]["footer"]["contents"]]


def events_of(ics: bytes) -> dict[str, Any]:
    return {str(e["UID"]): e for e in Calendar.from_ical(ics).walk("VEVENT")}


def feed_path(messages: list[dict[str, Any]]) -> str:
    """The feed address from ปฏิทินของฉัน: its card, then the bare link to copy."""
    card, link = messages
    assert card["type"] == "flex" and link["type"] == "text"
    match = re.fullmatch(re.escape(BASE) + r"(/calendar/[A-Za-z0-9_-]{32}\.ics)", link["text"])
    assert match, link["text"]
    copy = [a for a in footer(card) if a["type"] == "clipboard"]
    assert [a["clipboardText"] for a in copy] == [link["text"]]
    return match[1]


def test_my_calendar_is_a_feed_of_the_upcoming_meetings_followed_that_moves_and_drops_with_them(
    chat: Chat,
) -> None:
    trang = add(chat, "ประชุมผู้บริหารโรงเรียนตรัง")
    songkhla = add(chat, "ประชุมผู้บริหารโรงเรียนสงขลา", province="สงขลา")
    add(chat, "ประชุมตรังที่ผ่านมาแล้ว", start=TODAY - timedelta(days=3))
    chat.say("ติดตาม ตรัง")
    path = feed_path(chat.say("ปฏิทินของฉัน"))
    assert feed_path(chat.say("ปฏิทินของฉัน")) == path  # the same address each time it is asked

    response = chat.client.get(path)
    assert response.status_code == 200 and response.headers["content-type"] == "text/calendar; charset=utf-8"
    found = events_of(response.content)
    assert list(found) == [f"meeting-{trang}@prachum"]  # not สงขลา, not the one that is over
    assert str(found[f"meeting-{trang}@prachum"]["SUMMARY"]) == "ประชุมผู้บริหารโรงเรียนตรัง"
    assert found[f"meeting-{trang}@prachum"].decoded("DTSTART") == SOON
    assert f"meeting-{songkhla}@prachum" not in found

    moved = SOON + timedelta(days=7)
    move(chat, trang, moved)
    again = events_of(chat.client.get(path).content)
    assert list(again) == [f"meeting-{trang}@prachum"]  # the same event, on its new day
    assert again[f"meeting-{trang}@prachum"].decoded("DTSTART") == moved
    assert again[f"meeting-{trang}@prachum"].decoded("DTEND") == moved + timedelta(days=1)

    delete(chat, trang)
    assert events_of(chat.client.get(path).content) == {}


def test_a_new_calendar_link_revokes_the_old_one_typed_or_pressed(chat: Chat) -> None:
    chat.say("ติดตาม ตรัง")
    first = feed_path(chat.say("ปฏิทินของฉัน"))
    second = feed_path(chat.say("ปฏิทินใหม่"))
    assert second != first
    old = chat.client.get(first)
    assert old.status_code == 404 and "replaced" in old.json()["error"]
    assert chat.client.get(second).status_code == 200
    card = chat.say("ปฏิทินของฉัน")[0]
    [new_button] = [a for a in footer(card) if a["type"] == "postback"]
    pressed = press(chat, new_button["data"])
    third = feed_path(pressed)
    assert third not in (first, second) and chat.client.get(second).status_code == 404
    assert pressed[0]["contents"]["body"]["contents"][0]["text"] == "สร้างลิงก์ปฏิทินใหม่แล้วครับ ลิงก์เดิมใช้ไม่ได้แล้ว"
    assert chat.client.get("/calendar/not-a-token.ics").status_code == 404


def test_each_card_offers_the_calendar_the_news_and_a_reminder(chat: Chat) -> None:
    meeting = add(chat, "ประชุมคณะกรรมการศึกษาธิการจังหวัดตรัง", time="13:30")
    [carousel] = chat.say("ประชุมที่ตรังที่จะถึง")
    [card] = [c for c in carousel["contents"]["contents"][:-1]
              if c["body"]["contents"][1]["text"] == "ประชุมคณะกรรมการศึกษาธิการจังหวัดตรัง"]  # fmt: skip
    actions = {a["label"]: a for a in footer({"contents": card})}
    assert list(actions) == ["อ่านข่าว", "เพิ่มลงปฏิทิน", "Google Calendar", "เตือนฉัน"]
    assert actions["อ่านข่าว"]["uri"] == "https://news.example/ประชุมคณะกรรมการศึกษาธิการจังหวัดตรัง"
    assert actions["เพิ่มลงปฏิทิน"]["uri"] == f"{BASE}/meetings/{meeting}.ics"
    assert actions["Google Calendar"]["uri"].startswith(
        "https://calendar.google.com/calendar/render?action=TEMPLATE"
    )
    assert actions["เตือนฉัน"]["data"] == f"action=remind&id={meeting}"

    response = chat.client.get(f"/meetings/{meeting}.ics")
    assert response.status_code == 200
    assert response.headers["content-disposition"] == f'attachment; filename="prachum-meeting-{meeting}.ics"'
    [event] = events_of(response.content).values()
    assert event.decoded("DTSTART") == datetime.combine(SOON, datetime.min.time().replace(hour=13, minute=30),
                                                        tzinfo=ZoneInfo("Asia/Bangkok"))  # fmt: skip
    assert str(event["LOCATION"]) == "หอประชุมจังหวัด, จังหวัดตรัง"
    move(chat, meeting, SOON + timedelta(days=1))
    [moved] = events_of(chat.client.get(f"/meetings/{meeting}.ics").content).values()
    assert str(moved["UID"]) == str(event["UID"]) and moved.decoded("DTSTART").date() == SOON + timedelta(
        days=1
    )
    delete(chat, meeting)
    gone = chat.client.get(f"/meetings/{meeting}.ics")
    assert gone.status_code == 404 and "deleted" in gone.json()["error"]
    assert chat.client.get("/meetings/abc.ics").status_code == 404
    assert chat.client.get("/meetings/99999999999999999999.ics").status_code == 404


def test_remind_me_lists_the_reminder_and_its_cancel_button_cancels_it(chat: Chat) -> None:
    meeting = add(chat, "ประชุมครูแนะแนวตรัง")
    [answer] = press(chat, f"action=remind&id={meeting}")
    eve = SOON - timedelta(days=1)
    assert answer["type"] == "flex" and "ตั้งเตือนแล้วครับ" in answer["altText"]
    assert "16.00 น." in answer["altText"] and f"{eve.day} " in answer["altText"]
    undo = {"type": "postback", "label": "ยกเลิกการเตือน", "data": f"action=unremind&id={meeting}",
            "displayText": "ยกเลิกการเตือน"}  # fmt: skip
    assert footer(answer)[0] == undo
    assert "ตั้งเตือนไว้แล้วครับ" in press(chat, f"action=remind&id={meeting}")[0]["altText"]

    [listed] = chat.say("การเตือนของฉัน")
    assert "การเตือนที่ตั้งไว้ 1 รายการ" in listed["altText"] and "1. ประชุมครูแนะแนวตรัง" in listed["altText"]
    [cancel] = [a for a in footer(listed) if a["type"] == "postback"]
    assert cancel["data"] == f"action=unremind&id={meeting}"
    [after] = press(chat, cancel["data"])
    assert said(after).startswith("ยกเลิกการเตือนแล้วครับ\nตอนนี้ไม่มีการเตือน")
    assert said(chat.say("การเตือนของฉัน")[0]).startswith("ตอนนี้ไม่มีการเตือนที่ตั้งไว้ครับ")


def test_a_reminder_of_a_meeting_that_moved_or_was_deleted_is_gone_from_the_list(chat: Chat) -> None:
    moving = add(chat, "ประชุมที่จะเลื่อน")
    going = add(chat, "ประชุมที่จะยกเลิก")
    staying = add(chat, "ประชุมที่ยังอยู่")
    for meeting in (moving, going, staying):
        press(chat, f"action=remind&id={meeting}")
    move(chat, moving, SOON + timedelta(days=2))
    delete(chat, going)
    [listed] = chat.say("การเตือนของฉัน")
    assert "การเตือนที่ตั้งไว้ 1 รายการ" in listed["altText"] and "ประชุมที่ยังอยู่" in listed["altText"]
    assert "เลื่อน" not in listed["altText"] and "ยกเลิก\u0e17" not in listed["altText"]


def test_remind_me_refuses_politely_what_cannot_be_reminded(chat: Chat) -> None:
    past = add(chat, "ประชุมเมื่อวาน", start=TODAY - timedelta(days=1))
    assert "ผ่านไปแล้ว" in said(press(chat, f"action=remind&id={past}")[0])
    assert "ไม่พบการประชุมนี้" in said(press(chat, "action=remind&id=987654")[0])
    assert "ไม่พบการประชุมนี้" in said(press(chat, "action=remind&id=%E0%B8%81")[0])


def test_follow_with_reminders_says_so_and_the_follow_list_shows_it(chat: Chat) -> None:
    [answer] = chat.say("ติดตาม ตรัง เตือน")
    assert said(answer).startswith("ติดตามจังหวัดตรังแล้วครับ จะส่งสรุปการประชุมใหม่ให้ทุกเช้า และเตือนก่อนวันประชุม 1 วัน")
    [listed] = chat.say("การติดตามของฉัน")
    assert "• จังหวัดตรัง (เตือนก่อนวันประชุม)" in said(listed)
    [also] = chat.say("ติดตามสงขลา")
    [turned_on] = chat.say("ติดตามสงขลาเตือนด้วยครับ")
    text = said(turned_on)
    assert text.startswith("จะเตือนจังหวัดสงขลาก่อนวันประชุม 1 วันด้วยครับ")
    assert "• จังหวัดสงขลา (เตือนก่อนวันประชุม)" in text and also != turned_on


def test_without_a_public_address_the_calendar_link_is_declined_politely(sqlite_url: str) -> None:
    with running_chat(sqlite_url) as chat:
        [answer] = chat.say("ปฏิทินของฉัน")
        assert answer["text"].startswith("ขออภัยครับ ผู้ดูแลยังไม่ได้เปิดลิงก์ปฏิทิน")
