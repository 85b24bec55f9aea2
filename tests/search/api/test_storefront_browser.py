"""The storefront page in a real headless Chromium, against a live server over the demo index.

A shopper types a Chinese query, ticks a brand, turns on "explain", pages, goes back; the screenshots of the page
are written to docs/screenshots/. Chromium and a Chinese font come from Debian (`make browser`, run by `make test`);
without them the tests are skipped or fail as `conftest.py` (the `browser` marker) says.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from search.api.app import create_app
from search.config import Settings

pytestmark = pytest.mark.browser
SCREENSHOTS = Path(__file__).resolve().parents[3] / "docs" / "screenshots"
TIMEOUT_MS = 30_000


@pytest.fixture(scope="module")
def storefront(live_server, demo_settings, demo_service) -> Iterator[str]:
    with live_server(create_app(demo_settings, service=demo_service)) as url:
        yield url


@pytest.fixture()
def page(browser, storefront):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    # Only the server under test is reachable: the demo catalog's image links fail at once, as offline.
    page.route(re.compile(rf"^(?!{re.escape(storefront)})"), lambda route: route.abort())
    yield page
    context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


def settled(page, query: str) -> None:
    """Wait until the results for `query` are shown (not loading)."""
    page.wait_for_function(
        "q => { const r = document.querySelector('#results'); return r.dataset.query === q"
        " && ['done', 'empty'].includes(r.dataset.state) && !r.hasAttribute('aria-busy'); }",
        arg=query,
    )


def cards(page) -> list[dict[str, str]]:
    return page.eval_on_selector_all(
        ".card",
        "cards => cards.map(c => ({id: c.dataset.id, brand: c.dataset.brand,"
        " title: c.querySelector('.card-title').textContent, price: c.querySelector('.card-price').textContent,"
        " stock: c.querySelector('.card-stock').textContent}))",
    )


def search_box(page):
    return page.get_by_role("combobox", name="搜索商品")


def test_chinese_query_brand_facet_and_explain(page, storefront):
    page.goto(storefront)
    settled(page, "")  # an empty query browses the catalog
    box = search_box(page)
    box.press_sequentially("蓝牙耳机")
    box.press("Enter")
    settled(page, "蓝牙耳机")

    found = cards(page)
    shown = httpx.get(f"{storefront}v1/search", params={"q": "蓝牙耳机", "size": 24}).json()["hits"]
    assert [c["id"] for c in found] == [h["id"] for h in shown]
    assert [c["title"] for c in found] == [h["title"] for h in shown]  # highlighted words marked, text unchanged
    assert page.locator(".card-title mark", has_text=re.compile("bluetooth", re.IGNORECASE)).count() >= 1
    earphones = re.compile(r"earbuds|headphones|earphones", re.IGNORECASE)
    assert all(earphones.search(c["title"]) for c in found[:8]), [c["title"] for c in found[:8]]
    assert all("¥" in c["price"] and "$" in c["price"] for c in found)
    assert page.locator(".card-title-zh", has_text="蓝牙耳机").count() >= 1  # the seller's Chinese title
    assert "q=%E8%93%9D%E7%89%99%E8%80%B3%E6%9C%BA" in page.url
    assert page.get_by_role("status").inner_text().startswith("“蓝牙耳机” 共")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "storefront-search.png")

    assert {c["brand"] for c in found} != {"Sony"}
    sony = page.get_by_role("checkbox", name=re.compile(r"^Sony\b"))
    sony.check()
    page.wait_for_url(re.compile(r"brand=Sony"))
    settled(page, "蓝牙耳机")
    filtered = cards(page)
    assert filtered
    assert {c["brand"] for c in filtered} == {"Sony"}
    assert [c["id"] for c in filtered] != [c["id"] for c in found]
    assert sony.is_checked()
    assert page.get_by_role("button", name="移除筛选：Sony").is_visible()
    page.screenshot(path=SCREENSHOTS / "storefront-facet.png")

    page.get_by_role("checkbox", name="解释").check()
    page.wait_for_url(re.compile(r"explain=true"))
    settled(page, "蓝牙耳机")
    analysis = page.get_by_role("region", name="查询解析")
    analysis.wait_for()
    assert "bluetooth earbuds" in analysis.inner_text()
    ranks = page.locator(".card-explain").all_inner_texts()
    assert len(ranks) == len(filtered)
    assert all("关键词排名" in r and "向量排名" in r for r in ranks)
    assert re.search(r"关键词排名 #1\b", "".join(ranks))
    page.screenshot(path=SCREENSHOTS / "storefront-explain.png")


def test_search_state_lives_in_the_url(page, storefront):
    # A link with filters no product passes: the empty state, with a way out.
    page.goto(f"{storefront}?q=保温杯&in_stock=true&price_min=100000")
    settled(page, "保温杯")
    assert search_box(page).input_value() == "保温杯"
    assert page.get_by_role("checkbox", name=re.compile("只看有货")).is_checked()
    assert page.locator(".card").count() == 0
    assert "没有找到与“保温杯”相关的商品" in page.locator(".empty").inner_text()
    page.get_by_role("button", name="清除筛选条件").click()
    page.wait_for_url(lambda url: "price_min" not in url)
    settled(page, "保温杯")
    mugs = cards(page)
    assert mugs and re.search(r"tumbler|bottle|mug", mugs[0]["title"], re.IGNORECASE)

    # Each search is a history entry: Back shows the previous one again.
    page.get_by_role("checkbox", name=re.compile("只看有货")).check()
    page.wait_for_url(re.compile(r"in_stock=true"))
    settled(page, "保温杯")
    assert {c["stock"] for c in cards(page)} == {"有货"}
    page.go_back()
    page.wait_for_url(lambda url: "in_stock" not in url)
    settled(page, "保温杯")
    assert not page.get_by_role("checkbox", name=re.compile("只看有货")).is_checked()
    assert [c["id"] for c in cards(page)] == [c["id"] for c in mugs]


def test_load_more_appends_the_next_page(page, storefront):
    page.goto(storefront)
    settled(page, "")
    first = [c["id"] for c in cards(page)]
    assert len(first) == 24
    page.get_by_role("button", name="加载更多").click()
    page.wait_for_function("() => document.querySelectorAll('.card').length > 24")
    both = [c["id"] for c in cards(page)]
    assert both[:24] == first
    assert len(both) == 48 and len(set(both)) == 48


def test_price_slider_filters_in_cny(page, storefront):
    page.goto(f"{storefront}?q=蓝牙耳机")
    settled(page, "蓝牙耳机")
    high = page.get_by_role("slider", name="最高价格（元）")
    high.fill("500")  # sets the value and fires input and change, as a released drag does
    page.wait_for_url(re.compile(r"price_max=500"))
    settled(page, "蓝牙耳机")
    prices = page.locator(".price-cny").all_inner_texts()
    assert prices
    assert all(float(p.lstrip("¥").replace(",", "")) <= 500 for p in prices)
    assert page.locator("#price-max-value").inner_text() == "¥500"


def test_an_unavailable_service_shows_why(browser, live_server, demo_settings: Settings):
    # Without its startup the app has no search service yet: the API answers 503, as while an index loads.
    with live_server(create_app(demo_settings), lifespan="off") as url:
        assert httpx.get(f"{url}v1/search", params={"q": "耳机"}).status_code == 503
        context = browser.new_context(locale="zh-CN")
        try:
            page = context.new_page()
            page.goto(f"{url}?q=耳机")
            alert = page.get_by_role("alert")
            alert.wait_for()
            assert "搜索服务暂时不可用" in alert.inner_text()
            assert page.locator("#results").get_attribute("data-state") == "error"
        finally:
            context.close()


def test_suggestions_by_keyboard(page, storefront):
    page.goto(storefront)
    settled(page, "")
    box = search_box(page)
    box.press_sequentially("lany")
    options = page.get_by_role("listbox", name="搜索建议").get_by_role("option")
    options.first.wait_for()
    assert box.get_attribute("aria-expanded") == "true"
    texts = options.all_inner_texts()
    assert any("蓝牙耳机" in t for t in texts), texts
    index = next(i for i, t in enumerate(texts) if "蓝牙耳机" in t)
    for _ in range(index + 1):
        box.press("ArrowDown")
    assert box.get_attribute("aria-activedescendant") == f"suggestion-{index}"
    box.press("Enter")
    settled(page, "蓝牙耳机")
    assert box.input_value() == "蓝牙耳机"
    assert box.get_attribute("aria-expanded") == "false"


def test_a_corrected_query_is_said_and_a_dead_end_offers_what_was_meant(page, storefront):
    page.goto(f"{storefront}?q=蓝呀耳机")  # a pinyin keyboard's homophone slip
    settled(page, "蓝呀耳机")
    assert page.locator("#notice").inner_text().strip() == "已按 蓝牙耳机 为您搜索"
    shown = httpx.get(f"{storefront}v1/search", params={"q": "蓝牙耳机", "size": 24}).json()["hits"]
    assert [c["id"] for c in cards(page)] == [h["id"] for h in shown]  # the results of the corrected query

    page.goto(f"{storefront}?q=蓝牙耳机")  # nothing corrected: no notice
    settled(page, "蓝牙耳机")
    assert not page.locator("#notice").is_visible()

    query = "蓝牙耳"  # typed short, at a price no product has: nothing found, what the shopper may have meant offered
    page.goto(f"{storefront}?q={query}&price_min=100000")
    settled(page, query)
    answer = httpx.get(f"{storefront}v1/search", params={"q": query, "price_min": 100000}).json()
    assert answer["total"] == 0 and answer["did_you_mean"]
    links = page.locator(".empty a.did-you-mean")
    assert links.all_inner_texts() == answer["did_you_mean"]
    links.first.click()
    settled(page, answer["did_you_mean"][0])
    assert cards(page)
