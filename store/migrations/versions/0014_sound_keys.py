"""sound keys: English-spelled chairs' search text gains the keys a Thai name is heard as

`store.articles.search_text` now ends with `news.sound.latin_marks` of the chair, so "ตรีนุช"
finds "Treenuch". Stored meetings whose chair has Latin letters get their search text again; the
search indexes follow the column (SQLite triggers, PostgreSQL's trigram index). Nothing to undo:
the old text is the new one less the keys, and a search for a Thai word never needs them gone.

Revision ID: 0014_sound_keys
Revises: 0010_search_speed
"""

from collections.abc import Sequence
from types import SimpleNamespace

import sqlalchemy as sa
from alembic import op

from store.articles import search_text

revision: str = "0014_sound_keys"
down_revision: str | None = "0010_search_speed"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

FIELDS = ("title", "summary", "venue", "chair", "chair_position", "organizer", "province")


def upgrade() -> None:
    bind = op.get_bind()
    meeting = sa.table("meeting", sa.column("id"), sa.column("search_text"), *(sa.column(f) for f in FIELDS))
    latin = sa.or_(*(meeting.c.chair.like(f"%{letter}%") for letter in "aeiouAEIOU"))
    for row in bind.execute(sa.select(meeting.c.id, *(meeting.c[f] for f in FIELDS)).where(latin)).all():
        record = SimpleNamespace(**{f: getattr(row, f) for f in FIELDS})
        bind.execute(meeting.update().where(meeting.c.id == row.id).values(search_text=search_text(record)))


def downgrade() -> None:
    pass
