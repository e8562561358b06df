"""Substring search on folded Thai text through the trigram indexes each engine has (migrations 0002, 0004).

Three texts are searched: `meeting.search_text` (the extracted fields), `article.search_text` (what
the article says) and `meeting.chair_key` (the chair's position). All are folded the same way
(`news.clean.fold`), so "O-NET" = "onet", "สพฐ." = "สพฐ" and Thai digits = Arabic digits.
"""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from functools import cache
from typing import Any

from sqlalchemy import ColumnElement, and_, column, func, select, table, text
from sqlmodel import col

from news.clean import fold
from news.orgs import ABBREVIATIONS, expand_in_text
from news.places import BANGKOK, COMMON_WORDS, english_names
from store.records import Article, Meeting

TRIGRAM = 3
PROBES = 4  # trigrams asked of the index per term; the exact LIKE check decides
SQLITE_TABLE = "meeting_search"
ARTICLE_TABLE = "article_search"
POSTGRES_INDEX = "ix_meeting_search_trgm"
ARTICLE_INDEX = "ix_article_search_trgm"
CHAIR_INDEX = "ix_meeting_chair_key"
LIVE_INDEXES = "ix_meeting_live_"  # partial covering indexes of live meetings (migration 0010)
_FTS = table(SQLITE_TABLE, column("rowid"), column(SQLITE_TABLE))
_ARTICLE_FTS = table(ARTICLE_TABLE, column("rowid"), column(ARTICLE_TABLE))


def article_key(clean_text: str | None) -> str:
    """The article's text as it is searched: folded, so spacing, dots, case and digits do not matter."""
    return fold(clean_text or "")


# Position and body abbreviations the organisation table (news.orgs) does not write out.
POSITION_WORDS = (
    (r"รมว\.?\s?", "รัฐมนตรีว่าการ "), (r"รมช\.?\s?", "รัฐมนตรีช่วยว่าการ "),
    (r"รอง\s?ผอ\.\s?", "รองผู้อำนวยการ "), (r"ผอ\.\s?", "ผู้อำนวยการ "),
    (r"ผวจ\.?\s?", "ผู้ว่าราชการจังหวัด"), (r"ผู้ว่าฯ\s?|ผู้ว่า(?!ราชการ)\s?", "ผู้ว่าราชการจังหวัด"),
    (r"นายกฯ", "นายกรัฐมนตรี"), (r"(?<![ก-๙])ก\.?ช\.(?![ก-๙])", "คณะกรรมการส่งเสริมการศึกษาเอกชน"),
    (r"(?<![ก-๙])ก\.ค\.ศ\.?", "คณะกรรมการข้าราชการครูและบุคลากรทางการศึกษา"),
)  # fmt: skip
_HEAD_BEFORE_ABBREVIATION = re.compile(
    r"(เลขาธิการ|ผู้อำนวยการ|รัฐมนตรีว่าการ|รัฐมนตรีช่วยว่าการ|ปลัด|ศึกษาธิการ)(?=[ก-ฮ]{1,5}\.)"
)


def chair_key(chair_position: str | None) -> str:
    """The chair's position folded with abbreviations written out ("ผอ.สพป.X" = "ผู้อำนวยการสำนักงาน…X").

    Stored positions and positions typed in a question go through this same function, so a
    question's position can be matched as the start of the stored one.
    """
    text = chair_position or ""
    for pattern, full in POSITION_WORDS:
        text = re.sub(pattern, full, text)
    text = _HEAD_BEFORE_ABBREVIATION.sub(r"\1 ", text)
    return fold(expand_in_text(text))


@cache
def province_names(province: str) -> tuple[str, ...]:
    """How an article may write a province (folded): its Thai name and its English name.

    A name that is also a common word ("เลย", "ตาก") counts only after จังหวัด / จ.
    """
    english = next((e for e, thai in english_names().items() if thai == province), None)
    thai = (f"จังหวัด{province}", f"จ{province}") if province in COMMON_WORDS else (province,)
    if province == BANGKOK:
        thai = ("กรุงเทพ",)
    return tuple(fold(n) for n in (*thai, english) if n)


def contains(term: str, dialect: str, *, broad: bool = False) -> ColumnElement[bool]:
    """`search_text` contains `term`; on SQLite the FTS5 trigram table narrows the rows first.

    PostgreSQL's planner uses the pg_trgm index for LIKE by itself. On SQLite the candidate ids
    drive the query unless the term is `broad` (in more rows than a page needs): then it is checked
    on each row as the start-date index walks, and the walk stops after the page.
    Terms shorter than a trigram cannot use either index and scan.
    """
    if broad and dialect != "sqlite":
        return holds(col(Meeting.search_text), term)
    exact = col(Meeting.search_text).contains(term, autoescape=True)
    if dialect != "sqlite" or len(term) < TRIGRAM or broad:
        return exact
    candidates = select(_FTS.c.rowid).where(_FTS.c[SQLITE_TABLE].op("MATCH")(match_expression(term)))
    return and_(col(Meeting.id).in_(candidates), exact)


def in_article(
    term: str,
    dialect: str,
    *,
    times: int = 1,
    broad: bool = False,
    known: Sequence[int] | None = None,
    walking: bool = False,
) -> ColumnElement[bool]:
    """The meeting's article says `term` (at least `times` times). Terms shorter than a trigram are
    not looked for in article text: without the index they would read every article, and two
    letters match almost anything.

    The query joins the article. A `broad` term (in more articles than a page needs) is checked on
    the joined row as the start-date index walks; a rare one comes from the trigram index first, or
    from the articles already `known` to say it (`articles_saying`), which any planner can use.
    A one-trigram term is read from its posting list for a count, but a page of a question known to
    match hundreds (`walking`) checks the few rows it walks instead of listing every article's id.
    """
    if len(term) < TRIGRAM:
        return col(Meeting.id).is_(None)  # false, in a form both engines accept
    if known is not None and not broad:
        return col(Meeting.article_id).in_(known) if known else col(Meeting.id).is_(None)
    if broad and dialect != "sqlite" and times == 1:
        return holds(col(Article.search_text), term)
    if broad and not walking and not reads_article(term, dialect, times=times):
        # `+ 0`: checked as the start-date or filter index walks, never the driving index
        return (col(Meeting.article_id) + 0).in_(select(_ARTICLE_FTS.c.rowid).where(_one_trigram(term)))
    if broad:
        return _said(term, times)
    return col(Meeting.article_id).in_(
        select(col(Article.id)).where(article_says(term, dialect, times=times))
    )


def reads_article(term: str, dialect: str, *, times: int = 1) -> bool:
    """Whether a `broad` term is checked on the joined article's row (else from the trigram index)."""
    return not (dialect == "sqlite" and len(term) == TRIGRAM and times == 1)


def _one_trigram(term: str) -> ColumnElement[bool]:
    """FTS5 matching a term of exactly one trigram: exact (no LIKE needed), read from one posting list.

    Longer terms are phrases of trigrams whose positions FTS5 must line up, which for a word in most
    articles costs more than checking the article rows a page needs (`broad`).
    """
    return _ARTICLE_FTS.c[ARTICLE_TABLE].op("MATCH")('"' + term.replace('"', '""') + '"')


def joined_article_says(term: str, dialect: str, *, times: int = 1) -> ColumnElement[bool]:
    """The joined article says `term` at least `times` times, checked on its row; on SQLite only for
    the articles the trigram index names (a list read from the index alone, no article row). The
    meetings drive the query: the articles that name a province are many, its unplaced meetings few."""
    if len(term) < TRIGRAM:
        return col(Article.id).is_(None)
    if dialect != "sqlite":
        return _said(term, times)
    # `+ 0`: a filter the planner cannot turn into the driving index
    return and_((col(Article.id) + 0).in_(_indexed_articles(term)), _said(term, times))


def holds(text: Any, term: str) -> ColumnElement[bool]:
    """`text` contains `term`, checked on a row already read: PostgreSQL's strpos scans Thai text
    several times faster than LIKE '%term%' (which steps through it character by character), but
    no index serves it, so it is only for terms too common for the trigram index to help."""
    return func.strpos(text, term) > 0


def estimated(session: Any, term: str, *, articles: bool) -> float:
    """How many meetings (or articles) PostgreSQL's column statistics guess hold `term`. Only the
    shape of a query follows this guess (`holds` or LIKE), never its answer.

    The statistics change only when the table is analysed, so a guess is kept for ESTIMATE_SECONDS:
    a running bot asks about the same words all day, and each guess is a statement to plan.
    """
    name = "article" if articles else "meeting"
    key = (str(session.get_bind().url), name, term)
    kept = _ESTIMATES.get(key)
    if kept is not None and time.monotonic() - kept[1] < ESTIMATE_SECONDS:
        return kept[0]
    explain = f"EXPLAIN (FORMAT JSON) SELECT 1 FROM {name} WHERE search_text LIKE :pattern ESCAPE '\\'"
    plan = session.execute(text(explain), {"pattern": f"%{_escape_like(term)}%"}).scalar_one()
    rows = float(plan[0]["Plan"]["Plan Rows"])
    if len(_ESTIMATES) >= MAX_ESTIMATES:
        _ESTIMATES.clear()
    _ESTIMATES[key] = (rows, time.monotonic())
    return rows


ESTIMATE_SECONDS = 600.0
MAX_ESTIMATES = 10_000
_ESTIMATES: dict[tuple[str, str, str], tuple[float, float]] = {}


def plan_for_these_words(session: Any) -> None:
    """PostgreSQL: plan this transaction's statements for the words they are given.

    psycopg prepares a statement run five times, and PostgreSQL may then plan it once for any words:
    a trigram search ("%onet%") then reads every row (100,000 meetings: 14 -> 230 ms from about the
    tenth time a question of that shape was asked). The worker's claims keep their one plan.
    """
    connection = session.connection()
    if connection.dialect.name != "postgresql":
        return
    transaction = connection.get_transaction()
    if connection.info.get("planned_for_words") is not transaction:
        connection.exec_driver_sql("SET LOCAL plan_cache_mode = force_custom_plan")
        connection.info["planned_for_words"] = transaction


def estimated_rows(session: Any, statement: Any) -> float:
    """How many rows PostgreSQL's planner expects `statement` to return, from its column statistics
    (LIKE '%word%' is weighed on a sample of the texts): planning costs a fraction of a millisecond,
    counting a common word's rows costs thousands of row reads."""
    compiled = statement.compile(
        dialect=session.get_bind().dialect, compile_kwargs={"render_postcompile": True}
    )
    explain = "EXPLAIN (FORMAT JSON) " + compiled.string
    plan = session.connection().exec_driver_sql(explain, compiled.params).scalar_one()
    return float(plan[0]["Plan"]["Plan Rows"])


def _escape_like(term: str) -> str:
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


ONLINE = ("ออนไลน์", "online", "zoom", "ซูม", "ทางไกล", "videoconference", "สื่ออิเล็กทรอนิกส์", "webex", "msteams",
          "googlemeet")  # fmt: skip
# Words written in more than one way in the news, beyond the organisation table.
WORD_FORMS: dict[str, tuple[str, ...]] = {
    "พรบ": ("พรบ", "พระราชบัญญัติ"), "พระราชบัญญัติ": ("พระราชบัญญัติ", "พรบ"),
    "mou": ("mou", "บันทึกข้อตกลง", "บันทึกความเข้าใจ", "บันทึกความร่วมมือ", "ข้อตกลงความร่วมมือ", "ลงนามความร่วมมือ",
            "ลงนามในความร่วมมือ", "memorandumofunderstanding"),
    "ครม": ("ครม", "คณะรัฐมนตรี"), "รร": ("รร", "โรงเรียน"), "มหาลัย": ("มหาลัย", "มหาวิทยาลัย"),
    "onet": ("onet", "โอเน็ต"), "โอเน็ต": ("โอเน็ต", "onet"), "ผอ": ("ผอ", "ผู้อำนวยการ"),
    # a meeting held online is written by the tool or the channel it used
    "ออนไลน์": ONLINE, "online": ONLINE, "ทางไกล": ONLINE, "zoom": ONLINE, "ซูม": ONLINE,
    "แถลงข่าว": ("แถลงข่าว", "แถลง", "pressconference"),
}  # fmt: skip
# Names of bodies and programmes that the news writes in English or in Thai letters alike ("ASEAN
# Education Ministers Meeting", "การประชุมรัฐมนตรีศึกษาอาเซียน"): either finds both.
TRANSLITERATED = {"asean": "อาเซียน", "unesco": "ยูเนสโก", "unicef": "ยูนิเซฟ", "apec": "เอเปค",
                  "seameo": "ซีมีโอ", "pisa": "พิซา", "coding": "โค้ดดิ้ง", "digital": "ดิจิทัล"}  # fmt: skip
for _latin, _thai in TRANSLITERATED.items():
    WORD_FORMS[_latin] = WORD_FORMS[_thai] = (_latin, _thai)


def word_forms(word: str) -> tuple[str, ...]:
    """The folded ways a free word may be written: itself, and its full form when it is an abbreviation."""
    if word in WORD_FORMS:
        return WORD_FORMS[word]
    full = ABBREVIATIONS.get(word)
    return (word, fold(full)) if full else (word,)


def articles_saying(session: Any, term: str, dialect: str, cap: int) -> list[int] | None:
    """The ids of the articles that say `term`, or None when more than `cap` do."""
    if len(term) < TRIGRAM:
        return []
    if dialect == "sqlite" and saying(session, term, cap, articles=True) > cap:
        return None  # the trigram index alone tells: no article row is read
    if dialect != "sqlite" and estimated(session, term, articles=True) > cap:
        return None  # the statistics tell: a common word is checked on the rows a page reads
    statement = select(col(Article.id)).where(article_says(term, dialect))
    ids = [int(i) for i in session.scalars(statement.limit(cap + 1))]
    return None if len(ids) > cap else ids


def said_anywhere(session: Any, term: str) -> bool:
    """Whether any stored article says `term` (a short term: whether any meeting's fields hold it)."""
    dialect = session.get_bind().dialect.name
    if len(term) < TRIGRAM:
        statement = select(col(Meeting.id)).where(contains(term, dialect))
    else:
        statement = select(col(Article.id)).where(article_says(term, dialect))
    return session.scalars(statement.limit(1)).first() is not None


def article_says(term: str, dialect: str, *, times: int = 1) -> ColumnElement[bool]:
    """The article says `term` at least `times` times; on SQLite the articles the trigram index names
    drive the query (unlike `joined_article_says`: here the articles are the fewer side)."""
    if dialect != "sqlite":
        return _said(term, times)
    return and_(col(Article.id).in_(_indexed_articles(term)), _said(term, times))


def _said(term: str, times: int) -> ColumnElement[bool]:
    """The article's text holds `term` `times` times over (LIKE, which PostgreSQL's trigram index serves)."""
    pattern = "%" + "%".join([_escape_like(term)] * times) + "%"
    return col(Article.search_text).like(pattern, escape="\\")


def _indexed_articles(term: str) -> Any:
    """The ids of the articles SQLite's trigram table names for `term` (a superset: LIKE checks)."""
    return select(_ARTICLE_FTS.c.rowid).where(
        _ARTICLE_FTS.c[ARTICLE_TABLE].op("MATCH")(match_expression(term))
    )


def saying(session: Any, term: str, cap: int, *, articles: bool, dialect: str = "sqlite") -> int:
    """How many meetings (or articles) hold `term`'s trigrams, counted up to `cap` + 1; 0 for short terms."""
    if len(term) < TRIGRAM:
        return 0
    if dialect != "sqlite":
        table = Article if articles else Meeting
        says = col(table.search_text).contains(term, autoescape=True)
        found = select(col(table.id)).where(says).limit(cap + 1).subquery()
        return int(session.scalar(select(func.count()).select_from(found)) or 0)
    fts, name = (_ARTICLE_FTS, ARTICLE_TABLE) if articles else (_FTS, SQLITE_TABLE)
    hits = (
        select(fts.c.rowid).where(fts.c[name].op("MATCH")(match_expression(term))).limit(cap + 1).subquery()
    )
    return int(session.scalar(select(func.count()).select_from(hits)) or 0)


def position_is(term: str, dialect: str, *, broad: bool = False) -> ColumnElement[bool]:
    """The chair's position starts with `term`: "รัฐมนตรีว่าการ…" is the minister, "เลขานุการรัฐมนตรี…" is not.

    Both engines read it from the chair_key index (migration 0004): SQLite as a range of keys,
    PostgreSQL's LIKE 'term%' through text_pattern_ops.
    """
    starts = col(Meeting.chair_key).startswith(term, autoescape=True)
    if dialect != "sqlite" or broad:  # a broad one is checked as the start-date index walks
        return starts
    key = col(Meeting.chair_key)
    return and_(key >= term, key < term + "\U0010ffff", starts)


def match_expression(term: str) -> str:
    """An FTS5 query for a few trigrams spread over `term`: long terms cost as little as short ones."""
    grams = [term[i : i + TRIGRAM] for i in range(len(term) - TRIGRAM + 1)]
    if len(grams) > PROBES:
        step = (len(grams) - 1) / (PROBES - 1)
        grams = [grams[round(i * step)] for i in range(PROBES)]
    return " AND ".join('"' + gram.replace('"', '""') + '"' for gram in dict.fromkeys(grams))


def include_object(obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
    """Autogenerate leaves the search indexes alone: they are raw DDL, not part of the models."""
    return not (name or "").startswith(
        (SQLITE_TABLE, POSTGRES_INDEX, ARTICLE_TABLE, ARTICLE_INDEX, CHAIR_INDEX, LIVE_INDEXES)
    )
