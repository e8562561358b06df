"""web inbox: pushes for the chat page's browsers (chat type web), stored until the page fetches them

Revision ID: 0011_web_inbox
Revises: 0014_sound_keys (named 0011 and written on 0010_search_speed; main took 0014 onto 0010 first, so
this follows it and the chain keeps one head)
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0011_web_inbox"
down_revision: str | None = "0014_sound_keys"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "webmessage",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("chat_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("message", sa.JSON(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("read_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_webmessage_chat_id"), "webmessage", ["chat_id"], unique=False)
    op.create_index(op.f("ix_webmessage_read_at"), "webmessage", ["read_at"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_webmessage_read_at"), table_name="webmessage")
    op.drop_index(op.f("ix_webmessage_chat_id"), table_name="webmessage")
    op.drop_table("webmessage")
