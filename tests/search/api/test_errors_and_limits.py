"""Input limits (422 naming the parameter, 413 for bodies) and errors without stack traces, through real HTTP."""

import json
import logging
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from search.api.app import create_app
from search.api.limits import MAX_ATTRIBUTE_FILTERS, MAX_PRODUCT_ID_LENGTH

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


# -- issue 12, the smaller findings ------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/v1/search/", "/v1/products/", "/docs/", "/static", "/metrics/", "/healthz/"])
def test_the_host_header_is_never_reflected_in_a_redirect(client, path):
    response = client.get(path, headers={"Host": "evil.example"}, follow_redirects=False)
    assert not 300 <= response.status_code < 400, (response.status_code, response.headers)
    assert "evil.example" not in json.dumps(dict(response.headers)) and "evil.example" not in response.text


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"brand": {"name": "Sony"}}, "brand"),
        ({"brand": ["Sony", {"$ne": ""}]}, "brand"),
        ({"brand": [123]}, "brand"),
        ({"attr": [{"color": "black"}]}, "attr"),
        ({"attr": {"color": "black"}}, "attr"),
        ({"facets": [{"brand": 1}]}, "facets"),
    ],
)
def test_brand_and_attr_given_as_objects_are_refused(client, body, field):
    response = client.post("/v1/search", json=body)
    assert response.status_code == 422
    assert response.json()["error"]["message"].startswith(f"{field}: must be a string or a list of strings")


def test_the_attr_limit_is_the_one_the_api_guide_states(client):
    guide = (Path(__file__).resolve().parents[3] / "docs" / "api.md").read_text(encoding="utf-8")
    line = next(line for line in guide.splitlines() if line.startswith("| `attr` |"))
    stated = int(re.search(r"\(≤ (\d+)\)", line).group(1))
    assert stated == MAX_ATTRIBUTE_FILTERS
    filters = [f"name{i}:value" for i in range(stated)]
    assert client.get("/v1/search", params={"attr": filters}).status_code == 200
    over = client.get("/v1/search", params={"attr": [*filters, "one:more"]})
    assert over.status_code == 422 and over.json()["error"]["message"].startswith("attr: ")


def test_readiness_and_errors_never_show_the_data_directory(tmp_path, embedder):
    from search.backends.embedded.backend import EmbeddedBackend
    from search.config import Settings
    from search.service import SearchService

    empty = tmp_path / "no-index-here"
    with TestClient(create_app(Settings(data_dir=empty, rate_limit_per_minute=0))) as no_index:
        ready = no_index.get("/readyz")
        search = no_index.get("/v1/search", params={"q": "x"})
    assert ready.status_code == 503 and search.status_code == 503
    for response in (ready, search):
        assert str(empty) not in response.text and "no-index-here" not in response.text
        assert "no index" in response.text and "DATA_DIR" in response.text

    data = tmp_path / "held-by-another"
    EmbeddedBackend(data, embedder.name, embedder.dim, create=True).close()
    settings = Settings(data_dir=data, admin_api_key=KEY, rate_limit_per_minute=0)
    other_writer = EmbeddedBackend(data, embedder.name, embedder.dim)
    other_writer.reserve_writer()  # another process writing: the server cannot take the lock
    service = SearchService(settings, embedder=embedder)
    try:
        with TestClient(create_app(settings, service=service)) as admin:
            auth = {"X-API-Key": KEY}
            refused = admin.post("/v1/admin/products", json=[{"id": "a", "title": "t", "price": 1}], headers=auth)
    finally:
        service.close()
        other_writer.close()
    assert refused.status_code == 409, refused.text
    assert "held-by-another" not in refused.text and "one writer at a time" in refused.text


def test_a_price_written_in_the_query_is_bounded_like_any_other(client):
    body = client.get("/v1/search", params={"q": "9" * 150 + "元以下 耳机", "explain": "true"}).json()
    assert 0 < body["explain"]["filters"]["price_max_usd"] <= 20_000_000
    assert body["hits"]  # above every catalog price: it filters nothing
