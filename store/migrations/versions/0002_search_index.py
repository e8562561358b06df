"""search index: trigrams for substring search on Thai text

SQLite gets an FTS5 table with the trigram tokenizer, kept in step with `meeting.search_text` by
triggers; PostgreSQL gets a pg_trgm GIN index. Both serve `LIKE '%term%'`-style matching without
reading every row, which Thai needs because it has no spaces to split words on. The flag index on
`meeting.deleted` goes: it matched nearly every row and misled SQLite's planner away from the
province and date indexes.

A later batch migration on SQLite that copies the `meeting` table drops these triggers with it, and
must create them again and rebuild the FTS table.

Revision ID: 0002
Revises: 0001
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SQLITE_UP = [
    "CREATE VIRTUAL TABLE meeting_search USING fts5("
    "search_text, content='meeting', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER meeting_search_insert AFTER INSERT ON meeting BEGIN "
    "INSERT INTO meeting_search(rowid, search_text) VALUES (new.id, new.search_text); END",
    "CREATE TRIGGER meeting_search_delete AFTER DELETE ON meeting BEGIN "
    "INSERT INTO meeting_search(meeting_search, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); END",
    "CREATE TRIGGER meeting_search_update AFTER UPDATE OF search_text ON meeting BEGIN "
    "INSERT INTO meeting_search(meeting_search, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); "
    "INSERT INTO meeting_search(rowid, search_text) VALUES (new.id, new.search_text); END",
    "INSERT INTO meeting_search(meeting_search) VALUES ('rebuild')",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS meeting_search_update",
    "DROP TRIGGER IF EXISTS meeting_search_delete",
    "DROP TRIGGER IF EXISTS meeting_search_insert",
    "DROP TABLE IF EXISTS meeting_search",
]
POSTGRES_UP = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX ix_meeting_search_trgm ON meeting USING gin (search_text gin_trgm_ops)",
]
POSTGRES_DOWN = ["DROP INDEX IF EXISTS ix_meeting_search_trgm"]


def upgrade() -> None:
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meeting_deleted"))
        batch_op.create_index(batch_op.f("ix_meeting_end_date"), ["end_date"], unique=False)
    dialect = op.get_bind().dialect.name
    for statement in SQLITE_UP if dialect == "sqlite" else POSTGRES_UP:
        op.execute(statement)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    for statement in SQLITE_DOWN if dialect == "sqlite" else POSTGRES_DOWN:
        op.execute(statement)
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meeting_end_date"))
        batch_op.create_index(batch_op.f("ix_meeting_deleted"), ["deleted"], unique=False)
