"""Validate bodies against LINE's own OpenAPI spec in ../shared/line-openapi/.

Generic OpenAPI validators ignore `discriminator`, which is how the spec says which schema a message or
action is; this follows it, along with $ref, allOf, required, types, enums and size limits. LINE's
documented limits that the spec leaves out are checked after the schema.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import yaml

SPEC = Path(__file__).resolve().parents[2] / "shared" / "line-openapi" / "messaging-api.yml"
TYPES = {
    "string": str,
    "integer": int,
    "number": (int, float),
    "boolean": bool,
    "array": list,
    "object": dict,
}


class SpecMissingError(Exception):
    """../shared/line-openapi/ is not beside the project; tests skip (or fail under CI) on it."""


def missing_spec() -> str | None:
    if SPEC.exists():
        return None
    return f"LINE's OpenAPI spec is not at {SPEC} (../shared/line-openapi/ beside the project)"


@cache
def spec() -> dict[str, Any]:
    problem = missing_spec()
    if problem:
        raise SpecMissingError(problem)
    return dict(yaml.safe_load(SPEC.read_text(encoding="utf-8")))


def _resolve(ref: str) -> dict[str, Any]:
    node: Any = spec()
    for part in ref.removeprefix("#/").split("/"):
        node = node[part]
    return dict(node)


# (keyword, True when it caps from above, wording); strings and lists by length, numbers by value.
BOUNDS = (
    ("maxLength", True, "longer than {}"), ("minLength", False, "shorter than {}"),
    ("maximum", True, "above {}"), ("minimum", False, "below {}"),
    ("maxItems", True, "more than {} items"), ("minItems", False, "fewer than {} items"),
)  # fmt: skip


def _size(value: Any) -> float | None:
    if isinstance(value, (str, list)):
        return len(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    return None


def validate(schema_name: str, body: Any) -> list[str]:
    """Every violation of the named component schema, as 'path: problem' lines; empty when valid."""
    spec()
    errors: list[str] = []
    _check(_resolve(f"#/components/schemas/{schema_name}"), body, schema_name, errors, follow=True)
    if not errors:
        _line_limits(body, schema_name, errors)
    return errors


def _check(schema: dict[str, Any], value: Any, path: str, errors: list[str], *, follow: bool) -> None:
    if "$ref" in schema:
        _check(_resolve(schema["$ref"]), value, path, errors, follow=follow)
        return
    discriminator = schema.get("discriminator")
    if follow and discriminator and isinstance(value, dict):
        tag = value.get(discriminator["propertyName"])
        target = discriminator.get("mapping", {}).get(tag)
        if target is None:
            errors.append(f"{path}: unknown {discriminator['propertyName']} {tag!r}")
            return
        _check(_resolve(target), value, path, errors, follow=False)
        return
    for part in schema.get("allOf", []):
        _check(part, value, path, errors, follow=False)
    expected = schema.get("type")
    if expected and value is not None:
        python_type = TYPES[expected]
        if not isinstance(value, python_type) or (
            expected in ("integer", "number") and isinstance(value, bool)
        ):
            errors.append(f"{path}: expected {expected}, got {type(value).__name__}")
            return
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{path}: {value!r} is not one of {schema['enum']}")
    size = _size(value)
    if size is not None:
        for keyword, too_big, wording in BOUNDS:
            if keyword in schema and (size > schema[keyword] if too_big else size < schema[keyword]):
                errors.append(f"{path}: " + wording.format(schema[keyword]))
    if isinstance(value, list):
        for index, item in enumerate(value):
            _check(schema.get("items", {}), item, f"{path}[{index}]", errors, follow=True)
    if isinstance(value, dict):
        for name in schema.get("required", []):
            if name not in value:
                errors.append(f"{path}: missing {name}")
        for name, sub in schema.get("properties", {}).items():
            if name in value:
                _check(sub, value[name], f"{path}.{name}", errors, follow=True)


# Documented at developers.line.biz but absent from the spec.
LIMITS = {"text": 5000, "altText": 1500, "label": 20, "data": 300, "displayText": 300, "uri": 1000}
JSON_BYTES = {"bubble": 30_000, "carousel": 50_000}  # a Flex container's JSON, in UTF-8 bytes


def _line_limits(value: Any, path: str, errors: list[str]) -> None:
    if isinstance(value, dict):
        if value.get("type") == "carousel" and len(value.get("contents", [])) > 12:
            errors.append(f"{path}: a carousel holds at most 12 bubbles")
        weight = JSON_BYTES.get(str(value.get("type")))
        if weight and len(json.dumps(value, ensure_ascii=False).encode("utf-8")) > weight:
            errors.append(f"{path}: a {value['type']}'s JSON is over LINE's {weight:,} bytes")
        for key, item in value.items():
            limit = LIMITS.get(key)
            if isinstance(item, str) and limit and len(item) > limit:
                errors.append(f"{path}.{key}: longer than LINE's limit of {limit}")
            if key == "text" and isinstance(item, str) and not item.strip() and value.get("type") == "text":
                errors.append(f"{path}.text: LINE refuses empty text")
            _line_limits(item, f"{path}.{key}", errors)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _line_limits(item, f"{path}[{index}]", errors)


def operation(method: str, path: str) -> tuple[str, dict[str, Any]] | None:
    """The spec's path template and operation a request is for; a literal path ("/v2/bot/richmenu/list")
    wins over a template that would also match it ("/v2/bot/richmenu/{richMenuId}")."""
    found = []
    for template, item in spec()["paths"].items():
        parts = re.split(r"(\{[^}]+\})", template)
        pattern = "^" + "".join("[^/]+" if part.startswith("{") else re.escape(part) for part in parts) + "$"
        if re.match(pattern, path) and method.lower() in item:
            found.append((template.count("{"), template, dict(item[method.lower()])))
    return min(found, key=lambda match: match[0])[1:] if found else None


def data_host(op: dict[str, Any]) -> bool:
    """True when the spec sends this operation to api-data.line.me (uploads and downloads)."""
    return any("api-data." in server.get("url", "") for server in op.get("servers", []))


def request_schema(op: dict[str, Any]) -> str | None:
    """The component schema of a JSON request body, or None when the operation takes none."""
    content = op.get("requestBody", {}).get("content", {})
    ref = content.get("application/json", {}).get("schema", {}).get("$ref", "")
    return ref.rsplit("/", 1)[-1] or None


# Rich menus: documented at developers.line.biz/en/reference/messaging-api/#rich-menu-object, not in the spec.
RICH_MENU_REQUIRED = ("size", "selected", "name", "chatBarText", "areas")
RICH_MENU_IMAGE_TYPES = ("image/jpeg", "image/png")
RICH_MENU_IMAGE_BYTES = 1024 * 1024


def rich_menu_limits(body: dict[str, Any]) -> list[str]:
    errors = [f"RichMenuRequest: missing {name}" for name in RICH_MENU_REQUIRED if name not in body]
    if errors:
        return errors
    width, height = body["size"].get("width", 0), body["size"].get("height", 0)
    if not 800 <= width <= 2500 or height < 250 or width / max(height, 1) < 1.45:
        errors.append(
            f"RichMenuRequest.size: {width}x{height} (width 800 to 2500, height 250 up, ratio >= 1.45)"
        )
    if not 1 <= len(body["areas"]) <= 20:
        errors.append("RichMenuRequest.areas: 1 to 20 areas")
    for index, area in enumerate(body["areas"]):
        bounds = area.get("bounds", {})
        if "bounds" not in area or "action" not in area:
            errors.append(f"RichMenuRequest.areas[{index}]: needs bounds and action")
        elif (
            bounds.get("x", 0) + bounds.get("width", 0) > width
            or bounds.get("y", 0) + bounds.get("height", 0) > height
        ):
            errors.append(f"RichMenuRequest.areas[{index}].bounds: outside the {width}x{height} menu")
    return errors


def rich_menu_image_problem(image: bytes, content_type: str, size: dict[str, int]) -> str | None:
    """Why LINE would refuse this upload (type, weight, dimensions that differ from the menu's), or None."""
    if content_type not in RICH_MENU_IMAGE_TYPES:
        return f"Content-Type {content_type!r} is not image/jpeg or image/png"
    if len(image) > RICH_MENU_IMAGE_BYTES:
        return f"the image is {len(image)} bytes, above 1 MB"
    dimensions = _image_size(image, content_type)
    if dimensions != (size["width"], size["height"]):
        return f"the image is {dimensions}, the rich menu {size['width']}x{size['height']}"
    return None


def _image_size(image: bytes, content_type: str) -> tuple[int, int] | None:
    """Width and height from a PNG's IHDR or a JPEG's SOF marker, without an image library."""
    if content_type == "image/png":
        if image[:8] != b"\x89PNG\r\n\x1a\n" or image[12:16] != b"IHDR":
            return None
        return int.from_bytes(image[16:20], "big"), int.from_bytes(image[20:24], "big")
    at = 2
    while image[:2] == b"\xff\xd8" and at + 9 < len(image):
        marker, length = image[at + 1], int.from_bytes(image[at + 2 : at + 4], "big")
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            return int.from_bytes(image[at + 7 : at + 9], "big"), int.from_bytes(
                image[at + 5 : at + 7], "big"
            )
        at += 2 + length
    return None


def loading_limits(body: dict[str, Any]) -> list[str]:
    """The loading animation: a user's id only (no group or room), seconds a multiple of 5."""
    errors = []
    if not re.fullmatch(r"U[0-9a-f]{32}", str(body.get("chatId", ""))):
        errors.append(f"ShowLoadingAnimationRequest.chatId: {body.get('chatId')!r} is not a user id")
    if body.get("loadingSeconds", 20) % 5:
        errors.append("ShowLoadingAnimationRequest.loadingSeconds: not a multiple of 5")
    return errors
