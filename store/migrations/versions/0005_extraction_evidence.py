"""extraction evidence: where each field was read, how sure the extractor was, the least of those

Revision ID: 0005_extraction_evidence
Revises: 0004_question_search
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_extraction_evidence"
down_revision: str | None = "0004_question_search"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.add_column(sa.Column("evidence", sa.JSON(), nullable=False, server_default="{}"))
        batch_op.add_column(sa.Column("confidence", sa.JSON(), nullable=False, server_default="{}"))
        batch_op.add_column(sa.Column("least_confidence", sa.Float(), nullable=False, server_default="1.0"))
        batch_op.create_index(batch_op.f("ix_meeting_least_confidence"), ["least_confidence"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meeting_least_confidence"))
        batch_op.drop_column("least_confidence")
        batch_op.drop_column("confidence")
        batch_op.drop_column("evidence")
