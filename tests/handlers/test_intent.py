"""How chat questions are understood: one row per way officials actually type."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from handlers.intent import parse_query

NOW = datetime(2026, 11, 23, 9, 30, tzinfo=ZoneInfo("Asia/Bangkok"))  # a Monday


def parse(text: str):  # type: ignore[no-untyped-def]
    return parse_query(text, now=NOW)


@pytest.mark.parametrize(
    ("text", "province"),
    [
        ("ประชุมที่สมุทรสาคร", "สมุทรสาคร"),
        ("มีประชุมที่ชุมพรไหมครับ", "ชุมพร"),
        ("ประชุม จ.ตรัง", "ตรัง"),
        ("ประชุมจังหวัดเลย", "เลย"),
        ("ประชุมที่เลย", "เลย"),  # a province that is also a word, after ที่
        ("มีสัมมนาในน่านไหมครับ", "น่าน"),
        ("ขอดูประชุม กทม. หน่อยค่ะ", "กรุงเทพมหานคร"),
        ("ประชุมกรุงเทพฯ", "กรุงเทพมหานคร"),
        ("ประชุมที่โคราช", "นครราชสีมา"),
        ("meeting Samut Sakhon", "สมุทรสาคร"),
        ("ประชุม chiang mai", "เชียงใหม่"),
        ("ประชุม Chiangmai", "เชียงใหม่"),
        ("ประชุมที่หาดใหญ่", "สงขลา"),
        ("ประชุมอำเภอปากช่อง", "นครราชสีมา"),
        ("ประชุมที่สมุทสาคร", "สมุทรสาคร"),  # a letter missing
        ("ประชุมที่กาญจนบุลี", "กาญจนบุรี"),  # a letter wrong
        ("สัมมนาที่นครศรีธรรมราด", "นครศรีธรรมราช"),
        ("ประชุมที่อยุธยาครับ", "พระนครศรีอยุธยา"),
        ("ประชุมพระนครศรีอยุธยา", "พระนครศรีอยุธยา"),  # neither ชุมพร nor นครศรี(ธรรมราช) inside it
        ("ประชุมพระนครศรีอยุทธยา", "พระนครศรีอยุธยา"),  # a typo inside the full name
        ("พระนครศรีอยุทยามีประชุมไหม", "พระนครศรีอยุธยา"),
        ("นครนายกมีประชุมอะไรบ้างครับ", "นครนายก"),  # นาย here is no honorific
        ("ประชุมตาก", "ตาก"),  # a province that is a word, right after the meeting word
        ("น่านมีอบรมไหม", "น่าน"),
        ("ประชุมที่สมุรปราการ", "สมุทรปราการ"),  # a typo in a name that ends like การ
        ("มีงานประชุมในขอนแกนไหมคะ", "ขอนแก่น"),
        ("สุราษฏร์มีประชุมอะไรบ้างครับ", "สุราษฎร์ธานี"),  # a short name with ฏ for ฎ
        ("ประชุมที่นนท์", "นนทบุรี"),
        ("meeting in Korat", "นครราชสีมา"),
        ("ประชุมสุราดธานี", "สุราษฎร์ธานี"),  # spelt as it sounds
        ("ประชุมเพรชบูรณ์", "เพชรบูรณ์"),
        ("ประชุมเมืองคอน", "นครศรีธรรมราช"),  # what people call it
        ("ประชุมที่พัทยา", "ชลบุรี"),  # a city, not a district
        ("ประชุมที่บางแสน", "ชลบุรี"),
    ],
)
def test_province_in_every_form(text: str, province: str) -> None:
    """Full names, จ./จังหวัด, abbreviations, English, districts and typos name one province."""
    parsed = parse(text)
    assert parsed.filter.provinces == (province,)
    assert parsed.is_question
    assert f"จังหวัด{province}" in parsed.description()


@pytest.mark.parametrize(
    ("text", "province"),
    [("สัมมนาที่นครศรีธรรมราด", "นครศรีธรรมราช"), ("ประชุมที่อุบลราดธานีปี 2564", "อุบลราชธานี")],
)
def test_a_short_name_typed_on_as_it_sounds_is_the_name_not_a_word(text: str, province: str) -> None:
    """ "นครศรี" + "ธรรมราด": the rest of the name, typed as it sounds, is no free word (it would find
    nothing, as a word no meeting has)."""
    parsed = parse(text)
    assert (parsed.filter.provinces, parsed.filter.keywords) == ((province,), ())


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("สัมมนา มี.ค. 67", date(2024, 3, 1), date(2024, 3, 31)),
        ("สัมมนาเดือนมีนาคม 2567", date(2024, 3, 1), date(2024, 3, 31)),
        ("ประชุมเดือนมีนาคม", date(2026, 3, 1), date(2026, 3, 31)),
        ("ประชุมปี 2562", date(2019, 1, 1), date(2019, 12, 31)),
        ("ประชุมปี 67", date(2024, 1, 1), date(2024, 12, 31)),
        ("ประชุม 2024", date(2024, 1, 1), date(2024, 12, 31)),
        ("ประชุม ค.ศ. 2023", date(2023, 1, 1), date(2023, 12, 31)),
        ("ประชุม ๒๕๖๗", date(2024, 1, 1), date(2024, 12, 31)),
        ("ประชุมวันที่ 15 มีนาคม 2567", date(2024, 3, 15), date(2024, 3, 15)),
        ("ประชุม ๑๕ มี.ค. ๖๗", date(2024, 3, 15), date(2024, 3, 15)),
        ("ประชุม 15/3/2567", date(2024, 3, 15), date(2024, 3, 15)),
        ("ประชุม 15/03/2024", date(2024, 3, 15), date(2024, 3, 15)),
        ("อบรม 1-15 มี.ค. 67", date(2024, 3, 1), date(2024, 3, 15)),
        ("ประชุม มี.ค. - พ.ค. 67", date(2024, 3, 1), date(2024, 5, 31)),
        ("ประชุมวันนี้", date(2026, 11, 23), date(2026, 11, 23)),
        ("ประชุมพรุ่งนี้", date(2026, 11, 24), date(2026, 11, 24)),
        ("ประชุมเมื่อวาน", date(2026, 11, 22), date(2026, 11, 22)),
        ("ประชุมสัปดาห์นี้", date(2026, 11, 23), date(2026, 11, 29)),
        ("ประชุมอาทิตย์หน้า", date(2026, 11, 30), date(2026, 12, 6)),
        ("ประชุมสัปดาห์ที่แล้ว", date(2026, 11, 16), date(2026, 11, 22)),
        ("ประชุมเดือนนี้", date(2026, 11, 1), date(2026, 11, 30)),
        ("ประชุมเดือนหน้า", date(2026, 12, 1), date(2026, 12, 31)),
        ("ประชุมเดือนที่แล้ว", date(2026, 10, 1), date(2026, 10, 31)),
        ("ประชุมปีนี้", date(2026, 1, 1), date(2026, 12, 31)),
        ("ประชุมปีที่แล้ว", date(2025, 1, 1), date(2025, 12, 31)),
        ("ประชุมปีงบประมาณ 2567", date(2023, 10, 1), date(2024, 9, 30)),
        ("ประชุมปีการศึกษา 2567", date(2024, 5, 1), date(2025, 4, 30)),
        ("ประชุมครึ่งปีแรก 2567", date(2024, 1, 1), date(2024, 6, 30)),
        ("อบรมครึ่งปีหลังปี 66", date(2023, 7, 1), date(2023, 12, 31)),
        ("ประชุมไตรมาสแรก ปี 2568", date(2025, 1, 1), date(2025, 3, 31)),
        ("สัมมนาไตรมาสที่ 3 ปี 67", date(2024, 7, 1), date(2024, 9, 30)),
        ("ประชุมไตรมาส 1 ปีงบประมาณ 2568", date(2024, 10, 1), date(2024, 12, 31)),  # the fiscal year's first
        ("ประชุม Q2 2024", date(2024, 4, 1), date(2024, 6, 30)),
        ("ประชุมครึ่งปีหลัง", date(2026, 7, 1), date(2026, 12, 31)),  # this year
        ("ประชุมปี 66-67", date(2023, 1, 1), date(2024, 12, 31)),
        ("ประชุม 2566-2567", date(2023, 1, 1), date(2024, 12, 31)),
        ("ประชุมวันศุกร์นี้", date(2026, 11, 27), date(2026, 11, 27)),
        ("ประชุมวันจันทร์หน้า", date(2026, 11, 30), date(2026, 11, 30)),
        ("ประชุมเมื่อวันพุธที่แล้ว", date(2026, 11, 18), date(2026, 11, 18)),
        ("ประชุมวันอาทิตย์หน้า", date(2026, 12, 6), date(2026, 12, 6)),  # a day; อาทิตย์หน้า alone is a week
        ("ประชุม 3 วันที่แล้ว", date(2026, 11, 20), date(2026, 11, 20)),
        ("ประชุมช่วง 7 วันที่ผ่านมา", date(2026, 11, 16), date(2026, 11, 23)),
        ("ประชุมตั้งแต่ 1 ม.ค. 67 ถึง 31 มี.ค. 67", date(2024, 1, 1), date(2024, 3, 31)),
        ("ประชุมปลายเดือนนี้", date(2026, 11, 1), date(2026, 11, 30)),
        ("ประชุม 2023-12-05", date(2023, 12, 5), date(2023, 12, 5)),  # as a calendar app copies it
        ("ประชุมวันที่ 2566-12-05", date(2023, 12, 5), date(2023, 12, 5)),
        ("any meeting next week?", date(2026, 11, 30), date(2026, 12, 6)),
        ("workshop in Songkhla last year", date(2025, 1, 1), date(2025, 12, 31)),
    ],
)
def test_dates_absolute_and_relative(text: str, start: date, end: date) -> None:
    """Absolute dates in either era and relative words taken against Bangkok's today."""
    parsed = parse(text)
    assert (parsed.filter.date_from, parsed.filter.date_to) == (start, end)


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("ช่วยหาให้หน่อย สมหญิงเป็นประธานประชุม ปี 64", "สมหญิง"),  # the request is not part of the name
        ("สมหญิงเป็นประธานประชุมอะไรบ้าง ขอบคุณครับ", "สมหญิง"),  # คุณ of ขอบคุณ is no honorific
        ("สวัสดีค่ะ พล.อ.ชาญชัยคะ", "ชาญชัย"),
        ("คุณหญิงวิไลวรรณ ขอบคุณครับ", "วิไลวรรณ"),
    ],
)
def test_a_name_among_polite_words(text: str, person: str) -> None:
    f = parse(text).filter
    assert (f.people, f.keywords) == ((person,), ())


@pytest.mark.parametrize(
    ("text", "full"),
    [
        ("กสศ. มีประชุมอะไรบ้าง", "กองทุนเพื่อความเสมอภาคทางการศึกษา"),  # from the bodies' data file
        ("งานของสคบศ.", "สถาบันพัฒนาครูคณาจารย์และบุคลากรทางการศึกษา"),
        ("ประชุม สกร", "กรมส่งเสริมการเรียนรู้"),
        ("งานของสำนักงาน ก.ค.ศ.", "คณะกรรมการข้าราชการครูและบุคลากรทางการศึกษา"),
        ("ศธจ.ลพบุรีเป็นประธาน", "ศึกษาธิการจังหวัดลพบุรี"),  # the province glued to what follows
    ],
)
def test_every_listed_body_is_a_body(text: str, full: str) -> None:
    f = parse(text).filter
    assert full in f.organizations[0]
    assert f.keywords == ()


@pytest.mark.parametrize(
    ("text", "position"),
    [
        ("ผอ.สพป.ตราด เขต 1 เป็นประธานอะไรบ้าง", "ผู้อำนวยการสำนักงานเขตพื้นที่การศึกษาประถมศึกษาตราดเขต1"),
        ("ผู้อำนวยการ สพม.ตาก", "ผู้อำนวยการสำนักงานเขตพื้นที่การศึกษามัธยมศึกษาตาก"),
        ("ผวจ.สกลนคร", "ผู้ว่าราชการจังหวัดสกลนคร"),  # a name of consonants only
        ("รองผู้ว่าราชการจังหวัดหนองคาย", "รองผู้ว่าราชการจังหวัดหนองคาย"),
    ],
)
def test_a_position_keeps_its_whole_province(text: str, position: str) -> None:
    f = parse(text).filter
    assert (f.positions[0][0], f.provinces, f.keywords) == (position, (), ())


@pytest.mark.parametrize(
    ("text", "position"),
    [
        ("เลขา สพฐ. เป็นประธานอะไรบ้าง", "เลขาธิการสำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน"),  # เลขา for เลขาธิการ
        ("ปลัดศธ.", "ปลัดกระทรวงศึกษาธิการ"),
        ("รมต.ศธ.", "รัฐมนตรีว่าการกระทรวงศึกษาธิการ"),
        ("รัฐมนตรีศึกษาธิการ", "รัฐมนตรีว่าการกระทรวงศึกษาธิการ"),
        ("เลขา กพฐ. หน่อยครับ", "เลขาธิการคณะกรรมการการศึกษาขั้นพื้นฐาน"),  # the word after a body is not its part
        ("เลขาธิการ กอศ. ประชุมอะไรบ้าง", "เลขาธิการคณะกรรมการการอาชีวศึกษา"),
        (
            "ผู้อำนวยการสำนักงานเขตพื้นที่การศึกษาประถมศึกษาชลบุรี เขต 1",
            "ผู้อำนวยการสำนักงานเขตพื้นที่การศึกษาประถมศึกษาชลบุรีเขต1",
        ),
    ],
)
def test_a_position_as_chat_writes_it(text: str, position: str) -> None:
    f = parse(text).filter
    assert (f.positions[0][0], f.provinces, f.keywords) == (position, (), ())


@pytest.mark.parametrize(
    ("text", "keywords"),
    [
        ("ประชุมคณะกรรมการศึกษาธิการจังหวัด", ()),  # the committee (กศจ., a body), not the officer
        ("ประชุมผู้อำนวยการสถานศึกษา", ("ผู้อำนวยการ", "สถานศึกษา")),  # a meeting of directors
    ],
)
def test_a_post_inside_a_meetings_name_is_no_chair(text: str, keywords: tuple[str, ...]) -> None:
    f = parse(text).filter
    assert (f.positions, f.keywords) == ((), keywords)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("ประชุมตั้งแต่ปี 2565", date(2022, 1, 1), None),
        ("ประชุมหลังวันที่ 1 ต.ค. 2567", date(2024, 10, 2), None),
        ("ประชุมก่อนปี 2560", None, date(2016, 12, 31)),
        ("อบรมตั้งแต่เดือนตุลาคม 2567", date(2024, 10, 1), None),
    ],
)
def test_a_date_after_since_or_before_is_open_on_one_side(
    text: str, start: date | None, end: date | None
) -> None:
    parsed = parse(text)
    assert (parsed.filter.date_from, parsed.filter.date_to, parsed.filter.keywords) == (start, end, ())


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("สัมมนา", ("seminar",)),
        ("งานสัมนา", ("seminar",)),
        ("อบรมครู", ("training", "workshop")),
        ("ฝึกอบรม", ("training", "workshop")),
        ("ประชุมเชิงปฏิบัติการ", ("workshop",)),
        ("อบรมเชิงปฏิบัติการ", ("workshop", "training")),
        ("เวิร์กช็อป", ("workshop",)),
        ("ประชุมชี้แจง", ("briefing",)),
    ],
)
def test_kind_words(text: str, kinds: tuple[str, ...]) -> None:
    """Kinds are a hierarchy: อบรม covers trainings and อบรมเชิงปฏิบัติการ (stored as workshops)."""
    assert parse(text).filter.kinds == kinds


@pytest.mark.parametrize("text", ["สัมมนาเชิงปฏิบัติการ", "งานสัมมนาเชิงปฎิบัติ"])
def test_a_practical_seminar_is_a_seminar_that_says_so(text: str) -> None:
    """News names สัมมนาเชิงปฏิบัติการ a seminar: seminars, those saying "เชิงปฏิบัติการ" first; not the
    workshops (ประชุมเชิงปฏิบัติการ)."""
    parsed = parse(text)
    assert (parsed.filter.kinds, parsed.filter.keywords) == (("seminar",), ("เชิงปฏิบัติการ",))


def test_plain_meeting_word_does_not_restrict_kind() -> None:
    """ "ประชุม" covers every kind: a workshop is a meeting too."""
    parsed = parse("ประชุมที่ตรัง")
    assert parsed.filter.kinds == ()


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("นายสุเทพเป็นประธานอะไรบ้าง", "สุเทพ"),
        ("ดร.สวัสดิ์ ภู่ทอง", "สวัสดิ์ภู่ทอง"),
        ("ประชุมที่นางสาวพิมพ์ชนกเป็นประธาน", "พิมพ์ชนก"),
        ("ชิตยวงษ์เป็นประธานประชุมไหน", "ชิตยวงษ์"),
        ("บุญมาเป็นประธานอะไรบ้าง", "บุญมา"),  # many names end with มา; "สมชาย มาเป็นประธาน" does not
        ("สมชาย มาเป็นประธาน", "สมชาย"),
        ("สมศรีเป็นประธานอะไรบ้าง", "สมศรี"),  # not สมศ. glued to a word
    ],
)
def test_people_and_positions(text: str, person: str) -> None:
    """A name with or without honorific, a surname alone, or a position; no body read inside it."""
    f = parse(text).filter
    assert (f.people, f.organizations) == ((person,), ())


@pytest.mark.parametrize(
    ("text", "organization"),
    [
        ("ประชุม สพฐ.", "สำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน"),
        ("สัมมนาของ สกศ", "สำนักงานเลขาธิการสภาการศึกษา"),
        ("ประชุม สพป.กาญจนบุรี เขต 1", "เขตพื้นที่การศึกษาประถมศึกษากาญจนบุรีเขต1"),
        ("ประชุม สพม.ตรัง", "เขตพื้นที่การศึกษามัธยมศึกษาตรัง"),
        ("ประชุม ศธจ.ชุมพร", "ศึกษาธิการจังหวัดชุมพร"),
        ("งานของ กศน.", "ศูนย์ส่งเสริมการเรียนรู้"),  # กศน.อำเภอ under its name since 2566
        ("อาชีวะจัดอบรมอะไรบ้าง", "วิทยาลัยเทคนิค"),
        ("งานของอาชีวศึกษา", "วิทยาลัยการอาชีพ"),
    ],
)
def test_organisations(text: str, organization: str) -> None:
    assert any(organization in alternatives for alternatives in parse(text).filter.organizations)


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("ประชุมเกิน 500 คน", 501, None),
        ("ประชุมมากกว่า 1,000 คน", 1001, None),
        ("ประชุมไม่ถึง 100 คน", None, 99),
        ("ประชุมไม่เกิน 50 คน", None, 50),
        ("อบรม 100 คนขึ้นไป", 100, None),
        ("ประชุม 100-200 คน", 100, 200),
    ],
)
def test_attendee_counts(text: str, low: int | None, high: int | None) -> None:
    parsed = parse(text)
    assert (parsed.filter.min_attendees, parsed.filter.max_attendees) == (low, high)


@pytest.mark.parametrize(
    "text",
    [
        "ประชุมที่ตรัง",
        "ขอดูประชุมที่ตรังหน่อยครับ",
        "มีประชุมที่ตรังไหมคะ",
        "ประชุมที่ตรังมีอะไรบ้างครับ",
        "อยากทราบการประชุมที่ตรังค่ะ",
        "ช่วยหาประชุมจังหวัดตรังให้หน่อย",
        "ไม่มีประชุมที่ตรังเลยเหรอ",
    ],
)
def test_politeness_changes_nothing(text: str) -> None:
    """Filler and politeness leave exactly the same search."""
    parsed = parse(text)
    assert parsed.filter.provinces == ("ตรัง",)
    assert parsed.filter.keywords == ()


def test_latest_and_upcoming_set_the_order() -> None:
    assert parse("ประชุมล่าสุด").filter.order == "latest"
    upcoming = parse("ประชุมที่จะถึง")
    assert upcoming.filter.order == "upcoming"
    assert upcoming.filter.date_from == date(2026, 11, 23)


def test_remaining_words_are_keywords() -> None:
    """What no filter takes is matched against title and summary."""
    parsed = parse("ประชุมเรื่องนวัตกรรม ที่กาญจนบุรี")
    assert "นวัตกรรม" in parsed.filter.keywords
    assert parsed.filter.provinces == ("กาญจนบุรี",)


@pytest.mark.parametrize(
    ("text", "provinces", "keywords"),
    [
        ("ประชุมของศรีบุญเรือง", (), ("ศรีบุญเรือง",)),  # a surname, also a district of หนองบัวลำภู
        ("งานของโพธิ์ทอง ปี 67", (), ("โพธิ์ทอง",)),
        ("ประชุมที่ศรีบุญเรือง", ("หนองบัวลำภู",), ()),
    ],
)
def test_a_district_after_of_is_a_persons_name(
    text: str, provinces: tuple[str, ...], keywords: tuple[str, ...]
) -> None:
    f = parse(text).filter
    assert (f.provinces, f.keywords) == (provinces, keywords)


@pytest.mark.parametrize(
    ("text", "keywords"),
    [
        ("ประชุมของทองมา", ("ทองมา",)),  # มา, a filler word, ends the surname
        ("บุญมา ปี 67", ("บุญมา",)),
        ("ของมขาย", ("มขาย",)),  # cut as ขอ|งม|ขาย, ของ is still a word of its own
        ("งานจากสพฐ", ()),
        ("ประชุมผู้ปกครองที่ผ่านมา", ("ผู้ปกครอง",)),
        ("มีอบรมอะไรมาบ้าง", ()),
    ],
)
def test_filler_words_at_a_words_edges(text: str, keywords: tuple[str, ...]) -> None:
    """Question words glued to a free word are cut off it, and never cut a name or a word in two."""
    assert parse(text).filter.keywords == keywords


@pytest.mark.parametrize(
    ("text", "keyword"),
    [
        ("ประชุมที่ตากอากาศ", "ตากอากาศ"),
        ("ประชุมที่แพร่หลาย", "แพร่หลาย"),
        ("ประชุมแพทย์", "แพทย์"),  # ชุมแพ (a district) is inside ประชุมแพทย์
        ("ประชุมพระสงฆ์", "พระสงฆ์"),  # ชุมพร is inside ประชุมพระ…
        ("ประชุมพร้อมกัน", "พร้อมกัน"),
    ],
)
def test_a_province_that_is_a_word_needs_to_stand_alone(text: str, keyword: str) -> None:
    """After ที่, "เลย", "ตาก", "แพร่" name a province only when the word ends there."""
    parsed = parse(text)
    assert parsed.filter.provinces == ()
    assert parsed.filter.keywords == (keyword,)


@pytest.mark.parametrize("text", ["สวัสดีครับ", "ขอบคุณครับ", "hello"])
def test_greetings_are_not_searches(text: str) -> None:
    assert parse(text).greeting


@pytest.mark.parametrize(("text", "keywords"), [("สวัสดีครับ ลูกเสือ", ("ลูกเสือ",)), ("สวัสดีค่ะ หวัดดี", ())])
def test_a_greeting_before_a_topic_is_a_question(text: str, keywords: tuple[str, ...]) -> None:
    """The topic after a greeting is searched; greeting words are never search words."""
    parsed = parse(text)
    assert (parsed.greeting, parsed.filter.keywords) == (not keywords, keywords)


@pytest.mark.parametrize(
    ("text", "month"),
    [
        ("สกสค.จัดประชุมอะไรบ้าง", None),  # the end of a body's abbreviation, not ส.ค.
        ("สค. 67 มีประชุมไหม", (date(2024, 8, 1), date(2024, 8, 31))),
        ("ประชุมธค66", (date(2023, 12, 1), date(2023, 12, 31))),
        ("ประชุมกค", None),  # undotted, glued, no year: not a month
        ("may I ask about meetings", None),
        ("ประชุม May 2024", (date(2024, 5, 1), date(2024, 5, 31))),
        ("2 Sept 2024", (date(2024, 9, 2), date(2024, 9, 2))),
        ("ประชุมครั้งที่ 2/2567", None),  # a session number, not a month
    ],
)
def test_months_as_people_type_them(text: str, month: tuple[date, date] | None) -> None:
    f = parse(text).filter
    assert ((f.date_from, f.date_to) if f.date_from else None) == month


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("ศธภ.15", ("สำนักงานศึกษาธิการภาค15", "ศธภ15", "ศึกษาธิการภาค15")),
        ("สำนักงานศึกษาธิการภาค 2", ("สำนักงานศึกษาธิการภาค2", "ศธภ2", "ศึกษาธิการภาค2")),
        ("สพป.นศ.2", ("เขตพื้นที่การศึกษาประถมศึกษานครศรีธรรมราชเขต2", "สพปนครศรีธรรมราชเขต2", "สพปนศ2")),
    ],
)
def test_an_office_by_its_number_or_its_provinces_code(text: str, names: tuple[str, ...]) -> None:
    """One regional office, not all eighteen; an area office by its province's code, both ways written."""
    f = parse(text).filter
    assert (f.organizations, f.positions, f.keywords) == ((names,), (), ())


@pytest.mark.parametrize(("text", "word"), [("ประชุมคณะทำงาน", "คณะทำงาน"), ("แถลงผลงาน", "แถลงผลงาน")])
def test_a_meeting_word_inside_a_word_stays(text: str, word: str) -> None:
    """งาน alone is "an event"; in คณะทำงาน or ผลงาน it is part of the word searched."""
    assert parse(text).filter.keywords == (word,)


@pytest.mark.parametrize("text", ["asdfgh", "😀😀", "ก" * 5000, "   ", "?"])
def test_noise_is_not_a_question(text: str) -> None:
    assert not parse(text).is_question


@pytest.mark.parametrize(
    ("text", "region", "keywords"),
    [
        ("ประชุมภาคใต้", "ภาคใต้", ()),
        ("ประชุมแถบภาคกลาง", "ภาคกลาง", ()),
        ("งานที่อีสาน", "ภาคอีสาน", ()),
        ("ประชุม 3 จังหวัดชายแดนใต้", "ชายแดนใต้", ()),
        ("สถาบันการอาชีวศึกษาภาคตะวันออก", "", ("สถาบัน", "ภาคตะวันออก")),  # the end of a body's name
        ("ประชุมเปิดภาคเรียน", "", ("เปิดภาคเรียน",)),
        ("ภาคีเครือข่าย", "", ("ภาคี", "เครือข่าย")),
    ],
)
def test_a_region_is_read_only_where_it_stands_alone(
    text: str, region: str, keywords: tuple[str, ...]
) -> None:
    parsed = parse(text)
    assert (parsed.region, parsed.filter.keywords) == (region, keywords)
    assert (parsed.fallback is not None) == bool(region)


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("ผอ.เขตลำปาง", "ผู้อำนวยการสำนักงานเขตพื้นที่การศึกษาประถมศึกษาลำปาง"),
        ("ผู้อำนวยการเขตพื้นที่การศึกษาโคราช เขต 3", "ผู้อำนวยการสำนักงานเขตพื้นที่การศึกษาประถมศึกษานครราชสีมาเขต3"),
    ],
)
def test_the_area_office_head_by_province_is_either_office(text: str, first: str) -> None:
    parsed = parse(text)
    (keys,) = parsed.filter.positions
    assert keys[0] == first
    assert first.replace("ประถม", "มัธยม") in keys
    assert parsed.filter.provinces == ()


RAJABHAT_CHIANG_RAI = ("มหาวิทยาลัยราชภัฏเชียงราย", "มหาวิทยาลัยราชภัฎเชียงราย", "มราชภัฏเชียงราย", "มราชภัฎเชียงราย",
                       "ราชภัฏเชียงราย", "ราชภัฎเชียงราย", "มรภเชียงราย")  # fmt: skip


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("กมธ.", ("คณะกรรมาธิการ", "กมธ")),  # a committee of parliament, not มธ. glued to ก
        ("ราชภัฏเชียงราย ปี 2566", RAJABHAT_CHIANG_RAI),  # a university by name, not its province
        ("ประชุม กมธ.การศึกษา", ("คณะกรรมาธิการ", "กมธ")),
        ("งานของมธ.", ("มหาวิทยาลัยธรรมศาสตร์", "มธรรมศาสตร์")),  # the university glued to ของ, with its dot
    ],
)
def test_a_university_is_not_read_inside_a_longer_abbreviation(text: str, body: tuple[str, ...]) -> None:
    parsed = parse(text)
    assert (parsed.filter.organizations, parsed.filter.provinces) == ((body,), ())
