"""The JS client's InstantSearch example (clients/js/examples/instantsearch) in headless Chromium, against a live
server over the demo index.

The page is served from its own origin by a static server (as a storefront would be), and calls the API across
origins with a search key: CORS and the key header are part of what is tested. A shopper searches, ticks a brand,
moves the price slider, goes to page 2 and reads the stats; each time the page must show exactly what the API
answers for those parameters. Nothing may be loaded from anywhere but the two servers (InstantSearch is bundled,
no CDN). The bundle is built by `make test` (`make js`); if it is missing or older than its sources, this test
builds it (npm ci, npm run build in clients/js).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlencode

import httpx
import pytest
from pydantic import SecretStr

from search.api.app import create_app
from search.config import Settings

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[3]
CLIENT = ROOT / "clients" / "js"
EXAMPLE = CLIENT / "examples" / "instantsearch"
DIST = EXAMPLE / "dist"
KEY = "pk-instantsearch-example"
TIMEOUT_MS = 30_000
PER_PAGE = 12  # the example's hitsPerPage


def _sources() -> list[Path]:
    files = [EXAMPLE / "app.ts", EXAMPLE / "index.html", EXAMPLE / "style.css", CLIENT / "package-lock.json"]
    return files + sorted((CLIENT / "src").rglob("*.ts"))


def _npm(*args: str) -> None:
    npm = shutil.which("npm")
    if npm is None:
        pytest.fail("npm is needed to build the InstantSearch example (Debian: apt-get install nodejs npm)")
    done = subprocess.run([npm, *args], cwd=CLIENT, capture_output=True, text=True, check=False)
    assert done.returncode == 0, f"npm {' '.join(args)} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"


@pytest.fixture(scope="module")
def bundle() -> Path:
    built = DIST / "app.js"
    if not built.exists() or built.stat().st_mtime < max(p.stat().st_mtime for p in _sources()):
        if not (CLIENT / "node_modules" / ".package-lock.json").exists():
            _npm("ci", "--no-audit", "--no-fund")
        _npm("run", "build")
    return DIST


class _ExampleFiles(SimpleHTTPRequestHandler):
    """The built page, and its config.json naming the API (as `npm run example` serves it)."""

    def __init__(self, *args, config: dict[str, str], **kwargs) -> None:
        self.config = config
        super().__init__(*args, directory=str(DIST), **kwargs)

    def do_GET(self) -> None:
        if self.path.split("?")[0] == "/config.json":
            body = json.dumps(self.config).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()

    def log_message(self, *args) -> None:
        pass


@dataclass
class Example:
    page_url: str
    api_url: str

    def search(self, **params) -> dict:
        """What the API answers, asked directly."""
        response = httpx.get(f"{self.api_url}/v1/search", params=params, headers={"X-API-Key": KEY}, timeout=30)
        assert response.status_code == 200, response.text
        return response.json()


@pytest.fixture(scope="module")
def example(bundle, live_server, demo_settings: Settings, demo_service) -> Iterator[Example]:
    config: dict[str, str] = {}
    static = ThreadingHTTPServer(("127.0.0.1", 0), partial(_ExampleFiles, config=config))
    threading.Thread(target=static.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{static.server_address[1]}"
    settings = demo_settings.model_copy(update={"cors_origins": [origin], "search_api_key": SecretStr(KEY)})
    try:
        with live_server(create_app(settings, service=demo_service)) as api:
            config.update(baseUrl=api.rstrip("/"), apiKey=KEY)
            yield Example(f"{origin}/", api.rstrip("/"))
    finally:
        static.shutdown()
        static.server_close()


@pytest.fixture()
def page(browser, example: Example):
    context = browser.new_context(viewport={"width": 1280, "height": 1000}, locale="zh-CN")
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    errors: list[str] = []
    elsewhere: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    origins = (example.page_url.rstrip("/"), example.api_url)
    page.on("request", lambda r: None if r.url.startswith(origins) else elsewhere.append(r.url))
    page.route(re.compile(rf"^(?!{'|'.join(re.escape(o) for o in origins)})"), lambda route: route.abort())
    yield page
    context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"
    assert not elsewhere, f"the page asked for something other than its own files and the API: {elsewhere}"


def product_name(hit: dict) -> str:
    """What InstantSearch names a hit (its objectID): `SELLER/ID`, unique across sellers."""
    return f"{hit['seller']}/{hit['id']}"


def shown(page) -> list[str]:
    return page.eval_on_selector_all(".product", "els => els.map(e => e.dataset.id)")


def shows(page, answer: dict) -> None:
    """Wait until the page shows exactly the API's hits, in its order, and its total in the stats."""
    ids = [product_name(hit) for hit in answer["hits"]]
    page.wait_for_function(
        "([ids, total]) => JSON.stringify([...document.querySelectorAll('.product')].map(e => e.dataset.id))"
        " === JSON.stringify(ids) && document.querySelector('.stats-count')?.textContent === String(total)"
        " && document.body.dataset.status === 'idle'",
        arg=[ids, answer["total"]],
    )


def test_search_refine_price_paginate_stats(page, example: Example, screenshots: Path):
    page.goto(example.page_url)
    shows(page, example.search(q="", size=PER_PAGE))  # browsing, newest first

    query = "蓝牙耳机"
    page.locator("#searchbox .ais-SearchBox-input").fill(query)
    answer = example.search(q=query, size=PER_PAGE, facets="brand")
    shows(page, answer)
    assert page.locator(".product-title mark.ais-Highlight-highlighted").count() >= 1
    titles = page.locator(".product-title").all_inner_texts()
    assert titles == [hit["title"] for hit in answer["hits"]]  # highlighted, text unchanged (escaped once)
    assert re.search(rf"“{query}” 找到 {answer['total']} 件商品，用时 \d+ 毫秒", page.locator("#stats").inner_text())

    # Refine the brand with the most results: only its products, and the other brands still offered.
    brand = max(answer["facets"]["brand"].items(), key=lambda item: item[1])[0]
    label = page.locator(".ais-RefinementList-labelText", has_text=re.compile(f"^{re.escape(brand)}$"))
    page.locator(".ais-RefinementList-item", has=label).locator("input").check()
    refined = example.search(q=query, brand=brand, size=PER_PAGE, facets="brand,price")
    shows(page, refined)
    assert {b for b in page.eval_on_selector_all(".product", "els => els.map(e => e.dataset.brand)")} == {brand}
    offered = page.locator(".ais-RefinementList-labelText").all_inner_texts()
    assert len(offered) > 1 and brand in offered

    # Take the brand off again (the query's groups are more than a page even below a lower price), then move the
    # price slider's upper handle down: the hits cost at most what it shows, as the API says.
    page.locator(".ais-RefinementList-item", has=label).locator("input").uncheck()
    unrefined = example.search(q=query, size=PER_PAGE, facets="brand,price")
    shows(page, unrefined)
    upper = page.locator(".rheostat-handle-upper")
    highest = float(upper.get_attribute("aria-valuenow"))
    assert round(highest) == round(unrefined["facets_stats"]["price"]["max"])
    upper.focus()
    upper.press("PageDown")
    moved = "h => Number(document.querySelector('.rheostat-handle-upper').getAttribute('aria-valuenow')) < h"
    page.wait_for_function(moved, arg=highest)
    price_max = float(upper.get_attribute("aria-valuenow"))
    priced = example.search(q=query, price_max=price_max, size=PER_PAGE)
    shows(page, priced)
    prices = [float(p) for p in page.eval_on_selector_all(".product", "els => els.map(e => e.dataset.priceCny)")]
    assert prices and all(p <= price_max for p in prices)
    assert priced["total"] > PER_PAGE, f"the demo catalog should leave more than a page here ({priced['total']})"
    page.screenshot(path=screenshots / "instantsearch-example.png")

    # Page 2 is the API's page 2; the state is in the address, so a reload shows the same.
    page.get_by_role("link", name="Page 2", exact=True).click()
    second = example.search(q=query, price_max=price_max, page=2, size=PER_PAGE)
    shows(page, second)
    assert set(shown(page)).isdisjoint(product_name(hit) for hit in priced["hits"])
    page.wait_for_url(re.compile(r"page%5D=2"))  # the router writes the address shortly after
    page.reload()
    shows(page, second)
    assert page.locator("#searchbox .ais-SearchBox-input").input_value() == query


def test_query_corrections_are_shown(page, example: Example):
    slip = "蓝呀耳机"  # a pinyin keyboard's homophone slip
    page.goto(f"{example.page_url}?{urlencode({'products[query]': slip})}")
    answer = example.search(q=slip, size=PER_PAGE)
    assert answer["corrected_query"] == "蓝牙耳机"
    shows(page, answer)
    assert page.locator("#notice").inner_text() == "已按 蓝牙耳机 为您搜索"

    # Typed short, at a price no product has: nothing found, what the shopper may have meant offered, to click.
    short = "蓝牙耳"
    page.goto(f"{example.page_url}?{urlencode({'products[query]': short, 'products[range][price]': '100000:'})}")
    nothing = example.search(q=short, price_min=100000, size=PER_PAGE)
    assert nothing["total"] == 0 and nothing["did_you_mean"]
    shows(page, nothing)
    offered = page.locator("#notice .did-you-mean")
    assert offered.all_inner_texts() == nothing["did_you_mean"]
    offered.first.click()
    shows(page, example.search(q=nothing["did_you_mean"][0], price_min=100000, size=PER_PAGE))
    assert page.locator("#searchbox .ais-SearchBox-input").input_value() == nothing["did_you_mean"][0]


def test_an_unavailable_api_is_shown(browser, bundle, live_server, demo_settings: Settings):
    # Without its startup the app has no search service: every search is a 503, as while an index loads. The
    # client retries it, then InstantSearch reports the HaitaoError and the page says so.
    config: dict[str, str] = {}
    static = ThreadingHTTPServer(("127.0.0.1", 0), partial(_ExampleFiles, config=config))
    threading.Thread(target=static.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{static.server_address[1]}"
    settings = demo_settings.model_copy(update={"cors_origins": [origin]})
    context = browser.new_context(locale="zh-CN")
    context.set_default_timeout(TIMEOUT_MS)
    errors: list[str] = []
    try:
        with live_server(create_app(settings), lifespan="off") as api:
            config["baseUrl"] = api.rstrip("/")
            page = context.new_page()
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.goto(f"{origin}/")
            alert = page.get_by_role("alert")
            alert.wait_for()
            assert re.search(r"搜索出错：Haitao GET /v1/search: 503 ", alert.inner_text()), alert.inner_text()
            assert page.locator("body").get_attribute("data-status") == "error"
    finally:
        context.close()
        static.shutdown()
        static.server_close()
    assert not errors, f"JavaScript errors on the page: {errors}"
