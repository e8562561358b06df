"""The two tables a question reads: articles and the meetings extracted from them.

Apart from the other tables (`store.models`, which re-exports these), so that a question answered in a
fresh process (`prachum ask`) maps two tables, not fourteen.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import JSON, Column, Index, Text
from sqlmodel import Field, SQLModel

# Validators are built when a model is first validated, not when the module loads: a fresh
# `prachum ask` builds one or two of the fourteen.
DEFERRED: dict[str, bool] = {"defer_build": True}


def utcnow() -> datetime:
    return datetime.now(UTC)


class Article(SQLModel, table=True):
    model_config = DEFERRED  # type: ignore[assignment]
    id: int | None = Field(default=None, primary_key=True)
    source: str = Field(max_length=2048, index=True)
    raw_text: str = Field(sa_column=Column(Text, nullable=False))
    clean_text: str = Field(sa_column=Column(Text, nullable=False))
    content_hash: str = Field(max_length=64, unique=True)
    search_text: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))
    added_by: str = Field(default="cli", max_length=128)
    added_at: datetime = Field(default_factory=utcnow)
    source_id: int | None = Field(default=None, foreign_key="source.id", index=True)  # cleared on removal


class Meeting(SQLModel, table=True):
    model_config = DEFERRED  # type: ignore[assignment]
    __table_args__ = (
        Index("ix_meeting_province_start", "province", "start_date"),
        Index("ix_meeting_kind_start", "kind", "start_date"),
    )

    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="article.id", index=True, ondelete="CASCADE")
    title: str = Field(sa_column=Column(Text, nullable=False))
    kind: str = Field(default="other", max_length=16)
    start_date: date | None = Field(default=None, index=True)
    end_date: date | None = Field(default=None, index=True)
    time: str | None = Field(default=None, max_length=5)
    province: str | None = Field(default=None, max_length=64)
    venue: str | None = Field(default=None, sa_column=Column(Text))
    chair: str | None = Field(default=None, max_length=256)
    chair_position: str | None = Field(default=None, sa_column=Column(Text))
    organizer: str | None = Field(default=None, sa_column=Column(Text))
    attendees: int | None = None
    summary: str = Field(default="", sa_column=Column(Text, nullable=False))
    participant_provinces: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    search_text: str = Field(default="", sa_column=Column(Text, nullable=False))
    chair_key: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))
    corrections: dict[str, object] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    # Where the extractor read each field ([start, end) in the article's clean text) and how sure it was;
    # `least_confidence` is the lowest of those, so the fields to review first are one index away.
    evidence: dict[str, list[int]] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    confidence: dict[str, float] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    least_confidence: float = Field(default=1.0, index=True)
    deleted: bool = False
    created_at: datetime = Field(default_factory=utcnow, index=True)
