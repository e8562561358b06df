"""In a group or room the bot answers only when it is called: a mention, its name, or a `/` command."""

from __future__ import annotations

from typing import Any

import pytest

from handlers.dispatch import addressed_text
from tests.bot.conftest import Chat
from tests.bot.test_subscriptions import follows_of, texts
from tests.helpers import GROUP, USER, postback_event, text_event

GROUP_SOURCE = {"type": "group", "groupId": GROUP, "userId": USER}
ROOM = "R" + "3" * 32
ROOM_SOURCE = {"type": "room", "roomId": ROOM, "userId": USER}


def mentioning(text: str, *, start: int, length: int, is_self: bool = True) -> dict[str, Any]:
    event = text_event(text, source=GROUP_SOURCE)
    mentionee = {
        "index": start,
        "length": length,
        "type": "user",
        "userId": "U" + "9" * 32,
        "isSelf": is_self,
    }
    event["message"]["mention"] = {"mentionees": [mentionee]}
    return event


@pytest.mark.parametrize(
    "text",
    [
        "ประชุมพรุ่งนี้ 9 โมงนะครับ",
        "สัมมนาวันศุกร์ใครไปบ้าง",
        "อบรมเสร็จแล้วครับ",
        "ติดตามข่าวด้วยนะ",
        "@สมชาย ประชุมที่สงขลา",
        "บอทไม่ต้องตอบ",
    ],
)
@pytest.mark.parametrize("source", [GROUP_SOURCE, ROOM_SOURCE])
def test_talk_among_members_gets_no_answer(chat: Chat, text: str, source: dict[str, Any]) -> None:
    assert chat.say(text, source=source) == []


def test_a_mention_of_the_bot_is_answered_without_the_mention(chat: Chat) -> None:
    [message] = chat.send(mentioning("@Prachum ประชุมที่สงขลา", start=0, length=8))
    assert message["type"] == "flex" and "วิทยาการคำนวณ" in str(message)


def test_a_mention_of_someone_else_is_not_for_the_bot(chat: Chat) -> None:
    assert chat.send(mentioning("@สมชาย ประชุมที่สงขลา", start=0, length=6, is_self=False)) == []


@pytest.mark.parametrize("text", ["Prachum ประชุมที่สงขลา", "@prachum: ประชุมที่สงขลา", "บอทประชุม ประชุมที่สงขลา"])
def test_a_message_starting_with_the_bots_name_is_answered(chat: Chat, text: str) -> None:
    [message] = chat.say(text, source=GROUP_SOURCE)
    assert message["type"] == "flex"


def test_follow_and_unfollow_in_a_group_are_confirmed_in_the_group(chat: Chat) -> None:
    assert "ติดตามจังหวัดชุมพรแล้ว" in texts(chat.say("/ติดตาม ชุมพร", source=GROUP_SOURCE))
    assert follows_of(chat, GROUP) == ["จังหวัดชุมพร"]
    assert follows_of(chat, USER) == []
    assert "เลิกติดตาม" in texts(chat.say("Prachum เลิกติดตาม ชุมพร", source=GROUP_SOURCE))
    assert follows_of(chat, GROUP) == []


def test_a_button_pressed_in_a_group_is_answered_there(chat: Chat) -> None:
    event = postback_event("action=follow&q=ชุมพร", "group-button")
    event["source"] = GROUP_SOURCE
    assert "ติดตามจังหวัดชุมพรแล้ว" in texts(chat.send(event))
    assert follows_of(chat, GROUP) == ["จังหวัดชุมพร"]


@pytest.mark.parametrize(
    ("text", "chat_type", "mentions", "expected"),
    [
        ("ประชุมพรุ่งนี้ 9 โมงนะครับ", "user", (), "ประชุมพรุ่งนี้ 9 โมงนะครับ"),
        ("ประชุมพรุ่งนี้ 9 โมงนะครับ", "group", (), None),
        ("ประชุมที่ตรัง @Prachum", "group", ((14, 8),), "ประชุมที่ตรัง"),
        ("/add ข่าว", "room", (), "/add ข่าว"),
        ("/ ติดตาม", "group", (), "ติดตาม"),
        ("prachum", "group", (), ""),
    ],
)
def test_addressed_text(
    text: str, chat_type: str, mentions: tuple[tuple[int, int], ...], expected: str | None
) -> None:
    assert addressed_text(text, chat_type=chat_type, self_mentions=mentions) == expected
