"""The local chat page answers through the same dispatcher as LINE."""

from __future__ import annotations

from fastapi.testclient import TestClient

from bot.app import create_app
from bot.settings import Settings
from tests.conftest import SAMPLES


def test_chat_page_and_answers(sqlite_url: str) -> None:
    """The page is served, a question gets a carousel, and its 'more' postback pages on."""
    from news.extract import extract_meetings
    from store.articles import add_article
    from store.db import session_scope

    with TestClient(create_app(Settings(database_url=sqlite_url))) as client:
        with session_scope(client.app.state.engine) as session:  # type: ignore[attr-defined]
            for path in sorted(SAMPLES.glob("*.txt")):
                text = path.read_text(encoding="utf-8")
                add_article(session, source=path.name, raw_text=text, records=extract_meetings(text))
        page = client.get("/")
        assert page.status_code == 200 and "ประชุม" in page.text
        [message] = client.post("/chat", json={"text": "ประชุมที่เชียงใหม่"}).json()["messages"]
        assert message["type"] == "flex"
        assert "เชียงใหม่" in message["altText"]
        [polite] = client.post("/chat", json={"text": "ประชุมที่ตราด"}).json()["messages"]
        assert "ไม่พบ" in polite["text"]
        assert client.post("/chat", json={"text": "x" * 6000}).status_code == 422
