"""Chat texts, postbacks, admin searches and `prachum ask` under hostile input: never a 5xx or a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from bot.cli import app as cli
from tests.bot.conftest import Chat
from tests.conftest import SAMPLES
from tests.fuzz.conftest import ADMIN_TOKEN, FUZZ, sign_bytes, tracebacks
from tests.fuzz.texts import hostile_texts, postbacks
from tests.helpers import GROUP, USER, body_of, postback_event, text_event

EXAMPLES = 200
ANY_TEXT = hostile_texts() | st.text(max_size=200)


def test_chat_page_texts(chat: Chat, caplog: pytest.LogCaptureFixture) -> None:
    @given(text=ANY_TEXT)
    @settings(FUZZ, max_examples=EXAMPLES)
    def check(text: str) -> None:
        response = chat.client.post("/chat", json={"text": text[:5000]})
        assert response.status_code in (200, 422), (text, response.status_code)
        assert tracebacks(caplog) == [], text

    check()


def test_chat_page_postbacks(chat: Chat, caplog: pytest.LogCaptureFixture) -> None:
    @given(data=postbacks())
    @settings(FUZZ, max_examples=EXAMPLES // 2)
    def check(data: str) -> None:
        response = chat.client.post("/chat", json={"postback": data})
        assert response.status_code in (200, 422), (data, response.status_code)
        assert tracebacks(caplog) == [], data

    check()


def test_admin_search(chat: Chat, caplog: pytest.LogCaptureFixture) -> None:
    auth = {"authorization": f"Bearer {ADMIN_TOKEN}"}

    @given(q=ANY_TEXT)
    @settings(FUZZ, max_examples=EXAMPLES // 2)
    def check(q: str) -> None:
        response = chat.client.get("/admin/meetings", params={"q": q[:500]}, headers=auth)
        assert response.status_code in (200, 422), (q, response.status_code)
        assert tracebacks(caplog) == [], q

    check()


def test_the_same_texts_through_line(chat: Chat, caplog: pytest.LogCaptureFixture) -> None:
    """As messages from a user and from a group, and as postbacks: handled, never a worker traceback."""
    group = {"type": "group", "groupId": GROUP, "userId": USER}

    @given(text=ANY_TEXT, data=postbacks(), in_group=st.booleans())
    @settings(FUZZ, max_examples=EXAMPLES)
    def check(text: str, data: str, in_group: bool) -> None:
        said = text_event(("/" if in_group else "") + text[:4000], source=group if in_group else None)
        body = body_of(said, postback_event(data, "p" * 32)).encode("utf-8", "surrogatepass")
        response = chat.client.post(
            "/callback",
            content=body,
            headers={"content-type": "application/json", "x-line-signature": sign_bytes(body)},
        )
        chat.client.app.state.inbox.join()  # type: ignore[attr-defined]
        assert response.status_code in (200, 400), (text, data)
        assert tracebacks(caplog) == [], (text, data)

    check()


@pytest.fixture
def cli_database(tmp_path: Path) -> dict[str, str]:
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'ask.db'}", "PYTHAINLP_OFFLINE": "1"}
    result = CliRunner().invoke(cli, ["add", *map(str, sorted(SAMPLES.glob("*.txt")))], env=env)
    assert result.exit_code == 0, result.output
    return env


def test_prachum_ask(cli_database: dict[str, str], caplog: pytest.LogCaptureFixture) -> None:
    """Every question gets an answer and exit 0; none ends in a traceback."""
    runner = CliRunner()

    @given(text=ANY_TEXT.filter(lambda t: "\x00" not in t and not t.startswith("-")))
    @settings(FUZZ, max_examples=40)
    def check(text: str) -> None:
        result = runner.invoke(cli, ["ask", "--json", "--now", "2024-03-15T09:00", text], env=cli_database)
        assert result.exception is None, (text, repr(result.exception))
        assert result.exit_code == 0, (text, result.output)
        assert json.loads(result.stdout)["query"] == text
        assert tracebacks(caplog) == [], text

    check()
