"""One table from what a chat message means to the handler that answers it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

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
