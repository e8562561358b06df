"""Search through the trigram indexes: exact answers, in the right order, on both engines."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from news.record import MeetingRecord
from store import meetings as meeting_store
from store import search
from store.articles import add_article
from store.db import make_engine, session_scope
from store.meetings import MeetingFilter, find_meetings
from store.migrate import upgrade
from store.models import Meeting
from store.search import match_expression

TODAY = date(2026, 11, 23)


def add(session: Session, title: str, start: date | None, end: date | None = None, **fields: object) -> None:
    record = MeetingRecord(title=title, start_date=start, end_date=end, **fields)  # type: ignore[arg-type]
    add_article(session, source=f"{title}.txt", raw_text=f"ข่าว {title} {start}", records=[record])


def titles(engine: Engine, query: MeetingFilter, **kwargs: int) -> list[str]:
    with session_scope(engine) as session:
        rows, _ = find_meetings(session=session, query=query, today=TODAY, **kwargs)
        return [meeting.title for meeting, _ in rows]


@pytest.fixture
def stored(engine: Engine) -> Engine:
    with session_scope(engine) as session:
        add(session, "ประชุมนวัตกรรมการศึกษา", date(2026, 11, 20), chair="นายสุเทพ ใจดี")
        add(session, "สัมมนาหลักสูตร 100% ออนไลน์", date(2026, 11, 25))
        add(session, "อบรมครูปฐมวัย", date(2026, 11, 10), date(2026, 11, 30))
        add(session, "ประชุมเก่า", date(2020, 1, 5), chair="นายสุเทพ ใจดี")
        add(session, "ประชุมไม่ระบุวัน", None)
    return engine


def test_keyword_found_anywhere_in_the_text(stored: Engine) -> None:
    """A Thai word inside a longer run of text (no spaces) is found through the index."""
    assert titles(stored, MeetingFilter(keywords=("นวัตกรรม",))) == ["ประชุมนวัตกรรมการศึกษา"]
    assert titles(stored, MeetingFilter(people=("สุเทพ",))) == ["ประชุมนวัตกรรมการศึกษา", "ประชุมเก่า"]


@pytest.mark.parametrize("term", ["100%", "ออนไลน์", "ปฐ", "หลักสูตร100%ออนไลน์"])
def test_wildcards_quotes_and_short_terms_match_literally(stored: Engine, term: str) -> None:
    """`%`, a two-letter term and a long term all mean the literal text, nothing more."""
    found = titles(stored, MeetingFilter(keywords=(term,)))
    expected = [m for m in ["สัมมนาหลักสูตร 100% ออนไลน์", "อบรมครูปฐมวัย"] if term in m.replace(" ", "")]
    assert found == expected


def test_term_with_a_quote_mark_finds_nothing_rather_than_failing(stored: Engine) -> None:
    assert titles(stored, MeetingFilter(keywords=('ประชุม"',))) == []


def test_relevance_puts_the_nearest_date_first_then_undated(stored: Engine) -> None:
    """Nearest to today whether before or after it; a meeting without a date comes last."""
    assert titles(stored, MeetingFilter()) == [
        "สัมมนาหลักสูตร 100% ออนไลน์",
        "ประชุมนวัตกรรมการศึกษา",
        "อบรมครูปฐมวัย",
        "ประชุมเก่า",
        "ประชุมไม่ระบุวัน",
    ]


def test_latest_is_newest_first_with_undated_last(stored: Engine) -> None:
    found = titles(stored, MeetingFilter(order="latest"))
    assert found[0] == "สัมมนาหลักสูตร 100% ออนไลน์" and found[-1] == "ประชุมไม่ระบุวัน"


def test_upcoming_starts_with_meetings_under_way(stored: Engine) -> None:
    """A course that began before today and runs past it is part of "what is coming"."""
    assert titles(stored, MeetingFilter(date_from=TODAY, order="upcoming")) == [
        "อบรมครูปฐมวัย",
        "สัมมนาหลักสูตร 100% ออนไลน์",
    ]


def test_date_window_takes_meetings_that_overlap_it(stored: Engine) -> None:
    window = MeetingFilter(date_from=date(2026, 11, 21), date_to=date(2026, 11, 22))
    assert titles(stored, window) == ["อบรมครูปฐมวัย"]


def test_a_month_takes_what_runs_into_it_and_nothing_that_ended_before(engine: Engine) -> None:
    """A month's page holds the meetings begun in it, newest first, and a course begun in an earlier
    month still running in it; not one that ended the day before the month, nor one outside it."""
    with session_scope(engine) as session:
        add(session, "อบรมต่อเนื่องจากกันยายน", date(2026, 9, 14), date(2026, 11, 3))
        add(session, "ประชุมสิ้นเดือนตุลาคม", date(2026, 10, 28), date(2026, 10, 31))
        add(session, "ประชุมต้นเดือน", date(2026, 11, 2))
        add(session, "สัมมนากลางเดือน", date(2026, 11, 16), date(2026, 11, 17))
        add(session, "ประชุมเดือนหน้า", date(2026, 12, 1))
    november = MeetingFilter(date_from=date(2026, 11, 1), date_to=date(2026, 11, 30), order="latest")
    assert titles(engine, november) == ["สัมมนากลางเดือน", "ประชุมต้นเดือน", "อบรมต่อเนื่องจากกันยายน"]


def test_pages_do_not_overlap_and_cover_everything(stored: Engine) -> None:
    pages = [titles(stored, MeetingFilter(), limit=2, offset=offset) for offset in (0, 2, 4)]
    assert [len(p) for p in pages] == [2, 2, 1]
    assert sorted(t for page in pages for t in page) == sorted(titles(stored, MeetingFilter()))


def test_edited_and_deleted_meetings_leave_the_index(stored: Engine) -> None:
    """The index follows the table: a changed text is found by its new words, a deleted meeting is gone."""
    with session_scope(stored) as session:
        meeting = session.exec(select(Meeting).where(Meeting.title == "ประชุมเก่า")).one()
        meeting.search_text = "วาระพิเศษ"
        session.exec(select(Meeting).where(Meeting.title == "อบรมครูปฐมวัย")).one().deleted = True
    assert titles(stored, MeetingFilter(keywords=("วาระพิเศษ",))) == ["ประชุมเก่า"]
    assert titles(stored, MeetingFilter(people=("สุเทพ",))) == ["ประชุมนวัตกรรมการศึกษา"]
    assert "อบรมครูปฐมวัย" not in titles(stored, MeetingFilter())


def test_broad_questions_report_a_capped_count_and_still_page(
    stored: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past the cap the count stops (the reply says "more than"); the newest rows still come first."""
    monkeypatch.setattr(meeting_store, "COUNT_CAP", 2)
    with session_scope(stored) as session:
        rows, total = find_meetings(session=session, query=MeetingFilter(keywords=("ประชุม",)), today=TODAY)
    assert total == 3
    assert [m.title for m, _ in rows] == ["ประชุมนวัตกรรมการศึกษา", "ประชุมเก่า", "ประชุมไม่ระบุวัน"]


def test_a_short_body_in_many_articles_pages_by_what_the_articles_say(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The body "กศน" (one trigram) said by more articles than the cap: the pages, which check the rows
    they walk, hold exactly the meetings whose article says it, nearest first, across pages."""
    monkeypatch.setattr(meeting_store, "COUNT_CAP", 2)
    with session_scope(engine) as session:
        for day, says in ((3, True), (5, False), (8, True), (12, True), (15, False), (20, True)):
            record = MeetingRecord(title=f"อบรมครูวันที่ {day}", start_date=date(2026, 10, day), kind="training")
            text = f"{'กศน.อำเภอ' if says else 'โรงเรียน'}จัดอบรมครูวันที่ {day} ตุลาคม"
            add_article(session, source=f"{day}.txt", raw_text=text, records=[record])
    query = MeetingFilter(organizations=(("กศน",),), kinds=("training",))
    with session_scope(engine) as session:
        first, total = find_meetings(session=session, query=query, today=TODAY, limit=3)
        second, _ = find_meetings(session=session, query=query, today=TODAY, limit=3, offset=3)
    assert total == 3
    assert [m.title for m, _ in first] == ["อบรมครูวันที่ 20", "อบรมครูวันที่ 12", "อบรมครูวันที่ 8"]
    assert [m.title for m, _ in second] == ["อบรมครูวันที่ 3"]


def test_long_terms_ask_the_index_for_a_few_trigrams() -> None:
    expression = match_expression("สำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน")
    assert expression.count("AND") == 3
    assert match_expression("สพฐ") == '"สพฐ"'


@pytest.fixture
def postgres_stored(postgres_url: str) -> Iterator[Engine]:
    """The meetings of `stored` on PostgreSQL, each article saying a few more words than its title."""
    engine = make_engine(postgres_url)
    upgrade(engine)
    with session_scope(engine) as session:
        add(session, "ประชุมนวัตกรรมการศึกษา", date(2026, 11, 20), organizer="สำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน")
        add(session, "สัมมนาหลักสูตร", date(2026, 11, 25))
        add(session, "อบรมครูปฐมวัย", date(2026, 11, 10), date(2026, 11, 30), kind="training")
    yield engine
    engine.dispose()


def _all_common(monkeypatch: pytest.MonkeyPatch) -> None:
    """PostgreSQL's statistics made to call every word common: each is checked row by row (strpos)."""
    monkeypatch.setattr(meeting_store, "estimated", lambda *_args, **_kwargs: 10.0**9)
    monkeypatch.setattr(search, "estimated", lambda *_args, **_kwargs: 10.0**9)


QUESTIONS = [
    (MeetingFilter(keywords=("นวัตกรรม",)), ["ประชุมนวัตกรรมการศึกษา"]),  # in the title
    (MeetingFilter(keywords=("20261125",)), ["สัมมนาหลักสูตร"]),  # only in the article's text (folded)
    (MeetingFilter(organizations=(("สพฐ", "สำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน"),)), ["ประชุมนวัตกรรมการศึกษา"]),
    (MeetingFilter(keywords=("ข่าว",), kinds=("training",)), ["อบรมครูปฐมวัย"]),  # every article, one kind
    (MeetingFilter(keywords=("100%",)), []),  # a LIKE wildcard is a plain character to strpos too
]


@pytest.mark.postgres
@pytest.mark.parametrize(("query", "expected"), QUESTIONS)
def test_common_words_checked_row_by_row_find_what_the_index_finds(
    postgres_stored: Engine, monkeypatch: pytest.MonkeyPatch, query: MeetingFilter, expected: list[str]
) -> None:
    """A word PostgreSQL's statistics call common finds the very meetings the trigram index finds."""
    assert titles(postgres_stored, query) == expected
    _all_common(monkeypatch)
    assert titles(postgres_stored, query) == expected


@pytest.mark.postgres
def test_a_guessed_count_never_claims_more_than_the_page_shows(
    postgres_stored: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When the planner guesses thousands for a word, the count is "more than the cap" unless the page
    comes out short: then the guess was wrong, and the meetings are counted."""
    _all_common(monkeypatch)
    monkeypatch.setattr(meeting_store, "estimated_rows", lambda *_args: 10.0**9)
    query = MeetingFilter(keywords=("ข่าว",))  # every article says it; no meeting's fields do
    with session_scope(postgres_stored) as session:
        rows, total = find_meetings(session=session, query=query, today=TODAY)
        assert (len(rows), total) == (3, 3)
        rows, total = find_meetings(session=session, query=query, today=TODAY, limit=2)
        assert (len(rows), total) == (2, meeting_store.COUNT_CAP + 1)
        query = MeetingFilter(keywords=("นวัตกรรม",))  # in one title
        assert find_meetings(session=session, query=query, today=TODAY)[1] == 1
