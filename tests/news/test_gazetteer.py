"""Offices, universities, venues and bodies named in news text, and the provinces they imply."""

from __future__ import annotations

from collections import Counter

import pytest

from news.gazetteer import (
    PRIMARY,
    SECONDARY,
    Body,
    area_offices,
    bodies,
    expand,
    find,
    province_codes,
    regional_offices,
    universities,
    venues,
)
from news.places import BANGKOK, provinces

CHONBURI_1 = "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาชลบุรี เขต 1"
OLD_18 = "สำนักงานเขตพื้นที่การศึกษามัธยมศึกษา เขต 18"
CHONBURI_RAYONG = "สำนักงานเขตพื้นที่การศึกษามัธยมศึกษาชลบุรี ระยอง"
LOPBURI_OFFICE = "สำนักงานศึกษาธิการจังหวัดลพบุรี"
NAKHON_SAWAN_RU = "มหาวิทยาลัยราชภัฏนครสวรรค์"
REGION_5 = ("นครศรีธรรมราช", "ชุมพร", "สุราษฎร์ธานี", "พัทลุง")
OBEC = "สำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน"
TCC = "คณะกรรมการข้าราชการครูและบุคลากรทางการศึกษา"

Expected = list[tuple[str, str, str, tuple[str, ...]]]  # (as written, kind, canonical name, provinces)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "นายวิชัย ใจดี ผอ.สพป.ชลบุรี เขต 1 เป็นประธานเปิดการประชุม",
            [("ผอ.", "position", "ผู้อำนวยการ", ()), ("สพป.ชลบุรี เขต 1", "area_office", CHONBURI_1, ("ชลบุรี",))],
        ),
        (
            "ครูในสังกัด สพป. ชลบุรี เขต1 เข้ารับการอบรม",
            [("สพป. ชลบุรี เขต1", "area_office", CHONBURI_1, ("ชลบุรี",))],
        ),
        (
            "สพปชลบุรีเขต 2 แจ้งกำหนดการสอบ",
            [("สพปชลบุรีเขต 2", "area_office", CHONBURI_1[:-1] + "2", ("ชลบุรี",))],
        ),
        (
            "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาชลบุรี เขต ๓ จัดการแข่งขันทักษะวิชาการ",
            [("สำนักงานเขตพื้นที่การศึกษาประถมศึกษาชลบุรี เขต ๓", "area_office", CHONBURI_1[:-1] + "3", ("ชลบุรี",))],
        ),
        (
            "เมื่อปี 2558 สพม.เขต 18 จัดสัมมนาครูแนะแนว",
            [("สพม.เขต 18", "area_office", OLD_18, ("ชลบุรี", "ระยอง"))],
        ),
        (
            "สพม. ชลบุรี ระยอง ประชุมผู้บริหารโรงเรียน",
            [("สพม. ชลบุรี ระยอง", "area_office", CHONBURI_RAYONG, ("ชลบุรี", "ระยอง"))],
        ),
        (
            "โรงเรียนในสังกัด สพม.ระยอง ส่งนักเรียนเข้าแข่งขัน",
            [("สพม.ระยอง", "area_office", CHONBURI_RAYONG, ("ชลบุรี", "ระยอง"))],
        ),
        (  # an office's own short name, with the province's two-letter abbreviation
            "ผู้บริหาร สพป.นศ.๒ ร่วมประชุม",
            [("สพป.นศ.๒", "area_office", PRIMARY + "นครศรีธรรมราช เขต 2", ("นครศรีธรรมราช",))],
        ),
        (
            "สพม.กท 2 แจ้งโรงเรียนในสังกัด",
            [("สพม.กท 2", "area_office", SECONDARY + "กรุงเทพมหานคร เขต 2", (BANGKOK,))],
        ),
        (
            "โรงเรียนในสังกัดสพป.ลำปาง  เขต  3 ร่วมงาน",
            [("สพป.ลำปาง  เขต  3", "area_office", PRIMARY + "ลำปาง เขต 3", ("ลำปาง",))],
        ),
        (
            "ผู้อำนวยการสำนักงานเขตพื้นที่การศึกษาประถมศึกษาเลย เขต 2 กล่าวรายงาน",
            [
                ("ผู้อำนวยการ", "position", "ผู้อำนวยการ", ()),
                ("สำนักงานเขตพื้นที่การศึกษาประถมศึกษาเลย เขต 2", "area_office", PRIMARY + "เลย เขต 2", ("เลย",)),
            ],
        ),
        (
            "สพม.กรุงเทพมหานคร เขต 2 เปิดรับสมัครครูผู้ช่วย",
            [("สพม.กรุงเทพมหานคร เขต 2", "area_office", SECONDARY + "กรุงเทพมหานคร เขต 2", (BANGKOK,))],
        ),
        (
            "สพป.อยุธยา เขต 2 อบรมครูปฐมวัย",
            [("สพป.อยุธยา เขต 2", "area_office", PRIMARY + "พระนครศรีอยุธยา เขต 2", ("พระนครศรีอยุธยา",))],
        ),
        (
            "ครูจาก สพป.ตราด ร่วมงาน",
            [("สพป.ตราด", "area_office", PRIMARY + "ตราด", ("ตราด",))],
        ),
        (  # ชลบุรี has three primary offices: the office is named, which one is not
            "ผู้แทน สพป.ชลบุรี เข้าร่วม",
            [("สพป.ชลบุรี", "area_office", PRIMARY + "ชลบุรี", ("ชลบุรี",))],
        ),
        (  # ชลบุรี has no เขต 9: the number is not read, the province still is
            "สพป.ชลบุรี เขต 9 ประชุม",
            [("สพป.ชลบุรี", "area_office", PRIMARY + "ชลบุรี", ("ชลบุรี",))],
        ),
        (  # there were 42 numbered secondary offices: a 43rd is only the body's abbreviation
            "สพม.เขต 43 ประชุม",
            [("สพม.", "body", SECONDARY, ())],
        ),
        (
            "ศธจ.ลพบุรี จัดประชุมคณะกรรมการ",
            [("ศธจ.ลพบุรี", "province_office", LOPBURI_OFFICE, ("ลพบุรี",))],
        ),
        (
            "ณ ห้องประชุมสำนักงานศึกษาธิการจังหวัดลพบุรี",
            [("สำนักงานศึกษาธิการจังหวัดลพบุรี", "province_office", LOPBURI_OFFICE, ("ลพบุรี",))],
        ),
        (
            "ศึกษาธิการ จังหวัดลพบุรี กล่าวต้อนรับ",
            [("ศึกษาธิการ จังหวัดลพบุรี", "province_office", LOPBURI_OFFICE, ("ลพบุรี",))],
        ),
        (  # Bangkok is no จังหวัด
            "ศธจ.กทม. ประชุมผู้บริหารสถานศึกษาเอกชน",
            [("ศธจ.กทม", "province_office", "สำนักงานศึกษาธิการกรุงเทพมหานคร", (BANGKOK,))],
        ),
        (
            "การประชุมคณะกรรมการศึกษาธิการจังหวัดน่าน ครั้งที่ 3",
            [("คณะกรรมการศึกษาธิการจังหวัดน่าน", "province_office", "คณะกรรมการศึกษาธิการจังหวัดน่าน", ("น่าน",))],
        ),
        (
            "กศน.จังหวัดตาก เปิดศูนย์การเรียนชุมชน",
            [
                (
                    "กศน.จังหวัดตาก",
                    "province_office",
                    "สำนักงานส่งเสริมการศึกษานอกระบบและการศึกษาตามอัธยาศัยจังหวัดตาก",
                    ("ตาก",),
                )
            ],
        ),
        (
            "ศึกษาธิการภาค 5 ลงพื้นที่ติดตามการจัดการเรียนการสอน",
            [("ศึกษาธิการภาค 5", "regional_office", "สำนักงานศึกษาธิการภาค 5", REGION_5)],
        ),
        (
            "ศธภ.๗ ประชุมหน่วยงานการศึกษาชายแดนใต้",
            [("ศธภ.๗", "regional_office", "สำนักงานศึกษาธิการภาค 7", ("ยะลา", "ปัตตานี", "นราธิวาส"))],
        ),
        (
            "ณ หอประชุม มรภ.นครสวรรค์",
            [("มรภ.นครสวรรค์", "university", NAKHON_SAWAN_RU, ("นครสวรรค์",))],
        ),
        (
            "มหาวิทยาลัยราชภัฏนครสวรรค์ ร่วมกับเครือข่ายโรงเรียน",
            [("มหาวิทยาลัยราชภัฏนครสวรรค์", "university", NAKHON_SAWAN_RU, ("นครสวรรค์",))],
        ),
        (
            "ณ หอประชุมราชภัฏนครสวรรค์เฉลิมพระเกียรติ",
            [("ราชภัฏนครสวรรค์", "university", NAKHON_SAWAN_RU, ("นครสวรรค์",))],
        ),
        (
            "อาจารย์จาก ม.ราชภัฏสวนสุนันทา เป็นวิทยากร",
            [("ม.ราชภัฏสวนสุนันทา", "university", "มหาวิทยาลัยราชภัฏสวนสุนันทา", (BANGKOK,))],
        ),
        (
            "ทีมจากมราชภัฏเลย คว้ารางวัล",  # "มร" (ม.รามคำแหง) does not stand alone here; ราชภัฏเลย does
            [("ราชภัฏเลย", "university", "มหาวิทยาลัยราชภัฏเลย", ("เลย",))],
        ),
        (  # ราชภัฎ with ฎ, as news often misspells it
            "นักศึกษามหาวิทยาลัยราชภัฎอุดรธานี ฝึกสอน",
            [("มหาวิทยาลัยราชภัฎอุดรธานี", "university", "มหาวิทยาลัยราชภัฏอุดรธานี", ("อุดรธานี",))],
        ),
        (
            "มทร.ล้านนา ร่วมจัดค่ายวิทยาศาสตร์",
            [("มทร.ล้านนา", "university", "มหาวิทยาลัยเทคโนโลยีราชมงคลล้านนา", ("เชียงใหม่",))],
        ),
        (
            "ม.ขอนแก่น และ มข. ร่วมมือกัน",
            [
                ("ม.ขอนแก่น", "university", "มหาวิทยาลัยขอนแก่น", ("ขอนแก่น",)),
                ("มข.", "university", "มหาวิทยาลัยขอนแก่น", ("ขอนแก่น",)),
            ],
        ),
        (
            "ณ อิมแพ็ค เมืองทองธานี",
            [("อิมแพ็ค เมืองทองธานี", "venue", "อิมแพ็ค เมืองทองธานี", ("นนทบุรี",))],
        ),
        (
            "ณ ห้องประชุมราชวัลลภ กระทรวงศึกษาธิการ",
            [
                ("ห้องประชุมราชวัลลภ", "venue", "ห้องประชุมราชวัลลภ", (BANGKOK,)),
                ("กระทรวงศึกษาธิการ", "body", "กระทรวงศึกษาธิการ", ()),
            ],
        ),
        (
            "ณ ห้องประชุมเพชรน้ำหนึ่ง อาคาร สพฐ. 1",
            [
                ("ห้องประชุมเพชรน้ำหนึ่ง", "venue", "ห้องประชุมเพชรน้ำหนึ่ง", (BANGKOK,)),
                ("อาคาร สพฐ. 1", "venue", "อาคาร สพฐ. 1", (BANGKOK,)),
            ],
        ),
        (
            "สพฐ.จัดประชุมชี้แจง",
            [("สพฐ.", "body", OBEC, ())],
        ),
        (
            "รมว.ศธ. มอบนโยบายแก่ สกร.",
            [
                ("รมว.ศธ.", "position", "รัฐมนตรีว่าการกระทรวงศึกษาธิการ", ()),
                ("สกร.", "body", "กรมส่งเสริมการเรียนรู้", ()),
            ],
        ),
        (
            "ที่ประชุม ก.ค.ศ. และ กคศ ครั้งต่อไป",
            [("ก.ค.ศ.", "body", TCC, ()), ("กคศ", "body", TCC, ())],
        ),
    ],
)
def test_find_reads_the_forms_news_writes(text: str, expected: Expected) -> None:
    """A name is found however news writes it, with its full name and the provinces it implies."""
    assert [(h.text, h.kind, h.name, h.provinces) for h in find(text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "นายสชาติ มั่นคง ครูชำนาญการพิเศษ",  # สช inside a name
        "ชาวบ้านมาชมขบวนแห่เทียนพรรษา",  # มข inside a word
        "นักเรียนโรงเรียนวัดหัวลำโพง เขตบางรัก กรุงเทพมหานคร",  # เขต as a Bangkok district
        "รัฐมนตรีว่าการกระทรวงศึกษาธิการนนทบุรี",  # the ministry is no provincial office
        "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาทั่วประเทศ",  # the kind of office, no office
    ],
)
def test_find_ignores_what_only_looks_like_a_name(text: str) -> None:
    """Abbreviations inside longer words and district words are no gazetteer names."""
    assert [(h.text, h.kind) for h in find(text) if h.kind not in ("body", "position")] == []


def test_an_abbreviation_inside_a_word_is_not_a_body() -> None:
    """สช inside a person's name is not สช. (the private-education office)."""
    assert find("นายสชาติ มั่นคง") == []


def test_positions_in_find_carry_their_offsets() -> None:
    text = "โดยมี ผอ.สพป.ชลบุรี เขต 1 เป็นประธาน"
    position, office = find(text)
    assert (position.start, position.end, office.start, office.end) == (6, 9, 9, 25)
    assert text[office.start : office.end] == "สพป.ชลบุรี เขต 1"


@pytest.mark.parametrize(
    ("abbr", "full"),
    [
        ("สพฐ.", OBEC),
        ("สพฐ", OBEC),
        ("ก.ค.ศ.", TCC),
        ("กคศ.", TCC),
        ("สกร.", "กรมส่งเสริมการเรียนรู้"),
        ("กช.", "คณะกรรมการส่งเสริมการศึกษาเอกชน"),
        ("รมว.ศธ.", "รัฐมนตรีว่าการกระทรวงศึกษาธิการ"),
        ("ศน.", "ศึกษานิเทศก์"),
        ("ไม่มีคำนี้", None),
        ("ผู้อำนวยการ", None),  # a full name is no abbreviation
    ],
)
def test_expand_writes_an_abbreviation_out(abbr: str, full: str | None) -> None:
    assert expand(abbr) == full


def test_bodies_lists_bodies_and_positions() -> None:
    listed = bodies()
    assert Body("สช.", "สำนักงานคณะกรรมการส่งเสริมการศึกษาเอกชน", "body") in listed
    assert Body("ผอ.", "ผู้อำนวยการ", "position") in listed


# Data integrity: the files in news/data hold what their headers promise.


def test_every_province_in_the_data_is_one_of_the_77() -> None:
    named = {
        *(p for office in area_offices() for p in office.provinces),
        *(p for office in regional_offices() for p in office.provinces),
        *(office.seat for office in regional_offices() if office.seat),
        *(p for place in (*universities(), *venues()) for p in place.provinces),
    }
    assert named - set(provinces()) == set()


def test_area_office_counts_and_keys() -> None:
    offices = area_offices()
    counts = Counter((o.level, o.era) for o in offices)
    assert counts == {("สพป", "current"): 183, ("สพม", "current"): 62, ("สพม", "old"): 42}
    keys = [(o.level, o.name, o.area, o.era) for o in offices]
    assert len(keys) == len(set(keys))
    assert sorted(o.area or 0 for o in offices if o.era == "old") == list(range(1, 43))


def test_every_province_has_primary_offices_numbered_from_one() -> None:
    numbers: dict[str, list[int | None]] = {}
    for office in area_offices():
        if office.level == "สพป":
            assert office.provinces == (office.name,)
            numbers.setdefault(office.name, []).append(office.area)
    assert set(numbers) == set(provinces())
    for areas in numbers.values():
        assert areas == [None] or areas == list(range(1, len(areas) + 1))


@pytest.mark.parametrize("era", ["current", "old"])
def test_secondary_offices_cover_each_province_once(era: str) -> None:
    """Every province is in one secondary office; only Bangkok is split between two."""
    covered = Counter(p for o in area_offices() if o.level == "สพม" and o.era == era for p in o.provinces)
    assert set(covered) == set(provinces())
    assert {p: n for p, n in covered.items() if n != 1} == {BANGKOK: 2}


def test_regional_offices_are_numbered_1_to_18_and_share_no_province() -> None:
    offices = regional_offices()
    assert [o.number for o in offices] == list(range(1, 19))
    listed = [p for o in offices for p in o.provinces]
    assert len(listed) == len(set(listed))
    assert BANGKOK not in listed


def test_universities_and_venues_have_unique_names_and_forms() -> None:
    assert sum(u.name.startswith("มหาวิทยาลัยราชภัฏ") for u in universities()) == 38
    assert sum(u.name.startswith("มหาวิทยาลัยเทคโนโลยีราชมงคล") for u in universities()) == 9
    for places in (universities(), venues()):
        forms = [form for place in places for form in (place.name, *place.aliases)]
        assert len(forms) == len(set(forms))
        assert all(place.provinces for place in places)


def test_province_codes_name_each_province_once() -> None:
    codes = province_codes()
    assert len(codes) == 77
    assert sorted(codes.values()) == sorted(provinces())


def test_body_abbreviations_are_unique() -> None:
    abbrs = [body.abbr.replace(".", "").replace(" ", "") for body in bodies()]
    assert len(abbrs) == len(set(abbrs))
    assert {body.kind for body in bodies()} == {"body", "position"}


def test_every_area_office_is_found_by_its_abbreviated_name() -> None:
    """Each office in the data, written the usual short way, is found as itself."""
    for office in area_offices():
        number = f" เขต {office.area}" if office.area is not None else ""
        written = f"{office.level}.{office.name}{number}"  # the old secondary offices: "สพม. เขต 18"
        hits = find(f"ครูจาก {written} เข้าร่วม")
        assert [(h.text, h.name, h.provinces) for h in hits] == [
            (written, office.full_name, office.provinces)
        ]


def test_every_university_is_found_by_its_names() -> None:
    for place in universities():
        for form in (place.name, *place.aliases):
            hits = find(f"ณ {form} จังหวัด")
            assert [(h.kind, h.name) for h in hits if h.kind == "university"] == [
                ("university", place.name)
            ], form
