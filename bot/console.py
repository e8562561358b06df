"""The local chat page: try the bot without a LINE channel, through the same dispatcher as LINE.

Each browser is a chat of its own (a random id in a cookie), so following and the other per-chat
commands work there as in LINE; its chat type is `web`. What LINE would push to it (the digest of what
it follows, its reminders) waits in its inbox (store/web_inbox.py), which the page polls.
"""

from __future__ import annotations

import json
import re
import secrets
from datetime import datetime
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse
from pydantic import BaseModel, Field

from bot.inputs import PlainText
from bot.sessions import DbSession
from bot.site import site_of
from handlers import help as help_
from handlers.dispatch import answer_postback, answer_text
from handlers.replies import to_json
from handlers.richmenu import BUTTONS
from handlers.subscribe import Chat
from news.kinds import KIND_LABELS
from store.subscribers import WEB_CHAT
from store.web_inbox import take_unread

PAGE = Path(__file__).with_name("static") / "chat.html"
ADMIN_PAGE = PAGE.with_name("admin.html")
FAVICON = PAGE.with_name("favicon.svg")
COOKIE = "prachum_chat"
COOKIE_ID = re.compile(r"^[0-9a-f]{32}$")
router = APIRouter()


class ChatIn(BaseModel):
    text: PlainText = Field(default="", max_length=5000)
    postback: PlainText | None = Field(default=None, max_length=300)


class ChatOut(BaseModel):
    messages: list[dict[str, Any]]


class ChatStart(ChatOut):
    menu: list[dict[str, Any]]


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def chat_page(request: Request) -> HTMLResponse:
    page = HTMLResponse(PAGE.read_text(encoding="utf-8"))
    _browser_chat(request, page)
    return page


@router.get("/favicon.svg", include_in_schema=False)
def favicon() -> FileResponse:
    return FileResponse(FAVICON, media_type="image/svg+xml", headers={"cache-control": "max-age=86400"})


@router.get("/favicon.ico", include_in_schema=False)
def favicon_ico() -> RedirectResponse:
    """Browsers ask for /favicon.ico on pages that name no icon (the API docs): the same picture."""
    return RedirectResponse("/favicon.svg", status_code=301)


@router.get("/chat/start", include_in_schema=False)
def chat_start() -> ChatStart:
    """What the page shows before anyone types: LINE's welcome, and the rich menu's buttons."""
    menu = [{"label": b.label, "action": b.action()} for b in BUTTONS]
    return ChatStart(messages=to_json(help_.welcome()), menu=menu)


@router.get("/admin", response_class=HTMLResponse, include_in_schema=False)
def admin_page() -> HTMLResponse:
    """The admin console; it holds no data itself and asks for the admin token before calling the API."""
    page = ADMIN_PAGE.read_text(encoding="utf-8")
    return HTMLResponse(page.replace("__KIND_LABELS__", json.dumps(KIND_LABELS, ensure_ascii=False)))


@router.post("/chat")
def chat(message: ChatIn, request: Request, response: Response, session: DbSession) -> ChatOut:
    """What the bot would reply in LINE, as LINE message objects, to this browser's own chat."""
    now = datetime.now(request.app.state.settings.tz)
    who = _browser_chat(request, response)
    site = site_of(request.app.state.settings, base_url=str(request.base_url).rstrip("/"))  # a card's .ics
    if message.postback:
        reply = answer_postback(message.postback, session=session, now=now, chat=who, site=site)
    else:
        reply = answer_text(message.text, session=session, now=now, chat=who, site=site)
    return ChatOut(messages=to_json(reply.messages))


@router.get("/chat/inbox")
def chat_inbox(request: Request, response: Response, session: DbSession) -> ChatOut:
    """What LINE would have pushed to this browser since it last looked (digest, reminders), oldest
    first; each message is given once."""
    who = _browser_chat(request, response)
    return ChatOut(messages=take_unread(session, who.line_id))


def _browser_chat(request: Request, response: Response) -> Chat:
    """The browser's chat, from its cookie; a browser without one (or with a forged one) gets a new id."""
    browser = request.cookies.get(COOKIE, "")
    if not COOKIE_ID.match(browser):
        browser = secrets.token_hex(16)
        response.set_cookie(COOKIE, browser, max_age=400 * 24 * 3600, httponly=True, samesite="lax")
    line_id = f"web-{browser}"
    return Chat(line_id, WEB_CHAT, user_id=line_id)
