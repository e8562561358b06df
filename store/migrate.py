"""Alembic, driven from code: the only way the schema is created or changed.

Alembic itself is imported only when there is something to do: importing it costs a command line
start-up a quarter of a second, and a database already at the newest revision needs one query to
tell (`ensure_schema`).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).with_name("migrations")
VERSION_TABLE = "alembic_version"  # Alembic's default, which env.py keeps
_REVISION = re.compile(r"^(down_revision|revision)\s*(?::[^=]*)?=\s*(?:['\"]([^'\"]+)['\"]|None)", re.M)


def alembic_config(engine: Engine) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False))
    return config


def upgrade(engine: Engine) -> list[str]:
    """Apply pending migrations; returns the revisions that were applied."""
    from alembic import command
    from alembic.script import ScriptDirectory

    before = current_revision(engine)
    config = alembic_config(engine)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    script = ScriptDirectory.from_config(config)
    applied = []
    for revision in script.iterate_revisions("head", before or "base"):
        if revision.revision != before:
            applied.append(revision.revision)
    return list(reversed(applied))


def ensure_schema(engine: Engine) -> list[str]:
    """`upgrade`, unless the database is already at the newest revision (one query, no Alembic)."""
    if current_revisions(engine) == {script_head()}:
        return []
    return upgrade(engine)


def current_revisions(engine: Engine) -> set[str]:
    """The revisions the database says it is at; none for a new database."""
    with engine.connect() as connection:
        try:
            rows = connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).all()
        except DBAPIError:  # no such table: a new database (the connection is rolled back on leaving)
            return set()
        return {str(row[0]) for row in rows}


@cache
def script_head() -> str:
    """The newest revision, read from the migration files' `revision` and `down_revision` lines."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        found = dict(_REVISION.findall(path.read_text(encoding="utf-8")))
        revisions.add(found["revision"])
        if found.get("down_revision"):
            parents.add(found["down_revision"])
    heads = revisions - parents
    if len(heads) != 1:
        raise RuntimeError(f"the migrations have {len(heads)} heads: {sorted(heads)}")
    return heads.pop()


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision(engine: Engine) -> str | None:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config(engine)).get_current_head()


def downgrade(engine: Engine, revision: str) -> None:
    """Undo migrations down to `revision` ("base": an empty database); for rolling a release back."""
    from alembic import command

    config = alembic_config(engine)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, revision)
