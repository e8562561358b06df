"""Substring search on folded Thai text through the trigram index each engine has (migration 0002)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, and_, column, select, table
from sqlmodel import col

from store.models import Meeting

TRIGRAM = 3
PROBES = 4  # trigrams asked of the index per term; the exact LIKE check decides
SQLITE_TABLE = "meeting_search"
POSTGRES_INDEX = "ix_meeting_search_trgm"
_FTS = table(SQLITE_TABLE, column("rowid"), column(SQLITE_TABLE))


def contains(term: str, dialect: str, *, broad: bool = False) -> ColumnElement[bool]:
    """`search_text` contains `term`; on SQLite the FTS5 trigram table narrows the rows first.

    PostgreSQL's planner uses the pg_trgm index for LIKE by itself. On SQLite the candidate ids
    drive the query unless the question is `broad` (matches more rows than a page needs): then the
    start-date index drives and the ids only filter, so the newest rows come without a sort.
    Terms shorter than a trigram cannot use either index and scan.
    """
    exact = col(Meeting.search_text).contains(term, autoescape=True)
    if dialect != "sqlite" or len(term) < TRIGRAM:
        return exact
    candidates = select(_FTS.c.rowid).where(_FTS.c[SQLITE_TABLE].op("MATCH")(match_expression(term)))
    ids = col(Meeting.id) + 0 if broad else col(Meeting.id)
    return and_(ids.in_(candidates), exact)


def match_expression(term: str) -> str:
    """An FTS5 query for a few trigrams spread over `term`: long terms cost as little as short ones."""
    grams = [term[i : i + TRIGRAM] for i in range(len(term) - TRIGRAM + 1)]
    if len(grams) > PROBES:
        step = (len(grams) - 1) / (PROBES - 1)
        grams = [grams[round(i * step)] for i in range(PROBES)]
    return " AND ".join('"' + gram.replace('"', '""') + '"' for gram in dict.fromkeys(grams))


def include_object(obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
    """Autogenerate leaves the search index alone: it is raw DDL, not part of the models."""
    return not (name or "").startswith((SQLITE_TABLE, POSTGRES_INDEX))
