"""Category prediction from the query: the node a shopper's words name, with a confidence."""

from __future__ import annotations

import pytest

from search.analysis.query import default_analysis
from search.taxonomy.predict import CategoryPredictor
from search.taxonomy.tree import default_taxonomy


@pytest.fixture(scope="module")
def predict():
    predictor = CategoryPredictor(default_taxonomy())
    analyzer = default_analysis().query_analyzer
    return lambda q: predictor.predict(analyzer.analyze(q))


@pytest.mark.parametrize(
    ("query", "node"),
    [
        ("耳机", "el-2-2-7-1"),  # headphones
        ("藍牙耳機", "hs-true-wireless-earbuds"),  # Traditional, normalised first
        ("lanya erji", "hs-true-wireless-earbuds"),  # pinyin, read as 蓝牙耳机
        ("儿童玩具", "tg-5"),  # toys for children, not dog toys
        ("登山鞋", "hs-hiking-shoes"),
        ("狗狗 沐浴露", "ap-2-26-7"),  # pet shampoo, not body wash
        ("laptop", "el-6-6"),
        ("gaming laptop", "hs-gaming-laptops"),
        ("head set", "el-2-2-7-2"),
        ("laptop sleeve", "hs-laptop-bags"),  # the sleeve, not the laptop
        ("iPhone 15 手机壳", "el-4-8-4-2"),
        # the head comes last: a gaming mouse *pad*, not a gaming mouse
        ("电竞鼠标垫", "el-7-8-8"),
        ("笔记本支架", "el-7-8-3"),  # a laptop stand, not a laptop
        ("gaming mouse pad", "el-7-8-8"),
        # 相机 is first a still camera in Chinese (webcams are 摄像头, camcorders 摄像机); English `camera` is any
        # camera (and what the bare 相机 also names: `test_a_bare_chinese_word_names_what_its_rendering_names`)
        ("相机", "co-2-2"),
        ("camera", "co-2"),
    ],
)
def test_the_query_names_a_node(predict, query, node):
    found = predict(query)
    assert found is not None and found.node == node, found


def test_confidence_is_highest_when_the_type_is_all_that_is_typed(predict):
    assert predict("耳机").confidence == pytest.approx(0.9)
    assert predict("sony headphones").confidence == pytest.approx(0.9)  # a brand besides the type
    assert predict("无线降噪耳机").confidence < 0.9  # qualified: which headphones


def test_no_prediction_without_a_type_word_or_for_a_whole_vertical(predict):
    assert predict("sony") is None
    assert predict("数码") is None  # electronics: too broad to say what type


def test_the_types_named_for_the_querys_come_with_it(predict):
    laptop = predict("laptop").accessories
    assert "hs-laptop-bags" in laptop  # sleeves and bags are for laptops
    assert not any(default_taxonomy().is_within(node, "el-6-6") for node in laptop)  # a gaming laptop is a laptop
    assert "hs-laptop-bags" in predict("笔记本电脑").accessories
    assert predict("laptop sleeve").accessories == ()  # nothing is named for a sleeve; the laptop is not
    assert predict("相机保护套").accessories == ()  # other words typed: they may ask for the accessory
    headphones = predict("耳机").accessories
    assert headphones and "el-2-2-7-2" not in headphones and "hs-gaming-headsets" not in headphones  # 耳麦 are 耳机


def test_a_type_word_names_every_type_it_is_the_head_of(predict):
    adapters = predict("适配器").nodes
    assert adapters[0] == "el-7-1"  # Adapters, the node the word is keyed to, first
    assert {"el-7-15-5", "el-7-15-11"} <= set(adapters)  # 电源适配器 and 旅行转换器/适配器 are adapters too
    assert set(predict("adapter").nodes) >= {"el-7-1", "el-7-15-5", "el-7-15-11"}  # the same in English


def test_the_family_leaves_out_shared_heads_other_verticals_and_nested_nodes(predict):
    headphones = predict("headphones").nodes
    assert "el-2-1-2" not in headphones  # `Headphone & Headset Accessories` are accessories, not headphones
    assert "ap-2-40" not in predict("防晒霜").nodes  # pet sunscreen: another vertical's sense
    adapters = predict("适配器").nodes
    assert "el-7-1-3" not in adapters  # USB adapters are within Adapters already
    assert predict("笔记本电脑").nodes == ("el-6-6",)  # a word naming one type names that one alone


def test_a_bare_chinese_word_names_what_its_rendering_names(predict):
    taxonomy = default_taxonomy()
    camera = predict("相机")
    assert camera.node == "co-2-2"
    # rendered `camera`, which names every camera: webcams and camcorders are boosted too
    assert any(taxonomy.is_within("co-2-8", n) for n in camera.nodes)
    assert any(taxonomy.is_within("co-2-7", n) for n in camera.nodes)
    # a compound says which one: 数码相机 is a digital camera, not any camera
    assert predict("数码相机").nodes == ("co-2-2",)


def test_traditional_and_simplified_words_name_the_same_types(predict):
    for simplified, traditional in (("电池", "電池"), ("相机", "相機"), ("适配器", "適配器")):
        assert predict(simplified).nodes == predict(traditional).nodes


def test_other_words_typed_beside_the_type_word_say_which_type_it_is(predict):
    assert len(predict("controller").nodes) > 1  # game controllers, remote controls, RAID controllers
    assert predict("pro controller").nodes == ("el-7-9-12-5",)  # qualified: the game controller alone
    assert len(predict("适配器").nodes) > 1
    assert predict("usb 适配器").nodes == ("el-7-1-3",)
