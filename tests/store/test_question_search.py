"""Migration 0004 fills the new search keys of rows stored before it, on both engines."""

from __future__ import annotations

from datetime import date

from alembic import command
from sqlalchemy import Engine, text

from store.db import make_engine, session_scope
from store.meetings import MeetingFilter, find_meetings
from store.migrate import alembic_config, upgrade


def _at_0003(url: str) -> Engine:
    engine = make_engine(url)
    config = alembic_config(engine)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0003")
    return engine


def test_rows_stored_before_0004_are_found_by_article_text_and_position(database_url: str) -> None:
    engine = _at_0003(database_url)
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO article (id, source, raw_text, clean_text, content_hash, added_by, added_at) "
                "VALUES (1, 'old.txt', 'x', 'โรงเรียนจัดติวสอบ O-NET ให้นักเรียนชั้น ป.6', 'h1', 'cli', :now)"
            ),
            {"now": "2024-01-01 00:00:00"},
        )
        connection.execute(
            text(
                "INSERT INTO meeting (id, article_id, title, kind, start_date, chair_position, summary, "
                "participant_provinces, search_text, corrections, deleted, created_at) VALUES "
                "(1, 1, 'การประชุมครูวิชาการ', 'meeting', :day, 'รมว.ศธ.', '', '[]', 'การประชุมครูวิชาการ', '{}', "
                "false, :now)"
            ),
            {"day": date(2024, 1, 5), "now": "2024-01-01 00:00:00"},
        )
    engine.dispose()
    engine = make_engine(database_url)
    upgrade(engine)
    with session_scope(engine) as session:
        by_text, _ = find_meetings(
            session=session, query=MeetingFilter(keywords=("onet",)), today=date(2024, 2, 1)
        )
        minister = MeetingFilter(positions=(("รัฐมนตรีว่าการกระทรวงศึกษาธิการ",),))
        by_position, _ = find_meetings(session=session, query=minister, today=date(2024, 2, 1))
    engine.dispose()
    assert [m.title for m, _ in by_text] == ["การประชุมครูวิชาการ"]
    assert [m.title for m, _ in by_position] == ["การประชุมครูวิชาการ"]
