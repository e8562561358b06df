"""The digest and replies at their edges: odd answers from LINE, and manual runs in the same second."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import Engine
from sqlmodel import col, select

from bot.digest import run_digest
from bot.line import LineClient
from store.db import session_scope
from store.models import DigestRun
from tests.bot.digest_world import EVERYTHING, add_meeting, delivered, subscribe
from tests.bot.test_digest import NOW, U, line, no_sleep
from tests.fakes.line_server import FakeLine

__all__ = ["line"]  # the fixture, shared with test_digest

ODD_BODIES = [
    (b"<html>maintenance</html>", "text/html"),
    (b"not json at all", "application/json"),
    (b'{"sentMessages": "one"}', "application/json"),
    (b"\xff\xfe\x00", "application/json; charset=utf-8"),
    (b"{}", "application/json; charset=no-such-charset"),
]


@pytest.mark.parametrize(("body", "content_type"), ODD_BODIES)
def test_a_2xx_with_an_unreadable_body_counts_as_sent_and_is_not_resent(
    sqlite_engine: Engine,
    line: tuple[FakeLine, LineClient],
    body: bytes,
    content_type: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    fake, client = line
    add_meeting(sqlite_engine, "ประชุมตรัง")
    subscribe(sqlite_engine, U[0], EVERYTHING)
    fake.accept_next_with(body, content_type)
    report = run_digest(sqlite_engine, client, now=NOW, sleep=no_sleep)
    assert (report.status, report.messages, report.failures) == ("done", 1, [])
    assert "LINE accepted a push but its answer could not be read" in caplog.text
    again = run_digest(sqlite_engine, client, now=NOW, sleep=no_sleep)
    assert again.recipients == 0
    assert delivered(fake.sends()) == {(U[0], "ประชุมตรัง"): 1}
    with session_scope(sqlite_engine) as session:
        assert [run.status for run in session.exec(select(DigestRun))] == ["done", "done"]


@pytest.mark.parametrize(("body", "content_type"), ODD_BODIES[:3])
def test_a_reply_answered_with_an_odd_body_is_sent(
    line: tuple[FakeLine, LineClient], body: bytes, content_type: str, caplog: pytest.LogCaptureFixture
) -> None:
    fake, client = line
    fake.accept_next_with(body, content_type)
    assert client.reply("odd-reply-token", [{"type": "text", "text": "ประชุมพรุ่งนี้"}])
    assert len(fake.replies_to("odd-reply-token")) == 1
    assert "LINE accepted a reply but its answer could not be read" in caplog.text


def test_manual_digests_in_the_same_second_each_get_a_run(
    engine: Engine, line: tuple[FakeLine, LineClient]
) -> None:
    """`prachum digest` twice with the same --now: the second is a run of its own, not a crash."""
    _fake, client = line
    add_meeting(engine, "ประชุมตรัง")
    subscribe(engine, U[0], EVERYTHING)
    reports = [run_digest(engine, client, now=NOW, sleep=no_sleep) for _ in range(4)]
    assert [r.status for r in reports] == ["done"] * 4
    stamp = NOW.isoformat(timespec="seconds")
    expected = ["daily-2026-11-21", f"manual-{stamp}", f"manual-{stamp}-2", f"manual-{stamp}-3"]
    assert [r.run for r in reports] == expected
    with session_scope(engine) as session:
        assert list(session.exec(select(DigestRun.key).order_by(col(DigestRun.id)))) == expected


def test_log_level_is_warning_not_error(
    sqlite_engine: Engine, line: tuple[FakeLine, LineClient], caplog: pytest.LogCaptureFixture
) -> None:
    """The oddity is worth a look, not an alarm: no traceback, one warning."""
    fake, client = line
    add_meeting(sqlite_engine, "ประชุมตรัง")
    subscribe(sqlite_engine, U[0], EVERYTHING)
    fake.accept_next_with(b"not json at all")
    run_digest(sqlite_engine, client, now=NOW, sleep=no_sleep)
    odd = [r for r in caplog.records if "could not be read" in r.getMessage()]
    assert [(r.levelno, r.exc_info) for r in odd] == [(logging.WARNING, None)]
