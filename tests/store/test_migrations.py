"""Migrations undo cleanly: the whole chain down and up again; a step down keeps the news stored."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, inspect, text
from sqlmodel import SQLModel

from news.record import MeetingRecord
from store.articles import add_article
from store.db import session_scope
from store.migrate import current_revision, downgrade, head_revision, upgrade
from store.search import include_object
from store.sources import add_source

BEFORE_SOURCES = "0006_event_queue"


def test_the_whole_chain_goes_down_to_nothing_and_up_again(engine: Engine) -> None:
    """Rolled back to an empty database and re-applied, the schema is exactly the models' again."""
    downgrade(engine, "base")
    assert set(inspect(engine).get_table_names()) == {"alembic_version"}
    assert current_revision(engine) is None
    applied = upgrade(engine)
    assert applied[0] == "0001" and applied[-1] == head_revision(engine)
    with engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "include_object": include_object}
        )
        assert compare_metadata(context, SQLModel.metadata) == []


def test_rolling_back_sources_keeps_articles_and_meetings(engine: Engine) -> None:
    """Down to before sources: a source's article and its meeting stay; up again, they are unlinked."""
    record = MeetingRecord(title="ประชุมผู้บริหารสถานศึกษา", province="ตรัง", kind="meeting")
    with session_scope(engine) as session:
        source, _new = add_source(session, "https://www.trang1.go.th/rss")
        added = add_article(
            session, source="https://www.trang1.go.th/news/1", raw_text="ข่าว", records=[record]
        )
        added.article.source_id = source.id
        session.add(added.article)
    downgrade(engine, BEFORE_SOURCES)
    tables = set(inspect(engine).get_table_names())
    assert "source" not in tables and "seenitem" not in tables
    assert "source_id" not in {c["name"] for c in inspect(engine).get_columns("article")}
    with engine.connect() as connection:
        assert connection.execute(text("SELECT title FROM meeting")).scalars().all() == [record.title]
        assert connection.execute(text("SELECT source FROM article")).scalars().all() == [
            "https://www.trang1.go.th/news/1"
        ]
    upgrade(engine)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT source_id FROM article")).scalars().all() == [None]
        assert connection.execute(text("SELECT count(*) FROM meeting")).scalar() == 1
