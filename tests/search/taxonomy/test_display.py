"""Chinese display fields: the seller's Chinese title or one composed from known parts, the category path in
Chinese, and Chinese labels of facet values."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from search.analysis.query import default_analysis
from search.catalog import Product
from search.taxonomy.assign import NodeAssigner
from search.taxonomy.display import ChineseDisplay
from search.taxonomy.tree import default_taxonomy


@pytest.fixture(scope="module")
def display() -> ChineseDisplay:
    taxonomy = default_taxonomy()
    return ChineseDisplay(taxonomy, default_analysis().glossary, NodeAssigner(taxonomy))


def _shown(display: ChineseDisplay, **fields) -> dict[str, str]:
    product = Product.from_raw({"id": "p", "price": 1, **fields})
    return display.display_zh(product, display.assigner.assign(product).node)


def test_the_sellers_chinese_title_comes_first(display):
    shown = _shown(
        display,
        title="Soundcore P3 Earbuds",
        title_zh="安克 P3 蓝牙耳机",
        category="Electronics > Audio > Headphones > Earbuds",
    )
    assert shown == {"title": "安克 P3 蓝牙耳机", "category": shown["category"], "source": "seller"}
    assert shown["category"].endswith("入耳式耳机 > 真无线蓝牙耳机")


COMPOSED_TITLES = [
    json.loads(line) for line in (Path(__file__).parent / "composed_titles.jsonl").read_text("utf-8").splitlines()
]
"""Products without a Chinese title and the title composed for each (brand, type and attributes in Chinese): one
JSON object a line, `product` (the record's fields), `title` and, where it is not plain, `why`."""


@pytest.mark.parametrize("case", COMPOSED_TITLES, ids=[case["product"]["title"] for case in COMPOSED_TITLES])
def test_without_one_a_title_is_composed_and_says_so(display, case):
    shown = _shown(display, **case["product"])
    assert shown["source"] == "generated"
    assert shown["title"] == case["title"], case.get("why")


def test_facet_values_get_chinese_labels(display):
    assert display.facet_labels("availability", ["in_stock", "out_of_stock"]) == {
        "in_stock": "有货",
        "out_of_stock": "缺货",
    }
    assert display.facet_labels("brand", ["Nike", "Nobody Knows"]) == {"Nike": "耐克"}
    labels = display.facet_labels("category", ["Electronics > Audio > Headphones > Earbuds"])
    assert labels["Electronics > Audio > Headphones > Earbuds"] == "数码电子 > 影音 > 耳机 > 真无线蓝牙耳机"
    assert display.colour("Matte Black") == "黑色" and display.colour("Chartreuse Dream") is None
