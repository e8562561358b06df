"""What happens for each LINE webhook event: exactly once, after the webhook has answered."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from linebot.v3.messaging import Message
from linebot.v3.webhooks import (
    Event,
    FollowEvent,
    GroupSource,
    JoinEvent,
    LeaveEvent,
    MessageEvent,
    PostbackEvent,
    RoomSource,
    TextMessageContent,
    UnfollowEvent,
)
from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError

from bot.fetch import fetch_article
from bot.inputs import InputError
from bot.line import LineClient
from bot.settings import Settings
from handlers import help as help_
from handlers.admin import ArticleRefusedError
from handlers.dispatch import addressed_text, answer_postback, answer_text
from handlers.subscribe import Chat
from store.db import session_scope
from store.models import ProcessedEvent
from store.subscribers import set_active

log = logging.getLogger("prachum.events")


def claim(engine: Engine, event_id: str | None) -> bool:
    """True the first time an event id is seen; the unique constraint settles races between workers."""
    if not event_id:
        return True
    try:
        with session_scope(engine) as session:
            session.add(ProcessedEvent(event_id=event_id[:64]))
        return True
    except IntegrityError:
        return False


def handle_events(events: list[Event], *, engine: Engine, line: LineClient, settings: Settings) -> None:
    for event in events:
        try:
            if not claim(engine, getattr(event, "webhook_event_id", None)):
                continue
            messages = respond(event, engine=engine, now=datetime.now(settings.tz), settings=settings)
            token = getattr(event, "reply_token", None)
            if messages and token:
                line.reply(token, messages)
        except Exception:
            log.exception("event %s failed", getattr(event, "webhook_event_id", "?"))


def chat_id(event: Event) -> tuple[str | None, str]:
    source = getattr(event, "source", None)
    if isinstance(source, GroupSource):
        return source.group_id, "group"
    if isinstance(source, RoomSource):
        return source.room_id, "room"
    return getattr(source, "user_id", None), "user"


def respond(event: Event, *, engine: Engine, now: datetime, settings: Settings) -> list[Message]:
    """The messages an event deserves; side effects on subscribers happen here."""
    line_id, chat_type = chat_id(event)
    user_id = getattr(getattr(event, "source", None), "user_id", None)
    admin = bool(user_id and user_id in settings.admin_user_ids)
    chat = Chat(line_id, chat_type, user_id=user_id, admin=admin) if line_id else None
    if isinstance(event, (UnfollowEvent, LeaveEvent)):
        _set_active(engine, line_id, chat_type, active=False)
        return []
    if isinstance(event, (FollowEvent, JoinEvent)):
        _set_active(engine, line_id, chat_type, active=True)
        return help_.welcome()
    if isinstance(event, PostbackEvent):
        with session_scope(engine) as session:
            return answer_postback(event.postback.data, session=session, now=now, chat=chat).messages
    if isinstance(event, MessageEvent):
        if not isinstance(event.message, TextMessageContent):
            return help_.show_help() if chat_type == "user" else []
        text = addressed_text(
            event.message.text or "", chat_type=chat_type, self_mentions=_self_mentions(event.message)
        )
        if text is None:
            return []
        with session_scope(engine) as session:
            fetch = url_fetcher(settings)
            return answer_text(text, session=session, now=now, chat=chat, fetch=fetch).messages
    return []


def url_fetcher(settings: Settings) -> Callable[[str], str]:
    """The article fetcher handlers get for "/add URL", with the server's limits and address policy."""

    def fetch(url: str) -> str:
        try:
            return fetch_article(
                url, max_chars=settings.max_article_chars, allow_private=settings.allow_private_urls
            )
        except InputError as err:
            raise ArticleRefusedError(str(err)) from err

    return fetch


def _self_mentions(message: TextMessageContent) -> list[tuple[int, int]]:
    mention = getattr(message, "mention", None)
    return [
        (m.index, m.length)
        for m in (mention.mentionees if mention else None) or []
        if getattr(m, "is_self", False)
    ]


def _set_active(engine: Engine, line_id: str | None, chat_type: str, *, active: bool) -> None:
    if line_id:
        with session_scope(engine) as session:
            set_active(session, line_id, chat_type, active=active)
