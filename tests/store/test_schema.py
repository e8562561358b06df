"""The schema comes from Alembic migrations and matches the models exactly, on both engines."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, inspect
from sqlmodel import SQLModel

import store.models  # noqa: F401
from store.migrate import (
    alembic_config,
    current_revision,
    current_revisions,
    ensure_schema,
    head_revision,
    script_head,
    upgrade,
)
from store.search import include_object


def test_migrations_create_every_table(engine: Engine) -> None:
    """A fresh database gets all tables the bot needs, at the newest revision."""
    tables = set(inspect(engine).get_table_names())
    assert {"article", "meeting", "subscriber", "delivery", "digestrun", "processedevent"} <= tables
    assert current_revision(engine) == head_revision(engine)


def test_migrated_schema_equals_models(engine: Engine) -> None:
    """Autogenerate finds no difference: a model change without a migration fails here."""
    with engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "include_object": include_object}
        )
        assert compare_metadata(context, SQLModel.metadata) == []


def test_upgrade_twice_applies_nothing_the_second_time(engine: Engine) -> None:
    """`serve` and `migrate` can run on an up-to-date database without harm."""
    assert upgrade(engine) == []


def test_sqlite_runs_in_wal_mode(sqlite_engine: Engine) -> None:
    """The web process, the scheduler and a CLI import can share one SQLite file."""
    with sqlite_engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert int(connection.exec_driver_sql("PRAGMA busy_timeout").scalar() or 0) >= 5000


def test_the_head_read_from_the_files_is_alembics(engine: Engine) -> None:
    """The command line's quick check (no Alembic import) agrees with Alembic on the newest revision."""
    assert script_head() == head_revision(engine)
    assert current_revisions(engine) == {script_head()}


def test_ensure_schema_upgrades_a_database_behind_and_leaves_one_at_head(engine: Engine) -> None:
    """A database a revision behind (as after installing a newer Prachum) is brought to head; one at
    head is left alone."""
    from alembic import command

    config = alembic_config(engine)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "-1")
    assert current_revisions(engine) != {script_head()}
    assert ensure_schema(engine) == [script_head()]
    assert current_revisions(engine) == {script_head()}
    assert ensure_schema(engine) == []


def test_0008_calendar_reminders_downgrades_and_upgrades_again_keeping_digest_history(engine: Engine) -> None:
    """Down to 0007 (0010 and 0009 go first) drops the reminder table, the calendar token and the run
    kind; the digest's runs stay; up again re-applies all three."""
    from alembic import command
    from sqlalchemy import text

    with engine.begin() as connection:
        for key, kind in (("daily-2026-11-20", "digest"), ("remind-2026-11-20", "reminder")):
            connection.execute(
                text("INSERT INTO digestrun (key, cutoff, started_at, status, report, kind) "
                     "VALUES (:key, '2026-11-20', '2026-11-20', 'done', '{}', :kind)"),
                {"key": key, "kind": kind},
            )  # fmt: skip
    config = alembic_config(engine)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0007_sources")
    assert current_revision(engine) == "0007_sources"
    inspector = inspect(engine)
    assert "reminder" not in inspector.get_table_names()
    assert "calendar_token" not in {c["name"] for c in inspector.get_columns("subscriber")}
    assert "kind" not in {c["name"] for c in inspector.get_columns("digestrun")}
    with engine.connect() as connection:
        assert connection.execute(text("SELECT key FROM digestrun")).scalars().all() == ["daily-2026-11-20"]
    applied = ["0008_calendar_reminders", "0009_source_retries", "0010_search_speed", "0014_sound_keys",
               "0011_web_inbox", "0013_worker_speed", "0015_trigram_reads"]  # fmt: skip
    assert upgrade(engine) == applied
    with engine.connect() as connection:
        assert connection.execute(text("SELECT kind FROM digestrun")).scalars().all() == ["digest"]


def test_0014_sound_keys_lets_a_thai_name_find_a_stored_english_chair(engine: Engine) -> None:
    """A meeting stored before 0014 with an English-spelled chair is found by the Thai name after it."""
    from alembic import command
    from sqlalchemy import text

    config = alembic_config(engine)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0010_search_speed")
        connection.execute(
            text("INSERT INTO article (source, raw_text, clean_text, content_hash, added_by, added_at, "
                 "search_text) VALUES ('en.txt', 'x', 'x', 'h', 'cli', '2025-03-14', 'x')")
        )  # fmt: skip
        connection.execute(
            text("INSERT INTO meeting (article_id, title, kind, chair, search_text, deleted, chair_key, "
                 "summary, participant_provinces, corrections, evidence, confidence, created_at) "
                 "VALUES (1, 'Regional Seminar', 'seminar', 'Mr. Somkiat Chanthawong', "
                 "'regionalseminarmrsomkiatchanthawong', false, '', '', '[]', '{}', '{}', '{}', "
                 "'2025-03-14')")
        )  # fmt: skip
    assert upgrade(engine) == ["0014_sound_keys", "0011_web_inbox", "0013_worker_speed", "0015_trigram_reads"]
    with engine.connect() as connection:
        stored = connection.execute(text("SELECT search_text FROM meeting")).scalar_one()
    assert "~smktcntn~" in stored and stored.startswith("regionalseminarmrsomkiatchanthawong")


@pytest.mark.postgres
def test_0015_postgresql_trigram_indexes_take_new_rows_at_once(postgres_url: str) -> None:
    """The trigram indexes keep no pending list that every search would read through."""
    from sqlalchemy import text

    from store.db import make_engine

    engine = make_engine(postgres_url)
    upgrade(engine)
    with engine.connect() as connection:
        options = dict(
            connection.execute(
                text("SELECT relname, reloptions FROM pg_class WHERE relname LIKE 'ix_%_search_trgm'")
            ).all()
        )
    engine.dispose()
    assert options == {
        "ix_meeting_search_trgm": ["fastupdate=off"],
        "ix_article_search_trgm": ["fastupdate=off"],
    }
