"""The admin API over real HTTP (TestClient), writing to a real index with the real model."""

import pytest
from fastapi.testclient import TestClient

from search.api.app import create_app
from search.backends.base import IndexLocked
from search.backends.embedded.backend import EmbeddedBackend
from search.config import Settings
from search.service import SearchService

KEY = "s3cret-admin-key"
AUTH = {"Authorization": f"Bearer {KEY}"}


@pytest.fixture()
def admin_client(tmp_path, embedder):
    EmbeddedBackend(tmp_path, embedder.name, embedder.dim, create=True).close()
    settings = Settings(data_dir=tmp_path, admin_api_key=KEY)
    service = SearchService(settings, embedder=embedder)
    with TestClient(create_app(settings, service=service)) as client:
        yield client
    service.close()


def test_good_items_are_indexed_and_bad_ones_reported_one_by_one(admin_client):
    batch = [
        {"id": "a-1", "title": "Anker PowerCore 10000 Portable Charger", "price": "$29.99", "brand": "Anker"},
        {"id": "a-2", "title": "Euro kettle", "price": "12,99 EUR"},
        "not an object",
        {"id": "a-1", "title": "Duplicate", "price": 1},
        {"id": "a-3", "title": "Sony WH-1000XM5 Headphones", "price": 399.99, "brand": "Sony"},
    ]
    response = admin_client.post("/v1/admin/products", json=batch, headers=AUTH)
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["indexed"], body["unchanged"], body["rejected"]) == (2, 0, 3)
    errors = {e["index"]: e for e in body["errors"]}
    assert errors[1]["id"] == "a-2" and errors[1]["errors"][0]["field"] == "price"
    assert "is in EUR" in errors[1]["errors"][0]["reason"]
    assert errors[2]["errors"][0]["reason"] == "expected a JSON object, got str"
    assert "duplicate id" in errors[3]["errors"][0]["reason"]
    # searchable at once, through the same backend the server searches with
    assert admin_client.get("/v1/products/a-1").json()["product"]["price"] == 29.99
    hits = admin_client.get("/v1/search", params={"q": "移动电源"}).json()["hits"]
    assert hits[0]["id"] == "a-1"
    again = admin_client.post("/v1/admin/products", json={"products": batch[:1]}, headers=AUTH).json()
    assert (again["indexed"], again["unchanged"]) == (0, 1)


def test_delete_removes_a_product_and_404s_an_unknown_one(admin_client):
    admin_client.post("/v1/admin/products", json=[{"id": "d-1", "title": "Thing", "price": 1}], headers=AUTH)
    assert admin_client.delete("/v1/admin/products/d-1", headers=AUTH).json() == {"deleted": "d-1"}
    assert admin_client.get("/v1/products/d-1").status_code == 404
    missing = admin_client.delete("/v1/admin/products/d-1", headers=AUTH)
    assert missing.status_code == 404 and "no product with id 'd-1'" in missing.json()["error"]["message"]


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong"}, {"Authorization": KEY}])
def test_a_missing_or_wrong_key_is_refused(admin_client, headers):
    response = admin_client.post("/v1/admin/products", json=[], headers=headers)
    assert response.status_code == 401 and "admin API key" in response.json()["error"]["message"]
    assert admin_client.delete("/v1/admin/products/x", headers=headers).status_code == 401


def test_the_server_with_admin_routes_is_the_single_writer(admin_client, tmp_path, embedder):
    with pytest.raises(IndexLocked, match="one writer at a time"):
        EmbeddedBackend(tmp_path, embedder.name, embedder.dim).reserve_writer()


def test_too_large_a_batch_is_refused(tmp_path, embedder):
    EmbeddedBackend(tmp_path, embedder.name, embedder.dim, create=True).close()
    settings = Settings(data_dir=tmp_path, admin_api_key=KEY, admin_max_batch=2)
    service = SearchService(settings, embedder=embedder)
    with TestClient(create_app(settings, service=service)) as client:
        response = client.post("/v1/admin/products", json=[{}, {}, {}], headers=AUTH)
    service.close()
    assert response.status_code == 413 and "at most 2 products" in response.json()["error"]["message"]


def test_admin_routes_are_off_without_a_key(small_settings, small_service):
    with TestClient(create_app(small_settings, service=small_service)) as client:
        response = client.post("/v1/admin/products", json=[], headers=AUTH)
        assert response.status_code == 404
        assert "HAITAO_ADMIN_API_KEY" in response.json()["error"]["message"]
        assert client.delete("/v1/admin/products/x", headers=AUTH).status_code == 404
