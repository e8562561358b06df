"""Thai chat text to a typed search: provinces, dates, kinds, people, organisations, counts, keywords.

Each reader takes what it understands out of the text, so what is left at the end is keywords.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cache

from rapidfuzz import fuzz, process

from news.clean import fold, normalize
from news.dates import MONTH, find_dates, month_number, thai_date, year_to_ce
from news.orgs import ABBREVIATIONS, AREA_OFFICES, abbreviation_pattern, area_pattern, expand
from news.people import HONORIFIC
from news.places import canonical_province, district_index, english_names, find_provinces, provinces
from store.meetings import MeetingFilter, Order

KIND_QUERY: tuple[tuple[str, str], ...] = (
    (r"(?:ประชุม|อบรม|สัมมนา)\s?เชิง\s?ปฏิบัติ\s?การ|เวิร์[กค]\s?ช็อ[ปบ]|workshop", "workshop"),
    (r"สัมมนา|สำมนา|สัมนา|seminar", "seminar"),
    (r"ชี้แจง|ชี้แจ้ง|briefing", "briefing"),
    (r"ฝึกอบรม|อบรม|training", "training"),
)
KIND_LABELS = {
    "workshop": "ประชุมเชิงปฏิบัติการ", "seminar": "สัมมนา", "training": "อบรม",
    "briefing": "ประชุมชี้แจง", "meeting": "ประชุม", "other": "อื่น ๆ",
}  # fmt: skip
MEETING_WORDS = re.compile(r"(?:การ)?(?:ประชุม|ประชุ่ม|ปะชุม|meeting|งานประชุม|กิจกรรม|งาน)(?:อะไร)?")
FILLER_WORDS = frozenset(
    """
    ขอ ดู ขอดู ทราบ ขอทราบ ข้อมูล อยาก อยากทราบ อยากรู้ รู้ ได้ อยากได้ ช่วย หา ค้นหา ให้ แสดง บอก หน่อย ด้วย
    ครับ ครับผม คับ ค่ะ คะ ค่า จ้า จ้ะ นะ เลย อะไร บ้าง อะไรบ้าง ไหม มั้ย มั๊ย หรือไม่ หรือเปล่า รึเปล่า เปล่า ป่าว
    ที่ไหน ไหน เมื่อไร เมื่อไหร่ ทั้งหมด รายการ เกี่ยวกับ เรื่อง มี การ มีการ จัด ขึ้น ที่ ใน ของ จาก โดย ช่วง
    เดือน ปี วัน วันที่ ณ จังหวัด จ. และ กับ หรือ ๆ ฯ บ้างไหม please any show list me the a of in at
    ไป มา อยู่ คือ เป็น ว่า ก็ แล้ว นี้ นั้น ครั้ง ผม ดิฉัน หนู เรา ท่าน
    """.split()  # noqa: SIM905  (a word list reads best as words)
)
GREETING = re.compile(r"^(?:สวัสดี|หวัดดี|ดีครับ|ดีค่ะ|hello|hi|hey|ขอบคุณ|ขอบใจ|thank|thx|ok|โอเค|ได้เลย)", re.I)
POSITION_WORDS: dict[str, str] = {
    "ผู้ว่าฯ": "ผู้ว่าราชการจังหวัด", "ผู้ว่า": "ผู้ว่าราชการจังหวัด", "ผอ.": "ผู้อำนวยการ",
    "รมว.": "รัฐมนตรีว่าการ", "รมช.": "รัฐมนตรีช่วยว่าการ", "รองผู้ว่า": "รองผู้ว่าราชการจังหวัด",
}  # fmt: skip
POSITION = re.compile(
    r"(?:รอง)?(?:ผู้ว่าราชการจังหวัด|ผู้ว่าฯ|ผู้ว่า|ศึกษาธิการจังหวัด|ศึกษาธิการภาค|เลขาธิการ\s?(?:กพฐ\.?|สกศ\.?|"
    r"คณะกรรมการการศึกษาขั้นพื้นฐาน|สภาการศึกษา)?|ผู้อำนวยการ|ผอ\.|รัฐมนตรี(?:ว่าการ|ช่วยว่าการ)?[ก-๙]*|รมว\.|"
    r"รมช\.|ปลัดกระทรวง[ก-๙]*|ที่ปรึกษา[ก-๙]*|นายกรัฐมนตรี)"
)
PERSON_QUERY = re.compile(rf"(?:{HONORIFIC})\s?(?P<name>[ก-๙]{{2,}}(?:\s[ก-๙]{{2,}})?)")
CHAIR_QUERY = re.compile(r"(?P<name>[ก-๙]{2,}(?:\s[ก-๙]{2,})?)\s?(?:เป็นประธาน|เป็นประธานอะไร|ประธาน)")
ATTENDEE_QUERY = re.compile(
    r"(?P<op>เกิน|มากกว่า|กว่า|ไม่ต่ำกว่า|อย่างน้อย|ตั้งแต่|ขึ้นไป|ไม่ถึง|น้อยกว่า|ไม่เกิน|ต่ำกว่า|ไม่ถึง)?\s?"
    r"(?P<n>\d{1,3}(?:,\d{3})+|\d+)(?:\s?(?:-|ถึง)\s?(?P<n2>\d{1,3}(?:,\d{3})+|\d+))?\s?(?:คน|ท่าน|ราย)"
    r"(?P<up>\s?ขึ้นไป)?"
)
RELATIVE = re.compile(
    r"วันนี้|พรุ่งนี้|มะรืน(?:นี้)?|เมื่อวาน(?:นี้)?|"
    r"(?:สัปดาห์|อาทิตย์|อาทิต|week)\s?(?:นี้|หน้า|ที่แล้ว|ก่อน|ที่ผ่านมา)|"
    r"เดือน\s?(?:นี้|หน้า|ที่แล้ว|ก่อน|ที่ผ่านมา)|ปี\s?(?:นี้|หน้า|ที่แล้ว|ก่อน|ที่ผ่านมา)|"
    r"ล่าสุด|ใหม่ล่าสุด|อัปเดต|ที่จะถึง(?:นี้)?|เร็ว\s?ๆ\s?นี้|กำลังจะ(?:มี|จัด)?|เร็วๆนี้|upcoming|latest"
)
YEAR_QUERY = re.compile(
    r"(?:ปี|พ\.ศ\.|ค\.ศ\.|ปีงบ(?:ประมาณ)?)\s?(?P<y>\d{2,4})(?!\d)|(?<![\d/.])(?P<y4>(?:25|19|20)\d{2})(?![\d/])"
)
MONTH_QUERY = re.compile(
    rf"(?:เดือน\s?)?(?P<m1>{MONTH})(?:\s?(?:-|–|ถึง)\s?(?P<m2>{MONTH}))?\s?(?:(?:ปี|พ\.ศ\.|ค\.ศ\.)?\s?(?P<y>\d{{2,4}})(?!\d))?"
)


@dataclass
class ParsedQuery:
    """What the message asks, and the Thai words that describe it back to the user."""

    text: str
    filter: MeetingFilter
    described: list[str] = field(default_factory=list)
    is_question: bool = False
    greeting: bool = False

    def description(self) -> str:
        return " ".join(self.described) if self.described else "ทั้งหมด"

    def to_json(self) -> dict[str, object]:
        f = self.filter
        return {
            "provinces": list(f.provinces),
            "kinds": list(f.kinds),
            "date_from": f.date_from.isoformat() if f.date_from else None,
            "date_to": f.date_to.isoformat() if f.date_to else None,
            "people": list(f.people),
            "organizations": [list(o) for o in f.organizations],
            "keywords": list(f.keywords),
            "min_attendees": f.min_attendees,
            "max_attendees": f.max_attendees,
            "order": f.order,
            "described": self.description(),
        }


@dataclass
class _Reading:
    """The text still to read, and what has been read out of it."""

    text: str
    provinces: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    date_from: date | None = None
    date_to: date | None = None
    people: list[str] = field(default_factory=list)
    organizations: list[tuple[str, ...]] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    min_attendees: int | None = None
    max_attendees: int | None = None
    order: Order = "relevance"
    described: list[str] = field(default_factory=list)
    meeting_word: bool = False

    def take(self, start: int, end: int) -> None:
        self.text = self.text[:start] + " " + self.text[end:]


MAX_QUERY_CHARS = 300
NAME_END = re.compile(r"เป็นประธาน|ประธาน|เป็น|อะไร|บ้าง|ไหม|มั้ย|ครับ|ค่ะ|เข้าร่วม|ร่วม|จัด|ที่ไหน|ประชุม|สัมมนา|อบรม")


def leading_command(text: str, commands: Mapping[str, Sequence[str]]) -> tuple[str, str] | None:
    """(command, the rest) when the message starts with one of a command's words; the first wins."""
    stripped = text.strip()
    lowered = stripped.lower()
    for command, words in commands.items():
        for word in words:
            if lowered.startswith(word):
                return command, stripped[len(word) :].strip()
    return None


def parse_query(message: str, *, now: datetime) -> ParsedQuery:
    """Read a chat message as a search; `now` is the user's time (Asia/Bangkok)."""
    text = normalize(message).replace("\n", " ").strip()
    if len(text) > MAX_QUERY_CHARS:
        return ParsedQuery(text[:MAX_QUERY_CHARS], MeetingFilter(), is_question=False)
    reading = _Reading(text)
    today = now.date()
    for reader in (_attendees, _kinds, _relative_dates, _numeric_dates, _day_dates, _months, _years,
                   _organizations, _people, _provinces, _meeting_words, _keywords):  # fmt: skip
        reader(reading, today)
    found_filter = any([reading.provinces, reading.kinds, reading.date_from, reading.date_to, reading.people,
                        reading.organizations, reading.min_attendees, reading.max_attendees,
                        reading.order != "relevance"])  # fmt: skip
    query_filter = MeetingFilter(
        provinces=tuple(dict.fromkeys(reading.provinces)),
        kinds=tuple(dict.fromkeys(reading.kinds)),
        date_from=reading.date_from,
        date_to=reading.date_to,
        people=tuple(reading.people),
        organizations=tuple(reading.organizations),
        keywords=tuple(reading.keywords),
        min_attendees=reading.min_attendees,
        max_attendees=reading.max_attendees,
        order=reading.order,
    )
    return ParsedQuery(
        text=text,
        filter=query_filter,
        described=reading.described + [f"“{k}”" for k in reading.keywords],
        is_question=found_filter or reading.meeting_word,
        greeting=bool(GREETING.match(text)) and not found_filter,
    )


def _attendees(r: _Reading, _today: date) -> None:
    for match in list(ATTENDEE_QUERY.finditer(r.text))[:1]:
        n = int(match["n"].replace(",", ""))
        op = match["op"] or ""
        if match["n2"]:
            r.min_attendees, r.max_attendees = n, int(match["n2"].replace(",", ""))
            r.described.append(f"ผู้เข้าร่วม {n:,}–{r.max_attendees:,} คน")
        elif op in ("ไม่ถึง", "น้อยกว่า", "ต่ำกว่า"):
            r.max_attendees = n - 1
            r.described.append(f"ผู้เข้าร่วมน้อยกว่า {n:,} คน")
        elif op == "ไม่เกิน":
            r.max_attendees = n
            r.described.append(f"ผู้เข้าร่วมไม่เกิน {n:,} คน")
        elif op in ("เกิน", "มากกว่า", "กว่า"):
            r.min_attendees = n + 1
            r.described.append(f"ผู้เข้าร่วมมากกว่า {n:,} คน")
        else:
            r.min_attendees = n
            r.described.append(f"ผู้เข้าร่วมตั้งแต่ {n:,} คน")
        r.take(match.start(), match.end())


def _week(today: date, weeks: int) -> tuple[date, date]:
    start = today - timedelta(days=today.weekday()) + timedelta(weeks=weeks)
    return start, start + timedelta(days=6)


def _month_span(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _shift_month(today: date, months: int) -> tuple[int, int]:
    index = today.year * 12 + today.month - 1 + months
    return index // 12, index % 12 + 1


def _relative_dates(r: _Reading, today: date) -> None:
    for match in RELATIVE.finditer(r.text):
        word = re.sub(r"\s", "", match.group())
        span: tuple[date, date] | None = None
        if word == "วันนี้":
            span = (today, today)
        elif word == "พรุ่งนี้":
            span = (today + timedelta(days=1),) * 2
        elif word.startswith("มะรืน"):
            span = (today + timedelta(days=2),) * 2
        elif word.startswith("เมื่อวาน"):
            span = (today - timedelta(days=1),) * 2
        elif word.startswith(("สัปดาห์", "อาทิต", "week")):
            span = _week(today, 0 if word.endswith("นี้") else 1 if word.endswith("หน้า") else -1)
        elif word.startswith("เดือน"):
            shift = 0 if word.endswith("นี้") else 1 if word.endswith("หน้า") else -1
            span = _month_span(*_shift_month(today, shift))
        elif word.startswith("ปี"):
            year = today.year + (0 if word.endswith("นี้") else 1 if word.endswith("หน้า") else -1)
            span = (date(year, 1, 1), date(year, 12, 31))
        elif word in ("ล่าสุด", "ใหม่ล่าสุด", "อัปเดต", "latest"):
            r.order = "latest"
            r.described.append("ล่าสุด")
        else:
            r.order = "upcoming"
            r.date_from = today
            r.described.append("ที่จะถึง")
        if span:
            _set_span(r, span, match.group())
        r.take(match.start(), match.end())
        r.meeting_word = True


def _set_span(r: _Reading, span: tuple[date, date], label: str) -> None:
    start, end = span
    r.date_from = max(r.date_from, start) if r.date_from else start
    r.date_to = min(r.date_to, end) if r.date_to else end
    r.described.append(label.strip())


def _numeric_dates(r: _Reading, _today: date) -> None:
    pattern = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})(?![\d/])")
    for match in list(pattern.finditer(r.text)):
        year = year_to_ce(match[3])
        try:
            day = date(year or 0, int(match[2]), int(match[1]))
        except ValueError:
            continue
        _set_span(r, (day, day), thai_date(day))
        r.take(match.start(), match.end())


def _day_dates(r: _Reading, today: date) -> None:
    """ "15 มี.ค. 67", "15-17 มีนาคม 2567": a day or a range of days."""
    for mention in find_dates(r.text, default_year=today.year):
        _set_span(
            r, (mention.start, mention.end or mention.start), r.text[mention.position : mention.end_position]
        )
        r.take(mention.position, mention.end_position)
        return


def _months(r: _Reading, today: date) -> None:
    match = next((m for m in MONTH_QUERY.finditer(r.text) if _stands_alone(r.text, m)), None)
    if match is None:
        return
    first = month_number(match["m1"])
    last = month_number(match["m2"]) if match["m2"] else first
    if first is None or last is None:
        return
    year = year_to_ce(match["y"]) if match["y"] else None
    if year is None:
        year = _year_in(r.text) or today.year
    start = _month_span(year, first)[0]
    end = _month_span(year, last)[1]
    _set_span(r, (start, end), match.group())
    r.take(match.start(), match.end())


def _stands_alone(text: str, match: re.Match[str]) -> bool:
    """An undotted abbreviation ("มีค") counts only as a word of its own, not inside "ไหมครับ"."""
    month = match["m1"]
    if "." in month or len(month) >= 4:
        return True
    before = text[match.start() - 1 : match.start()] if match.start() else ""
    after = text[match.end("m1") : match.end("m1") + 1]
    return not re.match(r"[ก-๙]", before) and not re.match(r"[ก-๙]", after)


def _year_in(text: str) -> int | None:
    match = YEAR_QUERY.search(text)
    if match is None:
        return None
    return year_to_ce(match["y"] or match["y4"], assume_buddhist=True)


def _years(r: _Reading, _today: date) -> None:
    match = YEAR_QUERY.search(r.text)
    if match is None:
        return
    raw = match["y"] or match["y4"]
    if "ค.ศ." in match.group():
        year: int | None = int(raw) if len(raw) == 4 else 2000 + int(raw)
    else:
        year = year_to_ce(raw)
    if year is None:
        return
    if "ปีงบ" in match.group():
        _set_span(r, (date(year - 1, 10, 1), date(year, 9, 30)), match.group())
    else:
        _set_span(r, (date(year, 1, 1), date(year, 12, 31)), match.group())
    r.take(match.start(), match.end())


def _kinds(r: _Reading, _today: date) -> None:
    for pattern, kind in KIND_QUERY:
        match = re.search(pattern, r.text, re.IGNORECASE)
        if match:
            r.kinds.append(kind)
            r.described.insert(0, KIND_LABELS[kind])
            r.take(match.start(), match.end())
            r.meeting_word = True
            return


def _organizations(r: _Reading, _today: date) -> None:
    for match in list(area_pattern().finditer(r.text))[:1]:
        full = expand(match.group().strip())
        r.organizations.append((fold(full),))
        r.described.append(full)
        r.take(match.start(), match.end())
    names = sorted({*ABBREVIATIONS.values(), *AREA_OFFICES.values()}, key=len, reverse=True)
    for name in names:
        at = r.text.find(name)
        if at != -1:
            r.organizations.append((fold(name),))
            r.described.append(name)
            r.take(at, at + len(name))
    for found in reversed(list(abbreviation_pattern().finditer(r.text))):
        abbr = found["abbr"].replace(".", "")
        r.organizations.append((fold(ABBREVIATIONS[abbr]), fold(abbr)))
        r.described.append(f"{abbr}.")
        r.take(found.start(), found.end())


def _people(r: _Reading, _today: date) -> None:
    position = POSITION.search(r.text)
    if position is not None:
        word = position.group()
        full = expand_position(next((v for k, v in POSITION_WORDS.items() if word.startswith(k)), word))
        r.people.append(fold(full))
        r.described.append(f"ตำแหน่ง “{full}”")
        r.take(position.start(), position.end())
    match = PERSON_QUERY.search(r.text) or CHAIR_QUERY.search(r.text)
    if match is None:
        return
    name = re.split(NAME_END, match["name"])[0].strip()
    if len(name) < 3 or MEETING_WORDS.fullmatch(name) or name in FILLER_WORDS:
        return
    r.people.append(fold(name))
    r.described.append(f"ผู้เกี่ยวข้อง “{name}”")
    r.take(match.start(), match.end())
    r.text = re.sub(r"เป็นประธาน|ประธาน", " ", r.text)
    r.meeting_word = True


def expand_position(text: str) -> str:
    text = re.sub(r"กพฐ\.?", "คณะกรรมการการศึกษาขั้นพื้นฐาน", text)
    return re.sub(r"สกศ\.?", "สภาการศึกษา", text).replace(" ", "")


def _provinces(r: _Reading, _today: date) -> None:
    for mention in sorted(find_provinces(r.text, strict=False), key=lambda m: -m.position):
        r.provinces.append(mention.province)
        r.take(mention.position, mention.end)
    if not r.provinces:
        _english_province(r)
    if not r.provinces:
        _district_province(r)
    if not r.provinces:
        _fuzzy_province(r)
    for province in dict.fromkeys(r.provinces):
        r.described.append(f"จังหวัด{province}")


def _english_province(r: _Reading) -> None:
    names = english_names()
    compact = {k.replace(" ", "").replace("-", ""): v for k, v in names.items()}
    words = list(re.finditer(r"[A-Za-z]+", r.text))
    for size in (3, 2, 1):
        for i in range(len(words) - size + 1):
            first, last = words[i], words[i + size - 1]
            word = "".join(w.group().lower() for w in words[i : i + size])
            if len(word) < 4:
                continue
            hit = compact.get(word)
            if hit is None:
                best = process.extractOne(word, list(compact), scorer=fuzz.ratio, score_cutoff=85)
                hit = compact[best[0]] if best else None
            if hit:
                r.provinces.append(hit)
                r.take(first.start(), last.end())
                return


def _district_province(r: _Reading) -> None:
    """ "ประชุมที่หาดใหญ่": a district named alone, when exactly one province has it."""
    index = district_index()
    for run in re.finditer(r"[ก-๙]{3,}", r.text):
        word = run.group()
        for start in range(len(word)):
            for name in _district_names_from(word[start:], index):
                provinces_here = index[name]
                if len(provinces_here) == 1:
                    r.provinces.append(next(iter(provinces_here)))
                    r.take(run.start() + start, run.start() + start + len(name))
                    return


def _district_names_from(text: str, index: dict[str, frozenset[str]]) -> list[str]:
    return [text[:size] for size in range(min(len(text), 20), 3, -1) if text[:size] in index]


@cache
def _fuzzy_names() -> tuple[str, ...]:
    return tuple(name for name in provinces() if len(name) >= 4)


def _fuzzy_province(r: _Reading) -> None:
    """A province typed with a letter missing, added or swapped ("สมุทสาคร", "ชุมพอน")."""
    candidates = _fuzzy_names()
    for run in re.finditer(r"[ก-๙]{4,}", r.text):
        word = run.group()
        word = re.sub(r"^(?:การ)?(?:ประชุม|สัมมนา|อบรม)?(?:ที่|ใน|จังหวัด|จ\.)?", "", word)
        if len(word) < 4:
            continue
        best = process.extractOne(word, candidates, scorer=fuzz.ratio, score_cutoff=80)
        if best is None:
            best = process.extractOne(word, candidates, scorer=fuzz.partial_ratio, score_cutoff=88)
            if best is not None and len(best[0]) < len(word) * 0.6:
                best = None
        if best is not None:
            province = canonical_province(best[0])
            if province:
                r.provinces.append(province)
                r.take(run.start(), run.end())
                return


def _meeting_words(r: _Reading, _today: date) -> None:
    if MEETING_WORDS.search(r.text):
        r.meeting_word = True
        r.text = MEETING_WORDS.sub(" ", r.text)


def _keywords(r: _Reading, _today: date) -> None:
    rest = re.sub(r"[?!.,:;\"'“”()\[\]{}<>/\\|~`@#$%^&*+=_-]+", " ", r.text)
    for word in _words(rest):
        key = fold(word)
        if len(key) >= 2 and not key.isdigit() and word not in FILLER_WORDS and key not in FILLER_WORDS:
            r.keywords.append(key)


def _words(text: str) -> list[str]:
    """Words of what is left; Thai runs are cut by pythainlp's dictionary tokenizer (shipped in its wheel)."""
    words: list[str] = []
    for chunk in text.split():
        if re.search(r"[ก-๙]", chunk) and chunk not in FILLER_WORDS:
            words.extend(t for t in _tokenize(chunk) if t.strip())
        else:
            words.append(chunk)
    return words


def _tokenize(text: str) -> list[str]:
    from pythainlp.tokenize import word_tokenize

    return list(word_tokenize(text, engine="newmm", keep_whitespace=False))
