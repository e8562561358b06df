"""question search: the article's own text and the chair's position become searchable

`article.search_text` is the article's clean text folded like `meeting.search_text` (no spaces,
dots or hyphens, lower case, Arabic digits), so a topic word that no extracted field holds is still
found. `meeting.chair_key` is the chair's position folded with its abbreviations written out, so
"รมว.ศธ." can be matched as the start of a position and a minister's secretary is not the minister.
SQLite gets a second FTS5 trigram table (external content, kept by triggers) for the article text;
PostgreSQL gets a pg_trgm GIN index. `chair_key` gets an index that serves "starts with" on both
engines. Existing rows are filled in here.

Revision ID: 0004_question_search
Revises: 0003
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from store.search import article_key, chair_key

revision: str = "0004_question_search"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SQLITE_UP = [
    "CREATE VIRTUAL TABLE article_search USING fts5("
    "search_text, content='article', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER article_search_insert AFTER INSERT ON article BEGIN "
    "INSERT INTO article_search(rowid, search_text) VALUES (new.id, new.search_text); END",
    "CREATE TRIGGER article_search_delete AFTER DELETE ON article BEGIN "
    "INSERT INTO article_search(article_search, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); END",
    "CREATE TRIGGER article_search_update AFTER UPDATE OF search_text ON article BEGIN "
    "INSERT INTO article_search(article_search, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); "
    "INSERT INTO article_search(rowid, search_text) VALUES (new.id, new.search_text); END",
    "INSERT INTO article_search(article_search) VALUES ('rebuild')",
    "CREATE INDEX ix_meeting_chair_key ON meeting (chair_key)",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS article_search_update",
    "DROP TRIGGER IF EXISTS article_search_delete",
    "DROP TRIGGER IF EXISTS article_search_insert",
    "DROP TABLE IF EXISTS article_search",
    "DROP INDEX IF EXISTS ix_meeting_chair_key",
]
POSTGRES_UP = [
    "CREATE INDEX ix_article_search_trgm ON article USING gin (search_text gin_trgm_ops)",
    "CREATE INDEX ix_meeting_chair_key ON meeting (chair_key text_pattern_ops)",
]
POSTGRES_DOWN = ["DROP INDEX IF EXISTS ix_article_search_trgm", "DROP INDEX IF EXISTS ix_meeting_chair_key"]


def upgrade() -> None:
    op.add_column("article", sa.Column("search_text", sa.Text(), nullable=False, server_default=""))
    op.add_column("meeting", sa.Column("chair_key", sa.Text(), nullable=False, server_default=""))
    bind = op.get_bind()
    article = sa.table("article", sa.column("id"), sa.column("clean_text"), sa.column("search_text"))
    for row in bind.execute(sa.select(article.c.id, article.c.clean_text)).all():
        bind.execute(
            article.update().where(article.c.id == row.id).values(search_text=article_key(row.clean_text))
        )
    meeting = sa.table("meeting", sa.column("id"), sa.column("chair_position"), sa.column("chair_key"))
    for row in bind.execute(sa.select(meeting.c.id, meeting.c.chair_position)).all():
        bind.execute(
            meeting.update().where(meeting.c.id == row.id).values(chair_key=chair_key(row.chair_position))
        )
    for statement in SQLITE_UP if bind.dialect.name == "sqlite" else POSTGRES_UP:
        op.execute(statement)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    for statement in SQLITE_DOWN if dialect == "sqlite" else POSTGRES_DOWN:
        op.execute(statement)
    op.drop_column("meeting", "chair_key")
    op.drop_column("article", "search_text")
