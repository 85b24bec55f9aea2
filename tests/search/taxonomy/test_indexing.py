"""What a product's node adds to its index entry: its type's Chinese names and their heads, never their modifiers."""

from __future__ import annotations

from search.analysis.query import default_analysis
from search.taxonomy.indexing import chinese_type_terms
from search.taxonomy.tree import default_taxonomy


def test_a_laptop_sleeve_is_indexed_as_a_bag_and_a_laptop_as_a_laptop():
    taxonomy = default_taxonomy()
    segmenter = default_analysis().segmenter
    sleeve_zh = chinese_type_terms(taxonomy, "hs-laptop-bags", segmenter)
    assert {"笔记本电脑包", "电脑包", "包"} <= set(sleeve_zh) and "笔记本电脑" not in sleeve_zh
    laptop_zh = chinese_type_terms(taxonomy, "el-6-6", segmenter)
    assert "笔记本电脑" in laptop_zh


def test_chinese_type_terms_hold_each_name_whole_and_its_head_final_parts():
    terms = chinese_type_terms(default_taxonomy(), "hs-true-wireless-earbuds", default_analysis().segmenter)
    assert {"真无线蓝牙耳机", "蓝牙耳机", "耳机", "入耳式耳机"} <= set(terms)
    assert "蓝牙" not in terms  # a modifier, not what the product is
    assert chinese_type_terms(default_taxonomy(), None, default_analysis().segmenter) == []


def test_a_webcam_or_a_security_camera_is_not_indexed_as_a_still_camera():
    taxonomy = default_taxonomy()
    segmenter = default_analysis().segmenter
    for node in ("co-2-8", "co-2-5", "co-2-7"):  # webcams, surveillance cameras, video cameras
        assert "相机" not in chinese_type_terms(taxonomy, node, segmenter), node
    assert {"单反相机", "数码相机", "相机"} <= set(chinese_type_terms(taxonomy, "co-2-2-5", segmenter))


def test_a_laptop_stand_is_indexed_as_a_stand_not_as_a_laptop():
    terms = chinese_type_terms(default_taxonomy(), "el-7-8-3", default_analysis().segmenter)
    assert {"笔记本支架", "显示器支架", "支架"} <= set(terms) and "笔记本" not in terms
