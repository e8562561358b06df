"""schemathesis against the admin API's own OpenAPI document: no 5xx and no traceback, whatever it sends."""

from __future__ import annotations

from pathlib import Path

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings

from bot.app import create_app
from bot.settings import Settings
from tests.bot.test_admin import ADMIN_TOKEN, ARTICLE
from tests.fakes.names import Names
from tests.fuzz.conftest import tracebacks

AUTH = {"authorization": f"Bearer {ADMIN_TOKEN}"}


def test_admin_api_never_answers_500(tmp_path: Path, names: Names, caplog: pytest.LogCaptureFixture) -> None:
    """Every admin operation, with generated valid and invalid requests, answers below 500.

    Generated URL hosts resolve to loopback here, so nothing leaves the machine (and they are refused).
    """
    names.default = ["127.0.0.1"]
    settings_ = Settings(database_url=f"sqlite:///{tmp_path / 'api.db'}", admin_token=ADMIN_TOKEN)  # type: ignore[arg-type]
    app = create_app(settings_)
    with TestClient(app, headers=AUTH) as client:  # runs the lifespan: the engine is on app.state
        client.post("/admin/articles", json={"text": ARTICLE})
        schema = schemathesis.openapi.from_asgi("/openapi.json", app).include(path_regex="^/admin")
        operations = [result.ok() for result in schema.get_all_operations()]
        assert {f"{op.method.upper()} {op.path}" for op in operations} >= {
            "POST /admin/articles", "GET /admin/meetings", "PATCH /admin/meetings/{meeting_id}",
            "DELETE /admin/meetings/{meeting_id}",
        }  # fmt: skip
        failures: list[str] = []
        for operation in operations:

            @given(case=operation.as_strategy())
            @settings(
                max_examples=100,
                deadline=None,
                suppress_health_check=list(HealthCheck),
                database=None,
                derandomize=True,
            )
            def call(case: schemathesis.Case) -> None:
                response = case.call(headers=AUTH)
                if response.status_code >= 500 or tracebacks(caplog):
                    failures.append(
                        f"{case.method} {case.formatted_path} -> {response.status_code}: {case.body!r}"
                    )

            call()
        assert failures == []
        assert tracebacks(caplog) == []
