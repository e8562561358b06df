"""The one configuration object, read from the environment and an optional `.env`."""

from __future__ import annotations

import re
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

DEFAULT_DATABASE_URL = "sqlite:///data/prachum.db"


class SettingsError(Exception):
    """A setting is missing or malformed; the message names the variable."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    database_url: str = DEFAULT_DATABASE_URL
    line_channel_secret: SecretStr | None = None
    line_channel_access_token: SecretStr | None = None
    line_api_host: str | None = None
    line_api_data_host: str | None = None  # api-data.line.me (rich menu images); default: as LINE_API_HOST
    loading_after_seconds: float = Field(default=1.0, ge=0, le=60)  # a slower answer shows LINE's animation
    admin_user_ids: Annotated[frozenset[str], NoDecode] = frozenset()
    admin_token: SecretStr | None = None
    digest_time: str = "07:00"
    reminder_time: str = "16:00"  # "เตือนฉัน": pushed the day before the meeting at this time (TIMEZONE)
    public_base_url: str | None = None  # where LINE users reach this server: calendar links and .ics buttons
    event_worker: Literal["process", "thread", "none"] = "process"  # who `serve` starts to answer events
    event_concurrency: int = Field(default=8, ge=1, le=64)  # events one worker handles (and claims) at once
    event_lease_seconds: float = Field(default=30.0, ge=1)  # a dead worker's events are taken after this
    event_poll_seconds: float = Field(default=0.2, gt=0, le=10)  # an idle worker looks for events this often
    event_max_attempts: int = Field(default=5, ge=1)  # an event that fails this often is given up (logged)
    event_retention_days: int = Field(default=7, ge=1)  # answered events are kept this long
    worker_drain_seconds: float = Field(default=20.0, ge=0)  # SIGTERM: time to finish what is held
    late_answer: Literal["push", "drop"] = "push"  # an answer whose reply token is too old
    reply_token_seconds: float = Field(default=50.0, gt=0)  # a reply token older than this is too old
    digest_enabled: bool = True  # DIGEST_ENABLED=false: this process never sends the digest
    local_inbox: bool = False  # no LINE channel: the digest and reminders reach the chat page's browsers
    digest_retry_minutes: int = Field(default=10, ge=1, le=720)  # a cut-off digest is tried again this often
    digest_retry_until: str = "12:00"  # ... until this time of the same day
    delivery_retention_days: int = Field(default=30, ge=1)  # digest deliveries are kept this long
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    log_format: Literal["text", "json"] = "text"
    timezone: str = "Asia/Bangkok"
    allow_private_urls: bool = False
    max_article_chars: int = Field(default=200_000, gt=0)
    review_below: float = Field(default=0.7, gt=0, le=1)  # /admin lists meetings with a field less sure
    source_poll_minutes: int = Field(default=30, ge=0, le=7 * 24 * 60)  # 0: this process polls no source
    source_first_items: int = Field(default=20, ge=1, le=1000)
    source_fail_days: float = Field(default=3.0, gt=0, le=365)
    source_host_pause: float = Field(default=2.0, ge=0, le=600)  # seconds between two requests to one host
    source_timeout: float = Field(default=10.0, gt=0, le=120)  # seconds per request

    @field_validator("database_url")
    @classmethod
    def _database_url(cls, value: str) -> str:
        value = value.strip()
        for prefix in ("postgres://", "postgresql://"):
            if value.startswith(prefix):
                return "postgresql+psycopg://" + value[len(prefix) :]
        if not value.startswith(("sqlite://", "postgresql+psycopg://")):
            raise ValueError("must start with sqlite://, postgres:// or postgresql://")
        return value

    @field_validator("line_channel_secret", "line_channel_access_token", mode="before")
    @classmethod
    def _blank_is_unset(cls, value: object) -> object:
        """`LINE_CHANNEL_ACCESS_TOKEN=` as .env.example has it means no channel, not an empty token."""
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("line_api_host", "line_api_data_host")
    @classmethod
    def _line_api_host(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        value = value.strip().rstrip("/")
        if not re.match(r"^https?://[^/\s]+$", value):
            raise ValueError("must be a base URL such as http://127.0.0.1:8080")
        return value

    @field_validator("public_base_url")
    @classmethod
    def _public_base_url(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        value = value.strip().rstrip("/")
        if not re.match(r"^https?://[^/\s?#]+(/[^\s?#]*)?$", value):
            raise ValueError("must be the server's public address, such as https://prachum.example.go.th")
        return value

    @field_validator("admin_user_ids", mode="before")
    @classmethod
    def _admin_user_ids(cls, value: object) -> frozenset[str]:
        if isinstance(value, str):
            ids = [part.strip() for part in value.split(",") if part.strip()]
        elif isinstance(value, (list, tuple, set, frozenset)):
            ids = [str(part).strip() for part in value]
        else:
            raise ValueError("must be LINE user ids separated by commas")
        bad = [i for i in ids if not re.fullmatch(r"[UCR][0-9a-f]{32}|[\w.-]{1,64}", i)]
        if bad:
            raise ValueError(f"{bad[0]!r} is not a LINE user id")
        return frozenset(ids)

    @field_validator("log_level", mode="before")
    @classmethod
    def _log_level(cls, value: object) -> object:
        return value.strip().upper() if isinstance(value, str) else value

    @field_validator("digest_time", "digest_retry_until", "reminder_time")
    @classmethod
    def _digest_time(cls, value: str) -> str:
        match = re.fullmatch(r"\s*(\d{1,2}):(\d{2})\s*", value)
        if not match or int(match[1]) > 23 or int(match[2]) > 59:
            raise ValueError("must be HH:MM, such as 07:00")
        return f"{int(match[1]):02d}:{match[2]}"

    @field_validator("timezone")
    @classmethod
    def _timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as err:
            raise ValueError(f"{value!r} is not a known time zone") from err
        return value

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def line_enabled(self) -> bool:
        return self.line_channel_secret is not None and self.line_channel_access_token is not None


def settings_env(settings: Settings) -> dict[str, str]:
    """The settings as environment variables, for a child process to read back the same values."""
    env: dict[str, str] = {}
    for name in type(settings).model_fields:
        value = getattr(settings, name)
        if value is None:
            continue
        if isinstance(value, SecretStr):
            value = value.get_secret_value()
        elif isinstance(value, frozenset):
            value = ",".join(sorted(value))
        elif isinstance(value, bool):
            value = "true" if value else "false"
        env[name.upper()] = str(value)
    return env


def load_settings(**overrides: object) -> Settings:
    """Settings from the environment, or a SettingsError naming the first bad variable."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as err:
        first = err.errors()[0]
        name = str(first["loc"][0]).upper() if first["loc"] else "settings"
        message = str(first["msg"]).removeprefix("Value error, ")
        raise SettingsError(f"{name}: {message}") from None
