"""failed article links: attempts, next try and last error on the seen item, so each backs off on its own

Revision ID: 0009_source_retries
Revises: 0008_calendar_reminders
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0009_source_retries"
down_revision: str | None = "0008_calendar_reminders"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ADD/DROP COLUMN on both engines (SQLite 3.35+ drops columns in place): no table copy.
    op.add_column("seenitem", sa.Column("attempts", sa.Integer(), server_default="0", nullable=False))
    op.add_column("seenitem", sa.Column("next_try_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
    op.add_column("seenitem", sa.Column("last_error", sa.Text(), nullable=True))


def downgrade() -> None:
    op.drop_column("seenitem", "last_error")
    op.drop_column("seenitem", "next_try_at")
    op.drop_column("seenitem", "attempts")
