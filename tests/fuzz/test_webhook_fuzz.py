"""/callback under generated LINE bodies, signed and unsigned: never a 5xx, never a traceback in the log."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.bot.conftest import Chat
from tests.fuzz.conftest import FUZZ, sign_bytes, tracebacks
from tests.fuzz.line_webhook import callback_bodies, require_spec

EXAMPLES = 300


@pytest.fixture(autouse=True)
def needs_spec() -> None:
    require_spec()


def as_json(body: dict[str, Any], *, ascii_only: bool) -> str:
    """LINE sends UTF-8; escaping everything is how a lone surrogate can be sent at all."""
    return json.dumps(body, ensure_ascii=ascii_only)


def post(chat: Chat, data: bytes, signature: str | bytes | None) -> int:
    headers: dict[str, str | bytes] = {"content-type": "application/json"}
    if signature is not None:
        headers["x-line-signature"] = signature
    response = chat.client.post("/callback", content=data, headers=headers)
    chat.client.app.state.inbox.join()  # type: ignore[attr-defined]
    return response.status_code


def test_signed_bodies_from_lines_schema(chat: Chat, caplog: pytest.LogCaptureFixture) -> None:
    """Every event type LINE documents, with odd values, correctly signed: handled or refused with a 4xx."""
    statuses: list[int] = []

    @given(body=callback_bodies(), ascii_only=st.booleans())
    @settings(FUZZ, max_examples=EXAMPLES)
    def check(body: dict[str, Any], ascii_only: bool) -> None:
        text = as_json(body, ascii_only=ascii_only)
        data = text.encode("utf-8", errors="surrogatepass")  # a raw surrogate makes it invalid UTF-8
        status = post(chat, data, sign_bytes(data))
        statuses.append(status)
        assert status < 500, text[:500]
        assert tracebacks(caplog) == [], text[:500]

    check()
    assert 200 in statuses and 400 in statuses  # both kinds were exercised


def test_unsigned_and_wrongly_signed_bodies_are_400(chat: Chat, caplog: pytest.LogCaptureFixture) -> None:
    @given(body=callback_bodies(), signature=st.none() | st.text(max_size=60) | st.just("c2lnbmF0dXJl"))
    @settings(FUZZ, max_examples=EXAMPLES // 2)
    def check(body: dict[str, Any], signature: str | None) -> None:
        text = as_json(body, ascii_only=True)
        header = signature.encode("utf-8", "surrogatepass") if signature is not None else None
        status = post(chat, text.encode(), header)
        assert status == 400, text[:500]
        assert tracebacks(caplog) == []

    check()
    assert chat.line.all_replies() == []
