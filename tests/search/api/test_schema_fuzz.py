"""Schema-driven fuzzing: schemathesis generates requests for every operation and parameter of the app's OpenAPI
schema, valid ones and invalid ones, and no answer may be a 5xx. Over a copy of the small fixture index, with the
admin routes on (the key sent on every request) and the rate limit off, so that every request reaches its route.

Examples an operation are bounded by the hypothesis profile (tests/conftest.py); `make fuzz` runs many more.
"""

from __future__ import annotations

import shutil

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode

from search.api.app import create_app
from search.config import Settings
from search.service import SearchService

pytestmark = pytest.mark.fuzz

ADMIN_KEY = "fuzz-admin-key"
# Every operation the schema documents (built without loading anything), with valid requests, and with invalid
# ones where it takes parameters or a body.
_PATHS = create_app(Settings()).openapi()["paths"]
OPERATIONS = [f"{method.upper()} {path}" for path, methods in _PATHS.items() for method in methods]
CASES = [
    (f"{method.upper()} {path}", mode)
    for path, methods in _PATHS.items()
    for method, spec in methods.items()
    for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
    if mode is GenerationMode.POSITIVE or spec.get("parameters") or spec.get("requestBody")
]
EXAMPLES = max(5, settings().max_examples // 4)


@pytest.fixture(scope="module")
def api_schema(small_settings, embedder, tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("fuzz") / "data"
    shutil.copytree(small_settings.data_dir, data_dir)  # admin writes must not touch the shared fixture index
    fuzz_settings = Settings(data_dir=data_dir, admin_api_key=ADMIN_KEY, rate_limit_per_minute=0)
    service = SearchService(fuzz_settings, embedder=embedder)
    app = create_app(fuzz_settings, service=service)
    with TestClient(app):  # runs the lifespan: the server takes the writer lock, as `haitao serve` does
        yield schemathesis.openapi.from_asgi("/openapi.json", app)
    service.close()


def test_every_route_is_fuzzed():
    assert {"GET /v1/search", "POST /v1/search", "POST /v1/admin/products", "GET /readyz"} <= set(OPERATIONS)


@pytest.mark.parametrize(("label", "mode"), CASES, ids=[f"{label} {mode.value}" for label, mode in CASES])
def test_no_request_gets_a_server_error(api_schema, label, mode):
    operation = api_schema.find_operation_by_label(label)

    @settings(max_examples=EXAMPLES, suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy(generation_mode=mode))
    def call(case):
        response = case.call(headers={"Authorization": f"Bearer {ADMIN_KEY}"})
        assert response.status_code < 500, (case.method, case.formatted_path, case.query, case.body, response.text)

    call()
