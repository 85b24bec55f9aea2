"""The merchandising routes' bad input over HTTP: unknown ids, malformed bodies, no key — each a clear 4xx."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from search.api.app import create_app
from search.service import SearchService

ADMIN = {"X-API-Key": "merchandising-api-admin-key"}


@pytest.fixture()
def client(small_settings, embedder, tmp_path):
    settings = small_settings.model_copy(update={"data_dir": tmp_path, "admin_api_key": SecretStr(ADMIN["X-API-Key"])})
    service = SearchService(settings, embedder=embedder, backend=_small_backend(small_settings, embedder))
    with TestClient(create_app(settings, service=service)) as client:
        yield client
    service.close()


def _small_backend(settings, embedder):
    from search.backends.factory import open_backend

    return open_backend(settings, embedder.name, embedder.dim)


def message(answer) -> str:
    return answer.json()["error"]["message"]


def test_synonym_routes_refuse_bad_input_naming_the_field(client):
    assert client.get("/v1/admin/synonyms/nope", headers=ADMIN).status_code == 404
    assert client.delete("/v1/admin/synonyms/nope", headers=ADMIN).status_code == 404
    assert client.put("/v1/admin/synonyms/x", json={"synonyms": ["a", "b"]}).status_code == 401
    for body, field in (
        ({"synonyms": ["alone"]}, "synonyms"),
        ({"root": "", "synonyms": ["a"]}, "root"),
        ({"synonyms": "a,b"}, "synonyms"),
        ({"synonyms": ["a", "b"], "locale": "zh"}, "locale"),
    ):
        answer = client.put("/v1/admin/synonyms/s1", json=body, headers=ADMIN)
        assert answer.status_code == 422 and field in message(answer), (body, answer.text)
    bad_id = client.put("/v1/admin/synonyms/has%20space", json={"synonyms": ["a", "b"]}, headers=ADMIN)
    assert bad_id.status_code == 422 and "synonym_id" in message(bad_id)
    assert client.get("/v1/admin/synonyms", headers=ADMIN).json() == []
