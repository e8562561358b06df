"""What every fuzz test asserts besides the status: nothing in the log carries a traceback."""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, settings

from tests.bot.conftest import SECRET, Chat, running_chat

# Bounded and repeatable: the same examples on every run, no example database, in CI as on a laptop.
settings.register_profile(
    "fuzz",
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                           HealthCheck.data_too_large, HealthCheck.filter_too_much],
    print_blob=False,
)  # fmt: skip
FUZZ = settings.get_profile("fuzz")


def tracebacks(caplog: pytest.LogCaptureFixture) -> list[str]:
    """Log records at any level that carry an exception or a printed traceback."""
    return [
        f"{record.name}: {record.getMessage()[:300]}"
        for record in caplog.records
        if record.exc_info or "Traceback" in record.getMessage()
    ]


@pytest.fixture(autouse=True)
def log_everything(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)


ADMIN_TOKEN = "fuzz-admin-" + "t" * 24


@pytest.fixture
def chat(sqlite_url: str) -> Iterator[Chat]:
    """The bot with LINE configured, the sample articles, and the admin API on."""
    with running_chat(sqlite_url, admin_token=ADMIN_TOKEN) as chat:
        yield chat


def sign_bytes(body: bytes) -> str:
    return base64.b64encode(hmac.new(SECRET.encode(), body, hashlib.sha256).digest()).decode()
