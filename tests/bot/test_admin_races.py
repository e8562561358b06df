"""Admin writes are atomic: racing corrections and deletions lose nothing; the token is checked first."""

from __future__ import annotations

import random
import threading
from collections import defaultdict
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from typing import Any

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlmodel import col, select

from bot.admin_api import router as admin_router
from bot.app import create_app
from bot.settings import Settings
from news.clean import fold
from store.articles import search_text
from store.db import session_scope
from store.meetings import MeetingFilter, find_meetings
from store.models import Meeting
from tests.bot.test_admin import ADMIN_TOKEN, ARTICLE

MEETINGS = 6
OPERATIONS = 200
FIELDS = ("title", "venue", "chair", "organizer", "attendees", "summary", "time", "start_date")


@pytest.fixture
def api(database_url: str) -> Iterator[TestClient]:
    settings = Settings(database_url=database_url, admin_token=ADMIN_TOKEN, digest_enabled=False)  # type: ignore[arg-type]
    with TestClient(create_app(settings), headers={"authorization": f"Bearer {ADMIN_TOKEN}"}) as client:
        yield client


def article(number: int, extra: str = "") -> str:
    return ARTICLE.replace("วิทยาการคำนวณ", f"วิทยาการคำนวณ รุ่นที่ {number}") + extra


def add_articles(api: TestClient) -> list[int]:
    ids = []
    for number in range(MEETINGS):
        response = api.post("/admin/articles", json={"text": article(number), "source": f"race-{number}"})
        assert response.status_code == 201, response.text
        [meeting] = response.json()["meetings"]
        ids.append(meeting["id"])
    return ids


def value_for(field: str, op: int) -> Any:
    """A value no other operation writes, so the survivor names the operation that wrote it."""
    if field == "attendees":
        return 1000 + op
    if field == "time":
        return f"{op % 24:02d}:{op % 60:02d}"
    if field == "start_date":
        return date(2025, 1, 1).fromordinal(date(2025, 1, 1).toordinal() + op).isoformat()
    return f"แก้ไขครั้งที่{op:04d}{field}"


def stored(api: TestClient) -> list[Meeting]:
    with session_scope(api.app.state.engine) as session:  # type: ignore[attr-defined]
        return list(session.exec(select(Meeting).order_by(col(Meeting.id))))


def test_racing_corrections_and_deletions_leave_columns_corrections_and_index_agreeing(
    api: TestClient,
) -> None:
    """200 concurrent PATCH/DELETE on six meetings: every accepted change is in both column and record."""
    ids = add_articles(api)
    rng = random.Random(16)
    plan: list[tuple[int, str, int, dict[str, Any]]] = []
    for op in range(OPERATIONS):
        meeting_id = rng.choice(ids)
        if rng.random() < 0.06:
            plan.append((op, "DELETE", meeting_id, {}))
        else:
            fields = rng.sample(FIELDS, rng.randint(1, 3))
            plan.append((op, "PATCH", meeting_id, {f: value_for(f, op) for f in fields}))

    def run(step: tuple[int, str, int, dict[str, Any]]) -> int:
        _op, method, meeting_id, body = step
        if method == "DELETE":
            return api.delete(f"/admin/meetings/{meeting_id}").status_code
        return api.patch(f"/admin/meetings/{meeting_id}", json=body).status_code

    with ThreadPoolExecutor(max_workers=16) as pool:
        statuses = list(pool.map(run, plan))

    assert set(statuses) <= {200, 204, 404}, statuses
    accepted: dict[int, dict[str, set[Any]]] = defaultdict(lambda: defaultdict(set))
    deleted_by_api: set[int] = set()
    for (_op, method, meeting_id, body), status in zip(plan, statuses, strict=True):
        if method == "DELETE" and status == 204:
            deleted_by_api.add(meeting_id)
        for field, value in body.items():
            if status == 200:
                accepted[meeting_id][field].add(value)
    assert deleted_by_api, "the plan deletes some meetings"

    rows = {m.id: m for m in stored(api)}
    for meeting_id in ids:
        meeting = rows[meeting_id]
        corrections = meeting.corrections
        assert meeting.deleted == (meeting_id in deleted_by_api) == (corrections.get("deleted") is True)
        for field, values in accepted[meeting_id].items():
            column = getattr(meeting, field)
            column = column.isoformat() if isinstance(column, date) else column
            assert field in corrections, (meeting_id, field)  # a correction was lost
            assert corrections[field] == column and column in values, (meeting_id, field)
        assert meeting.search_text == search_text(meeting)
    index_agrees_with_columns(api, [rows[i] for i in ids])

    # Added again (new text, same source): each meeting keeps its corrections; a deleted one stays deleted.
    for number in range(MEETINGS):
        response = api.post(
            "/admin/articles", json={"text": article(number, "\nข่าวปรับปรุงแล้ว"), "source": f"race-{number}"}
        )
        assert response.status_code == 201 and response.json()["status"] == "updated"
        assert (ids[number] in deleted_by_api) == (response.json()["meetings"] == [])
    again = [m for m in stored(api) if m.id not in ids]
    assert len(again) == MEETINGS
    for before, after in zip((rows[i] for i in ids), again, strict=True):
        assert after.corrections == before.corrections and after.deleted == before.deleted
        assert (after.title, after.venue, after.attendees) == (before.title, before.venue, before.attendees)
    index_agrees_with_columns(api, again)


def index_agrees_with_columns(api: TestClient, meetings: list[Meeting]) -> None:
    """Each live meeting is found by a word of its current title; a deleted one by none."""
    engine = api.app.state.engine  # type: ignore[attr-defined]
    with session_scope(engine) as session:
        if engine.dialect.name == "sqlite":
            # FTS5 compares its index with the meeting table and raises on any difference
            check = "INSERT INTO meeting_search(meeting_search, rank) VALUES ('integrity-check', 1)"
            session.execute(text(check))
        for meeting in meetings:
            term = fold(meeting.title)[-12:]
            query = MeetingFilter(keywords=(term,), order="latest")
            found, _total = find_meetings(session=session, query=query, today=date(2025, 1, 1), limit=200)
            assert (meeting.id in {m.id for m, _ in found}) == (not meeting.deleted), meeting.title


def test_five_concurrent_deletes_give_one_204_and_four_404(api: TestClient) -> None:
    [meeting_id, *_] = add_articles(api)
    start = threading.Barrier(5)

    def delete(_: int) -> int:
        start.wait()
        return api.delete(f"/admin/meetings/{meeting_id}").status_code

    with ThreadPoolExecutor(max_workers=5) as pool:
        statuses = sorted(pool.map(delete, range(5)))
    assert statuses == [204, 404, 404, 404, 404]


def test_a_patch_racing_a_delete_never_undeletes(api: TestClient) -> None:
    """Whatever order they land in, a deleted meeting is deleted in its column and its record."""
    ids = add_articles(api)
    start = threading.Barrier(2 * len(ids))

    def patch(meeting_id: int) -> int:
        start.wait()
        return api.patch(f"/admin/meetings/{meeting_id}", json={"venue": "ห้องประชุมใหม่"}).status_code

    def delete(meeting_id: int) -> int:
        start.wait()
        return api.delete(f"/admin/meetings/{meeting_id}").status_code

    with ThreadPoolExecutor(max_workers=2 * len(ids)) as pool:
        deletes = [pool.submit(delete, i) for i in ids]
        patches = [pool.submit(patch, i) for i in ids]
    assert [d.result() for d in deletes] == [204] * len(ids)
    assert {p.result() for p in patches} <= {200, 404}
    for meeting in stored(api):
        assert meeting.deleted and meeting.corrections.get("deleted") is True


def admin_routes() -> list[tuple[str, str]]:
    return [
        (method, route.path)
        for route in admin_router.routes
        if isinstance(route, APIRoute)
        for method in sorted(route.methods)
    ]


@pytest.mark.parametrize(("method", "path"), admin_routes())
def test_every_admin_route_checks_the_token_before_reading_the_request(
    sqlite_url: str, method: str, path: str
) -> None:
    """A malformed path, query and body without the token gets 401, not a validation error."""
    settings = Settings(database_url=sqlite_url, admin_token=ADMIN_TOKEN)  # type: ignore[arg-type]
    malformed = path.replace("{meeting_id}", "not-a-number").replace("{article_id}", "-1")
    with TestClient(create_app(settings)) as client:
        response = client.request(
            method, malformed + "?limit=-5&offset=x", content=b"{not json",
            headers={"content-type": "application/json"},
        )  # fmt: skip
    assert response.status_code == 401, response.text
    assert response.headers["www-authenticate"] == "Bearer"
