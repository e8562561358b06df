"""Meeting extraction on article-shaped text written in the genre (not copies of the seeds)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from news.clean import clean_article
from news.extract import extract_meetings
from tests.conftest import SEEDS, require_shared

CASES: list[tuple[str, dict[str, Any]]] = [
    (
        "วันที่ 3 กรกฎาคม 2567 เวลา 09.00 น. สำนักงานศึกษาธิการจังหวัดตรัง จัดประชุมเชิงปฏิบัติการจัดทำแผนปฏิบัติราชการ "
        "ณ ห้องประชุมชั้น 3 ศาลากลางจังหวัดตรัง โดยมีนายสมชาย ใจดี ผู้ว่าราชการจังหวัดตรัง เป็นประธาน มีผู้เข้าร่วม 80 คน",
        {"kind": "workshop", "start_date": "2024-07-03", "time": "09:00", "province": "ตรัง",
         "chair": "นายสมชาย ใจดี", "chair_position": "ผู้ว่าราชการจังหวัดตรัง", "attendees": 80,
         "organizer": "สำนักงานศึกษาธิการจังหวัดตรัง"},
    ),
    (
        "สกศ. จัดสัมมนาวิชาการ เรื่อง การศึกษาเพื่ออนาคต เมื่อวันที่ 12 ม.ค. 66 ณ โรงแรมเซ็นทารา แกรนด์ กรุงเทพฯ",
        {"kind": "seminar", "start_date": "2023-01-12", "province": "กรุงเทพมหานคร",
         "organizer": "สกศ.", "title": "การศึกษาเพื่ออนาคต"},
    ),
    (
        "ระหว่างวันที่ 18-20 มี.ค. 68 สพม.นครราชสีมา จัดอบรมครูแกนนำด้านการวัดผล ณ โรงแรมแคนทารี โคราช "
        "อำเภอเมืองนครราชสีมา จังหวัดนครราชสีมา มีครูเข้าร่วมอบรม จำนวน 150 คน",
        {"kind": "training", "start_date": "2025-03-18", "end_date": "2025-03-20", "province": "นครราชสีมา",
         "organizer": "สพม.นครราชสีมา", "attendees": 150},
    ),
    (
        "เมื่อวันจันทร์ที่ 2 ก.ย. 2567 นางสาวอรทัย สุขใจ ศึกษาธิการจังหวัดน่าน เป็นประธานการประชุมชี้แจงแนวทาง"
        "การรับนักเรียน ปีการศึกษา 2568 ณ หอประชุมโรงเรียนสตรีศรีน่าน อำเภอเมืองน่าน จังหวัดน่าน",
        {"kind": "briefing", "start_date": "2024-09-02", "province": "น่าน", "chair": "นางสาวอรทัย สุขใจ",
         "chair_position": "ศึกษาธิการจังหวัดน่าน"},
    ),
    (
        "วันที่ ๒๕ ธันวาคม ๒๕๖๖ เวลา ๑๓.๓๐ น. ดร.วิไล ทองมา ผู้อำนวยการสำนักงานเขตพื้นที่การศึกษาประถมศึกษาลำปาง เขต 2 "
        "เป็นประธานเปิดการประชุมผู้บริหารสถานศึกษา ณ ห้องประชุมสำนักงานเขต อ.เกาะคา จ.ลำปาง",
        {"kind": "meeting", "start_date": "2023-12-25", "time": "13:30", "province": "ลำปาง",
         "chair": "ดร.วิไล ทองมา"},
    ),
    (
        "ทั้งนี้ การประชุมดังกล่าวจัดขึ้นระหว่างวันที่ 31 ตุลาคม – 2 พฤศจิกายน 2567 ณ โรงแรมหรรษา เจบี อ.หาดใหญ่ "
        "โดยสำนักงานศึกษาธิการภาค 6 จัดการอบรมเชิงปฏิบัติการ หลักสูตรครูแกนนำวิทยาการคำนวณ",
        {"kind": "training", "start_date": "2024-10-31", "end_date": "2024-11-02", "province": "สงขลา"},
    ),
    (
        "กศน.จังหวัดพิษณุโลก จัดการประชุมคณะกรรมการสถานศึกษา วันที่ 8 สิงหาคม 2566 ณ ห้องประชุม กศน.อำเภอวังทอง "
        "จังหวัดพิษณุโลก มีผู้เข้าร่วม รวมทั้งสิ้น 45 คน",
        {"start_date": "2023-08-08", "province": "พิษณุโลก", "attendees": 45},
    ),
    (
        "เมื่อวันที่ 14 พ.ย. 2565 พลตำรวจเอกประยุทธ สมศรี ที่ปรึกษารัฐมนตรีว่าการกระทรวงศึกษาธิการ เป็นประธานเปิด"
        "การสัมมนาผู้บริหารการศึกษาภาคตะวันออก ณ โรงแรมแอมบาสเดอร์ ซิตี้ จอมเทียน อ.บางละมุง จ.ชลบุรี",
        {"kind": "seminar", "start_date": "2022-11-14", "province": "ชลบุรี",
         "chair_position": "ที่ปรึกษารัฐมนตรีว่าการกระทรวงศึกษาธิการ"},
    ),
    (
        "สพฐ. ประชุมชี้แจงนโยบาย ผ่านระบบประชุมทางไกล วันที่ 6 มิถุนายน 2567 เวลา 10.00 น. "
        "ผู้อำนวยการเขตพื้นที่การศึกษาทุกเขตเข้าร่วมประชุม จำนวน 245 คน",
        {"kind": "briefing", "start_date": "2024-06-06", "time": "10:00", "province": None, "attendees": 245},
    ),
    (
        "ศธจ.ภูเก็ต จัดประชุมคณะกรรมการศึกษาธิการจังหวัดภูเก็ต (กศจ.) ครั้งที่ 5/2567 วันที่ 30 พ.ค. 67 "
        "ณ ห้องประชุมศาลากลางจังหวัดภูเก็ต",
        {"start_date": "2024-05-30", "province": "ภูเก็ต", "organizer": "ศธจ.ภูเก็ต"},
    ),
    (
        "วันที่ 10 ตุลาคม 2567 เวลา 9 โมงเช้า มหาวิทยาลัยราชภัฏอุดรธานี จัดอบรมครูภาษาอังกฤษ ณ หอประชุมมหาวิทยาลัย",
        {"kind": "training", "time": "09:00", "start_date": "2024-10-10"},
    ),
    (
        "สพป.ขอนแก่น เขต 1 จัดประชุมเชิงปฏิบัติการพัฒนาหลักสูตรสถานศึกษา ระหว่างวันที่ 5 - 6 ก.พ. 2568 "
        "ณ โรงแรมพูลแมน ขอนแก่น ราชา ออคิด มีครูเข้าร่วมกว่า 300 คน",
        {"kind": "workshop", "start_date": "2025-02-05", "end_date": "2025-02-06", "province": "ขอนแก่น",
         "attendees": 300, "organizer": "สพป.ขอนแก่น เขต 1"},
    ),
    (
        "วันที่ 21 มีนาคม 2567 ว่าที่ร้อยตรี ดร.ชาญ มั่นคง รองเลขาธิการคณะกรรมการการอาชีวศึกษา เป็นประธาน"
        "ในพิธีเปิดการสัมมนาครูอาชีวศึกษา ณ วิทยาลัยเทคนิคเชียงราย อำเภอเมืองเชียงราย จังหวัดเชียงราย",
        {"kind": "seminar", "province": "เชียงราย", "chair_position": "รองเลขาธิการคณะกรรมการการอาชีวศึกษา"},
    ),
    (
        "เมื่อวันที่ 4 เม.ย. 2568 ณ ห้องประชุมเอกภาพ อาคาร สพฐ. 1 เขตดุสิต นายธนากร วงศ์ใหญ่ เลขาธิการ กพฐ. "
        "เป็นประธานการประชุมคณะทำงานขับเคลื่อนโรงเรียนคุณภาพ",
        {"start_date": "2025-04-04", "province": "กรุงเทพมหานคร", "chair": "นายธนากร วงศ์ใหญ่"},
    ),
    (
        "จังหวัดสุราษฎร์ธานี จัดการประชุมเชิงปฏิบัติการ โครงการพัฒนาครูปฐมวัย วันที่ 11-12 กรกฎาคม 2567 "
        "ณ โรงแรมวังใต้ อำเภอเมืองสุราษฎร์ธานี",
        {"kind": "workshop", "province": "สุราษฎร์ธานี", "end_date": "2024-07-12",
         "title": "โครงการพัฒนาครูปฐมวัย"},
    ),
    (
        "กำหนดส่งเอกสารภายในวันที่ 30 เมษายน 2568 ทั้งนี้ สพป.ระยอง เขต 1 จัดประชุมชี้แจงการรับสมัคร"
        "เมื่อวันที่ 2 เมษายน 2568 ณ ห้องประชุมสำนักงาน",
        {"start_date": "2025-04-02", "kind": "briefing"},
    ),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[f"case{i}" for i in range(len(CASES))])
def test_extracts_fields_from_genre_text(text: str, expected: dict[str, Any]) -> None:
    """Each stated field comes out as an official would read it."""
    [meeting] = extract_meetings(text)
    got = meeting.to_json()
    for name, value in expected.items():
        if name == "title":
            assert value in got["title"], got["title"]
        else:
            assert got[name] == value, f"{name}: {got[name]!r}"


@pytest.mark.parametrize(
    "text",
    [
        "นักเรียนโรงเรียนบ้านหนองบัวคว้ารางวัลชนะเลิศการแข่งขันคัดลายมือ วันที่ 2 กันยายน 2567",
        "สพฐ. ประกาศผลการคัดเลือกครูดีเด่น ประจำปี 2567 รายละเอียดตามเอกสารแนบ",
        "รมว.ศธ. ตรวจเยี่ยมโรงเรียนขนาดเล็กในจังหวัดแม่ฮ่องสอน และมอบทุนการศึกษาแก่นักเรียน",
        "ห้องประชุมของโรงเรียนได้รับการปรับปรุงใหม่ด้วยงบประมาณจากท้องถิ่น",
        "",
        "image\nแชร์\nอ่านต่อ",
    ],
)
def test_article_without_a_meeting_gives_none(text: str) -> None:
    """News that reports no meeting gives an empty list, not a guess."""
    assert extract_meetings(text) == []


def test_page_chrome_and_next_article_are_removed() -> None:
    """Share buttons, counters and bylines go, and a pasted follow-on article is cut off."""
    text = (
        "ประชุมครู\u200bวิทยาศาสตร์\nแชร์\nเข้าชม 1,245 ครั้ง\n"
        "วันที่ 1 มีนาคม 2567 สพม.ตรัง จัดประชุมครูวิทยาศาสตร์ ณ ห้องประชุมโรงเรียน\n"
        "ภาพ/ข่าว กลุ่มประชาสัมพันธ์\nข่าวที่เกี่ยวข้อง\nสพป.ตาก จัดอบรม วันที่ 9 ก.ย. 2567"
    )
    cleaned = clean_article(text)
    assert "\u200b" not in cleaned
    assert "เข้าชม" not in cleaned
    assert "แชร์" not in cleaned
    assert "ตาก" not in cleaned
    [meeting] = extract_meetings(text)
    assert meeting.start_date is not None and meeting.start_date.isoformat() == "2024-03-01"


def test_summary_says_what_when_where_who_within_300_characters() -> None:
    [meeting] = extract_meetings(CASES[0][0])
    assert len(meeting.summary) <= 300
    for part in ("ประชุมเชิงปฏิบัติการ" if "ประชุม" in meeting.title else meeting.title[:10], "2567", "ตรัง"):
        assert part in meeting.summary


def test_shared_seeds_match_their_labels() -> None:
    """The five labelled real articles give their labelled dates, provinces, kinds and counts."""
    require_shared(SEEDS)
    labels = json.loads((SEEDS / "expected.json").read_text(encoding="utf-8"))
    for label in labels:
        [meeting] = extract_meetings((SEEDS / label["file"]).read_text(encoding="utf-8"))
        got = meeting.to_json()
        [want] = label["meetings"]
        for name in ("kind", "start_date", "end_date", "time", "province", "attendees"):
            assert got[name] == want[name], f"{label['file']} {name}"
