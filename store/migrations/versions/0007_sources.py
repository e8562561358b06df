"""news sources: feeds and listing pages polled on a schedule, the items they listed, articles' source

Revision ID: 0007_sources
Revises: 0006_event_queue
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0007_sources"
down_revision: str | None = "0006_event_queue"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "source",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("url", sqlmodel.sql.sqltypes.AutoString(length=2048), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=256), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=True),
        sa.Column("etag", sqlmodel.sql.sqltypes.AutoString(length=512), nullable=True),
        sa.Column("last_modified", sqlmodel.sql.sqltypes.AutoString(length=128), nullable=True),
        sa.Column("last_checked", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("last_new_article", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("failures_in_row", sa.Integer(), nullable=False),
        sa.Column("failing_since", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("next_try_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("healthy", sa.Boolean(), nullable=False),
        sa.Column("added_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("url"),
    )
    with op.batch_alter_table("source", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_source_next_try_at"), ["next_try_at"], unique=False)
    op.create_table(
        "seenitem",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("url", sqlmodel.sql.sqltypes.AutoString(length=2048), nullable=False),
        sa.Column("fingerprint", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("content_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column("source_id", sa.Integer(), nullable=True),
        sa.Column("article_id", sa.Integer(), nullable=True),
        sa.Column("seen_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["article.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["source_id"], ["source.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("url"),
    )
    with op.batch_alter_table("seenitem", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_seenitem_content_hash"), ["content_hash"], unique=False)
        batch_op.create_index(batch_op.f("ix_seenitem_source_id"), ["source_id"], unique=False)
    # A plain ADD COLUMN (never a batch copy: dropping the old article table would cascade to meetings)
    if op.get_bind().dialect.name == "sqlite":
        op.execute("ALTER TABLE article ADD COLUMN source_id INTEGER REFERENCES source (id)")
    else:
        op.add_column("article", sa.Column("source_id", sa.Integer(), nullable=True))
        op.create_foreign_key(None, "article", "source", ["source_id"], ["id"])
    op.create_index(op.f("ix_article_source_id"), "article", ["source_id"], unique=False)


def downgrade() -> None:
    """Article's column first (nothing may still refer to `source`), then the tables that refer to it."""
    op.drop_index(op.f("ix_article_source_id"), table_name="article")
    if op.get_bind().dialect.name == "sqlite":
        # A plain DROP COLUMN (SQLite 3.35+): a batch copy would drop the old article table, and with
        # foreign keys on that deletes every meeting (ON DELETE CASCADE) or fails mid-transaction.
        op.execute("ALTER TABLE article DROP COLUMN source_id")
    else:
        op.drop_column("article", "source_id")  # its foreign key goes with it
    with op.batch_alter_table("seenitem", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_seenitem_source_id"))
        batch_op.drop_index(batch_op.f("ix_seenitem_content_hash"))
    op.drop_table("seenitem")
    with op.batch_alter_table("source", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_source_next_try_at"))
    op.drop_table("source")
