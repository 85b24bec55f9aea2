"""CORS from HAITAO_CORS_ORIGINS, through real HTTP (TestClient)."""

import pytest
from fastapi.testclient import TestClient

from search.api.app import create_app
from search.config import Settings

SHOP = "https://shop.example.cn"


@pytest.fixture(scope="module")
def client(small_settings, small_service):
    settings = small_settings.model_copy(update={"cors_origins": [SHOP, "https://m.shop.example.cn"]})
    with TestClient(create_app(settings, service=small_service)) as client:
        yield client


def preflight(client, origin, method="GET", headers="x-api-key"):
    return client.options(
        "/v1/search",
        headers={"Origin": origin, "Access-Control-Request-Method": method, "Access-Control-Request-Headers": headers},
    )


def test_an_allowed_origin_gets_its_preflight_and_headers(client):
    response = preflight(client, SHOP)
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == SHOP
    assert {"GET", "POST"} <= {m.strip() for m in response.headers["access-control-allow-methods"].split(",")}
    allowed = {h.strip().lower() for h in response.headers["access-control-allow-headers"].split(",")}
    assert {"authorization", "x-api-key", "content-type"} <= allowed
    search = client.get("/v1/search", params={"q": "耳机"}, headers={"Origin": SHOP})
    assert search.status_code == 200
    assert search.headers["access-control-allow-origin"] == SHOP
    assert "retry-after" in search.headers["access-control-expose-headers"].lower()


def test_a_disallowed_origin_gets_no_cors_headers(client):
    response = preflight(client, "https://evil.example")
    assert response.status_code == 400
    assert "access-control-allow-origin" not in response.headers
    search = client.get("/v1/search", params={"q": "耳机"}, headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in search.headers


def test_a_preflight_for_another_method_or_header_is_refused(client):
    assert preflight(client, SHOP, method="DELETE").status_code == 400
    assert preflight(client, SHOP, headers="x-admin-token").status_code == 400


def test_error_responses_carry_cors_headers_so_the_page_can_read_them(client):
    response = client.get("/v1/products/nope", headers={"Origin": SHOP})
    assert response.status_code == 404
    assert response.headers["access-control-allow-origin"] == SHOP


def test_no_origins_configured_means_no_cors_headers(small_settings, small_service):
    with TestClient(create_app(small_settings, service=small_service)) as client:
        response = client.get("/v1/search", params={"q": "耳机"}, headers={"Origin": SHOP})
        assert "access-control-allow-origin" not in response.headers
        assert preflight(client, SHOP).status_code == 405


def test_origins_read_from_the_environment_comma_separated_or_json(monkeypatch, tmp_path):
    monkeypatch.setenv("HAITAO_CORS_ORIGINS", f"{SHOP}, https://b.example")
    assert Settings(data_dir=tmp_path).cors_origins == [SHOP, "https://b.example"]
    monkeypatch.setenv("HAITAO_CORS_ORIGINS", f'["{SHOP}"]')
    assert Settings(data_dir=tmp_path).cors_origins == [SHOP]
