"""What happens for each stored LINE webhook event: the answer, sent once, by reply or (late) by push."""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, timedelta

from linebot.v3.models.events import UnknownEvent
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

from bot.answers import AnswerCache, AnswerKey
from bot.fetch import fetch_article
from bot.inputs import InputError
from bot.later import Timers
from bot.line import LineClient
from bot.settings import Settings
from bot.site import site_of
from handlers import help as help_
from handlers.admin import ArticleRefusedError, fetches_a_page
from handlers.dispatch import addressed_text, answer_postback, answer_text, more_question, shared_question
from handlers.intent import query_text
from handlers.replies import Message
from handlers.subscribe import Chat
from store.db import session_scope
from store.inbox import Claimed
from store.subscribers import set_active

log = logging.getLogger("prachum.events")
TIMERS = Timers()
ANSWER_NAMESPACE = uuid.UUID("0b7e1d52-4c1a-4f3e-8f0e-5d2a9c6b7e31")


class SendLaterError(Exception):
    """LINE could not take a pushed answer now (429, 5xx, network): the event is tried again later."""


def parse_event(payload: str) -> Event:
    """A stored event back as the SDK's model; a type the SDK does not know stays an UnknownEvent."""
    data = json.loads(payload)
    try:
        return Event.from_dict(data)
    except ValueError:
        return UnknownEvent.new_from_json_dict(data)


def answer_event(
    claimed: Claimed,
    *,
    engine: Engine,
    line: LineClient,
    settings: Settings,
    answers: AnswerCache | None = None,
) -> str:
    """Answer one stored event; returns what became of it. A repeat of an answered event id is skipped.

    A worker that dies after the send and before the event is marked done sends again on the next
    claim: LINE refuses the used reply token, and drops a push whose retry key it has seen.
    """
    if claimed.answered:  # read with the claim
        return "already answered"
    event = parse_event(claimed.payload)
    with loading_shown(event, line=line, settings=settings):
        now = datetime.now(settings.tz)
        shared = _shared(answers, claimed.data_revision, now)
        messages = respond(event, engine=engine, now=now, settings=settings, shared=shared)
    if not messages:
        return "nothing to answer"
    return deliver_answer(event, messages, claimed=claimed, line=line, settings=settings)


def deliver_answer(
    event: Event, messages: Sequence[Message], *, claimed: Claimed, line: LineClient, settings: Settings
) -> str:
    """Reply while the token is fresh; later, push (LATE_ANSWER=push) or drop with a log line."""
    token = getattr(event, "reply_token", None)
    age = datetime.now(claimed.received_at.tzinfo) - claimed.received_at
    if token and age <= timedelta(seconds=settings.reply_token_seconds):
        return "replied" if line.reply(token, messages) else "reply refused"
    line_id, _ = chat_id(event)
    if settings.late_answer == "drop" or not line_id:
        log.info("answer dropped: the reply token is %.0f s old (LATE_ANSWER=drop)", age.total_seconds())
        return "dropped"
    key = str(uuid.uuid5(ANSWER_NAMESPACE, claimed.event_id or str(claimed.id)))
    outcome = line.deliver([line_id], messages, key)
    if outcome.status == "retry":
        raise SendLaterError(outcome.detail)
    log.info("late answer pushed (%s): the reply token was %.0f s old", outcome.status, age.total_seconds())
    return "pushed" if outcome.status == "sent" else f"push {outcome.status}"


@contextmanager
def loading_shown(event: Event, *, line: LineClient, settings: Settings) -> Iterator[None]:
    """LINE's loading animation while a slow answer is made, in a one-to-one chat (LINE has it nowhere else).

    Fetching a page starts it at once; any other answer not ready after LOADING_AFTER_SECONDS starts it
    then. On leaving, a pending start is cancelled and one under way is waited for, so the animation never
    starts after the answer has gone.
    """
    line_id, chat_type = chat_id(event)
    asked = isinstance(event, (MessageEvent, PostbackEvent))
    if chat_type != "user" or not line_id or not asked:
        yield
        return
    text = getattr(getattr(event, "message", None), "text", None) or ""
    if settings.loading_after_seconds == 0 or (fetches_a_page(text) and line_id in settings.admin_user_ids):
        line.show_loading(line_id)
        yield
        return
    later = TIMERS.call_later(settings.loading_after_seconds, line.show_loading, line_id)
    try:
        yield
    finally:
        later.cancel()


def chat_id(event: Event) -> tuple[str | None, str]:
    source = getattr(event, "source", None)
    if isinstance(source, GroupSource):
        return source.group_id, "group"
    if isinstance(source, RoomSource):
        return source.room_id, "room"
    return getattr(source, "user_id", None), "user"


Shared = Callable[[str, int, Callable[[], list[Message]]], list[Message]]


def _shared(answers: AnswerCache | None, data_revision: int | None, now: datetime) -> Shared | None:
    """How `respond` keeps an answer that is the same in every chat, or None (nothing kept)."""
    if answers is None or data_revision is None:
        return None
    today = now.date()

    def shared(question: str, page: int, make: Callable[[], list[Message]]) -> list[Message]:
        return answers.answer(AnswerKey(question, page, today, data_revision), make)

    return shared


def respond(
    event: Event, *, engine: Engine, now: datetime, settings: Settings, shared: Shared | None = None
) -> list[Message]:
    """The messages an event deserves; side effects on subscribers happen here.

    An answer the same in every chat (a search, the help, "ดูเพิ่ม") goes through `shared`, which
    may give a kept one instead of making it.
    """
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
        data = event.postback.data

        def postback_answer() -> list[Message]:
            with session_scope(engine) as session:
                return answer_postback(
                    data, session=session, now=now, chat=chat, site=site_of(settings)
                ).messages

        more = more_question(data) if shared else None
        if shared and more:
            return shared(query_text(more[0]), more[1], postback_answer)
        return postback_answer()
    if isinstance(event, MessageEvent):
        if not isinstance(event.message, TextMessageContent):
            return help_.show_help() if chat_type == "user" else []
        text = addressed_text(
            event.message.text or "", chat_type=chat_type, self_mentions=_self_mentions(event.message)
        )
        if text is None:
            return []
        asked = text

        def text_answer() -> list[Message]:
            with session_scope(engine) as session:
                fetch = url_fetcher(settings)
                return answer_text(
                    asked, session=session, now=now, chat=chat, fetch=fetch, site=site_of(settings)
                ).messages

        if shared and shared_question(text):
            return shared(query_text(text), 1, text_answer)
        return text_answer()
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
