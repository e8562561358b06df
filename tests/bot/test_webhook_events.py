# ruff: noqa: E501  (a table of LINE payloads, one event a line, reads best unwrapped)
"""Every event type in LINE's webhook spec, in one signed body: 200, handled once each, valid replies."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.bot.conftest import Chat
from tests.helpers import GROUP, USER, body_of

WEBHOOK_SPEC = Path(__file__).resolve().parents[3] / "shared" / "line-openapi" / "webhook.yml"
USER_SOURCE = {"type": "user", "userId": USER}
GROUP_SOURCE = {"type": "group", "groupId": GROUP, "userId": USER}
ROOM_SOURCE = {"type": "room", "roomId": "R" + "3" * 32, "userId": USER}
MEDIA = {
    "type": "external",
    "originalContentUrl": "https://example.com/a",
    "previewImageUrl": "https://example.com/b",
}
MEMBERS = {"members": [{"type": "user", "userId": USER}]}

# (event type, source, the event's own fields, message content type if any)
EVENTS: list[tuple[str, dict[str, Any], dict[str, Any]]] = [
    ("message", USER_SOURCE, {"message": {"type": "text", "id": "1", "text": "ประชุมที่สงขลา", "quoteToken": "q"}}),
    ("message", ROOM_SOURCE, {"message": {"type": "image", "id": "2", "contentProvider": MEDIA, "quoteToken": "q",
                                          "imageSet": {"id": "S", "index": 1, "total": 2}}}),
    ("message", USER_SOURCE, {"message": {"type": "video", "id": "3", "duration": 6000, "contentProvider": MEDIA,
                                          "quoteToken": "q"}}),
    ("message", USER_SOURCE, {"message": {"type": "audio", "id": "4", "duration": 6000,
                                          "contentProvider": {"type": "line"}}}),
    ("message", USER_SOURCE, {"message": {"type": "file", "id": "5", "fileName": "ข่าว.pdf", "fileSize": 2138}}),
    ("message", USER_SOURCE, {"message": {"type": "location", "id": "6", "title": "ศธจ.", "address": "ตรัง",
                                          "latitude": 7.55, "longitude": 99.61}}),
    ("message", USER_SOURCE, {"message": {"type": "sticker", "id": "7", "packageId": "1", "stickerId": "1",
                                          "stickerResourceType": "ANIMATION", "keywords": ["ok"], "quoteToken": "q"}}),
    ("message", GROUP_SOURCE, {"message": {"type": "text", "id": "8", "text": "ไปกินข้าวกัน", "quoteToken": "q"}}),
    ("unsend", GROUP_SOURCE, {"unsend": {"messageId": "8"}}),
    ("follow", USER_SOURCE, {"follow": {"isUnblocked": True}}),
    ("unfollow", USER_SOURCE, {}),
    ("join", GROUP_SOURCE, {}),
    ("leave", GROUP_SOURCE, {}),
    ("memberJoined", GROUP_SOURCE, {"joined": MEMBERS}),
    ("memberLeft", GROUP_SOURCE, {"left": MEMBERS}),
    ("postback", USER_SOURCE, {"postback": {"data": "action=more&page=2&q=ประชุม", "params": {"date": "2024-03-01"}}}),
    ("postback", USER_SOURCE, {"postback": {"data": "unknown=1", "params": {"datetime": "2024-03-01T10:00"}}}),
    ("videoPlayComplete", USER_SOURCE, {"videoPlayComplete": {"trackingId": "t"}}),
    ("beacon", USER_SOURCE, {"beacon": {"hwid": "d41d8cd98f", "type": "enter", "dm": "12ab"}}),
    ("accountLink", USER_SOURCE, {"link": {"result": "ok", "nonce": "n"}}),
    ("membership", USER_SOURCE, {"membership": {"type": "joined", "membershipId": 1}}),
    ("module", USER_SOURCE, {"module": {"type": "attached", "botId": "U" + "4" * 32, "scopes": ["message:send"]}}),
    ("activated", USER_SOURCE, {"chatControl": {"expireAt": 1700000000000}}),
    ("deactivated", USER_SOURCE, {}),
    ("botSuspended", USER_SOURCE, {}),
    ("botResumed", USER_SOURCE, {}),
    ("delivery", USER_SOURCE, {"delivery": {"data": "x"}}),
    ("somethingNew", USER_SOURCE, {"somethingNew": {"1": 1}}),
]  # fmt: skip
NEEDS_TOKEN = {"message", "follow", "join", "memberJoined", "postback", "videoPlayComplete", "beacon",
               "accountLink", "membership"}  # fmt: skip
ANSWERED = {0, 2, 3, 4, 5, 6, 9, 11, 15, 16}  # in EVENTS: messages from a user, follow, join, postbacks


def event(kind: str, source: dict[str, Any], fields: dict[str, Any], token: str) -> dict[str, Any]:
    data = {"type": kind, "mode": "active", "timestamp": 1700000000000, "source": source,
            "webhookEventId": uuid.uuid4().hex.upper()[:26], "deliveryContext": {"isRedelivery": False}, **fields}  # fmt: skip
    if kind in NEEDS_TOKEN:
        data["replyToken"] = token
    return data


def test_fixture_covers_every_event_type_in_lines_spec() -> None:
    if not WEBHOOK_SPEC.exists():
        pytest.skip(f"LINE's webhook spec is not at {WEBHOOK_SPEC}")
    schemas = yaml.safe_load(WEBHOOK_SPEC.read_text(encoding="utf-8"))["components"]["schemas"]
    in_spec = set(schemas["Event"]["discriminator"]["mapping"])
    content = set(schemas["MessageContent"]["discriminator"]["mapping"])
    assert in_spec <= {kind for kind, _, _ in EVENTS}
    assert content <= {fields["message"]["type"] for kind, _, fields in EVENTS if kind == "message"}


def test_every_event_type_is_handled_without_error(chat: Chat, caplog: pytest.LogCaptureFixture) -> None:
    tokens = [uuid.uuid4().hex for _ in EVENTS]
    body = body_of(
        *(event(kind, source, fields, tokens[i]) for i, (kind, source, fields) in enumerate(EVENTS))
    )
    response = chat.post(body)
    assert response.status_code == 200
    answered = {i for i, token in enumerate(tokens) if chat.line.replies_to(token)}
    assert answered == ANSWERED
    assert not [r for r in caplog.records if r.levelname in ("ERROR", "CRITICAL")]
    assert chat.post(body).status_code == 200  # LINE delivering the same body again changes nothing
    assert len(chat.line.all_replies()) == len(ANSWERED)
