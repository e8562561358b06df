"""A digest for 100,000 subscribers over 50 filter sets, sent to a fake LINE API on loopback."""

from __future__ import annotations

import random
import resource
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import insert

from bot.digest import run_digest
from bot.line import make_line_client
from bot.settings import Settings
from news.places import provinces
from news.record import MeetingRecord
from store.articles import add_article
from store.db import make_engine, session_scope
from store.migrate import upgrade
from store.models import Subscriber

TOKEN = "bench-token-" + "x" * 20
KINDS = ["workshop", "seminar", "training", "briefing", "meeting"]


def filter_sets(count: int) -> list[list[dict[str, object]]]:
    names = provinces()
    sets: list[list[dict[str, object]]] = [[{}]]
    for i in range(count - 1):
        follow: dict[str, object] = {"provinces": [names[i % len(names)]], "label": names[i % len(names)]}
        if i >= len(names):
            follow["kinds"] = [KINDS[i % len(KINDS)]]
        sets.append([follow])
    return sets


def load(engine: Any, subscribers: int, sets: list[list[dict[str, object]]], since: datetime) -> None:
    rng = random.Random(5)
    names = provinces()
    with session_scope(engine) as session:
        for i in range(300):
            record = MeetingRecord(
                title=f"การประชุมทดสอบครั้งที่ {i}", province=names[i % len(names)], kind=rng.choice(KINDS),
                start_date=date(2026, 12, 1) + timedelta(days=i % 30),
            )  # fmt: skip
            add_article(session, source=f"https://news.example/{i}", raw_text=f"ข่าว {i}", records=[record])
    with engine.begin() as connection:  # in chunks, so the set-up does not set the peak memory
        for start in range(0, subscribers, 10_000):
            rows = [
                {"line_id": f"U{i:032x}", "chat_type": "user", "active": True, "filters": sets[i % len(sets)],
                 "subscribed_at": since, "last_digest_at": None}
                for i in range(start, min(start + 10_000, subscribers))
            ]  # fmt: skip
            connection.execute(insert(Subscriber), rows)


def run(subscribers: int = 100_000, sets: int = 50) -> dict[str, Any]:
    from fakeline.server import running_fake_line

    results: dict[str, Any] = {"subscribers": subscribers, "filter_sets": sets}
    since = datetime.now(UTC) - timedelta(hours=1)
    with tempfile.TemporaryDirectory() as folder, running_fake_line(TOKEN) as fake:
        engine = make_engine(f"sqlite:///{folder}/digest.db")
        upgrade(engine)
        load(engine, subscribers, filter_sets(sets), since)
        settings = Settings(line_channel_access_token=TOKEN, line_api_host=fake.base_url)  # type: ignore[arg-type]
        line = make_line_client(settings)
        assert line is not None
        results["rss_before_run_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
        t0 = time.perf_counter()
        report = run_digest(engine, line, now=datetime.now(UTC), sleep=lambda _: None)
        results["wall_s"] = round(time.perf_counter() - t0, 2)
        line.close()
        engine.dispose()
        results.update(
            requests=report.requests, recipients=report.recipients, messages=report.messages,
            failures=len(report.failures), line_accepted=len(fake.sends()), problems=len(fake.problems),
        )  # fmt: skip
    results["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return results
