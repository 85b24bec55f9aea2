"""A catalog's lexicon: typo tolerance against its words, pinyin of the words of its world."""

import pytest

WORDS = {  # English word → products using it, as the catalog scan counts them
    "wireless": 300,
    "headphones": 120,
    "bluetooth": 400,
    "earbuds": 90,
    "speaker": 80,
    "fan": 40,
    "electric": 60,
    "calculator": 12,
    "samsung": 50,
    "galaxy": 45,
    "adapter": 200,
    "adaptor": 1,
    "case": 500,
    "iphone": 300,
    "dress": 7,
}
TITLES = ["Nature Made 天维美 深海鱼油软胶囊 1000mg", "柯克兰 深海鱼油 大瓶装"]


@pytest.fixture(scope="module")
def lexicon(analysis):
    return analysis.lexicons.build(WORDS, TITLES, 1000)


def analyze(analysis, lexicon, query):
    return analysis.query_analyzer.analyze(query, lexicon=lexicon)


def test_a_mistyped_word_is_searched_as_the_catalog_word(analysis, lexicon):
    analyzed = analyze(analysis, lexicon, "wireless hedphones")
    [wireless, headphones] = analyzed.concepts
    assert [a.text for a in wireless.alternatives] == ["wireless"]
    assert [(a.text, a.source) for a in headphones.alternatives] == [("headphones", "typo")]
    assert analyzed.english == "wireless headphones"
    assert analyzed.corrected_query == "wireless headphones"
    assert analyzed.explain()["corrections"] == [{"typed": "hedphones", "corrected": "headphones", "kind": "typo"}]


def test_a_rare_catalog_word_stays_first_with_the_common_one_behind(analysis, lexicon):
    [concept] = analyze(analysis, lexicon, "adaptor").concepts
    assert [(a.text, a.source) for a in concept.alternatives] == [("adaptor", "query"), ("adapter", "typo")]
    assert concept.alternatives[0].weight > concept.alternatives[1].weight  # exact above corrected
    assert analyze(analysis, lexicon, "adaptor").corrected_query is None  # the word as typed is searched


def test_brands_model_numbers_and_short_words_are_not_corrected(analysis, lexicon):
    analyzed = analyze(analysis, lexicon, "samsng galaxy s24")
    assert analyzed.corrected_query == "samsung galaxy s24" and "samsung" in analyzed.brands
    assert analyze(analysis, lexicon, "rtx2060").corrections == []
    assert analyze(analysis, lexicon, "cse").corrections == []


def test_cedict_words_whose_english_the_catalog_uses_join_the_pinyin_lexicon(analysis, lexicon):
    assert "风扇" in lexicon.pinyin  # electric fan: the catalog has both words
    assert "计算器" in lexicon.pinyin
    assert "鱼油" in lexicon.pinyin  # from a seller's Chinese title
    assert analyze(analysis, lexicon, "yuyou").tokens == ["鱼油"]


def test_the_base_lexicon_has_no_typo_vocabulary(analysis):
    base = analysis.lexicons.base()
    assert len(base.typos) == 0 and len(base.pinyin) > 1000
    assert analysis.query_analyzer.analyze("wireless hedphones").corrections == []


def test_function_words_never_join_the_pinyin_lexicon(analysis, lexicon):
    """Pronouns, adverbs, particles, directions… (jieba's parts of speech) name nothing a shopper looks for: an English
    word that happens to spell their pinyin (`name` = 那么, `shang` = 上) stays English."""
    for word in ("那么", "我们", "已经", "上面"):
        assert word not in lexicon.pinyin and word not in analysis.lexicons.base().pinyin
    assert [c.term for c in analyze(analysis, lexicon, "name").concepts] == ["name"]
