"""Bodies are counted as they stream in and refused at the limit; bodies that break parsers are 400."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest

from bot.app import create_app
from bot.limits import MB, webhook_problem
from bot.settings import Settings
from tests.bot.conftest import SECRET, Chat
from tests.helpers import sign, text_event

CHUNK = 64 * 1024
ADMIN = "admin-" + "t" * 30


def stream_to(path: str, *, total: int, headers: dict[str, str] | None = None) -> tuple[int, int]:
    """Send a chunked body of `total` bytes to the app, straight over ASGI; (status, bytes the app took)."""
    settings = Settings(
        database_url="sqlite://", line_channel_secret=SECRET, line_channel_access_token="t" * 20,
        admin_token=ADMIN, digest_enabled=False,
    )  # type: ignore[arg-type]  # fmt: skip
    app = create_app(settings)
    app.state.settings = settings  # what the lifespan sets; the admin token is checked before the body
    app.state.webhook_secret = SECRET.encode()  # /callback as when LINE is configured; nothing is stored
    app.state.intake = object()
    app.state.line = object()
    sent = 0
    answers: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        nonlocal sent
        sent += CHUNK
        return {"type": "http.request", "body": b"{" * CHUNK, "more_body": sent < total}

    async def send(message: dict[str, Any]) -> None:
        answers.append(message)

    raw_headers = [(b"content-type", b"application/json"), (b"transfer-encoding", b"chunked")]
    raw_headers += [(k.encode(), v.encode()) for k, v in (headers or {}).items()]
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST",
             "path": path, "raw_path": path.encode(), "query_string": b"", "headers": raw_headers,
             "client": ("127.0.0.1", 1), "server": ("127.0.0.1", 80), "scheme": "http",
             "root_path": ""}  # fmt: skip
    asyncio.run(app(scope, receive, send))  # type: ignore[arg-type]
    return answers[0]["status"], sent


@pytest.mark.parametrize(
    ("path", "headers", "limit"),
    [
        ("/callback", {"x-line-signature": "c2ln"}, 1 * MB),
        ("/chat", {}, 1 * MB),
        ("/admin/articles", {"authorization": f"Bearer {ADMIN}"}, 8 * MB),
    ],
)
def test_a_chunked_body_is_refused_at_the_limit_not_read_whole(
    path: str, headers: dict[str, str], limit: int
) -> None:
    """A 64 MB chunked upload (no Content-Length) gets 413 after one chunk past the route's limit."""
    status, taken = stream_to(path, total=64 * MB, headers=headers)
    assert status == 413
    assert taken == limit + CHUNK


def test_a_declared_length_over_the_limit_is_refused_before_reading(chat: Chat) -> None:
    response = chat.client.post(
        "/chat", content=b"{}", headers={"content-type": "application/json", "content-length": str(2 * MB)}
    )
    assert response.status_code == 413 and response.json() == {"detail": "body over 1 MB"}


def test_a_body_under_the_limit_is_served(chat: Chat) -> None:
    response = chat.client.post("/chat", json={"text": "ประชุมที่สงขลา " + " " * 4000})
    assert response.status_code == 200


def deep(levels: int) -> str:
    return '{"destination": "U0", "events": [], "x": ' + "[" * levels + "]" * levels + "}"


def test_a_signed_body_nested_a_thousand_levels_deep_is_400(chat: Chat) -> None:
    body = deep(1000)
    response = chat.post(body, sign(body, SECRET))
    assert response.status_code == 400 and response.json() == {"error": "body nests deeper than 32 levels"}


@pytest.mark.parametrize("field", ["webhookEventId", "userId", "text"])
def test_lone_surrogates_in_a_signed_body_are_400_and_nothing_is_handled(chat: Chat, field: str) -> None:
    event = text_event("ประชุมที่สงขลา", reply_token="surrogate-token")
    if field == "userId":
        event["source"]["userId"] = "U\ud800"
    elif field == "text":
        event["message"]["text"] = "ประชุม\udfff"
    else:
        event[field] = "\ud800"
    body = json.dumps({"destination": "U" + "0" * 32, "events": [event]})  # escapes the surrogate as \ud800
    response = chat.post(body, sign(body, SECRET))
    assert response.status_code == 400
    assert response.json() == {"error": "body holds lone UTF-16 surrogates, which are not text"}
    assert chat.line.replies_to("surrogate-token") == []


def test_real_webhook_bodies_pass_the_checks() -> None:
    """A surrogate pair (an emoji escaped as JSON does) is text; ordinary nesting is fine."""
    event = text_event("ประชุม 😀")
    assert webhook_problem(json.dumps({"destination": "U0", "events": [event]})) is None
    assert webhook_problem(deep(30)) is None
    assert webhook_problem("not json") is None
