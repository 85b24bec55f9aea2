"""The pinyin lexicon and the phonetic reading of queries: pinyin in every form, homophone slips."""

import math

import pytest

from search.analysis.phonetic import PhoneticReader
from search.analysis.pinyin import PinyinLexicon, syllables_of

TOTAL = 1_000_000
WORDS = {  # word → frequency, as jieba counts it
    "蓝牙": 2000,
    "耳机": 3000,
    "蓝牙耳机": 20000,
    "保温杯": 20000,
    "风扇": 1000,
    "分散": 1500,  # fensan: a homophone key of nothing here; fengshan only fits 风扇
    "手机": 8000,
    "手机壳": 20000,
    "固态硬盘": 500,
    "婴儿": 3000,
    "奶粉": 2000,
    "连衣裙": 600,
    "计算器": 900,
    "世纪": 9000,
    "实际": 8000,
    "时机": 1200,
    "号": 5000,
    "5号电池": 20000,
}
SINGLE_CHARACTERS = {"蓝": 800, "呀": 900, "耳": 300, "机": 2000, "兰": 500, "牙": 400, "群": 700, "衣": 600, "连": 900}


def frequency(word):
    return WORDS.get(word) or SINGLE_CHARACTERS.get(word, 0)


@pytest.fixture(scope="module")
def lexicon():
    return PinyinLexicon([(w, syllables_of(w), f) for w, f in WORDS.items()], TOTAL, lambda w: len(w) >= 2)


ENGLISH = {"mini", "usb", "iphone", "lan", "bose", "fan"}  # words listings use, as typed: about 1 in 1000


@pytest.fixture(scope="module")
def reader(lexicon):
    return PhoneticReader(lexicon, frequency, TOTAL, lambda w: math.log(1e-3) if w in ENGLISH else None)


def read(reader, text, final=True):
    reading = reader.read(text, final)
    return None if reading is None else [p.text for p in reading.pieces]


def test_syllables_keep_latin_runs_whole():
    assert syllables_of("蓝牙耳机") == ("lan", "ya", "er", "ji")
    assert syllables_of("5号电池") == ("5", "hao", "dian", "chi")
    assert syllables_of("绿色") == ("lv", "se")  # ü is typed v


def test_homophones_share_a_key_most_likely_first(lexicon):
    assert [e.word for e in lexicon.by_key("shiji")] == ["世纪", "实际", "时机"]
    世纪 = lexicon.by_key("shiji")[0]
    assert [e.word for e in lexicon.alternatives(世纪)] == ["世纪", "实际"]  # 时机 is under 15% as likely
    assert math.isclose(世纪.log_p, math.log(9000 / TOTAL))


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("lanya erji", ["蓝牙耳机"]),  # joined by word
        ("lan ya er ji", ["蓝牙耳机"]),  # one syllable at a time
        ("lanyaerji", ["蓝牙耳机"]),  # all joined
        ("ying er nai fen", ["婴儿", "奶粉"]),
        ("fengshan", ["风扇"]),
        ("gutai yingpan", ["固态硬盘"]),  # a space between syllables of one word
        ("5 hao dianchi", ["5号电池"]),  # digits are part of the pinyin of shopper words
        ("lanya erj", ["蓝牙耳机"]),  # the last syllable begun
        ("baowenb", ["保温杯"]),
        ("蓝ya耳机", ["蓝牙耳机"]),  # characters and pinyin mixed
        ("iphone shoujike", ["iphone", "手机壳"]),  # an English word stays English
        ("mini usb", ["mini", "usb"]),
        ("fan", ["fan"]),  # a word the catalog uses, though also pinyin (反, 饭)
    ],
)
def test_pinyin_in_every_form_is_read_into_lexicon_words(reader, typed, words):
    assert read(reader, typed) == words


def test_a_space_must_fall_between_syllables(reader):
    # `fen gshan` puts a space inside a syllable: no word fits; letters left neither word nor pinyin: no reading
    assert read(reader, "fen gshan") is None


def test_a_partial_syllable_is_only_read_at_the_end_of_the_query(reader):
    assert read(reader, "lanya erj", final=False) is None  # `erj` is not a word: the reading is not trusted
    assert read(reader, "lanya erj", final=True) == ["蓝牙耳机"]


@pytest.mark.parametrize(
    ("typed", "corrected"),
    [("蓝呀耳机", "蓝牙耳机"), ("兰牙耳机", "蓝牙耳机"), ("连衣群", "连衣裙")],
)
def test_a_homophone_slip_is_corrected_to_the_lexicon_word(reader, typed, corrected):
    reading = reader.read(typed, True)
    assert [p.text for p in reading.pieces] == [corrected]
    assert reading.slips and reading.slips[0].typed == typed


def test_words_as_typed_stay_when_no_slip_is_likely(reader):
    reading = reader.read("蓝牙耳机", True)
    assert not reading.changed
    assert not reader.read("手机", True).changed


def test_initials(reader):
    assert [p.text for p in reader.read_initials("lyej").pieces] == ["蓝牙耳机"]
    assert [p.text for p in reader.read_initials("sjk").pieces] == ["手机壳"]
    assert reader.read_initials("xqz") is None


def test_what_calls_for_a_reading(reader):
    assert reader.needs_reading("lanya erji", ["lanya", "erji"])
    assert reader.needs_reading("蓝呀耳机", ["蓝呀", "耳机"])  # characters jieba could not group
    assert not reader.needs_reading("蓝牙耳机", ["蓝牙耳机"])
    assert not reader.needs_reading("mini usb", ["mini", "usb"])
