"""The storefront page's files as the API serves them: `/` and every asset it loads, with their content types."""

import re

import pytest
from fastapi.testclient import TestClient

from search.api.app import create_app
from search.api.routes import storefront
from search.config import Settings


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    # No lifespan (no `with`): the page needs no index and no model.
    return TestClient(create_app(Settings(data_dir=tmp_path_factory.mktemp("empty"))))


def test_root_serves_the_page(client):
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert response.headers["cache-control"] == "no-cache"
    assert "<title>海淘搜索" in response.text
    assert 'role="combobox"' in response.text


def test_every_asset_the_page_loads_is_served_with_its_type(client):
    page = client.get("/").text
    pending = re.findall(r'(?:href|src)="(static/[^"]+)"', page)
    assert set(pending) == {"static/style.css", "static/app.js"}
    seen = set()
    while pending:  # the page's assets, then every module the scripts import
        path = pending.pop()
        if path in seen:
            continue
        seen.add(path)
        response = client.get(f"/{path}")
        assert response.status_code == 200, path
        kind = response.headers["content-type"]
        if path.endswith(".js"):
            assert kind.startswith(("text/javascript", "application/javascript")), (path, kind)
            pending += [f"static/{name}" for name in re.findall(r'from "\./([\w-]+\.js)"', response.text)]
        else:
            assert kind == "text/css; charset=utf-8"
    assert {"static/api.js", "static/render.js", "static/autocomplete.js", "static/haitao-client.js"} <= seen


def test_without_the_built_client_bundle_the_page_says_how_to_build_it(client, monkeypatch):
    """static/haitao-client.js is a build output (`make js`): where it was not built, a page saying so, not a
    storefront that fails in the browser."""
    monkeypatch.setattr(storefront, "CLIENT_BUNDLE", "not-built.js")
    response = client.get("/")
    assert response.status_code == 503
    assert "not-built.js" in response.text and "make js" in response.text


def test_a_missing_asset_is_a_json_404(client):
    response = client.get("/static/nothing.js")
    assert response.status_code == 404
    assert response.json() == {"error": {"status": 404, "message": "Not Found"}}


def test_the_page_is_not_in_the_api_schema(client):
    paths = client.get("/openapi.json").json()["paths"]
    assert "/" not in paths
    assert "/v1/search" in paths
