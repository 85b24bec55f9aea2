import pytest

from search.analysis.pinyin import PinyinIndex

VOCABULARY = ["蓝牙", "耳机", "蓝牙耳机", "保温杯", "奶粉", "手机", "手机壳", "舒洁"]
FREQUENCY = {"手机": 100, "舒洁": 1}


@pytest.fixture(scope="module")
def index():
    return PinyinIndex(VOCABULARY, lambda term: FREQUENCY.get(term, 0))


@pytest.mark.parametrize(
    ("typed", "chinese", "style"),
    [
        ("lanya erji", ["蓝牙", "耳机"], "full"),
        ("lanyaerji", ["蓝牙耳机"], "full"),  # no spaces: the fewest vocabulary terms
        ("baowenbei", ["保温杯"], "full"),
        ("lyej", ["蓝牙耳机"], "initials"),
        ("bwb", ["保温杯"], "initials"),
        ("sj", ["手机"], "initials"),  # 手机 and 舒洁 share initials: the more frequent word wins
    ],
)
def test_pinyin_is_read_back_into_vocabulary_terms(index, typed, chinese, style):
    match = index.convert(typed)
    assert match is not None and (match.chinese, match.style) == (chinese, style)


@pytest.mark.parametrize("typed", ["lanya xyz", "iphone15", "", "x", "lanya-erji"])
def test_what_is_not_pinyin_of_our_vocabulary_is_refused(index, typed):
    assert index.convert(typed) is None
