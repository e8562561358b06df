"""One article's text in, its meeting records out: segment, propose, choose, assemble. Pure, no I/O."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from news.candidates import (
    Candidate,
    propose_attendees,
    propose_chairs,
    propose_dates,
    propose_events,
    propose_organizers,
    propose_provinces,
    propose_times,
    propose_venues,
)
from news.choose import Choice, Weights, choose, fitted_weights, probability
from news.clean import clean_article, posted_year
from news.record import MeetingRecord
from news.segment import Article, article_year
from news.summary import summarize

# Picks one candidate of a field (or none): the fitted model when extracting, the labels when training.
# The floor is the probability a candidate needs; a listed item already known to be an event takes its best.
Picker = Callable[[str, Sequence[Candidate], float | None], Choice]
LIST_ITEM = re.compile(r"^[ \t]*(?:\d{1,2}|[๑-๙])[.)][ \t]+|^[ \t]*[•●▪][ \t]*", re.MULTILINE)
# A paragraph that opens with its day, as each item of a news listing page does.
DATED_LINE = re.compile(
    r"^(?:On\s)?(?:[A-Z][a-z]+\s\d{1,2},\s\d{4}|\d{1,2}\s[A-Z][a-z]+\s\d{4})"
    r"|^(?:เมื่อ)?วัน(?:\S{1,8}ที่|ที่)\s?[\d๐-๙]",
    re.MULTILINE,
)
# Fields a listed item takes from the rest of the article when it does not name them itself.
INHERITED = ("organizer", "province")
# The longest meeting (days) a day reported from its middle is read as part of.
WIDEST_SPAN = 7
# How near after a second event phrase in running prose its own date must stand (characters).
FURTHER_REACH = 200


@dataclass(frozen=True)
class Part:
    """The article, or one listed item of it, with where it starts in the cleaned text."""

    article: Article
    offset: int


def extract_meetings(text: str, weights: Weights | None = None) -> list[MeetingRecord]:
    """The meetings an article reports: none, the one it is about, or each item of a list of meetings."""
    model = weights if weights is not None else fitted_weights()

    def pick(field: str, candidates: Sequence[Candidate], floor: float | None = None) -> Choice:
        return choose(field, candidates, model, floor)

    cleaned = clean_article(text)
    year = article_year(cleaned) or posted_year(text)
    parts = parts_of(cleaned, year)
    if len(parts) == 1:
        main = walk(parts[0].article, pick)
        readings = [main, *further_events(parts[0].article, pick, main, model)]
        return [record for chosen in readings if (record := assemble(parts[0], chosen)) is not None]
    whole = walk(Article(cleaned, year), pick, event_floor=0.0)
    records = []
    for part in parts:
        chosen = walk(part.article, pick, event_floor=0.0)
        for name in INHERITED:
            if chosen.get(name) is None or chosen[name].candidate is None:
                chosen[name] = whole.get(name, Choice(None, 0.0))
        record = assemble(part, chosen)
        if record is not None:
            records.append(record)
    return records


def parts_of(cleaned: str, year: int | None = None) -> list[Part]:
    """Items of a list, or paragraphs that each open with a day, when two or more each name an event
    and a day.

    A schedule ("กำหนดการประชุม") or a round-up reports several meetings; a list of agenda points or
    participants names no event with a date of its own and leaves the article whole. On a listing page
    each item runs from its dated paragraph to the next and names its event in that first paragraph,
    so a posting date on a line of its own, or the same event reported twice, is not an item.
    `year` is the year the article is set in when the caller knows more than the text (a posting stamp).
    """
    year = year or article_year(cleaned)
    listed = _items(cleaned, [m.start() for m in LIST_ITEM.finditer(cleaned)], year, dated=False)
    if len(listed) >= 2:
        return listed
    dated = _items(cleaned, [m.start() for m in DATED_LINE.finditer(cleaned)], year, dated=True)
    if len(dated) >= 2:
        return dated
    return [Part(Article(cleaned, year), 0)]


def _items(cleaned: str, starts: list[int], year: int | None, *, dated: bool) -> list[Part]:
    if len(starts) < 2:
        return []
    items: list[Part] = []
    titles: list[str] = []
    for a, b in zip(starts, [*starts[1:], len(cleaned)], strict=True):
        text = cleaned[a:b].rstrip() if dated else cleaned[a:b].split("\n\n")[0].rstrip()
        item = Part(Article(text, year), a)
        events = [
            c
            for c in propose_events(item.article)
            if "verb:room" not in c.features and "anaphora" not in c.features
        ]
        if not events or not propose_dates(item.article, events[0].start):
            continue
        if dated and (
            "\n" in text[: events[0].start] or any(_same_title(events[0].value[0], t) for t in titles)
        ):
            continue
        titles.append(events[0].value[0])
        items.append(item)
    return items


def walk(
    article: Article, pick: Picker, *, event_floor: float | None = None, given: Choice | None = None
) -> dict[str, Choice]:
    """Choose each field in turn; later fields are read relative to the event and date chosen first."""
    chosen: dict[str, Choice] = {"title": given or pick("title", propose_events(article), event_floor)}
    event = chosen["title"].candidate
    if event is None:
        return chosen
    anchor = event.start
    dates = propose_dates(article, anchor)
    chosen["date"] = _widened(pick("date", dates, None), dates)
    date = chosen["date"].candidate
    chosen["time"] = pick("time", propose_times(article, date.start if date else anchor), None)
    chosen["venue"] = pick("venue", propose_venues(article, anchor), None)
    chosen["chair"] = pick("chair", propose_chairs(article, anchor), None)
    chosen["organizer"] = pick("organizer", propose_organizers(article, anchor), None)
    chosen["attendees"] = pick("attendees", propose_attendees(article, anchor), None)
    so_far = {name: choice.candidate for name, choice in chosen.items()}
    chosen["province"] = pick("province", propose_provinces(article, anchor, so_far), None)
    return chosen


def further_events(
    article: Article, pick: Picker, main: dict[str, Choice], weights: Weights
) -> list[dict[str, Choice]]:
    """Other events the prose reports on days of their own ("… and on 3 January the committee meets").

    An event phrase counts when it names an event in full (not "การประชุมครั้งนี้"), is not the main
    event's title, and a plain date stands right after it that no event read so far has.
    """
    first, first_date = main["title"].candidate, main.get("date", Choice(None, 0.0)).candidate
    if first is None or first_date is None:
        return []
    readings: list[dict[str, Choice]] = []
    days, titles = {first_date.value[0]}, [first.value[0]]
    for candidate in propose_events(article):
        features = candidate.features
        if "anaphora" in features or "long" not in features or "verb:room" in features:
            continue
        if any(_same_title(candidate.value[0], title) for title in titles):
            continue
        near = [
            d
            for d in propose_dates(article, candidate.start)
            if 0 <= d.start - candidate.start <= FURTHER_REACH and "not_meeting" not in d.features
        ]
        if not near or near[0].value[0] in days:
            continue
        confidence = probability(weights.get("title", {}), candidate)
        chosen = walk(article, pick, given=Choice(candidate, round(confidence, 3)))
        chosen["date"] = Choice(near[0], chosen["date"].confidence)
        days.add(near[0].value[0])
        titles.append(candidate.value[0])
        readings.append(chosen)
    return readings


def _same_title(a: str, b: str) -> bool:
    """The same event named twice: one name inside the other, or the two mostly alike."""
    short, long = sorted((a.replace(" ", ""), b.replace(" ", "")), key=len)
    if short in long:
        return True
    matcher = difflib.SequenceMatcher(None, short, long, autojunk=False)
    return matcher.real_quick_ratio() >= 0.75 and matcher.quick_ratio() >= 0.75 and matcher.ratio() >= 0.75


def _widened(choice: Choice, dates: Sequence[Candidate]) -> Choice:
    """A day written elsewhere as the first day of a range ("31 มี.ค." and "31 มี.ค.–1 เม.ย."), or inside
    one of at most a week that is no deadline, is that range: the labels take a meeting's span."""
    if choice.candidate is None or choice.candidate.value[1] is not None:
        return choice
    start = choice.candidate.value[0]
    for other in dates:
        if other.value[0] == start and other.value[1] is not None:
            return Choice(replace(choice.candidate, value=other.value), choice.confidence)
    for other in dates:  # "วันนี้ (6 ธ.ค.)" of a meeting "จัดขึ้นตั้งแต่วันที่ 5 – 7 ธ.ค.": a day of that span
        first, last = other.value
        inside = last is not None and first < start <= last and (last - first).days <= WIDEST_SPAN
        if inside and "not_meeting" not in other.features:
            return Choice(replace(choice.candidate, value=other.value), choice.confidence)
    return choice


def assemble(part: Part, chosen: dict[str, Choice]) -> MeetingRecord | None:
    """The record of the chosen values, each with where it came from and how sure the choice was."""
    event = chosen["title"].candidate
    if event is None:
        return None

    def value(name: str) -> Any:
        choice = chosen.get(name)
        return choice.candidate.value if choice and choice.candidate else None

    title, kind = event.value
    start, end = value("date") or (None, None)
    chair, position = value("chair") or (None, None)
    evidence = {
        name: [choice.candidate.start + part.offset, choice.candidate.end + part.offset]
        for name, choice in chosen.items()
        if choice.candidate is not None
    }
    record = MeetingRecord(
        title=title,
        kind=kind,
        start_date=start,
        end_date=end,
        time=value("time"),
        province=value("province"),
        venue=value("venue"),
        chair=chair,
        chair_position=position,
        organizer=value("organizer"),
        attendees=value("attendees"),
        participant_provinces=participant_provinces(part.article),
        province_inferred=_inferred(part.article, chosen.get("province")),
        evidence=evidence,
        confidence={name: choice.confidence for name, choice in chosen.items()},
    )
    return replace(record, summary=summarize(record))


def _inferred(article: Article, choice: Choice | None) -> bool:
    """Whether the province was only implied (by a body, university or venue), never named on its own."""
    if choice is None or choice.candidate is None:
        return False
    named = any(m.province == choice.candidate.value and not m.glued for m in article.places)
    return not named


def participant_provinces(article: Article) -> list[str]:
    """Provinces listed as where attendees came from ("จาก 4 จังหวัด ... ได้แก่ จังหวัดนนทบุรี ...")."""
    text = article.text
    for match in re.finditer(r"(?:ได้แก่|ประกอบด้วย|จาก)\s?(?:\d+\s?จังหวัด)?", text):
        line_end = text.find("\n", match.end())
        end = min(match.end() + 300, line_end if line_end != -1 else len(text))
        names: list[str] = []
        for mention in article.places:
            if (
                match.end() <= mention.position < end
                and mention.how == "explicit"
                and mention.province not in names
            ):
                names.append(mention.province)
        if len(names) >= 2:
            return names
    return []
