"""LINE's loading animation shows while a slow answer is made, in one-to-one chats only."""

from __future__ import annotations

import json
import time
from pathlib import Path

from bot.events import loading_shown, parse_event
from bot.line import make_line_client
from bot.settings import Settings
from tests.bot.conftest import TOKEN, running_chat
from tests.bot.test_admin import ARTICLE, html_page
from tests.fakes.line_server import running_fake_line
from tests.fakes.web import serving
from tests.helpers import GROUP, USER, text_event

LOADING = "POST /v2/bot/chat/loading/start"
REPLY = "POST /v2/bot/message/reply"


def test_adding_from_a_url_starts_the_animation_before_the_answer(sqlite_url: str) -> None:
    settings = {"admin_user_ids": frozenset({USER}), "allow_private_urls": True, "loading_after_seconds": 30}
    with running_chat(sqlite_url, **settings) as chat:
        html = (200, {"content-type": "text/html; charset=utf-8"}, html_page(ARTICLE))
        with serving({"/news/1": html}) as base:
            reply = chat.say(f"/add {base}/news/1")
        assert "พบการประชุม 1 รายการ" in reply[0]["altText"]
        assert chat.line.rich.loading == [{"chatId": USER, "loadingSeconds": 20}]
        assert [call for call in chat.line.timeline if call in (LOADING, REPLY)] == [LOADING, REPLY]
        chat.say("ประชุมที่เชียงใหม่")  # a quick search, well under 30 s: no animation
        assert len(chat.line.rich.loading) == 1


def test_an_answer_slower_than_the_setting_starts_it_first(sqlite_url: str) -> None:
    with running_chat(sqlite_url, loading_after_seconds=0) as chat:
        [answer] = chat.say("ประชุมที่เชียงใหม่")
        assert "เชียงใหม่" in answer["altText"]
        assert chat.line.rich.loading == [{"chatId": USER, "loadingSeconds": 20}]
        assert chat.line.timeline[-2:] == [LOADING, REPLY]


def test_groups_get_no_animation_line_has_none_there(sqlite_url: str) -> None:
    with running_chat(sqlite_url, loading_after_seconds=0) as chat:
        group = {"type": "group", "groupId": GROUP, "userId": USER}
        [answer] = chat.send(text_event("/ประชุมที่เชียงใหม่", source=group))
        assert "เชียงใหม่" in answer["altText"]
        assert chat.line.rich.loading == []
        assert LOADING not in chat.line.timeline


def test_the_timer_starts_it_while_the_answer_is_still_being_made(tmp_path: Path) -> None:
    """Leaving the block waits for a start under way, and a start not yet due never comes."""
    event = parse_event(json.dumps(text_event("ประชุมล่าสุด")))
    with running_fake_line(TOKEN) as fake:
        settings = Settings(
            database_url=f"sqlite:///{tmp_path}/t.db",
            line_channel_access_token=TOKEN,  # type: ignore[arg-type]
            line_api_host=fake.base_url,
            loading_after_seconds=0.05,
        )
        line = make_line_client(settings)
        assert line is not None
        with loading_shown(event, line=line, settings=settings):
            deadline = time.monotonic() + 10
            while not fake.rich.loading and time.monotonic() < deadline:
                time.sleep(0.01)  # a slow answer being made
        assert fake.rich.loading == [{"chatId": USER, "loadingSeconds": 20}]
        patient = settings.model_copy(update={"loading_after_seconds": 30})
        with loading_shown(event, line=line, settings=patient):
            pass  # a quick answer
        assert len(fake.rich.loading) == 1
        line.close()
        assert fake.problems == []


def test_the_fake_refuses_an_animation_line_would_refuse() -> None:
    from fakeline.spec import loading_limits

    assert loading_limits({"chatId": GROUP, "loadingSeconds": 20}) == [
        f"ShowLoadingAnimationRequest.chatId: {GROUP!r} is not a user id"
    ]
    assert loading_limits({"chatId": USER, "loadingSeconds": 12}) == [
        "ShowLoadingAnimationRequest.loadingSeconds: not a multiple of 5"
    ]
    assert loading_limits({"chatId": USER, "loadingSeconds": 20}) == []
