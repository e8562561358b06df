"""How Thai education news names organisers, venues, titles, positions and head-counts.

Sentences written by the team in the genre; each pins what an official would read off the article.
"""

from __future__ import annotations

import pytest

from news.candidates import propose_attendees, propose_events, propose_organizers, propose_venues
from news.extract import extract_meetings
from news.people import find_people
from news.segment import Article


def organisers(text: str) -> list[str]:
    return [candidate.value for candidate in propose_organizers(Article(text), 0)]


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("สพฐ.หารือแนวทางการพัฒนาโรงเรียนขนาดเล็ก", "สพฐ."),
        ("รมช.ศธ. ศูนย์ประสานงานการศึกษาภาคใต้ จัดประชุม", "ศธ."),
        ("สพป.ลำพูน เขต 1 ประชุมผู้บริหาร", "สพป.ลำพูน เขต 1"),
        ("กมธ.การศึกษา จัดเวทีสัมมนา", "กมธ.การศึกษา"),
        ("คณะกรรมาธิการการศึกษา วุฒิสภา จัดเสวนา", "คณะกรรมาธิการการศึกษา วุฒิสภา"),
    ],
)
def test_an_abbreviation_keeps_only_its_place_or_subject(text: str, body: str) -> None:
    """The word after an abbreviation is its place or glued subject; otherwise the next clause's word."""
    assert organisers(text)[0] == body


def test_a_word_starting_like_an_abbreviation_is_no_body() -> None:
    """The letters สถ open สถาบัน and a surname; neither is the body สถ."""
    found = organisers("นายสมชาย สถิตย์วงศ์ ผู้อำนวยการสถาบันพัฒนาครู")
    assert found == ["สถาบันพัฒนาครู"]


def test_the_host_school_organises_the_meeting() -> None:
    """A school that "เป็นเจ้าภาพในการจัดประชุม" organised it; the director who chaired did not."""
    [meeting] = extract_meetings(
        "วันที่ 12 มีนาคม 2568 นายประยูร ศรีสุข ผู้อำนวยการสำนักงานเขตพื้นที่การศึกษาประถมศึกษาแพร่ เขต 2 "
        "เป็นประธานการประชุมเครือข่ายผู้บริหารโรงเรียนกลุ่มสองฝั่งยม ณ หอประชุมโรงเรียนบ้านวังชิ้น "
        "ในการนี้ โรงเรียนบ้านวังชิ้น เป็นเจ้าภาพในการจัดประชุม"
    )
    assert meeting.organizer == "โรงเรียนบ้านวังชิ้น"
    assert meeting.chair == "นายประยูร ศรีสุข"


def test_a_room_cut_off_before_its_name_is_no_venue() -> None:
    """A room noun with nothing after it ("ณ ห้องประชุม") names no place a reader could go to."""
    venues = [c.value for c in propose_venues(Article("ผู้บริหารทุกคนเข้าร่วม ณ ห้องประชุม "), 0)]
    assert venues == []


def test_a_distance_meeting_is_held_in_its_origin_room() -> None:
    """The room at the origin of a video conference is the venue, not the video link."""
    [meeting] = extract_meetings(
        "สพม.ตรัง กระบี่ ประชุมผู้บริหารสถานศึกษาทางไกล\n"
        "วันที่ 4 กุมภาพันธ์ 2568 นายเกรียงไกร ทองคำ ผู้อำนวยการสำนักงานเขตพื้นที่การศึกษามัธยมศึกษาตรัง กระบี่ "
        "เป็นประธานการประชุมผู้บริหารสถานศึกษาประจำเดือนกุมภาพันธ์ ณ จุดต้นทาง ห้องประชุมอันดามัน "
        "สำนักงานเขตพื้นที่การศึกษามัธยมศึกษาตรัง กระบี่ ส่งสัญญาณไปยังโรงเรียนผ่านระบบ Zoom Meeting"
    )
    assert meeting.venue is not None and meeting.venue.startswith("ห้องประชุมอันดามัน")


def test_an_event_named_only_by_its_type_takes_its_purpose() -> None:
    """A bare type word names nothing: "สัมมนาเชิงปฏิบัติการ เพื่อพัฒนา…" is the seminar's name."""
    text = "อธิการบดีกล่าวต้อนรับผู้เข้าร่วมการสัมมนาเชิงปฏิบัติการ เพื่อพัฒนาเครือข่ายครูแนะแนว ณ ห้องประชุมใหญ่"
    titles = [c.value[0] for c in propose_events(Article(text))]
    assert titles[0] == "สัมมนาเชิงปฏิบัติการ เพื่อพัฒนาเครือข่ายครูแนะแนว"


def test_a_position_before_a_bracketed_name_starts_at_its_head() -> None:
    """The date that opens the sentence is not part of the position written before "(name)"."""
    [person] = find_people("วันที่ 3 มีนาคม 2567 เลขาธิการสภาการศึกษา (ดร.สมพร ใจงาม) เป็นประธานการประชุม")
    assert (person.name, person.position) == ("ดร.สมพร ใจงาม", "เลขาธิการสภาการศึกษา")


@pytest.mark.parametrize(
    "text",
    [
        "รายการแข่งขัน จำนวน 40 รายการ",
        "วันที่ 12 มีนาคม 2567 ท่านผู้อำนวยการกล่าวเปิด",
    ],
)
def test_items_and_a_dates_year_are_not_head_counts(text: str) -> None:
    """Items ("40 รายการ") and a year before an honorific ("2567 ท่าน…") are not people counted."""
    assert propose_attendees(Article(text), 0) == []
