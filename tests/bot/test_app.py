"""The web process: factory, lifespan, health."""

from __future__ import annotations

from fastapi.testclient import TestClient

from bot.app import create_app
from bot.settings import Settings


def test_healthz_reports_database_and_version(sqlite_url: str) -> None:
    """/healthz answers ok with the database's version once the lifespan has migrated it."""
    with TestClient(create_app(Settings(database_url=sqlite_url))) as client:
        response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"].startswith("SQLite")
    assert body["version"]


def test_healthz_on_postgres(postgres_url: str) -> None:
    """The same app runs on PostgreSQL."""
    with TestClient(create_app(Settings(database_url=postgres_url))) as client:
        body = client.get("/healthz").json()
    assert body["status"] == "ok"
    assert body["database"].startswith("PostgreSQL")
