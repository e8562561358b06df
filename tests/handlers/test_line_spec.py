"""The spec validator used by the tests rejects what LINE would reject."""

from __future__ import annotations

from typing import Any

import pytest

from tests.fakes.line_spec import validate

TEXT = {"type": "text", "text": "สวัสดี"}


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ({"messages": [TEXT]}, "missing replyToken"),
        ({"replyToken": "t", "messages": [TEXT] * 6}, "more than 5 items"),
        ({"replyToken": "t", "messages": [{"type": "fancy"}]}, "unknown type"),
        ({"replyToken": "t", "messages": [{"type": "text"}]}, "missing text"),
        ({"replyToken": "t", "messages": [{"type": "text", "text": "x" * 5001}]}, "5000"),
        ({"replyToken": "t", "messages": [{"type": "flex", "altText": "a" * 1501,
          "contents": {"type": "bubble"}}]}, "1500"),
        ({"replyToken": "t", "messages": [{"type": "flex", "altText": "a",
          "contents": {"type": "carousel", "contents": [{"type": "bubble"}] * 13}}]}, "12"),
        ({"replyToken": "t", "messages": [{"type": "text", "text": "a", "quickReply": {"items": [
          {"type": "action", "action": {"type": "message", "label": "l", "text": "t"}}] * 14}}]}, "13"),
        ({"replyToken": "t", "messages": [{"type": "flex", "altText": "a", "contents": {"type": "bubble",
          "body": {"type": "box", "layout": "vertical", "contents": [{"type": "text", "text": "ก" * 5000}] * 3
          }}}]}, "a bubble's JSON is over LINE's 30,000 bytes"),
    ],
)  # fmt: skip
def test_validator_rejects_bodies_line_would_refuse(body: dict[str, Any], problem: str) -> None:
    errors = validate("ReplyMessageRequest", body)
    assert any(problem in error for error in errors), errors


def test_validator_accepts_a_plain_reply() -> None:
    assert validate("ReplyMessageRequest", {"replyToken": "t", "messages": [TEXT]}) == []


def test_a_text_answer_with_quick_replies_is_a_card_with_every_one_as_a_footer_button() -> None:
    """LINE for PC shows no quick replies: all 13 are buttons too, and the whole 5,000-letter Thai text is
    in the bubble, which stays under LINE's 30 KB; the alt text is as much as LINE takes."""
    from handlers.replies import ask_item, text
    from tests.helpers import buttons, quick_replies, said

    word = "การประชุมเชิงปฏิบัติการ "  # 24 letters with its space
    body = (word * 250)[:5000]
    quick = [ask_item(f"ประชุมที่จังหวัด{n}") for n in range(13)]
    message = text(body, quick)
    assert validate("ReplyMessageRequest", {"replyToken": "t", "messages": [message]}) == []
    assert said(message) == body
    assert buttons(message) == quick_replies(message) == [item["action"] for item in quick]
    assert message["altText"] == (word * 62).rstrip() + "…"  # whole words within 1,500 letters


def test_a_text_answer_without_quick_replies_stays_a_plain_text_message() -> None:
    from handlers.replies import text

    assert text("ไม่พบการประชุมรหัส #7") == {"type": "text", "text": "ไม่พบการประชุมรหัส #7"}


def test_a_card_that_would_pass_30_kb_shortens_its_text_and_keeps_every_button() -> None:
    """4,500 four-byte emoji and 13 buttons that each type 300 Thai letters would be over 31 KB."""
    from handlers.replies import ask_item, text
    from tests.helpers import buttons, quick_replies, said

    word = "📅" * 9 + " "
    body = word * 500
    quick = [ask_item(f"ถาม {n}", "ก" * 300) for n in range(13)]
    message = text(body, quick)
    assert validate("ReplyMessageRequest", {"replyToken": "t", "messages": [message]}) == []
    assert buttons(message) == quick_replies(message) == [item["action"] for item in quick]
    assert said(message) == word * 299 + "📅" * 9 + "…"  # within 3,000 letters, cut at a space
