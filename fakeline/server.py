"""A fake LINE Messaging API on 127.0.0.1: validates every body against LINE's spec and records it.

Tests and benchmarks both use it, so it lives outside tests/.
"""

from __future__ import annotations

import asyncio
import socket
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import uvicorn
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response

from fakeline.richmenus import RichMenus
from fakeline.spec import spec, validate

ROUTES = {
    "/v2/bot/message/reply": "ReplyMessageRequest",
    "/v2/bot/message/push": "PushMessageRequest",
    "/v2/bot/message/multicast": "MulticastRequest",
}
READS = {  # GET routes: the schema of what the fake answers, checked like a request body
    "/v2/bot/message/quota": "MessageQuotaResponse",
    "/v2/bot/message/quota/consumption": "QuotaConsumptionResponse",
}


@dataclass
class FakeLine:
    token: str
    received: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    failures: list[tuple[int, str]] = field(default_factory=list)
    odd_answers: list[tuple[bytes, str]] = field(default_factory=list)  # body, content type
    used_tokens: set[str] = field(default_factory=set)
    accepted_keys: dict[str, str] = field(default_factory=dict)
    retry_key_conflicts: int = 0
    on_request: Callable[[int, str], None] | None = None  # (request number, "before" | "after")
    requests: int = 0
    validating: bool = True  # the load benchmark turns checking off to measure the bot, not the fake
    base_url: str = ""
    quota: int | None = None  # the month's message quota; None: no limit ("type": "none")
    usage: int = 0  # messages counted against the quota this month (pushes and multicast recipients)
    outage: Callable[[], bool] | None = None  # while it returns True every send gets a 503
    delay_seconds: float = 0.0  # a slow LINE: each send waits this long before it is answered
    data_url: str = ""  # the fake api-data.line.me (rich menu images), a second server on its own port
    rich: RichMenus = field(default_factory=RichMenus)  # rich menus, their images, loading animations
    timeline: list[str] = field(default_factory=list)  # "METHOD /route" of every authorized call, in order

    def fail_next(self, status: int, message: str = "injected failure") -> None:
        self.failures.append((status, message))

    def accept_next_with(self, body: bytes, content_type: str = "application/json") -> None:
        """Accept the next call, but answer 200 with this body instead of LINE's documented one."""
        self.odd_answers.append((body, content_type))

    def replies_to(self, reply_token: str) -> list[dict[str, Any]]:
        return [
            body
            for path, body in self.received
            if path.endswith("/reply") and body["replyToken"] == reply_token
        ]

    def sends(self) -> list[tuple[str, dict[str, Any]]]:
        """Pushes and multicasts LINE accepted (a 409 for a repeated retry key is not one)."""
        return [(path, body) for path, body in self.received if not path.endswith("/reply")]

    def all_replies(self) -> list[dict[str, Any]]:
        return [body for path, body in self.received if path.endswith("/reply")]

    def pushes_to(self, chat: str) -> list[dict[str, Any]]:
        return [body for path, body in self.received if path.endswith("/push") and body["to"] == chat]

    def _read(self, route: str) -> JSONResponse:
        if self.outage is not None and self.outage():
            return JSONResponse({"message": "Service unavailable"}, status_code=503)
        if route.endswith("/consumption"):
            body: dict[str, Any] = {"totalUsage": self.usage}
        else:
            body = {"type": "none"} if self.quota is None else {"type": "limited", "value": self.quota}
        errors = validate(READS[route], body) if self.validating else []
        if errors:
            self.problems.append(f"{route} answer: {errors}")
        return JSONResponse(body, headers={"x-line-request-id": str(uuid.uuid4())})

    async def _rich(self, route: str, request: Request, *, on_data_host: bool) -> Response:
        answer = self.rich.answer(
            request.method,
            route,
            await request.body(),
            request.headers.get("content-type", ""),
            on_data_host=on_data_host,
            problems=self.problems,
        )
        headers = {"x-line-request-id": str(uuid.uuid4())}
        if isinstance(answer.body, bytes):
            return Response(answer.body, answer.status, headers=headers, media_type=answer.content_type)
        return JSONResponse(answer.body, answer.status, headers=headers)

    def _authorized(self, route: str, request: Request) -> bool:
        if request.headers.get("authorization") == f"Bearer {self.token}":
            self.timeline.append(f"{request.method} {route}")
            return True
        self.problems.append(f"{route}: wrong or missing access token")
        return False

    def data_app(self) -> FastAPI:
        """api-data.line.me: only what the spec puts on that host is answered here."""
        app = FastAPI()

        @app.api_route("/{path:path}", methods=["GET", "POST", "PUT", "DELETE"])
        async def any_data_route(path: str, request: Request) -> Response:
            route = "/" + path
            if not self._authorized(route, request):
                return JSONResponse({"message": "Authentication failed"}, status_code=401)
            if not self.rich.handles(route):
                self.problems.append(f"unexpected call {request.method} {route} on api-data")
                return JSONResponse({"message": "Not found"}, status_code=404)
            return await self._rich(route, request, on_data_host=True)

        return app

    def app(self) -> FastAPI:
        app = FastAPI()

        @app.api_route("/{path:path}", methods=["GET", "POST", "PUT", "DELETE"])
        async def any_route(path: str, request: Request) -> Response:
            route = "/" + path
            if not self._authorized(route, request):
                return JSONResponse({"message": "Authentication failed"}, status_code=401)
            if self.rich.handles(route):
                return await self._rich(route, request, on_data_host=False)
            if request.method == "GET" and route in READS:
                return self._read(route)
            schema = ROUTES.get(route)
            if schema is None or request.method != "POST":
                self.problems.append(f"unexpected call {request.method} {route}")
                return JSONResponse({"message": "Not found"}, status_code=404)
            body = await request.json()
            errors = validate(schema, body) if self.validating else []
            if errors:
                self.problems.append(f"{route}: {errors}")
                return JSONResponse(
                    {"message": "The request body has 1 error(s)", "details": errors}, status_code=400
                )
            headers = {"x-line-request-id": str(uuid.uuid4())}
            self.requests += 1
            number = self.requests
            if self.on_request is not None:
                self.on_request(number, "before")
            retry_key = request.headers.get("x-line-retry-key")
            if retry_key is not None:
                if route.endswith("/reply") or not _is_uuid(retry_key):
                    self.problems.append(f"{route}: bad X-Line-Retry-Key {retry_key!r}")
                    return JSONResponse({"message": "Invalid retry key"}, status_code=400, headers=headers)
                if retry_key in self.accepted_keys:
                    self.retry_key_conflicts += 1
                    accepted = {"x-line-accepted-request-id": self.accepted_keys[retry_key], **headers}
                    return JSONResponse(
                        {"message": "The retry key is already accepted", "sentMessages": []},
                        status_code=409,
                        headers=accepted,
                    )
            if self.delay_seconds:
                await asyncio.sleep(self.delay_seconds)
            if self.failures:
                status, message = self.failures.pop(0)
                return JSONResponse({"message": message}, status_code=status, headers=headers)
            if self.outage is not None and self.outage():
                return JSONResponse({"message": "Service unavailable"}, status_code=503, headers=headers)
            if route.endswith("/reply"):
                if body["replyToken"] in self.used_tokens:
                    return JSONResponse({"message": "Invalid reply token"}, status_code=400, headers=headers)
                self.used_tokens.add(body["replyToken"])
            self.received.append((route, body))
            if route.endswith("/push"):
                self.usage += 1
            elif route.endswith("/multicast"):
                self.usage += len(body["to"])
            if retry_key is not None:
                self.accepted_keys[retry_key] = headers["x-line-request-id"]
            if self.on_request is not None:
                self.on_request(number, "after")
            if self.odd_answers:
                odd, kind = self.odd_answers.pop(0)
                return Response(odd, status_code=200, headers={**headers, "content-type": kind})
            return JSONResponse({"sentMessages": [{"id": "1", "quoteToken": "q"}]}, headers=headers)

        return app


def _is_uuid(value: str) -> bool:
    try:
        return str(uuid.UUID(value)) == value.lower()
    except ValueError:
        return False


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def running_fake_line(token: str, *, validating: bool = True) -> Iterator[FakeLine]:
    if validating:
        spec()  # skip or fail here, in the test, rather than as a 500 inside the server thread
    fake = FakeLine(token=token, validating=validating)
    with _serving(fake.app()) as base_url, _serving(fake.data_app()) as data_url:
        fake.base_url, fake.data_url = base_url, data_url
        yield fake


@contextmanager
def _serving(app: FastAPI) -> Iterator[str]:
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=5)
