"""People in Thai news: names with honorifics and ranks, and who chaired a meeting."""

from __future__ import annotations

import re
from dataclasses import dataclass

from news.patterns import Lazy

HONORIFIC = (
    r"(?:ว่าที่\s?(?:ร้อย|พัน)?(?:ตรี|โท|เอก)|ว่าที่\s?(?:ร\.|พ\.)(?:ต|ท|อ)\.|"
    r"พลเอก|พลโท|พลตรี|พลตำรวจเอก|พลตำรวจโท|พลตำรวจตรี|พลอากาศเอก|พลเรือเอก|"
    r"พล\.(?:อ|ท|ต|ต\.อ|ต\.ท|ต\.ต|อ\.อ|ร\.อ)\.|พ\.(?:อ|ท|ต)\.|พ\.ต\.(?:อ|ท|ต)\.|ร\.(?:อ|ท|ต)\.|"
    r"พันเอก|พันโท|พันตรี|ร้อยเอก|ร้อยโท|ร้อยตรี|"
    r"ศาสตราจารย์|รองศาสตราจารย์|ผู้ช่วยศาสตราจารย์|ศ\.|รศ\.|ผศ\.|"
    r"นายแพทย์|แพทย์หญิง|ทันตแพทย์หญิง|ทันตแพทย์|นพ\.|พญ\.|ทพ\.|ทพญ\.|เภสัชกรหญิง|เภสัชกร|ภก\.|ภญ\.|ดร\.|"
    r"นางสาว|น\.ส\.|นาง|นาย(?!ก(?:สมาคม|เทศ|องค์|รัฐ|อบ|สภา)|อำเภอ|ทะเบียน|ช่าง|ท่า|ด่าน|ตรวจ|ทหาร|ตำรวจ|ร้อย|สิบ|กอง)|คุณ(?!ภาพ|ค่า|ลักษณะ|สมบัติ|ธรรม|ประโยชน์|วุฒิ|การ|ครู)|"
    r"Mr\.|Mrs\.|Ms\.|Dr\.)"
)
# One or more honorifics ("ผศ.ดร.", "ว่าที่ร้อยตรี ดร."), a given name, a space, a surname.
PERSON = Lazy(
    r"(?=[วพรศผนแทเภดคMD])"  # every honorific's first letter: lets the scan skip other positions fast
    rf"(?P<title>(?:{HONORIFIC}\s?){{1,3}})(?P<given>[ก-ฮเ-ไ][ก-๙]+)(?:\s+(?P<surname>[ก-ฮเ-ไ][ก-๙]+))?"
)
CHAIR_MARK = Lazy(
    r"(?:ให้เกียรติ)?(?:เป็นประธาน|เป็นประธานในพิธี|เป็นประธานเปิด|ประธานในพิธีเปิด|ประธานการประชุม|"
    r"ประธานในการประชุม|กล่าวเปิด|เปิดการประชุม|เปิดการอบรม|เปิดการสัมมนา|"
    r"presided|co-chaired|chaired|opened the)"
)
# What a person who chaired does, said with the event itself: "ประธานเปิดการฝึกอบรม", "เปิดการเสวนา".
OPENED = Lazy(r"ประธาน(?:ใน)?(?:พิธี)?เปิด|เปิด(?:การ)?(?:ประชุม|อบรม|ฝึกอบรม|สัมมนา|เสวนา|โครงการ|กิจกรรม|งาน)")
# An English release: "H.E. Police General Permpoon Chidchob, Minister of Education of Thailand, presided …".
ENGLISH_PERSON = Lazy(
    r"(?:H\.E\.\s?)?(?P<title>Police General|Pol\.\s?Gen\.|General|Gen\.|Mr\.|Mrs\.|Ms\.|Dr\.|Prof\.)\s"
    r"(?P<given>[A-Z][a-z]+)\s(?P<surname>[A-Z][a-z]+)(?:,\s(?:the\s)?(?P<position>[A-Z][^,\n]{4,80}),)?"
)
_FUNCTION_WORD = re.compile(
    r"^(?:กล่าว|ได้|เป็น|และ|พร้อม|โดย|จึง|ซึ่ง|ที่|ใน|เพื่อ|ให้|จาก|เมื่อ|เข้า|ร่วม|มอบ|เปิด|ประธาน|"
    r"ผู้เข้า|ผู้ร่วม|ผู้แทน|ผู้บริหาร|ครู|นักเรียน|คณะ|บุคลากร|เลขาธิการ\s)"
)

# A "surname" that is the next clause's first word: "ดร.อรรถพล กล่าวว่า", "นายก… จัดประชุม".
_NOT_SURNAME = re.compile(r"^(?:กล่าว|ได้|เป็น|และ|พร้อมด้วย|โดย|จึง|ซึ่ง|จัด|ประชุม|เพื่อ|เมื่อ|ให้|ณ)")


@dataclass(frozen=True)
class Person:
    name: str
    position: str | None
    at: int


def find_people(text: str) -> list[Person]:
    """Every honorific-introduced name with the position written after it."""
    people: list[Person] = []
    at = 0
    while (match := PERSON.search(text, at)) is not None:
        at = match.end()
        if (
            match["surname"] is None
            or _FUNCTION_WORD.match(match["given"])
            or _NOT_SURNAME.match(match["surname"])
        ):
            at = match.end("title")  # "…ตระการคุณ ได้รับเกียรติจาก นายX": no name here, one may start inside
            continue
        name = f"{match['title'].strip()}{match['given']} {match['surname']}"
        name = re.sub(r"^(นาย|นาง|นางสาว)\s", r"\1", name)
        bracketed = text[max(0, match.start() - 2) : match.start()].rstrip().endswith("(")
        if bracketed:
            position = _position_before(text, match.start())
        else:
            position = _position_after(text, match.end()) or _position_leading(text, match.start())
        people.append(Person(name, position, match.start()))
    for match in ENGLISH_PERSON.finditer(text):
        name = f"{match['title']} {match['given']} {match['surname']}"
        people.append(Person(name, match["position"], match.start("title")))
    return sorted(people, key=lambda person: person.at)


def _position_before(text: str, at: int) -> str | None:
    """A position written first with the name in brackets: "เลขาธิการสภาการศึกษา (ดร.สุภัทร จำปาทอง)"."""
    before = text[max(0, at - 120) : at].rstrip()
    if not before.endswith("("):
        return None
    clause = re.split(r"โดยมี|โดย|และ|พร้อมด้วย|[,\n)]", before[:-1])[-1].strip()
    head = POSITION_HEAD.search(clause)  # "วันที่ 24 มกราคม 2562 เลขาธิการ…": the position starts at its head
    return clause[head.start() :].strip() if head else None


def _position_leading(text: str, at: int) -> str | None:
    """A position that opens the sentence just before a name: "ผู้อำนวยการ สพป.X เขต 1 นายY เป็นประธาน"."""
    before = text[max(0, at - 120) : at]
    if not before.endswith(" "):
        return None
    clause = re.split(r"โดยมี|โดย|และ|พร้อมด้วย|กับ|[,\n()“”\"]", before)[-1]
    head = POSITION_HEAD.search(clause)
    if head is None or PERSON.search(clause):
        return None
    position = clause[head.start() :].strip()
    return position if len(position) >= 6 else None


POSITION_HEAD = re.compile(
    r"(?:รอง|ผู้ช่วย)?(?:ผู้อำนวยการ|ผอ\.|เลขาธิการ|เลขานุการ|ประธาน|นายก|ผู้ว่าราชการ|ศึกษาธิการ|รัฐมนตรี|อธิการบดี|ปลัด|"
    r"คณบดี|ผู้ตรวจราชการ|หัวหน้า|ศึกษานิเทศก์|องคมนตรี)"
)

# "นายX, ผอ.สพป.Y เขต 2 เป็นประธาน": a comma may stand between a name and its position.
COMMA_THEN_POSITION = re.compile(r"\s?,\s?(?=" + POSITION_HEAD.pattern + ")")
# "นายX (ผอ.สพป.Y เขต 2) เป็นประธาน": the position in brackets straight after the name.
BRACKETED_POSITION = re.compile(
    r"\s?\(\s?(?P<position>(?:" + POSITION_HEAD.pattern + r")[^()\n]{2,100}?)\s?\)"
)


def _position_after(text: str, start: int) -> str | None:
    """The position that follows a name: up to the verb, the next name, or a clause break."""
    rest = text[start : start + 200]
    bracketed = BRACKETED_POSITION.match(rest)
    if bracketed:
        return re.sub(r"\s+", " ", bracketed["position"]).strip()
    comma = COMMA_THEN_POSITION.match(rest)
    rest = rest[comma.end() :] if comma else rest
    rest = re.split(
        r"\s?(?:ให้เกียรติ|เป็นประธาน|เป็น|ได้|กล่าว|พร้อมด้วย|พร้อม|โดยมี|โดย|และ|ร่วม|ในฐานะ|มอบ|เปิด|เดินทาง|(?<!ผู้)(?<!เขต)ตรวจ|"
        r"เข้า|ณ\s|ที่ห้อง|เมื่อ|ซึ่ง|ประธาน(?:ใน|การ|เปิด)|(?:ต่อ|หลัง)?จากนั้น|ทั้งนี้)|[,\n“\"]",
        rest,
        maxsplit=1,
    )[0]
    another = PERSON.search(rest)
    if another:
        rest = rest[: another.start()]
    rest = re.split(r"\s(?:บรรยาย|ให้การ|มา|มอบ|ลงนาม|แถลง|ประชุม|ตรวจ|นำ|เยี่ยม)", rest, maxsplit=1)[0]
    rest = re.sub(r"\([^)]*\)?", "", rest)
    rest = re.sub(r"\s+", " ", rest).strip()
    if len(rest) < 3 or PERSON.match(rest):
        return None
    return rest
