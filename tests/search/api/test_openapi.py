"""The OpenAPI document is complete: every operation's parameters, bodies and responses are described, with
examples, and every error it can answer is declared in the shape the API really sends."""

from pathlib import Path

import pytest

from search.api.app import create_app
from search.api.ratelimit import EXEMPT_PATHS
from search.config import Settings

APP = create_app(
    Settings(
        data_dir=Path("unused"),
        search_api_key="pk-0123456789",
        admin_api_key="sk-0123456789",
        metrics_api_key="mk-0123456789",
        rate_limit_per_minute=600,
    )
)
SPEC = APP.openapi()
SCHEMAS = SPEC["components"]["schemas"]
OPERATIONS = [(method, path) for path, item in SPEC["paths"].items() for method in item]
NO_ERRORS = {("get", "/healthz")}  # answers 200 whenever the process runs


def has_example(obj: dict) -> bool:
    schema = obj.get("schema", {})
    if "$ref" in schema:
        schema = SCHEMAS[schema["$ref"].rsplit("/", 1)[1]]
    # An enum lists every value it takes: it is its own example.
    return "enum" in schema or any(k in obj or k in schema for k in ("example", "examples"))


def problems(method: str, path: str) -> list[str]:
    op = SPEC["paths"][path][method]
    found = []
    if not op.get("summary"):
        found.append("no summary")
    for param in op.get("parameters", []):
        if not param.get("description"):
            found.append(f"parameter {param['name']}: no description")
        if not has_example(param):
            found.append(f"parameter {param['name']}: no example")
    body = op.get("requestBody")
    if body is not None:
        content = body["content"].get("application/json", {})
        if not body.get("description") and not content.get("schema", {}).get("description"):
            found.append("request body: no description")
        if not has_example(content):
            found.append("request body: no example")
    responses = op["responses"]
    for status, response in responses.items():
        if not response.get("description"):
            found.append(f"{status}: no description")
        content = response.get("content", {}).get("application/json")
        if content is None:
            continue
        if content.get("schema", {}).get("$ref", "").endswith("/HTTPValidationError"):
            found.append(f"{status}: documents FastAPI's validation error, not the API's error shape")
        if not has_example(content):
            found.append(f"{status}: no example")
    required = set()
    if op.get("parameters") or body is not None:
        required.add("422")
    if op.get("security"):
        required.add("401")
    if path not in EXEMPT_PATHS:
        required.add("429")
    if path.startswith("/v1/"):
        required.add("503")  # every /v1 route reads the index
    found += [f"{status}: not declared" for status in sorted(required - set(responses))]
    if (method, path) not in NO_ERRORS and not any(s[0] in "45" for s in responses):
        found.append("no error response declared")
    return found


@pytest.mark.parametrize(("method", "path"), OPERATIONS)
def test_every_operation_is_documented(method, path):
    assert problems(method, path) == []


def test_the_check_covers_every_route_and_finds_gaps():
    assert {("get", "/v1/products/{product_id}"), ("post", "/v1/admin/products"), ("get", "/metrics")} <= set(
        OPERATIONS
    )
    assert ("get", "/healthz") in OPERATIONS and ("get", "/readyz") in OPERATIONS
    assert all(path.startswith("/v1/") or path in EXEMPT_PATHS for _, path in OPERATIONS), OPERATIONS


def test_the_api_keys_are_documented_security_schemes():
    schemes = SPEC["components"]["securitySchemes"]
    assert schemes["ApiKey"] == {**schemes["ApiKey"], "type": "apiKey", "in": "header", "name": "X-API-Key"}
    assert schemes["Bearer"]["scheme"] == "bearer"
    assert SPEC["paths"]["/v1/products/{product_id}"]["get"]["security"] == [{"ApiKey": []}, {"Bearer": []}]
    assert "security" not in SPEC["paths"]["/healthz"]["get"]
