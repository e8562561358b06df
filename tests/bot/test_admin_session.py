"""Admin routes and the chat page take their database session from one dependency, `get_session`."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import HTTPException
from fastapi.testclient import TestClient
from sqlmodel import Session

from bot.app import create_app
from bot.sessions import get_session
from bot.settings import Settings
from news.extract import extract_meetings
from store.articles import add_article
from store.db import make_engine, session_scope
from store.migrate import upgrade
from tests.conftest import SAMPLES

ADMIN_TOKEN = "admin-" + "s" * 30
# One request per route that needs the database; the test fails when a route is added without one.
REQUESTS = {
    ("POST", "/admin/articles"): {"json": {"text": "ประชุมที่ตรัง 5 มิ.ย. 2567"}},
    ("GET", "/admin/meetings"): {},
    ("PATCH", "/admin/meetings/{meeting_id}"): {"json": {"title": "ประชุม"}},
    ("DELETE", "/admin/meetings/{meeting_id}"): {},
    ("GET", "/admin/articles/{article_id}"): {},
    ("GET", "/admin/overview"): {},
    ("GET", "/admin/sources"): {},
    ("POST", "/admin/sources"): {"json": {"url": "https://www.example.go.th/rss.xml"}},
    ("DELETE", "/admin/sources/{source_id}"): {},
    ("POST", "/admin/sources/{source_id}/check"): {},
    ("POST", "/chat"): {"json": {"text": "ประชุมที่ตรัง"}},
}


@pytest.fixture
def client(sqlite_url: str) -> Iterator[TestClient]:
    settings = Settings(database_url=sqlite_url, admin_token=ADMIN_TOKEN, digest_enabled=False)
    with TestClient(create_app(settings), headers={"authorization": f"Bearer {ADMIN_TOKEN}"}) as client:
        yield client


def test_every_route_that_reads_the_database_takes_the_dependency(client: TestClient) -> None:
    """With `get_session` overridden by a database that is down, every such route answers its 503."""

    def down() -> Iterator[Session]:
        raise HTTPException(503, "the test's database is down")
        yield  # a generator, as get_session is

    client.app.dependency_overrides[get_session] = down  # type: ignore[attr-defined]
    routes = {
        (method.upper(), path)
        for path, operations in client.app.openapi()["paths"].items()  # type: ignore[attr-defined]
        if path.startswith("/admin/") or path == "/chat"
        for method in operations
    }
    assert routes == set(REQUESTS)
    for (method, path), options in REQUESTS.items():
        url = path.replace("{meeting_id}", "1").replace("{article_id}", "1").replace("{source_id}", "1")
        response = client.request(method, url, **options)  # type: ignore[arg-type]
        assert (response.status_code, response.json()) == (503, {"detail": "the test's database is down"}), (
            method,
            path,
        )


def test_an_override_serves_the_admin_api_from_another_database(client: TestClient, tmp_path: Path) -> None:
    """Tests can point the routes at a database of their own; the app's own database is not read."""
    other = make_engine(f"sqlite:///{tmp_path}/other.db")
    upgrade(other)
    text = (SAMPLES / "02_korat_workshop.txt").read_text(encoding="utf-8")
    with session_scope(other) as session:
        add_article(session, source="other.txt", raw_text=text, records=extract_meetings(text))

    def other_session() -> Iterator[Session]:
        with session_scope(other) as session:
            yield session

    assert client.get("/admin/meetings").json()["total"] == 0
    client.app.dependency_overrides[get_session] = other_session  # type: ignore[attr-defined]
    page = client.get("/admin/meetings").json()
    assert page["total"] == 1 and page["meetings"][0]["source"] == "other.txt"
    other.dispose()


def test_a_write_is_committed_before_the_answer_and_a_refused_one_is_rolled_back(client: TestClient) -> None:
    added = client.post("/admin/articles", json={"text": (SAMPLES / "02_korat_workshop.txt").read_text()})
    assert added.status_code == 201
    meeting = added.json()["meetings"][0]["id"]
    assert client.get("/admin/meetings").json()["total"] == 1  # the next request sees it
    refused = client.patch(
        f"/admin/meetings/{meeting}", json={"start_date": "2030-01-02", "end_date": "2030-01-01"}
    )
    assert refused.status_code == 422
    after = client.get(f"/admin/articles/{added.json()['article_id']}").json()["meetings"][0]
    assert after["start_date"] != "2030-01-02"
