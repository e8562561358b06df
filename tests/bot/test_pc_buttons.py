"""LINE for PC shows no quick replies: every answer that offers them also carries them as card buttons.

Through the signed webhook; the fake LINE API checks every reply against LINE's spec (and its 30 KB
bubble), and the `chat` fixture fails on any problem it saw.
"""

from __future__ import annotations

from typing import Any

from handlers.help import HELP, WELCOME
from handlers.replies import EXAMPLES
from tests.bot.conftest import Chat
from tests.helpers import buttons, follow_event, quick_replies, said


def press(chat: Chat, action: dict[str, Any]) -> list[dict[str, Any]]:
    """A tap on a message button: LINE sends its text as the user's message."""
    assert action["type"] == "message"
    return chat.say(action["text"])


def test_help_is_a_card_whose_buttons_are_the_examples_and_a_button_asks_one(chat: Chat) -> None:
    [message] = chat.say("วิธีใช้")
    assert message["type"] == "flex" and said(message) == HELP and message["altText"] == HELP
    assert [(a["type"], a["label"], a["text"]) for a in buttons(message)] == [
        ("message", example, example) for example in EXAMPLES
    ]
    assert buttons(message) == quick_replies(message)  # phones still get the quick replies
    [answer] = press(chat, buttons(message)[0])  # ประชุมที่เชียงใหม่
    assert answer["altText"].startswith("พบการประชุม (จังหวัดเชียงใหม่) 1 รายการ\n1. สัมมนาผู้บริหารสถานศึกษา")


def test_a_new_follower_is_welcomed_with_the_examples_as_buttons(chat: Chat) -> None:
    [message] = chat.send(follow_event("follow-token"))
    assert said(message) == WELCOME and said(message).startswith("สวัสดีครับ ขอบคุณที่เพิ่มเพื่อน")
    assert [a["text"] for a in buttons(message)] == list(EXAMPLES)
    assert buttons(message) == quick_replies(message)


def test_not_found_offers_its_suggestions_as_buttons_that_work(chat: Chat) -> None:
    """Nothing in สมุทรสาคร: the nearest provinces with meetings, then the examples, all as buttons."""
    [message] = chat.say("ประชุมที่สมุทรสาคร")
    assert said(message).startswith("ขออภัยครับ ไม่พบการประชุม (จังหวัดสมุทรสาคร) ในฐานข้อมูล\n")
    assert (
        [(a["label"], a["text"]) for a in buttons(message)]
        == [
            ("กรุงเทพมหานคร", "ประชุมที่กรุงเทพมหานคร"),
            ("ประชุมที่นครราชสีมา", "ประชุมที่นครราชสีมา"),
            ("ประชุมที่เชียงใหม่", "ประชุมที่เชียงใหม่"),  # an example too: offered once
            *((example, example) for example in EXAMPLES[1:]),
        ]
    )
    assert buttons(message) == quick_replies(message)
    [answer] = press(chat, buttons(message)[0])
    assert answer["altText"].startswith("พบการประชุม (จังหวัดกรุงเทพมหานคร) 1 รายการ\n1. ประชุมชี้แจงแนวทาง")
