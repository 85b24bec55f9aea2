"""The embedding model fails to load at startup (here: a model directory with corrupt files). With
HAITAO_KEYWORD_ONLY_FALLBACK (the default) the server keeps answering searches with the keyword leg, every
response says `degraded: true`, /readyz answers 503 with the reason and the log says so; without it, no search
is answered (503). Through the app's real startup (its lifespan), over a copy of the small fixture index.
"""

from __future__ import annotations

import logging
import shutil

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from search.api.app import create_app

ADMIN_KEY = "degraded-admin-key"


@pytest.fixture(scope="module")
def broken_model(tmp_path_factory):
    model = tmp_path_factory.mktemp("broken-model")
    (model / "config.json").write_text("not json", encoding="utf-8")
    (model / "modules.json").write_text("{", encoding="utf-8")
    return model


@pytest.fixture(scope="module")
def data_dir(small_settings, tmp_path_factory):
    copy = tmp_path_factory.mktemp("degraded") / "data"
    shutil.copytree(small_settings.data_dir, copy)  # the admin key makes the server the writer: not the shared one
    return copy


def start(small_settings, data_dir, broken_model, **settings):
    update = {"data_dir": data_dir, "model": str(broken_model), "rate_limit_per_minute": 0, **settings}
    return TestClient(create_app(small_settings.model_copy(update=update)))


@pytest.fixture(scope="module")
def degraded(small_settings, data_dir, broken_model):
    records: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = records.append  # type: ignore[method-assign]
    logging.getLogger("search").addHandler(handler)
    try:
        with start(small_settings, data_dir, broken_model, admin_api_key=SecretStr(ADMIN_KEY)) as client:
            yield client, records
    finally:
        logging.getLogger("search").removeHandler(handler)


def test_readiness_is_false_and_says_why(degraded):
    client, records = degraded
    response = client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["ready"] is False and body["degraded"] is True and body["products"] == 26
    assert body["message"].startswith("keyword-only search: cannot load embedding model")
    assert any("serving keyword-only search (degraded)" in r.getMessage() for r in records)
    assert client.get("/healthz").status_code == 200
    metrics = client.get("/metrics").text
    assert "haitao_degraded 1.0" in metrics and "haitao_ready 0.0" in metrics and "haitao_model_loaded 0.0" in metrics


@pytest.mark.parametrize("mode", ["hybrid", "keyword", "vector"])
def test_searches_are_answered_keyword_only_and_flagged(degraded, mode):
    client, _ = degraded
    body = client.get("/v1/search", params={"q": "蓝牙耳机", "mode": mode, "explain": "true"}).json()
    assert body["degraded"] is True
    assert body["hits"] and body["hits"][0]["category"] == "Electronics > Audio > Headphones"
    assert all(hit["explain"]["vector_rank"] is None for hit in body["hits"])
    assert client.post("/v1/search", json={"q": "保温杯"}).json()["degraded"] is True
    assert client.get("/v1/search").json()["degraded"] is True  # browsing too
    assert client.get("/v1/suggest", params={"q": "lany"}).status_code == 200


def test_admin_writes_are_refused_while_degraded(degraded):
    client, _ = degraded
    record = {"id": "new-1", "title": "Travel Mug", "price": 9.5}
    headers = {"Authorization": f"Bearer {ADMIN_KEY}"}
    response = client.post("/v1/admin/products", json=[record], headers=headers)
    assert response.status_code == 503 and "without the embedding model" in response.json()["error"]["message"]


def test_without_the_fallback_nothing_is_searched(small_settings, data_dir, broken_model):
    with start(small_settings, data_dir, broken_model, keyword_only_fallback=False) as client:
        ready = client.get("/readyz")
        assert ready.status_code == 503 and ready.json()["degraded"] is False
        assert "cannot load embedding model" in ready.json()["message"]
        search = client.get("/v1/search", params={"q": "蓝牙耳机"})
        assert search.status_code == 503 and "cannot load embedding model" in search.json()["error"]["message"]


def test_a_healthy_server_is_not_degraded(small_settings, small_service):
    with TestClient(create_app(small_settings, service=small_service)) as client:
        assert client.get("/v1/search", params={"q": "蓝牙耳机"}).json()["degraded"] is False
        assert client.get("/readyz").json()["degraded"] is False
