"""A small world for digest tests: meetings stored at known times, subscribers, a real LINE client."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import Engine
from sqlmodel import select

from news.record import MeetingRecord
from store.articles import add_article
from store.db import session_scope
from store.models import Meeting, Subscriber

T0 = datetime(2026, 11, 20, 0, 0, tzinfo=UTC)


STORED = T0 + timedelta(hours=12)


def add_meeting(engine: Engine, title: str, *, province: str = "ตรัง", kind: str = "meeting",
                stored: datetime = STORED, start: date = date(2026, 12, 1)) -> int:  # fmt: skip
    record = MeetingRecord(title=title, province=province, kind=kind, start_date=start)
    with session_scope(engine) as session:
        result = add_article(
            session, source=f"https://news.example/{title}", raw_text=title, records=[record]
        )
        meeting = result.meetings[0]
        meeting.created_at = stored
        return meeting.id or 0


def subscribe(engine: Engine, line_id: str, *follows: dict[str, Any], chat_type: str = "user",
              since: datetime = T0) -> None:  # fmt: skip
    with session_scope(engine) as session:
        session.add(
            Subscriber(line_id=line_id, chat_type=chat_type, filters=list(follows), subscribed_at=since)
        )


def province(name: str) -> dict[str, Any]:
    return {"provinces": [name], "label": f"จังหวัด{name}"}


EVERYTHING: dict[str, Any] = {}


def meeting_bubbles(message: dict[str, Any]) -> list[dict[str, Any]]:
    """A carousel's meeting cards, without the last card of buttons (the quick replies again, for PC)."""
    bubbles: list[dict[str, Any]] = message["contents"]["contents"]
    if bubbles and bubbles[-1]["body"]["contents"][0].get("text") == "ตัวเลือกเพิ่มเติม":
        return bubbles[:-1]
    return bubbles


def delivered(sends: list[tuple[str, dict[str, Any]]]) -> Counter[tuple[str, str]]:
    """(recipient, meeting title) for every bubble LINE accepted."""
    counts: Counter[tuple[str, str]] = Counter()
    for _path, body in sends:
        recipients = body["to"] if isinstance(body["to"], list) else [body["to"]]
        for message in body["messages"]:
            for bubble in meeting_bubbles(message):
                title = bubble["body"]["contents"][1]["text"]
                for recipient in recipients:
                    counts[(recipient, title)] += 1
    return counts


def titles_of(engine: Engine) -> dict[int, str]:
    with session_scope(engine) as session:
        return {m.id or 0: m.title for m in session.exec(select(Meeting))}
