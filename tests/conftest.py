"""Shared fixtures: a clean environment, and a fresh migrated database per test on each engine."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text

from bot.settings import Settings
from store.db import make_engine
from store.migrate import upgrade
from tests.fakes.names import Names, installed

SETTING_NAMES = tuple(name.upper() for name in Settings.model_fields)
os.environ["PYTHAINLP_OFFLINE"] = "1"  # nothing may download at run time: a test that tries fails
POSTGRES_ADMIN_URL = os.environ.get(
    "PRACHUM_TEST_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
SHARED = Path(__file__).resolve().parents[2] / "shared"
SEEDS = SHARED / "seeds"


def require_shared(path: Path) -> None:
    """Skip with the reason when ../shared/ is not beside the project; under CI=true its absence fails."""
    if not path.exists():
        message = f"{path} is not there (../shared/ beside the project)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)


SAMPLES = Path(__file__).resolve().parents[1] / "samples"


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No developer's .env or exported variable leaks into a test."""
    for name in SETTING_NAMES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)


@pytest.fixture(autouse=True)
def names(monkeypatch: pytest.MonkeyPatch) -> Iterator[Names]:
    """No test resolves a real name or connects past 127.0.0.1: names answer from the test's own table."""
    yield from installed(Names(), monkeypatch.setattr)


def _postgres_reachable() -> str | None:
    try:
        engine = create_engine(POSTGRES_ADMIN_URL, connect_args={"connect_timeout": 3})
        with engine.connect():
            pass
        engine.dispose()
        return None
    except Exception as err:
        return f"{type(err).__name__}: {str(err).splitlines()[0]}"


@pytest.fixture(scope="session")
def postgres_admin() -> Iterator[Engine]:
    problem = _postgres_reachable()
    if problem:
        if os.environ.get("CI") == "true":
            pytest.fail(f"PostgreSQL at {POSTGRES_ADMIN_URL} is required under CI=true: {problem}")
        pytest.skip(f"PostgreSQL at {POSTGRES_ADMIN_URL} is not reachable ({problem}); CI runs these")
    engine = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    yield engine
    engine.dispose()


@pytest.fixture
def postgres_url(postgres_admin: Engine) -> Iterator[str]:
    """A database of this test's own, created and dropped around it."""
    name = f"prachum_test_{uuid.uuid4().hex[:12]}"
    with postgres_admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + "/" + name
    yield url
    with postgres_admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path}/prachum.db"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest) -> str:
    if request.param == "sqlite":
        return str(request.getfixturevalue("sqlite_url"))
    return str(request.getfixturevalue("postgres_url"))


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    engine = make_engine(database_url)
    upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def sqlite_engine(sqlite_url: str) -> Iterator[Engine]:
    engine = make_engine(sqlite_url)
    upgrade(engine)
    yield engine
    engine.dispose()
