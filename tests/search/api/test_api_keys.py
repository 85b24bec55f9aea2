"""The search, admin and metrics keys over real HTTP (TestClient), on the real fixture index."""

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from search.api.app import create_app
from search.config import Settings

SEARCH_KEY = "pk-search-0123456789"
ADMIN_KEY = "sk-admin-0123456789"
METRICS_KEY = "mk-metrics-0123456789"
SEARCH_SIDE = [("GET", "/v1/search?q=蓝牙耳机"), ("GET", "/v1/products/skin-kiehls-cream")]


@pytest.fixture(scope="module")
def keyed(small_settings, small_service):
    settings = small_settings.model_copy(
        update={
            "search_api_key": SecretStr(SEARCH_KEY),
            "admin_api_key": SecretStr(ADMIN_KEY),
            "metrics_api_key": SecretStr(METRICS_KEY),
        }
    )
    # the service is shared and read-only here: no lifespan writer (admin writes are tested in test_admin_api)
    with TestClient(create_app(settings, service=small_service)) as client:
        yield client


@pytest.mark.parametrize(("method", "url"), SEARCH_SIDE)
@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"X-API-Key": "guess-1"},
        {"Authorization": "Bearer guess-1"},
        {"Authorization": SEARCH_KEY},
        {"X-API-Key": ""},
    ],
    ids=["missing", "wrong-x-api-key", "wrong-bearer", "no-bearer-scheme", "empty"],
)
def test_search_routes_refuse_a_missing_or_wrong_key(keyed, method, url, headers):
    response = keyed.request(method, url, headers=headers)
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    body = response.json()
    assert body["error"]["status"] == 401 and "X-API-Key" in body["error"]["message"]
    assert SEARCH_KEY not in response.text and "guess-1" not in response.text


@pytest.mark.parametrize(("method", "url"), SEARCH_SIDE)
@pytest.mark.parametrize(
    "headers",
    [
        {"X-API-Key": SEARCH_KEY},
        {"Authorization": f"Bearer {SEARCH_KEY}"},
        {"Authorization": f"bearer {SEARCH_KEY}"},
        {"X-API-Key": ADMIN_KEY},
        {"Authorization": f"Bearer {ADMIN_KEY}"},
    ],
    ids=["x-api-key", "bearer", "bearer-lowercase", "admin-x-api-key", "admin-bearer"],
)
def test_search_routes_take_the_search_key_or_the_admin_key_in_either_header(keyed, method, url, headers):
    response = keyed.request(method, url, headers=headers)
    assert response.status_code == 200, response.text


def test_the_search_key_opens_no_admin_or_metrics_route(keyed):
    search_only = {"X-API-Key": SEARCH_KEY}
    response = keyed.post("/v1/admin/products", json=[], headers=search_only)
    assert response.status_code == 401 and "admin API key" in response.json()["error"]["message"]
    assert keyed.delete("/v1/admin/products/x", headers=search_only).status_code == 401
    assert keyed.get("/metrics", headers=search_only).status_code == 401


def test_metrics_take_the_metrics_key_or_the_admin_key(keyed):
    assert keyed.get("/metrics").status_code == 401
    assert keyed.get("/metrics", headers={"Authorization": f"Bearer {METRICS_KEY}"}).status_code == 200
    assert keyed.get("/metrics", headers={"X-API-Key": ADMIN_KEY}).status_code == 200


def test_probes_and_docs_stay_open(keyed):
    for url in ("/healthz", "/readyz", "/docs", "/openapi.json"):
        assert keyed.get(url).status_code == 200, url


def test_without_a_search_key_search_is_open(small_settings, small_service):
    with TestClient(create_app(small_settings, service=small_service)) as client:
        assert client.get("/v1/search", params={"q": "保温杯"}).status_code == 200
        assert client.get("/v1/products/skin-kiehls-cream").status_code == 200
        assert client.get("/metrics").status_code == 200


def test_a_blank_key_setting_means_no_key(monkeypatch, tmp_path):
    monkeypatch.setenv("HAITAO_SEARCH_API_KEY", "")
    monkeypatch.setenv("HAITAO_ADMIN_API_KEY", "  ")
    settings = Settings(data_dir=tmp_path)
    assert settings.search_api_key is None and settings.admin_api_key is None
