"""worker speed: a data revision that every write to articles or meetings bumps, for the answer cache

Workers keep answers to the same question (bot/answers.py) for as long as the meetings behind them
are unchanged. Triggers, not the code that writes, bump the one-row `datarevision` table: every
process and every path that adds, corrects or deletes an article or a meeting (the command line, the
admin API, chat commands, source polling, a hand-written SQL fix) changes it in its own transaction,
so no worker serves an answer from before a write once that write is committed. PostgreSQL bumps it
once a statement, SQLite (which has only row triggers) once a row.
A later migration that recreates `article` or `meeting` on SQLite (batch mode) must create the
triggers again.

Revision ID: 0013_worker_speed
Revises: 0011_web_inbox
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013_worker_speed"
down_revision: str | None = "0011_web_inbox"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("article", "meeting")
CHANGES = ("INSERT", "UPDATE", "DELETE")
BUMP = "UPDATE datarevision SET value = value + 1 WHERE id = 1"


def upgrade() -> None:
    op.create_table(
        "datarevision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.execute("INSERT INTO datarevision (id, value) VALUES (1, 0)")
    if op.get_bind().dialect.name == "sqlite":
        for table in TABLES:
            for change in CHANGES:
                op.execute(
                    f"CREATE TRIGGER bump_revision_{table}_{change.lower()} AFTER {change} ON {table} "
                    f"BEGIN {BUMP}; END"
                )
        return
    op.execute(
        f"CREATE FUNCTION prachum_bump_data_revision() RETURNS trigger LANGUAGE plpgsql AS "
        f"$$ BEGIN {BUMP}; RETURN NULL; END $$"
    )
    for table in TABLES:
        op.execute(
            f"CREATE TRIGGER bump_revision_{table} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION prachum_bump_data_revision()"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for table in TABLES:
            for change in CHANGES:
                op.execute(f"DROP TRIGGER IF EXISTS bump_revision_{table}_{change.lower()}")
    else:
        for table in TABLES:
            op.execute(f"DROP TRIGGER IF EXISTS bump_revision_{table} ON {table}")
        op.execute("DROP FUNCTION IF EXISTS prachum_bump_data_revision()")
    op.drop_table("datarevision")
