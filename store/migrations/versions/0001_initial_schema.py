"""initial schema

Revision ID: 0001
Revises:
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "article",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source", sqlmodel.sql.sqltypes.AutoString(length=2048), nullable=False),
        sa.Column("raw_text", sa.Text(), nullable=False),
        sa.Column("clean_text", sa.Text(), nullable=False),
        sa.Column("content_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("added_by", sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
        sa.Column("added_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("content_hash"),
    )
    with op.batch_alter_table("article", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_article_source"), ["source"], unique=False)

    op.create_table(
        "digestrun",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("started_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("finished_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("report", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key"),
    )
    op.create_table(
        "processedevent",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("received_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("event_id"),
    )
    op.create_table(
        "subscriber",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("line_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("chat_type", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("filters", sa.JSON(), nullable=False),
        sa.Column("subscribed_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("last_digest_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("line_id"),
    )
    with op.batch_alter_table("subscriber", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_subscriber_active"), ["active"], unique=False)

    op.create_table(
        "meeting",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("time", sqlmodel.sql.sqltypes.AutoString(length=5), nullable=True),
        sa.Column("province", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column("venue", sa.Text(), nullable=True),
        sa.Column("chair", sqlmodel.sql.sqltypes.AutoString(length=256), nullable=True),
        sa.Column("chair_position", sa.Text(), nullable=True),
        sa.Column("organizer", sa.Text(), nullable=True),
        sa.Column("attendees", sa.Integer(), nullable=True),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("participant_provinces", sa.JSON(), nullable=False),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.Column("corrections", sa.JSON(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["article.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_meeting_article_id"), ["article_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_meeting_created_at"), ["created_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_meeting_deleted"), ["deleted"], unique=False)
        batch_op.create_index("ix_meeting_kind_start", ["kind", "start_date"], unique=False)
        batch_op.create_index("ix_meeting_province_start", ["province", "start_date"], unique=False)
        batch_op.create_index(batch_op.f("ix_meeting_start_date"), ["start_date"], unique=False)

    op.create_table(
        "delivery",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("subscriber_id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("digest_run_id", sa.Integer(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("retry_key", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["digest_run_id"], ["digestrun.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["subscriber_id"], ["subscriber.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("subscriber_id", "meeting_id", name="uq_delivery_subscriber_meeting"),
    )
    with op.batch_alter_table("delivery", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_delivery_digest_run_id"), ["digest_run_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_delivery_meeting_id"), ["meeting_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_delivery_subscriber_id"), ["subscriber_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("delivery", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_delivery_subscriber_id"))
        batch_op.drop_index(batch_op.f("ix_delivery_meeting_id"))
        batch_op.drop_index(batch_op.f("ix_delivery_digest_run_id"))

    op.drop_table("delivery")
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meeting_start_date"))
        batch_op.drop_index("ix_meeting_province_start")
        batch_op.drop_index("ix_meeting_kind_start")
        batch_op.drop_index(batch_op.f("ix_meeting_deleted"))
        batch_op.drop_index(batch_op.f("ix_meeting_created_at"))
        batch_op.drop_index(batch_op.f("ix_meeting_article_id"))

    op.drop_table("meeting")
    with op.batch_alter_table("subscriber", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_subscriber_active"))

    op.drop_table("subscriber")
    op.drop_table("processedevent")
    op.drop_table("digestrun")
    with op.batch_alter_table("article", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_article_source"))

    op.drop_table("article")
