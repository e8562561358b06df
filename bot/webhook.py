"""POST /callback: thin, fails closed, stores the events, then answers 200; workers answer the events.

The 200 is on the hot path of every LINE message, so it does only what it must, cheapest refusal
first: the signature (HMAC of the raw bytes), one JSON parse, the checks that keep a hostile body
out of the store (bot/limits.py), the SDK's reading of each event (an event it cannot read is
refused here, not retried by a worker), and the insert (store/intake.py: a group commit on
PostgreSQL, off the event loop on SQLite).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse
from linebot.v3.models.events import UnknownEvent
from linebot.v3.webhooks import Event

from bot.limits import MAX_DEPTH, payload_problem
from store.intake import StoreError

MAX_BODY = 1024 * 1024
NOT_A_WEBHOOK = "body is not a LINE webhook (an object with an events list)"
OK = b'{"status":"ok"}'
log = logging.getLogger("prachum.webhook")
router = APIRouter()


def _error(status: int, reason: str) -> JSONResponse:
    return JSONResponse({"error": reason}, status_code=status)


def signature_matches(secret: bytes, body: bytes, signature: str) -> bool:
    """LINE's X-Line-Signature: base64 of the HMAC-SHA256 of the body, compared in constant time."""
    expected = base64.b64encode(hmac.new(secret, body, hashlib.sha256).digest())
    return hmac.compare_digest(expected, signature.encode("latin-1", errors="replace"))


def readable_events(data: object) -> list[dict[str, Any]] | None:
    """The body's events when it is a LINE webhook the SDK can read, else None."""
    if not isinstance(data, dict) or not isinstance(data.get("events"), list):
        return None
    events: list[dict[str, Any]] = data["events"]
    for event in events:
        if not isinstance(event, dict):
            return None
        try:
            _read_event(event)
        except (KeyError, TypeError, AttributeError, ValueError):
            return None
    return events


def _read_event(event: dict[str, Any]) -> None:
    """As the SDK's WebhookParser reads an event: its model, or for a type it does not know (yet) an
    UnknownEvent, which needs a type that is text. Raises what the parser would."""
    try:
        Event.from_dict(event)
    except ValueError:
        if not isinstance(event["type"], str):
            raise TypeError("the event's type is not text") from None
        UnknownEvent.new_from_json_dict(event)


@router.post("/callback")
async def callback(request: Request) -> Response:
    state = request.app.state
    secret: bytes | None = state.webhook_secret
    if secret is None or state.intake is None:
        return _error(503, "LINE is not configured: set LINE_CHANNEL_SECRET and LINE_CHANNEL_ACCESS_TOKEN")
    length = request.headers.get("content-length")
    if length and length.isdigit() and int(length) > MAX_BODY:
        return _error(413, "body over 1 MB")
    raw = await request.body()
    if len(raw) > MAX_BODY:
        return _error(413, "body over 1 MB")
    signature = request.headers.get("x-line-signature")
    if not signature:
        return _error(400, "missing X-Line-Signature")
    if not signature_matches(secret, raw, signature):
        return _error(400, "invalid signature")
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        return _error(400, "body is not UTF-8")
    except RecursionError:
        return _error(400, f"body nests deeper than {MAX_DEPTH} levels")
    except ValueError:
        return _error(400, "body is not JSON")
    problem = payload_problem(data)
    if problem:
        return _error(400, problem)
    events = readable_events(data)
    if events is None:
        return _error(400, NOT_A_WEBHOOK)
    if events:
        try:  # stored before the 200: after it LINE does not send them again
            await state.intake.store(events)
        except StoreError as err:
            log.error("webhook events could not be stored (%s); answering 503 so LINE redelivers", err)
            return _error(503, "events could not be stored; LINE redelivers them")
        if state.inbox is not None:
            state.inbox.wake()
    return Response(OK, media_type="application/json")
