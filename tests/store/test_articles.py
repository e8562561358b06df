"""Articles and meetings in the store: nothing duplicated, nothing lost, filters in the database."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import Engine
from sqlmodel import select

from news.record import MeetingRecord
from store.articles import add_article, count_articles
from store.db import session_scope
from store.meetings import MeetingFilter, find_meetings
from store.models import Meeting

TEXT = "สำนักงานศึกษาธิการจังหวัดตรัง จัดประชุมเชิงปฏิบัติการทดสอบ วันที่ 1 มีนาคม 2567"


def record(title: str = "การประชุมทดสอบ", **fields: object) -> MeetingRecord:
    return MeetingRecord(title=title, **fields)  # type: ignore[arg-type]


def test_same_text_twice_is_stored_once(engine: Engine) -> None:
    """Adding an article again, even from another path, keeps one article and one set of meetings."""
    with session_scope(engine) as session:
        first = add_article(session, source="a.txt", raw_text=TEXT, records=[record()])
    with session_scope(engine) as session:
        again = add_article(session, source="copy.txt", raw_text=TEXT + "\n\nแชร์\n", records=[record()])
        assert not again.created
        assert again.article.id == first.article.id
        assert count_articles(session) == 1
        assert len(session.exec(select(Meeting)).all()) == 1


def test_updated_article_replaces_only_its_own_meetings(engine: Engine) -> None:
    """A corrected article from the same source swaps its meetings and leaves others alone."""
    with session_scope(engine) as session:
        add_article(session, source="a.txt", raw_text=TEXT, records=[record("เดิม")])
        add_article(session, source="b.txt", raw_text=TEXT + " อีกข่าว", records=[record("ข่าวอื่น")])
    with session_scope(engine) as session:
        result = add_article(session, source="a.txt", raw_text=TEXT + " แก้ไข", records=[record("ใหม่")])
        assert result.updated
        titles = sorted(m.title for m in session.exec(select(Meeting)).all())
    assert titles == ["ข่าวอื่น", "ใหม่"]


def test_admin_correction_survives_readding(engine: Engine) -> None:
    """A field an admin corrected keeps its value when the article's text is updated."""
    with session_scope(engine) as session:
        result = add_article(session, source="a.txt", raw_text=TEXT, records=[record(province="ตรัง")])
        meeting = result.meetings[0]
        meeting.province = "พัทลุง"
        meeting.corrections = {"province": "พัทลุง"}
    with session_scope(engine) as session:
        add_article(session, source="a.txt", raw_text=TEXT + " ปรับ", records=[record(province="ตรัง")])
        assert session.exec(select(Meeting)).one().province == "พัทลุง"


@pytest.fixture
def three_meetings(engine: Engine) -> Engine:
    rows = [
        record("การสัมมนาครู", kind="seminar", province="ตรัง", start_date=date(2024, 3, 15), attendees=80),
        record("การประชุมผู้บริหาร", kind="meeting", province="ตรัง", start_date=date(2023, 6, 1), attendees=600),
        record("การอบรมวิทยาการคำนวณ", kind="training", province="สงขลา", start_date=date(2024, 3, 20),
               end_date=date(2024, 3, 22), organizer="สำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน"),
    ]  # fmt: skip
    with session_scope(engine) as session:
        for index, row in enumerate(rows):
            add_article(session, source=f"{index}.txt", raw_text=f"{TEXT} {index}", records=[row])
    return engine


def titles(engine: Engine, query: MeetingFilter) -> list[str]:
    with session_scope(engine) as session:
        rows, _ = find_meetings(session=session, query=query, today=date(2024, 4, 1))
    return [meeting.title for meeting, _ in rows]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (MeetingFilter(provinces=("ตรัง",)), ["การสัมมนาครู", "การประชุมผู้บริหาร"]),
        (MeetingFilter(kinds=("seminar",)), ["การสัมมนาครู"]),
        (MeetingFilter(date_from=date(2024, 3, 21), date_to=date(2024, 3, 31)), ["การอบรมวิทยาการคำนวณ"]),
        (MeetingFilter(min_attendees=500), ["การประชุมผู้บริหาร"]),
        (MeetingFilter(max_attendees=99), ["การสัมมนาครู"]),
        (MeetingFilter(keywords=("วิทยาการ",)), ["การอบรมวิทยาการคำนวณ"]),
        (MeetingFilter(organizations=(("สำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน",),)), ["การอบรมวิทยาการคำนวณ"]),
        (MeetingFilter(provinces=("ตรัง",), kinds=("training",)), []),
        (MeetingFilter(order="latest"), ["การอบรมวิทยาการคำนวณ", "การสัมมนาครู", "การประชุมผู้บริหาร"]),
    ],
)
def test_find_meetings_filters_in_the_database(
    three_meetings: Engine, query: MeetingFilter, expected: list[str]
) -> None:
    """Each filter narrows the answer, filters combine with AND, and ล่าสุด orders newest first."""
    assert titles(three_meetings, query) == expected


def test_relevance_order_puts_nearest_in_time_first(three_meetings: Engine) -> None:
    """Without ล่าสุด, the meeting nearest to today comes first."""
    assert titles(three_meetings, MeetingFilter(provinces=("ตรัง",)))[0] == "การสัมมนาครู"


def test_nul_and_control_characters_are_dropped_not_fatal(engine: Engine) -> None:
    """PostgreSQL cannot store NUL; pasted text sometimes carries it."""
    with session_scope(engine) as session:
        result = add_article(session, source="nul.txt", raw_text=TEXT + "\x00\x07", records=[record()])
        assert "\x00" not in result.article.raw_text and "\x07" not in result.article.clean_text
