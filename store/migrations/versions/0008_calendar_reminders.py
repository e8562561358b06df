"""calendar feeds and reminders: a calendar token per subscriber, the reminder table, the kind of a run

Revision ID: 0008_calendar_reminders
Revises: 0007_sources
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0008_calendar_reminders"
down_revision: str | None = "0007_sources"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ADD COLUMNs (never a batch copy: recreating subscriber or digestrun would cascade to deliveries)
    op.add_column(
        "subscriber", sa.Column("calendar_token", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True)
    )
    op.create_index(op.f("ix_subscriber_calendar_token"), "subscriber", ["calendar_token"], unique=True)
    op.add_column(
        "digestrun",
        sa.Column(
            "kind", sqlmodel.sql.sqltypes.AutoString(length=16), server_default="digest", nullable=False
        ),
    )
    op.create_table(
        "reminder",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("subscriber_id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["subscriber_id"], ["subscriber.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("subscriber_id", "meeting_id", name="uq_reminder_subscriber_meeting"),
    )
    op.create_index(op.f("ix_reminder_day"), "reminder", ["day"], unique=False)
    op.create_index(op.f("ix_reminder_meeting_id"), "reminder", ["meeting_id"], unique=False)
    op.create_index(op.f("ix_reminder_subscriber_id"), "reminder", ["subscriber_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_reminder_subscriber_id"), table_name="reminder")
    op.drop_index(op.f("ix_reminder_meeting_id"), table_name="reminder")
    op.drop_index(op.f("ix_reminder_day"), table_name="reminder")
    op.drop_table("reminder")
    op.drop_index(op.f("ix_subscriber_calendar_token"), table_name="subscriber")
    if op.get_bind().dialect.name == "sqlite":  # SQLite 3.35+ drops a column in place, no table copy
        op.execute("DELETE FROM digestrun WHERE kind != 'digest'")
        op.execute("ALTER TABLE digestrun DROP COLUMN kind")
        op.execute("ALTER TABLE subscriber DROP COLUMN calendar_token")
    else:
        op.execute("DELETE FROM digestrun WHERE kind != 'digest'")
        op.drop_column("digestrun", "kind")
        op.drop_column("subscriber", "calendar_token")
