"""The local chat page answers through the same dispatcher as LINE."""

from __future__ import annotations

from fastapi.testclient import TestClient

from bot.app import create_app
from bot.settings import Settings
from tests import helpers
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
        assert helpers.said(polite).startswith("ขออภัยครับ ไม่พบการประชุม")
        assert client.post("/chat", json={"text": "x" * 6000}).status_code == 422


def said(client: TestClient, text: str = "", postback: str | None = None) -> str:
    body = {"text": text, "postback": postback} if postback else {"text": text}
    answer = client.post("/chat", json=body)
    assert answer.status_code == 200, answer.text
    return "\n".join(m.get("text") or m.get("altText", "") for m in answer.json()["messages"])


def test_each_browser_is_a_chat_of_its_own_that_can_follow(sqlite_url: str) -> None:
    """A cookie names the browser's chat: follows stick to it, another browser has its own."""
    from sqlmodel import select

    from store.db import session_scope
    from store.digests import waiting_pages
    from store.models import Subscriber

    app = create_app(Settings(database_url=sqlite_url))
    with TestClient(app) as browser, TestClient(app) as other:
        browser.get("/")
        cookie = browser.cookies["prachum_chat"]
        assert len(cookie) == 32
        assert said(browser, "ติดตาม เชียงใหม่").startswith("ติดตามจังหวัดเชียงใหม่แล้วครับ")
        assert said(browser, "การติดตามของฉัน") == "ตอนนี้คุณติดตาม:\n• จังหวัดเชียงใหม่"
        assert browser.cookies["prachum_chat"] == cookie
        assert said(other, "การติดตามของฉัน").startswith("ตอนนี้ไม่ได้ติดตามอะไร")
        assert other.cookies["prachum_chat"] != cookie
        assert said(browser, postback="action=unfollow&q=จังหวัดเชียงใหม่").startswith("เลิกติดตามทั้งหมดแล้วครับ")
        said(browser, "ติดตาม สัมมนา")
        with session_scope(browser.app.state.engine) as session:  # type: ignore[attr-defined]
            [subscriber] = session.exec(select(Subscriber)).all()
            assert (subscriber.line_id, subscriber.chat_type) == (f"web-{cookie}", "web")
            [waiting] = [w for page in waiting_pages(session, None) for w in page]  # its digest: to its inbox
            assert (waiting.id, waiting.chat_type) == (subscriber.id, "web")


def test_a_forged_cookie_gets_a_fresh_chat(sqlite_url: str) -> None:
    with TestClient(create_app(Settings(database_url=sqlite_url))) as browser:
        forged = "prachum_chat=U" + "1" * 32
        answer = browser.post("/chat", json={"text": "ติดตาม"}, headers={"cookie": forged})
        assert answer.status_code == 200
        fresh = answer.cookies["prachum_chat"]
        assert len(fresh) == 32 and fresh != "U" + "1" * 32
        kept = browser.post("/chat", json={"text": "ติดตาม"}, headers={"cookie": f"prachum_chat={fresh}"})
        assert "prachum_chat" not in kept.cookies


def test_the_page_starts_with_the_welcome_and_the_menu_and_sends_nothing(sqlite_url: str) -> None:
    with TestClient(create_app(Settings(database_url=sqlite_url))) as browser:
        page = browser.get("/").text
        assert 'send("สวัสดี")' not in page and '<link rel="icon" href="/favicon.svg"' in page
        start = browser.get("/chat/start").json()
        [welcome] = start["messages"]
        assert helpers.said(welcome).startswith("สวัสดีครับ ขอบคุณที่เพิ่มเพื่อน")
        assert [item["label"] for item in start["menu"]] == [
            "ค้นหาประชุม", "ประชุมล่าสุด", "ที่จะถึง", "ติดตาม", "ปฏิทินของฉัน", "วิธีใช้"
        ]  # fmt: skip
        assert start["menu"][0]["action"] == {
            "type": "postback", "label": "ค้นหาประชุม", "data": "action=search", "displayText": "ค้นหาประชุม"
        }  # fmt: skip
        assert said(browser, postback="action=search").startswith("พิมพ์สิ่งที่อยากค้นได้เลยครับ")
        icon = browser.get("/favicon.svg")
        assert icon.headers["content-type"] == "image/svg+xml" and icon.text.startswith("<svg")
        moved = browser.get("/favicon.ico", follow_redirects=False)
        assert (moved.status_code, moved.headers["location"]) == (301, "/favicon.svg")
