"""One table from what a chat message means to the handler that answers it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING
from urllib.parse import parse_qs

from sqlmodel import Session

from handlers import help as help_
from handlers import replies
from handlers.commands import admin_command, follow_command, own_command
from handlers.intent import ParsedQuery, parse_query
from handlers.query import Answer, answer_query
from handlers.replies import Message
from store.records import Meeting

if TYPE_CHECKING:
    from handlers.admin import Fetch
    from handlers.subscribe import Chat

BOT_NAMES = ("prachum", "บอทประชุม", "น้องประชุม")  # what people call the bot in a group, lower case


@dataclass
class Reply:
    """What the bot answers a message with, and the meetings it showed (for `prachum ask --json`)."""

    messages: list[Message]
    parsed: ParsedQuery | None = None
    meetings: list[tuple[Meeting, str]] = field(default_factory=list)


def answer_text(
    text: str,
    *,
    session: Session,
    now: datetime,
    page: int = 1,
    chat: Chat | None = None,
    fetch: Fetch | None = None,
    site: replies.Site | None = None,
) -> Reply:
    """Admin, subscription, calendar and reminder commands first; greetings and noise get help; the rest
    is a search."""
    site = site or replies.Site()
    admin = admin_command(text)
    if admin is not None:
        from handlers.admin import Admin, answer_admin

        who = Admin(chat.user_id or chat.line_id, chat.admin) if chat else Admin("", allowed=False)
        return Reply(answer_admin(*admin, admin=who, session=session, fetch=fetch))
    command = follow_command(text)
    if command is not None:
        if chat is None:
            return Reply([replies.text("การติดตามใช้ได้ในแชต LINE ครับ")])
        from handlers.subscribe import answer_subscription

        return Reply(answer_subscription(*command, chat=chat, session=session, now=now))
    own = own_command(text)
    if own is not None:
        if chat is None:
            return Reply([replies.text("ปฏิทินและการเตือนใช้ได้ในแชต LINE ครับ")])
        from handlers import feed, reminders

        if own[0] == "list":
            return Reply(reminders.my_reminders(chat, session=session, now=now))
        link = feed.new_calendar if own[0] == "new" else feed.my_calendar
        return Reply(link(chat, session=session, now=now, site=site))
    parsed = parse_query(text, now=now)
    if parsed.greeting:
        return Reply(help_.greet(parsed.text), parsed)
    if not parsed.is_question and not parsed.filter.keywords:
        return Reply(help_.show_help(), parsed)
    answer: Answer = answer_query(parsed, session=session, today=now.date(), page=page, site=site)
    if not parsed.is_question and not answer.meetings:
        return Reply(help_.show_help(), parsed)
    return Reply(answer.messages, parsed, answer.meetings)


def shared_question(text: str) -> bool:
    """Whether the answer to this text is the same in every chat: a search, a greeting or the help,
    not an admin, subscription, calendar or reminder command (those read or change the chat's own
    state). Such answers depend only on the query text, the date and the meetings stored."""
    return admin_command(text) is None and follow_command(text) is None and own_command(text) is None


def more_question(data: str) -> tuple[str, int] | None:
    """A "ดูเพิ่ม" postback's question and page (`more_data`); None for any other postback. Its answer
    is the same in every chat: `answer_postback` answers it as a message from no chat."""
    fields = parse_qs(data[: replies.MAX_POSTBACK])
    if fields.get("action", [""])[0] != "more":
        return None
    return fields.get("q", [""])[0], _number(fields.get("page", ["2"])[0], default=2)


def addressed_text(text: str, *, chat_type: str, self_mentions: Sequence[tuple[int, int]] = ()) -> str | None:
    """The part of a message meant for the bot, or None when the bot should stay quiet.

    In a one-to-one chat every message is. In a group or room people talk to each other about
    meetings all day ("ประชุมพรุ่งนี้ 9 โมงนะครับ"), so only a message that mentions the bot
    (`self_mentions`: LINE's index and length of each mention of it), starts with one of its
    names, or is a `/` command is; the name, mention or slash is taken off.
    """
    if chat_type == "user":
        return text
    if self_mentions:
        for index, length in sorted(self_mentions, reverse=True):
            if text[index : index + 1] == "@":
                text = text[:index] + text[index + length :]
        return text.strip()
    stripped = text.strip()
    lowered = stripped.lower()
    for name in BOT_NAMES:
        for called in (f"@{name}", name):
            if lowered.startswith(called):
                return stripped[len(called) :].lstrip(" ,:：").strip()
    if stripped.startswith("/"):
        return stripped if admin_command(stripped) else stripped[1:].strip()
    return None


def answer_postback(
    data: str, *, session: Session, now: datetime, chat: Chat | None = None, site: replies.Site | None = None
) -> Reply:
    """A button's postback, as `more_data`, `follow_data`, `unfollow_data`, `digest_page_data`,
    `remind_data`, `unremind_data`, `feed.NEW_DATA` or the rich menu (`handlers.richmenu.SEARCH_DATA`)
    wrote it: the same answer as the typed command."""
    site = site or replies.Site()
    more = more_question(data)
    if more is not None:
        return answer_text(more[0], session=session, now=now, page=more[1], site=site)
    fields = parse_qs(data[: replies.MAX_POSTBACK])
    action = fields.get("action", [""])[0]
    query = fields.get("q", [""])[0]
    page = _number(fields.get("page", ["2"])[0], default=2)
    meeting_id = _meeting_id(fields.get("id", ["0"])[0])
    if action in ("follow", "unfollow") and chat is not None:
        from handlers.subscribe import answer_subscription

        return Reply(answer_subscription(action, query, chat=chat, session=session, now=now))
    if action == "search":
        return Reply(help_.search_prompt())
    if action == "digest":
        from handlers.digest import digest_page  # the digest's tables: not loaded to answer questions

        batch = _number(fields.get("batch", ["0"])[0], default=0)
        return Reply(digest_page(session, batch, page, site))
    if action in ("remind", "unremind", "newcalendar") and chat is None:
        return Reply([replies.text("ปฏิทินและการเตือนใช้ได้ในแชต LINE ครับ")])
    from handlers import feed, reminders

    if action == "remind" and chat is not None:
        return Reply(reminders.remind_me(chat, meeting_id, session=session, now=now, site=site))
    if action == "unremind" and chat is not None:
        return Reply(reminders.cancel(chat, meeting_id, session=session, now=now))
    if action == "newcalendar" and chat is not None:
        return Reply(feed.new_calendar(chat, session=session, now=now, site=site))
    return Reply(help_.show_help())


def _number(value: str, *, default: int) -> int:
    try:
        return max(1, min(int(value), 1_000_000))
    except ValueError:
        return default


def _meeting_id(value: str) -> int:
    """A meeting id from a postback; 0 (no such meeting) for anything that is not one."""
    return int(value) if value.isascii() and value.isdigit() and len(value) <= 18 else 0
