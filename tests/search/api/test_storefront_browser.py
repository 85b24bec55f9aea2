"""The storefront for Chinese shoppers in a real headless Chromium, against a live server over the demo index, at a
phone's size (390×844) and a laptop's (1280×800).

A shopper searches in Chinese and in pinyin, reads Chinese titles with the English below, narrows by the Chinese
category tree, brands and price (a price written in the query is a chip and moves the slider), opens the filter
drawer on a phone, pages, goes back; errors read as plain Chinese; the query analysis shows only with ?debug=1.
The screenshots go where conftest's `screenshots` fixture says (var/screenshots/; docs/screenshots/ with
`make screenshots`). Chromium and a Chinese font come from Debian (`make browser`, run by `make test`); without
them the tests are skipped or fail as `conftest.py` (the `browser` marker) says.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import httpx
import pytest

from search.api.app import create_app
from search.config import Settings

pytestmark = pytest.mark.browser
TIMEOUT_MS = 30_000
PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1280, "height": 800}
SIZES = {"phone": PHONE, "laptop": LAPTOP}


@pytest.fixture(scope="module")
def storefront(live_server, demo_settings, demo_service) -> Iterator[str]:
    """One server for the module's pages, without the per-client rate limit: every page of every test comes from
    one address, and on a quiet machine the module's page loads (the page's files, its searches, the suggestions
    while typing) outran 600 a minute after the burst of 100 — a page whose script got 429 never settled (the
    limit itself is tested in test_rate_limit.py)."""
    settings = demo_settings.model_copy(update={"rate_limit_per_minute": 0})
    with live_server(create_app(settings, service=demo_service)) as url:
        yield url


def open_page(browser, base: str, viewport: dict[str, int]):
    """A page at `viewport` that can reach only the server under test (the demo's image links fail at once, as
    offline), collecting JavaScript errors and every URL requested."""
    context = browser.new_context(
        viewport=viewport, locale="zh-CN", is_mobile=viewport is PHONE, has_touch=viewport is PHONE
    )
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    page.errors = []
    page.requested = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.on("request", lambda request: page.requested.append(request.url))
    context.route(re.compile(rf"^(?!{re.escape(base)})"), lambda route: route.abort())  # tabs it opens too
    return context, page


@pytest.fixture(params=list(SIZES))
def size(request) -> str:
    return request.param


@pytest.fixture()
def page(browser, storefront, size):
    context, page = open_page(browser, storefront, SIZES[size])
    yield page
    context.close()
    assert not page.errors, f"JavaScript errors on the page: {page.errors}"


def settled(page, query: str) -> None:
    """Wait until the results for `query` are shown (not loading)."""
    page.wait_for_function(
        "q => { const r = document.querySelector('#results'); return r.dataset.query === q"
        " && ['done', 'empty'].includes(r.dataset.state) && !r.hasAttribute('aria-busy'); }",
        arg=query,
    )


def cards(page) -> list[dict[str, str]]:
    return page.eval_on_selector_all(
        "#results .card",
        "cards => cards.map(c => ({id: c.dataset.id, brand: c.dataset.brand,"
        " title: c.querySelector('.card-title a').textContent,"
        " english: c.querySelector('.card-title-en')?.textContent ?? null,"
        " generated: Boolean(c.querySelector('.title-generated')),"
        " price: c.querySelector('.card-price').textContent, stock: c.querySelector('.card-stock').textContent}))",
    )


def api(base: str, **params) -> dict:
    response = httpx.get(f"{base}v1/search", params={"size": 24, **params})
    assert response.status_code == 200, response.text
    return response.json()


def search_box(page):
    return page.get_by_role("combobox", name="搜索商品")


def search_for(page, query: str) -> None:
    box = search_box(page)
    box.fill("")
    box.press_sequentially(query)
    box.press("Enter")
    settled(page, query)


def test_chinese_titles_first_with_the_english_below(page, storefront, size, screenshots):
    page.goto(storefront)
    settled(page, "")  # an empty query browses the catalog
    search_for(page, "蓝牙耳机")

    found = cards(page)
    hits = api(storefront, q="蓝牙耳机")["hits"]
    assert [c["id"] for c in found] == [h["id"] for h in hits]
    for shown, hit in zip(found, hits, strict=True):
        chinese = (hit.get("display_zh") or {}).get("title") or hit.get("title_zh")
        if chinese:  # the Chinese title leads, the seller's English title below it
            assert shown["title"] == chinese
            assert shown["english"] == hit["title"]  # highlighted words marked, text unchanged
        else:
            assert (shown["title"], shown["english"]) == (hit["title"], None)
        assert shown["generated"] == ((hit.get("display_zh") or {}).get("source") == "generated")
    assert sum(c["english"] is not None for c in found) >= 1
    assert page.locator(".card-title mark", has_text="蓝牙耳机").count() >= 1  # the seller's Chinese title, marked
    assert page.locator(".card-title-en mark", has_text=re.compile("bluetooth", re.IGNORECASE)).count() >= 1
    earphones = re.compile(r"earbuds|headphones|earphones", re.IGNORECASE)
    assert all(earphones.search(c["english"] or c["title"]) for c in found[:8])
    assert all("¥" in c["price"] and "$" in c["price"] for c in found)
    assert page.locator(".card-landed").count() == 0  # no landed price unless the server is configured for one
    assert "q=%E8%93%9D%E7%89%99%E8%80%B3%E6%9C%BA" in page.url
    assert page.get_by_role("status").first.inner_text().startswith("“蓝牙耳机” 共")
    page.screenshot(path=screenshots / f"storefront-search-{size}.png")


def test_the_query_analysis_only_with_debug(page, storefront, size, screenshots):
    page.goto(f"{storefront}?q=蓝牙耳机")
    settled(page, "蓝牙耳机")
    assert page.locator("#analysis").is_hidden()
    assert page.locator(".card-explain").count() == 0
    assert page.get_by_role("checkbox", name="解释").count() == 0  # no switch for shoppers
    assert not any("explain=true" in url for url in page.requested)  # not even asked for

    page.goto(f"{storefront}?q=蓝牙耳机&debug=1")
    settled(page, "蓝牙耳机")
    analysis = page.get_by_role("region", name="查询解析")
    analysis.wait_for()
    assert "bluetooth earbuds" in analysis.inner_text()
    ranks = page.locator(".card-explain").all_inner_texts()
    assert len(ranks) == len(cards(page))
    assert all("关键词排名" in r and "向量排名" in r for r in ranks)
    # debug=1 stays through the shopper's next steps
    page.get_by_role("combobox", name="搜索商品").fill("保温杯")
    page.get_by_role("combobox", name="搜索商品").press("Enter")
    settled(page, "保温杯")
    assert "debug=1" in page.url and page.locator("#analysis").is_visible()
    page.screenshot(path=screenshots / f"storefront-debug-{size}.png")


def test_filters_are_a_drawer_on_a_phone_and_a_sidebar_on_a_laptop(page, storefront, size, screenshots):
    page.goto(f"{storefront}?q=蓝牙耳机")
    settled(page, "蓝牙耳机")
    filters = page.get_by_role("complementary", name="筛选")
    opener = page.get_by_role("button", name=re.compile("^筛选"))
    boxes = page.eval_on_selector_all(
        "#results .card", "cards => cards.slice(0, 6).map(c => c.getBoundingClientRect().toJSON())"
    )
    columns = len({round(b["x"]) for b in boxes})
    if size == "laptop":
        assert filters.is_visible() and opener.is_hidden()
        assert columns >= 4
        sony = page.get_by_role("checkbox", name=re.compile(r"^(索尼 )?Sony\b"))
    else:
        # results first: two columns of cards in the first screen, the filters out of sight until asked for
        assert filters.is_hidden() and opener.is_visible()
        assert columns == 2
        assert boxes[0]["y"] < PHONE["height"] / 2 and boxes[0]["width"] < PHONE["width"] / 2
        assert boxes[0]["y"] == boxes[1]["y"]
        page.screenshot(path=screenshots / "storefront-results-phone.png")
        opener.click()
        filters.wait_for(state="visible")
        assert opener.get_attribute("aria-expanded") == "true"
        sony = filters.get_by_role("checkbox", name=re.compile(r"^(索尼 )?Sony\b"))
    sony.check()
    page.wait_for_url(re.compile(r"brand=Sony"))
    settled(page, "蓝牙耳机")
    total = api(storefront, q="蓝牙耳机", brand="Sony")["total"]
    assert {c["brand"] for c in cards(page)} == {"Sony"}
    if size == "phone":
        # the results update behind the drawer, which says how many there are now
        done = page.get_by_role("button", name=f"查看 {total} 件商品")
        assert done.is_visible()
        page.screenshot(path=screenshots / "storefront-drawer-phone.png")
        done.click()
        filters.wait_for(state="hidden")
        assert opener.text_content() == "筛选1"  # one filter in force
    # the chip names the brand as the shopper reads it: its Chinese label from the answer's facet_labels
    shown = api(storefront, q="蓝牙耳机", facets="brand")["facet_labels"].get("brand", {}).get("Sony", "Sony")
    assert shown == "索尼"
    assert page.get_by_role("button", name=f"移除筛选：{shown}").is_visible()
    page.get_by_role("button", name=f"移除筛选：{shown}").click()
    page.wait_for_url(lambda url: "brand=" not in url)
    settled(page, "蓝牙耳机")


@pytest.mark.parametrize(("typed", "searched"), [("lanya erji", "蓝牙耳机"), ("蓝呀耳机", "蓝牙耳机")])
def test_a_query_read_as_pinyin_or_corrected_says_what_was_searched(
    page, storefront, size, typed, searched, screenshots
):
    page.goto(storefront)
    settled(page, "")
    search_for(page, typed)
    notice = page.locator("#notice")
    assert notice.is_visible()
    assert notice.inner_text().strip() == f"已按 {searched} 为您搜索"
    assert [c["id"] for c in cards(page)][:5] == [h["id"] for h in api(storefront, q=searched)["hits"]][:5]
    if typed == "lanya erji":
        page.screenshot(path=screenshots / f"storefront-pinyin-{size}.png")
    search_for(page, searched)  # a query searched as typed says nothing
    assert notice.is_hidden()


def test_the_price_in_the_query_is_a_chip_and_moves_the_slider(page, storefront, size, screenshots):
    page.goto(f"{storefront}?q=500元以下 保温杯")
    settled(page, "500元以下 保温杯")
    chip = page.get_by_role("button", name="移除筛选：500元以下")
    assert chip.is_visible()
    prices = page.locator("#results .price-cny").all_inner_texts()
    assert prices and all(float(p.lstrip("¥").replace(",", "")) <= 500 for p in prices)
    assert page.locator("#price-max").input_value() == "500"  # the slider shows the query's price
    assert page.locator("#price-max-value").text_content() == "¥500"
    assert "来自搜索词“500元以下”" in page.locator("#price-intent").text_content()
    page.screenshot(path=screenshots / f"storefront-price-chip-{size}.png")

    chip.click()  # the price leaves the query
    page.wait_for_url(lambda url: "500" not in url)
    settled(page, "保温杯")
    assert search_box(page).input_value() == "保温杯"
    assert page.get_by_role("button", name="移除筛选：500元以下").count() == 0
    assert page.locator("#price-max-value").text_content() == "不限"


def test_the_category_tree_is_chinese(page, storefront, size):
    page.goto(f"{storefront}?q=耳机")
    settled(page, "耳机")
    if size == "phone":
        page.get_by_role("button", name=re.compile("^筛选")).click()
    tree = page.locator("#category-tree")
    top = tree.locator(".tree-node").first
    top.wait_for()
    assert "数码电子" in top.inner_text()
    top.click()
    page.wait_for_url(re.compile(r"category=Electronics"))
    settled(page, "耳机")
    assert tree.locator(".tree-current").inner_text() == "数码电子"
    narrowed = api(storefront, q="耳机", category="Electronics")["hits"]
    assert [c["id"] for c in cards(page)] == [h["id"] for h in narrowed]
    assert page.get_by_role("button", name="移除筛选：数码电子").count() == 1


def test_search_state_lives_in_the_url(page, storefront, size):
    # A link with filters no product passes: the empty state, with a way out.
    page.goto(f"{storefront}?q=保温杯&in_stock=true&price_min=100000")
    settled(page, "保温杯")
    assert search_box(page).input_value() == "保温杯"
    assert page.locator("#in-stock").is_checked()
    assert page.locator("#results .card").count() == 0
    assert "没有找到与“保温杯”相关的商品" in page.locator(".empty").inner_text()
    page.get_by_role("button", name="清除筛选条件").click()
    page.wait_for_url(lambda url: "price_min" not in url)
    settled(page, "保温杯")
    mugs = cards(page)
    assert mugs and re.search(r"tumbler|bottle|mug", mugs[0]["english"] or mugs[0]["title"], re.IGNORECASE)

    # Each search is a history entry: Back shows the previous one again.
    if size == "phone":
        page.get_by_role("button", name=re.compile("^筛选")).click()
    page.locator("#in-stock").check()
    page.wait_for_url(re.compile(r"in_stock=true"))
    settled(page, "保温杯")
    assert {c["stock"] for c in cards(page)} == {"有货"}
    page.go_back()
    page.wait_for_url(lambda url: "in_stock" not in url)
    settled(page, "保温杯")
    assert not page.locator("#in-stock").is_checked()
    assert [c["id"] for c in cards(page)] == [c["id"] for c in mugs]


def test_load_more_appends_the_next_page(page, storefront, size):
    page.goto(storefront)
    settled(page, "")
    first = [c["id"] for c in cards(page)]
    assert len(first) == 24
    page.get_by_role("button", name="加载更多").click()
    page.wait_for_function("() => document.querySelectorAll('#results .card').length > 24")
    both = [c["id"] for c in cards(page)]
    assert both[:24] == first
    assert len(both) == 48 and len(set(both)) == 48


def test_price_slider_filters_in_cny(page, storefront, size):
    page.goto(f"{storefront}?q=蓝牙耳机")
    settled(page, "蓝牙耳机")
    if size == "phone":
        page.get_by_role("button", name=re.compile("^筛选")).click()
    high = page.get_by_role("slider", name="最高价格（元）")
    high.fill("500")  # sets the value and fires input and change, as a released drag does
    page.wait_for_url(re.compile(r"price_max=500"))
    settled(page, "蓝牙耳机")
    prices = page.locator("#results .price-cny").all_inner_texts()
    assert prices
    assert all(float(p.lstrip("¥").replace(",", "")) <= 500 for p in prices)
    assert page.locator("#price-max-value").text_content() == "¥500"
    assert page.get_by_role("button", name="移除筛选：500元以下").count() == 1


def test_suggestions_by_keyboard(page, storefront, size):
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


def test_the_page_loads_nothing_from_elsewhere(page, storefront, size):
    page.goto(f"{storefront}?q=蓝牙耳机")
    settled(page, "蓝牙耳机")
    # every script, style and call is the server's own; only the catalog's own image links point elsewhere
    images = {h["image_link"] for h in api(storefront, q="蓝牙耳机")["hits"]}
    assert [url for url in page.requested if not url.startswith(storefront) and url not in images] == []
    assert any(url.endswith("/static/haitao-client.js") for url in page.requested)  # the JS client


UNREACHABLE = {"down": "搜索服务暂时不可用", "network": "网络开小差了"}  # what happened → what the shopper reads


@pytest.mark.parametrize("case", list(UNREACHABLE))
def test_errors_read_as_plain_chinese(browser, live_server, demo_settings: Settings, size, screenshots, case):
    expected = UNREACHABLE[case]
    # Without its startup the app has no search service yet: the API answers 503, as while an index loads.
    with live_server(create_app(demo_settings), lifespan="off") as url:
        assert httpx.get(f"{url}v1/search", params={"q": "耳机"}).status_code == 503
        context, page = open_page(browser, url, SIZES[size])
        try:
            if case == "network":
                page.route(re.compile(r".*/v1/search.*"), lambda route: route.abort("internetdisconnected"))
            page.goto(f"{url}?q=耳机")
            alert = page.get_by_role("alert")
            alert.wait_for()
            text = alert.inner_text()
            assert expected in text
            assert "重试" in text
            # no operator hints: no status codes, settings, keys or English error text
            assert not re.search(r"\d{3}|HAITAO|API|key|密钥|[A-Za-z]{4,}", text), text
            assert page.locator("#results").get_attribute("data-state") == "error"
            if case == "down":
                page.screenshot(path=screenshots / f"storefront-error-{size}.png")
                page.goto(f"{url}?q=耳机&debug=1")  # the detail is for the people who run the shop
                page.locator(".error-detail").wait_for()
                assert "503" in page.locator(".error-detail").inner_text()
            assert not page.errors, page.errors
        finally:
            context.close()


def test_the_landed_price_is_an_estimate_when_configured(browser, live_server, demo_settings, demo_service, size):
    landed = demo_settings.model_copy(update={"landed_shipping_usd": 8.0})
    with live_server(create_app(landed, service=demo_service)) as url:
        context, page = open_page(browser, url, SIZES[size])
        try:
            page.goto(f"{url}?q=蓝牙耳机")
            settled(page, "蓝牙耳机")
            hits = api(url, q="蓝牙耳机")["hits"]
            estimates = page.locator("#results .card-landed")
            assert estimates.count() == len(hits)
            first = estimates.first
            expected = hits[0]["landed_estimate"]["cny"]
            assert f"{expected:,.2f}" in first.inner_text() and "到手价" in first.inner_text()
            assert "预估" in first.inner_text()  # clearly an estimate
            assert "估算" in first.get_attribute("title")
            assert "到手价为预估" in page.locator("#rate").inner_text()
            assert not page.errors, page.errors
        finally:
            context.close()


def test_similar_products_open_in_a_dialog(page, storefront, size, screenshots):
    page.goto(f"{storefront}?q=蓝牙耳机")
    settled(page, "蓝牙耳机")
    first = cards(page)[0]
    hit = api(storefront, q="蓝牙耳机")["hits"][0]
    page.locator("#results .card").first.get_by_role("button", name="相似商品").click()
    dialog = page.get_by_role("dialog")
    dialog.wait_for()
    assert first["title"] in page.locator("#similar-title").inner_text()
    page.wait_for_function("() => document.querySelector('#similar-list').dataset.state === 'done'")
    shown = dialog.locator(".card").evaluate_all("cards => cards.map(c => c.dataset.id)")
    url = f"{storefront}v1/products/{hit['seller']}/{hit['id']}/similar"
    expected = httpx.get(url, params={"size": 8, "currency": "CNY"}).json()["hits"]
    assert shown == [h["id"] for h in expected] and hit["id"] not in shown
    page.screenshot(path=screenshots / f"storefront-similar-{size}.png")
    dialog.get_by_role("button", name="关闭").click()
    dialog.wait_for(state="hidden")


def test_opening_a_product_is_sent_as_a_click_event(page, storefront, size):
    page.goto(f"{storefront}?q=保温杯")
    settled(page, "保温杯")
    query_id = page.evaluate("() => document.querySelector('#results').dataset.queryId")
    assert query_id
    second = page.locator("#results .card").nth(1)
    is_event = lambda r: r.url.endswith("/v1/events") and r.request.method == "POST"  # noqa: E731
    # The product opens in a new tab; the click is sent as an event.
    with page.expect_response(is_event) as sent, page.context.expect_page():
        second.locator(".card-title a").click()
    event = sent.value.request.post_data_json
    assert sent.value.status == 201
    assert event == {
        "type": "click",
        "query_id": query_id,
        "seller": second.get_attribute("data-seller"),
        "id": second.get_attribute("data-id"),
        "position": 2,
    }
