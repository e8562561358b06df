"""`prachum add` reads only regular files, and no more of one than the article limit allows."""

from __future__ import annotations

import os
import subprocess
import threading
from pathlib import Path

import pytest

from bot.inputs import InputError, read_article
from tests.bot.test_cli import PRACHUM


def read_within(source: str, *, max_chars: int, seconds: float = 20.0) -> str:
    """read_article in a thread; a read that hangs (a pipe with no writer) fails the test, not the suite."""
    outcome: list[object] = []

    def read() -> None:
        try:
            outcome.append(read_article(source, max_chars=max_chars).text)
        except BaseException as err:  # MemoryError from an endless device is an answer too
            outcome.append(err)

    worker = threading.Thread(target=read, daemon=True)
    worker.start()
    worker.join(seconds)
    assert outcome, f"reading {source} did not return within {seconds} s"
    if isinstance(outcome[0], BaseException):
        raise outcome[0]
    return str(outcome[0])


def test_a_named_pipe_is_refused_at_once(tmp_path: Path) -> None:
    pipe = tmp_path / "news.txt"
    os.mkfifo(pipe)
    with pytest.raises(InputError, match="is a named pipe, not a regular file"):
        read_within(str(pipe), max_chars=1000)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_an_endless_device_is_refused_without_reading_it() -> None:
    with pytest.raises(InputError, match="is a character device, not a regular file"):
        read_within("/dev/zero", max_chars=1000, seconds=60)


def test_a_file_over_the_limit_is_refused_by_its_size(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("ประชุม" * 3000, encoding="utf-8")
    with pytest.raises(InputError, match="over the limit of 1,000 characters"):
        read_within(str(big), max_chars=1000)


def test_a_regular_file_is_read(tmp_path: Path) -> None:
    news = tmp_path / "news.txt"
    news.write_text("ประชุมครูแกนนำ ณ โรงเรียนบ้านนา", encoding="utf-8")
    assert read_within(str(news), max_chars=1000) == "ประชุมครูแกนนำ ณ โรงเรียนบ้านนา"


def test_cli_names_the_pipe_and_goes_on_with_the_other_files(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.txt"
    os.mkfifo(pipe)
    news = tmp_path / "news.txt"
    news.write_text("ประชุมครูแกนนำวิทยาการคำนวณ วันที่ 5 มิถุนายน 2567 ณ โรงเรียนบ้านนา จังหวัดตรัง", encoding="utf-8")
    environment = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}"}
    result = subprocess.run(
        [*PRACHUM, "add", str(pipe), str(news)], capture_output=True, text=True, env=environment, timeout=60
    )
    assert result.returncode == 1
    assert (
        f"failed: {pipe}: is a named pipe, not a regular file; only article files are read" in result.stderr
    )
    assert "added 1" in result.stdout
