"""Settings: read from the environment, normalised, and a bad value names its variable."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.settings import SettingsError, load_settings


def test_defaults_need_no_configuration() -> None:
    """A newcomer with no .env gets a SQLite file under ./data/ and LINE switched off."""
    settings = load_settings()
    assert settings.database_url == "sqlite:///data/prachum.db"
    assert not settings.line_enabled
    assert settings.digest_time == "07:00"
    assert settings.timezone == "Asia/Bangkok"


def test_postgres_url_is_mapped_to_psycopg(monkeypatch: pytest.MonkeyPatch) -> None:
    """Heroku-style postgres:// URLs work as they are given."""
    monkeypatch.setenv("DATABASE_URL", "postgres://u:p@db:5432/prachum")
    assert load_settings().database_url == "postgresql+psycopg://u:p@db:5432/prachum"


def test_admin_user_ids_are_comma_separated(monkeypatch: pytest.MonkeyPatch) -> None:
    """ADMIN_USER_IDS is a plain comma separated list, spaces allowed."""
    a, b = "U" + "a" * 32, "U" + "b" * 32
    monkeypatch.setenv("ADMIN_USER_IDS", f"{a}, {b},")
    assert load_settings().admin_user_ids == frozenset({a, b})


def test_env_file_is_read(tmp_path: Path) -> None:
    """An optional .env in the working folder is read."""
    (tmp_path / ".env").write_text("DIGEST_TIME=6:30\n", encoding="utf-8")
    assert load_settings().digest_time == "06:30"


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("DATABASE_URL", "mysql://x"),
        ("DIGEST_TIME", "25:00"),
        ("DIGEST_TIME", "seven"),
        ("TIMEZONE", "Mars/Olympus"),
        ("LINE_API_HOST", "not a url"),
        ("ADMIN_USER_IDS", "U123 456"),
        ("MAX_ARTICLE_CHARS", "-5"),
    ],
)
def test_bad_value_names_the_variable(monkeypatch: pytest.MonkeyPatch, name: str, value: str) -> None:
    """Start-up stops with one line that says which variable is wrong."""
    monkeypatch.setenv(name, value)
    with pytest.raises(SettingsError) as error:
        load_settings()
    assert str(error.value).startswith(f"{name}:")
    assert "\n" not in str(error.value)
