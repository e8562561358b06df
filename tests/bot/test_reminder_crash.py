"""`kill -9` a reminder run before and after LINE accepts a push, run it again: each reminder exactly once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from sqlmodel import col, select

from store.db import make_engine, session_scope
from store.migrate import upgrade
from store.models import WebMessage
from tests.bot.digest_world import add_meeting, province, subscribe
from tests.bot.reminder_world import EVE, TOMORROW, remind, reminded
from tests.fakes.line_server import running_fake_line

TOKEN = "remind-crash-token-" + "x" * 20
USERS = ["U" + str(i) * 32 for i in range(1, 4)]
GROUP = "C" + "6" * 32
BROWSER = "web-" + "b" * 32  # the chat page: its reminder is stored, between the first push and the second


def world(url: str) -> dict[tuple[str, str], int]:
    """Four pushes: three users who pressed เตือนฉัน, a group whose follow of ตรัง asks for reminders; and a
    browser on the chat page that pressed it too, whose reminder goes to its inbox."""
    engine = make_engine(url)
    upgrade(engine)
    trang = add_meeting(engine, "ประชุมตรังพรุ่งนี้", start=TOMORROW)
    songkhla = add_meeting(engine, "ประชุมสงขลาพรุ่งนี้", province="สงขลา", start=TOMORROW)
    for user in USERS:
        remind(engine, user, trang)
        if user == USERS[0]:
            remind(engine, BROWSER, trang, chat_type="web")
    remind(engine, USERS[1], songkhla)
    subscribe(engine, GROUP, {**province("ตรัง"), "remind": True}, chat_type="group")
    engine.dispose()
    expected = {(user, "ประชุมตรังพรุ่งนี้"): 1 for user in [*USERS, GROUP]}
    expected[(USERS[1], "ประชุมสงขลาพรุ่งนี้")] = 1
    return expected


def inbox(url: str) -> list[tuple[str, str]]:
    """(chat, meeting title) of every card stored for the chat page."""
    engine = make_engine(url)
    with session_scope(engine) as session:
        stored = [
            (m.chat_id, m.message) for m in session.exec(select(WebMessage).order_by(col(WebMessage.id)))
        ]
    engine.dispose()
    return [(chat, bubble["body"]["contents"][1]["text"]) for chat, message in stored
            for bubble in message["contents"]["contents"][:-1]]  # fmt: skip


def remind_run(url: str, line_host: str, log: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "DATABASE_URL": url, "LINE_CHANNEL_ACCESS_TOKEN": TOKEN, "LINE_API_HOST": line_host}
    command = [sys.executable, "-c", "from bot.cli import main; main()", "remind", "--now", EVE.isoformat()]
    with log.open("ab") as output:
        return subprocess.Popen(command, env=env, stdout=output, stderr=subprocess.STDOUT)


@pytest.mark.parametrize(
    "kill_at",
    [(1, "before"), (1, "after"), (4, "after")],
    ids=str,  # the first push, and the last
)
def test_killed_reminder_run_reminds_each_chat_once_when_run_again(
    tmp_path: Path, kill_at: tuple[int, str]
) -> None:
    url = f"sqlite:///{tmp_path / 'remind-crash.db'}"
    expected = world(url)
    with running_fake_line(TOKEN) as fake:
        log = tmp_path / "remind.log"
        first = remind_run(url, fake.base_url, log)
        point, phase = kill_at
        fake.on_request = lambda number, now: first.kill() if (number, now) == (point, phase) else None
        first.wait(timeout=60)
        fake.on_request = None
        assert first.returncode == -signal.SIGKILL
        second = remind_run(url, fake.base_url, log)
        assert second.wait(timeout=60) == 0, log.read_text()
        assert reminded(fake.sends()) == expected
        assert fake.problems == []
        assert inbox(url) == [(BROWSER, "ประชุมตรังพรุ่งนี้")]  # stored once, killed before it or after
        if phase == "after":  # LINE had accepted the push the dead process never recorded
            assert fake.retry_key_conflicts == 1
