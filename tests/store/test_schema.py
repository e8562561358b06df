"""The schema comes from Alembic migrations and matches the models exactly, on both engines."""

from __future__ import annotations

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
