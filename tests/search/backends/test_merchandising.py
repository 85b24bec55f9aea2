"""Runtime synonyms (and rules) on every backend, through the HTTP API: they act above the backends, so the same
change gives the same results on the embedded index and on OpenSearch (osmem-server: keyword mode, no knn)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from search.api.app import create_app
from search.backends.base import Filters
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


def put_rule(client: TestClient, rule_id: str, body: dict):
    answer = client.put(f"/v1/admin/rules/{rule_id}", json=body, headers=ADMIN)
    assert answer.status_code == 200, answer.text
    return answer.json()


def search(client: TestClient, q: str, **params) -> dict:
    return client.get("/v1/search", params={"q": q, "mode": "keyword", "size": 5, "explain": True, **params}).json()


def test_a_rule_pins_and_hides_for_every_spelling_of_its_query(app_for):
    with app_for() as client:
        organic = ids(client, "蓝牙耳机")
        assert "cup-stanley-40" not in organic and "toy-lego-falcon" not in organic
        hidden = organic[0]
        put_rule(
            client,
            "double-11",
            {
                "rule": {"query": "蓝牙耳机", "match": "exact"},
                "includes": [
                    {"seller": "default", "id": "cup-stanley-40", "position": 1},
                    {"seller": "default", "id": "toy-lego-falcon", "position": 3},
                ],
                "excludes": [{"seller": "default", "id": hidden}],
            },
        )
        for q in ("蓝牙耳机", "藍牙耳機", "lanya erji", "推荐蓝牙耳机"):
            body = search(client, q)
            got = [h["id"] for h in body["hits"]]
            assert got[0] == "cup-stanley-40" and got[2] == "toy-lego-falcon" and hidden not in got, (q, got)
            assert body["explain"]["rules"] == ["rules:double-11"]
            assert body["hits"][0]["explain"]["pinned_by"] == "rules:double-11"
            assert body["hits"][1]["explain"]["pinned_by"] is None
        # the rest of the ranking moves down around the pins, and pages follow on from each other
        paged = [h["id"] for p in (1, 2) for h in search(client, "蓝牙耳机", size=2, page=p)["hits"]]
        assert paged == [h["id"] for h in search(client, "蓝牙耳机", size=4)["hits"]]
        assert search(client, "蓝牙耳机 降噪")["explain"]["rules"] == []  # exact: more words, no match
        hidden_elsewhere = search(client, hidden.split("-")[1])  # another query: the rule does not apply
        assert hidden_elsewhere["explain"]["rules"] == []


def test_contains_rules_filters_and_dates(app_for):
    with app_for() as client:
        put_rule(client, "stock", {"rule": {"query": "耳机", "match": "contains"}, "filter_by": "brand:=Apple"})
        body = search(client, "降噪耳机")
        assert body["hits"] and {h["brand"] for h in body["hits"]} == {"Apple"}
        assert body["explain"]["rules"] == ["rules:stock"]
        put_rule(
            client,
            "stock",
            {
                "rule": {"query": "耳机", "match": "contains"},
                "filter_by": "brand:=Apple",
                "effective_from": "2999-01-01T00:00:00Z",
            },
        )
        later = search(client, "降噪耳机")
        assert later["explain"]["rules"] == [] and {h["brand"] for h in later["hits"]} != {"Apple"}


def test_rules_survive_a_restart_and_are_gone_after_delete(app_for):
    rule = {"rule": {"query": "保温杯"}, "includes": [{"seller": "default", "id": "toy-lego-falcon", "position": 1}]}
    with app_for() as client:
        put_rule(client, "cups", rule)
    with app_for() as client:
        assert ids(client, "保温杯")[0] == "toy-lego-falcon"
        assert client.get("/v1/admin/rules/cups", headers=ADMIN).json()["rule"] == {"query": "保温杯", "match": "exact"}
        assert client.delete("/v1/admin/rules/cups", headers=ADMIN).status_code == 200
        assert ids(client, "保温杯")[0] != "toy-lego-falcon"


def ranked(client: TestClient, q: str, **params) -> dict:
    return search(client, q, size=10, facets="brand", **params)


def brands_of(body: dict) -> list[str]:
    return [hit["brand"] for hit in body["hits"]]


def test_a_boost_lifts_and_a_bury_sinks_the_products_its_filter_selects(app_for):
    with app_for() as client:
        organic = ranked(client, "耳机")
        order = [h["id"] for h in organic["hits"]]
        by_price = [h["id"] for h in ranked(client, "耳机", sort="price_asc")["hits"]]
        assert len(order) >= 4 and organic["hits"][0]["explain"]["boost"] is None
        brands = brands_of(organic)
        lifted = next(b for b in reversed(brands) if b != brands[0])  # the last result's brand, not the first's
        put_rule(
            client, "lift", {"rule": {"query": "耳机"}, "boost": [{"filter_by": f"brand:={lifted}", "weight": 10}]}
        )
        body = ranked(client, "耳机")
        got = [h["id"] for h in body["hits"]]
        # every product of that brand first, each group in its organic order: reordered, nothing added or dropped
        chosen = [h["id"] for h in organic["hits"] if h["brand"] == lifted]
        assert got == chosen + [i for i in order if i not in chosen], (order, got)
        assert body["total"] == organic["total"] and body["facets"] == organic["facets"]
        assert body["explain"]["rules"] == ["rules:lift"]
        for hit in body["hits"]:
            if hit["brand"] == lifted:
                assert hit["explain"]["boost"] == {
                    "factor": 10.0,
                    "rank_before": order.index(hit["id"]) + 1,
                    "by": [{"rule": "rules:lift", "filter_by": f"brand:={lifted}", "weight": 10.0}],
                }
            else:
                assert hit["explain"]["boost"] is None
        # pages follow on from each other
        paged = [h["id"] for p in (1, 2) for h in search(client, "耳机", size=2, page=p)["hits"]]
        assert paged == got[:4]

        buried = brands[0]  # the brand of the first result
        bury = {"rule": {"query": "耳机"}, "boost": [{"filter_by": f"brand:={buried}", "weight": 0.1}]}
        put_rule(client, "lift", bury)
        body = ranked(client, "耳机")
        sunk = [h["id"] for h in organic["hits"] if h["brand"] == buried]
        assert [h["id"] for h in body["hits"]] == [i for i in order if i not in sunk] + sunk
        assert body["total"] == organic["total"] and body["facets"] == organic["facets"]
        assert {h["explain"]["boost"]["factor"] for h in body["hits"] if h["brand"] == buried} == {0.1}
        # another query, or another order than relevance: the rule does nothing
        assert [h["id"] for h in ranked(client, "耳机", sort="price_asc")["hits"]] == by_price
        assert ranked(client, "保温杯")["explain"]["rules"] == []


def test_boosts_survive_a_restart_and_go_with_the_rule(app_for):
    with app_for() as client:
        organic = [h["id"] for h in ranked(client, "耳机")["hits"]]
        rule = {"rule": {"query": "耳机"}, "boost": [{"filter_by": "in_stock:=false", "weight": 10}]}
        put_rule(client, "stock", rule)
    with app_for() as client:
        body = ranked(client, "耳机")
        assert body["hits"][0]["availability"] != "in_stock" and body["hits"][0]["explain"]["boost"]["factor"] == 10
        assert client.get("/v1/admin/rules/stock", headers=ADMIN).json()["boost"] == [
            {"filter_by": "in_stock:=false", "weight": 10.0}
        ]
        assert client.delete("/v1/admin/rules/stock", headers=ADMIN).status_code == 200
        assert [h["id"] for h in ranked(client, "耳机")["hits"]] == organic


@pytest.mark.parametrize(
    "filter_by",
    [
        "brand:=[sony,Apple]",
        "category:=electronics > audio",
        "price:[20..100]",
        "price:<19",
        "in_stock:=false",
        "seller:=default && price:>=100 && category:=Electronics",
    ],
)
def test_a_boost_selects_exactly_the_products_the_same_filter_finds(small_backend, filter_by):
    """A boost's filter is checked on the stored product above the backends; it must agree with the backends'
    own filtering of the same `filter_by`."""
    from search.backends.base import Sort
    from search.merchandising.rules import parse_filter_by

    rule_filter = parse_filter_by(filter_by)
    found = small_backend.browse(rule_filter.narrow(Filters()), Sort.RELEVANCE, 0, 100, None)
    admitted = {p.key for p in small_backend.iter_products() if rule_filter.admits(p)}
    assert admitted and admitted == {hit.product.key for hit in found}
