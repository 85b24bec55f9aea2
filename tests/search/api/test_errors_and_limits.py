"""Input limits (422 naming the parameter, 413 for bodies) and errors without stack traces, through real HTTP."""

import json
import logging

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from search.api.app import create_app
from search.api.limits import MAX_PRODUCT_ID_LENGTH

KEY = "sk-admin-0123456789"


@pytest.fixture(scope="module")
def client(small_settings, small_service):
    with TestClient(create_app(small_settings, service=small_service)) as client:
        yield client


def test_a_too_long_product_id_is_a_422_naming_it(client):
    response = client.get("/v1/products/" + "x" * (MAX_PRODUCT_ID_LENGTH + 1))
    assert response.status_code == 422
    message = response.json()["error"]["message"]
    assert message.startswith("product_id: ") and str(MAX_PRODUCT_ID_LENGTH) in message
    assert client.get("/v1/products/" + "x" * MAX_PRODUCT_ID_LENGTH).status_code == 404


def test_a_too_large_body_is_a_413_in_the_json_shape(tmp_path, embedder):
    from search.backends.embedded.backend import EmbeddedBackend
    from search.config import Settings
    from search.service import SearchService

    EmbeddedBackend(tmp_path, embedder.name, embedder.dim, create=True).close()
    settings = Settings(data_dir=tmp_path, admin_api_key=KEY, max_body_bytes=2048)
    service = SearchService(settings, embedder=embedder)
    auth = {"Authorization": f"Bearer {KEY}"}
    big = [{"id": f"p-{i}", "title": "A thing " * 10, "price": 1} for i in range(40)]
    try:
        with TestClient(create_app(settings, service=service)) as admin:
            response = admin.post("/v1/admin/products", json=big, headers=auth)
            assert response.status_code == 413
            assert response.json()["error"] == {"status": 413, "message": "request body: at most 2048 bytes"}
            body = json.dumps(big).encode()
            chunks = (body[i : i + 512] for i in range(0, len(body), 512))  # no Content-Length: chunked
            chunked = admin.post(
                "/v1/admin/products", content=chunks, headers={**auth, "Content-Type": "application/json"}
            )
            assert chunked.status_code == 413 and chunked.json()["error"]["status"] == 413
            assert admin.post("/v1/admin/products", json=big[:2], headers=auth).status_code == 200
    finally:
        service.close()


def test_an_unexpected_error_is_a_json_500_without_a_trace(small_settings, small_service, caplog):
    app = create_app(small_settings.model_copy(update={"metrics_api_key": SecretStr("m-0123456789")}), small_service)

    @app.get("/v1/boom")
    def boom() -> None:
        raise RuntimeError("secret internals at /srv/haitao/search.py line 42")

    with TestClient(app, raise_server_exceptions=False) as client, caplog.at_level(logging.ERROR):
        response = client.get("/v1/boom")
        metrics = client.get("/metrics", headers={"X-API-Key": "m-0123456789"}).text
    assert response.status_code == 500
    assert response.json() == {"error": {"status": 500, "message": "internal error; the incident was logged"}}
    for leak in ("Traceback", "RuntimeError", "secret internals", "search.py"):
        assert leak not in response.text
    assert "RuntimeError: secret internals" in caplog.text  # the trace goes to the log, not to the client
    assert 'haitao_http_requests_total{method="GET",route="/v1/boom",status="500"} 1.0' in metrics


def test_a_wrong_method_is_a_json_405_with_allow(client):
    response = client.delete("/v1/search")
    assert response.status_code == 405
    assert response.json()["error"]["status"] == 405
    assert "GET" in response.headers["Allow"]
