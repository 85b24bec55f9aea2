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
    intent, _ = extract_price("720元以下")
    assert intent.in_usd(7.2) == (None, 100.0)


def test_no_price_intent_in_model_numbers():
    intent, rest = extract_price("iphone 15 手机壳")
    assert intent is None and rest == "iphone 15 手机壳"
