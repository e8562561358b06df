"""`kill -9` a digest run at many points, run it again: every subscriber gets every meeting exactly once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest

from store.db import make_engine
from store.migrate import upgrade
from tests.bot.digest_world import EVERYTHING, T0, add_meeting, delivered, province, subscribe
from tests.fakes.line_server import running_fake_line

TOKEN = "crash-token-" + "x" * 20
NOW = (T0 + timedelta(hours=1)).isoformat()
USERS = ["U" + str(i) * 32 for i in range(1, 7)]
GROUP = "C" + "8" * 32
MEETINGS = {"ประชุมตรัง 1": "ตรัง", "ประชุมตรัง 2": "ตรัง", "ประชุมสงขลา": "สงขลา"}


def world(url: str) -> dict[tuple[str, str], int]:
    """Four requests: multicasts to the ตรัง and สงขลา users, pushes to "everything" and to a group."""
    engine = make_engine(url)
    upgrade(engine)
    for title, where in MEETINGS.items():
        add_meeting(engine, title, province=where, stored=T0 + timedelta(minutes=30))
    follows = [province("ตรัง")] * 3 + [province("สงขลา")] * 2 + [EVERYTHING]
    for user, follow in zip(USERS, follows, strict=True):
        subscribe(engine, user, follow, since=T0 - timedelta(hours=1))
    subscribe(engine, GROUP, province("ตรัง"), chat_type="group", since=T0 - timedelta(hours=1))
    engine.dispose()
    wanted = {
        user: [t for t, p in MEETINGS.items() if not f or p in f["provinces"]]
        for user, f in zip(USERS, follows, strict=True)
    }
    wanted[GROUP] = [t for t, p in MEETINGS.items() if p == "ตรัง"]
    return {(who, title): 1 for who, titles in wanted.items() for title in titles}


def digest(url: str, line_host: str, log: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "DATABASE_URL": url, "LINE_CHANNEL_ACCESS_TOKEN": TOKEN, "LINE_API_HOST": line_host}
    command = [sys.executable, "-c", "from bot.cli import main; main()", "digest", "--now", NOW]
    with log.open("ab") as output:
        return subprocess.Popen(command, env=env, stdout=output, stderr=subprocess.STDOUT)


@pytest.mark.parametrize(
    "kill_at",
    [(1, "before"), (1, "after"), (2, "before"), (2, "after"), (4, "before"), (4, "after"), (0.8, "seconds")],
    ids=str,
)
def test_killed_run_finishes_exactly_once_when_run_again(tmp_path: Path, kill_at: tuple[float, str]) -> None:
    url = f"sqlite:///{tmp_path / 'crash.db'}"
    expected = world(url)
    with running_fake_line(TOKEN) as fake:
        log = tmp_path / "digest.log"
        first = digest(url, fake.base_url, log)
        point, phase = kill_at
        if phase == "seconds":
            time.sleep(point)
            first.kill()
        else:
            fake.on_request = lambda number, now: first.kill() if (number, now) == (point, phase) else None
        first.wait(timeout=60)
        fake.on_request = None
        if phase == "seconds":
            assert first.returncode in (0, -signal.SIGKILL)
        else:
            assert first.returncode == -signal.SIGKILL
        second = digest(url, fake.base_url, log)
        assert second.wait(timeout=60) == 0, log.read_text()
        assert delivered(fake.sends()) == expected
        assert fake.problems == []
        if phase == "after":  # LINE had accepted the batch the dead process never recorded
            assert fake.retry_key_conflicts == 1
