"""Answer time over 100,000 generated meetings, on SQLite and (when reachable) PostgreSQL."""

from __future__ import annotations

import random
import resource
import statistics
import tempfile
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import create_engine, insert, text

from handlers.dispatch import answer_text
from news.places import provinces
from store.articles import search_text
from store.db import make_engine, refresh_statistics, session_scope
from store.migrate import upgrade
from store.models import Article, Meeting
from store.search import article_key, chair_key

QUESTIONS = [
    "ประชุมที่สมุทรสาคร", "มีประชุมที่ชุมพรไหมครับ", "สัมมนา มี.ค. 67", "ประชุมเดือนนี้", "ประชุมล่าสุด",
    "นายสมชายเป็นประธานอะไรบ้าง", "อบรมเกิน 500 คน", "ประชุม สพฐ.", "ประชุมปี 2562", "ประชุมเรื่องนวัตกรรม",
    "ประชุมที่หาดใหญ่", "สัมมนาที่เชียงใหม่ปี 2566", "ประชุมที่จะถึง", "ประชุมชี้แจง กทม.",
    "ใครเป็นประธานประชุมชี้แจงวิทยฐานะ", "onet", "ศึกษาธิการจังหวัดเป็นประธานอะไรบ้าง", "อบรมที่ตรังปี 2565",
    "ประชุมเรื่องดาราศาสตร์", "กศน.จัดอบรม",
]  # fmt: skip
# Article texts: a few sentences in the genre, so the article-text index has real work to do.
LEADS = ["สำนักงานศึกษาธิการจังหวัด{p} จัดประชุมเรื่อง{t} ให้ครูและบุคลากรทางการศึกษาในพื้นที่",
         "ผู้บริหารสถานศึกษาใน{p} ร่วมสัมมนาแลกเปลี่ยนเรื่อง{t} เพื่อยกระดับผลสอบ O-NET",
         "กศน.{p} จัดอบรมครูเรื่อง{t} ณ ห้องประชุมโรงเรียน มีผู้เข้าร่วมจำนวนมาก"]  # fmt: skip
KINDS = ["workshop", "seminar", "training", "briefing", "meeting"]
TOPICS = ["นวัตกรรม", "หลักสูตร", "การวัดผล", "ปฐมวัย", "ดิจิทัล", "การอ่าน", "วิทยาการคำนวณ", "ครูแกนนำ"]
NAMES = ["นายสมชาย ใจดี", "นางสาวพิมพ์ชนก ศรีวงศ์", "ดร.วิไล ทองมา", "นายธนพล รัตนกุล"]
ORGS = ["สำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน", "สำนักงานเลขาธิการสภาการศึกษา", "สำนักงานศึกษาธิการจังหวัด"]


def load(engine: Any, count: int, chunk: int = 5_000) -> None:
    """Generated articles and meetings, inserted a chunk at a time so loading stays small in memory."""
    rng = random.Random(11)
    names = provinces()
    now = datetime.now(UTC)
    for first in range(0, count, chunk):
        with engine.begin() as connection:
            article_rows = [_article(rng, names, i, now) for i in range(first, min(count, first + chunk))]
            connection.execute(insert(Article), article_rows)
            ids = [row[0] for row in connection.execute(
                text("select id from article where source like 'gen/%' order by id desc limit :n"),
                {"n": len(article_rows)},
            )]  # fmt: skip
            connection.execute(insert(Meeting), [_meeting(rng, names, article_id, now) for article_id in ids])


def _article(rng: random.Random, names: tuple[str, ...], i: int, now: datetime) -> dict[str, Any]:
    body = rng.choice(LEADS).format(p=rng.choice(names), t=rng.choice(TOPICS))
    body += " " + " ".join(rng.choice(TOPICS) for _ in range(12))
    return {"source": f"gen/{i}.txt", "raw_text": body, "clean_text": body, "content_hash": uuid.uuid4().hex,
            "added_by": "bench", "added_at": now, "search_text": article_key(body)}  # fmt: skip


def _meeting(rng: random.Random, names: tuple[str, ...], article_id: int, now: datetime) -> dict[str, Any]:
    meeting = Meeting(
        article_id=article_id, title=f"การประชุมเรื่อง{rng.choice(TOPICS)} ครั้งที่ {article_id}",
        kind=rng.choice(KINDS), start_date=date(2016, 1, 1) + timedelta(days=rng.randrange(4000)),
        province=rng.choice(names), venue="ห้องประชุมใหญ่", chair=rng.choice(NAMES),
        chair_position="ศึกษาธิการจังหวัด", organizer=rng.choice(ORGS), attendees=rng.randrange(20, 1500),
        summary="สรุปการประชุม", created_at=now,
    )  # fmt: skip
    meeting.search_text = search_text(meeting)
    meeting.chair_key = chair_key(meeting.chair_position)
    return meeting.model_dump(exclude={"id"})


def measure(engine: Any, rounds: int = 3) -> dict[str, float]:
    now = datetime(2026, 11, 23, 9, 0, tzinfo=ZoneInfo("Asia/Bangkok"))
    for question in QUESTIONS:  # tokenizer, dictionary and caches loaded once, as in a running bot
        with session_scope(engine) as session:
            answer_text(question, session=session, now=now)
    timings = []
    by_question: dict[str, float] = {}
    for _ in range(rounds):
        for question in QUESTIONS:
            with session_scope(engine) as session:
                t0 = time.perf_counter()
                answer_text(question, session=session, now=now)
                took = (time.perf_counter() - t0) * 1000
            timings.append(took)
            by_question[question] = max(by_question.get(question, 0.0), took)
    timings.sort()
    slowest = max(by_question, key=lambda q: by_question[q])
    return {"median_ms": statistics.median(timings), "p95_ms": timings[int(len(timings) * 0.95) - 1],
            "slowest": f"{slowest} {by_question[slowest]:.0f} ms"}  # fmt: skip


def run(count: int = 100_000) -> dict[str, Any]:
    results: dict[str, Any] = {"meetings": count}
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(f"sqlite:///{folder}/bench.db")
        upgrade(engine)
        t0 = time.perf_counter()
        load(engine, count)
        refresh_statistics(engine)
        results["sqlite_load_s"] = time.perf_counter() - t0
        results["sqlite"] = measure(engine)
        engine.dispose()
    admin_url = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
    try:
        admin = create_engine(admin_url, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3})
        name = f"prachum_bench_{uuid.uuid4().hex[:8]}"
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as err:
        results["postgresql"] = f"skipped: {type(err).__name__}"
    else:
        engine = make_engine(admin_url.rsplit("/", 1)[0] + "/" + name)
        try:
            upgrade(engine)
            load(engine, count)
            refresh_statistics(engine)
            results["postgresql"] = measure(engine)
        finally:
            engine.dispose()
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    results["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return results
