"""The learned extractor on sentences written for these tests: evidence, confidence, inferred places,
English releases, and the distractors that hand rules used to trip on."""

from __future__ import annotations

from datetime import date

from news.clean import clean_article
from news.extract import extract_meetings
from news.record import MeetingRecord


def only(text: str) -> MeetingRecord:
    meetings = extract_meetings(text)
    assert len(meetings) == 1, meetings
    return meetings[0]


def test_each_field_points_at_the_words_it_was_read_from() -> None:
    text = (
        "สพป.น่าน เขต 1 ประชุมชี้แจงการประเมินครูผู้ช่วย\n\n"
        "เมื่อวันที่ 17 มกราคม 2568 เวลา 10.00 น. นายอดิศร ทองดี ผู้อำนวยการสำนักงานเขตพื้นที่การศึกษา"
        "ประถมศึกษาน่าน เขต 1 เป็นประธานการประชุมชี้แจงการประเมินครูผู้ช่วย ณ หอประชุมเมืองน่าน"
    )
    meeting = only(text)
    cleaned = clean_article(text)
    spans = {name: cleaned[start:end] for name, (start, end) in meeting.evidence.items()}
    assert spans["date"] == "17 มกราคม 2568"
    assert spans["time"] == "10.00"
    assert spans["chair"] == "นายอดิศร ทองดี"
    assert spans["venue"] == "หอประชุมเมืองน่าน"
    assert meeting.start_date == date(2025, 1, 17)
    assert set(meeting.confidence) >= {"title", "date", "time", "venue", "chair", "province"}
    assert all(0.5 <= meeting.confidence[name] <= 1.0 for name in ("date", "time", "chair"))


def test_json_carries_evidence_confidence_and_inferred() -> None:
    data = only("สกศ. จัดสัมมนาวิชาการการศึกษาตลอดชีวิต วันที่ 4 มีนาคม 2567 ณ ห้องประชุมราชวัลลภ").to_json()
    assert data["province"] == "กรุงเทพมหานคร"
    assert data["province_inferred"] is True
    assert isinstance(data["evidence"]["date"], list) and len(data["evidence"]["date"]) == 2
    assert 0.0 <= data["confidence"]["province"] <= 1.0


def test_a_rajabhat_university_names_its_province() -> None:
    meeting = only(
        "มหาวิทยาลัยราชภัฏนครสวรรค์ จัดอบรมครูวิทยาศาสตร์ระดับมัธยมศึกษา วันที่ 9 สิงหาคม 2566 "
        "ณ หอประชุมมหาวิทยาลัยราชภัฏนครสวรรค์ มีครูเข้าร่วม 90 คน"
    )
    assert (meeting.province, meeting.province_inferred, meeting.kind) == ("นครสวรรค์", True, "training")
    assert meeting.attendees == 90


def test_a_named_province_is_not_marked_inferred() -> None:
    meeting = only(
        "ศธจ.ลำพูน จัดประชุมคณะกรรมการศึกษาธิการจังหวัด วันที่ 6 กันยายน 2566 "
        "ณ ห้องประชุมศาลากลางจังหวัดลำพูน อำเภอเมืองลำพูน จังหวัดลำพูน"
    )
    assert (meeting.province, meeting.province_inferred) == ("ลำพูน", False)


def test_a_weekday_date_wins_over_an_application_deadline() -> None:
    meeting = only(
        "สพม.ระยอง จัดประชุมชี้แจงแนวทางการย้ายครู เมื่อวันพฤหัสบดีที่ 5 ธันวาคม 2567 เวลา 13.30 น. "
        "ณ ห้องประชุมสำนักงานเขตพื้นที่การศึกษามัธยมศึกษาระยอง ทั้งนี้ ให้ยื่นคำร้องขอย้ายภายในวันที่ "
        "1 มกราคม 2568"
    )
    assert (meeting.start_date, meeting.time, meeting.kind) == (date(2024, 12, 5), "13:30", "briefing")


def test_an_english_release() -> None:
    meeting = only(
        "Thai and Lao teachers share classroom practice\n\n"
        "On March 3, 2025, at 9:30 a.m., at Nong Khai Grand Hotel, Nong Khai Province, Dr. Somchai Inthara, "
        "Director of the Nong Khai Primary Educational Service Area Office, presided over the opening of "
        "the Mekong Teachers Forum. About 150 participants attended."
    )
    assert meeting.start_date == date(2025, 3, 3)
    assert meeting.time == "09:30"
    assert meeting.province == "หนองคาย"
    assert meeting.chair == "Dr. Somchai Inthara"
    assert meeting.chair_position == "Director of the Nong Khai Primary Educational Service Area Office"
    assert meeting.title == "Mekong Teachers Forum"


def test_a_reporter_is_not_the_chair() -> None:
    meeting = only(
        "วันที่ 20 มิถุนายน 2567 นางวิภา ใจงาม ผู้อำนวยการโรงเรียนบ้านดอน กล่าวรายงานการอบรมครูปฐมวัย "
        "โดยมี นายชัยวัฒน์ พรหมมา นายกองค์การบริหารส่วนจังหวัดชัยภูมิ เป็นประธานเปิดการอบรม "
        "ณ โรงเรียนบ้านดอน อำเภอเมืองชัยภูมิ จังหวัดชัยภูมิ"
    )
    assert meeting.chair == "นายชัยวัฒน์ พรหมมา"
    assert meeting.chair_position == "นายกองค์การบริหารส่วนจังหวัดชัยภูมิ"


def test_a_page_stamp_is_not_the_meeting_time() -> None:
    meeting = only(
        "ข่าวประชาสัมพันธ์ 14:07 น.\nสพป.ตาก เขต 2 ประชุมผู้บริหารสถานศึกษา ครั้งที่ 5/2567\n\n"
        "วันที่ 7 พฤษภาคม 2567 สพป.ตาก เขต 2 จัดประชุมผู้บริหารสถานศึกษา ครั้งที่ 5/2567 "
        "ณ หอประชุมสำนักงานเขตพื้นที่การศึกษาประถมศึกษาตาก เขต 2"
    )
    assert meeting.time is None
    assert meeting.start_date == date(2024, 5, 7)
    assert meeting.province == "ตาก"


def test_news_without_an_event_gives_nothing() -> None:
    assert (
        extract_meetings(
            "ประกาศผลการคัดเลือกครูดีเด่น ประจำปี 2567\n\nสำนักงานศึกษาธิการจังหวัดพะเยา ประกาศรายชื่อครูดีเด่น "
            "จำนวน 15 คน เมื่อวันที่ 12 มกราคม 2567 ผู้ได้รับคัดเลือกรับรางวัลได้ที่ห้องประชุมสำนักงาน"
        )
        == []
    )


def test_a_position_written_before_a_bracketed_name() -> None:
    meeting = only(
        "วันที่ 12 ธันวาคม 2566 สำนักงานเลขาธิการสภาการศึกษา จัดประชุมคณะอนุกรรมการปฏิรูปการเรียนรู้ ครั้งที่ 4/2566 "
        "โดยมี รองเลขาธิการสภาการศึกษา (ดร.กิตติ สุขสม) เป็นประธาน ณ ห้องประชุม สกศ."
    )
    assert (meeting.chair, meeting.chair_position) == ("ดร.กิตติ สุขสม", "รองเลขาธิการสภาการศึกษา")


def test_a_position_that_starts_with_prathan() -> None:
    meeting = only(
        "วันที่ 3 พฤษภาคม 2567 โรงเรียนบ้านหนองบัว จัดประชุมผู้ปกครองนักเรียน ได้รับเกียรติจาก นายบุญมี แสงดี "
        "ประธานคณะกรรมการสถานศึกษาขั้นพื้นฐาน เป็นประธานในพิธีเปิด ณ หอประชุมโรงเรียนบ้านหนองบัว"
    )
    assert (meeting.chair, meeting.chair_position) == ("นายบุญมี แสงดี", "ประธานคณะกรรมการสถานศึกษาขั้นพื้นฐาน")


def test_one_vocabulary_of_kinds() -> None:
    """The admin API, the console and the cards all take their kinds from news.kinds."""
    from typing import get_args

    from bot.admin_api import Kind
    from news.kinds import KIND_LABELS, KINDS

    assert get_args(Kind) == KINDS
    assert tuple(KIND_LABELS) == KINDS


def test_bangkok_is_never_a_changwat() -> None:
    from handlers.replies import meeting_lines, meeting_list_text
    from store.models import Meeting

    bangkok = Meeting(
        id=1, article_id=1, title="ประชุมชี้แจงการประเมินวิทยฐานะ", kind="briefing", province="กรุงเทพมหานคร",
        venue="ห้องประชุมราชวัลลภ", start_date=date(2024, 12, 5),
    )  # fmt: skip
    trang = Meeting(
        id=2, article_id=1, title="สัมมนาครู", kind="seminar", province="ตรัง", start_date=date(2024, 1, 5)
    )
    assert ("สถานที่", "ห้องประชุมราชวัลลภ, กรุงเทพมหานคร") in meeting_lines(bangkok)
    listed = meeting_list_text([(bangkok, "a.txt"), (trang, "b.txt")], "ค้นหา")
    assert "จ.กรุงเทพมหานคร" not in listed and "(5 ธันวาคม 2567 กรุงเทพมหานคร)" in listed
    assert "จ.ตรัง" in listed
    summary = only("สพฐ. จัดประชุมชี้แจงแนวทางการประเมินวิทยฐานะ วันที่ 5 ธันวาคม 2567 ณ ห้องประชุมราชวัลลภ").summary
    assert "กรุงเทพมหานคร" in summary and "จังหวัดกรุงเทพมหานคร" not in summary


def test_a_second_event_in_running_prose_is_its_own_record() -> None:
    meetings = extract_meetings(
        "สพป.อุทัยธานี เขต 1 ประชุมผู้บริหารสถานศึกษา ครั้งที่ 1/2568\n\n"
        "วันที่ 9 มกราคม 2568 เวลา 09.00 น. นายสมหมาย ใจเย็น ผู้อำนวยการสำนักงานเขตพื้นที่การศึกษาประถมศึกษา"
        "อุทัยธานี เขต 1 เป็นประธานการประชุมผู้บริหารสถานศึกษา ครั้งที่ 1/2568 ณ หอประชุมสำนักงานเขตพื้นที่การศึกษา"
        "ประถมศึกษาอุทัยธานี เขต 1 ทั้งนี้ สำนักงานเขตพื้นที่การศึกษาจะจัดการประชุมเชิงปฏิบัติการพัฒนาหลักสูตร"
        "สถานศึกษาปฐมวัย ในวันที่ 20 มกราคม 2568 ณ โรงแรมอุทัยธานีแกรนด์"
    )
    assert [(m.kind, m.start_date) for m in meetings] == [
        ("meeting", date(2025, 1, 9)),
        ("workshop", date(2025, 1, 20)),
    ]
    assert meetings[1].title.startswith("ประชุมเชิงปฏิบัติการพัฒนาหลักสูตรสถานศึกษาปฐมวัย")
