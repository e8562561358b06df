"""How the store talks to PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import text

from store.db import make_engine, session_scope
from store.meetings import MeetingFilter, find_meetings
from store.migrate import upgrade


@pytest.mark.postgres
def test_a_question_asked_again_and_again_is_planned_for_its_own_words(postgres_url: str) -> None:
    """A statement psycopg prepares (after five runs) may be planned by PostgreSQL once for any words,
    and a trigram search ("%onet%") then reads every row: on 100,000 meetings a question took 14 ms,
    then 230 ms from about the tenth time its shape was asked. A search plans for its own words."""
    engine = make_engine(postgres_url)
    upgrade(engine)
    with session_scope(engine) as session:
        for word in ["onet", "โอเน็ต", "นวัตกรรม", "สพฐ", "ดิจิทัล", "หลักสูตร"] * 2:
            find_meetings(session=session, query=MeetingFilter(keywords=(word,)), today=date(2026, 11, 23))
        generic = session.connection().execute(text("SELECT sum(generic_plans) FROM pg_prepared_statements"))
        mode = session.connection().execute(text("SHOW plan_cache_mode")).scalar()
        total = generic.scalar()
    engine.dispose()
    assert (mode, total or 0) == ("force_custom_plan", 0)
