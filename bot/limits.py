"""Limits on what a request may hold, checked before anything is parsed or stored.

`BodyLimit` counts a request body as it streams in and answers 413 the moment it passes the
route's limit, so a 1 GB chunked upload costs no more memory than the limit (a declared
Content-Length over it is refused before a byte is read). `webhook_problem` refuses a LINE body
that would break the parser or the store: nesting deeper than any real event, or lone UTF-16
surrogates in any string, ids included (JSON can escape them; no database or encoder takes them).
"""

from __future__ import annotations

import json
import re
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from fastapi import HTTPException

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

MB = 1024 * 1024
DEFAULT_LIMIT = 1 * MB
ROUTE_LIMITS = {"/admin/articles": 8 * MB}  # 1,000,000 characters of pasted text, JSON-escaped
MAX_DEPTH = 32  # LINE's deepest event (a message with mentions in a quote) is under 10
_SURROGATE = re.compile("[\ud800-\udfff]")


class BodyTooLargeError(HTTPException):
    def __init__(self, limit: int) -> None:
        super().__init__(413, f"body over {limit // MB} MB", headers={"connection": "close"})


def limit_for(path: str) -> int:
    return ROUTE_LIMITS.get(path.rstrip("/"), DEFAULT_LIMIT)


class BodyLimit:
    """ASGI middleware: no route reads more of a body than its limit."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = limit_for(scope.get("path", ""))
        declared = dict(scope.get("headers") or []).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > limit:
            await _refuse(send, limit)
            return
        received = 0
        started = False

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLargeError(limit)
            return message

        async def watched(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, watched)
        except BodyTooLargeError:  # raised where no HTTPException handler was in the way
            if not started:
                await _refuse(send, limit)


async def _refuse(send: Send, limit: int) -> None:
    body = json.dumps({"detail": f"body over {limit // MB} MB"}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
               (b"connection", b"close")]  # fmt: skip
    await send({"type": "http.response.start", "status": 413, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def webhook_problem(body: str) -> str | None:
    """Why a webhook body cannot be handled, or None; call it before the SDK parses the body.

    Not JSON is left for the parser to report.
    """
    try:
        data = json.loads(body)
    except RecursionError:
        return f"body nests deeper than {MAX_DEPTH} levels"
    except ValueError:
        return None
    return payload_problem(data)


def payload_problem(data: object) -> str | None:
    """`webhook_problem` of a body already parsed. The walk is iterative, so depth costs no stack, and
    visits only containers; the strings are searched for surrogates at once, joined (a webhook arrives
    hundreds of times a second)."""
    stack: list[tuple[object, int]] = [(data, 1)]
    texts: list[str] = [data] if isinstance(data, str) else []
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            children: list[object] = [*value.keys(), *value.values()]
        elif isinstance(value, list):
            children = value
        else:
            continue
        if depth > MAX_DEPTH:
            return f"body nests deeper than {MAX_DEPTH} levels"
        for child in children:
            if isinstance(child, str):
                texts.append(child)
            elif isinstance(child, (dict, list)):
                stack.append((child, depth + 1))
    if _SURROGATE.search("".join(texts)):
        return "body holds lone UTF-16 surrogates, which are not text"
    return None
