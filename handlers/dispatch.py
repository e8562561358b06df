"""One table from what a chat message means to the handler that answers it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import parse_qs

from linebot.v3.messaging import Message
from sqlmodel import Session

from handlers import help as help_
from handlers.intent import ParsedQuery, parse_query
from handlers.query import Answer, answer_query
from store.models import Meeting


@dataclass
class Reply:
    """What the bot answers a message with, and the meetings it showed (for `prachum ask --json`)."""

    messages: list[Message]
    parsed: ParsedQuery | None = None
    meetings: list[tuple[Meeting, str]] = field(default_factory=list)


def answer_text(text: str, *, session: Session, now: datetime, page: int = 1) -> Reply:
    """Greetings and noise get help; anything that reads as a search gets an answer."""
    parsed = parse_query(text, now=now)
    if parsed.greeting:
        return Reply(help_.greet(parsed.text), parsed)
    if not parsed.is_question and not parsed.filter.keywords:
        return Reply(help_.show_help(), parsed)
    answer: Answer = answer_query(parsed, session=session, today=now.date(), page=page)
    if not parsed.is_question and not answer.meetings:
        return Reply(help_.show_help(), parsed)
    return Reply(answer.messages, parsed, answer.meetings)


def answer_postback(data: str, *, session: Session, now: datetime) -> Reply:
    """A button's postback ("action=more&page=2&q=...", as `more_data` writes it): the next page, or help."""
    fields = parse_qs(data[:300])
    if fields.get("action") != ["more"]:
        return Reply(help_.show_help())
    try:
        page = max(1, min(int(fields.get("page", ["2"])[0]), 1000))
    except ValueError:
        page = 2
    return answer_text(fields.get("q", [""])[0], session=session, now=now, page=page)
