"""Runtime synonyms (and rules) on every backend, through the HTTP API: they act above the backends, so the same
change gives the same results on the embedded index and on OpenSearch (osmem-server: keyword mode, no knn)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from search.api.app import create_app
from search.service import SearchService

ADMIN = {"X-API-Key": "merchandising-admin-key"}


@pytest.fixture()
def app_for(small_backend, embedder, tmp_path) -> Iterator:
    """Apps over the small catalog on `small_backend`, with the merchandising files in the test's data directory;
    each call is a server (re)started on the same data directory."""
    services = []

    def start() -> TestClient:
        settings = small_backend_settings(small_backend, tmp_path)
        service = SearchService(settings, embedder=embedder, backend=small_backend)
        services.append(service)
        return TestClient(create_app(settings, service=service))

    yield start
    for service in services:
        service.cache.clear()


def small_backend_settings(backend, tmp_path):
    from search.config import Settings

    return Settings(data_dir=tmp_path, admin_api_key=SecretStr(ADMIN["X-API-Key"]))


def ids(client: TestClient, q: str) -> list[str]:
    body = client.get("/v1/search", params={"q": q, "mode": "keyword", "size": 5}).json()
    return [hit["id"] for hit in body["hits"]]


def test_a_synonym_changes_the_next_search_and_is_gone_after_delete(app_for):
    with app_for() as client:
        before = ids(client, "大鸟")
        assert "hp-bose-qc" not in before
        put = client.put("/v1/admin/synonyms/bose-nick", json={"root": "大鳥", "synonyms": ["Bose"]}, headers=ADMIN)
        assert put.status_code == 200 and put.json() == {"id": "bose-nick", "root": "大鸟", "synonyms": ["bose"]}
        assert ids(client, "大鸟")[0] == "hp-bose-qc"
        assert ids(client, "大鸟 耳机")[0] == "hp-bose-qc"
        explain = client.get("/v1/search", params={"q": "大鸟", "mode": "keyword", "explain": True}).json()["explain"]
        assert explain["synonyms"] == ["synonyms:bose-nick"]
        assert explain["concepts"][0]["alternatives"][0]["source"] == "synonyms:bose-nick"
        assert client.delete("/v1/admin/synonyms/bose-nick", headers=ADMIN).json() == {"deleted": "bose-nick"}
        assert ids(client, "大鸟") == before
        assert client.get("/v1/admin/synonyms/bose-nick", headers=ADMIN).status_code == 404


def test_a_multi_way_synonym_searches_each_term_as_the_others(app_for):
    with app_for() as client:
        before = ids(client, "zapatillas")
        assert not any(i.startswith("shoe-") for i in before)
        body = {"synonyms": ["zapatillas", "running shoes"]}
        assert client.put("/v1/admin/synonyms/shoes", json=body, headers=ADMIN).status_code == 200
        assert {*ids(client, "zapatillas")[:2]} == {"shoe-nike-peg", "shoe-nb-880"}


def test_synonyms_survive_a_restart(app_for):
    with app_for() as client:
        client.put("/v1/admin/synonyms/bose-nick", json={"root": "大鸟", "synonyms": ["bose"]}, headers=ADMIN)
    with app_for() as client:
        assert ids(client, "大鸟")[0] == "hp-bose-qc"
        assert client.get("/v1/admin/synonyms", headers=ADMIN).json() == [
            {"id": "bose-nick", "root": "大鸟", "synonyms": ["bose"]}
        ]
