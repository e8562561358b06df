# ruff: noqa: E501  (article fixtures keep their lines as published)
"""Articles that report several meetings (schedules, round-ups) give one record each; others stay whole."""

from __future__ import annotations

from datetime import date

from news.extract import extract_meetings

SCHEDULE = """ศธจ.ตรัง แจ้งกำหนดการประชุมเดือนมีนาคม 2567

สำนักงานศึกษาธิการจังหวัดตรัง แจ้งกำหนดการประชุมและสัมมนาประจำเดือนมีนาคม 2567 ดังนี้
1. การประชุมคณะกรรมการศึกษาธิการจังหวัดตรัง ครั้งที่ 3/2567 วันที่ 5 มีนาคม 2567 เวลา 09.00 น. ณ ห้องประชุมศาลากลางจังหวัดตรัง
2. การสัมมนาเครือข่ายผู้ปกครอง เรื่อง การป้องกันเด็กออกกลางคัน วันที่ 12 มีนาคม 2567 เวลา 13.30 น. ณ โรงแรมธรรมรินทร์ธนา อำเภอเมืองตรัง
3. การอบรมเชิงปฏิบัติการครูแนะแนว วันที่ 20-21 มีนาคม 2567 ณ โรงเรียนวิเชียรมาตุ

ผู้สนใจติดต่อ กลุ่มนโยบายและแผน
"""

BULLETS = """สพป.ลำปาง เขต ๑ ประชาสัมพันธ์การประชุมสัปดาห์หน้า
• ประชุมผู้บริหารสถานศึกษา วันที่ ๘ ก.ค. ๖๗ ณ หอประชุมสำนักงานเขตพื้นที่การศึกษา
• ประชุมชี้แจงการประเมินคุณภาพภายนอก วันที่ ๑๐ ก.ค. ๖๗ ณ โรงเรียนอนุบาลลำปาง
"""

AGENDA = """สพม.นครปฐม จัดประชุมผู้บริหารสถานศึกษา ครั้งที่ 2/2567 วันที่ 14 พฤษภาคม 2567 ณ หอประชุมโรงเรียนพระปฐมวิทยาลัย
โดยมีวาระสำคัญดังนี้
1. การรับนักเรียนปีการศึกษา 2567
2. การประชุมคณะกรรมการสถานศึกษาตามระเบียบใหม่
3. การเตรียมความพร้อมเปิดภาคเรียน
"""


def test_a_schedule_gives_one_meeting_per_item() -> None:
    meetings = extract_meetings(SCHEDULE)
    assert [(m.kind, m.start_date, m.end_date) for m in meetings] == [
        ("meeting", date(2024, 3, 5), None),
        ("seminar", date(2024, 3, 12), None),
        ("training", date(2024, 3, 20), date(2024, 3, 21)),  # อบรมเชิงปฏิบัติการ is training, not a workshop
    ]
    assert [m.time for m in meetings] == ["09:00", "13:30", None]
    assert {m.organizer for m in meetings} == {"ศธจ.ตรัง"}  # as the headline names it
    assert {m.province for m in meetings} == {"ตรัง"}
    assert meetings[1].title == "การป้องกันเด็กออกกลางคัน" or "เครือข่ายผู้ปกครอง" in meetings[1].title
    assert meetings[2].venue == "โรงเรียนวิเชียรมาตุ"


def test_bullets_thai_digits_and_short_years() -> None:
    meetings = extract_meetings(BULLETS)
    assert [(m.kind, m.start_date) for m in meetings] == [
        ("meeting", date(2024, 7, 8)),
        ("briefing", date(2024, 7, 10)),
    ]
    assert all(m.province == "ลำปาง" for m in meetings)


def test_a_numbered_agenda_leaves_one_meeting() -> None:
    """Agenda points are not meetings of their own: they have no day."""
    meetings = extract_meetings(AGENDA)
    assert len(meetings) == 1 and meetings[0].start_date == date(2024, 5, 14)


def test_area_office_names_its_province() -> None:
    from news.places import find_provinces

    found = find_provinces(
        "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาลำปาง เขต 1 และ สำนักงานเขตพื้นที่การศึกษามัธยมศึกษาตรัง กระบี่"
    )
    assert [m.province for m in found][:2] == ["ลำปาง", "ตรัง"]


def test_a_schedule_is_stored_once_with_all_its_meetings(sqlite_engine: object) -> None:
    from sqlalchemy import Engine
    from sqlmodel import select

    from handlers.admin import add_text
    from store.db import session_scope
    from store.models import Meeting

    assert isinstance(sqlite_engine, Engine)
    for _ in range(2):
        with session_scope(sqlite_engine) as session:
            add_text(session, source="schedule.txt", text=SCHEDULE, added_by="test")
    with session_scope(sqlite_engine) as session:
        assert len(session.exec(select(Meeting)).all()) == 3
