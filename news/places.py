"""Provinces, their aliases, and the districts and sub-districts that imply them (from geothai)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import geothai

BANGKOK = "กรุงเทพมหานคร"
# Everyday names for provinces that officials write or type instead of the official one.
ALIASES: dict[str, str] = {
    "กทม": BANGKOK, "กรุงเทพฯ": BANGKOK, "กรุงเทพ": BANGKOK, "บางกอก": BANGKOK,
    "โคราช": "นครราชสีมา", "อยุธยา": "พระนครศรีอยุธยา", "กรุงเก่า": "พระนครศรีอยุธยา",
    "นครศรีฯ": "นครศรีธรรมราช", "นครศรี": "นครศรีธรรมราช", "สุราษฎร์": "สุราษฎร์ธานี",
    "อุบลฯ": "อุบลราชธานี", "อุบล": "อุบลราชธานี", "อุดร": "อุดรธานี", "ปทุม": "ปทุมธานี",
    "สมุทรปราการฯ": "สมุทรปราการ", "ปากน้ำ": "สมุทรปราการ", "แม่ฮ่องสอนฯ": "แม่ฮ่องสอน",
    "กาญจน์": "กาญจนบุรี", "สุพรรณ": "สุพรรณบุรี", "ประจวบ": "ประจวบคีรีขันธ์",
    "ประจวบฯ": "ประจวบคีรีขันธ์", "ฉะเชิงเทรา": "ฉะเชิงเทรา", "แปดริ้ว": "ฉะเชิงเทรา",
    "บุรีรัมย์": "บุรีรัมย์", "โคราชฯ": "นครราชสีมา", "พัทลุง": "พัทลุง", "ศรีสะเกษ": "ศรีสะเกษ",
}  # fmt: skip
# Province names that are also everyday words: counted only after จังหวัด or จ.
COMMON_WORDS = frozenset({"เลย", "แพร่", "ตาก", "น่าน", "ตราด"})


def province_phrase(province: str, *, short: bool = False) -> str:
    """How a province is written after a venue: "จังหวัดตรัง" (or "จ.ตรัง"); Bangkok is never a จังหวัด."""
    if province == BANGKOK:
        return province
    return f"จ.{province}" if short else f"จังหวัด{province}"


@dataclass(frozen=True)
class PlaceMention:
    """A province named or implied at a position of a text."""

    province: str
    position: int
    end: int
    how: str  # "explicit" (จังหวัด/จ.), "name", "district", "subdistrict"
    glued: bool = False  # written inside another word; kept only when the caller reads chat text


@cache
def provinces() -> tuple[str, ...]:
    return tuple(p.name_th for p in geothai.provinces())


@cache
def english_names() -> dict[str, str]:
    return {p.name_en.lower(): p.name_th for p in geothai.provinces()}


@cache
def _province_by_code() -> dict[str, str]:
    return {p.code: p.name_th for p in geothai.provinces()}


@cache
def district_index() -> dict[str, frozenset[str]]:
    """District name (without อำเภอ/เขต) to the provinces that have a district of that name."""
    names = _province_by_code()
    index: dict[str, set[str]] = {}
    for province in geothai.provinces():
        for district in geothai.districts(province.code):
            index.setdefault(district.name_th.removeprefix("เขต"), set()).add(names[province.code])
    return {name: frozenset(found) for name, found in index.items()}


@cache
def subdistrict_index() -> dict[str, frozenset[str]]:
    """Sub-district name to the provinces that have one of that name (7,000 of them: read when asked)."""
    names = _province_by_code()
    index: dict[str, set[str]] = {}
    for province in geothai.provinces():
        for district in geothai.districts(province.code):
            for sub in geothai.subdistricts(district.code):
                index.setdefault(sub.name_th, set()).add(names[province.code])
    return {name: frozenset(found) for name, found in index.items()}


@cache
def _name_pattern() -> re.Pattern[str]:
    names = sorted({*provinces(), *ALIASES}, key=len, reverse=True)
    return re.compile("|".join(re.escape(n) for n in names))


def canonical_province(name: str) -> str | None:
    """The official name for a province's name, alias or English name; None when it is none."""
    name = name.strip().rstrip(".")
    if name in provinces():
        return name
    if name in ALIASES or name + "ฯ" in ALIASES:
        return ALIASES.get(name) or ALIASES[name + "ฯ"]
    return english_names().get(re.sub(r"[\s-]+", " ", name.lower()))


_EXPLICIT = re.compile(r"(?:จังหวัด|จ\.\s?)$")
# In chat, "ประชุมที่เลย" asks about Loei: a province that is also a word counts after ที่/ใน when what
# follows ends the name (a question's tail), so "ที่ตากอากาศ" stays a resort.
_CHAT_PLACE_BEFORE = re.compile(r"(?:ที่|ใน)\s?$")
_CHAT_PLACE_AFTER = re.compile(
    r"(?:$|[^ก-๙]|ไหม|มั้ย|บ้าง|ครับ|ค่ะ|คะ|นะ|เหรอ|หรอ|ล่ะ|ด้วย|หน่อย|ปี|เดือน|วัน|มี|ช่วง|เมื่อ|จัด|ล่าสุด|เขต)"
)
_DISTRICT = re.compile(r"(?:อำเภอ|อ\.|เขต)\s?([ก-๙]+)")
_SUBDISTRICT = re.compile(r"(?:ตำบล|ต\.|แขวง)\s?([ก-๙]+)")
_THAI_LETTER = re.compile(r"[ก-ฮะ-ฺเ-๎]")


def find_provinces(text: str, *, strict: bool = True) -> list[PlaceMention]:
    """Provinces named in the text, by name or alias, explicit (จังหวัด/จ.) or standing alone.

    A name glued to the Thai word before it ("มหาวิทยาลัยนอร์ทกรุงเทพ") is part of another name and
    does not count, unless จังหวัด or จ. introduces it. Chat text (strict=False) glues words freely
    ("ประชุมที่ชุมพรไหม"), so there a name counts wherever it stands.
    """
    found: list[PlaceMention] = []
    for match in _name_pattern().finditer(text):
        before = text[max(0, match.start() - 8) : match.start()]
        area_office = text[max(0, match.start() - 10) : match.start()].endswith(("ประถมศึกษา", "มัธยมศึกษา"))
        explicit = bool(_EXPLICIT.search(before)) or area_office  # สำนักงานเขตพื้นที่การศึกษาประถมศึกษาลำปาง
        after = text[match.end() : match.end() + 1]
        name = match.group()
        if not explicit and name in COMMON_WORDS and (before[-1:].strip() or after.strip()):
            in_chat = not strict and _CHAT_PLACE_BEFORE.search(before)
            if not (in_chat and _CHAT_PLACE_AFTER.match(text, match.end())):
                continue
        glued = not explicit and _glued(before, after)
        if strict and glued:
            continue
        province = canonical_province(name)
        if province:
            how = "explicit" if explicit else "name"
            found.append(PlaceMention(province, match.start(), match.end(), how, glued))
    found.extend(_find_areas(text))
    found.extend(_find_english(text))
    return sorted(found, key=lambda m: m.position)


@cache
def _english_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    """English names as releases write them, with or without the inner space ("Buri Ram", "Buriram")."""
    by_key = {re.sub(r"[\s-]", "", name): thai for name, thai in english_names().items()}
    words = sorted({*english_names(), *by_key}, key=len, reverse=True)
    alternatives = "|".join(re.escape(w).replace(r"\ ", r"\s?").replace(r"\-", r"[\s-]?") for w in words)
    return re.compile(rf"\b(?:{alternatives})\b", re.IGNORECASE), by_key


def _find_english(text: str) -> list[PlaceMention]:
    if not re.search("[A-Z]", text):
        return []
    pattern, by_key = _english_pattern()
    found = []
    for match in pattern.finditer(text):
        if not match.group()[0].isupper():
            continue  # "nan", "tak" in running English are words, not places
        province = by_key.get(re.sub(r"[\s-]", "", match.group().lower()))
        if province:
            explicit = text[match.end() : match.end() + 9].lower().startswith((" province", " provincial"))
            found.append(
                PlaceMention(province, match.start(), match.end(), "explicit" if explicit else "name")
            )
    return found


def _glued(before: str, after: str) -> bool:
    glued_before = (
        bool(before) and bool(_THAI_LETTER.match(before[-1])) and not before.endswith(("ที่", "ใน", "ณ"))
    )
    glued_after = bool(after) and bool(_THAI_LETTER.match(after)) and after != "ฯ"
    return glued_before or glued_after


def _find_areas(text: str) -> list[PlaceMention]:
    found: list[PlaceMention] = []
    for pattern, index, how in (
        (_DISTRICT, district_index, "district"),
        (_SUBDISTRICT, subdistrict_index, "subdistrict"),
    ):
        for match in pattern.finditer(text):  # the index is read only for a text that names an area
            word = match[1]
            if word.startswith("พื้นที่"):
                continue
            province = _unique_prefix(word, index())
            if province:
                found.append(PlaceMention(province, match.start(), match.end(), how))
    return found


def _unique_prefix(word: str, index: dict[str, frozenset[str]]) -> str | None:
    """The one province of the longest area name that starts `word` (names run into the next word)."""
    for size in range(len(word), 1, -1):
        provinces_here = index.get(word[:size])
        if provinces_here:
            return next(iter(provinces_here)) if len(provinces_here) == 1 else None
    return None
