"""One article's text in, its meeting records out. Pure functions, no I/O."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from news.clean import clean_article
from news.dates import DateMention, find_dates, find_times, year_to_ce
from news.kinds import MEETING_NOUN, kind_of
from news.orgs import find_organizer
from news.people import find_chair
from news.places import find_provinces
from news.record import MeetingRecord
from news.summary import summarize

# A meeting held, not a meeting room ("ห้องประชุม") or the assembly ("ที่ประชุม").
EVENT = re.compile(
    r"(?P<verb>จัด(?:ให้มี)?(?:การ)?|เปิด(?:การ)?|ประธาน(?:ใน)?(?:พิธี)?(?:เปิด)?(?:การ)?|เข้าร่วม(?:การ)?|"
    r"ร่วม(?:การ)?|ดำเนินการ|สำหรับการ|ในการ|“|\"|^|\n|\s)\s?(?P<noun>(?:การ)?" + MEETING_NOUN + r")"
)
NOT_EVENT_BEFORE = re.compile(r"(?:ห้อง|ที่|มติ|ผล|วาระ|ผู้เข้า|ผู้|เข้า|ระเบียบ)$")
TITLE_END = re.compile(
    r"\s?(?:(?<![ก-๙])ณ\s|(?<![ก-๙])ณ(?=ห้อง|โรง|หอ|อาคาร|ศูนย์|สำนัก|มหา|วิทยา)|ขึ้น\s?(?:ณ|ที่)|ที่ห้อง|ที่โรงแรม|ระหว่างวันที่|"
    r"ในวัน|เมื่อวัน|วันที่\s?\d|ตั้งแต่วันที่|โดยมี|โดย\s|\sเพื่อ|มีวัตถุประสงค์|ให้แก่|ให้กับ|แก่\s|"
    r"พร้อม(?:ด้วย|ทั้ง|มอบ)|\sซึ่ง|ประจำปีงบประมาณ|ผ่านระบบ|ผ่านทาง|ในรูปแบบ|ดังกล่าว|นั้น\s|"
    r"\sที่\s(?!\d)|ในระหว่าง|มีผู้|จำนวน\s?\d|ได้รับ|เป็นประธาน)|[\n”\"]|\s[,(]|\s{2,}|(?<=\S),"
)
VENUE_START = re.compile(
    r"(?:ณ|ขึ้นที่|ขึ้น ณ|ที่|สถานที่)\s?(?=(?:ห้อง|โรงแรม|หอประชุม|หอ|อาคาร|โรงเรียน|มหาวิทยาลัย|วิทยาลัย|ศูนย์|"
    r"สำนักงาน|สถาบัน|ศาลากลาง|ศาลา|กระทรวง|ลาน|สนาม|วัด|ค่าย|อุทยาน|รีสอร์|พิพิธภัณฑ์|ทำเนียบ|สโมสร|"
    r"อิมแพ็ค|ไบเทค|เซ็นทารา|เดอะ|the\s|[A-Z]))"
)
VENUE_END = re.compile(
    r"\s?(?:ตำบล|ต\.\s?[ก-๙]|อำเภอ|อ\.\s?[ก-๙]|แขวง|เขต(?!พื้นที่|ตรวจ)[ก-๙]|(?<!ศาลากลาง)(?<!ศึกษาธิการ)(?<!สำนักงาน)จังหวัด|จ\.\s?[ก-๙]|กทม|กรุงเทพฯ|"
    r"โดย|เพื่อ|มีผู้|มี\s|เมื่อ|ระหว่าง|วันที่|ในวัน|ใน\s|พร้อม|ซึ่ง|เวลา|และ\s|ทั้งนี้|ได้|จัด|สำหรับ|ตั้งแต่|"
    r"ผ่าน|โดยมี|เป็นประธาน)|[,\n“”\"(]|\s{2,}"
)
ONLINE_VENUE = re.compile(
    r"ผ่านระบบ\s?(?:การ)?(?:ประชุม)?\s?(?:ออนไลน์|ทางไกล|วีดิทัศน์(?:ทางไกล)?)?\s?(?:\S*zoom\S*|"
    r"microsoft teams|google meet|webex)?",
    re.IGNORECASE,
)
ATTENDEES = re.compile(
    r"(?P<lead>จำนวน|รวม|ทั้งสิ้น|กว่า|ประมาณ|ราว|เกือบ|ทั้งหมด)?\s?(?P<n>\d{1,3}(?:,\d{3})+|\d{1,6})\s?"
    r"(?P<unit>คน|ราย|ท่าน|รูป)"
)
ATTENDEE_CONTEXT = re.compile(r"ผู้เข้าร่วม|เข้าร่วม|ผู้เข้ารับ|ผู้เข้า|ผู้ร่วม|ร่วมประชุม|ร่วมกิจกรรม|ผู้ฟัง|ผู้แทน")
DATE_CUE = re.compile(r"(?:วันที่|เมื่อวันที่|ระหว่างวันที่|ในวันที่|วัน[ก-๙]{3,8}ที่|ตั้งแต่วันที่)\s?$")
DATE_NOT_MEETING = re.compile(
    r"(?:ภายใน|ก่อน|หมดเขต|สิ้นสุด|ประกาศ|เผยแพร่|โพสต์|อัปเดต|อัพเดต|ปรับปรุง|ลงวันที่|ฉบับ|เมื่อปี|"
    r"ตั้งแต่ปี|ครบกำหนด|กำหนดส่ง|รับสมัคร|จัดตั้ง|เกิด|เมื่อช่วง)\s?(?:ใน|ภายใน)?\s?(?:วันที่|วัน)?\s?$"
)
LIST_ITEM = re.compile(r"^[ \t]*(?:\d{1,2}|[๑-๙])[.)][ \t]+|^[ \t]*[•●▪][ \t]*", re.MULTILINE)
YEAR_HINT = re.compile(r"(?:พ\.\s?ศ\.|ปี(?:งบประมาณ|การศึกษา)?|/)\s?(25\d{2})(?!\d)")


@dataclass(frozen=True)
class _Event:
    """The phrase that names the meeting, and where it stands."""

    title: str
    kind: str
    position: int


def extract_meetings(text: str) -> list[MeetingRecord]:
    """The meetings an article reports: none, the one it is about, or each item of a list of meetings."""
    article = clean_article(text)
    items = _listed_meetings(article)
    if items:
        return [record for item in items if (record := _record(item, whole=article)) is not None]
    record = _record(article, whole=article)
    return [record] if record is not None else []


def _record(part: str, *, whole: str) -> MeetingRecord | None:
    """One meeting from `part` of an article; the year and the organiser may come from the `whole`."""
    event = _main_event(part)
    if event is None:
        return None
    when = _meeting_date(part, event.position, year=_article_year(whole))
    venue, venue_span = _venue(part, event.position)
    organizer = find_organizer(part) or (find_organizer(whole) if part is not whole else None)
    chair = find_chair(part)
    participants = _participant_provinces(part)
    record = MeetingRecord(
        title=event.title,
        kind=event.kind,
        start_date=when.start if when else None,
        end_date=when.end if when else None,
        time=_meeting_time(part, when, event.position),
        province=_province(part, event, venue_span, organizer, participants),
        venue=venue,
        chair=chair.name if chair else None,
        chair_position=chair.position if chair else None,
        organizer=organizer,
        attendees=_attendees(part),
        participant_provinces=participants,
    )
    return replace(record, summary=summarize(record))


def _listed_meetings(article: str) -> list[str]:
    """Items of a numbered or bulleted list when two or more each name a meeting held on a day.

    A schedule ("กำหนดการประชุม") or a round-up reports several meetings; a list of agenda points or
    participants names no meeting with its own date and leaves the article whole.
    """
    starts = [m.start() for m in LIST_ITEM.finditer(article)]
    if len(starts) < 2:
        return []
    items = [
        article[a:b].split("\n\n")[0].strip()
        for a, b in zip(starts, [*starts[1:], len(article)], strict=True)
    ]
    year = _article_year(article)
    meetings = [
        item for item in items
        if _main_event(item) is not None and find_dates(item, default_year=year)
    ]  # fmt: skip
    return meetings if len(meetings) >= 2 else []


def _main_event(article: str) -> _Event | None:
    """The meeting the article is about: its best-named mention, earliest first."""
    best: tuple[float, _Event] | None = None
    for match in EVENT.finditer(article):
        noun_at = match.start("noun")
        if NOT_EVENT_BEFORE.search(article[max(0, noun_at - 6) : noun_at]) and not match["verb"].strip():
            continue
        title = _title_from(article, noun_at, quoted=match["verb"] in ("“", '"'))
        if title is None:
            continue
        score = min(len(title), 80) / 20 - noun_at / 400
        if "\n" not in article[:noun_at] and (noun_at > 0 or "\n" in article):
            score -= 1  # a headline abbreviates; the body names the meeting in full
        if match["verb"] in ("“", '"'):
            score += 2
        elif match["verb"].strip():
            score += 1
        if best is None or score > best[0]:
            best = (score, _Event(title, kind_of(match["noun"]), noun_at))
    return best[1] if best else None


def _title_from(article: str, start: int, *, quoted: bool) -> str | None:
    """The meeting's own name from its noun on: "ประชุมเชิงปฏิบัติการเรื่อง X" names X."""
    rest = article[start : start + 400]
    if quoted:
        closing = re.search(r"[”\"]", rest)
        if closing is None:
            return None
        title = rest[: closing.start()]
    else:
        end = TITLE_END.search(rest, 4)
        title = rest[: end.start()] if end else rest[:200]
        if title.count("“") > title.count("”"):
            close_at = rest.find("”", len(title))
            if close_at != -1:
                title = rest[: close_at + 1]
    noun = re.match(r"(?:การ)?" + MEETING_NOUN, title)
    if noun is None:
        return None
    after = title[noun.end() :]
    subject = re.match(r"\s?(?:เรื่อง|หัวข้อ|ในหัวข้อ|ภายใต้หัวข้อ)\s?[“\"]?", after)
    if subject:
        title = after[subject.end() :]
    elif re.match(r"\s?(?:โครงการ|หลักสูตร)", after):
        title = after.strip()
    title = re.sub(r"\s?(?:ภายใต้หัวข้อ|ในหัวข้อ)\s?", " ", title)
    title = re.sub(r"\s+", " ", title).strip(' "-–:')
    if title.count("“") != title.count("”"):
        title = title.strip("“”")
    if re.match(MEETING_NOUN, title):
        title = "การ" + title
    if len(re.sub(r"\s", "", title)) < 6 or re.fullmatch(r"(?:การ)?" + MEETING_NOUN, title):
        return None
    return title[:250]


def _meeting_date(article: str, anchor: int, *, year: int | None = None) -> DateMention | None:
    mentions = find_dates(article, default_year=_article_year(article) or year)
    if not mentions:
        return None
    best = max(mentions, key=lambda m: _date_score(article, m, anchor))
    if _date_score(article, best, anchor) < -4:
        return None
    if best.end is None:
        for other in mentions:
            if other.start == best.start and other.end is not None:
                return other
    return best


def _date_score(article: str, mention: DateMention, anchor: int) -> float:
    before = article[max(0, mention.position - 24) : mention.position]
    line_start = article.rfind("\n", 0, mention.position) + 1
    line_end = article.find("\n", mention.end_position)
    line = article[line_start : line_end if line_end != -1 else len(article)]
    score = -abs(mention.position - anchor) / 300 - mention.position / 2000
    if DATE_CUE.search(before):
        score += 2
    if DATE_NOT_MEETING.search(before) or DATE_NOT_MEETING.search(
        article[max(0, mention.position - 80) : mention.position]
    ):
        score -= 3
    if len(line) < mention.end_position - mention.position + 20 and not re.search(MEETING_NOUN, line):
        score -= 3  # a line that is only a date is the page's publication stamp
    if mention.end is not None:
        score += 0.5
    if not mention.has_year:
        score -= 0.5
    return score


def _article_year(article: str) -> int | None:
    years = [year_to_ce(m[1]) for m in YEAR_HINT.finditer(article)]
    known = [y for y in years if y]
    return max(set(known), key=known.count) if known else None


def _meeting_time(article: str, when: DateMention | None, anchor: int) -> str | None:
    times = find_times(article)
    if not times:
        return None
    near = when.position if when else anchor
    position, clock = min(times, key=lambda t: abs(t[0] - near))
    return clock if abs(position - near) <= 250 else None


def _venue(article: str, anchor: int) -> tuple[str | None, tuple[int, int] | None]:
    best: tuple[float, str, tuple[int, int]] | None = None
    for match in VENUE_START.finditer(article):
        rest = article[match.end() : match.end() + 200]
        end = VENUE_END.search(rest, 3)
        venue = rest[: end.start()] if end else rest[:120]
        venue = re.sub(r"\s+", " ", venue).strip(" ,")
        if len(venue) < 4:
            continue
        score = -abs(match.start() - anchor) / 300 - match.start() / 3000
        if match.group().startswith(("ณ", "ขึ้น")):
            score += 1
        if venue.startswith(("ห้อง", "โรงแรม", "หอประชุม")):
            score += 0.5
        if best is None or score > best[0]:
            best = (score, venue, (match.end(), match.end() + (end.start() if end else len(venue))))
    if best is None:
        online = ONLINE_VENUE.search(article)
        if online and online.end() - online.start() > 8:
            return online.group().strip(), None
        return None, None
    return best[1], best[2]


def _province(
    article: str,
    event: _Event,
    venue_span: tuple[int, int] | None,
    organizer: str | None,
    participants: list[str],
) -> str | None:
    """Where the meeting was: the venue's address first, then its title, organiser and lede."""
    mentions = find_provinces(article)
    if venue_span:
        start, end = venue_span
        near = [m for m in mentions if start <= m.position <= end + 90]
        if near:
            return near[0].province
    for text in (event.title, organizer or ""):
        named = {m.province for m in find_provinces(text) if m.how in ("explicit", "name")}
        if len(named) == 1:
            return named.pop()
    lede_end = article.find("\n", event.position)
    lede = [m for m in mentions if m.position <= (lede_end if lede_end != -1 else len(article))]
    distinct = {m.province for m in lede}
    if len(distinct) == 1:
        return distinct.pop()
    everywhere = {m.province for m in mentions}
    if len(everywhere) == 1 and not participants:
        return everywhere.pop()
    return None


def _participant_provinces(article: str) -> list[str]:
    """Provinces listed as where attendees came from ("จาก 4 จังหวัด ... ได้แก่ จังหวัดนนทบุรี ...")."""
    for match in re.finditer(r"(?:ได้แก่|ประกอบด้วย|จาก)\s?(?:\d+\s?จังหวัด)?", article):
        window = article[match.end() : match.end() + 300]
        window = window.split("\n")[0]
        names: list[str] = []
        for mention in find_provinces(window):
            if mention.how == "explicit" and mention.province not in names:
                names.append(mention.province)
        if len(names) >= 2:
            return names
    return []


def _attendees(article: str) -> int | None:
    best: tuple[float, int] | None = None
    for match in ATTENDEES.finditer(article):
        count = int(match["n"].replace(",", ""))
        if count == 0 or (2400 <= count <= 2700 and match["unit"] != "คน"):
            continue
        before = article[max(0, match.start() - 90) : match.start()]
        score = 0.0
        if ATTENDEE_CONTEXT.search(before):
            score += 2
        if match["lead"] in ("รวม", "ทั้งสิ้น", "ทั้งหมด") or re.search(r"(?:รวม|ทั้งสิ้น)\s?(?:จำนวน)?\s?$", before):
            score += 1.5
        elif match["lead"]:
            score += 0.5
        if re.search(r"(?:ละ|ครั้งละ|กลุ่มละ|ห้องละ)\s?$", before):
            score -= 3
        score -= match.start() / 5000
        if score <= 0:
            continue
        if best is None or score > best[0] or (score == best[0] and count > best[1]):
            best = (score, count)
    return best[1] if best else None
