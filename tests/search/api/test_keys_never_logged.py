"""API keys never reach a log, a response or the metrics: requests with the right key, a wrong one, a key in the
wrong header, and an unexpected error while a key was sent, with every logger at DEBUG."""

from __future__ import annotations

import logging

from fastapi.testclient import TestClient
from pydantic import SecretStr

from search.api.app import create_app

KEYS = {"search_api_key": "pk-search-LEAKCHECK1", "admin_api_key": "sk-admin-LEAKCHECK2"}
KEYS["metrics_api_key"] = "mk-metrics-LEAKCHECK3"
WRONG = "wrong-key-LEAKCHECK4"


def test_no_key_is_ever_logged_or_echoed(small_settings, small_service, caplog):
    settings = small_settings.model_copy(update={name: SecretStr(key) for name, key in KEYS.items()})
    app = create_app(settings, service=small_service)

    @app.get("/v1/boom")
    def boom() -> None:
        raise RuntimeError("boom")

    texts: list[str] = [repr(settings), str(settings.model_dump())]
    with TestClient(app, raise_server_exceptions=False) as client, caplog.at_level(logging.DEBUG):
        for key in [*KEYS.values(), WRONG]:
            for headers in ({"X-API-Key": key}, {"Authorization": f"Bearer {key}"}, {"Authorization": key}):
                for method, url in [("GET", "/v1/search?q=耳机"), ("GET", "/metrics"), ("GET", "/v1/boom")]:
                    response = client.request(method, url, headers=headers)
                    texts += [response.text, str(dict(response.headers))]
                response = client.delete("/v1/admin/products/no-such-product", headers=headers)
                texts += [response.text, str(dict(response.headers))]
        texts.append(client.get("/metrics", headers={"X-API-Key": KEYS["metrics_api_key"]}).text)
    texts += [record.getMessage() for record in caplog.records] + [caplog.text]
    assert "boom" in caplog.text  # the logs were captured
    for key in [*KEYS.values(), WRONG]:
        assert not any(key in text for text in texts), key
