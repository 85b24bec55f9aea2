"""The taxonomy data is sound (the checks of `search.taxonomy.checks`), and the checks catch what they promise."""

from __future__ import annotations

import pytest

from search.taxonomy.checks import traditional
from search.taxonomy.tree import Taxonomy, TaxonomyError, default_taxonomy

HEADER = "# id\tparent\ten\tzh\tzh_hant\ten_synonyms\tzh_synonyms\tgoogle_id\tsource"


def _line(node_id, parent, en, zh, en_syn="", zh_syn="", google="", hant=None):
    return "\t".join([node_id, parent, en, zh, traditional(zh) if hant is None else hant, en_syn, zh_syn, google, "t"])


def test_the_shipped_taxonomy_passes_every_check():
    taxonomy = default_taxonomy()
    assert taxonomy.check() == []


def test_it_is_large_and_covers_the_verticals():
    taxonomy = default_taxonomy()
    assert len(taxonomy) >= 600
    roots = {node.en for node in taxonomy.roots()}
    for vertical in (
        "Animals & Pet Supplies",
        "Apparel & Accessories",
        "Baby & Toddler",
        "Electronics",
        "Health & Beauty",
        "Home & Garden",
        "Luggage & Bags",
        "Sporting Goods",
        "Toys & Games",
    ):
        assert vertical in roots
    with_both = sum(1 for node in taxonomy if node.en_synonyms and node.zh_synonyms)
    assert with_both == len(taxonomy)  # every node has shopper words in both languages


def test_a_node_reads_in_both_languages_along_its_path():
    taxonomy = default_taxonomy()
    earbuds = taxonomy.get("hs-true-wireless-earbuds")
    assert earbuds is not None
    assert "蓝牙耳机" in earbuds.zh_terms()
    assert taxonomy.path_en(earbuds.id).startswith("Electronics > Audio >")
    assert taxonomy.path_zh(earbuds.id).endswith("> 入耳式耳机 > 真无线蓝牙耳机")
    assert taxonomy.is_within(earbuds.id, "el-2-2-7")  # headphones and headsets
    assert taxonomy.get("el-2-2-7-1").zh_hant == "耳機"
    assert taxonomy.by_google_id["505771"] == "el-2-2-7"  # Google's id for Headphones & Headsets


def test_traditional_forms_reach_the_node_after_normalisation():
    taxonomy = default_taxonomy()
    card = taxonomy.get("el-7-12-2-1")  # memory cards: Taiwan writes 儲存卡
    assert card.zh_hant == "儲存卡"
    assert "保存卡" in card.zh_terms()  # what the query normaliser (tw2sp) makes of it


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        ([_line("a", "", "A", "甲"), _line("b", "x", "B", "乙")], "parent 'x' does not exist"),
        ([_line("a", "b", "A", "甲"), _line("b", "a", "B", "乙")], "cycle"),
        ([_line("a", "", "", "甲")], "no English name"),
        ([_line("a", "", "A", "")], "no Chinese name"),
        ([_line("a", "", "Headphones", "耳機", hant="耳機")], "not all Simplified"),
        ([_line("a", "", "Headphones", "耳机", hant="耳机")], "is not OpenCC s2twp"),
        ([_line("a", "", "Mice", "鼠标", hant="鼠標")], "is not OpenCC s2twp"),
        (
            [
                _line("r", "", "Root", "根"),
                _line("a", "r", "Earbuds", "耳塞", zh_syn="耳机"),
                _line("b", "r", "Headphones", "耳机"),
            ],
            "term '耳机' names both",
        ),
        (
            [
                _line("r", "", "Root", "根"),
                _line("a", "r", "Laptop Bags", "电脑包", en_syn="laptop sleeves"),
                _line("b", "r", "Sleeves", "内胆包", en_syn="Laptop Sleeve"),
            ],
            "term 'laptop sleev' names both",
        ),
        ([_line("a", "", "A", "甲", google="12x")], "is not a number"),
        ([_line("a", "", "A", "甲", en_syn="a")], "repeats the name"),
    ],
)
def test_the_checks_catch_bad_data(lines, message):
    taxonomy = Taxonomy.parse([HEADER, *lines])
    assert any(message in problem for problem in taxonomy.check()), taxonomy.check()


def test_a_term_may_name_a_node_and_its_ancestor():
    lines = [
        _line("r", "", "Audio", "音频"),
        _line("h", "r", "Headphones", "耳机"),
        _line("e", "h", "Earbuds", "蓝牙耳机", zh_syn="耳机"),
    ]
    assert Taxonomy.parse([HEADER, *lines]).check() == []


def test_malformed_lines_are_refused_with_their_line_number():
    with pytest.raises(TaxonomyError, match="<taxonomy>:2: expected 9"):
        Taxonomy.parse([HEADER, "a\tb"])
    with pytest.raises(TaxonomyError, match="duplicate id 'a'"):
        Taxonomy.parse([_line("a", "", "A", "甲"), _line("a", "", "B", "乙")])
