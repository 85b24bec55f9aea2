"""Search analytics over HTTP: every search answers a `query_id`, events name it, the admin reports count both."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from search.api.app import create_app

ADMIN = {"X-API-Key": "admin-key-for-analytics-tests"}


@pytest.fixture()
def settings(small_settings, tmp_path):
    """The small index's settings, with analytics kept in a directory of the test's own."""
    return small_settings.model_copy(update={"data_dir": tmp_path, "admin_api_key": SecretStr(ADMIN["X-API-Key"])})


@pytest.fixture()
def client(settings, small_service):
    with TestClient(create_app(settings, service=small_service)) as client:
        yield client


def _flush(client: TestClient) -> None:
    client.app.state.analytics.store.flush()


def _click(client, query_id, product="ear-anker-p3", position=1, kind="click", **extra):
    body = {"type": kind, "query_id": query_id, "seller": "default", "id": product, "position": position, **extra}
    return client.post("/v1/events", json=body)


def test_every_search_answers_a_new_query_id(client):
    first = client.get("/v1/search", params={"q": "蓝牙耳机"}).json()["query_id"]
    second = client.get("/v1/search", params={"q": "蓝牙耳机"}).json()["query_id"]  # a cached result too
    posted = client.post("/v1/search", json={"q": "保温杯"}).json()["query_id"]
    assert len({first, second, posted}) == 3 and all(len(q) == 40 for q in (first, second, posted))


def test_reports_group_queries_by_their_normalised_form(client):
    for q in ("蓝牙耳机", "藍牙耳機", "蓝牙耳机", "保温杯"):
        assert client.get("/v1/search", params={"q": q}).json()["total"] > 0
    nothing = client.get("/v1/search", params={"q": "保溫杯", "price_min": 100000}).json()  # no cup costs that
    assert nothing["total"] == 0
    _flush(client)
    top = client.get("/v1/admin/analytics/top-queries", headers=ADMIN, params={"limit": 2}).json()
    assert [(row["query"], row["count"]) for row in top] == [("蓝牙耳机", 3), ("保温杯", 2)]
    empty = client.get("/v1/admin/analytics/no-results", headers=ADMIN).json()
    assert [(row["query"], row["count"], row["last_typed"]) for row in empty] == [("保温杯", 1, "保溫杯")]
    assert top[1]["no_results"] == 1


def test_clicks_make_the_click_through_report(client):
    ids = [client.get("/v1/search", params={"q": "蓝牙耳机"}).json()["query_id"] for _ in range(4)]
    assert _click(client, ids[0], position=1).status_code == 201
    assert _click(client, ids[0], product="ear-sony-xm5", position=3).status_code == 201
    assert _click(client, ids[1], position=2).status_code == 201
    assert _click(client, ids[1], kind="purchase", position=2).status_code == 201
    _flush(client)
    [row] = client.get("/v1/admin/analytics/ctr", headers=ADMIN).json()
    assert row["query"] == "蓝牙耳机" and row["searches"] == row["count"] == 4
    assert row["clicks"] == 3 and row["ctr"] == 0.5 and row["mean_click_position"] == 2.0
    assert row["purchases"] == 1 and row["add_to_cart"] == 0


def test_events_for_unknown_searches_or_products_are_refused_naming_the_field(client):
    query_id = client.get("/v1/search", params={"q": "蓝牙耳机"}).json()["query_id"]
    forged = "0" * 40
    answer = _click(client, forged)
    assert answer.status_code == 422 and answer.json()["error"]["message"].startswith("query_id:")
    answer = _click(client, query_id, product="no-such-product")
    assert answer.status_code == 422 and answer.json()["error"]["message"].startswith("id:")
    for bad, field in (
        ({"type": "like"}, "type"),
        ({"position": 0}, "position"),
        ({"seller": "Not A Seller!"}, "seller"),
        ({"session": "x" * 65}, "session"),
        ({"extra": 1}, "extra"),
    ):
        body = {"type": "click", "query_id": query_id, "seller": "default", "id": "ear-anker-p3", **bad}
        answer = client.post("/v1/events", json=body)
        assert answer.status_code == 422 and field in answer.json()["error"]["message"], (bad, answer.text)
    _flush(client)
    assert client.app.state.analytics.store.counts()["events"] == 0


def test_the_store_keeps_no_address_or_key_and_a_session_only_when_sent(client, settings):
    client.get("/v1/search", params={"q": "蓝牙耳机"}, headers={"X-Session-Id": "s-123", **ADMIN})
    client.get("/v1/search", params={"q": "保温杯", "brand": "Stanley"})
    _flush(client)
    raw = b"".join(p.read_bytes() for p in settings.data_dir.glob("analytics.sqlite*"))
    assert ADMIN["X-API-Key"].encode() not in raw and b"testclient" not in raw
    rows = client.app.state.analytics.store.query("SELECT normalized, session, filters FROM searches ORDER BY at")
    assert [(r["normalized"], r["session"]) for r in rows] == [("蓝牙耳机", "s-123"), ("保温杯", None)]
    assert '["Stanley"]' in rows[1]["filters"]
    bad = client.get("/v1/search", params={"q": "x"}, headers={"X-Session-Id": "a b"})
    assert bad.status_code == 422 and "X-Session-Id" in bad.json()["error"]["message"]


def test_reports_need_the_admin_key_and_check_their_window(client):
    assert client.get("/v1/admin/analytics/top-queries").status_code == 401
    for params, field in (
        ({"limit": 0}, "limit"),
        ({"days": -1}, "days"),
        ({"since": "yesterday"}, "since"),
        ({"since": "0125-11-16T00:00:00Z"}, "since"),  # a window of 700,000 days: refused, not listed day by day
    ):
        answer = client.get("/v1/admin/analytics/ctr", headers=ADMIN, params=params)
        assert answer.status_code == 422 and field in answer.json()["error"]["message"]
    later = client.get(
        "/v1/admin/analytics/top-queries", headers=ADMIN, params={"since": "2026-01-02", "until": "2026-01-01"}
    )
    assert later.status_code == 422 and later.json()["error"]["message"].startswith("until:")


def test_searches_and_events_survive_a_restart(settings, small_service):
    with TestClient(create_app(settings, service=small_service)) as client:
        query_id = client.get("/v1/search", params={"q": "蓝牙耳机"}).json()["query_id"]
    with TestClient(create_app(settings, service=small_service)) as client:
        assert _click(client, query_id).status_code == 201  # the id is still known after the restart
        _flush(client)
        [row] = client.get("/v1/admin/analytics/ctr", headers=ADMIN).json()
        assert (row["searches"], row["clicks"]) == (1, 1)
