"""search speed: partial covering indexes for the counts and pages of a question

Every question counts its matches (up to COUNT_CAP + 1) and walks a start-date order for its page.
With only the single-column indexes, each index entry cost a read of the whole meeting row (its
JSON evidence, summary and search text) to check `deleted` and the end date. These indexes hold
live meetings only (`deleted` false) and carry the end date, the article (and the head-count for
kinds), so a count by date, province or kind, or by words found through the trigram index, reads
the index alone. Raw DDL like the other search indexes
(store.search.include_object keeps autogenerate off them).

Revision ID: 0010_search_speed
Revises: 0009_source_retries
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0010_search_speed"
down_revision: str | None = "0009_source_retries"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEXES = {
    "ix_meeting_live_dates": "start_date, end_date, article_id",
    "ix_meeting_live_province": "province, start_date, end_date, article_id",
    "ix_meeting_live_kind": "kind, start_date, end_date, attendees, article_id",
}


def upgrade() -> None:
    live = "deleted = 0" if op.get_bind().dialect.name == "sqlite" else "deleted = false"
    for name, columns in INDEXES.items():
        op.execute(f"CREATE INDEX {name} ON meeting ({columns}) WHERE {live}")


def downgrade() -> None:
    for name in INDEXES:
        op.execute(f"DROP INDEX IF EXISTS {name}")
