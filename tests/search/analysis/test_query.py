"""Query understanding with the shipped glossary, jieba and CC-CEDICT (real resources)."""

import pytest

from search.analysis.intent import extract_price


def english_of(analysis, query):
    return analysis.query_analyzer.analyze(query).english


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ("蓝牙耳机", {"bluetooth"}),
        ("藍牙耳機", {"bluetooth"}),  # Traditional
        ("无线降噪耳机", {"wireless", "noise"}),
        ("iPhone15手机壳", {"iphone", "15", "case"}),  # mixed script, glued model number
        ("耐克 跑鞋", {"nike", "running"}),
        ("雅诗兰黛 眼霜", {"estee", "eye", "cream"}),
        ("婴儿奶粉", {"formula"}),
        ("移动电源", {"portable", "charger"}),
        ("狗粮", {"dog", "food"}),
    ],
)
def test_chinese_queries_get_english_renderings(analysis, query, words):
    rendering = set(english_of(analysis, query).split())
    assert words <= rendering, rendering


@pytest.mark.parametrize(
    ("query", "tokens", "style"),
    [
        ("lanya erji", ["蓝牙耳机"], "full"),
        ("lan ya er ji", ["蓝牙耳机"], "full"),
        ("lanyaerji", ["蓝牙耳机"], "full"),
        ("lanya erj", ["蓝牙耳机"], "partial"),
        ("蓝ya耳机", ["蓝牙耳机"], "mixed"),
        ("lyej", ["蓝牙耳机"], "initials"),
    ],
)
def test_pinyin_queries_are_read_as_chinese(analysis, query, tokens, style):
    analyzed = analysis.query_analyzer.analyze(query)
    assert analyzed.tokens == tokens and analyzed.pinyin.style == style
    assert "bluetooth" in analyzed.english
    assert all(c.origin == "pinyin" for c in analyzed.concepts)
    assert analyzed.explain()["pinyin"]["chinese"] == tokens
    assert analyzed.corrected_query is None  # a reading, not a correction


@pytest.mark.parametrize(
    ("query", "english"),
    [
        ("fengshan", "fan"),
        ("jisuanqi", "calculator"),
        ("gutai yingpan", "ssd"),
        ("ying er nai fen", "infant formula"),
        ("5 hao dianchi", "aa battery"),
        ("iphone 15 shoujike", "iphone 15 phone case"),
    ],
)
def test_pinyin_of_dictionary_words_is_read_not_only_glossary_terms(analysis, query, english):
    assert analysis.query_analyzer.analyze(query).english == english


@pytest.mark.parametrize(
    ("query", "corrected", "english"),
    [
        ("蓝呀耳机", "蓝牙耳机", "bluetooth earbuds"),
        ("兰牙耳机", "蓝牙耳机", "bluetooth earbuds"),  # not "orchid ivory"
        ("连衣群", "连衣裙", "dress"),
    ],
)
def test_homophone_slips_are_corrected_and_said(analysis, query, corrected, english):
    analyzed = analysis.query_analyzer.analyze(query)
    assert analyzed.corrected_query == corrected and analyzed.english == english
    assert analyzed.explain()["corrections"] == [{"typed": query, "corrected": corrected, "kind": "homophone"}]
    assert analyzed.explain()["corrected_query"] == corrected


@pytest.mark.parametrize(
    "query", ["蓝牙耳机", "无线降噪耳机", "婴儿奶粉 1段", "推荐一款好用的保温杯", "5号电池", "iphone 15 手机壳"]
)
def test_clean_chinese_queries_are_neither_read_nor_corrected(analysis, query):
    analyzed = analysis.query_analyzer.analyze(query)
    assert analyzed.pinyin is None and analyzed.corrections == []


@pytest.mark.parametrize(
    ("query", "english"),
    [("藍芽耳機", "bluetooth earbuds"), ("行動電源", "portable charger"), ("隨身碟", "usb flash drive")],
)
def test_taiwan_product_words_mean_what_the_mainland_words_do(analysis, query, english):
    assert analysis.query_analyzer.analyze(query).english == english


@pytest.mark.parametrize("query", ["shoes", "nike", "running shoes", "new balance", "ipad"])
def test_english_words_and_brands_are_never_read_as_pinyin(analysis, query):
    analyzed = analysis.query_analyzer.analyze(query)
    assert analyzed.pinyin is None and analyzed.tokens == query.split()


@pytest.mark.parametrize(
    ("query", "tokens"),
    [
        ("iPhone15手机壳", ["iphone15", "手机壳"]),
        ("SM-G998 手机壳", ["sm-g998", "手机壳"]),
        ("gtx1080 显卡", ["gtx1080", "显卡"]),
        ("128g u盘", ["128gb", "u盘"]),
        ("500毫升保温杯", ["500ml", "保温杯"]),
    ],
)
def test_mixed_scripts_model_numbers_and_units_survive_segmentation(analysis, query, tokens):
    assert analysis.query_analyzer.analyze(query).tokens == tokens


def test_units_reach_the_english_rendering_in_us_units_too(analysis):
    [unit, _] = analysis.query_analyzer.analyze("500毫升 保温杯").concepts
    assert {"500ml", "500 ml", "17 oz"} == {a.text for a in unit.alternatives}


@pytest.mark.parametrize(
    ("query", "brands"),
    [
        ("耐克 跑鞋", ["nike"]),
        ("雅诗兰黛眼霜", ["estee lauder"]),
        ("北面 冲锋衣", ["north face"]),
        ("the north face jacket", ["north face"]),
        ("bose 耳机", ["bose"]),
        ("蓝牙耳机", []),
    ],
)
def test_brand_mentions_are_found_for_boosting(analysis, query, brands):
    assert analysis.query_analyzer.analyze(query).brands == brands


@pytest.mark.parametrize(("query", "english"), [("苹果7", "iphone 7"), ("苹果x 手机壳", "iphone x phone case")])
def test_a_brand_followed_by_a_model_names_the_product_line(analysis, query, english):
    assert analysis.query_analyzer.analyze(query).english == english


def test_shopper_slang(analysis):
    assert "aa battery" in analysis.query_analyzer.analyze("5号电池").english
    assert analysis.query_analyzer.analyze("充电宝").english == "portable charger"
    assert "laptop" in analysis.query_analyzer.analyze("游戏本").english


def test_glossary_compounds_stay_whole(analysis):
    analyzed = analysis.query_analyzer.analyze("蓝牙耳机")
    assert analyzed.tokens == ["蓝牙耳机"]
    assert analyzed.concepts[0].alternatives[0].source == "glossary"


def test_filler_words_are_dropped(analysis):
    analyzed = analysis.query_analyzer.analyze("推荐一款好用的保温杯")
    assert "推荐" in analyzed.dropped and "的" in analyzed.dropped
    assert [c.term for c in analyzed.concepts] == ["保温杯"]


def test_explain_reports_every_step(analysis):
    explain = analysis.query_analyzer.analyze("500元以下 保溫杯").explain()
    assert explain["normalized"] == "500元以下 保温杯"
    assert explain["price"]["max_amount"] == 500.0 and explain["price"]["currency"] == "CNY"
    assert explain["concepts"][0]["term"] == "保温杯"
    assert explain["english"]


@pytest.mark.parametrize(
    ("text", "currency", "low", "high", "rest"),
    [
        ("500元以下 保温杯", "CNY", None, 500.0, "保温杯"),
        ("100美元以内 耳机", "USD", None, 100.0, "耳机"),
        ("200-300元 双肩包", "CNY", 200.0, 300.0, "双肩包"),
        ("1000元以上 手表", "CNY", 1000.0, None, "手表"),
    ],
)
def test_price_intents(text, currency, low, high, rest):
    intent, remaining = extract_price(text)
    assert intent is not None
    assert (intent.currency, intent.min_amount, intent.max_amount, remaining) == (currency, low, high, rest)


def test_price_intent_converts_cny_to_usd():
    from search.currency import ExchangeRate

    intent, _ = extract_price("720元以下")
    rate = ExchangeRate(7.2)
    assert (rate.to_usd(intent.min_amount, intent.currency), rate.to_usd(intent.max_amount, intent.currency)) == (
        None,
        100.0,
    )


def test_no_price_intent_in_model_numbers():
    intent, rest = extract_price("iphone 15 手机壳")
    assert intent is None and rest == "iphone 15 手机壳"
