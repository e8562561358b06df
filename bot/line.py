"""The only module that talks to LINE's Messaging API: one client, built once, with its errors mapped."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from linebot.v3.messaging import (
    ApiClient,
    ApiException,
    Configuration,
    Message,
    MessagingApi,
    ReplyMessageRequest,
)

from bot.settings import Settings

log = logging.getLogger("prachum.line")
TIMEOUT_SECONDS = 10


@dataclass
class LineClient:
    api_client: ApiClient
    messaging: MessagingApi

    def close(self) -> None:
        self.api_client.close()

    def reply(self, reply_token: str, messages: Sequence[Message]) -> bool:
        """Send a reply; a refused token (expired or used) or any LINE error is logged, never retried."""
        try:
            self.messaging.reply_message(
                ReplyMessageRequest(reply_token=reply_token, messages=list(messages)[:5]),
                _request_timeout=TIMEOUT_SECONDS,
            )
            return True
        except ApiException as err:
            log.warning("LINE refused a reply: %s", describe_error(err))
            return False


def describe_error(err: ApiException) -> str:
    """Status, LINE's request id and message, and nothing that carries the access token."""
    headers: Any = err.headers or {}
    request_id = headers.get("x-line-request-id", "-") if hasattr(headers, "get") else "-"
    body = (err.body or "")[:300] if isinstance(err.body, str) else ""
    return f"status={err.status} request_id={request_id} body={body}"


def make_line_client(settings: Settings) -> LineClient | None:
    """The client, pointed at LINE_API_HOST when it is set (every endpoint, blob included)."""
    if settings.line_channel_access_token is None:
        return None
    configuration = Configuration(
        access_token=settings.line_channel_access_token.get_secret_value(), host=settings.line_api_host
    )
    api_client = ApiClient(configuration)
    return LineClient(api_client, MessagingApi(api_client))
