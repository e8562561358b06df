"""digest batches: deliveries per run and chat, batches with retry keys, and a lease

Revision ID: 0003
Revises: 0002
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.drop_table("delivery")  # no digest had been sent before this revision: nothing to keep
    with op.batch_alter_table("digestrun", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "cutoff", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False, server_default=sa.func.now()
            )
        )
    op.create_table(
        "digestbatch",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("retry_key", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("meeting_ids", sa.JSON(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["run_id"], ["digestrun.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("run_id", "number", name="uq_digestbatch_run_number"),
    )
    with op.batch_alter_table("digestbatch", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_digestbatch_run_id"), ["run_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_digestbatch_status"), ["status"], unique=False)
    op.create_table(
        "delivery",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("subscriber_id", sa.Integer(), nullable=False),
        sa.Column("batch_id", sa.Integer(), nullable=True),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("meeting_count", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["batch_id"], ["digestbatch.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["run_id"], ["digestrun.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["subscriber_id"], ["subscriber.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("run_id", "subscriber_id", name="uq_delivery_run_subscriber"),
    )
    with op.batch_alter_table("delivery", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_delivery_batch_id"), ["batch_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_delivery_run_id"), ["run_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_delivery_subscriber_id"), ["subscriber_id"], unique=False)
    op.create_table(
        "lease",
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("holder", sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
        sa.Column("acquired_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("name"),
    )


def downgrade() -> None:
    op.drop_table("lease")
    op.drop_table("delivery")
    op.drop_table("digestbatch")
    with op.batch_alter_table("digestrun", schema=None) as batch_op:
        batch_op.drop_column("cutoff")
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
    with op.batch_alter_table("delivery", schema=None) as batch_op:  # 0001's table, as 0001 made it
        batch_op.create_index(batch_op.f("ix_delivery_digest_run_id"), ["digest_run_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_delivery_meeting_id"), ["meeting_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_delivery_subscriber_id"), ["subscriber_id"], unique=False)
