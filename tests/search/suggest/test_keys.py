import pytest

from search.suggest.keys import Match, pinyin_keys, text_key


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("藍牙 耳機", "蓝牙耳机"),  # Traditional → Simplified, spaces dropped
        ("lan ya", "lanya"),
        ("Sony WH-1000XM5", "sonywh1000xm5"),
        ("Estée Lauder", "esteelauder"),
        ("Levi's", "levis"),
        ("ＩＰＨＯＮＥ　１５", "iphone15"),  # full width
        ("  ", ""),
    ],
)
def test_text_key(typed, key):
    assert text_key(typed) == key


def test_pinyin_keys_full_and_initials():
    assert pinyin_keys("蓝牙耳机") == [("lanyaerji", Match.PINYIN), ("lyej", Match.INITIALS)]
    assert pinyin_keys("藍牙耳機") == pinyin_keys("蓝牙耳机")
    assert pinyin_keys("绿色") == [("lvse", Match.PINYIN), ("ls", Match.INITIALS)]  # ü typed as v


def test_latin_runs_stay_in_pinyin_keys():
    assert pinyin_keys("u盘") == [("upan", Match.PINYIN), ("up", Match.INITIALS)]
    assert pinyin_keys("索尼 WH-1000XM5") == [("suoniwh1000xm5", Match.PINYIN), ("snwh1000xm5", Match.INITIALS)]


def test_long_chinese_text_has_no_initials_key_and_latin_text_none():
    assert [m for _, m in pinyin_keys("安克 Soundcore P3 蓝牙耳机 主动降噪 无线耳机")] == [Match.PINYIN]
    assert pinyin_keys("Sony") == []
