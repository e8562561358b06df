"""Answers to chat questions, from a real store, as LINE would receive them."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine

from handlers.dispatch import answer_text
from handlers.replies import EXAMPLES, to_json
from news.record import MeetingRecord
from store.articles import add_article
from store.db import session_scope
from tests.fakes.line_spec import validate
from tests.helpers import buttons, quick_replies, said

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=ZoneInfo("Asia/Bangkok"))


def reply_body(messages: list[dict[str, Any]]) -> dict[str, Any]:
    return {"replyToken": "t" * 32, "messages": messages}


@pytest.fixture
def store(sqlite_engine: Engine) -> Engine:
    """Thirty meetings: many in ตรัง (to page through), one in สงขลา, one seminar in ชุมพร."""
    with session_scope(sqlite_engine) as session:
        for day in range(1, 26):
            record = MeetingRecord(
                title=f"การประชุมครูครั้งที่ {day}",
                kind="meeting",
                province="ตรัง",
                start_date=date(2024, 1, day),
                venue="ห้องประชุม " + "ยาว" * 80,
                chair="นายสมชาย ใจดี",
                chair_position="ศึกษาธิการจังหวัดตรัง",
                attendees=day * 10,
            )
            add_article(
                session, source=f"https://news.example/{day}", raw_text=f"ข่าว {day}", records=[record]
            )
        add_article(
            session,
            source="songkhla.txt",
            raw_text="สงขลา",
            records=[
                MeetingRecord(
                    title="การอบรมวิทยาการคำนวณ",
                    kind="training",
                    province="สงขลา",
                    start_date=date(2024, 11, 1),
                )
            ],
        )
        add_article(
            session,
            source="chumphon.txt",
            raw_text="ชุมพร",
            records=[
                MeetingRecord(
                    title="การสัมมนาผู้บริหาร", kind="seminar", province="ชุมพร", start_date=date(2021, 3, 31)
                )
            ],
        )
    return sqlite_engine


def ask(engine: Engine, text: str, page: int = 1) -> tuple[list[str], list[dict[str, Any]]]:
    with session_scope(engine) as session:
        reply = answer_text(text, session=session, now=NOW, page=page)
    messages = to_json(reply.messages)
    assert validate("ReplyMessageRequest", reply_body(messages)) == []
    return [m.title for m, _ in reply.meetings], messages


def test_found_answer_is_a_valid_carousel_with_readable_alt_text(store: Engine) -> None:
    """A carousel of at most 12 bubbles, an altText that lists what was found, and next-step quick replies,
    the same actions as a last card of buttons (LINE for PC shows no quick replies)."""
    titles, [message] = ask(store, "ประชุมที่ตรัง")
    assert message["type"] == "flex"
    bubbles = message["contents"]["contents"]
    assert len(bubbles) == len(titles) + 1 <= 12
    assert "25 รายการ" in message["altText"] and "จังหวัดตรัง" in message["altText"]
    quick = [item["action"] for item in message["quickReply"]["items"]]
    assert [q["label"] for q in quick][:2] == ["ดูเพิ่ม", "ติดตาม ตรัง"]
    assert [b["action"] for b in bubbles[-1]["footer"]["contents"]] == quick


def test_bubble_shows_buddhist_year_and_source_button(store: Engine) -> None:
    _, [message] = ask(store, "ประชุมวันที่ 5 มกราคม 2567")
    bubble = message["contents"]["contents"][0]
    texts = str(bubble["body"])
    assert "5 มกราคม 2567" in texts
    actions = [button["action"] for button in bubble["footer"]["contents"]]
    assert [a["label"] for a in actions] == ["อ่านข่าว", "Google Calendar", "เตือนฉัน"]  # no PUBLIC_BASE_URL
    assert actions[0]["uri"] == "https://news.example/5"
    assert (
        actions[2]["type"] == "postback" and actions[2]["data"] == f"action=remind&id={bubble_id(store, 5)}"
    )


def bubble_id(engine: Engine, day: int) -> int:
    from sqlmodel import select

    from store.models import Meeting

    with session_scope(engine) as session:
        meeting = session.exec(select(Meeting).where(Meeting.title == f"การประชุมครูครั้งที่ {day}")).one()
        return meeting.id or 0


def test_paging_walks_through_every_result_once(store: Engine) -> None:
    """Pages of results follow each other with no repeat and no gap."""
    seen: list[str] = []
    for page in (1, 2, 3):
        titles, _ = ask(store, "ประชุมที่ตรัง", page=page)
        seen.extend(titles)
    assert len(seen) == 25 == len(set(seen))


def test_not_found_names_the_search_and_a_nearby_province(store: Engine) -> None:
    """Nothing in พัทลุง: a polite sentence that says so and points to สงขลา or ตรัง next door."""
    titles, [message] = ask(store, "ประชุมที่พัทลุง")
    assert titles == []
    assert message["type"] == "flex" and buttons(message) == quick_replies(message) != []
    assert "ไม่พบ" in said(message) and "พัทลุง" in said(message)
    assert "สงขลา" in said(message) or "ตรัง" in said(message)


def test_not_found_in_that_year_offers_other_years(store: Engine) -> None:
    titles, [message] = ask(store, "ประชุมที่ชุมพรปี 2567")
    assert titles == []
    assert "2564" in said(message)


def test_filters_that_exclude_each_other_give_an_honest_empty_answer(store: Engine) -> None:
    titles, _ = ask(store, "สัมมนาที่สงขลา")
    assert titles == []


def test_latest_lists_newest_first(store: Engine) -> None:
    titles, _ = ask(store, "ประชุมล่าสุด")
    assert titles[0] == "การอบรมวิทยาการคำนวณ"


@pytest.mark.parametrize("text", ["สวัสดีครับ", "asdf qwer", "😀", "ก" * 5000, "ขอบคุณครับ"])
def test_non_questions_get_short_help(store: Engine, text: str) -> None:
    """Greetings, thanks and noise get a help text with examples, never an error."""
    titles, [message] = ask(store, text)
    assert titles == []
    assert "ประชุมที่" in said(message) or "ยินดี" in said(message)
    assert [action["text"] for action in quick_replies(message)] == list(EXAMPLES)
    assert buttons(message) == quick_replies(message)  # LINE for PC shows no quick replies


def test_more_matches_than_the_count_cap_says_more_than(
    store: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A broad question does not count the whole table; the heading says "more than" and pages on."""
    monkeypatch.setattr("store.meetings.COUNT_CAP", 20)
    monkeypatch.setattr("handlers.query.COUNT_CAP", 20)
    with session_scope(store) as session:
        reply = answer_text("ประชุมที่ตรัง", session=session, now=NOW)
    message: Any = to_json(reply.messages)[0]
    assert "มากกว่า 20 รายการ" in message["altText"]
    assert message["quickReply"]["items"][0]["action"]["label"] == "ดูเพิ่ม"


def test_pages_go_on_past_the_count_cap_until_the_last_meeting(
    store: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A count that stops at the cap does not stop the pages: the 25 meetings in ตรัง, counted "more
    than 5", are shown ten, ten and five, with "ดูเพิ่ม" under every full page and not the last."""
    monkeypatch.setattr("store.meetings.COUNT_CAP", 5)
    monkeypatch.setattr("handlers.query.COUNT_CAP", 5)
    seen, more = [], []
    for page in (1, 2, 3):
        with session_scope(store) as session:
            reply = answer_text("ประชุมที่ตรัง", session=session, now=NOW, page=page)
        message: Any = to_json(reply.messages)[0]
        assert "มากกว่า 5 รายการ" in message["altText"]
        seen.append(len(reply.meetings))
        more.append([i["action"]["label"] for i in message["quickReply"]["items"]].count("ดูเพิ่ม"))
    assert seen == [10, 10, 5]
    assert more == [1, 1, 0]


def test_control_characters_in_a_question_are_ignored(store: Engine) -> None:
    with session_scope(store) as session:
        reply = answer_text("ประชุม\x00ที่ตรัง\x07", session=session, now=NOW)
    assert reply.meetings and reply.parsed is not None and reply.parsed.filter.provinces == ("ตรัง",)


@pytest.mark.parametrize(
    "text", ["ประชุมที่ตรัง", "ประชุมที่พัทลุง", "ประชุมวันที่ 5 มกราคม 2567", "สวัสดีครับ", "ประชุมเกิน 9999999 คน"]
)
def test_messages_are_the_json_line_bot_sdk_would_send(store: Engine, text: str) -> None:
    """Handlers write LINE's JSON themselves; read into the SDK's models (as bot/line.py does before
    sending) and written out again, nothing is lost, renamed or added."""
    from linebot.v3.messaging import Message, ReplyMessageRequest

    _, messages = ask(store, text)
    assert [Message.from_dict(m).to_dict() for m in messages] == messages
    request = ReplyMessageRequest.from_dict(reply_body(messages))
    assert request.to_dict()["messages"] == messages
