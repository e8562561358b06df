"""event queue: webhook events stored before the 200, claimed by workers; pruning indexes

Revision ID: 0006_event_queue
Revises: 0005_extraction_evidence
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0006_event_queue"
down_revision: str | None = "0005_extraction_evidence"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "inboxevent",
        sa.Column(
            "id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False
        ),
        sa.Column("event_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("chat", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("chat_type", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("locked_by", sqlmodel.sql.sqltypes.AutoString(length=128), nullable=True),
        sa.Column("locked_until", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("received_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("done_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("inboxevent", schema=None) as batch_op:
        batch_op.create_index("ix_inboxevent_status_id", ["status", "id"], unique=False)
        batch_op.create_index("ix_inboxevent_chat_status_id", ["chat", "status", "id"], unique=False)
        batch_op.create_index(batch_op.f("ix_inboxevent_done_at"), ["done_at"], unique=False)
    with op.batch_alter_table("processedevent", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_processedevent_received_at"), ["received_at"], unique=False)
    with op.batch_alter_table("digestrun", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_digestrun_finished_at"), ["finished_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("digestrun", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_digestrun_finished_at"))
    with op.batch_alter_table("processedevent", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_processedevent_received_at"))
    op.drop_table("inboxevent")
