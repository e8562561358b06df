"""Finding meetings: every filter runs in the database, on SQLite and PostgreSQL alike."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from itertools import combinations
from typing import Literal

from sqlalchemy import ColumnElement, and_, false, func, not_, or_
from sqlmodel import Session, col, select

from store.records import Article, Meeting
from store.search import (
    TRIGRAM,
    article_says,
    articles_saying,
    contains,
    estimated,
    estimated_rows,
    in_article,
    joined_article_says,
    plan_for_these_words,
    position_is,
    province_names,
    reads_article,
    said_anywhere,
    saying,
    word_forms,
)

Order = Literal["relevance", "latest", "upcoming"]


@dataclass(frozen=True)
class MeetingFilter:
    """What a question asks for; every part that is set must hold (AND).

    Text parts are folded (`news.clean.fold`). `people` are names in the meeting's fields;
    `positions` hold alternatives the chair's position must start with; `organizations` hold
    alternatives for a body, found in the fields, the chair's position or the article's text;
    `keywords` are free words, found in the fields or the article's text.
    """

    provinces: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    date_from: date | None = None
    date_to: date | None = None
    people: tuple[str, ...] = ()
    organizations: tuple[tuple[str, ...], ...] = ()
    keywords: tuple[str, ...] = ()
    min_attendees: int | None = None
    max_attendees: int | None = None
    order: Order = "relevance"
    positions: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True)
class Found:
    """A page of matches, how many match (capped), the free words no meeting had (set aside), and
    whether no meeting held every free word, so these hold the most of them (`ranked`)."""

    rows: list[tuple[Meeting, str]]
    total: int
    set_aside: tuple[str, ...] = ()
    ranked: bool = False


@dataclass(frozen=True)
class Breadth:
    """Which text terms more meetings (`fields`) or articles (`text`) hold than a page needs, and
    whether the whole question is that broad: those are checked row by row as the start-date
    index walks, the rest come from the trigram indexes first (store.search)."""

    fields: frozenset[str] = frozenset()
    text: frozenset[str] = frozenset()
    question: bool = False
    articles: tuple[tuple[str, tuple[int, ...]], ...] = ()  # the articles that say each rarer form


def _breadth(session: Session, f: MeetingFilter, dialect: str) -> Breadth:
    """Which words the meetings' fields hold too often for the trigram index to help. SQLite counts
    the index's hits; PostgreSQL's statistics guess (a broad word is then checked with strpos, which
    its planner cannot weigh, so only a word it too thinks common is). The article's text sits
    behind a join no planner can weigh, so both engines look that up first (`_with_articles`)."""
    fields = {*f.people, *_text_forms(f)}
    if dialect != "sqlite":
        return Breadth(frozenset(w for w in fields if estimated(session, w, articles=False) > COUNT_CAP))
    return Breadth(frozenset(w for w in fields if saying(session, w, COUNT_CAP, articles=False) > COUNT_CAP))


def _text_forms(f: MeetingFilter) -> set[str]:
    return {w for names in f.organizations for w in names} | {w for k in f.keywords for w in word_forms(k)}


def _with_articles(session: Session, f: MeetingFilter, dialect: str, breadth: Breadth) -> Breadth:
    """Which articles say each text form: a list when few do, `text` (broad) when many do."""
    broad: set[str] = set()
    known: list[tuple[str, tuple[int, ...]]] = []
    for form in sorted(_text_forms(f)):
        ids = articles_saying(session, form, dialect, COUNT_CAP)
        if ids is None:
            broad.add(form)
        else:
            known.append((form, tuple(ids)))
    return replace(breadth, text=frozenset(broad), articles=tuple(known))


def _conditions(
    f: MeetingFilter,
    dialect: str,
    *,
    breadth: Breadth = Breadth(),
    unplaced: tuple[int | None, ...] = (),
    text: bool = True,
    walking: bool = False,
) -> list[ColumnElement[bool]]:
    """What must hold. With `text`, bodies and free words may be found in the article's text and a
    meeting with no province may be placed by its article (`unplaced`); without, only the meeting's
    own fields count (the chair's position is one of them). `walking`: for a page of a question
    that matches more than COUNT_CAP meetings (`in_article`)."""
    conditions = _understood(f, dialect, breadth=breadth, unplaced=unplaced if text else ())
    for alternatives in f.organizations:
        conditions.append(_found(alternatives, dialect, breadth=breadth, text=text, walking=walking))
    for keyword in f.keywords:
        conditions.append(_found(word_forms(keyword), dialect, breadth=breadth, text=text, walking=walking))
    return conditions


def _found(
    forms: tuple[str, ...], dialect: str, *, breadth: Breadth, text: bool, walking: bool = False
) -> ColumnElement[bool]:
    known = dict(breadth.articles)
    said = [w for w in forms if known.get(w) != ()] if text else []  # a form no article says adds nothing
    # On PostgreSQL one form checked row by row makes the whole alternative a row check: no index serves it
    row_checked = dialect != "sqlite" and (
        any(w in breadth.fields for w in forms) or any(w in breadth.text for w in said)
    )
    in_fields = [contains(w, dialect, broad=row_checked or w in breadth.fields) for w in forms]
    in_text = [
        in_article(w, dialect, broad=w in breadth.text, known=known.get(w), walking=walking) for w in said
    ]
    return or_(*in_fields, *in_text)


def _understood(
    f: MeetingFilter, dialect: str, *, breadth: Breadth, unplaced: tuple[int | None, ...]
) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = [col(Meeting.deleted) == false()]
    if f.provinces:
        placed = col(Meeting.province).in_(f.provinces)
        conditions.append(or_(placed, col(Meeting.id).in_(unplaced)) if unplaced else placed)
    if f.kinds:
        conditions.append(col(Meeting.kind).in_(f.kinds))
    conditions.extend(_overlapping(f.date_from, f.date_to, dialect))
    for person in f.people:
        conditions.append(contains(person, dialect, broad=person in breadth.fields))
    for alternatives in f.positions:
        conditions.append(or_(*(position_is(a, dialect, broad=breadth.question) for a in alternatives)))
    if f.min_attendees is not None:
        conditions.append(col(Meeting.attendees) >= _storable(f.min_attendees))
    if f.max_attendees is not None:
        conditions.append(col(Meeting.attendees) <= _storable(f.max_attendees))
    return conditions


def _storable(number: int) -> int:
    """A bound both engines can compare with (64-bit); past it every stored count is on one side."""
    return max(-(2**63), min(number, 2**63 - 1))


UNPLACED_LIMIT = 200


def _unplaced(session: Session, provinces: tuple[str, ...], dialect: str) -> tuple[int | None, ...]:
    """Meetings extraction found no province for, whose article names one asked for (twice at least:
    once may be a person's name or a passing mention). Looked up first, so the main query keeps
    its province index."""
    if not provinces:
        return ()
    if session.exec(select(col(Meeting.id)).where(col(Meeting.province).is_(None)).limit(1)).first() is None:
        return ()  # every meeting is placed: one probe of the province index
    names = [name for province in provinces for name in province_names(province)]
    named = or_(*(joined_article_says(name, dialect, times=2) for name in names))
    statement = select(col(Meeting.id)).join(Article).where(col(Meeting.province).is_(None), named)
    return tuple(session.exec(statement.limit(UNPLACED_LIMIT)))


MISPLACED_TIMES = 3  # an article naming a province this often, and more than the one stored, is held there


def _misplaced(session: Session, provinces: tuple[str, ...], *, dialect: str) -> tuple[int | None, ...]:
    """Meetings stored in another province whose article names one asked for at least three times and
    more often than the stored one: extraction most likely took a participant's or a guest's province.
    Asked only when a province's question found nothing."""
    names = [name for province in provinces for name in province_names(province)]
    named = or_(*(article_says(name, dialect, times=2) for name in names))  # few articles, many meetings
    statement = (
        select(col(Meeting.id), col(Meeting.province), col(Article.search_text))
        .join(Article)
        .where(col(Meeting.province).is_not(None), col(Meeting.province).not_in(provinces), named)
        .limit(UNPLACED_LIMIT)
    )
    found: list[int | None] = []
    for meeting_id, stored, text in session.exec(statement):
        asked = sum(text.count(name) for name in names)
        held = sum(text.count(name) for name in province_names(stored or ""))
        if asked >= MISPLACED_TIMES and asked > held:
            found.append(meeting_id)
    return tuple(found)


MAX_SPAN = timedelta(days=92)  # the longest a meeting runs; a programme longer than a quarter is not one


def _overlapping(first: date | None, last: date | None, dialect: str) -> list[ColumnElement[bool]]:
    """Meetings that take place on some day from `first` to `last`: begun in the window, or begun at
    most MAX_SPAN before it and still running on `first`.

    Ranges of the start date, so the (province, start) and (kind, start) indexes serve them; the end
    date only filters. SQLite walks one range fastest. PostgreSQL is given the two ranges apart: it
    guessed one range "or ended after `first`" twenty times too rare, and then read every meeting of
    a month and its article before sorting them (100,000 meetings: 9 ms against 0.6 for a page).
    """
    start, end = col(Meeting.start_date), col(Meeting.end_date)
    if first is None:
        return [] if last is None else [start <= last]
    earliest = first - MAX_SPAN if first - date.min > MAX_SPAN else first
    if dialect == "sqlite":
        began = start >= earliest if last is None else start.between(earliest, last)
        return [began, or_(start >= first, end >= first)]
    began_in = start >= first if last is None else start.between(first, last)
    return [or_(began_in, and_(start >= earliest, start < first, end >= first))]


MAX_NAME = 60
COUNT_CAP = 300  # "more than 300" is all a chat reply needs (30 pages); counting further costs time


CERTAIN = 10  # a planner's guess this many times COUNT_CAP is taken as "more than COUNT_CAP"


def _count(
    session: Session,
    where: ColumnElement[bool],
    *,
    article: bool = True,
    guess: ColumnElement[bool] | None = None,
) -> int:
    """How many meetings match, up to COUNT_CAP + 1; `article` when `where` reads the joined article.

    On PostgreSQL `guess` is the same filter written so the planner can weigh it (LIKE, not strpos):
    when its statistics expect CERTAIN times more rows than the cap, the count is "more than the cap"
    without reading the thousand-odd rows that would show it (a common word in a third of the articles).
    """
    statement = select(col(Meeting.id))
    statement = statement.join(Article) if article else statement
    if guess is not None and estimated_rows(session, statement.where(guess)) > CERTAIN * COUNT_CAP:
        return COUNT_CAP + 1
    matching = statement.where(where).limit(COUNT_CAP + 1).subquery()
    return int(session.exec(select(func.count()).select_from(matching)).one())


def find_meetings(
    *,
    session: Session,
    query: MeetingFilter,
    today: date,
    limit: int = 12,
    offset: int = 0,
    placed: tuple[int | None, ...] = (),
) -> tuple[list[tuple[Meeting, str]], int]:
    """The page of matching meetings with their article's source, and how many match (capped).

    Every part of the filter must hold. Meetings whose own fields hold the body, free words and
    province asked for come first, then those found through their article's text. Free words
    found in some meeting's fields keep to those meetings (an article that only mentions a topic
    is not about it), unless a word is a chair's name (an article that mentions a person counts).
    """
    dialect = session.get_bind().dialect.name
    plan_for_these_words(session)
    unplaced = (*_unplaced(session, query.provinces, dialect), *placed)  # `placed`: by their article
    breadth = _breadth(session, query, dialect)

    def fields_only(b: Breadth) -> ColumnElement[bool]:
        return and_(*_conditions(query, dialect, breadth=b, text=False))

    # On PostgreSQL a count that must read thousands of rows is first weighed by the planner: a common
    # word when words (a body, a person's name, free words) are all the question asks (a guess for words
    # and other filters would assume them unrelated), or columns alone (province, kind, dates,
    # head-count), which its statistics describe
    words_only = not _has_filter(replace(query, organizations=(), people=()))
    columns_only = not (query.keywords or query.organizations or query.people or query.positions)
    weighed = dialect != "sqlite" and (words_only or columns_only)
    guess = fields_only(Breadth()) if weighed and (breadth.fields or columns_only) else None
    in_fields = _count(session, fields_only(breadth), article=False, guess=guess)
    if guess is not None and in_fields > COUNT_CAP:
        rows = _page(session, fields_only(replace(breadth, question=True)), query, today, limit, offset)
        if len(rows) == limit:
            return rows, in_fields
        in_fields = _count(session, fields_only(breadth), article=False)  # a short page: the guess was wrong
    if in_fields > COUNT_CAP:
        breadth = replace(breadth, question=True)
    if not (query.organizations or query.keywords or unplaced):
        return _page(session, fields_only(breadth), query, today, limit, offset), in_fields
    keep_to_fields = (
        bool(query.keywords) and in_fields > 0 and not _names_a_chair(session, query, dialect, breadth)
    )
    if keep_to_fields or in_fields > COUNT_CAP:  # the article's text cannot change the page or the count
        return _page(session, fields_only(breadth), query, today, limit, offset), in_fields
    breadth = _with_articles(session, query, dialect, breadth)
    if not unplaced and not breadth.text and not any(ids for _, ids in breadth.articles):
        rows = _page(session, fields_only(breadth), query, today, limit, offset) if in_fields else []
        return rows, in_fields  # no article says a word the fields lack: the fields are the answer
    where = and_(*_conditions(query, dialect, breadth=breadth, unplaced=unplaced))
    as_written = Breadth(articles=breadth.articles)  # every word in LIKE form, which the planner weighs
    common = weighed and (breadth.fields or breadth.text)
    guess = and_(*_conditions(query, dialect, breadth=as_written, unplaced=unplaced)) if common else None
    total = _count(session, where, article=any(reads_article(w, dialect) for w in breadth.text), guess=guess)
    if total == 0:
        return [], 0
    if total > COUNT_CAP:
        where = and_(*_conditions(query, dialect, breadth=breadth, unplaced=unplaced, walking=True))
    fields = fields_only(breadth)
    if in_fields >= total:
        return _page(session, fields, query, today, limit, offset), total
    rows = _page(session, fields, query, today, limit, offset) if offset < in_fields else []
    if len(rows) < limit:
        rest = and_(where, not_(func.coalesce(fields, false())))  # NULL (no province) is "not in the fields"
        rows += _page(session, rest, query, today, limit - len(rows), max(0, offset - in_fields))
    if guess is not None and total > COUNT_CAP and len(rows) < limit:  # a short page: the guess was wrong
        total = _count(session, where, article=any(reads_article(w, dialect) for w in breadth.text))
    return rows, total


def _names_a_chair(session: Session, query: MeetingFilter, dialect: str, breadth: Breadth) -> bool:
    """Whether a free word is some chair's name: then an article that mentions the person counts too.

    Words of the Thai dictionary (pythainlp's, shipped in its wheel) are topics, not names.
    """
    from pythainlp.corpus.common import thai_words

    dictionary = thai_words()
    words = [
        and_(contains(k, dialect, broad=k in breadth.fields), col(Meeting.chair).contains(k, autoescape=True))
        for k in query.keywords
        if len(k) >= 3 and not k.isascii() and k not in dictionary
    ]
    if not words:
        return False
    a_name = func.length(col(Meeting.chair)) <= MAX_NAME  # longer is a sentence extraction took for a name
    where = and_(*_conditions(query, dialect, breadth=breadth, text=False), or_(*words), a_name)
    return session.exec(select(col(Meeting.id)).where(where).limit(1)).first() is not None


def search_meetings(
    *,
    session: Session,
    query: MeetingFilter,
    today: date,
    limit: int = 12,
    offset: int = 0,
    misplaced: bool = True,
) -> Found:
    """Like `find_meetings`, but free words never empty an answer: those no matching meeting
    contains are set aside, and the answer is what the rest of the question finds.

    Meetings whose English names sound like the question's Thai names ("ตรีนุช" and "Treenuch",
    `news.sound`) come first. With `misplaced`, a province question that found nothing also finds the
    meetings stored elsewhere whose article names the province (`_misplaced`)."""
    plan_for_these_words(session)
    heard = _heard(session, query, today)
    if heard:
        page = heard[offset : offset + limit]
        rows, total = find_meetings(
            session=session,
            query=query,
            today=today,
            limit=limit - len(page),
            offset=max(0, offset - len(heard)),
        )
        known = {meeting.id for meeting, _ in heard}
        return Found([*page, *(row for row in rows if row[0].id not in known)], total + len(heard))
    rows, total = find_meetings(session=session, query=query, today=today, limit=limit, offset=offset)
    if not total and (query.people or query.positions):
        rows, total = _named_in_text(session, query, today, limit, offset)
    elif query.people:
        rows, total = _with_unchaired(session, query, today, (rows, total), limit, offset)
    if not total and query.provinces and misplaced:
        elsewhere = _misplaced(session, query.provinces, dialect=session.get_bind().dialect.name)
        if elsewhere:
            rows, total = find_meetings(
                session=session, query=query, today=today, limit=limit, offset=offset, placed=elsewhere
            )
    if total or not query.keywords:
        return Found(rows, total)
    parts = _glued_parts(query.keywords)
    if parts != query.keywords:  # "ลูกเสือสัญจร" as one word found nothing: its words, wherever they stand
        split = replace(query, keywords=parts)
        rows, total = find_meetings(session=session, query=split, today=today, limit=limit, offset=offset)
        if total:
            return Found(rows, total)
    return _most_words(session, query, today, limit, offset)


def _glued_parts(words: tuple[str, ...]) -> tuple[str, ...]:
    """Each Thai word glued from dictionary words ("ลูกเสือสัญจร") as those words; the reading keeps
    such a run whole, as it may be a name ("จำปาทอง"), so this runs only when the whole found nothing."""
    from news.text import split_words
    from news.wordcut import words as dictionary

    known = dictionary()[0]
    out: list[str] = []
    for word in words:
        parts = split_words(word, keep_whitespace=False) if re.fullmatch(r"[ก-๙]{6,}", word) else [word]
        whole = len(parts) > 1 and all(len(p) >= 3 and p in known for p in parts)
        out.extend(p for p in (parts if whole else [word]) if p not in out)
    return tuple(out)


MAX_RANKED = 4  # free words whose combinations are tried; of more, the rarest


def _most_words(session: Session, query: MeetingFilter, today: date, limit: int, offset: int) -> Found:
    """No meeting holds every free word: the meetings holding the most of them, then those holding
    other words together, each group once ("ลูกเสือ โรงเรียนขนาดเล็ก": the scouts' meetings and the
    small schools'). Words no meeting holds are set aside; a name found alone is kept in every
    combination (without it the answer would be about everyone); short Thai words rank only when all
    are short. Only a question that found nothing runs these counts."""
    words = query.keywords
    alone = (
        {k: _matches(session, replace(query, keywords=(k,)), today) for k in words} if len(words) > 1 else {}
    )
    set_aside = tuple(k for k in words if not alone.get(k))
    if _known_name(session, set_aside) or _a_chairs_name(session, set_aside):
        return Found([], 0)  # "ตรีนุช ปี 64": the person asked about has no meeting there
    found = [k for k in words if alone.get(k)]
    names = tuple(k for k in found if _name_like((k,)))
    others = _major([k for k in found if k not in names])
    if len(others) > MAX_RANKED:  # the words fewest meetings hold say most about what is asked
        rarest = set(sorted(others, key=lambda k: alone[k])[:MAX_RANKED])
        others = [k for k in others if k in rarest]
    ranking = len(found) - len(names)  # the words that found something, names aside
    largest = len(others) if set_aside or len(others) < ranking else len(others) - 1  # all together: none
    held: list[tuple[MeetingFilter, int]] = []
    kept: list[set[str]] = []
    for size in range(largest, -1 if names else 0, -1):  # no words at all is not a combination
        for chosen in combinations(others, size):
            if any(set(chosen) <= bigger for bigger in kept):
                continue  # its meetings hold more words: already in
            trial = replace(query, keywords=tuple(k for k in words if k in names or k in chosen))
            one = len(trial.keywords) == 1
            total = alone.get(trial.keywords[0], 0) if one else _matches(session, trial, today)
            if total:
                held.append((trial, total))
                kept.append(set(chosen))
        if names and held:
            break  # a name's meetings: those holding the most words with it
    if held:
        found_page = _tier_page(session, held, today, limit, offset, set_aside)
        return replace(found_page, ranked=len(kept) > 1 or len(kept[0]) < ranking)
    if names:
        return Found([], 0)  # the people asked about have no meeting together
    if not _has_filter(replace(query, keywords=())):
        return Found([], 0, set_aside)
    relaxed = replace(query, keywords=())
    rows, total = find_meetings(session=session, query=relaxed, today=today, limit=limit, offset=offset)
    return Found(rows, total, set_aside)


MINOR = 4  # Thai words shorter than this are most often syllables of a longer word ("หุ่นยนต์ใต้น้ำ")


def _major(words: list[str]) -> list[str]:
    """The words that rank: a short Thai word ("ใต้", "น้ำ") held by many meetings would bring them
    all in, so it ranks only when every word is short."""
    major = [w for w in words if len(w) >= MINOR or not re.fullmatch(r"[ก-๙]+", w)]
    return major or words


def _matches(session: Session, query: MeetingFilter, today: date) -> int:
    return find_meetings(session=session, query=query, today=today, limit=0)[1]


def _tier_page(
    session: Session,
    tier: list[tuple[MeetingFilter, int]],
    today: date,
    limit: int,
    offset: int,
    set_aside: tuple[str, ...],
) -> Found:
    """The meetings of each combination in turn. No meeting matches two of them (it would hold the
    words of both, a combination no meeting matches), so the counts add up."""
    rows: list[tuple[Meeting, str]] = []
    skip = offset
    for trial, total in tier:
        if skip >= total:
            skip -= total
            continue
        if len(rows) >= limit:
            break
        page, _ = find_meetings(
            session=session, query=trial, today=today, limit=limit - len(rows), offset=skip
        )
        rows += page
        skip = 0
    return Found(rows, sum(total for _, total in tier), set_aside)


HEARD_LIMIT = 50


def _heard(session: Session, query: MeetingFilter, today: date) -> list[tuple[Meeting, str]]:
    """Meetings with English names that sound like every Thai name and free word asked, when each
    word is long enough to have a sound key; their fields carry the keys (`news.sound.latin_marks`)."""
    from news.sound import thai_marks

    words = (*query.people, *query.keywords)
    marks = [thai_marks(word) for word in words]
    if not words or not all(marks) or not (query.people or _names(words)):
        return []  # dictionary words alone are topics ("นวัตกรรม"), not names: no extra query for them
    sounded = replace(query, people=(), keywords=(), organizations=(*query.organizations, *marks))
    dialect = session.get_bind().dialect.name
    where = and_(*_conditions(sounded, dialect, text=False))
    return _page(session, where, sounded, today, HEARD_LIMIT, 0)


def _name_like(words: tuple[str, ...]) -> bool:
    """Whether a word is most likely a person's name: Thai, four letters or more, no letter typed three
    times over, and not in the dictionary. Such a word is never set aside: without it the answer
    would be about everyone."""
    thai = tuple(
        w for w in words if len(w) >= 4 and re.fullmatch(r"[ก-๙]+", w) and not re.search(r"(.)\1\1", w)
    )
    return bool(thai and _names(thai))


def _known_name(session: Session, words: tuple[str, ...]) -> bool:
    """Whether a word is most likely the name of a person some article names. A word no article says
    is set aside like any other ("ไตรมาสแรก ปี 2563" is answered with 2563): the question is then
    about no one the bot has read of."""
    return any(_name_like((word,)) and said_anywhere(session, word) for word in words)


def _a_chairs_name(session: Session, words: tuple[str, ...]) -> bool:
    """Whether some stored chair is called by one of these words ("ประเสริฐ" is a word and a name):
    asked only when a question found nothing, through the trigram index."""
    dialect = session.get_bind().dialect.name
    thai = [w for w in words if len(w) >= TRIGRAM and re.fullmatch(r"[ก-๙]+", w)]
    named = [and_(contains(w, dialect), col(Meeting.chair).contains(w, autoescape=True)) for w in thai]
    return (
        bool(named) and session.exec(select(col(Meeting.id)).where(or_(*named)).limit(1)).first() is not None
    )


def _names(words: tuple[str, ...]) -> set[str]:
    """The words pythainlp's dictionary does not hold; it is loaded only for a question that needs it,
    so a fresh `prachum ask` without free words never pays for it."""
    from pythainlp.corpus.common import thai_words

    return set(words) - thai_words()


def _named_in_text(
    session: Session, query: MeetingFilter, today: date, limit: int, offset: int
) -> tuple[list[tuple[Meeting, str]], int]:
    """People and positions no meeting's fields name, looked for in what the articles say: extraction
    misses some chairs, and the official asking still means the meeting whose article names them."""
    in_text = replace(
        query,
        people=(),
        positions=(),
        keywords=(*query.keywords, *query.people),
        organizations=(*query.organizations, *query.positions),
    )
    return find_meetings(session=session, query=in_text, today=today, limit=limit, offset=offset)


def _with_unchaired(
    session: Session,
    query: MeetingFilter,
    today: date,
    found: tuple[list[tuple[Meeting, str]], int],
    limit: int,
    offset: int,
) -> tuple[list[tuple[Meeting, str]], int]:
    """After the meetings whose fields name the person asked, those extraction found no chair for whose
    article names them: most likely the chair extraction missed. (Not for positions: articles name
    the posts of those who only attended far more often than their names.)"""
    rows, total = found
    if len(rows) >= limit:  # they would come after this page: not looked for while it is full
        return rows, total
    # as bodies, not free words: a name that is also a word ("ศรีวิชัย") is not kept to the fields
    said = replace(query, people=(), organizations=(*query.organizations, *((p,) for p in query.people)))
    named, _ = find_meetings(session=session, query=said, today=today, limit=HEARD_LIMIT)
    extra = [
        (meeting, source)
        for meeting, source in named
        if not meeting.chair and not any(p in meeting.search_text for p in query.people)
    ]
    if not extra:
        return rows, total
    start = max(0, offset - total)
    return [*rows, *extra[start : start + limit - len(rows)]], total + len(extra)


def _has_filter(f: MeetingFilter) -> bool:
    """Whether anything but free words narrows the search."""
    counts = (f.min_attendees, f.max_attendees)
    return any([f.provinces, f.kinds, f.date_from, f.date_to, f.people, f.organizations, f.positions,
                any(n is not None for n in counts), f.order != "relevance"])  # fmt: skip


def _page(
    session: Session, where: ColumnElement[bool], query: MeetingFilter, today: date, limit: int, offset: int
) -> list[tuple[Meeting, str]]:
    """One page in the question's order; each ordering walks the start-date indexes and stops after
    the page, so a question that matches most of the table costs no more than one that matches a few."""
    base = select(Meeting, Article.source).join(Article).where(where)
    start, newest_id = col(Meeting.start_date), col(Meeting.id).desc()
    undated = base.where(start.is_(None)).order_by(newest_id)
    first = query.date_from or date.min
    if query.order == "latest":
        statements = [base.where(start.is_not(None)).order_by(start.desc(), newest_id), undated]
    elif query.order == "upcoming":
        statements = [base.where(start >= first).order_by(start.asc(), col(Meeting.id)), undated]
        if query.date_from is not None:  # meetings already under way come first
            began = func.coalesce(start, query.date_from)  # not indexable: the end-date index leads
            under_way = and_(began < query.date_from, col(Meeting.end_date) >= query.date_from)
            ending = col(Meeting.end_date).asc()
            statements.insert(0, base.where(under_way).order_by(ending, col(Meeting.id)))
    else:
        before = today if query.date_to is None else min(today, query.date_to + timedelta(days=1))
        statements = [
            base.where(start >= today).order_by(start.asc(), newest_id),
            base.where(start < before).order_by(start.desc(), newest_id),
            undated,
        ]
    wanted = offset + limit
    if query.order == "relevance":
        rows = [row for statement in statements for row in session.exec(statement.limit(wanted))]
        rows.sort(key=lambda row: _closeness(row[0], today))
    else:
        rows = []
        for statement in statements:
            rows.extend(session.exec(statement.limit(wanted - len(rows))))
            if len(rows) >= wanted:
                break
    return [(meeting, source) for meeting, source in rows[offset:wanted]]


def _closeness(meeting: Meeting, today: date) -> tuple[bool, int, int]:
    """Dated before undated, nearest to today first, then the newest stored."""
    days = abs((meeting.start_date - today).days) if meeting.start_date else 0
    return (meeting.start_date is None, days, -(meeting.id or 0))


def provinces_with_meetings(*, session: Session) -> dict[str, int]:
    statement = (
        select(Meeting.province, func.count())
        .where(col(Meeting.deleted) == false(), col(Meeting.province).is_not(None))
        .group_by(Meeting.province)
    )
    return {province: int(count) for province, count in session.exec(statement) if province}


def list_meetings(*, session: Session, limit: int = 200) -> list[tuple[Meeting, str]]:
    statement = (
        select(Meeting, Article.source)
        .join(Article)
        .where(col(Meeting.deleted) == false())
        .order_by(col(Meeting.start_date).desc(), col(Meeting.id).desc())
        .limit(limit)
    )
    return [(meeting, source) for meeting, source in session.exec(statement).all()]
