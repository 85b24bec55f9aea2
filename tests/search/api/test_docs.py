"""/docs and /redoc reference only the server's own assets (the browser test shows they render with them)."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from search.api.app import create_app
from search.config import Settings

OUTSIDE = re.compile(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""")


def test_the_docs_pages_load_only_assets_the_server_serves(tmp_path):
    client = TestClient(create_app(Settings(data_dir=tmp_path)))  # no startup: the docs need no index
    for path in ("/docs", "/redoc"):
        page = client.get(path)
        assert page.status_code == 200
        assert not OUTSIDE.search(page.text), page.text
        assets = re.findall(r"""(?:src|href)\s*=\s*["']([^"']+)""", page.text)
        assert assets
        for asset in assets:
            assert client.get(asset).status_code == 200, asset
    assert '"validatorUrl": null' in client.get("/docs").text
    assert "fonts.googleapis" not in client.get("/redoc").text
    assert client.get("/docs/oauth2-redirect").status_code == 200


def test_the_docs_are_not_part_of_the_api_description(tmp_path):
    paths = TestClient(create_app(Settings(data_dir=tmp_path))).get("/openapi.json").json()["paths"]
    assert not {"/docs", "/redoc", "/docs/oauth2-redirect"} & set(paths)
