"""Chinese display fields: the seller's Chinese title or one composed from known parts, the category path in
Chinese, and Chinese labels of facet values."""

from __future__ import annotations

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


@pytest.mark.parametrize(
    ("fields", "title"),
    [
        (
            {
                "title": "Sony WH-1000XM5 Wireless Noise Canceling Over-Ear Headphones",
                "brand": "Sony",
                "category": "Electronics > Audio > Headphones",
                "attributes": {"color": "Black"},
            },
            "索尼 WH-1000XM5 头戴式耳机 黑色",
        ),
        (
            {
                "title": "Nature Made Fish Oil 1000 mg Softgels, 100 Count",
                "brand": "Nature Made",
                "category": "Health > Vitamins & Supplements > Fish Oil & Omega-3",
                "attributes": {"strength": "1000 mg", "count": "100 count"},
            },
            "天维美 鱼油 1000毫克 100粒",  # Nature Made's Chinese name, from the glossary
        ),
        (
            {
                "title": "Hydro Flask 32 oz Wide Mouth Bottle",
                "brand": "Hydro Flask",
                "category": "Home & Kitchen > Drinkware > Water Bottles",
                "attributes": {"capacity": "32 oz"},
            },
            "Hydro Flask 水杯 946毫升",
        ),
        (
            {
                "title": "Pampers Swaddlers Diapers, Size 4, 150 Count",
                "brand": "Pampers",
                "category": "Baby > Diapering > Diapers",
                "attributes": {"size": "4", "count": "150 count"},
            },
            "帮宝适 纸尿裤 4号 150片",
        ),
        (
            {
                "title": "Brooks Women's Ghost 15 Running Shoe, White/Pink, Size 9",
                "brand": "Brooks",
                "category": "Apparel & Accessories > Shoes > Running Shoes",
                "attributes": {"gender": "female", "color": "White/Pink", "size": "9"},
            },
            "布鲁克斯 女款 跑步鞋 白色/粉色 9码",
        ),
    ],
)
def test_without_one_a_title_is_composed_and_says_so(display, fields, title):
    shown = _shown(display, **fields)
    assert shown["source"] == "generated"
    assert shown["title"] == title


def test_facet_values_get_chinese_labels(display):
    assert display.facet_labels("availability", ["in_stock", "out_of_stock"]) == {
        "in_stock": "有货",
        "out_of_stock": "缺货",
    }
    assert display.facet_labels("brand", ["Nike", "Nobody Knows"]) == {"Nike": "耐克"}
    labels = display.facet_labels("category", ["Electronics > Audio > Headphones > Earbuds"])
    assert labels["Electronics > Audio > Headphones > Earbuds"] == "数码电子 > 影音 > 耳机 > 真无线蓝牙耳机"
    assert display.colour("Matte Black") == "黑色" and display.colour("Chartreuse Dream") is None
