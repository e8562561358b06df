"""The fake's rich menus and loading animation: LINE's state for them, and what LINE answers.

Which host an operation belongs on (api.line.me or api-data.line.me) is read from the spec, so an
upload sent to the wrong host is refused just as LINE would refuse it (404).
"""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import dataclass, field
from typing import Any

from fakeline.spec import (
    data_host,
    loading_limits,
    operation,
    request_schema,
    rich_menu_image_problem,
    rich_menu_limits,
    validate,
)

PATHS = re.compile(r"^/v2/bot/(richmenu|user/all/richmenu|chat/loading/start)(/|$)")


@dataclass
class Answer:
    status: int
    body: Any = None  # JSON, or bytes for an image download
    content_type: str = "application/json"


@dataclass
class RichMenus:
    menus: dict[str, dict[str, Any]] = field(default_factory=dict)  # id -> the menu as LINE answers it
    images: dict[str, tuple[bytes, str]] = field(default_factory=dict)  # id -> (image, content type)
    default: str | None = None
    loading: list[dict[str, Any]] = field(default_factory=list)  # each ShowLoadingAnimationRequest body
    calls: list[str] = field(default_factory=list)  # "METHOD /route @host", in order, for tests

    @staticmethod
    def handles(route: str) -> bool:
        return bool(PATHS.match(route))

    def answer(
        self,
        method: str,
        route: str,
        body: bytes,
        content_type: str,
        *,
        on_data_host: bool,
        problems: list[str],
    ) -> Answer:
        found = operation(method, route)
        if found is None:
            problems.append(f"unexpected call {method} {route}")
            return Answer(404, {"message": "Not found"})
        template, op = found
        if data_host(op) != on_data_host:
            wanted = "api-data.line.me" if data_host(op) else "api.line.me"
            problems.append(f"{method} {route} was sent to the wrong host: it belongs on {wanted}")
            return Answer(404, {"message": "Not found"})
        self.calls.append(f"{method} {template}" + (" @api-data" if on_data_host else ""))
        schema = request_schema(op)
        parsed: Any = None
        if schema is not None:
            try:
                parsed = json.loads(body)
            except ValueError:
                problems.append(f"{route}: the body is not JSON")
                return Answer(400, {"message": "The request body is not JSON"})
            errors = validate(schema, parsed) or self._limits(schema, parsed)
            if errors:
                problems.append(f"{route}: {errors}")
                return Answer(400, {"message": "The request body has 1 error(s)", "details": errors})
        answer = self._act(method, template, route, parsed, body, content_type)
        if answer.status >= 400:
            problems.append(f"{method} {route}: LINE would answer {answer.status} {answer.body}")
        return answer

    @staticmethod
    def _limits(schema: str, body: Any) -> list[str]:
        if schema == "RichMenuRequest":
            return rich_menu_limits(body)
        if schema == "ShowLoadingAnimationRequest":
            return loading_limits(body)
        return []

    def _act(self, method: str, template: str, route: str, body: Any, raw: bytes, kind: str) -> Answer:
        menu_id = route.split("/")[-2 if route.endswith("/content") else -1]
        if template == "/v2/bot/chat/loading/start":
            self.loading.append(body)
            return Answer(202, {})
        if template == "/v2/bot/richmenu" and method == "POST":
            menu_id = f"richmenu-{uuid.uuid4().hex}"
            self.menus[menu_id] = {"richMenuId": menu_id, **body}
            return Answer(200, {"richMenuId": menu_id})
        if template == "/v2/bot/richmenu/list":
            return Answer(200, {"richmenus": list(self.menus.values())})
        if template == "/v2/bot/user/all/richmenu":
            if method == "DELETE":
                self.default = None
                return Answer(200, {})
            if self.default is None:  # LINE's answer when none is set; a caller should expect it
                return Answer(404, {"message": "no default rich menu"})
            return Answer(200, {"richMenuId": self.default})
        if menu_id not in self.menus:
            return Answer(404, {"message": f"rich menu not found: {menu_id}"})
        if template == "/v2/bot/richmenu/{richMenuId}/content":
            return self._content(method, menu_id, raw, kind)
        if template == "/v2/bot/user/all/richmenu/{richMenuId}":
            if menu_id not in self.images:
                return Answer(400, {"message": "An image has not been uploaded to the rich menu"})
            self.default = menu_id
            return Answer(200, {})
        if method == "DELETE":
            del self.menus[menu_id]
            self.images.pop(menu_id, None)
            self.default = None if self.default == menu_id else self.default
            return Answer(200, {})
        return Answer(200, self.menus[menu_id])

    def _content(self, method: str, menu_id: str, image: bytes, kind: str) -> Answer:
        if method == "GET":
            if menu_id not in self.images:
                return Answer(404, {"message": "no image"})
            stored, stored_kind = self.images[menu_id]
            return Answer(200, stored, stored_kind)
        if menu_id in self.images:
            return Answer(400, {"message": "An image has already been uploaded to the rich menu"})
        problem = rich_menu_image_problem(image, kind, self.menus[menu_id]["size"])
        if problem:
            return Answer(400, {"message": problem})
        self.images[menu_id] = (image, kind)
        return Answer(200, {})
