"""The LINE webhook end to end: signed bodies in, the real SDK client out to a fake LINE API."""

from __future__ import annotations

import json
import os
import signal
import uuid

import pytest
from fastapi.testclient import TestClient
from sqlmodel import func, select

from bot.app import create_app
from bot.settings import Settings
from handlers.help import HELP, WELCOME
from handlers.replies import EXAMPLES
from store.db import session_scope
from store.models import ProcessedEvent, Subscriber
from tests.bot.conftest import TOKEN, Chat, running_chat
from tests.helpers import (
    GROUP,
    USER,
    body_of,
    buttons,
    follow_event,
    postback_event,
    said,
    sticker_event,
    text_event,
    unfollow_event,
)


def test_question_gets_a_carousel_of_matching_meetings(chat: Chat) -> None:
    """ประชุมที่สงขลา → LINE receives one carousel showing the Songkhla training."""
    [message] = chat.say("ประชุมที่สงขลา")
    assert message["type"] == "flex"
    assert "วิทยาการคำนวณ" in json.dumps(message, ensure_ascii=False)


def test_not_found_is_polite_thai(chat: Chat) -> None:
    [message] = chat.say("ประชุมที่แม่ฮ่องสอน")
    assert said(message).startswith("ขออภัยครับ ไม่พบการประชุม")


def test_follow_gets_welcome_with_examples(chat: Chat) -> None:
    [message] = chat.send(follow_event("follow-token"))
    assert said(message) == WELCOME
    assert [action["text"] for action in buttons(message)] == list(EXAMPLES)


def test_sticker_gets_short_help(chat: Chat) -> None:
    [message] = chat.send(sticker_event("sticker-token"))
    assert said(message) == HELP


def test_more_postback_pages_on(chat: Chat) -> None:
    [message] = chat.send(postback_event("action=more&page=1&q=ประชุม", "postback-token"))
    assert message["type"] == "flex"


def test_redelivered_event_is_handled_once(chat: Chat) -> None:
    """The same webhookEventId twice (a redelivery or a duplicate POST) replies once."""
    event = text_event("ประชุมที่สงขลา", event_id="01REDELIVERY0000000000000A")
    again = dict(event, deliveryContext={"isRedelivery": True}, replyToken="second-token")
    chat.send(event)
    chat.send(again)
    assert len(chat.line.all_replies()) == 1
    engine = chat.client.app.state.engine  # type: ignore[attr-defined]
    with session_scope(engine) as session:
        assert session.exec(select(func.count()).select_from(ProcessedEvent)).one() == 1


def test_group_messages_answered_only_when_addressed(chat: Chat) -> None:
    """In a group the bot stays quiet unless called."""
    group = {"type": "group", "groupId": GROUP, "userId": USER}
    assert chat.say("วันนี้กินข้าวที่ไหนดี", source=group) == []
    assert chat.say("ประชุมที่สงขลา", source=group) == []
    assert chat.say("/ประชุมที่สงขลา", source=group)


def test_unfollow_deactivates_the_subscriber(chat: Chat) -> None:
    engine = chat.client.app.state.engine  # type: ignore[attr-defined]
    with session_scope(engine) as session:
        session.add(Subscriber(line_id=USER))
    assert chat.post(body_of(unfollow_event())).status_code == 200
    with session_scope(engine) as session:
        assert session.exec(select(Subscriber)).one().active is False


def test_refused_reply_token_is_logged_not_fatal(chat: Chat) -> None:
    """LINE answering 400 (expired token) or 500 does not break the next event."""
    chat.line.fail_next(400, "Invalid reply token")
    assert chat.say("ประชุมที่สงขลา") == []
    assert chat.say("ประชุมที่สงขลา")


@pytest.mark.parametrize(
    ("status", "level", "meaning"),
    [(400, "WARNING", "expired or used reply token"), (401, "ERROR", "LINE_CHANNEL_ACCESS_TOKEN"),
     (403, "ERROR", "LINE_CHANNEL_ACCESS_TOKEN"), (429, "WARNING", "limit"), (500, "WARNING", "not retried")],
)  # fmt: skip
def test_line_errors_are_logged_with_meaning_and_request_id_never_the_token(
    chat: Chat, caplog: pytest.LogCaptureFixture, status: int, level: str, meaning: str
) -> None:
    chat.line.fail_next(status, "refused")
    with caplog.at_level("WARNING", logger="prachum.line"):
        assert chat.say("ประชุมที่สงขลา") == []
    record = next(r for r in caplog.records if r.name == "prachum.line")
    assert record.levelname == level and meaning in record.getMessage()
    assert f"status={status} request_id=" in record.getMessage() and "request_id=-" not in record.getMessage()
    assert TOKEN not in caplog.text
    assert len(chat.line.received) == 0  # a refused reply is not sent again


@pytest.mark.parametrize(
    ("body", "signature", "status", "reason"),
    [
        ('{"events": []}', "", 400, "missing X-Line-Signature"),
        ('{"events": []}', "bad-signature", 400, "invalid signature"),
        ("not json", None, 400, "not JSON"),
        ("[1, 2]", None, 400, "not a LINE webhook"),
        ('{"no": "events"}', None, 400, "not a LINE webhook"),
        ('{"events": 5}', None, 400, "not a LINE webhook"),
        ('{"events": []}', None, 200, None),
    ],
)
def test_bad_bodies_get_400_with_a_reason(chat: Chat, body: str, signature: str | None, status: int,
                                          reason: str | None) -> None:  # fmt: skip
    """Nothing a caller sends becomes a 500; LINE's verify call (no events) gets 200."""
    response = chat.post(body, signature)
    assert response.status_code == status
    if reason:
        assert reason in response.json()["error"]


def test_body_over_one_megabyte_is_413(chat: Chat) -> None:
    body = json.dumps({"events": [], "pad": "x" * (1024 * 1024)})
    assert chat.post(body).status_code == 413


def test_without_line_credentials_callback_is_503(sqlite_url: str) -> None:
    """serve still starts without LINE; /callback says why it cannot answer."""
    with TestClient(create_app(Settings(database_url=sqlite_url))) as client:
        response = client.post("/callback", content=b"{}", headers={"x-line-signature": "x"})
        assert response.status_code == 503
        assert "LINE_CHANNEL_SECRET" in response.json()["error"]
        assert client.get("/healthz").status_code == 200


def test_unknown_event_types_parse_without_500(chat: Chat) -> None:
    """Every event type LINE may send is accepted, even ones this bot ignores."""
    events = [
        {"type": "beacon", "mode": "active", "timestamp": 1, "source": {"type": "user", "userId": USER},
         "webhookEventId": uuid.uuid4().hex[:26], "deliveryContext": {"isRedelivery": False},
         "replyToken": "beacon-token", "beacon": {"hwid": "d41d8cd98f", "type": "enter"}},
        {"type": "somethingNew", "mode": "active", "timestamp": 1, "source": {"type": "user", "userId": USER},
         "webhookEventId": uuid.uuid4().hex[:26], "deliveryContext": {"isRedelivery": False}},
    ]  # fmt: skip
    assert chat.post(body_of(*events)).status_code == 200


def test_events_are_handled_in_a_worker_process(sqlite_url: str) -> None:
    """`serve`'s default: a worker process handles events, so their CPU never delays the next 200."""
    with running_chat(sqlite_url, event_worker="process") as chat:
        reply = chat.say("ประชุมที่สงขลา")
        assert reply and reply[0]["type"] == "flex"
        assert chat.client.app.state.inbox.pid not in (None, os.getpid())  # type: ignore[attr-defined]


def test_a_killed_worker_process_is_replaced(sqlite_url: str) -> None:
    """Nothing the worker does (or suffers) stops the bot answering, and what it held is answered."""
    with running_chat(sqlite_url, event_worker="process", event_lease_seconds=1) as chat:
        assert chat.say("ประชุมที่สงขลา")
        inbox = chat.client.app.state.inbox  # type: ignore[attr-defined]
        os.kill(inbox.pid, signal.SIGKILL)
        os.waitpid(inbox.pid, 0)
        reply = chat.say("ประชุมที่สงขลา")
        assert reply and reply[0]["type"] == "flex"
