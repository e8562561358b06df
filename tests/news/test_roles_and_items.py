"""Who chaired, who is not a person, how a body is named, and pages that carry several dated items.

Sentences written by the team in the genre; each pins what an official would read off the article.
"""

from __future__ import annotations

from news.extract import extract_meetings
from news.people import find_people


def test_opening_credited_with_by_names_the_chair_not_the_reporter() -> None:
    """ "กล่าวรายงานโดย X … พิธีเปิดการประชุม โดย Y": Y opened the meeting, X only reported."""
    text = (
        "ศธภ.9 จัดประชุมขับเคลื่อนนโยบายการศึกษาสู่การปฏิบัติ\n"
        "วันที่ 14 มิถุนายน 2567 สำนักงานศึกษาธิการภาค 9 จัดประชุมขับเคลื่อนนโยบายการศึกษาสู่การปฏิบัติ "
        "ณ ห้องประชุมโรงแรมเจริญธานี จังหวัดขอนแก่น กล่าวรายงานโดย นายวิชัย ศรีสุข รองศึกษาธิการภาค 9 "
        "ต่อจากนั้นเป็นพิธีเปิดการประชุมและบรรยายพิเศษ "
        "โดย ดร.อำนวย มีสุข ศึกษาธิการภาค 9 หลังจากนั้นมีการแลกเปลี่ยนความคิดเห็น"
    )
    [meeting] = extract_meetings(text)
    assert meeting.chair == "ดร.อำนวย มีสุข"


def test_a_deputy_assigned_to_open_the_training_chairs_it() -> None:
    """ "มอบหมายให้ ดร.X … ประธานเปิดการฝึกอบรม" (no เป็น): the deputy who opened it is the chair."""
    text = (
        "วันที่ 8 สิงหาคม 2567 เวลา 09.00 น. ที่ห้องประชุมราชพฤกษ์ นายสุชาติ บุญมา "
        "ผู้อำนวยการสำนักงานเขตพื้นที่การศึกษาประถมศึกษาพิษณุโลก เขต 2 มอบหมายให้ ดร.กมลา แสงทอง "
        "รองผู้อำนวยการสำนักงานเขตพื้นที่การศึกษาประถมศึกษาพิษณุโลก เขต 2 ประธานเปิดการฝึกอบรมครูแกนนำ"
        "การจัดการเรียนรู้เชิงรุก มีครูเข้าร่วม 60 คน"
    )
    [meeting] = extract_meetings(text)
    assert (meeting.chair, meeting.chair_position) == (
        "ดร.กมลา แสงทอง",
        "รองผู้อำนวยการสำนักงานเขตพื้นที่การศึกษาประถมศึกษาพิษณุโลก เขต 2",
    )


def test_offices_and_next_words_are_not_people() -> None:
    """นายอำเภอ is an office; "นาง" inside "พัฒนางาน" and "ดร.X กล่าวว่า" are not names; a dentist is."""
    text = (
        "นายอำเภอเมืองชลบุรี นายอำเภอบ้านบึง ร่วมประชุม เพื่อนำไปพัฒนางานต่อไป ซึ่งก่อนเปิดการประชุม "
        "ดร.อรุณ กล่าวว่า ทันตแพทย์หญิง ดร.วันดี ศรีงาม คณบดีคณะทันตแพทยศาสตร์ เป็นประธาน"
    )
    assert [person.name for person in find_people(text)] == ["ทันตแพทย์หญิง ดร.วันดี ศรีงาม"]


def test_a_body_is_named_as_the_article_writes_it() -> None:
    """Readers know สช. as สช.; an abbreviation written without its dot gets it."""
    [private] = extract_meetings(
        "สช.จัดการประชุมเครือข่ายพัฒนาการศึกษาเอกชนภาคเหนือ\n"
        "วันที่ 20 มกราคม 2568 สำนักงานคณะกรรมการส่งเสริมการศึกษาเอกชน จัดการประชุมเครือข่ายพัฒนาการศึกษาเอกชน"
        "ภาคเหนือ ณ โรงแรมดิเอมเพรส จังหวัดเชียงใหม่"
    )
    assert private.organizer == "สช."
    [basic] = extract_meetings(
        "สพฐ จัดประชุมชี้แจงการประเมินวิทยฐานะ วันที่ 4 ธันวาคม 2567 ณ ห้องประชุมสพฐ. 1 กระทรวงศึกษาธิการ"
    )
    assert basic.organizer == "สพฐ."


def test_a_listing_page_gives_one_meeting_per_dated_paragraph() -> None:
    """A news page that lists items, each opening with its own day, reports each item's meeting."""
    text = (
        "News-Meeting\n"
        "On March 4, 2025, at the Grand Ballroom of Centara Hotel in Khon Kaen Province, the Permanent "
        "Secretary of Education presided over the 3rd Mekong Education Officials Meeting "
        "with 80 participants.\n"
        "News-Meeting\n"
        "On March 4, 2025, at the same venue, delegates attended the 5th Regional Teacher Development Forum "
        "in the afternoon."
    )
    meetings = extract_meetings(text)
    assert [(m.title, m.start_date.isoformat()) for m in meetings] == [
        ("3rd Mekong Education Officials Meeting", "2025-03-04"),
        ("5th Regional Teacher Development Forum", "2025-03-04"),
    ]


def test_a_posting_date_line_is_not_a_second_meeting() -> None:
    """A page's own "posted on" line is not an item: one meeting, not two."""
    text = (
        "วันที่ 11 มิถุนายน 2567 เวลา 10.00 น. นายอนุชา ใจกว้าง รองผู้ว่าราชการจังหวัดสระบุรี "
        "เป็นประธานการประชุมชี้แจงแนวทางการรับนักเรียน ณ ห้องประชุมสำนักงานศึกษาธิการจังหวัดสระบุรี\n"
        "วันที่ 11 มิ.ย. 2567 10:00 น.\n"
        "สำหรับการประชุมในครั้งนี้เป็นการประชุมเพื่อชี้แจงทำความเข้าใจกับผู้บริหารสถานศึกษาในจังหวัด"
    )
    [meeting] = extract_meetings(text)
    assert meeting.title == "ประชุมชี้แจงแนวทางการรับนักเรียน"


def test_a_second_committee_meeting_with_its_own_days_is_its_own_record() -> None:
    """Two committee meetings whose names start alike are still two events on their own days."""
    text = (
        "การประชุมคณะกรรมการเตรียมงานมหกรรมวิชาการ\n"
        "วันที่ 10 มกราคม 2568 เวลา 13.30 น. ณ ห้องประชุมสพป.น่าน เขต 1 บุคลากรที่เกี่ยวข้อง "
        "ได้เข้าร่วมการประชุมคณะกรรมการการศึกษาขั้นพื้นฐานสัญจร จังหวัดน่าน ระหว่างวันที่ 3-5 กุมภาพันธ์ 2568 "
        "ซึ่งสำนักงานคณะกรรมการการศึกษาขั้นพื้นฐานแจ้งกำหนดการไว้"
    )
    meetings = extract_meetings(text)
    assert [(m.start_date.isoformat(), m.end_date and m.end_date.isoformat()) for m in meetings] == [
        ("2025-01-10", None),
        ("2025-02-03", "2025-02-05"),
    ]


def test_every_kind_of_honorific_still_introduces_a_name() -> None:
    """The scan skips letters no honorific starts with; each family of honorifics is still read."""
    text = (
        "แพทย์หญิงสุดา ใจดี และเภสัชกรหญิงวิไล ทองดี พร้อมด้วยว่าที่ร้อยตรีสมชาย มั่นคง "
        "คุณหญิงกัลยาณี ศรีสุข ผศ.ดร.อนันต์ ปัญญาดี และพล.ต.ท.ประสิทธิ์ กล้าหาญ"
    )
    assert [person.name for person in find_people(text)] == [
        "แพทย์หญิงสุดา ใจดี",
        "เภสัชกรหญิงวิไล ทองดี",
        "ว่าที่ร้อยตรีสมชาย มั่นคง",
        "คุณหญิงกัลยาณี ศรีสุข",
        "ผศ.ดร.อนันต์ ปัญญาดี",
        "พล.ต.ท.ประสิทธิ์ กล้าหาญ",
    ]
