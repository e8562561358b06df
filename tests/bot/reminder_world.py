"""A small world for reminder runs: meetings on known days, chats that asked to be reminded, what LINE got."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Engine

from store.admin import correct_meeting, delete_meeting, live_meeting
from store.db import session_scope
from store.models import Meeting
from store.reminders import add_reminder

BANGKOK = ZoneInfo("Asia/Bangkok")
EVE = datetime(2026, 11, 30, 16, 0, tzinfo=BANGKOK)  # REMINDER_TIME the day before 1 December
TOMORROW = date(2026, 12, 1)


def remind(engine: Engine, line_id: str, meeting_id: int, *, chat_type: str = "user") -> None:
    with session_scope(engine) as session:
        meeting = session.get(Meeting, meeting_id)
        assert meeting is not None
        add_reminder(session, line_id, chat_type, meeting, now=EVE - timedelta(days=5))


def move(engine: Engine, meeting_id: int, start: date) -> None:
    with session_scope(engine) as session:
        meeting = live_meeting(session, meeting_id, for_update=True)
        assert meeting is not None
        correct_meeting(session, meeting, {"start_date": start})


def delete(engine: Engine, meeting_id: int) -> None:
    with session_scope(engine) as session:
        assert delete_meeting(session, meeting_id) is not None


def reminded(sends: list[tuple[str, dict[str, Any]]]) -> Counter[tuple[str, str]]:
    """(chat, meeting title) for every card LINE accepted in a push; a multicast would be a mistake here."""
    counts: Counter[tuple[str, str]] = Counter()
    for path, body in sends:
        assert path.endswith("/push"), path
        for message in body["messages"]:
            for bubble in message["contents"]["contents"][:-1]:  # the last card holds the buttons
                counts[(body["to"], bubble["body"]["contents"][1]["text"])] += 1
    return counts


def pushes(sends: list[tuple[str, dict[str, Any]]]) -> Counter[str]:
    return Counter(body["to"] for _path, body in sends)
