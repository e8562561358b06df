"""The bot end to end: a signed webhook in, the real SDK client out to a fake LINE API."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi.testclient import TestClient

from bot.app import create_app
from bot.inbox import wait_until_answered
from bot.settings import Settings
from news.extract import extract_meetings
from store.articles import add_article
from store.db import session_scope
from tests.conftest import SAMPLES
from tests.fakes.line_server import FakeLine, running_fake_line
from tests.helpers import body_of, sign, text_event

SECRET = "s" * 32
TOKEN = "access-token-" + "x" * 20


@dataclass
class Chat:
    client: TestClient
    line: FakeLine

    def post(self, body: str, signature: str | None = None) -> Any:
        headers = {"content-type": "application/json"}
        headers["x-line-signature"] = signature if signature is not None else sign(body, SECRET)
        response = self.client.post("/callback", content=body.encode("utf-8"), headers=headers)
        wait_until_answered(self.client.app.state.engine)  # type: ignore[attr-defined]  # answered after the 200
        return response

    def send(self, event: dict[str, Any]) -> list[dict[str, Any]]:
        response = self.post(body_of(event))
        assert response.status_code == 200, response.text
        return [m for body in self.line.replies_to(event.get("replyToken", "")) for m in body["messages"]]

    def say(self, text: str, **options: Any) -> list[dict[str, Any]]:
        return self.send(text_event(text, **options))


@contextmanager
def running_chat(sqlite_url: str, **settings: Any) -> Iterator[Chat]:
    """The app with LINE credentials, the sample articles stored, and a fake LINE API behind it."""
    with running_fake_line(TOKEN) as line:
        config = Settings(
            database_url=sqlite_url,
            line_channel_secret=SECRET,  # type: ignore[arg-type]
            line_channel_access_token=TOKEN,  # type: ignore[arg-type]
            line_api_host=line.base_url,
            digest_enabled=False,
            **{"event_worker": "thread", **settings},
        )
        with TestClient(create_app(config)) as client:
            engine = client.app.state.engine  # type: ignore[attr-defined]
            with session_scope(engine) as session:
                for path in sorted(SAMPLES.glob("*.txt")):
                    text = path.read_text(encoding="utf-8")
                    add_article(session, source=path.name, raw_text=text, records=extract_meetings(text))
            yield Chat(client, line)
        assert line.problems == []


@pytest.fixture
def chat(sqlite_url: str) -> Iterator[Chat]:
    with running_chat(sqlite_url) as chat:
        yield chat
