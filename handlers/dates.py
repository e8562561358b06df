"""Reading dates out of a question: relative words, 31/3/2564, 15 มี.ค. 67, months, years.

| typed                          | window                                   |
|--------------------------------|------------------------------------------|
| วันนี้ / พรุ่งนี้ / เมื่อวาน         | that day                                 |
| สัปดาห์นี้ / หน้า / ที่แล้ว          | Monday to Sunday of that week            |
| เดือนนี้ / หน้า / ที่แล้ว            | that calendar month, named in the reply  |
| ปีนี้ / หน้า / ที่แล้ว               | that calendar year                       |
| 3 วันที่แล้ว, สองสัปดาห์ก่อน, อีก 2 เดือน | that day, week, month or year            |
| ช่วง 7 วันที่ผ่านมา, 30 วันข้างหน้า      | those days up to (or from) today         |
| ล่าสุด / ที่จะถึง                  | no window; newest first / from today on  |
| 31/3/2564, 31/3/64             | that day                                 |
| 15 มี.ค. 67, 20-31 มีนาคม 63      | that day or those days                   |
| มี.ค. 67, มกราคม พ.ศ.2562        | that month (this year when none given)   |
| ปี 60, พ.ศ. 2558, 2019, ค.ศ. 2019 | that calendar year                      |
| ปีงบ 67                          | 1 Oct 2023 to 30 Sep 2024                 |
| ปีการศึกษา 2567                   | 1 May 2024 to 30 Apr 2025                 |
| ปี 66-67, 2566-2567              | those calendar years                      |
| ครึ่งปีแรก 2567, ไตรมาส 3 ปีงบ 68   | that half or quarter of the year (this year when none given) |
| วันศุกร์นี้, วันจันทร์หน้า            | that day of this, next or last week       |
| ตั้งแต่ / หลัง / ก่อน + a date        | from it on, after it, before it           |

Months people type in other ways are spelled out first (`spell_dates`): "มกรา 62", "มค 62",
"16 February 2024", "Mar 2021", "เดือน 10/2562"; so are "next week", "last year", "today".

A year outside what the table can hold (before 1900 or after 2200) is no filter, and the reply says so.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from handlers.reading import Reading
from news.dates import MONTH, find_dates, month_number, thai_date, year_to_ce

FIRST_YEAR, LAST_YEAR = 1900, 2200
THAI_MONTHS = ("", "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม", "สิงหาคม",
               "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม")  # fmt: skip
RELATIVE = re.compile(
    r"วันนี้|พรุ่งนี้|มะรืน(?:นี้)?|เมื่อวาน(?:นี้)?|"
    r"(?:สัปดาห์|อาทิตย์|อาทิต|week)\s?(?:นี้|หน้า|ที่แล้ว|ก่อน|ที่ผ่านมา)|"
    r"เดือน\s?(?:นี้|หน้า|ที่แล้ว|ก่อน|ที่ผ่านมา)|ปี\s?(?:นี้|หน้า|ที่แล้ว|ก่อน|ที่ผ่านมา)|"
    r"ล่าสุด|ใหม่ล่าสุด|อัปเดต|ที่จะถึง(?:นี้)?|เร็ว\s?ๆ\s?นี้|กำลังจะ(?:มี|จัด)?|เร็วๆนี้|upcoming|latest"
)
NUMBER_WORDS = {
    "หนึ่ง": 1,
    "สอง": 2,
    "สาม": 3,
    "สี่": 4,
    "ห้า": 5,
    "หก": 6,
    "เจ็ด": 7,
    "แปด": 8,
    "เก้า": 9,
    "สิบ": 10,
}
COUNTED = re.compile(
    r"(?P<within>(?:ใน|ภายใน)?ช่วง\s?|ภายใน\s?)?(?P<ahead>อีก\s?)?(?P<n>\d{1,3}|"
    + "|".join(NUMBER_WORDS)
    + r")\s?(?P<unit>วัน|สัปดาห์|อาทิตย์|อาทิต|เดือน|ปี)"
    r"\s?(?P<when>ที่แล้ว|ก่อน|ที่ผ่านมา|ข้างหน้า|หน้า|ถัดไป)?"
)
YEAR_RANGE = re.compile(
    r"(?:(?:ปี|พ\.\s?ศ\.)\s?(?P<a>\d{2}|\d{4})|(?<![\d/.])(?P<a4>(?:25|19|20)\d{2}))"
    r"\s?(?:-|–|ถึง)\s?(?:ปี\s?)?(?P<b>\d{4}|\d{2})(?![\d/])"
)
WEEKDAYS = ("จันทร์", "อังคาร", "พุธ", "พฤหัส", "ศุกร์", "เสาร์", "อาทิตย์")
WEEKDAY = re.compile(
    r"(?:วัน(?P<d1>อาทิตย์)|(?:วัน)?(?P<d2>จันทร์|อังคาร|พุธ|พฤหัส(?:บดี)?|ศุกร์|เสาร์))"
    r"\s?(?P<when>นี้|หน้า|ที่แล้ว|ที่ผ่านมา|ก่อน)"
)
# A single date after these opens the window: "ตั้งแต่ปี 2565", "หลัง 1 ต.ค. 67", "ก่อนปี 2560"
OPEN_BEFORE = re.compile(r"(?P<word>ตั้งแต่|หลังจาก|ภายหลัง|หลัง|ก่อน)\s?(?:วันที่|เดือน)?\s?$")
NUMERIC_DATE = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})(?![\d/])")
YEAR_QUERY = re.compile(
    r"(?:ปี|พ\.\s?ศ\.|ค\.\s?ศ\.|ปีงบ(?:ประมาณ)?|ปีการศึกษา)\s?(?:พ\.\s?ศ\.\s?)?(?P<y>\d{2,})(?!\d)"
    r"|(?<![\d/.])(?P<y4>(?:25|19|20)\d{2})(?![\d/])"
)
# A half or a quarter of the year named with it ("ครึ่งปีหลัง 2566", "ไตรมาสแรกของปีงบ 68", "Q3 2024")
YEAR_PART = re.compile(
    r"ครึ่ง\s?(?:ปี\s?)?(?P<half>แรก|หลัง)|ไตรมาส\s?(?:ที่\s?)?(?P<q>[1-4]|แรก|สุดท้าย|หนึ่ง|สอง|สาม|สี่)"
    r"|(?<![a-z])q(?P<qe>[1-4])(?![a-z0-9])",
    re.IGNORECASE,
)
QUARTER_WORDS = {"แรก": 1, "หนึ่ง": 1, "สอง": 2, "สาม": 3, "สี่": 4, "สุดท้าย": 4}
ENGLISH_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
ENGLISH_MONTH = re.compile(
    r"(?<![a-z])(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?(?![a-z])",
    re.IGNORECASE,
)
NEAR_NUMBER = re.compile(r"\d\s?$|^\s?,?\s?\d")
# An abbreviation typed without its dots, read as a month only before a year ("มค 62", "ประชุมธค66").
UNDOTTED_MONTH = re.compile(
    r"(?<![ก-๙.])(มค|กพ|มีค|เมย|พค|มิย|กค|สค|กย|ตค|พย|ธค)(?=\s?(?:พ\.\s?ศ\.\s?)?\d{2,4}(?!\d))"
    r"|(?:(?<=ประชุม)|(?<=สัมมนา)|(?<=อบรม)|(?<=เดือน))(มค|กพ|มีค|เมย|พค|มิย|กค|สค|กย|ตค|พย|ธค)"
    r"(?=\s?\d{2,4}(?!\d))"
)
ISO_DATE = re.compile(r"(?<![\d/.-])((?:25|19|20)\d{2})-(\d{1,2})-(\d{1,2})(?![\d/.-])")
NUMERIC_MONTH = re.compile(r"เดือน\s?(\d{1,2})\s?/\s?(\d{4}|\d{2})(?!\d)")
MONTH_QUERY = re.compile(
    rf"(?:เดือน\s?)?(?P<m1>{MONTH})(?:\s?(?:-|–|ถึง)\s?(?P<m2>{MONTH}))?"
    rf"\s?(?:(?:ปี|พ\.ศ\.|ค\.ศ\.)?\s?(?P<y>\d{{2,4}})(?!\d))?"
)


ENGLISH_RELATIVE = re.compile(
    r"\b(this|next|last)\s+(week|month|year)\b|\b(today|tomorrow|yesterday)\b", re.I
)
_ENGLISH_WORDS = {"this": "นี้", "next": "หน้า", "last": "ที่แล้ว", "week": "สัปดาห์", "month": "เดือน", "year": "ปี",
                  "today": "วันนี้", "tomorrow": "พรุ่งนี้", "yesterday": "เมื่อวาน"}  # fmt: skip


def _english_relative(match: re.Match[str]) -> str:
    if match[3]:
        return f" {_ENGLISH_WORDS[match[3].lower()]} "
    return f" {_ENGLISH_WORDS[match[2].lower()]}{_ENGLISH_WORDS[match[1].lower()]} "


def spell_dates(text: str) -> str:
    """Months written as people type them, spelled the one way the readers know: "มกรา" and "มค 62" as
    มกราคม, an English month next to a number ("16 February 2024", "Mar 2021"), "เดือน 10/2562" and
    "2023-12-12" as 12/12/2023;
    and English relative dates ("next week" as สัปดาห์หน้า)."""
    text = re.sub(r"มกรา(?!คม)", "มกราคม", text)
    text = UNDOTTED_MONTH.sub(lambda m: THAI_MONTHS[month_number(m.group()) or 0] or m.group(), text)
    text = NUMERIC_MONTH.sub(_numeric_month, text)
    text = ISO_DATE.sub(lambda m: f"{int(m[3])}/{int(m[2])}/{m[1]}", text)  # "2023-12-12" as 12/12/2023
    text = ENGLISH_RELATIVE.sub(_english_relative, text)  # "next week" as สัปดาห์หน้า
    return re.sub(r" {2,}", " ", ENGLISH_MONTH.sub(_english_month, text))


def _numeric_month(match: re.Match[str]) -> str:
    month = int(match[1])
    return f"เดือน{THAI_MONTHS[month]} {match[2]}" if 1 <= month <= 12 else match.group()


def _english_month(match: re.Match[str]) -> str:
    """An English month only beside a number: "may" alone is a word, "May 2024" a month."""
    before, after = match.string[max(0, match.start() - 2) : match.start()], match.string[match.end() :][:3]
    if not (NEAR_NUMBER.search(before) or NEAR_NUMBER.match(after)):
        return match.group()
    month = ENGLISH_MONTHS.index(match[1][:3].lower()) + 1
    return f" {THAI_MONTHS[month]} "


def read_dates(r: Reading) -> None:
    for reader in (_year_part, _counted, _weekday, _relative, _numeric, _days, _months, _year_range, _years):
        reader(r)
    if r.year_part[1] and r.date_from is None and r.date_to is None:  # "ครึ่งปีแรก" alone: of this year
        year = r.today.year
        _span_at(r, (0, 0), _part_of(r, (date(year, 1, 1), date(year, 12, 31))), f"พ.ศ. {year + 543}")
        r.described[-1] = f"{r.year_part[2]} {r.described[-1]}"


def _year_part(r: Reading) -> None:
    """ "ครึ่งปีแรก", "ไตรมาส 3": a part of the year the question names, kept for the year read later."""
    match = YEAR_PART.search(r.text)
    if match is None:
        return
    if match["half"]:
        first, label = (0, "ครึ่งปีแรก") if match["half"] == "แรก" else (6, "ครึ่งปีหลัง")
        r.year_part = (first, 6, label)
    else:
        raw = match["q"] or match["qe"]
        quarter = int(raw) if raw.isdigit() else QUARTER_WORDS[raw]
        r.year_part = (3 * (quarter - 1), 3, f"ไตรมาสที่ {quarter}")
    r.take(match.start(), match.end(), "dates")


def _part_of(r: Reading, span: tuple[date, date]) -> tuple[date, date]:
    """The part of a year's `span` (calendar, fiscal or academic) the question named, or all of it."""
    first, months, _ = r.year_part
    if not months:
        return span
    start = _month_after(span[0], first)
    return start, _month_after(start, months) - timedelta(days=1)


def _month_after(day: date, months: int) -> date:
    index = day.month - 1 + months
    return date(day.year + index // 12, index % 12 + 1, 1)


def _span_at(r: Reading, where: tuple[int, int], span: tuple[date, date], label: str) -> None:
    """Take the date written at `where` as the window `span`, opened by ตั้งแต่, หลัง or ก่อน before it."""
    opened = OPEN_BEFORE.search(r.text[: where[0]])
    r.take(*where, "dates")
    first: date | None
    last: date | None
    first, last = span
    if opened:
        word = opened["word"]
        r.take(opened.start("word"), opened.end("word"), "dates")
        if word == "ก่อน":
            first, last = None, span[0] - timedelta(days=1)
        else:
            first, last = (span[0] if word == "ตั้งแต่" else span[1] + timedelta(days=1)), None
        label = f"{word} {label}"
    r.set_span(first, last, label)


def _weekday(r: Reading) -> None:
    """ "วันศุกร์นี้", "วันจันทร์หน้า", "วันพุธที่แล้ว": that day of this, next or last week."""
    match = WEEKDAY.search(r.text)
    if match is None:
        return
    name = match["d1"] or match["d2"]
    index = next(i for i, day in enumerate(WEEKDAYS) if name.startswith(day))
    shift = 0 if match["when"] == "นี้" else 1 if match["when"] == "หน้า" else -1
    day = _week(r.today, shift)[0] + timedelta(days=index)
    r.set_span(day, day, f"{match.group()} ({thai_date(day)})")
    r.take(match.start(), match.end(), "dates")
    r.meeting_word = True


def _year_range(r: Reading) -> None:
    """ "ปี 66-67", "2566-2567": those calendar years."""
    for match in YEAR_RANGE.finditer(r.text):
        first, last = year_to_ce(match["a"] or match["a4"]), year_to_ce(match["b"])
        if first and last and FIRST_YEAR <= first < last <= first + 20:
            r.set_span(date(first, 1, 1), date(last, 12, 31), f"พ.ศ. {first + 543}–{last + 543}")
            r.take(match.start(), match.end(), "dates")
            return


def _counted(r: Reading) -> None:
    """ "3 วันที่แล้ว" is that day, "ช่วง 7 วันที่ผ่านมา" the days up to today, "อีก 2 สัปดาห์" that week."""
    for match in COUNTED.finditer(r.text):
        past = match["when"] in ("ที่แล้ว", "ก่อน", "ที่ผ่านมา")
        if not (past or match["ahead"] or match["when"]):
            continue  # "3 วัน" alone is a length, not a date
        n = NUMBER_WORDS.get(match["n"]) or int(match["n"])
        within = bool(match["within"]) or (match["when"] in ("ข้างหน้า", "ถัดไป") and not match["ahead"])
        span = _counted_span(r.today, -n if past else n, match["unit"], within=within)
        if span is None:
            continue
        r.set_span(*span, match.group().strip())
        r.take(match.start(), match.end(), "dates")
        r.meeting_word = True
        return


def _counted_span(today: date, n: int, unit: str, *, within: bool) -> tuple[date, date] | None:
    if abs(n) > 400:
        return None
    if unit == "วัน":
        day = today + timedelta(days=n)
    elif unit == "เดือน":
        day = date(*_shift_month(today, n), 1)
    elif unit == "ปี":
        day = date(today.year + n, 1, 1)
    else:
        day = today + timedelta(weeks=n)
    if within:
        return (day, today) if n < 0 else (today, day)
    if unit == "เดือน":
        return _month_span(day.year, day.month)
    if unit == "ปี":
        return date(day.year, 1, 1), date(day.year, 12, 31)
    return (day, day) if unit == "วัน" else _week(day, 0)


def month_label(start: date, end: date) -> str:
    """ "ธันวาคม 2569": the window a month word searched, in the Thai calendar."""
    if (start.year, start.month) == (end.year, end.month):
        return f"{THAI_MONTHS[start.month]} {start.year + 543}"
    return f"{THAI_MONTHS[start.month]} {start.year + 543} – {THAI_MONTHS[end.month]} {end.year + 543}"


def _week(today: date, weeks: int) -> tuple[date, date]:
    start = today - timedelta(days=today.weekday()) + timedelta(weeks=weeks)
    return start, start + timedelta(days=6)


def _month_span(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _shift_month(today: date, months: int) -> tuple[int, int]:
    index = today.year * 12 + today.month - 1 + months
    return index // 12, index % 12 + 1


def _shift(word: str) -> int:
    return 0 if word.endswith("นี้") else 1 if word.endswith("หน้า") else -1


def _relative(r: Reading) -> None:
    today = r.today
    for match in RELATIVE.finditer(r.text):
        word = re.sub(r"\s", "", match.group())
        span: tuple[date, date] | None = None
        label = match.group()
        if word == "วันนี้":
            span = (today, today)
        elif word == "พรุ่งนี้":
            span = (today + timedelta(days=1),) * 2
        elif word.startswith("มะรืน"):
            span = (today + timedelta(days=2),) * 2
        elif word.startswith("เมื่อวาน"):
            span = (today - timedelta(days=1),) * 2
        elif word.startswith(("สัปดาห์", "อาทิต", "week")):
            span = _week(today, _shift(word))
        elif word.startswith("เดือน"):
            span = _month_span(*_shift_month(today, _shift(word)))
            label = f"{word} {month_label(*span)}"
        elif word.startswith("ปี"):
            year = today.year + _shift(word)
            span = (date(year, 1, 1), date(year, 12, 31))
            label = f"{word} พ.ศ. {year + 543}"
        elif word in ("ล่าสุด", "ใหม่ล่าสุด", "อัปเดต", "latest"):
            r.order = "latest"
            r.described.append("ล่าสุด")
        else:
            r.order = "upcoming"
            r.date_from = today
            r.described.append("ที่จะถึง")
        if span:
            r.set_span(*span, label)
        r.take(match.start(), match.end(), "dates")
        r.meeting_word = True


def _numeric(r: Reading) -> None:
    for match in list(NUMERIC_DATE.finditer(r.text)):
        year = year_to_ce(match[3])
        try:
            day = date(year or 0, int(match[2]), int(match[1]))
        except ValueError:
            r.notes.append(f"ไม่มีวันที่ {match.group()} ในปฏิทิน จึงไม่ได้ใช้กรองวันที่")
            r.take(match.start(), match.end(), "dates")
            continue
        _span_at(r, (match.start(), match.end()), (day, day), thai_date(day))


def _days(r: Reading) -> None:
    """ "15 มี.ค. 67", "15-17 มีนาคม 2567": a day or a range of days."""
    for mention in find_dates(r.text, default_year=r.today.year):
        label = r.text[mention.position : mention.end_position]
        where = (mention.position, mention.end_position)
        if mention.end is None:
            _span_at(r, where, (mention.start, mention.start), label)
        else:
            r.set_span(mention.start, mention.end, label)
            r.take(*where, "dates")
        return


def _months(r: Reading) -> None:
    match = next((m for m in MONTH_QUERY.finditer(r.text) if _stands_alone(r.text, m)), None)
    if match is None:
        return
    first = month_number(match["m1"])
    last = month_number(match["m2"]) if match["m2"] else first
    if first is None or last is None:
        return
    year = year_to_ce(match["y"]) if match["y"] else None
    if year is None:
        year = _year_in(r.text) or r.today.year
    start, end = _month_span(year, first)[0], _month_span(year, last)[1]
    if end < start:
        start, end = _month_span(year, last)[0], _month_span(year, first)[1]
    if match["m2"]:
        r.set_span(start, end, month_label(start, end))
        r.take(match.start(), match.end(), "dates")
    else:
        _span_at(r, (match.start(), match.end()), (start, end), month_label(start, end))


def _stands_alone(text: str, match: re.Match[str]) -> bool:
    """An undotted abbreviation ("มีค") counts only as a word of its own, not inside "ไหมครับ"."""
    month = match["m1"]
    if re.match(r"[ก-ฮ]\.", match.string[match.end("m1") :]):
        return False  # "ก.ค.ศ." is a body, not July
    if re.search(r"[ก-๙]\.[ก-๙]", month) or len(month.rstrip(".")) >= 4:
        return True  # ม.ค., มีนาคม, กุมภา; "สค." glued to "สก" is the end of สกสค., not August
    before = text[match.start() - 1 : match.start()] if match.start() else ""
    after = text[match.end("m1") : match.end("m1") + 1]
    return not re.match(r"[ก-๙]", before) and not re.match(r"[ก-๙]", after)


def _year_in(text: str) -> int | None:
    match = YEAR_QUERY.search(text)
    if match is None:
        return None
    year = year_to_ce(match["y"] or match["y4"], assume_buddhist=True)
    return year if year is not None and FIRST_YEAR <= year <= LAST_YEAR else None


def _years(r: Reading) -> None:
    match = YEAR_QUERY.search(r.text)
    if match is None:
        return
    raw = match["y"] or match["y4"]
    if re.search(r"ค\.\s?ศ\.", match.group()):
        year: int | None = int(raw) if len(raw) == 4 else 2000 + int(raw) if len(raw) == 2 else None
    else:
        year = year_to_ce(raw)
    where = (match.start(), match.end())
    if year is None or not FIRST_YEAR <= year <= LAST_YEAR:
        r.take(*where, "dates")
        r.notes.append(f"ไม่เข้าใจปี “{match.group().strip()[:20]}” จึงค้นทุกปี")
        return
    part = f"{r.year_part[2]} " if r.year_part[1] else ""
    if "ปีงบ" in match.group():
        span, label = (date(year - 1, 10, 1), date(year, 9, 30)), f"ปีงบประมาณ {year + 543}"
    elif "ปีการศึกษา" in match.group():
        span, label = (date(year, 5, 1), date(year + 1, 4, 30)), f"ปีการศึกษา {year + 543}"
    else:
        span, label = (date(year, 1, 1), date(year, 12, 31)), f"พ.ศ. {year + 543}"
    _span_at(r, where, _part_of(r, span), part + label)
