"""API keys sent in a URL never reach the access log of a live `haitao serve` (issue 12).

The storefront is documented to be opened as `/?key=<search key>` when the server requires one, and some clients
put keys in query strings: uvicorn's access log wrote those URLs as they came. Read here from the real server's
real log (not through TestClient, whose requests never reach uvicorn's logger).
"""

from __future__ import annotations

import logging
import time
import urllib.parse

import httpx
import pytest

SEARCH_KEY = "pk-url-key-do-not-log-1234"


def test_keys_in_urls_are_redacted_from_the_live_access_log(serve, small_settings, tmp_path):
    secrets = {
        "/?key=": SEARCH_KEY,
        "/v1/search?q=%E8%80%B3%E6%9C%BA&key=": SEARCH_KEY,
        "/v1/search?api_key=": "secret-two-5678",
        "/v1/suggest?q=la&access_token=": "secret-three-91011",
        "/v1/search?q=x&%6Bey=": "secret-four-1213",  # `key`, percent-encoded
        "/v1/search?Authorization=": "secret-five-1415",
        "/static/app.js?X-API-KEY=": "secret-six-1617",
    }
    env = {"HAITAO_SEARCH_API_KEY": SEARCH_KEY, "HAITAO_RATE_LIMIT_PER_MINUTE": "0"}
    with serve(small_settings.data_dir, tmp_path / "server.log", **env) as server:
        for prefix, secret in secrets.items():
            httpx.get(server.url + prefix + urllib.parse.quote(secret), timeout=30)
        answered = httpx.get(f"{server.url}/v1/search?q=kept&size=1", headers={"X-API-Key": SEARCH_KEY}, timeout=30)
        assert answered.status_code == 200
        time.sleep(0.5)  # the log line is written as the response starts
        log = server.log_text()
    for secret in secrets.values():
        assert secret not in log
    assert '"GET /?key=REDACTED HTTP/1.1" 200' in log  # the storefront page itself, still logged
    assert "GET /v1/search?q=%E8%80%B3%E6%9C%BA&key=REDACTED HTTP/1.1" in log  # the rest of the URL kept
    assert "GET /v1/search?q=kept&size=1 HTTP/1.1" in log


def test_redaction_keeps_everything_else():
    from search.api.server import redact_target

    assert redact_target("/v1/search?q=key&size=2") == "/v1/search?q=key&size=2"  # a value, not a name
    assert redact_target("/?key=a&q=b&token") == "/?key=REDACTED&q=b&token"
    assert redact_target("/plain") == "/plain"


@pytest.mark.parametrize(
    "args",
    [
        ("127.0.0.1:51234", "GET", "/v1/search?q=%E8%80%B3%E6%9C%BA&size=2", "1.1", 200),
        ("[::1]:8", "POST", "/v1/admin/products", "1.1", 413),
        ("10.0.0.7:1", "GET", "/", "1.0", 599),  # no reason phrase
    ],
)
def test_the_plain_access_formatter_writes_uvicorns_lines(args):
    from uvicorn.logging import AccessFormatter

    from search.api.server import ACCESS_FORMAT, PlainAccessFormatter

    record = logging.LogRecord("uvicorn.access", logging.INFO, __file__, 1, '%s - "%s %s HTTP/%s" %d', args, None)
    uvicorns = AccessFormatter(ACCESS_FORMAT, use_colors=False).format(record)
    assert PlainAccessFormatter(ACCESS_FORMAT, use_colors=False).format(record) == uvicorns
    assert uvicorns.startswith(f"INFO:     {args[0]} - ")


def test_the_server_writes_access_lines_with_the_plain_formatter(small_settings):
    from search.api.app import create_app
    from search.api.server import PlainAccessFormatter, server_config

    server_config(create_app(small_settings), "127.0.0.1", 0)
    handlers = logging.getLogger("uvicorn.access").handlers
    assert handlers and all(isinstance(handler.formatter, PlainAccessFormatter) for handler in handlers)
