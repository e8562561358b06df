"""Log lines: one format for every process, the event or run they are about, and never a secret."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from bot.logs import log_context, setup_logging
from bot.settings import Settings
from fakeline.server import free_port

TOKEN = "channel-token-" + "z" * 30


def test_json_lines_carry_the_event_and_chat_type_and_mask_the_token(
    capsys: pytest.CaptureFixture[str],
) -> None:
    setup_logging(Settings(log_format="json", line_channel_access_token=TOKEN))  # type: ignore[arg-type]
    with log_context(webhookEventId="01HEVENT", chat_type="group"):
        logging.getLogger("prachum.line").warning("LINE refused: Bearer %s", TOKEN)
    [line] = [json.loads(text) for text in capsys.readouterr().err.splitlines() if "LINE refused" in text]
    assert {k: line[k] for k in ("level", "logger", "message", "webhookEventId", "chat_type")} == {
        "level": "warning", "logger": "prachum.line", "message": "LINE refused: Bearer ***",
        "webhookEventId": "01HEVENT", "chat_type": "group",
    }  # fmt: skip


def test_text_lines_end_with_the_run_key_and_info_is_shown_by_default(
    capsys: pytest.CaptureFixture[str],
) -> None:
    setup_logging(Settings())
    with log_context(run="daily-2026-11-20"):
        logging.getLogger("prachum.digest").info("digest sent to 3 chats")
    [line] = [text for text in capsys.readouterr().err.splitlines() if "digest sent" in text]
    assert line.endswith("INFO prachum.digest: digest sent to 3 chats run=daily-2026-11-20")


def test_log_level_warning_hides_info(capsys: pytest.CaptureFixture[str]) -> None:
    setup_logging(Settings(log_level="warning"))  # type: ignore[arg-type]
    logging.getLogger("prachum.digest").info("digest sent")
    assert "digest sent" not in capsys.readouterr().err


def test_prachum_info_lines_show_under_uvicorn_with_the_procfile_command(tmp_path: Path) -> None:
    """`uvicorn bot.app:create_app --factory` (the Procfile's web line) shows our INFO lines, and its own."""
    port = free_port()
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path}/logs.db", "LINE_CHANNEL_SECRET": "s" * 32,
           "LINE_CHANNEL_ACCESS_TOKEN": TOKEN, "LINE_API_HOST": "http://127.0.0.1:9",
           "EVENT_WORKER": "thread", "DIGEST_ENABLED": "false"}  # fmt: skip
    command = [sys.executable, "-m", "uvicorn", "bot.app:create_app", "--factory", "--port", str(port)]
    with (tmp_path / "web.log").open("wb") as out:
        server = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
    finally:
        server.terminate()
        server.wait(30)
    output = (tmp_path / "web.log").read_text()
    assert " INFO prachum.worker: event worker " in output
    assert " INFO uvicorn.error: Application startup complete." in output
    assert TOKEN not in output
