"""Engines and sessions for SQLite (the default) and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
from sqlmodel import Session, create_engine


class DatabaseError(Exception):
    """The database cannot be opened or reached; the message says why."""


def make_engine(url: str) -> Engine:
    """An engine; SQLite gets WAL and a busy timeout so web, scheduler and CLI can share one file."""
    try:
        parsed = make_url(url)
    except ArgumentError as err:
        raise DatabaseError(f"DATABASE_URL is not a database URL: {url!r}") from err
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True, connect_args={"connect_timeout": 5})


def _sqlite_pragmas(dbapi_connection: Any, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """A session that commits on success and rolls back on any error."""
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


def ping(engine: Engine) -> str:
    """The server's version string; raises when the database cannot be reached."""
    with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            return "SQLite " + str(connection.execute(text("select sqlite_version()")).scalar())
        return str(connection.execute(text("select version()")).scalar()).split(" on ")[0]


def refresh_statistics(engine: Engine) -> None:
    """Table statistics for the query planner, after a bulk add or at start-up.

    Without them SQLite guesses which index is narrower and can pick the kind index (a fifth of
    the table) over the province index (a seventy-seventh). It takes well under a second at
    100,000 meetings; PostgreSQL's autovacuum would get there too, only later.
    """
    with engine.begin() as connection:
        connection.execute(text("ANALYZE"))
