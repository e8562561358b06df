"""The local chat page: try the bot without a LINE channel, through the same dispatcher as LINE."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, Field

from bot.inputs import PlainText
from bot.sessions import DbSession
from handlers.dispatch import answer_postback, answer_text
from handlers.replies import to_json
from news.kinds import KIND_LABELS

PAGE = Path(__file__).with_name("static") / "chat.html"
ADMIN_PAGE = PAGE.with_name("admin.html")
router = APIRouter()


class ChatIn(BaseModel):
    text: PlainText = Field(default="", max_length=5000)
    postback: PlainText | None = Field(default=None, max_length=300)


class ChatOut(BaseModel):
    messages: list[dict[str, Any]]


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def chat_page() -> HTMLResponse:
    return HTMLResponse(PAGE.read_text(encoding="utf-8"))


@router.get("/admin", response_class=HTMLResponse, include_in_schema=False)
def admin_page() -> HTMLResponse:
    """The admin console; it holds no data itself and asks for the admin token before calling the API."""
    page = ADMIN_PAGE.read_text(encoding="utf-8")
    return HTMLResponse(page.replace("__KIND_LABELS__", json.dumps(KIND_LABELS, ensure_ascii=False)))


@router.post("/chat")
def chat(message: ChatIn, request: Request, session: DbSession) -> ChatOut:
    """What the bot would reply in LINE, as LINE message objects."""
    now = datetime.now(request.app.state.settings.tz)
    if message.postback:
        reply = answer_postback(message.postback, session=session, now=now)
    else:
        reply = answer_text(message.text, session=session, now=now)
    return ChatOut(messages=to_json(reply.messages))
