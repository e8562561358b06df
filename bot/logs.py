"""One logging set-up for serve, worker and CLI: LOG_LEVEL, LOG_FORMAT=text|json, context on every line.

Lines about an event carry its `webhookEventId` and chat type, digest lines their run key (set with
`log_context`). Configured values that are secrets are masked in every line, whatever logged them.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any

from bot.settings import Settings

_context: ContextVar[dict[str, str]] = ContextVar("prachum_log_context", default={})  # noqa: B039
HANDLER_NAME = "prachum"


@contextmanager
def log_context(**fields: str | None) -> Iterator[None]:
    """Fields added to every log line written inside the block (in this thread or task)."""
    token = _context.set({**_context.get(), **{k: v for k, v in fields.items() if v}})
    try:
        yield
    finally:
        _context.reset(token)


def _with_context(factory: Callable[..., logging.LogRecord]) -> Callable[..., logging.LogRecord]:
    def make(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = factory(*args, **kwargs)
        record.context = dict(_context.get())
        return record

    make.adds_context = True  # type: ignore[attr-defined]
    return make


class _Secrets(logging.Filter):
    def __init__(self, secrets: list[str]) -> None:
        super().__init__()
        self.secrets = [s for s in secrets if len(s) >= 8]

    def filter(self, record: logging.LogRecord) -> bool:
        if self.secrets:
            message = record.getMessage()
            masked = message
            for secret in self.secrets:
                masked = masked.replace(secret, "***")
            if masked != message:
                record.msg, record.args = masked, None
        return True


class _Text(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line = super().format(record)
        context = getattr(record, "context", {})
        if context:
            line += " " + " ".join(f"{key}={value}" for key, value in context.items())
        return line


class _Json(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
            **getattr(record, "context", {}),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def setup_logging(settings: Settings) -> None:
    """Route `prachum.*`, uvicorn's and the rest to standard error in one format; safe to call again."""
    factory = logging.getLogRecordFactory()
    if not getattr(factory, "adds_context", False):
        logging.setLogRecordFactory(_with_context(factory))
    handler = logging.StreamHandler(sys.stderr)
    handler.set_name(HANDLER_NAME)
    handler.setFormatter(
        _Json() if settings.log_format == "json" else _Text("%(asctime)s %(levelname)s %(name)s: %(message)s")
    )
    secrets = [
        value.get_secret_value()
        for value in (settings.line_channel_secret, settings.line_channel_access_token, settings.admin_token)
        if value is not None
    ]
    handler.addFilter(_Secrets(secrets))
    root = logging.getLogger()
    for old in [h for h in root.handlers if h.get_name() == HANDLER_NAME]:
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(settings.log_level)
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        logger = logging.getLogger(name)
        logger.handlers.clear()
        logger.propagate = True
    quiet = "DEBUG" if settings.log_level == "DEBUG" else "WARNING"
    for name in ("alembic", "httpx"):  # a line per migration step or request is noise at INFO
        logging.getLogger(name).setLevel(quiet)
