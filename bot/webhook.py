"""POST /callback: thin, fails closed, stores the events, then answers 200; workers answer the events."""

from __future__ import annotations

import json
import logging

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from linebot.v3 import WebhookParser
from linebot.v3.exceptions import InvalidSignatureError
from sqlalchemy.exc import SQLAlchemyError

from bot.limits import webhook_problem
from store.inbox import store_events

MAX_BODY = 1024 * 1024
log = logging.getLogger("prachum.webhook")
router = APIRouter()


def _error(status: int, reason: str) -> JSONResponse:
    return JSONResponse({"error": reason}, status_code=status)


@router.post("/callback")
async def callback(request: Request) -> JSONResponse:
    parser: WebhookParser | None = request.app.state.webhook_parser
    line = request.app.state.line
    if parser is None or line is None:
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
    try:
        body = raw.decode("utf-8")
    except UnicodeDecodeError:
        return _error(400, "body is not UTF-8")
    problem = webhook_problem(body)
    if problem:
        return _error(400, problem)
    try:
        events = parser.parse(body, signature)
    except InvalidSignatureError:
        return _error(400, "invalid signature")
    except json.JSONDecodeError:
        return _error(400, "body is not JSON")
    except (KeyError, TypeError, AttributeError, ValueError):
        return _error(400, "body is not a LINE webhook (an object with an events list)")
    if events:
        try:  # stored before the 200: after it LINE does not send them again
            await run_in_threadpool(store_events, request.app.state.engine, json.loads(body)["events"])
        except SQLAlchemyError as err:
            log.error("webhook events could not be stored (%s); answering 503 so LINE redelivers",
                      type(err).__name__)  # fmt: skip
            return _error(503, "events could not be stored; LINE redelivers them")
        if request.app.state.inbox is not None:
            request.app.state.inbox.wake()
    return JSONResponse({"status": "ok"})
