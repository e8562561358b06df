"""An answer whose reply token is too old: pushed with a retry key (LATE_ANSWER=push), or dropped, logged."""

from __future__ import annotations

import logging
import uuid

import pytest

from bot.events import ANSWER_NAMESPACE
from tests.bot.conftest import running_chat
from tests.helpers import USER, body_of, text_event


def test_a_late_answer_is_pushed_once_with_a_retry_key_from_the_event(sqlite_url: str) -> None:
    with running_chat(sqlite_url, reply_token_seconds=0.001) as chat:
        event = text_event("ประชุมที่สงขลา")
        assert chat.send(event) == []
        [push] = chat.line.pushes_to(USER)
        assert push["messages"][0]["type"] == "flex"
        expected_key = str(uuid.uuid5(ANSWER_NAMESPACE, event["webhookEventId"]))
        assert list(chat.line.accepted_keys) == [expected_key]
        assert chat.line.usage == 1  # a push counts against the month's quota; a reply does not


def test_a_late_answer_is_dropped_with_a_log_line_when_late_answer_is_drop(
    sqlite_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    with (
        caplog.at_level(logging.INFO, logger="prachum.events"),
        running_chat(sqlite_url, reply_token_seconds=0.001, late_answer="drop") as chat,
    ):
        event = text_event("ประชุมที่สงขลา")
        assert chat.post(body_of(event)).status_code == 200
        assert chat.line.received == []
    dropped = [r for r in caplog.records if "answer dropped" in r.getMessage()]
    assert len(dropped) == 1
    assert dropped[0].context == {"webhookEventId": event["webhookEventId"], "chat_type": "user"}  # type: ignore[attr-defined]


def test_a_fresh_reply_token_is_used_and_nothing_is_pushed(sqlite_url: str) -> None:
    with running_chat(sqlite_url) as chat:
        assert chat.say("ประชุมที่สงขลา")
        assert chat.line.sends() == [] and chat.line.usage == 0
