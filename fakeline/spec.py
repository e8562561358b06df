"""Validate bodies against LINE's own OpenAPI spec in ../shared/line-openapi/.

Generic OpenAPI validators ignore `discriminator`, which is how the spec says which schema a message or
action is; this follows it, along with $ref, allOf, required, types, enums and size limits. LINE's
documented limits that the spec leaves out are checked after the schema.
"""

from __future__ import annotations

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


def _line_limits(value: Any, path: str, errors: list[str]) -> None:
    if isinstance(value, dict):
        if value.get("type") == "carousel" and len(value.get("contents", [])) > 12:
            errors.append(f"{path}: a carousel holds at most 12 bubbles")
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
