"""Thai education organisations: abbreviations, full names, and the organiser of a meeting."""

from __future__ import annotations

import re
from functools import cache

from news.gazetteer_data import province_codes
from news.patterns import Lazy
from news.places import ALIASES, canonical_province, provinces

# Abbreviation (without dots) to the official full name.
ABBREVIATIONS: dict[str, str] = {
    "สพฐ": "สำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน",
    "กพฐ": "คณะกรรมการการศึกษาขั้นพื้นฐาน",
    "สกศ": "สำนักงานเลขาธิการสภาการศึกษา",
    "สปศธ": "สำนักงานปลัดกระทรวงศึกษาธิการ",
    "สป": "สำนักงานปลัดกระทรวงศึกษาธิการ",
    "ศธ": "กระทรวงศึกษาธิการ",
    "สอศ": "สำนักงานคณะกรรมการการอาชีวศึกษา",
    "กอศ": "คณะกรรมการการอาชีวศึกษา",
    "สกอ": "สำนักงานคณะกรรมการการอุดมศึกษา",
    "อว": "กระทรวงการอุดมศึกษา วิทยาศาสตร์ วิจัยและนวัตกรรม",
    "สช": "สำนักงานคณะกรรมการส่งเสริมการศึกษาเอกชน",
    "กศน": "สำนักงานส่งเสริมการเรียนรู้",
    "สกร": "สำนักงานส่งเสริมการเรียนรู้",  # กศน.'s name since 2566: "สกร.อำเภอX", "สกร.จังหวัดX"
    "สสวท": "สถาบันส่งเสริมการสอนวิทยาศาสตร์และเทคโนโลยี",
    "สมศ": "สำนักงานรับรองมาตรฐานและประเมินคุณภาพการศึกษา",
    "สทศ": "สถาบันทดสอบทางการศึกษาแห่งชาติ",
    "สกสค": "สำนักงานคณะกรรมการส่งเสริมสวัสดิการและสวัสดิภาพครูและบุคลากรทางการศึกษา",
    "กคศ": "สำนักงานคณะกรรมการข้าราชการครูและบุคลากรทางการศึกษา",
    "สพท": "สำนักงานเขตพื้นที่การศึกษา",
    "ศธภ": "สำนักงานศึกษาธิการภาค",
    "กศจ": "คณะกรรมการศึกษาธิการจังหวัด",
    "อปท": "องค์กรปกครองส่วนท้องถิ่น",
    "สถ": "กรมส่งเสริมการปกครองท้องถิ่น",
    "กมธ": "คณะกรรมาธิการ",
}
# Abbreviations that take a province (and an area number) after them.
AREA_OFFICES: dict[str, str] = {
    "สพป": "สำนักงานเขตพื้นที่การศึกษาประถมศึกษา",
    "สพม": "สำนักงานเขตพื้นที่การศึกษามัธยมศึกษา",
    "ศธจ": "สำนักงานศึกษาธิการจังหวัด",
    "กศนจ": "สำนักงาน กศน. จังหวัด",
}


def dotted(abbr: str) -> str:
    return r"\.?".join(re.escape(ch) for ch in abbr) + r"\.?"


_AREA = re.compile(
    r"(?<![ก-๙])(?P<abbr>" + "|".join(dotted(a) for a in sorted(AREA_OFFICES, key=len, reverse=True)) + r")"
    r"\s?(?P<place>[ก-๙]+(?:ฯ)?)?(?:\s?(?:เขต|ข\.)\s?(?P<area>\d{1,2}))?"
)
_PLAIN = Lazy(
    r"(?<![ก-๙])(?P<abbr>" + "|".join(dotted(a) for a in sorted(ABBREVIATIONS, key=len, reverse=True)) + r")"
    r"(?![ก-๙])"
)
ORG_HEAD = (
    r"(?:สำนักงาน|สำนัก|กระทรวง|กรม|กลุ่ม|สถาบัน|มหาวิทยาลัย|วิทยาลัย|โรงเรียน|ศูนย์|สภา(?!พ)|คณะกรรมการ|คณะ|"
    r"องค์การ|องค์กร|เทศบาล|สมาคม|มูลนิธิ|ศาลากลาง|จังหวัด|หน่วยงาน|เครือข่าย|ร\.ร\.(?=[ก-๙]))"  # ร.ร.X = โรงเรียนX
)


def expand(text: str) -> str:
    """The full official name for an abbreviated organisation ("สพป.กาญจนบุรี เขต 1", "สกศ.")."""
    stripped = text.strip()
    area = _AREA.fullmatch(stripped)
    if area:
        office = AREA_OFFICES[area["abbr"].replace(".", "")]
        place = canonical_province(area["place"] or "") or (area["place"] or "")
        number = f" เขต {area['area']}" if area["area"] else ""
        return f"{office}{place}{number}".strip()
    plain = _PLAIN.fullmatch(stripped)
    if plain:
        return ABBREVIATIONS[plain["abbr"].replace(".", "")]
    return stripped


def expand_in_text(text: str) -> str:
    """Every known abbreviation in a text written out in full, for searching."""
    text = _AREA.sub(lambda m: expand(m.group()) + " ", text)
    return _PLAIN.sub(lambda m: ABBREVIATIONS[m["abbr"].replace(".", "")], text)


def area_pattern() -> re.Pattern[str]:
    return _AREA


ORGANISER_VERB = Lazy(
    r"(?:(?:จึง)?(?:ได้)?\s?(?:ร่วมกัน)?\s?(?:จัด(?:ทำ|ให้มี)?(?:การ)?|ดำเนินการจัด(?:การ)?)\s?"
    r"(?:ประชุม|สัมมนา|อบรม|ฝึกอบรม|โครงการ|เสวนา|กิจกรรม|งาน|เวที|เวิร์[กค]\s?ช็อป|[Ww]orkshop|WORKSHOP)"
    r"|(?:แจ้ง|ประกาศ|เผยแพร่|ประชาสัมพันธ์)(?:กำหนดการ|การประชุม)"  # who publishes a schedule holds it
    r"|(?<=\S\s)(?:เป็นผู้)?จัดขึ้น)"  # "การสัมมนา… ซึ่ง X จัดขึ้น": the relative clause names the host
)
# An abbreviation ends with its dot or before a non-Thai letter: "สถ" is no body inside "สถาบัน".
ABBREVIATION = Lazy(
    r"(?<![ก-๙])(?:"
    + "|".join(dotted(a) for a in sorted({*ABBREVIATIONS, *AREA_OFFICES}, key=len, reverse=True))
    + r")(?:(?<=\.)|(?![ก-๙]))"
)


@cache
def org_name() -> re.Pattern[str]:
    """A body as news writes it: a head word and its name, or an abbreviation with its place and area.

    The word after an abbreviation belongs to it only when it is a place ("สพป.ลำพูน", "สพป. บร.4",
    "กศน.อำเภอ…") or the subject glued to it ("กมธ.การศึกษา"); otherwise it opens the sentence's next
    clause ("สพฐ.หารือ…", "รมช.ศธ. ศูนย์…"). A committee of parliament names its house after a space.
    """
    places = "|".join(sorted((re.escape(p) for p in (*provinces(), *ALIASES)), key=len, reverse=True))
    codes = "|".join(province_codes())
    place = (
        r"(?:จังหวัด|จ\.)?\s?(?:" + places + r")[ก-๙]*|(?:อำเภอ|เขต|ภาค)[ก-๙]*"
        r"|(?:" + codes + r")(?![ก-๙])"
    )
    return re.compile(
        ORG_HEAD
        + r"[ก-๙A-Za-z0-9.]*(?:\s?\d{1,2}(?!\d))?(?:\s(?:ประจำ|เขต|จังหวัด|ภาค|ที่)[ก-๙0-9.]*(?:\s?\d{1,2})?)*"
        r"(?:\s(?:วุฒิสภา|สภาผู้แทนราษฎร))?"
        r"|" + ABBREVIATION.pattern + r"(?:\s?(?:" + place + r")(?:\s?เขต\s?\d{1,2})?|การ[ก-๙]+"
        r"|(?:(?<=ศธภ\.)|(?<=ศธภ))\s?[\d๐-๙]{1,2}(?![\d๐-๙]))?"  # "ศธภ.2": a region's office by its number
    )
