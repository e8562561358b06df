"""Signed LINE webhook bodies, built the way LINE builds them."""

from __future__ import annotations

import uuid
from typing import Any

from fakeline.webhooks import body_of, sign

__all__ = ["body_of", "sign"]  # with the event builders below and the readers of answers at the end

USER = "U" + "1" * 32
GROUP = "C" + "2" * 32


def _base(
    kind: str, source: dict[str, Any], *, redelivery: bool = False, event_id: str | None = None
) -> dict[str, Any]:
    return {
        "type": kind,
        "mode": "active",
        "timestamp": 1700000000000,
        "source": source,
        "webhookEventId": event_id or uuid.uuid4().hex.upper()[:26],
        "deliveryContext": {"isRedelivery": redelivery},
    }


def user_source(user: str = USER) -> dict[str, Any]:
    return {"type": "user", "userId": user}


def text_event(text: str, *, reply_token: str | None = None, source: dict[str, Any] | None = None,
               event_id: str | None = None, redelivery: bool = False) -> dict[str, Any]:  # fmt: skip
    event = _base("message", source or user_source(), redelivery=redelivery, event_id=event_id)
    event["replyToken"] = reply_token or uuid.uuid4().hex
    event["message"] = {"type": "text", "id": "1", "text": text, "quoteToken": "q"}
    return event


def sticker_event(reply_token: str) -> dict[str, Any]:
    event = _base("message", user_source())
    event["replyToken"] = reply_token
    event["message"] = {"type": "sticker", "id": "2", "packageId": "1", "stickerId": "1",
                        "stickerResourceType": "STATIC", "quoteToken": "q"}  # fmt: skip
    return event


def follow_event(reply_token: str, user: str = USER) -> dict[str, Any]:
    event = _base("follow", user_source(user))
    event["replyToken"] = reply_token
    event["follow"] = {"isUnblocked": False}
    return event


def unfollow_event(user: str = USER) -> dict[str, Any]:
    return _base("unfollow", user_source(user))


def postback_event(data: str, reply_token: str) -> dict[str, Any]:
    event = _base("postback", user_source())
    event["replyToken"] = reply_token
    event["postback"] = {"data": data}
    return event


def said(message: dict[str, Any]) -> str:
    """What the user reads: a text message's text, or the texts in a card's body, a line each."""
    if message["type"] == "text":
        return str(message["text"])
    body = message["contents"]["body"]
    return "\n".join(part["text"] for part in body["contents"] if part["type"] == "text")


def buttons(message: dict[str, Any]) -> list[dict[str, Any]]:
    """The actions of a card's footer buttons (what LINE for PC shows), in order; none for plain text."""
    if message["type"] != "flex" or "footer" not in message["contents"]:
        return []
    return [part["action"] for part in message["contents"]["footer"]["contents"] if part["type"] == "button"]


def quick_replies(message: dict[str, Any]) -> list[dict[str, Any]]:
    """The actions of a message's quick replies (what phones show under it), in order."""
    return [item["action"] for item in message.get("quickReply", {}).get("items", [])]
