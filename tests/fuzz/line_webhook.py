"""Hypothesis strategies for LINE webhook bodies, built from LINE's own webhook.yml.

The spec says which schema an event, source or message is with `discriminator` (the subtype
names its base in `allOf`); this follows it, along with $ref, required and optional properties,
enums, patterns and integer formats. Values are mostly what the types allow, with some hostile
ones mixed in: huge numbers, Thai text, lone surrogates, very long strings.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import strategies as st

SPEC = Path(__file__).resolve().parents[3] / "shared" / "line-openapi" / "webhook.yml"
MAX_DEPTH = 6
INT64 = 2**63 - 1
HOSTILE_TEXT = st.sampled_from(
    [
        "ประชุมที่สงขลา", "เกิน 9223372036854775807 คน", "ประชุม\ud800", "\udfff", "\x00", "", " " * 50,
        "ประชุมปี 99999999", "ติดตาม สมุทรสาคร", "/add ข่าว", "/del 99999999999999999999",
        "action=more&page=99999999999999999999&q=ประชุม", "๙" * 40, "ก" * 6000,
    ]
)  # fmt: skip
REPLY_TOKEN = st.from_regex(r"[0-9a-f]{32}", fullmatch=True)


def require_spec() -> None:
    """Skip with the reason on a laptop without ../shared/; under CI=true a missing spec fails."""
    if not SPEC.exists():
        message = f"LINE's webhook spec is not at {SPEC} (../shared/line-openapi/ beside the project)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)


@cache
def spec() -> dict[str, Any]:
    require_spec()
    return dict(yaml.safe_load(SPEC.read_text(encoding="utf-8")))


def _resolve(ref: str) -> dict[str, Any]:
    node: Any = spec()
    for part in ref.removeprefix("#/").split("/"):
        node = node[part]
    return dict(node)


def callback_bodies() -> st.SearchStrategy[dict[str, Any]]:
    """Whole webhook bodies: a destination and up to three events of any type LINE documents."""
    return _strategy({"$ref": "#/components/schemas/CallbackRequest"}, depth=0)


def _strategy(schema: dict[str, Any], *, depth: int, name: str = "") -> st.SearchStrategy[Any]:
    if "$ref" in schema:
        return _strategy(_resolve(schema["$ref"]), depth=depth, name=name)
    if "discriminator" in schema:
        return _one_of_subtypes(schema, depth=depth)
    if "allOf" in schema:
        return _object(_merged(schema), depth=depth)
    kind = schema.get("type", "object" if "properties" in schema else "string")
    if name == "replyToken":
        return REPLY_TOKEN
    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    if kind == "object":
        return _object(schema, depth=depth)
    if kind == "array":
        if depth >= MAX_DEPTH:
            return st.just([])
        return st.lists(_strategy(schema.get("items", {}), depth=depth + 1), max_size=3)
    if kind == "integer":
        bound = INT64 if schema.get("format") == "int64" else 2**31 - 1
        return st.integers(0, bound) | st.integers(-(2**70), 2**70)
    if kind == "number":
        return st.floats(allow_nan=False, allow_infinity=False)
    if kind == "boolean":
        return st.booleans()
    if "pattern" in schema:
        return st.from_regex(schema["pattern"], fullmatch=True) | HOSTILE_TEXT
    return st.text(max_size=int(schema.get("maxLength", 40))) | HOSTILE_TEXT


def _one_of_subtypes(schema: dict[str, Any], *, depth: int) -> st.SearchStrategy[Any]:
    """Each subtype in the discriminator's mapping, with the property naming it; or an unknown type."""
    field = schema["discriminator"]["propertyName"]
    options = []
    for value, ref in schema["discriminator"]["mapping"].items():
        subtype = _resolve(ref)
        merged = _merged(subtype) if "allOf" in subtype else {**subtype}
        merged.pop("discriminator", None)
        options.append(_object(merged, depth=depth).map(lambda body, v=value: {**body, field: v}))
    base = {k: v for k, v in schema.items() if k != "discriminator"}
    unknown = _object(base, depth=depth).map(lambda body: {**body, field: "somethingNew"})
    return st.one_of(*options, unknown)


def _merged(schema: dict[str, Any]) -> dict[str, Any]:
    """An allOf as one object schema: the base's properties and requirements, then the subtype's."""
    properties: dict[str, Any] = {}
    required: list[str] = []
    for part in schema["allOf"]:
        part = _resolve(part["$ref"]) if "$ref" in part else part
        if "allOf" in part:
            part = _merged(part)
        properties.update(part.get("properties", {}))
        required.extend(part.get("required", []))
    return {"type": "object", "properties": properties, "required": required}


def _object(schema: dict[str, Any], *, depth: int) -> st.SearchStrategy[dict[str, Any]]:
    properties = schema.get("properties", {})
    if depth >= MAX_DEPTH:
        return st.just({})
    required = {
        k: _strategy(v, depth=depth + 1, name=k)
        for k, v in properties.items()
        if k in schema.get("required", [])
    }
    optional = {k: _strategy(v, depth=depth + 1, name=k) for k, v in properties.items() if k not in required}
    return st.fixed_dictionaries(required, optional=optional)
