"""The same question asked again gets the answer made for the first asker, until a meeting changes.

Workers keep answers that are the same in every chat (bot/answers.py). Every write to the articles or
meetings, from any session or process, must make the next answer afresh: these tests ask, change the
data from elsewhere, and ask again.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine

from handlers.dispatch import more_question, shared_question
from handlers.query import more_data
from store.admin import correct_meeting, delete_meeting, live_meeting
from store.db import make_engine, session_scope
from tests.bot.conftest import Chat, running_chat
from tests.conftest import SAMPLES
from tests.helpers import postback_event, text_event, user_source

SONGKHLA = "ประชุมที่สงขลา"
TITLE = "อบรมครูแกนนำ วิทยาการคำนวณ ภาคใต้"  # samples/04, the only meeting in Songkhla
NOT_FOUND = "ขออภัยครับ ไม่พบการประชุม"


def texts(messages: Any) -> list[str]:
    """Every text a user reads in the messages (bubble texts, alt text, text messages), in order."""
    if isinstance(messages, dict):
        own = [messages["text"]] if isinstance(messages.get("text"), str) else []
        return own + [t for key, value in messages.items() if key != "text" for t in texts(value)]
    if isinstance(messages, list):
        return [t for item in messages for t in texts(item)]
    return []


def ask(chat: Chat, text: str, user: int) -> list[str]:
    """`text` from its own chat (a user of its own): what that user reads in the reply."""
    return texts(chat.send(text_event(text, source=user_source(f"U{user:032x}"))))


@pytest.fixture
def chat(database_url: str) -> Iterator[Chat]:
    with running_chat(database_url) as chat:
        yield chat


@pytest.fixture
def elsewhere(database_url: str) -> Iterator[Engine]:
    """Another connection pool on the same database: another process's writes, as the worker sees them."""
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


def songkhla_meeting_id(engine: Engine) -> int:
    with session_scope(engine) as session:
        [meeting_id] = [m.id for m in session.exec(live_meetings_in_songkhla())]
    assert meeting_id is not None
    return meeting_id


def live_meetings_in_songkhla() -> Any:
    from sqlmodel import select

    from store.models import Meeting

    return select(Meeting).where(Meeting.province == "สงขลา", Meeting.deleted == False)  # noqa: E712


def test_two_chats_asking_the_same_question_read_the_same_answer(chat: Chat) -> None:
    first, second = ask(chat, SONGKHLA, 1), ask(chat, "  ประชุมที่สงขลา ", 2)
    assert TITLE in first
    assert second == first


def test_a_meeting_corrected_in_another_session_shows_corrected_in_the_next_answer(
    chat: Chat, elsewhere: Engine
) -> None:
    assert TITLE in ask(chat, SONGKHLA, 1)
    with session_scope(elsewhere) as session:
        meeting = live_meeting(session, songkhla_meeting_id(elsewhere), for_update=True)
        assert meeting is not None
        correct_meeting(session, meeting, {"title": "อบรมครูแกนนำ รุ่นที่ 2"})
    after = ask(chat, SONGKHLA, 2)
    assert "อบรมครูแกนนำ รุ่นที่ 2" in after
    assert TITLE not in after


def test_a_meeting_deleted_in_another_session_is_gone_from_the_next_answer(
    chat: Chat, elsewhere: Engine
) -> None:
    assert TITLE in ask(chat, SONGKHLA, 1)
    with session_scope(elsewhere) as session:
        assert delete_meeting(session, songkhla_meeting_id(elsewhere)) is not None
    after = ask(chat, SONGKHLA, 2)
    assert TITLE not in after
    assert after[0].startswith(NOT_FOUND)


def test_an_article_added_by_another_process_is_in_the_next_answer(
    chat: Chat, database_url: str, tmp_path: Path
) -> None:
    """`prachum add` from the command line while the bot runs: the next asker sees the new meeting."""
    assert ask(chat, "ประชุมที่ตรัง", 1)[0].startswith(NOT_FOUND)
    article = tmp_path / "trang.txt"
    sample = (SAMPLES / "04_songkhla_training.txt").read_text(encoding="utf-8")
    article.write_text(sample.replace("ภาคใต้", "ภาคใต้ตอนล่าง").replace("สงขลา", "ตรัง"), encoding="utf-8")
    added = subprocess.run(
        [sys.executable, "-m", "bot.cli", "add", str(article)],
        env={"DATABASE_URL": database_url, "PATH": "/usr/bin:/bin", "PYTHAINLP_OFFLINE": "1"},
        capture_output=True, text=True, check=False, cwd=Path(__file__).resolve().parents[2],
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    after = ask(chat, "ประชุมที่ตรัง", 2)
    assert "อบรมครูแกนนำ วิทยาการคำนวณ ภาคใต้ตอนล่าง" in after


def test_follow_commands_are_answered_for_each_chat_not_from_a_kept_answer(chat: Chat) -> None:
    """The second chat to follow Songkhla is told it now follows it, as the first was."""
    first, second = ask(chat, "ติดตาม สงขลา", 1), ask(chat, "ติดตาม สงขลา", 2)
    assert second == first
    assert ask(chat, "การติดตามของฉัน", 2) == ask(chat, "การติดตามของฉัน", 1)
    assert ask(chat, "การติดตามของฉัน", 3) != ask(chat, "การติดตามของฉัน", 1)  # chat 3 follows nothing


def test_the_more_button_gets_the_next_page_in_any_chat(chat: Chat) -> None:
    data = more_data("ประชุม", 2)
    first = texts(chat.send(postback_event(data, "more-token-1")))
    second = texts(chat.send(postback_event(data, "more-token-2")))
    assert first and second == first


@pytest.mark.parametrize(
    "text",
    ["/add https://example.org/news/1", "ลบการประชุม 4", "/stats", "ติดตาม สงขลา", "เลิกติดตาม สงขลา",
     "การติดตามของฉัน", "ปฏิทินของฉัน", "ปฏิทินใหม่", "การเตือนของฉัน"],
)  # fmt: skip
def test_commands_that_read_or_change_a_chat_are_never_shared(text: str) -> None:
    assert not shared_question(text)


@pytest.mark.parametrize("text", [SONGKHLA, "สัมมนา ก.พ. 68", "สวัสดีครับ", "ขอบคุณครับ", "ช่วยด้วย"])
def test_searches_greetings_and_help_are_shared(text: str) -> None:
    assert shared_question(text)


def test_only_the_more_button_is_a_shared_postback() -> None:
    assert more_question(more_data("ประชุมที่สงขลา", 3)) == ("ประชุมที่สงขลา", 3)
    assert more_question("action=follow&q=สงขลา") is None
