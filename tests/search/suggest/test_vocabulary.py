"""Candidates from the real glossary and products: only what the catalog can answer, weighted by products."""

import pytest

from search.analysis.glossary import Glossary
from search.catalog import Product
from search.suggest.keys import Match
from search.suggest.vocabulary import Candidate, Kind, collect_candidates, merge_by_text

RECORDS = [
    {"id": "xm5-black", "title": "Sony WH-1000XM5 Wireless Headphones, Black", "brand": "Sony", "price": 399},
    {"id": "xm5-silver", "title": "Sony WH-1000XM5 Wireless Headphones, Silver", "brand": "Sony", "price": 399},
    {"id": "ult-1", "title": "Sony ULT Field 1 Bluetooth Speaker", "brand": "Sony", "price": 129},
    {"id": "p3", "title": "Soundcore P3 Bluetooth Earbuds", "brand": "Anker", "price": 79,
     "title_zh": "安克 Soundcore P3 蓝牙耳机"},
    {"id": "life", "title": "Soundcore Life Bluetooth Earbuds", "brand": "Anker", "price": 49},
    {"id": "shoe-1", "title": "Nike Pegasus Running Shoes", "brand": "Nike", "price": 130},
    {"id": "shoe-2", "title": "Generic Trail Running Shoe", "price": 40},
]  # fmt: skip


@pytest.fixture(scope="module")
def candidates():
    products = [Product.from_raw(record) for record in RECORDS]
    return {c.text: c for c in collect_candidates(products, Glossary.load())}


def test_glossary_terms_only_when_products_use_their_english(candidates):
    earbuds = candidates["蓝牙耳机"]
    assert (earbuds.kind, earbuds.english, earbuds.weight) == (Kind.TERM, "bluetooth earbuds", 2)
    assert ("lanyaerji", Match.PINYIN) in earbuds.keys and ("lyej", Match.INITIALS) in earbuds.keys
    assert "瑜伽垫" not in candidates  # no yoga mat in this catalog
    assert candidates["bluetooth earbuds"].kind is Kind.TERM  # the English rendering, for English typing


def test_brands_in_chinese_only_when_the_catalog_has_them(candidates):
    sony = candidates["索尼"]
    assert (sony.kind, sony.english, sony.weight) == (Kind.BRAND, "Sony", 3)
    assert candidates["Sony"].kind is Kind.BRAND
    assert "耐克" in candidates and "阿迪达斯" not in candidates


def test_product_lines_are_keyed_by_the_brands_chinese_names(candidates):
    line = candidates["Sony WH-1000XM5"]
    assert (line.kind, line.weight, line.product_id) == (Kind.PRODUCT, 2, None)
    assert ("索尼wh1000xm5", Match.TEXT) in line.keys and ("suoniwh1000xm5", Match.PINYIN) in line.keys
    assert "Sony WH-1000XM5 Wireless" not in candidates  # the same products, named at their model already
    assert candidates["Sony ULT Field 1"].product_id == "ult-1"  # one product, up to its model name


def test_chinese_titles_are_products_with_their_english_title(candidates):
    title = candidates["安克 Soundcore P3 蓝牙耳机"]
    assert (title.kind, title.product_id, title.english) == (Kind.PRODUCT, "p3", "Soundcore P3 Bluetooth Earbuds")
    assert any(key.startswith("ankesoundcore") for key, _ in title.keys)


def test_one_candidate_per_text_plurals_aside(candidates):
    assert "shoes" in candidates and "shoe" not in candidates
    assert candidates["shoes"].weight == 2  # both products, `Shoes` and `Shoe`


def test_merging_keeps_the_brand_with_the_greatest_weight_and_every_key():
    term = Candidate("apple", Kind.TERM, 10, keys=[("apple", Match.TEXT)])
    brand = Candidate("Apple", Kind.BRAND, 3, keys=[("pingguo", Match.PINYIN)])
    [merged] = merge_by_text([term, brand])
    assert (merged.text, merged.kind, merged.weight) == ("Apple", Kind.BRAND, 10)
    assert merged.keys == [("apple", Match.TEXT), ("pingguo", Match.PINYIN)]
