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


GOOD_RULE = {"rule": {"query": "蓝牙耳机"}, "includes": [{"seller": "default", "id": "ear-anker-p3", "position": 1}]}


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"rule": {"match": "exact"}}, "rule.query"),
        ({"rule": {"query": "蓝牙耳机", "match": "fuzzy"}}, "rule.match"),
        ({"includes": [{"seller": "default", "id": "a", "position": 0}]}, "includes[0].position"),
        ({"includes": [{"seller": "Bad Seller", "id": "a", "position": 1}]}, "includes[0].seller"),
        ({"includes": [{"id": "a", "position": 1}]}, "includes.0.seller"),
        (
            {"includes": [{"seller": "s", "id": "a", "position": 1}, {"seller": "s", "id": "b", "position": 1}]},
            "includes[1].position",
        ),
        ({"excludes": [{"seller": "default", "id": "ear-anker-p3"}]}, "excludes"),
        ({"includes": []}, "includes"),
        ({"filter_by": "colour:=red"}, "filter_by"),
        ({"filter_by": "price:<cheap"}, "filter_by"),
        ({"effective_from": "2026-12-01", "effective_to": "2026-11-01"}, "effective_to"),
        ({"effective_from": "next tuesday"}, "effective_from"),
        ({"boost_by": 2}, "boost_by"),
        ({"boost": [{"filter_by": "brand:=Sony", "weight": 1}]}, "boost[0].weight"),
        ({"boost": [{"filter_by": "brand:=Sony", "weight": 0}]}, "boost[0].weight"),
        ({"boost": [{"filter_by": "brand:=Sony", "weight": 50}]}, "boost[0].weight"),
        ({"boost": [{"filter_by": "brand:=Sony", "weight": "high"}]}, "boost.0.weight"),
        ({"boost": [{"filter_by": "colour:=red", "weight": 2}]}, "boost[0].filter_by"),
        ({"boost": [{"filter_by": "brand:=Sony", "weight": 2}, {"filter_by": "", "weight": 2}]}, "boost[1].filter_by"),
        ({"boost": [{"weight": 2}]}, "boost.0.filter_by"),
        ({"boost": [{"filter_by": "brand:=Sony", "weight": 2, "score": 9}]}, "boost.0.score"),
        ({"boost": {"filter_by": "brand:=Sony", "weight": 2}}, "boost"),
        ({"boost": [{"filter_by": "brand:=Sony", "weight": 2}] * 11}, "boost"),
    ],
)
def test_a_malformed_rule_is_refused_naming_the_field(client, change, field):
    body = {**GOOD_RULE, **change}
    answer = client.put("/v1/admin/rules/r1", json=body, headers=ADMIN)
    assert answer.status_code == 422 and field in message(answer), answer.text
    assert client.get("/v1/admin/rules/r1", headers=ADMIN).status_code == 404


def test_rule_routes_answer_unknown_ids_and_missing_products(client):
    assert client.get("/v1/admin/rules/nope", headers=ADMIN).status_code == 404
    assert client.delete("/v1/admin/rules/nope", headers=ADMIN).status_code == 404
    assert client.put("/v1/admin/rules/r1", json=GOOD_RULE).status_code == 401
    body = {**GOOD_RULE, "excludes": [{"seller": "default", "id": "no-such-product"}]}
    answer = client.put("/v1/admin/rules/r1", json=body, headers=ADMIN)
    assert answer.status_code == 200 and answer.json()["missing"] == [{"seller": "default", "id": "no-such-product"}]
    assert [r["id"] for r in client.get("/v1/admin/rules", headers=ADMIN).json()] == ["r1"]
