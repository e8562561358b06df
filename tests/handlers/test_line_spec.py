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
    ],
)  # fmt: skip
def test_validator_rejects_bodies_line_would_refuse(body: dict[str, Any], problem: str) -> None:
    errors = validate("ReplyMessageRequest", body)
    assert any(problem in error for error in errors), errors


def test_validator_accepts_a_plain_reply() -> None:
    assert validate("ReplyMessageRequest", {"replyToken": "t", "messages": [TEXT]}) == []
