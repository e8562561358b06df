"""Following meetings in chat, through the webhook, as an official would."""

from __future__ import annotations

from typing import Any

import pytest
from sqlmodel import select

from handlers.follows import read_follows
from store.db import session_scope
from store.models import Subscriber
from tests.bot.conftest import Chat
from tests.helpers import GROUP, USER, body_of, follow_event, postback_event, unfollow_event


def texts(messages: list[dict[str, Any]]) -> str:
    return "\n".join(m.get("text") or m.get("altText", "") for m in messages)


def follows_of(chat: Chat, line_id: str = USER) -> list[str]:
    engine = chat.client.app.state.engine  # type: ignore[attr-defined]
    with session_scope(engine) as session:
        subscriber = session.exec(select(Subscriber).where(Subscriber.line_id == line_id)).first()
        return [f.label for f in read_follows(subscriber.filters)] if subscriber and subscriber.active else []


@pytest.mark.parametrize(
    ("message", "label"),
    [
        ("ติดตาม สมุทรสาคร", "จังหวัดสมุทรสาคร"),
        ("ติดตามสมุทรสาคา", "จังหวัดสมุทรสาคร"),
        ("ติดตาม จ.ชุมพร ครับ", "จังหวัดชุมพร"),
        ("ติดตาม สัมมนา", "สัมมนา"),
        ("ติดตาม สพฐ.", "สพฐ."),
        ("ติดตาม", "ทุกการประชุม"),
    ],
)
def test_follow_confirms_what_is_now_followed(chat: Chat, message: str, label: str) -> None:
    reply = texts(chat.say(message))
    assert f"ติดตาม{label}แล้ว" in reply and f"• {label}" in reply
    assert follows_of(chat) == [label]


def test_several_follows_are_held_and_listed(chat: Chat) -> None:
    chat.say("ติดตาม สมุทรสาคร")
    chat.say("ติดตาม สัมมนา")
    again = texts(chat.say("ติดตาม สมุทรสาคร"))
    assert "อยู่แล้ว" in again
    listed = texts(chat.say("การติดตามของฉัน"))
    assert "• จังหวัดสมุทรสาคร" in listed and "• สัมมนา" in listed


def test_unfollow_one_then_all(chat: Chat) -> None:
    chat.say("ติดตาม สมุทรสาคร")
    chat.say("ติดตาม สัมมนา")
    assert "เลิกติดตามสัมมนาแล้ว" in texts(chat.say("เลิกติดตาม สัมมนา"))
    assert follows_of(chat) == ["จังหวัดสมุทรสาคร"]
    assert "ไม่ได้ติดตามจังหวัดชุมพร" in texts(chat.say("เลิกติดตาม ชุมพร"))
    assert "เลิกติดตามทั้งหมดแล้ว" in texts(chat.say("เลิกติดตาม"))
    assert follows_of(chat) == []


def test_buttons_follow_and_unfollow(chat: Chat) -> None:
    """The answer to a province question offers to follow it; the list offers to stop."""
    answer = chat.say("ประชุมที่สงขลา")[0]
    follow = next(i["action"] for i in answer["quickReply"]["items"] if i["action"]["label"] == "ติดตาม สงขลา")
    reply = chat.send(postback_event(follow["data"], "r" * 32))
    assert follows_of(chat) == ["จังหวัดสงขลา"]
    unfollow = next(i["action"] for i in reply[0]["quickReply"]["items"] if i["action"]["type"] == "postback")
    chat.send(postback_event(unfollow["data"], "s" * 32))
    assert follows_of(chat) == []


def test_a_group_can_subscribe(chat: Chat) -> None:
    group = {"type": "group", "groupId": GROUP, "userId": USER}
    assert "ติดตามจังหวัดชุมพรแล้ว" in texts(chat.say("/ติดตาม ชุมพร", source=group))
    assert follows_of(chat, GROUP) == ["จังหวัดชุมพร"]


def test_blocking_deactivates_and_following_again_restores(chat: Chat) -> None:
    chat.say("ติดตาม ชุมพร")
    assert chat.post(body_of(unfollow_event())).status_code == 200
    assert follows_of(chat) == []
    chat.send(follow_event("f" * 32))
    assert follows_of(chat) == ["จังหวัดชุมพร"]


def test_polite_filler_follows_everything_and_noise_gets_an_example(chat: Chat) -> None:
    assert "ไม่เข้าใจ" in texts(chat.say("ติดตาม 555"))
    assert follows_of(chat) == []
    assert "ติดตามทุกการประชุมแล้ว" in texts(chat.say("ติดตามด้วยครับ"))


def test_stop_following_is_a_button_in_the_message_itself_for_line_for_pc(chat: Chat) -> None:
    """LINE for PC shows no quick replies: the list's "เลิก …" postbacks are also footer buttons."""
    chat.say("ติดตาม สัมมนา")
    chat.say("ติดตาม ตรัง")
    [listed] = chat.say("การติดตามของฉัน")
    assert listed["type"] == "flex"
    buttons = [b["action"] for b in listed["contents"]["footer"]["contents"]]
    assert buttons == [item["action"] for item in listed["quickReply"]["items"]]
    assert [b["data"] for b in buttons if b["type"] == "postback"] == [
        "action=unfollow&q=สัมมนา",
        "action=unfollow&q=จังหวัดตรัง",
    ]
    chat.send(postback_event(buttons[0]["data"], "t" * 32))
    assert follows_of(chat) == ["จังหวัดตรัง"]
