import pytest

from search.analysis.english import english_words, prepare_english
from search.analysis.normalize import fold_accents, has_chinese, normalize_text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("藍牙耳機", "蓝牙耳机"),  # Traditional → Simplified
        ("隨身碟", "u盘"),  # Taiwan vocabulary, not only characters
        ("滑鼠", "鼠标"),
        ("衞生紙", "卫生纸"),  # a Hong Kong variant character
        ("ＡｉｒＰｏｄｓ　Ｐｒｏ", "airpods pro"),  # full width → half width, case folded
        ("保温杯😀\u200b  500ML", "保温杯 500ml"),  # emoji and zero-width space dropped, spaces collapsed
        (" Wireless^ Earbuds\t\x00BLACK` ", "wireless earbuds black"),  # ASCII: controls and ^ ` go too
    ],
)
def test_normalize_text(raw, expected):
    assert normalize_text(raw) == expected


def test_accents_are_folded_for_english():
    assert fold_accents("Estée Lauder") == "Estee Lauder"


def test_has_chinese():
    assert has_chinese("iphone 15 手机壳")
    assert not has_chinese("iphone 15 case")


def test_prepare_english_splits_glued_model_names_but_keeps_units():
    assert prepare_english("iPhone15 Case 500ml") == "iphone 15 case 500ml"


def test_english_words_drop_stopwords():
    assert english_words("Case for the iPhone 15") == ["case", "iphone", "15"]
