"""The web console in a real browser: Debian's headless Chromium driven by Selenium, and a live server."""

from __future__ import annotations

import os
import shutil
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from bot.app import create_app
from bot.settings import Settings
from handlers.admin import add_text
from store.db import make_engine, session_scope
from store.migrate import upgrade
from tests.fakes.line_server import _free_port

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"


def require_browser() -> None:
    """Skip with the reason on a laptop without Chromium; under CI=true a missing browser fails."""
    missing = [path for path in (CHROMIUM, CHROMEDRIVER) if not shutil.which(path)]
    if missing:
        message = f"browser tests need Debian's chromium and chromium-driver ({', '.join(missing)} missing)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)


@contextmanager
def live_server(
    database_url: str, samples: Path, admin_token: str, review_below: float = 0.7, **overrides: Any
) -> Iterator[str]:
    engine = make_engine(database_url)
    upgrade(engine)
    with session_scope(engine) as session:
        for path in sorted(samples.glob("*.txt")):
            add_text(session, source=path.name, text=path.read_text(encoding="utf-8"), added_by="test")
    engine.dispose()
    settings = Settings(
        database_url=database_url, admin_token=admin_token, review_below=review_below, **overrides
    )  # type: ignore[arg-type]
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="error")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@contextmanager
def chromium(width: int = 1280, height: int = 900) -> Iterator[Any]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     f"--window-size={width},{height}", "--lang=th-TH"):  # fmt: skip
        options.add_argument(argument)
    driver = webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))
    driver.implicitly_wait(0)
    try:
        yield driver
    finally:
        driver.quit()
