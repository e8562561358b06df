"""Every plausible span for each field of a meeting record, with the features the chooser weighs.

Proposers are generous: they return every date, person, place, body, venue and head-count they can
read, each described by named features (cue words around it, its clause role, where it stands). They
decide nothing; `news.choose` weighs the features with fitted weights.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from news.dates import MONTH, WEEKDAY, DateMention, find_times
from news.kinds import MEETING_NOUN, OTHER_EVENT_NOUN, kind_of
from news.orgs import ABBREVIATION, ORG_HEAD, ORGANISER_VERB, expand, expand_in_text, org_name
from news.patterns import Lazy
from news.people import CHAIR_MARK, OPENED, PERSON, POSITION_HEAD, Person, find_people
from news.places import BANGKOK
from news.segment import SPACE_RUN, Article, distance_bucket, rank_bucket

Features = dict[str, float]


@dataclass(frozen=True)
class Candidate:
    """One reading of one field: the span it came from, its value, and why it might be right."""

    field: str
    start: int
    end: int
    value: Any
    features: Features = dataclasses.field(default_factory=dict, compare=False)


def _flag(features: Features, name: str, on: bool | int | None = True) -> None:
    if on:
        features[name] = 1.0


# ---------------------------------------------------------------- events (title and kind)

EVENT_NOUN = r"(?:การ)?(?:" + MEETING_NOUN + "|" + OTHER_EVENT_NOUN + r")"
ENGLISH_EVENT = re.compile(
    r"(?:\d+(?:st|nd|rd|th)\s)?(?:[A-Z][\w&-]*\s){1,8}(?:Meetings?|Summit|Conference|Symposium|Forum|Seminar|Workshop)"
    r"(?:\s(?:and|on|of)\s(?:[A-Z][\w-]*\s?){1,5})?"
    r"|\b[Ww]orkshop\s(?:to|on|for)\s[\w\s-]{5,80}?(?=\s(?:at|in|from|on)\s|[,.\n])"
)
EVENT = re.compile(r"(?=[กปสฝอเwWลพแรง])(?P<noun>" + EVENT_NOUN + r")")  # guard: the nouns' first letters
# What stands before a meeting noun, read as the clause's verb.
VERB_BEFORE = (
    ("open", re.compile(r"(?:เป็นประธาน(?:ใน)?(?:พิธี)?|ประธาน(?:ใน)?(?:พิธี)?|พิธี)?เปิด\s?(?:งาน|โครงการ)?\s?$")),
    ("chair", re.compile(r"(?:เป็น)?ประธาน(?:ใน)?(?:พิธี|ที่)?\s?$")),
    ("hold", re.compile(r"(?:จัด(?:ให้มี)?|ดำเนินการ(?:จัด)?|มีการ|ได้)\s?(?:โครงการ)?\s?$")),
    ("join", re.compile(r"(?:เข้า)?ร่วม\s?(?:ใน)?\s?$")),
    ("purpose", re.compile(r"(?:ในการ|สำหรับการ|เพื่อ)\s?$")),
    ("result", re.compile(r"(?:ผล|มติ|วาระ|ระเบียบ)(?:การ)?\s?$")),
    ("room", re.compile(r"(?:ห้อง|หอ|ที่|ผู้เข้า|ผู้|เข้า)\s?$")),
    ("quote", re.compile(r"[“\"]\s?$")),
)
ANAPHORA = re.compile(r"^\s?(?:ครั้งนี้|ในครั้งนี้|ดังกล่าว|นี้|ดังนี้|ที่ผ่านมา|ในวันนี้|จำนวน|ทั้งสิ้น|มี\s|ได้|จัดขึ้น|ประกอบ|เป็น|\d)")
TITLE_END = re.compile(
    r"\s?(?:(?<![ก-๙])ณ\s|(?<![ก-๙])ณ(?=ห้อง|โรง|หอ|อาคาร|ศูนย์|สำนัก|มหา|วิทยา)|ขึ้น\s?(?:ณ|ที่)|ที่ห้อง|ที่โรงแรม|"
    r"ระหว่างวันที่|ในวัน|เมื่อวัน|วันที่\s?\d|ตั้งแต่วันที่|\s[\d๐-๙]{1,2}\s?(?:-\s?[\d๐-๙]{1,2}\s?)?" + MONTH + r"|"
    r"โดยมี|โดย\s|\sเพื่อ(?!การ)|มีวัตถุประสงค์|ให้แก่|ให้กับ|\sให้(?=ครู|นักเรียน|ผู้|บุคลากร)|แก่\s|"
    r"พร้อม(?:ด้วย|ทั้ง|มอบ)|\s?จัด(?:ขึ้น|โดย)|\s(?:ใน|ภายใต้)(?:โครงการ|แผนงาน)|\s?ภายใต้การ(?:ดำเนินงาน|กำกับ|สนับสนุน|ดูแล)|\s?ประจำปีงบประมาณ|\sซึ่ง|ผ่านระบบ|ผ่านทาง|ในรูปแบบ|ดังกล่าว|นั้น\s|\sโดย|\sเมื่อ|"
    r"\sที่\s(?!\d)|ในระหว่าง|มีผู้|\sมี\s|จำนวน\s?\d|ได้รับ|เป็นประธาน)|[\n”\"]|\s,|\s\((?![^()\n]{1,40}\))|\s{2,}|(?<=\S),"
)


# What carries an event's name on after a quoted theme: its region, round, year or level.
NAME_GOES_ON = re.compile(r"\s?(?:ภาค|ครั้งที่|ประจำปี|รุ่นที่|ระดับ|ปีการศึกษา|ปีงบประมาณ)")


@lru_cache(maxsize=8)
def propose_events(article: Article) -> list[Candidate]:
    """Every phrase that may name the article's event; value = (title, kind). Read once per article."""
    text = article.text
    found: list[Candidate] = []
    spans: list[tuple[int, str, bool]] = [(m.start("noun"), "thai", False) for m in EVENT.finditer(text)]
    if article.has_latin:
        spans += [(m.start(), "english", True) for m in ENGLISH_EVENT.finditer(text)]
    rank = 0
    for start, script, english in sorted(spans):
        title = _english_title(text, start) if english else _title_from(text, start)
        if title is None:
            continue
        features: Features = {"bias": 1.0, f"script:{script}": 1.0}
        before = article.before(start, 30)
        verb = next((name for name, pattern in VERB_BEFORE if pattern.search(before)), "none")
        features[f"verb:{verb}"] = 1.0
        _flag(features, "headline", article.in_headline(start))
        _flag(features, "line_start", start == 0 or text[start - 1] == "\n")
        features[f"rank:{rank_bucket(rank)}"] = 1.0
        rank += 1
        kind = kind_of(title)
        features[f"kind:{kind}"] = 1.0
        _flag(
            features,
            "anaphora",
            not english and ANAPHORA.match(text[start + _noun_length(text, start) :]) is not None,
        )
        _flag(features, "numbered", re.search(r"ครั้งที่\s?\d|\d+/\d{4}", title) is not None)
        _flag(features, "project", "โครงการ" in title[:40])
        _flag(features, "long", len(title) >= 30)
        _flag(features, "short", len(title) < 15)
        _flag(features, "bare_noun", re.fullmatch(EVENT_NOUN, title) is not None)
        after = text[start : start + 260]
        _flag(features, "date_after", article.dates_between(start, start + 260))
        _flag(features, "date_before", article.dates_between(start - 160, start))
        _flag(features, "chair_after", CHAIR_MARK.search(after) is not None)
        _flag(features, "chair_before", CHAIR_MARK.search(article.before(start, 160)) is not None)
        _flag(features, "venue_after", re.search(r"(?<![ก-๙])ณ\s?|ขึ้นที่|ที่ห้อง", after) is not None)
        _flag(features, "hypothetical", re.search(r"(?:จะ|ควร|ต้อง|เตรียม|ขอ)\s?$", before) is not None)
        found.append(Candidate("title", start, start + len(title), (title, kind), features))
    return found


def _noun_length(text: str, start: int) -> int:
    match = re.compile(EVENT_NOUN).match(text, start)
    return match.end() - start if match else 0


def _title_from(text: str, start: int) -> str | None:
    """The meeting's own name from its noun on, as a Thai official writes it (no leading การ)."""
    rest = text[start : start + 400]
    quoted = start > 0 and text[start - 1] in '“"'
    if quoted:
        closing = re.search(r"[”\"]", rest)
        title = rest[: closing.start()] if closing else rest[:200]
    else:
        end = TITLE_END.search(rest, 4)
        if end and end.group().strip() == "เพื่อ" and re.fullmatch(EVENT_NOUN, rest[: end.start()].strip()):
            end = TITLE_END.search(rest, end.end())  # "สัมมนาเชิงปฏิบัติการ เพื่อสร้าง…": named by its purpose
        title = rest[: end.start()] if end else rest[:200]
        if end and end.group() == '"' and '"' not in title:
            title = _quoted_name(rest, end.start()) or title
        if title.count("“") > title.count("”"):
            close_at = rest.find("”", len(title))
            if close_at != -1:
                title = rest[: close_at + 1]
                if NAME_GOES_ON.match(rest, close_at + 1):  # "งาน… “ธีม” ภาคกลาง ครั้งที่ 8": the name goes on
                    more = TITLE_END.search(rest, close_at + 4)
                    title = rest[: more.start()] if more else title
    title = SPACE_RUN.sub(" ", title).strip(" -–:")
    title = title.removeprefix("การ")
    subject = re.match(r"(" + MEETING_NOUN + r")\s?(?:เรื่อง|หัวข้อ|ในหัวข้อ|ภายใต้หัวข้อ)\s?", title)
    if subject:
        title = subject[1] + " " + title[subject.end() :]
    if title.count("(") > title.count(")"):
        title = title[: title.rfind("(")].rstrip()
    if title.count("“") != title.count("”"):
        title = title.replace("“", "").replace("”", "")
    if len(re.sub(r"\s", "", title)) < 6 or re.fullmatch(r"(?:ประชุม|อบรม|สัมมนา|เสวนา|งาน)", title):
        return None
    return title[:250]


def _quoted_name(rest: str, opening: int) -> str | None:
    """The noun with the name in straight quotes that follows it: 'เสวนาวิชาการ "ครูยุคใหม่…"'."""
    if rest[:opening].strip() and not re.fullmatch(r"\S+(?:\s\S+){0,3}\s?", rest[:opening]):
        return None
    closing = rest.find('"', opening + 1)
    if closing == -1 or "\n" in rest[opening:closing] or closing - opening > 150:
        return None
    return rest[: closing + 1]


def _english_title(text: str, start: int) -> str | None:
    match = ENGLISH_EVENT.match(text, start)
    return SPACE_RUN.sub(" ", match.group()).strip() if match else None


# ---------------------------------------------------------------- dates and times

DATE_CUE = re.compile(r"(?:วันที่|เมื่อวันที่|ระหว่างวันที่|ในวันที่|วัน[ก-๙]{3,8}ที่|ตั้งแต่วันที่)\s?$")
DATE_ICON = re.compile("[\U0001f4c5\U0001f4c6\U0001f5d3]\ufe0f?\\s?$")  # 📅 📆 🗓 bullet a post's date line
DATE_NOT_MEETING = re.compile(
    r"(?:ภายใน|ก่อน|หมดเขต|สิ้นสุด|ประกาศ|เผยแพร่|โพสต์|อัปเดต|อัพเดต|ปรับปรุง|ลงวันที่|ฉบับ|เมื่อปี|"
    r"ตั้งแต่ปี|ครบกำหนด|กำหนดส่ง|รับสมัคร|จัดตั้ง|เกิด|เมื่อช่วง|สมัคร|ยื่น|สอบ)\s?(?:ใน|ภายใน)?\s?(?:วันที่|วัน)?\s?$"
)
ENGLISH_DATE = re.compile(
    r"(?P<d1>\d{1,2})(?:\s?[-–]\s?(?P<d2>\d{1,2}))?\s(?P<month>January|February|March|April|May|June|July|"
    r"August|September|October|November|December)\s(?P<year>\d{4})"
    r"|(?P<month2>January|February|March|April|May|June|July|August|September|October|November|December)"
    r"\s(?P<d3>\d{1,2})(?:\s?[-–]\s?(?P<d4>\d{1,2}))?,\s(?P<year2>\d{4})"
)
ENGLISH_MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip


def english_dates(text: str) -> list[DateMention]:
    """Dates in English-language releases ("30 July - 1 August 2015" reads as its end month)."""
    from datetime import date

    found: list[DateMention] = []
    for match in ENGLISH_DATE.finditer(text):
        month = ENGLISH_MONTHS.index(match["month"] or match["month2"]) + 1
        year = int(match["year"] or match["year2"])
        first, second = (match["d1"], match["d2"]) if match["d1"] else (match["d3"], match["d4"])
        try:
            start = date(year, month, int(first))
            end = date(year, month, int(second)) if second else None
        except ValueError:
            continue
        found.append(
            DateMention(start, end if end and end > start else None, match.start(), match.end(), True)
        )
    return found


def propose_dates(article: Article, anchor: int) -> list[Candidate]:
    """Every date or range; value = (start, end)."""
    text = article.text
    mentions = article.dates + (english_dates(text) if article.has_latin else [])
    found: list[Candidate] = []
    plain_rank = 0  # order among the dates that are neither deadlines nor page stamps
    for rank, mention in enumerate(sorted(mentions, key=lambda m: m.position)):
        features: Features = {"bias": 1.0}
        end = mention.position + len(text[mention.position : mention.end_position].rstrip())
        before = article.before(mention.position, 24)
        iconed = DATE_ICON.search(before) is not None  # "📅 วันพฤหัสบดีที่ 12 …": a post's event date
        distractor = (
            DATE_NOT_MEETING.search(article.before(mention.position, 80)) is not None
            or (
                len(article.line_of(mention.position)) < mention.end_position - mention.position + 20
                and not iconed
            )
            or (
                mention.position == 0 and article.headline_end > 0
            )  # "6 ก.พ. 68 ศธจ.X ประชุม…": when it was posted
        )
        if not distractor:
            features[f"plain_rank:{rank_bucket(plain_rank)}"] = 1.0
            plain_rank += 1
        _flag(features, "cue", DATE_CUE.search(before) is not None or iconed)
        _flag(features, "cue_when", re.search(r"เมื่อ\s?(?:วัน[ก-๙]*)?(?:ที่)?\s?$", before) is not None)
        _flag(
            features,
            "cue_between",
            re.search(r"(?:ระหว่าง|ตั้งแต่)\s?(?:วัน[ก-๙]*)?(?:ที่)?\s?$", before) is not None,
        )
        _flag(
            features, "not_meeting", DATE_NOT_MEETING.search(article.before(mention.position, 80)) is not None
        )
        line = article.line_of(mention.position)
        _flag(features, "stamp_line", len(line) < mention.end_position - mention.position + 20 and not iconed)
        _flag(features, "range", mention.end is not None)
        _flag(features, "no_year", not mention.has_year)
        _flag(features, "headline", article.in_headline(mention.position))
        _flag(features, "article_year", article.year is not None and mention.start.year == article.year)
        _flag(
            features,
            "time_after",
            re.match(r"\s?(?:เวลา|ตั้งแต่เวลา)", article.after(mention.end_position, 12)) is not None,
        )
        _flag(features, "meeting_in_line", re.search(MEETING_NOUN, line) is not None)
        side = "after" if mention.position >= anchor else "before"
        features[f"dist:{side}:{distance_bucket(mention.position - anchor)}"] = 1.0
        features[f"rank:{rank_bucket(rank)}"] = 1.0
        found.append(Candidate("date", mention.position, end, (mention.start, mention.end), features))
    return found


CLOCK_DIGITS = re.compile(r"(?:เวลา\s*)?(\d{1,2}\s*[.:]\s*\d{2})")
ENGLISH_TIME = re.compile(r"(?P<h>1[0-2]|0?[1-9])[:.](?P<m>[0-5]\d)\s?(?P<part>[ap])\.?m\.?", re.IGNORECASE)


def english_times(text: str) -> list[tuple[int, str]]:
    """Clock times in English releases ("9:00 a.m.")."""
    found = []
    for match in ENGLISH_TIME.finditer(text):
        hour = int(match["h"]) % 12 + (12 if match["part"].lower() == "p" else 0)
        found.append((match.start(), f"{hour:02d}:{match['m']}"))
    return found


# A line that is only a day and a clock (and a page's counters): when the page was posted, not the event.
STAMP_LINE = re.compile(
    r"(?:[\s\d:./,|-]|" + WEEKDAY + "|" + MONTH + r"|วันที่|ที่|เวลา|น\.|นาฬิกา|ครั้ง|พิมพ์|อ่าน|เข้าชม|views?)+"
)


def propose_times(article: Article, anchor: int) -> list[Candidate]:
    """Every clock time; value = "HH:MM". `anchor` is where the chosen date stands."""
    found: list[Candidate] = []
    times = sorted(find_times(article.text) + (english_times(article.text) if article.has_latin else []))
    for rank, (position, clock) in enumerate(times):
        features: Features = {"bias": 1.0}
        before = article.before(position, 16)
        _flag(features, "cue", re.search(r"เวลา\s?$|ตั้งแต่\s?$|at\s$", before) is not None)
        _flag(features, "stamp", re.search(r"(?:โพสต์|เผยแพร่|อัปเดต|อัพเดต|\d{4})\s?$", before) is not None)
        hour = int(clock[:2])
        _flag(features, "office_hours", 7 <= hour <= 17)
        _flag(features, "odd_minute", int(clock[3:]) % 5 != 0)  # 14:09 is when a page was posted
        _flag(features, "stamp_line", STAMP_LINE.fullmatch(article.line_of(position).strip()) is not None)
        _flag(features, "headline", article.in_headline(position))
        side = "after" if position >= anchor else "before"
        features[f"dist:{side}:{distance_bucket(position - anchor)}"] = 1.0
        features[f"rank:{rank_bucket(rank)}"] = 1.0
        digits = CLOCK_DIGITS.match(article.text, position)
        start, end = digits.span(1) if digits else (position, position + len(clock))
        found.append(Candidate("time", start, end, clock, features))
    return found


# ---------------------------------------------------------------- venues

# "ณ จุดต้นทาง ห้องประชุม…": a distance meeting is held in its origin room, streamed to the rest.
VENUE_START = re.compile(
    r"(?P<cue>ณ|ขึ้นที่|ขึ้น ณ|ที่|สถานที่|at|in|\U0001F4CD\ufe0f?)\s?(?:(?:จุด)?ต้นทาง\s?)?"
    r"(?=(?P<head>ห้อง|โรงแรม|หอประชุม|หอ|อาคาร|โรงเรียน|มหาวิทยาลัย|วิทยาลัย|ศูนย์|สำนักงาน|สถาบัน|ศาลากลาง|ศาลา|กระทรวง|โรง|ลาน|สนาม|วัด|ค่าย|อุทยาน|รีสอร์|พิพิธภัณฑ์|ทำเนียบ|"
    r"สโมสร|อิมแพ็ค|ไบเทค|เซ็นทารา|เดอะ|the\s|[A-Z]))"
)
VENUE_END = re.compile(
    r"\s?(?:ตำบล|ต\.\s?[ก-๙]|อำเภอ|อ\.\s?[ก-๙]|แขวง|เขต(?!พื้นที่|ตรวจ|\s?\d)[ก-๙]|(?<!ศาลากลาง)(?<!ศึกษาธิการ)"
    r"(?<!สำนักงาน)(?<!ประจำ)จังหวัด|จ\.\s?[ก-๙]|กทม|กรุงเทพฯ|โดย|เพื่อ|มีผู้|มี\s|\sมี(?=ครู|นัก|บุคลากร|คณะ|ข้าราชการ)|เมื่อ|ระหว่าง|วันที่|ในวัน|ใน\s|พร้อม|ซึ่ง|"
    r"เวลา|และ\s|ทั้งนี้|ได้|จัด|สำหรับ|ตั้งแต่|ผ่าน|ภายใต้|โดยมี|เป็นประธาน|(?<![ก-๙])(?:นาย|นาง)|ดร\.|\son\s|\sfrom\s)|[,\n“”\"(]|\s{2,}"
)
# A head word alone ("ณ ห้องประชุม" cut off) names no place a reader could go to.
BARE_VENUE = re.compile(r"(?:ห้อง|ห้องประชุม|หอประชุม|โรงแรม|อาคาร|สำนักงาน|โรงเรียน|ศูนย์|สถาบัน|มหาวิทยาลัย)")
# An area word glued to the name before it is the place's owner ("หอประชุมอำเภอ…", "ศูนย์ประชุม…จังหวัดX"),
# not its address, which a space sets apart.
OWNER_AREA = re.compile(r"(?:อำเภอ|จังหวัด|ตำบล|เขต)")
ONLINE_VENUE = re.compile(
    r"ผ่านระบบ\s?(?:การ)?(?:ประชุม)?\s?(?:ออนไลน์|ทางไกล|วีดิทัศน์(?:ทางไกล)?)?\s?(?:\S*zoom\S*|"
    r"microsoft teams|google meet|webex)?",
    re.IGNORECASE,
)


def propose_venues(article: Article, anchor: int) -> list[Candidate]:
    """Every place introduced as where something happens; value = the venue as written."""
    text = article.text
    found: list[Candidate] = []
    for rank, match in enumerate(VENUE_START.finditer(text)):
        rest = text[match.end() : match.end() + 200]
        end = VENUE_END.search(rest, 3)
        while end and OWNER_AREA.match(end.group()):
            end = VENUE_END.search(rest, end.end())  # "หอประชุมอำเภอเมือง…": the district's own hall
        venue = SPACE_RUN.sub(" ", rest[: end.start()] if end else rest[:120]).strip(" ,")
        if len(venue) < 4 or BARE_VENUE.fullmatch(venue):
            continue
        features: Features = {"bias": 1.0, f"cue:{match['cue']}": 1.0}
        head = match["head"]
        features[f"head:{head if head in ('ห้อง', 'โรงแรม', 'หอประชุม', 'โรงเรียน', 'อาคาร') else 'other'}"] = (
            1.0
        )
        _flag(features, "latin", head[0].isascii())
        _flag(features, "headline", article.in_headline(match.start()))
        side = "after" if match.start() >= anchor else "before"
        features[f"dist:{side}:{distance_bucket(match.start() - anchor)}"] = 1.0
        features[f"rank:{rank_bucket(rank)}"] = 1.0
        _flag(features, "short", len(venue) < 10)
        start = match.end()
        found.append(Candidate("venue", start, start + len(venue), venue, features))
    online = ONLINE_VENUE.search(text)
    if online and online.end() - online.start() > 8:
        features = {"bias": 1.0, "online": 1.0}
        found.append(Candidate("venue", online.start(), online.end(), online.group().strip(), features))
    return found


# ---------------------------------------------------------------- people

REPORTER = re.compile(r"^\s?(?:\S+\s){0,12}?\S*(?:กล่าวรายงาน|รายงาน)")
HELPER_ROLE = re.compile(r"^[^\n]{0,120}?(?:เป็นวิทยากร|วิทยากร|ร่วมลงนาม|ลงนาม|ผู้ดำเนินรายการ|กล่าวต้อนรับ)")
TOP_POSITION = re.compile(
    r"รัฐมนตรี|เลขาธิการ|ผู้ว่าราชการ|ปลัด|ศึกษาธิการ|อธิการบดี|นายก|องคมนตรี|ประธาน|Minister|Governor"
)


# "พิธีเปิด… โดย ดร.สมชาย": the person an opening is credited to.
OPENING_BY = re.compile(r"(?:พิธีเปิด|เปิด(?:การ|งาน|โครงการ))[^\n]{0,240}?โดย(?:มี)?\s?$")
OPENING_PASSED_ON = re.compile(r"(?:พิธี)?เปิด(?:การ)?[^\n]{0,80}?\sโดย\s?$")


def propose_chairs(article: Article, anchor: int) -> list[Candidate]:
    """Every named person; value = (name, position as written or None)."""
    text = article.text
    people = find_people(text)
    found: list[Candidate] = []
    for rank, person in enumerate(people):
        features: Features = {"bias": 1.0}
        later = [p.at for p in people if p.at > person.at]
        next_person = later[0] if later else len(text)
        own_clause = text[person.at : min(next_person, person.at + 260)]
        mark = CHAIR_MARK.search(own_clause) or OPENED.search(own_clause)
        if mark and OPENING_PASSED_ON.match(own_clause, mark.start()):
            mark = None  # "… เป็นพิธีเปิดการประชุม โดย ดร.Y": the opening is the next person's
        if mark:
            features[f"mark:{distance_bucket(mark.start())}"] = 1.0
            _flag(features, "mark_same_line", "\n" not in own_clause[: mark.start()])
        elif OPENING_BY.search(article.before(person.at, 280)):
            features["mark:clause"] = features["mark_same_line"] = 1.0  # the passive "พิธีเปิด… โดย X"
        _flag(features, "event_in_clause", person.at < anchor < min(next_person, person.at + 200))
        mark_any = CHAIR_MARK.search(text, person.at)
        _flag(features, "mark_later", mark_any is not None and not mark)
        before = article.before(person.at, 30)
        _flag(features, "assigned", re.search(r"มอบหมาย(?:ให้)?\s?$", before) is not None)
        _flag(features, "led_by", re.search(r"โดย(?:มี)?\s?$", before) is not None)
        _flag(features, "with", re.search(r"(?:พร้อมด้วย|พร้อม|และ|ร่วมกับ|กับ)\s?$", before) is not None)
        _flag(features, "honored", re.search(r"(?:ได้รับเกียรติ(?:จาก)?|เกียรติ)\s?$", before) is not None)
        _flag(features, "reporter", REPORTER.match(own_clause[len(person.name) :]) is not None)
        _flag(features, "helper_role", HELPER_ROLE.match(own_clause) is not None and not mark)
        _flag(
            features,
            "top_position",
            person.position is not None and TOP_POSITION.search(person.position) is not None,
        )
        _flag(features, "deputy", person.position is not None and person.position.startswith(("รอง", "ผู้ช่วย")))
        _flag(features, "no_position", person.position is None)
        _flag(features, "headline", article.in_headline(person.at))
        _flag(features, "line_start", person.at == 0 or text[person.at - 1] == "\n")
        side = "after" if person.at >= anchor else "before"
        features[f"dist:{side}:{distance_bucket(person.at - anchor)}"] = 1.0
        features[f"rank:{rank_bucket(rank)}"] = 1.0
        found.append(
            Candidate(
                "chair", person.at, person.at + len(person.name), (person.name, person.position), features
            )
        )
    return found + _unnamed_chairs(article, anchor, people)


# "ท่านผู้อำนวยการ สพป.X เป็นประธาน": a chair named by the office alone, the mark in the same clause.
UNNAMED_CHAIR = Lazy(
    r"(?:(?<=โดยมี)|(?<=โดย)|(?<=ท่าน)|(?<=ให้)|(?<=และ)|(?<![ก-๙]))\s?(?P<position>(?:"
    + POSITION_HEAD.pattern
    # up to the chair's verb, never across a clause ("… มอบหมายให้รอง…", "… กล่าวรายงาน และ…")
    + r")(?:(?!มอบหมาย|กล่าว|พร้อม|โดย|\sและ|ซึ่ง|เพื่อ|ได้รับมอบ)[^\n,()“”\"]){2,90}?)"
    r"\s?(?:ได้)?\s?(?:รับเกียรติ|ให้เกียรติ|รับมอบหมาย(?:ให้)?)?\s?(?=เป็นประธาน|ประธานในพิธี|ประธานการ|ประธานเปิด|กล่าวเปิด|เปิดการ)"
)


def _unnamed_chairs(article: Article, anchor: int, people: list[Person]) -> list[Candidate]:
    """Chairs the article gives by their position; value = (None, position), or the person it names
    elsewhere with that position ("รองนายกรัฐมนตรี เปิดการสัมมนา" in the headline, the name in the body)."""
    text = article.text
    found: list[Candidate] = []
    for match in UNNAMED_CHAIR.finditer(text):
        start = match.start("position")
        position = SPACE_RUN.sub(" ", match["position"]).strip()
        own = any(
            p.at < start <= p.at + len(p.name) + len(p.position or "") + 10 or start <= p.at < match.end()
            for p in people
        )
        if own or PERSON.search(position) or len(position) < 6 or CHAIR_MARK.match(position):
            continue  # the position of a named person written with the name: that person is the candidate
        holder = next((p for p in people if p.position and _same_office(p.position, position)), None)
        # Features of their own: a named person's cue weights are learned from named people and stay theirs.
        features: Features = {"bias": 1.0, "unnamed": 1.0}
        _flag(features, "unnamed_named_elsewhere", holder is not None)
        _flag(features, "unnamed_deputy", position.startswith(("รอง", "ผู้ช่วย")))
        _flag(features, "unnamed_headline", article.in_headline(start))
        _flag(features, "unnamed_far", abs(start - anchor) >= 450)
        value = (holder.name, holder.position) if holder is not None else (None, position)
        found.append(Candidate("chair", start, start + len(match["position"].rstrip()), value, features))
    return found


def _office_key(position: str) -> str:
    return re.sub(r"[\s.]", "", expand_in_text(position.replace("ผอ.", "ผู้อำนวยการ")))


def _same_office(written: str, named: str) -> bool:
    """Whether a person's position is the office named alone ("เลขาธิการ กพฐ." and its full form)."""
    a, b = _office_key(written), _office_key(named)
    return a == b or (len(b) >= 8 and a.endswith(b) and not a[: -len(b)].endswith(("รอง", "ผู้ช่วย")))


# ---------------------------------------------------------------- organisers

ORG_NAME_END = re.compile(
    r"\s?(?:โดย|ร่วมกับ|จัด|ได้|จึง|ซึ่ง|กล่าว|เป็น|มี(?!นบุรี)|\(|" + EVENT_NOUN + r")|\s(?:และ|กับ)"
)
BY_BEFORE = re.compile(r"โดย\s?$")
HELD_BY = re.compile(r"จัด(?:ขึ้น)?\s?โดย\s?$")
PARTNER_BEFORE = re.compile(r"(?:ร่วมกับ|กับ|และ)\s?$")
RECIPIENT_BEFORE = re.compile(r"(?:แก่|ให้|ของ|ใน|สังกัด|จาก)\s?$")
ORG_HEAD_AT = re.compile(ORG_HEAD)
AREA_OFFICE_AT = re.compile(r"สพ[ปม]|สำนักงานเขตพื้นที่|ศธจ|สำนักงานศึกษาธิการ")
PROVINCE_ONLY = re.compile(r"จังหวัด\S+")
# "X (ศปบ.) โดยกลุ่ม Y จัด…": X holds the event through one of its units.
ACTS_THROUGH = re.compile(r"\s?(?:\([^()\n]{1,30}\)\s?)?โดย(?!มี)")
# "X เป็นเจ้าภาพ(ในการ)จัด…", "X ในฐานะเจ้าภาพ": the host holds the event.
HOST_AFTER = re.compile(r"\s?(?:\([^()\n]{1,30}\)\s?)?(?:ในฐานะ|ซึ่ง)?\s?(?:เป็น|ได้รับ(?:เป็น)?)?\s?เจ้าภาพ")
# "X (ย่อ) ได้เล็งเห็นความสำคัญ… จึงจัด…": the body that saw the need holds the event.
SEES_NEED_AFTER = re.compile(r"\s?(?:\([^()\n]{1,30}\)\s?)?(?:จึง)?(?:ได้)?\s?(?:เล็ง)?เห็น(?:ถึง)?ความสำคัญ")
# "ณ จังหวัดX", "ที่สำนักงาน…": a place, not who held the event.
AT_PLACE = re.compile(r"(?:(?<![ก-๙])(?:ณ|ที่)|ขึ้น\s?(?:ณ|ที่))\s?$")
GENERIC_ORG = {"กลุ่ม", "คณะ", "จังหวัด", "สำนัก", "สำนักงาน", "โรงเรียน", "ศูนย์", "สถาบัน", "กระทรวง"}


def propose_organizers(article: Article, anchor: int) -> list[Candidate]:
    """Every body named, its mentions merged; value = the body as the article first writes it."""
    text = article.text
    verbs = [m.start() for m in ORGANISER_VERB.finditer(text)]
    bodies_at = {hit.start: hit for hit in article.gazetteer if hit.kind not in ("position", "venue")}
    found: list[Candidate] = []
    for rank, match in enumerate(org_name().finditer(text)):
        name = ORG_NAME_END.split(match.group(), maxsplit=1)[0].strip()
        known = bodies_at.get(match.start())
        if len(name) < 3 or name in GENERIC_ORG:
            continue
        features: Features = {"bias": 1.0}
        end = match.start() + len(name)
        after_end = bisect.bisect_left(verbs, end)
        gap = verbs[after_end] - end if after_end < len(verbs) else None
        if gap is not None and "\n" not in text[end : end + gap]:
            features[f"verb_after:{distance_bucket(gap)}"] = 1.0
        held_by = HELD_BY.search(article.before(match.start(), 12)) is not None
        if held_by:
            features["verb_after:clause"] = 1.0  # "…จัดโดย X": the passive says X holds it, as "X จัด…" does
        _flag(
            features,
            "by_after_hold",
            BY_BEFORE.search(article.before(match.start(), 12)) is not None and not held_by,
        )
        _flag(
            features,
            "partner",
            PARTNER_BEFORE.search(article.before(match.start(), 10)) is not None,
        )
        _flag(
            features,
            "recipient",
            RECIPIENT_BEFORE.search(article.before(match.start(), 8)) is not None,
        )
        _flag(features, "headline", article.in_headline(match.start()))
        _flag(features, "line_start", match.start() == 0 or text[match.start() - 1] == "\n")
        _flag(features, "abbreviation", not ORG_HEAD_AT.match(name))
        _flag(features, "area_office", AREA_OFFICE_AT.match(name) is not None)
        _flag(features, "school", name.startswith(("โรงเรียน", "วิทยาลัย", "ร.ร.")))
        _flag(features, "short", len(name) < 8)
        _flag(features, "province_only", PROVINCE_ONLY.fullmatch(name) is not None)
        event_next = EVENT.match(text, end + (1 if text[end : end + 1] == " " else 0)) is not None
        _flag(features, "headline_subject", article.in_headline(match.start()) and event_next)
        _flag(features, "subject", event_next and not article.in_headline(match.start()))
        _flag(features, "host", HOST_AFTER.match(text, end) is not None)
        _flag(features, "sees_need", SEES_NEED_AFTER.match(text, end) is not None)
        _flag(features, "at_place", AT_PLACE.search(article.before(match.start(), 8)) is not None)
        side = "after" if match.start() >= anchor else "before"
        features[f"dist:{side}:{distance_bucket(match.start() - anchor)}"] = 1.0
        features[f"rank:{rank_bucket(rank)}"] = 1.0
        _flag(features, "known_body", known is not None)
        value = known.name if known is not None and known.end >= end - 2 else expand(name)
        _flag(features, "acts_through", ACTS_THROUGH.match(text, end) is not None)
        found.append(Candidate("organizer", match.start(), end, value, features))
    found += _joint_organizers(text, found, verbs)
    return [_as_written(text, candidate) for candidate in merged_by_value(found)]


# "X (ย่อ) โดยกลุ่ม Y จัด…", "X ร่วมกับ Y จัด…": who holds the event, written as the article names them together.
JOINED_BY = Lazy(
    r"\s?(?:\([^()\n]{1,30}\)\s?)?(?:(?P<unit>โดย)\s?(?=กลุ่ม|งาน|ฝ่าย|แผนก|หน่วย|ศูนย์|สำนัก|คณะ|ภาควิชา|สาขา)|ร่วมกับ\s?)"
)
JOINT_NOT = Lazy(r"โดยมี|ประธาน|กล่าว|เมื่อ|วันที่|ณ\s|ซึ่ง|เพื่อ|[“”\"\n]")
BEFORE_VERB = re.compile(r"\s?(?:จึง|ได้|ร่วมกัน|\s)*")
TRAILING_LINK = re.compile(r"(?:\s|จึง|ได้|ร่วมกัน)*$")
PARTNERS_LINK = re.compile(r"(?:\s|และ|,)*")


def _joint_organizers(text: str, mentions: list[Candidate], verbs: list[int]) -> list[Candidate]:
    """A body with its unit ("โดยกลุ่ม…") or the bodies it holds the event with ("ร่วมกับ…"), up to the verb
    that says they hold it; value = as written."""
    joint: list[Candidate] = []
    for mention in mentions:
        link = JOINED_BY.match(text, mention.end)
        after = bisect.bisect_left(verbs, mention.end)
        if link is None or after == len(verbs) or verbs[after] - link.end() > 100:
            continue
        verb = verbs[after]
        if JOINT_NOT.search(text, link.end(), verb) or PERSON.search(text, link.end(), verb):
            continue
        if link["unit"]:  # the unit need not be a body the gazetteer or the heads know ("งานแนะแนว…")
            end = verb
        else:  # partners: bodies only, joined by และ or commas, the last one straight before the verb
            partners = sorted(
                (m for m in mentions if link.end() <= m.start and m.end <= verb), key=lambda m: m.start
            )
            at = link.end()
            for partner in partners:
                if partner.start >= at and PARTNERS_LINK.fullmatch(text, at, partner.start):
                    at = partner.end
            if at == link.end() or not BEFORE_VERB.fullmatch(text, at, verb):
                continue
            end = at
        end = mention.start + len(TRAILING_LINK.sub("", text[mention.start : end]))
        features = {**mention.features, "joint": 1.0, "verb_after:clause": 1.0}
        value = SPACE_RUN.sub(" ", text[mention.start : end])
        joint.append(Candidate("organizer", mention.start, end, value, features))
    return joint


def _as_written(text: str, candidate: Candidate) -> Candidate:
    """A body is given as the article first names it ("สช.", "สพป.ชัยภูมิ เขต 2"), as readers know it."""
    written = SPACE_RUN.sub(" ", text[candidate.start : candidate.end])
    short = ABBREVIATION.match(written)
    if short is not None and not short.group().endswith("."):
        written = f"{short.group()}.{written[short.end() :]}"  # "สพฐ" is written "สพฐ." officially
    return dataclasses.replace(candidate, value=written)


EVERY_MENTION = ("at_place",)


def merged_by_value(candidates: list[Candidate]) -> list[Candidate]:
    """One candidate per value: a body named three times is one choice, with what every mention says."""
    by_value: dict[Any, list[Candidate]] = {}
    for candidate in candidates:
        by_value.setdefault(candidate.value, []).append(candidate)
    merged = []
    for mentions in by_value.values():
        features: Features = {}
        for mention in mentions:
            for name, value in mention.features.items():
                features[name] = max(features.get(name, 0.0), value)
        for name in EVERY_MENTION:  # a body is a place only when it is never named otherwise
            if name in features and not all(name in mention.features for mention in mentions):
                del features[name]
        first = mentions[0]
        merged.append(Candidate(first.field, first.start, first.end, first.value, features))
    return merged


# ---------------------------------------------------------------- head-counts

ATTENDEES = re.compile(
    r"(?<![\d,])(?P<n>\d{1,3}(?:,\d{3})+|\d{1,6})\s?(?P<unit>คน|ราย(?!การ|วิชา|งาน|ชื่อ|ได้)|ท่าน|รูป|participants|people|persons)"
)
LEAD = re.compile(r"(?P<lead>จำนวน|รวม|ทั้งสิ้น|กว่า|ประมาณ|ราว|เกือบ|ทั้งหมด)\s?$")
ATTENDEE_CONTEXT = re.compile(
    r"ผู้เข้าร่วม|เข้าร่วม|ผู้เข้ารับ|ผู้เข้า|ผู้ร่วม|ร่วมประชุม|ร่วมกิจกรรม|ผู้ฟัง|ผู้แทน|participants|attended"
)


def propose_attendees(article: Article, anchor: int) -> list[Candidate]:
    """Every number of people; value = the count."""
    text = article.text
    found: list[Candidate] = []
    for rank, match in enumerate(ATTENDEES.finditer(text)):
        count = int(match["n"].replace(",", ""))
        if count == 0 or any(d.position <= match.start() < d.end_position for d in article.dates):
            continue  # "30 สิงหาคม 2559 ท่านผู้อำนวยการ…": a date's year, not a head-count
        before = article.before(match.start(), 90)
        lead_match = LEAD.search(before[-12:])
        lead = lead_match["lead"] if lead_match else None
        features: Features = {
            "bias": 1.0,
            f"unit:{match['unit'] if match['unit'] in ('คน', 'ราย', 'ท่าน') else 'other'}": 1.0,
        }
        _flag(features, "context", ATTENDEE_CONTEXT.search(before) is not None)
        _flag(
            features,
            "total",
            lead in ("รวม", "ทั้งสิ้น", "ทั้งหมด")
            or re.search(r"(?:รวม|ทั้งสิ้น)\s?(?:จำนวน)?\s?$", before) is not None,
        )
        _flag(features, "approx", lead in ("กว่า", "ประมาณ", "ราว", "เกือบ"))
        _flag(features, "per_group", re.search(r"(?:ละ|ครั้งละ|กลุ่มละ|ห้องละ)\s?$", before) is not None)
        _flag(
            features,
            "students",
            re.search(r"นักเรียน|นักศึกษา|ผู้สมัคร|ผู้สอบ|ผู้ผ่าน|อัตรา|บรรจุ", before[-40:]) is not None,
        )
        _flag(features, "speakers", re.search(r"วิทยากร|ผู้บรรยาย|ผู้ทรงคุณวุฒิ", before[-40:]) is not None)
        _flag(features, "small", count < 10)
        _flag(features, "large", count >= 1000)
        side = "after" if match.start() >= anchor else "before"
        features[f"dist:{side}:{distance_bucket(match.start() - anchor)}"] = 1.0
        features[f"rank:{rank_bucket(rank)}"] = 1.0
        found.append(Candidate("attendees", match.start(), match.end(), count, features))
    return found


# ---------------------------------------------------------------- provinces


def propose_provinces(article: Article, anchor: int, chosen: dict[str, Candidate | None]) -> list[Candidate]:
    """Every province named or implied; value = its official name. `chosen` holds the fields picked so far."""
    mentions = article.places
    counts: dict[str, int] = {}
    for mention in mentions:
        counts[mention.province] = counts.get(mention.province, 0) + 1
    venue, title, organizer, chair = (chosen.get(k) for k in ("venue", "title", "organizer", "chair"))
    found: list[Candidate] = []
    for rank, mention in enumerate(mentions):
        features: Features = {"bias": 1.0, f"how:{mention.how}": 1.0}
        _flag(features, "glued", mention.glued)
        _flag(features, "in_venue", venue is not None and venue.start <= mention.position <= venue.end + 90)
        _flag(features, "in_title", title is not None and title.start <= mention.position < title.end)
        _flag(
            features,
            "in_organizer",
            organizer is not None and organizer.start <= mention.position <= organizer.end + 30,
        )
        _flag(
            features,
            "in_chair_position",
            chair is not None and chair.end <= mention.position <= chair.end + 120,
        )
        before = article.before(mention.position, 40)
        _flag(features, "from", re.search(r"จาก\s?(?:จังหวัด|จ\.)?\s?$", before) is not None)
        _flag(features, "governor", re.search(r"ผู้ว่าราชการ(?:จังหวัด)?\s?$", before) is not None)
        _flag(
            features,
            "body",
            re.search(r"(?:ศึกษา|สำนักงาน|ศาลากลาง|กศน\.?|อบจ\.?|องค์การบริหารส่วน)(?:จังหวัด)?\s?$", before)
            is not None,
        )
        _flag(features, "headline", article.in_headline(mention.position))
        count = counts[mention.province]
        features[f"count:{min(count, 3)}"] = 1.0
        _flag(features, "only_province", len(counts) == 1)
        side = "after" if mention.position >= anchor else "before"
        features[f"dist:{side}:{distance_bucket(mention.position - anchor)}"] = 1.0
        features[f"rank:{rank_bucket(rank)}"] = 1.0
        found.append(Candidate("province", mention.position, mention.end, mention.province, features))
    for hit in article.gazetteer:
        implied = hit.provinces if len(hit.provinces) == 1 else ()
        in_venue = venue is not None and venue.start <= hit.start <= venue.end + 30
        if not implied and in_venue and hit.kind == "body" and hit.name in NATIONAL_BODIES:
            implied = (BANGKOK,)  # a room of the ministry or of a national office is in Bangkok
        if not implied:
            continue
        features = {"bias": 1.0, "how:inferred": 1.0, f"gazetteer:{hit.kind}": 1.0}
        _flag(features, "in_venue", in_venue)
        _flag(features, "in_title", title is not None and title.start <= hit.start < title.end)
        _flag(
            features, "in_organizer", organizer is not None and organizer.start <= hit.start <= organizer.end
        )
        _flag(features, "in_chair_position", chair is not None and chair.end <= hit.start <= chair.end + 120)
        _flag(features, "headline", article.in_headline(hit.start))
        _flag(features, "named_too", implied[0] in counts)
        side = "after" if hit.start >= anchor else "before"
        features[f"dist:{side}:{distance_bucket(hit.start - anchor)}"] = 1.0
        found.append(Candidate("province", hit.start, hit.end, implied[0], features))
    return merged_by_value(found)


# Bodies whose own buildings are in Bangkok: a room "ของ สพฐ." or "กระทรวงศึกษาธิการ" names the capital.
NATIONAL_BODIES = frozenset({
    "กระทรวงศึกษาธิการ", "สำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน", "สำนักงานเลขาธิการสภาการศึกษา",
    "สำนักงานปลัดกระทรวงศึกษาธิการ", "สำนักงานคณะกรรมการการอาชีวศึกษา", "สำนักงานคณะกรรมการส่งเสริมการศึกษาเอกชน",
})  # fmt: skip
