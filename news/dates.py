"""Thai dates and times: month names and abbreviations, Buddhist years, ranges, clock forms."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from news.patterns import Lazy

THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_THAI_DIGIT = re.compile("[๐-๙]")


def arabic_digits(text: str) -> str:
    """Thai digits as Arabic ones; translating is slow on Thai text, so only when there are any."""
    return text.translate(THAI_DIGITS) if _THAI_DIGIT.search(text) else text


MONTHS: dict[str, int] = {
    "มกราคม": 1, "กุมภาพันธ์": 2, "มีนาคม": 3, "เมษายน": 4, "พฤษภาคม": 5, "มิถุนายน": 6,
    "กรกฎาคม": 7, "สิงหาคม": 8, "กันยายน": 9, "ตุลาคม": 10, "พฤศจิกายน": 11, "ธันวาคม": 12,
}  # fmt: skip
MONTH_ABBREVIATIONS: dict[str, int] = {
    "ม.ค.": 1, "ก.พ.": 2, "มี.ค.": 3, "เม.ย.": 4, "พ.ค.": 5, "มิ.ย.": 6,
    "ก.ค.": 7, "ส.ค.": 8, "ก.ย.": 9, "ต.ค.": 10, "พ.ย.": 11, "ธ.ค.": 12,
}  # fmt: skip
THAI_MONTH_NAMES = list(MONTHS)
THAI_MONTH_SHORT = list(MONTH_ABBREVIATIONS)


def _abbreviation_pattern(abbr: str) -> str:
    letters = abbr.replace(".", "")
    return r"(?:\.\s?)?".join(re.escape(ch) for ch in letters) + r"\.?"


_MONTH_ALTERNATIVES = sorted(
    [re.escape(name) for name in MONTHS]
    + [_abbreviation_pattern(abbr) for abbr in MONTH_ABBREVIATIONS]
    + [r"กุมภา", r"มีนา", r"เมษา", r"พฤษภา", r"มิถุนา", r"กรกฎา", r"สิงหา", r"กันยา", r"ตุลา", r"พฤศจิกา", r"ธันวา"],
    key=len,
    reverse=True,
)
MONTH = r"(?:" + "|".join(_MONTH_ALTERNATIVES) + r")"
YEAR = r"(?:(?:พ\.\s?ศ\.|ค\.\s?ศ\.|ปี)\s*)?\d{2,4}(?!\d)"
DAY = r"(?:0?[1-9]|[12]\d|3[01])(?!\d)"
WEEKDAY = r"(?:วัน)?(?:จันทร์|อังคาร|พุธ|พฤหัสบดี|พฤหัสฯ?|พฤหัส|ศุกร์|เสาร์|อาทิตย์)(?:ที่)?"
DASH = r"\s*(?:-|–|—|ถึง(?:วันที่)?|จนถึง(?:วันที่)?|ถึงวัน\S*ที่)\s*"

DATE_SPAN = re.compile(
    rf"(?:{WEEKDAY}\s*)?(?P<d1>{DAY})(?:\s*(?P<m1>{MONTH})\s*(?P<y1>{YEAR})?)?"
    rf"(?:{DASH}(?:{WEEKDAY}\s*)?(?P<d2>{DAY})(?:\s*(?P<m2>{MONTH})))?"
    rf"(?(m1)|(?(m2)|(?!)))\s*(?P<y2>{YEAR})?"
)
# A year the article is set in: "พ.ศ. 2567", "ปีงบประมาณ 2567", "ครั้งที่ 3/2567".
YEAR_HINT = re.compile(r"(?:พ\.\s?ศ\.|ปี(?:งบประมาณ|การศึกษา)?|/)\s?(25\d{2})(?!\d)")
NUMERIC_DATE = re.compile(r"(?<![\d/])(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})\s*/\s*(?P<y>\d{2}|\d{4})(?![\d/])")
# "09.00 น.", "9.00 นาฬิกา", "เวลา 9.00", and "เมื่อ 09.00 น วันที่ …" where the dot is dropped before the day.
TIME = re.compile(
    r"(?=[\dเ])(?<![\d.,])(?P<h>[01]?\d|2[0-3])\s*[.:]\s*(?P<m>[0-5]\d)\s*(?:น\.|นาฬิกา|น(?=\s*(?:วัน|ณ\s))"
    r"|(?=[-–]\s*(?:[01]?\d|2[0-3])\s*[.:]\s*[0-5]\d\s*(?:น\.|นาฬิกา)))"  # "13.30 - 15.30 น.": both are clocks
    r"|เวลา\s*(?P<h2>[01]?\d|2[0-3])\s*[.:]\s*(?P<m2>[0-5]\d)"
)
NUMBER_WORDS = {
    "หนึ่ง": 1, "สอง": 2, "สาม": 3, "สี่": 4, "ห้า": 5, "หก": 6,
    "เจ็ด": 7, "แปด": 8, "เก้า": 9, "สิบ": 10, "สิบเอ็ด": 11, "สิบสอง": 12,
}  # fmt: skip
_NUMBER = r"\d{1,2}|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
SPOKEN_TIME = Lazy(
    r"(?=[\dบเ])(?:(?P<h>\d{1,2})\s*โมง\s*(?P<part>เช้า|เย็น)?(?:\s*(?P<half>ครึ่ง))?"
    r"|บ่าย\s*(?P<pm>" + _NUMBER + r"|โมง)\s*(?:โมง)?(?:\s*(?P<pmhalf>ครึ่ง))?"
    r"|(?P<night>\d{1,2})\s*ทุ่ม"
    r"|(?P<noon>เที่ยง(?:วัน|ตรง)?))"
)


@dataclass(frozen=True)
class DateMention:
    """One date or date range found in a text, with where it stands."""

    start: date
    end: date | None
    position: int
    end_position: int
    has_year: bool


def month_number(text: str) -> int | None:
    compact = re.sub(r"[\s.]", "", text)
    for name, number in MONTHS.items():
        if compact == name or (len(compact) >= 4 and name.startswith(compact)):
            return number
    for abbr, number in MONTH_ABBREVIATIONS.items():
        if compact == abbr.replace(".", ""):
            return number
    return None


def year_to_ce(text: str, *, assume_buddhist: bool = True) -> int | None:
    """A year as written (2567, พ.ศ. 2567, 67, ค.ศ. 2024, 2024) in the common era."""
    digits = re.sub(r"\D", "", text)
    if not digits:
        return None
    value = int(digits)
    common_era = "ค" in text
    if len(digits) == 2:
        return value + 2500 - 543 if assume_buddhist and not common_era else value + 2000
    if len(digits) != 4:
        return None
    if common_era or 1900 <= value <= 2200:
        return value
    if 2400 <= value <= 2700:
        return value - 543
    return None


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def find_dates(text: str, *, default_year: int | None = None) -> list[DateMention]:
    """Every date and range in the text; a missing year comes from the text's own context."""
    text = arabic_digits(text)
    mentions: list[DateMention] = []
    raw: list[tuple[re.Match[str], int, int | None, int | None, int | None]] = []
    for match in DATE_SPAN.finditer(text):
        m1 = month_number(match["m1"]) if match["m1"] else None
        m2 = month_number(match["m2"]) if match["m2"] else None
        year_text = match["y2"] or match["y1"]
        year = year_to_ce(year_text) if year_text else None
        raw.append((match, int(match["d1"]), m1 or m2, m2, year))
    years = [year for *_, year in raw if year]
    fallback = default_year or (max(set(years), key=years.count) if years else None)
    for match, day1, month1, month2, year in raw:
        if month1 is None:
            continue
        y = year or fallback
        if y is None:
            continue
        start_year = y - 1 if month2 and month1 > month2 else y
        start = _safe_date(start_year, month1, day1)
        end = _safe_date(y, month2 or month1, int(match["d2"])) if match["d2"] else None
        if start is None or (match["d2"] and end is None):
            continue
        if end is not None and end <= start:
            end = None
        mentions.append(DateMention(start, end, match.start(), match.end(), year is not None))
    for match in NUMERIC_DATE.finditer(text):
        year = year_to_ce(match["y"])
        day = _safe_date(year, int(match["m"]), int(match["d"])) if year else None
        if day:
            mentions.append(DateMention(day, None, match.start(), match.end(), True))
    return sorted(mentions, key=lambda m: m.position)


def find_times(text: str) -> list[tuple[int, str]]:
    """Clock times as (position, "HH:MM"), from "เวลา 09.00 น." and spoken forms like "9 โมงเช้า"."""
    text = arabic_digits(text)
    found: list[tuple[int, str]] = []
    for match in TIME.finditer(text):
        hour, minute = (match["h"], match["m"]) if match["h"] else (match["h2"], match["m2"])
        found.append((match.start(), f"{int(hour):02d}:{minute}"))
    for match in SPOKEN_TIME.finditer(text):
        clock = _spoken_clock(match)
        if clock:
            found.append((match.start(), clock))
    return sorted(found)


def _spoken_clock(match: re.Match[str]) -> str | None:
    if match["noon"]:
        return "12:00"
    if match["night"]:
        hour = 18 + int(match["night"])
        return f"{hour:02d}:00" if hour <= 23 else None
    if match["pm"]:
        pm = match["pm"]
        hour = 13 if pm == "โมง" else 12 + (NUMBER_WORDS.get(pm) or int(pm))
        return f"{hour:02d}:{'30' if match['pmhalf'] else '00'}" if hour <= 18 else None
    hour = int(match["h"])
    if match["part"] == "เย็น" and hour < 12:
        hour += 12
    elif match["part"] is None and not 6 <= hour <= 12:
        return None
    return f"{hour:02d}:{'30' if match['half'] else '00'}" if hour <= 23 else None


def thai_date(day: date, *, short: bool = False) -> str:
    """15 มีนาคม 2567 (or 15 มี.ค. 67): how Thai officials read a date."""
    if short:
        return f"{day.day} {THAI_MONTH_SHORT[day.month - 1]} {(day.year + 543) % 100:02d}"
    return f"{day.day} {THAI_MONTH_NAMES[day.month - 1]} {day.year + 543}"


def thai_date_range(start: date, end: date | None) -> str:
    if end is None or end == start:
        return thai_date(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{thai_date(end)}"
    if start.year == end.year:
        return f"{start.day} {THAI_MONTH_NAMES[start.month - 1]} – {thai_date(end)}"
    return f"{thai_date(start)} – {thai_date(end)}"
