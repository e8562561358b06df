"""LINE's spec for tests: skip with the reason when ../shared/ is absent, fail under CI=true."""

from __future__ import annotations

import os
from typing import Any

import pytest

from fakeline import spec as _spec
from fakeline.spec import SPEC

__all__ = ["SPEC", "require_spec", "spec", "validate"]


def require_spec() -> None:
    """Skip with the reason on a laptop without ../shared/; under CI=true a missing spec fails."""
    problem = _spec.missing_spec()
    if problem:
        if os.environ.get("CI") == "true":
            pytest.fail(problem)
        pytest.skip(problem)


def spec() -> dict[str, Any]:
    require_spec()
    return _spec.spec()


def validate(schema_name: str, body: Any) -> list[str]:
    require_spec()
    return _spec.validate(schema_name, body)
