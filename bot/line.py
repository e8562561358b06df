"""The only module that talks to LINE's Messaging API: one client, built once, with its errors mapped."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from linebot.v3.messaging import (
    ApiClient,
    ApiException,
    Configuration,
    MessagingApi,
    MessagingApiBlob,
    ShowLoadingAnimationRequest,
)
from urllib3.exceptions import HTTPError

from bot.settings import Settings
from handlers.replies import Message

log = logging.getLogger("prachum.line")
TIMEOUT_SECONDS = 10
LOADING_SECONDS = 20  # LINE's animation stops at the answer, or after this (5 to 60, a multiple of 5)


@dataclass
class LineClient:
    api_client: ApiClient
    messaging: MessagingApi
    blob: MessagingApiBlob  # api-data.line.me: uploads (rich menu images)
    blob_client: ApiClient | None = None  # its own client when its host differs from the API's

    def close(self) -> None:
        self.api_client.close()
        if self.blob_client is not None:
            self.blob_client.close()

    def show_loading(self, user_id: str, seconds: int = LOADING_SECONDS) -> bool:
        """Start LINE's loading animation in a one-to-one chat; a refusal only costs the animation."""
        request = ShowLoadingAnimationRequest(chat_id=user_id, loading_seconds=seconds)
        try:
            self.messaging.show_loading_animation(request, _request_timeout=TIMEOUT_SECONDS)
            return True
        except ApiException as err:
            log.warning("LINE refused the loading animation: %s", describe_error(err))
        except (HTTPError, OSError) as err:
            log.warning("LINE could not be reached for the loading animation: %s", type(err).__name__)
        except Exception as err:  # a 2xx whose body is not the documented shape: the animation is on
            log.warning("LINE's loading animation answer could not be read: %s", type(err).__name__)
            return True
        return False

    def reply(self, reply_token: str, messages: Sequence[Message]) -> bool:
        """Send a reply; a refused token (expired or used) or any LINE error is logged, never retried."""
        body = {"replyToken": reply_token, "messages": list(messages)[:5]}
        try:
            _accepted("reply", lambda: self._post("/v2/bot/message/reply", body))
            return True
        except ApiException as err:
            log.log(*_reply_problem(err))
            return False
        except (HTTPError, OSError) as err:
            log.warning("LINE could not be reached for a reply: %s", type(err).__name__)
            return False

    def _post(self, path: str, body: dict[str, Any], retry_key: str | None = None) -> None:
        """POST a body that is LINE's JSON already, through the SDK's client (its pool, token, errors).

        Handlers build messages as LINE's JSON. The SDK's typed calls would turn them into its pydantic
        models and back into JSON, which cost more CPU than making the answer (a carousel is hundreds
        of models); its `call_api` takes the dict as it is. LINE checks the body (the fake LINE API
        checks it against the spec); a 2xx answer is read as JSON, not as models.
        """
        headers = {"Accept": "application/json", "Content-Type": "application/json"}
        if retry_key:
            headers["X-Line-Retry-Key"] = retry_key
        response = self.api_client.call_api(
            path, "POST", header_params=headers, body=JsonBody(body), response_types_map={},
            auth_settings=["Bearer"], _host=self.messaging.line_base_path, _request_timeout=TIMEOUT_SECONDS,
        )  # fmt: skip
        _read_sent(path, response.raw_data)

    def remaining_quota(self) -> int | None:
        """Messages left this month (None: no limit); raises QuotaUnknownError when LINE cannot say."""
        try:
            quota = self.messaging.get_message_quota(_request_timeout=TIMEOUT_SECONDS)
            if quota.type != "limited" or quota.value is None:
                return None
            used = self.messaging.get_message_quota_consumption(_request_timeout=TIMEOUT_SECONDS)
            return int(quota.value) - int(used.total_usage)
        except ApiException as err:
            raise QuotaUnknownError(describe_error(err)) from None
        except (HTTPError, OSError) as err:
            raise QuotaUnknownError(f"network: {type(err).__name__}") from None
        except Exception as err:  # a 2xx whose body is not the documented shape
            raise QuotaUnknownError(f"unreadable answer: {type(err).__name__}") from None

    def deliver(self, to: Sequence[str], messages: Sequence[Message], retry_key: str) -> Outcome:
        """Push to one chat or multicast to many users, with a retry key LINE uses to drop a resend."""
        messages = list(messages)[:5]
        try:
            if len(to) == 1:
                push = {"to": to[0], "messages": messages}
                _accepted("push", lambda: self._post("/v2/bot/message/push", push, retry_key))
            else:
                multicast = {"to": list(to), "messages": messages}
                _accepted("multicast", lambda: self._post("/v2/bot/message/multicast", multicast, retry_key))
            return Outcome("sent")
        except ApiException as err:
            outcome = classify(err)
            log.warning("LINE refused a digest (%s): %s", outcome.status, outcome.detail)
            return outcome
        except (HTTPError, OSError) as err:
            return Outcome("retry", f"network: {type(err).__name__}")


class NoChannel:
    """LINE's stand-in where no channel is configured (`LOCAL_INBOX=true`, as `make run` does): the digest
    and the reminders still run, the chat page's browsers find theirs in the inbox, and a LINE chat,
    which cannot be reached, has its delivery closed as failed with the reason."""

    def remaining_quota(self) -> int | None:
        return None

    def deliver(self, to: Sequence[str], messages: Sequence[Message], retry_key: str) -> Outcome:
        return Outcome("failed", "no LINE channel is configured (LINE_CHANNEL_ACCESS_TOKEN)")

    def close(self) -> None:
        pass


Sender = LineClient | NoChannel  # what the digest and the reminders send through


def make_sender(settings: Settings) -> Sender | None:
    """The LINE client, else (with LOCAL_INBOX) the stand-in that serves the chat page alone, else None."""
    return sender_for(make_line_client(settings), settings)


def sender_for(line: LineClient | None, settings: Settings) -> Sender | None:
    """What the digest and the reminders send through, given the process's LINE client (or none)."""
    if line is None and settings.local_inbox:
        return NoChannel()
    return line


class JsonBody(dict[str, Any]):
    """A request body that is LINE's JSON already: `JsonApiClient` sends it as it is."""


class JsonApiClient(ApiClient):  # type: ignore[misc]
    """The SDK's client, except that a `JsonBody` skips its walk through every value of the body (a
    carousel has thousands), which only rebuilds a JSON-ready dict as the same dict."""

    def sanitize_for_serialization(self, obj: Any) -> Any:
        if isinstance(obj, JsonBody):
            return obj
        return super().sanitize_for_serialization(obj)


def _accepted(what: str, send: Callable[[], object]) -> None:
    """Make an SDK call; a 2xx counts as sent whatever its body, and an unreadable body is logged.

    The SDK raises ApiException for any other status before it reads the body, so anything else
    it raises (a body that is not JSON, not UTF-8, or not the documented shape) comes after LINE
    accepted the request: treating it as a failure would leave the digest "running" and resend it.
    """
    try:
        send()
    except (ApiException, HTTPError, OSError):
        raise
    except Exception as err:
        log.warning("LINE accepted a %s but its answer could not be read (%s: %s); counted as sent",
                    what, type(err).__name__, str(err)[:200])  # fmt: skip


def _read_sent(path: str, raw: object) -> None:
    """Raise ValueError unless a 2xx body is LINE's documented answer: `sentMessages` for a reply or a
    push, any JSON object for a multicast (what the SDK's models would have refused)."""
    data = json.loads(raw if isinstance(raw, (str, bytes)) else "")
    if not isinstance(data, dict):
        raise ValueError("the answer is not a JSON object")
    if not path.endswith("/multicast") and not isinstance(data.get("sentMessages"), list):
        raise ValueError("the answer has no sentMessages list")


class QuotaUnknownError(Exception):
    """LINE did not answer the quota or consumption read."""


@dataclass(frozen=True)
class Outcome:
    """What a send came to: sent, retry (429, 5xx, network), limit (monthly quota) or failed (4xx)."""

    status: str
    detail: str = ""


def classify(err: ApiException) -> Outcome:
    detail = describe_error(err)
    status = err.status or 0
    if status == 409:  # the retry key was accepted before: this digest already went out
        return Outcome("sent", detail)
    if status == 429:
        return Outcome("limit" if "monthly limit" in detail.lower() else "retry", detail)
    if status >= 500:
        return Outcome("retry", detail)
    return Outcome("failed", detail)


def _reply_problem(err: ApiException) -> tuple[int, str, str]:
    """A log level and line for a refused reply: what it means and what to do, never the token."""
    status = err.status or 0
    if status in (401, 403):
        meaning = "the channel access token was refused: check LINE_CHANNEL_ACCESS_TOKEN"
        return logging.ERROR, f"LINE refused a reply ({meaning}): %s", describe_error(err)
    if status == 429:
        meaning = "rate or monthly limit reached; the reply is dropped"
    elif status >= 500:
        meaning = "LINE's server failed; a reply token cannot be reused, so it is not retried"
    else:
        meaning = "expired or used reply token, or a message LINE does not accept"
    return logging.WARNING, f"LINE refused a reply ({meaning}): %s", describe_error(err)


def describe_error(err: ApiException) -> str:
    """Status, LINE's request id and message, and nothing that carries the access token."""
    headers: Any = err.headers or {}
    request_id = headers.get("x-line-request-id", "-") if hasattr(headers, "get") else "-"
    body = (err.body or "")[:300] if isinstance(err.body, str) else ""
    return f"status={err.status} request_id={request_id} body={body}"


def make_line_client(settings: Settings) -> LineClient | None:
    """The client, pointed at LINE_API_HOST when it is set, and uploads at LINE_API_DATA_HOST.

    The SDK sends uploads to api-data.line.me unless a host is configured, and then sends everything to
    that host; a second client keeps the two apart when LINE_API_DATA_HOST names its own.
    """
    if settings.line_channel_access_token is None:
        return None
    token = settings.line_channel_access_token.get_secret_value()
    configuration = Configuration(access_token=token, host=settings.line_api_host)
    # One connection for each event a worker answers at once (the SDK keeps five per CPU): a full pool
    # opens and drops a connection for every further answer.
    configuration.connection_pool_maxsize = max(
        configuration.connection_pool_maxsize, settings.event_concurrency + 2
    )
    api_client = JsonApiClient(configuration)
    data_host = settings.line_api_data_host or settings.line_api_host
    if data_host == settings.line_api_host:
        return LineClient(api_client, MessagingApi(api_client), MessagingApiBlob(api_client))
    blob_client = ApiClient(Configuration(access_token=token, host=data_host))
    return LineClient(api_client, MessagingApi(api_client), MessagingApiBlob(blob_client), blob_client)
