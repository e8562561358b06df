"""Admins add and fix the meeting table: by chat, by API, by URL; nobody else changes anything."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import func, select

from bot.app import create_app
from bot.settings import Settings
from bot.sources import poll_sources
from handlers.admin import REFUSAL
from store.db import session_scope
from store.models import Article, Source
from tests.bot.conftest import Chat, running_chat
from tests.fakes.genre import article_page, article_text, rfc822, rss
from tests.fakes.news_site import Route, Site, serving_site
from tests.fakes.web import serving
from tests.helpers import USER

ADMIN_TOKEN = "admin-" + "t" * 30
ARTICLE = """สพม.ตรัง กระบี่ จัดประชุมเชิงปฏิบัติการพัฒนาครูแกนนำวิทยาการคำนวณ

วันที่ 5 มิถุนายน 2567 เวลา 09.00 น. ณ ห้องประชุมอันดามัน โรงแรมธรรมรินทร์ธนา อำเภอเมืองตรัง จังหวัดตรัง
นายวิชัย ทองดี ผู้อำนวยการสำนักงานเขตพื้นที่การศึกษามัธยมศึกษาตรัง กระบี่ เป็นประธานเปิดการประชุมเชิงปฏิบัติการ
พัฒนาครูแกนนำวิทยาการคำนวณ มีครูเข้าร่วม 80 คน
"""
NOT_A_MEETING = "โรงเรียนบ้านนาได้รับรางวัลโรงเรียนปลอดขยะระดับประเทศ ประจำปี 2567 ครูและนักเรียนร่วมแสดงความยินดี"


def html_page(text: str) -> bytes:
    head, _, body = text.partition("\n")
    paragraphs = "".join(f"<p>{line}</p>" for line in body.splitlines() if line.strip())
    page = f"<!doctype html><html><head><title>{head}</title></head><body><nav>หน้าแรก | ข่าว | ติดต่อ</nav>"
    page += f"<article><h1>{head}</h1>{paragraphs}</article><footer>แชร์ Facebook Line</footer></body></html>"
    return page.encode("utf-8")


def texts(messages: list[dict[str, Any]]) -> str:
    return "\n".join(m.get("text") or m.get("altText", "") for m in messages)


@pytest.fixture
def admin_chat(sqlite_url: str) -> Iterator[Chat]:
    with running_chat(sqlite_url, admin_user_ids=frozenset({USER}), allow_private_urls=True) as chat:
        yield chat


def article_count(chat: Chat) -> int:
    with session_scope(chat.client.app.state.engine) as session:  # type: ignore[attr-defined]
        return int(session.exec(select(func.count()).select_from(Article)).one())


def test_admin_adds_pasted_text_and_sees_the_card(admin_chat: Chat) -> None:
    reply = admin_chat.say("/add " + ARTICLE)
    assert "เพิ่มข่าวแล้ว พบการประชุม 1 รายการ" in texts(reply)
    assert reply[0]["type"] == "flex"
    assert "ข่าวนี้มีอยู่แล้ว" in texts(admin_chat.say("เพิ่มข่าว " + ARTICLE))


def test_admin_adds_by_url(admin_chat: Chat) -> None:
    with serving(
        {"/news/1": (200, {"content-type": "text/html; charset=utf-8"}, html_page(ARTICLE))}
    ) as base:
        reply = admin_chat.say(f"เพิ่มข่าว {base}/news/1")
    assert "พบการประชุม 1 รายการ" in texts(reply)
    found = texts(admin_chat.say("ประชุมที่ตรัง"))
    assert "วิทยาการคำนวณ" in found


def test_article_without_a_meeting_is_stored_and_said_so(admin_chat: Chat) -> None:
    before = article_count(admin_chat)
    assert "ไม่พบการประชุม" in texts(admin_chat.say("/add " + NOT_A_MEETING))
    assert article_count(admin_chat) == before + 1


def test_delete_and_stats(admin_chat: Chat) -> None:
    added = texts(admin_chat.say("/add " + ARTICLE))
    meeting_id = added.split("#")[1].split(")")[0]
    assert "ลบการประชุม" in texts(admin_chat.say(f"/del {meeting_id}"))
    assert "วิทยาการคำนวณ" not in texts(admin_chat.say("ประชุมที่ตรัง"))
    assert "ไม่พบการประชุมรหัส" in texts(admin_chat.say(f"/del {meeting_id}"))
    assert "ไม่พบการประชุมรหัส" in texts(admin_chat.say("/del ๙๙๙๙๙๙๙๙๙๙๙๙๙๙๙๙๙๙๙๙๙"))
    assert "วิธีใช้" in texts(admin_chat.say("/del ประชุมนั้น"))
    stats = texts(admin_chat.say("/stats"))
    assert "ข่าว 6 รายการ" in stats and "ยังไม่เคยส่งสรุป" in stats


def test_others_are_refused_and_nothing_changes(chat: Chat) -> None:
    before = article_count(chat)
    for command in ("/add " + ARTICLE, "เพิ่มข่าว " + ARTICLE, "/del 1", "/stats"):
        assert "สำหรับผู้ดูแลระบบเท่านั้น" in texts(chat.say(command))
    assert article_count(chat) == before


@pytest.fixture
def api(sqlite_url: str) -> Iterator[TestClient]:
    settings = Settings(database_url=sqlite_url, admin_token=ADMIN_TOKEN, allow_private_urls=True)  # type: ignore[arg-type]
    with TestClient(create_app(settings), headers={"authorization": f"Bearer {ADMIN_TOKEN}"}) as client:
        yield client


def test_admin_api_is_off_without_a_token(sqlite_url: str) -> None:
    with TestClient(create_app(Settings(database_url=sqlite_url))) as client:
        response = client.get("/admin/meetings", headers={"authorization": "Bearer x"})
    assert response.status_code == 404 and "ADMIN_TOKEN" in response.json()["detail"]


@pytest.mark.parametrize("header", [None, "Bearer wrong", f"Basic {ADMIN_TOKEN}", "Bearer"])
def test_admin_api_wants_the_token(api: TestClient, header: str | None) -> None:
    headers = {"authorization": header} if header else {"authorization": ""}
    response = api.get("/admin/meetings", headers=headers)
    assert response.status_code == 401 and response.headers["www-authenticate"] == "Bearer"
    assert api.post("/admin/articles", json={"text": ARTICLE}, headers=headers).status_code == 401
    assert api.get("/admin/meetings").json()["total"] == 0


def test_api_add_correct_delete(api: TestClient) -> None:
    added = api.post("/admin/articles", json={"text": ARTICLE, "source": "trang.txt"})
    assert added.status_code == 201
    meeting = added.json()["meetings"][0]
    assert meeting["province"] == "ตรัง" and meeting["attendees"] == 80
    again = api.post("/admin/articles", json={"text": ARTICLE, "source": "other-name.txt"})
    assert again.status_code == 200 and again.json()["status"] == "known"

    fixed = api.patch(f"/admin/meetings/{meeting['id']}", json={"attendees": 85, "venue": "ห้องประชุมอันดามัน"})
    assert fixed.status_code == 200 and fixed.json()["attendees"] == 85
    updated = api.post("/admin/articles", json={"text": ARTICLE + "\nแก้ไขข่าว", "source": "trang.txt"})
    assert updated.json()["status"] == "updated"
    assert updated.json()["meetings"][0]["attendees"] == 85  # the correction outlives re-extraction

    listed = api.get("/admin/meetings", params={"q": "ประชุมที่ตรัง"}).json()
    assert [m["title"] for m in listed["meetings"]] == [meeting["title"]]
    new_id = updated.json()["meetings"][0]["id"]
    assert api.delete(f"/admin/meetings/{new_id}").status_code == 204
    assert api.get("/admin/meetings", params={"q": "ประชุมที่ตรัง"}).json()["total"] == 0
    assert api.delete(f"/admin/meetings/{new_id}").status_code == 404
    readded = api.post("/admin/articles", json={"text": ARTICLE + "\nแก้อีกครั้ง", "source": "trang.txt"})
    assert readded.json()["meetings"] == []  # deleted stays deleted


@pytest.mark.parametrize(
    "patch",
    [
        {"province": "แอตแลนติส"},
        {"time": "25:00"},
        {"kind": "party"},
        {"kind": None},
        {"attendees": -1},
        {"title": None},
        {"title": "ประชุม\x00"},
        {"x": 1},
    ],
)
def test_api_refuses_bad_corrections(api: TestClient, patch: dict[str, Any]) -> None:
    meeting = api.post("/admin/articles", json={"text": ARTICLE}).json()["meetings"][0]
    assert api.patch(f"/admin/meetings/{meeting['id']}", json=patch).status_code == 422
    assert api.patch("/admin/meetings/99999", json={"attendees": 1}).status_code == 404


def test_api_refuses_end_before_start(api: TestClient) -> None:
    meeting = api.post("/admin/articles", json={"text": ARTICLE}).json()["meetings"][0]
    response = api.patch(f"/admin/meetings/{meeting['id']}", json={"end_date": "2020-01-01"})
    assert response.status_code == 422 and "before" in response.json()["detail"]


@pytest.mark.parametrize(
    "body", [{}, {"text": ""}, {"text": "x", "url": "https://example.com/a"}, {"url": "ftp://example.com/a"}]
)
def test_api_refuses_bad_articles(api: TestClient, body: dict[str, Any]) -> None:
    assert api.post("/admin/articles", json=body).status_code == 422


def test_api_refuses_binary_junk(api: TestClient) -> None:
    response = api.post("/admin/articles", json={"text": "\x01\x02\x03\x04" * 50})
    assert response.status_code == 422 and "binary" in response.json()["detail"]


PAGES = {
    "/ok": (200, {"content-type": "text/html; charset=utf-8"}, html_page(ARTICLE)),
    "/image": (200, {"content-type": "image/png"}, b"\x89PNG" + b"\x00" * 100),
    "/huge": (200, {"content-type": "text/html"}, b"<p>" + "ก".encode() * (1024 * 1024) + b"</p>"),
    "/missing": (404, {"content-type": "text/html"}, b"gone"),
    "/loop": (302, {"location": "/loop"}, b""),
    "/moved": (301, {"location": "/ok"}, b""),
}


@pytest.mark.parametrize(
    ("path", "reason"),
    [("/image", "image/png"), ("/huge", "2 MB"), ("/missing", "404"), ("/loop", "redirects")],
)
def test_urls_that_are_not_articles_are_refused_with_the_reason(
    api: TestClient, path: str, reason: str
) -> None:
    with serving(PAGES) as base:
        response = api.post("/admin/articles", json={"url": base + path})
    assert response.status_code == 422 and reason in response.json()["detail"]


def test_url_after_a_redirect_is_fetched(api: TestClient) -> None:
    with serving(PAGES) as base:
        response = api.post("/admin/articles", json={"url": base + "/moved"})
    assert response.status_code == 201 and response.json()["meetings"][0]["province"] == "ตรัง"


def test_private_addresses_are_refused_unless_allowed(sqlite_url: str) -> None:
    """An admin URL cannot reach inside the server's network (loopback, private, link-local)."""
    settings = Settings(database_url=sqlite_url, admin_token=ADMIN_TOKEN)  # type: ignore[arg-type]
    headers = {"authorization": f"Bearer {ADMIN_TOKEN}"}
    with serving(PAGES) as base, TestClient(create_app(settings), headers=headers) as client:
        for url in (
            base + "/ok",
            "http://10.0.0.1/x",
            "http://169.254.169.254/latest/meta-data",
            "http://[::1]/",
        ):
            response = client.post("/admin/articles", json={"url": url})
            assert response.status_code == 422 and "private or local" in response.json()["detail"], url


def test_cli_adds_urls_and_reports_each(tmp_path: Path) -> None:
    from tests.bot.test_cli import run

    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}", "ALLOW_PRIVATE_URLS": "true"}
    with serving(PAGES) as base:
        result = run("add", base + "/ok", base + "/image", env=env)
    assert result.returncode == 1
    assert "added 1" in result.stdout and "image/png" in result.stderr


def test_article_text_and_overview_for_the_console(api: TestClient) -> None:
    meeting = api.post("/admin/articles", json={"text": ARTICLE}).json()["meetings"][0]
    article = api.get(f"/admin/articles/{meeting['article_id']}").json()
    assert "ห้องประชุมอันดามัน" in article["text"] and article["meetings"][0]["id"] == meeting["id"]
    assert api.get("/admin/articles/99999").status_code == 404
    overview = api.get("/admin/overview").json()
    assert overview == {"subscribers": [], "active_subscribers": 0, "digests": []}


def test_console_pages_are_served_without_data(sqlite_url: str) -> None:
    """/admin is only a page: everything on it comes from the token-guarded API."""
    with TestClient(create_app(Settings(database_url=sqlite_url))) as client:
        page = client.get("/admin")
    assert page.status_code == 200 and "ADMIN_TOKEN" in page.text and "ลำพูน" not in page.text


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [("POST", "/admin/articles", '{"text": "\\ud800 ประชุม"}'), ("POST", "/chat", '{"text": "\\udfff"}')],
)
def test_lone_surrogates_get_422_not_500(api: TestClient, method: str, path: str, body: str) -> None:
    """JSON can carry characters no database stores; they are refused with the reason, not echoed."""
    response = api.request(method, path, content=body, headers={"content-type": "application/json"})
    assert response.status_code == 422 and response.json()["detail"][0]["loc"] == ["body", "text"]


def test_validation_errors_do_not_echo_a_megabyte_back(api: TestClient) -> None:
    response = api.post("/admin/articles", json={"text": "ก" * 1_000_001})
    assert response.status_code == 422 and len(response.content) < 1000


def test_clearing_the_summary_leaves_it_empty(api: TestClient) -> None:
    meeting = api.post("/admin/articles", json={"text": ARTICLE}).json()["meetings"][0]
    response = api.patch(f"/admin/meetings/{meeting['id']}", json={"summary": None, "chair": None})
    assert (
        response.status_code == 200 and response.json()["summary"] == "" and response.json()["chair"] is None
    )


def test_review_list_holds_unsure_meetings_until_an_admin_fixes_them(sqlite_url: str) -> None:
    """With REVIEW_BELOW at 1.0 every meeting read with any doubt is listed, least sure first; a field an
    admin corrects counts as sure, and a meeting whose every field is sure leaves the list."""
    settings = Settings(database_url=sqlite_url, admin_token=ADMIN_TOKEN, review_below=1.0)  # type: ignore[arg-type]
    with TestClient(create_app(settings), headers={"authorization": f"Bearer {ADMIN_TOKEN}"}) as api:
        meeting = api.post("/admin/articles", json={"text": ARTICLE, "source": "trang.txt"}).json()[
            "meetings"
        ][0]
        page = api.get("/admin/meetings", params={"review": "true"}).json()
        assert (page["total"], page["review_below"]) == (1, 1.0)
        listed = page["meetings"][0]
        assert listed["least_confidence"] == min(listed["confidence"].values()) < 1.0
        shown = api.get(f"/admin/articles/{listed['article_id']}").json()[
            "text"
        ]  # what the console highlights
        assert shown[listed["evidence"]["date"][0] : listed["evidence"]["date"][1]] == "5 มิถุนายน 2567"
        assert shown[listed["evidence"]["chair"][0] : listed["evidence"]["chair"][1]] == "นายวิชัย ทองดี"

        unsure = [name for name, sure in listed["confidence"].items() if sure < 1.0]
        columns = {"date": "start_date", "chair": "chair", "title": "title"}
        patch = {columns.get(name, name): listed[columns.get(name, name)] for name in unsure}
        fixed = api.patch(f"/admin/meetings/{meeting['id']}", json=patch).json()
        assert all(fixed["confidence"][name] == 1.0 for name in unsure)
        assert api.get("/admin/meetings", params={"review": "true"}).json()["total"] == 0


def test_admin_follows_lists_and_drops_a_source_in_chat(admin_chat: Chat) -> None:
    """/source add, list and remove; a stranger is refused and nothing changes."""
    added = texts(admin_chat.say("/source add HTTPS://News.Example.go.th/rss?utm_medium=line สพป.ตัวอย่าง"))
    assert added == "เพิ่มแหล่งข่าวแล้ว (รหัส 1) https://news.example.go.th/rss\nระบบจะตรวจข่าวใหม่ให้โดยอัตโนมัติครับ"
    assert texts(admin_chat.say("/source add https://news.example.go.th/rss")).startswith(
        "ติดตามแหล่งข่าวนี้อยู่แล้ว (รหัส 1)"
    )
    listed = texts(admin_chat.say("แหล่งข่าว list"))
    assert listed == "แหล่งข่าว 1 แห่ง\n#1 สพป.ตัวอย่าง: ปกติ, ตรวจล่าสุด ยังไม่ได้ตรวจ, ข่าว 0 การประชุม 0"
    assert "กรุณาระบุลิงก์" in texts(admin_chat.say("/source add news.example.go.th"))
    assert texts(admin_chat.say("/source remove 9")) == "ไม่พบแหล่งข่าวรหัส 9"
    assert texts(admin_chat.say("/source remove #๑")) == "เลิกติดตามแหล่งข่าว #1 แล้วครับ ข่าวที่เก็บไว้ยังอยู่ครบ"
    assert texts(admin_chat.say("/source list")) == "ยังไม่มีแหล่งข่าว เพิ่มได้ด้วย /source add ลิงก์"


def test_source_command_is_refused_to_others(chat: Chat) -> None:
    assert texts(chat.say("/source add https://news.example.go.th/rss")) == REFUSAL
    with session_scope(chat.client.app.state.engine) as session:  # type: ignore[attr-defined]
        assert session.exec(select(func.count()).select_from(Source)).one() == 0


def test_api_follows_checks_and_drops_a_source(sqlite_url: str) -> None:
    """The token first; then follow, check now (the articles are stored), list with counts, remove."""
    settings = Settings(database_url=sqlite_url, admin_token=ADMIN_TOKEN, allow_private_urls=True,  # type: ignore[arg-type]
                        source_host_pause=0)  # fmt: skip
    with serving_site(Site()) as site, TestClient(create_app(settings)) as client:
        site.routes["/news/3001"] = Route(article_page("ข่าว", article_text(3)))
        site.routes["/rss"] = Route(rss("ข่าว", [(site.base + "/news/3001", "ข่าว", rfc822(1))]), "text/xml")
        auth = {"authorization": f"Bearer {ADMIN_TOKEN}"}
        assert client.post("/admin/sources", json={"url": site.base + "/rss"}).status_code == 401
        assert client.get("/admin/sources").status_code == 401
        refused = client.post("/admin/sources", json={"url": "http://exa mple/"}, headers=auth)
        assert refused.status_code == 422
        added = client.post(
            "/admin/sources", json={"url": site.base + "/rss#top", "name": "ศธจ."}, headers=auth
        )
        assert added.status_code == 201 and added.json()["url"] == site.base + "/rss"
        assert (
            client.post("/admin/sources", json={"url": site.base + "/rss"}, headers=auth).status_code == 200
        )
        source_id = added.json()["id"]
        report = client.post(f"/admin/sources/{source_id}/check", headers=auth).json()
        assert (report["added"], report["requests"]) == (1, 2)
        listed = client.get("/admin/sources", headers=auth).json()
        assert [
            (s["id"], s["name"], s["kind"], s["healthy"], s["articles"], s["meetings"]) for s in listed
        ] == [(source_id, "ศธจ.", "feed", True, 1, 1)]
        assert client.delete(f"/admin/sources/{source_id}", headers=auth).status_code == 204
        assert client.delete(f"/admin/sources/{source_id}", headers=auth).status_code == 404
        assert client.post(f"/admin/sources/{source_id}/check", headers=auth).status_code == 404
        assert client.get("/admin/meetings", headers=auth).json()["total"] == 1


def test_a_search_starting_with_the_word_source_is_a_search(chat: Chat) -> None:
    """ "แหล่งข่าว…" is the admin command only in its own forms; anything else is searched as asked."""
    for search in ("แหล่งข่าวการศึกษา", "แหล่งข่าว การศึกษา"):
        answer = texts(chat.say(search))
        assert answer.startswith("พบการประชุม (“การศึกษา”) 3 รายการ")
        assert "แผนพัฒนาการศึกษาจังหวัดนครราชสีมา" in answer and REFUSAL not in answer
    assert texts(chat.say("แหล่งข่าว")) == REFUSAL
    assert texts(chat.say("แหล่งข่าวเพิ่ม https://news.example.go.th/rss")) == REFUSAL


def test_stats_show_articles_and_meetings_per_source(admin_chat: Chat) -> None:
    """After a poll, /stats says what each source brought: its articles and the meetings found in them."""
    engine = admin_chat.client.app.state.engine  # type: ignore[attr-defined]
    with serving_site(Site()) as site:
        for n in (1, 2):
            site.routes[f"/news/{4000 + n}"] = Route(article_page(f"ข่าว {n}", article_text(n)))
        site.routes["/news/4003"] = Route(html_page("รางวัล\n" + NOT_A_MEETING))
        items = [(site.base + f"/news/{4000 + n}", f"ข่าว {n}", rfc822(n)) for n in (1, 2)]
        site.routes["/area.rss"] = Route(rss("เขต", items), "application/rss+xml")
        site.routes["/school.rss"] = Route(
            rss("โรงเรียน", [(site.base + "/news/4003", "รางวัล", rfc822(3))]), "application/rss+xml"
        )
        admin_chat.say(f"/source add {site.base}/area.rss สพป.ลำปาง เขต 1")
        admin_chat.say(f"แหล่งข่าว เพิ่ม {site.base}/school.rss")
        settings = Settings(database_url=str(engine.url), allow_private_urls=True, source_host_pause=0)  # type: ignore[arg-type]
        assert poll_sources(engine, settings).added == 3
    stats = texts(admin_chat.say("/stats")).splitlines()
    assert stats[3:6] == [
        "แหล่งข่าว 2 แห่ง (ใช้งานไม่ได้ 0 แห่ง): ข่าว 3 รายการ พบการประชุม 2 รายการ",
        "• #1 สพป.ลำปาง เขต 1: ข่าว 2 การประชุม 2",
        f"• #2 {site.base}/school.rss: ข่าว 1 การประชุม 0",
    ]
