"""Webhook bodies signed the way LINE signs them."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from typing import Any


def sign(body: str, secret: str) -> str:
    digest = hmac.new(secret.encode(), body.encode("utf-8"), hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


def body_of(*events: dict[str, Any]) -> str:
    return json.dumps({"destination": "U" + "0" * 32, "events": list(events)}, ensure_ascii=False)
