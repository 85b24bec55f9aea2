"""/docs (Swagger UI) and /redoc render in headless Chromium with every request they make going to the server.

The server is opened under a name that is not the loopback's (conftest.PUBLIC_HOST, mapped to 127.0.0.1 inside
Chromium), as a deployed server is: Swagger UI would fetch its validator badge from the internet there. A request
to another origin fails the tests unless the page's Content-Security-Policy refused it in the browser, before it
was sent (ReDoc's attribution logo); the test refuses it too, so nothing leaves the machine either way.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest

from search.api.app import create_app
from search.config import Settings

pytestmark = pytest.mark.browser
TIMEOUT_MS = 30_000


@pytest.fixture(scope="module")
def server(live_server, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app without its startup (no index, no model needed): the docs depend only on the OpenAPI document."""
    settings = Settings(data_dir=tmp_path_factory.mktemp("docs"))
    with live_server(create_app(settings), lifespan="off") as url:
        port = urlsplit(url).port
        yield f"http://shop.haitao.test:{port}/"


class Recorder:
    """Every request the page makes; those to another origin than the server's are refused."""

    def __init__(self, page, origin: str) -> None:
        self.urls: list[str] = []
        self.failures: dict[str, str | None] = {}
        self.origin = origin
        page.on("request", lambda request: self.urls.append(request.url))
        page.on("requestfailed", lambda request: self.failures.__setitem__(request.url, request.failure))
        page.route(re.compile(rf"^(?!{re.escape(origin)})"), lambda route: route.abort())

    @property
    def elsewhere(self) -> list[str]:
        """Requests to another origin that the browser sent (or would have, but for this test)."""
        return [url for url in self.urls if not url.startswith(self.origin) and self.failures.get(url) != "csp"]


@pytest.fixture()
def page(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.recorder = Recorder(page, server)
    yield page
    context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


def test_swagger_ui_renders_from_the_server_alone(page, server):
    page.goto(f"{server}docs")
    page.locator(".swagger-ui .info .title", has_text="Haitao Search").wait_for()
    search = page.locator("#operations-search-search_get_v1_search_get")
    search.wait_for()
    assert page.locator(".opblock").count() >= 8  # every route of the API, not a blank page
    search.locator(".opblock-summary").click()
    search.locator("input[placeholder='q']").fill("蓝牙耳机")
    search.get_by_role("button", name="Execute").click()  # "Try it out" is on from the start
    # The request is sent to this server (whose search is not started here: 503 with the JSON error).
    search.locator(".live-responses-table .response-col_status", has_text="503").wait_for()
    page.wait_for_load_state("networkidle")
    requested = page.recorder.urls
    assert any(url.startswith(f"{server}v1/search?") and "q=%E8%93%9D" in url for url in requested), requested
    assert f"{server}docs-assets/swagger-ui-bundle.js" in requested
    assert f"{server}openapi.json" in requested
    assert page.recorder.elsewhere == [], "requests that left the server"


def test_redoc_renders_from_the_server_alone(page, server):
    page.goto(f"{server}redoc")
    page.get_by_role("heading", name=re.compile("^Haitao Search")).wait_for()
    page.get_by_role("heading", name="Search products (JSON body)").wait_for()  # an operation of the API
    page.wait_for_load_state("networkidle")
    assert f"{server}docs-assets/redoc.standalone.js" in page.recorder.urls
    assert not any("fonts.googleapis" in url for url in page.recorder.urls)
    assert page.recorder.elsewhere == [], "requests that left the server"


def test_the_storefront_links_to_the_docs(page, server):
    page.goto(server)
    page.get_by_role("link", name="API 文档").click()
    page.wait_for_url(f"{server}docs")
    page.locator(".swagger-ui .info .title", has_text="Haitao Search").wait_for()
    assert page.recorder.elsewhere == [], "requests that left the server"
