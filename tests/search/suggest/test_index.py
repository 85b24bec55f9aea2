from search.suggest.index import SuggestIndex
from search.suggest.keys import Match, pinyin_keys, text_key
from search.suggest.vocabulary import Candidate, Kind


def chinese(text, weight, kind=Kind.TERM, english=None):
    return Candidate(text, kind, weight, english, keys=[(text_key(text), Match.TEXT), *pinyin_keys(text)])


def latin(text, weight, kind=Kind.TERM, product_id=None):
    return Candidate(text, kind, weight, product_id=product_id, keys=[(text_key(text), Match.TEXT)])


INDEX = SuggestIndex(
    [
        chinese("蓝牙耳机", 50, english="bluetooth earbuds"),
        chinese("蓝牙音箱", 80, english="bluetooth speaker"),
        chinese("蓝牙", 20),
        chinese("露营", 500),  # lu ying: initials ly
        chinese("手机壳", 30),
        chinese("手表", 30),
        chinese("耳机", 40),
        latin("lysol wipes", 1),  # English text that starts like the initials
        latin("bluetooth speaker", 80),
        latin("Sony", 18, Kind.BRAND),
        latin("Sony WH-1000XM5", 2, Kind.PRODUCT),
        latin("Sony ULT Field 1", 1, Kind.PRODUCT, product_id="spk-sony-ult"),
    ]
)


def texts(typed, size=8):
    return [s.text for s in INDEX.complete(typed, size)]


def test_more_products_first_then_shorter():
    assert texts("蓝牙") == ["蓝牙音箱", "蓝牙耳机", "蓝牙"]
    assert texts("手") == ["手表", "手机壳"]  # same weight: the shorter first


def test_pinyin_full_with_or_without_spaces_and_traditional_input():
    assert texts("lany") == texts("lan ya") == texts("藍牙") == ["蓝牙音箱", "蓝牙耳机", "蓝牙"]


def test_text_matches_before_full_pinyin_before_initials():
    # `ly`: the English text `lysol` first, then initials (露营 has more products than 蓝牙…)
    assert texts("ly") == ["lysol wipes", "露营", "蓝牙音箱", "蓝牙耳机", "蓝牙"]
    assert texts("lu") == ["露营"]


def test_suggestions_carry_kind_english_and_product():
    first = INDEX.complete("lanyaer", 1)[0]
    assert (first.text, first.kind, first.english, first.product_id) == (
        "蓝牙耳机",
        Kind.TERM,
        "bluetooth earbuds",
        None,
    )
    product = INDEX.complete("sony ult", 1)[0]
    assert (product.kind, product.product_id) == (Kind.PRODUCT, "spk-sony-ult")


def test_size_limits_and_each_text_once():
    assert texts("sony", 2) == ["Sony", "Sony WH-1000XM5"]
    assert texts("l", 20) == ["lysol wipes", "露营", "蓝牙音箱", "蓝牙耳机", "蓝牙"]  # pinyin and initials match: once


def test_nothing_matches():
    assert texts("zzz") == []
    assert texts("") == []
    assert texts("!!") == []


def test_the_last_word_is_completed_when_the_whole_input_is_not():
    assert texts("iphone 15 手") == ["iphone 15 手表", "iphone 15 手机壳"]
    assert texts("蓝牙 erj") == ["蓝牙 耳机"]
    assert texts("蓝牙erj") == ["蓝牙耳机"]
    assert texts("iphone 15 zzz") == []


def test_a_mistyped_word_is_corrected_when_nothing_completes_it(analysis):
    lexicon = analysis.lexicons.build({"bluetooth": 80, "speaker": 80, "sony": 18}, [], 100)
    assert INDEX.complete("blutooth spea", 8) == []  # as typed: nothing starts so
    assert [s.text for s in INDEX.complete("blutooth spea", 8, lexicon)] == ["bluetooth speaker"]
    assert [s.text for s in INDEX.complete("bluetooth speakr", 8, lexicon)] == ["bluetooth speaker"]
    assert INDEX.complete("bluetooth spaek xyz", 8, lexicon) == []  # `spaek` has 5 letters, `xyz` none to fix
    assert [s.text for s in INDEX.complete("blue", 8, lexicon)] == ["bluetooth speaker"]  # a prefix: no correction
