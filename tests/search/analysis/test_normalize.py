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


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("藍芽耳機", "蓝牙耳机"),  # OpenCC makes 蓝芽: our table makes it 蓝牙
        ("藍芽 喇叭", "蓝牙 喇叭"),
        ("行動電源", "移动电源"),
        ("筆電", "笔记本电脑"),
        ("數位相機", "数码相机"),  # not OpenCC's 数字相机
        ("随身碟", "u盘"),  # a Taiwan word typed in Simplified characters
        ("藍牙耳筒", "蓝牙耳机"),  # Hong Kong
        ("蓝牙耳机", "蓝牙耳机"),  # mainland text passes unchanged
        ("数字钢琴", "数字钢琴"),  # 数字 alone is a mainland word: left as it is
    ],
)
def test_taiwan_and_hong_kong_product_words_become_the_mainland_ones(raw, expected):
    assert normalize_text(raw) == expected


def test_every_regional_line_changes_something_and_mainland_forms_are_stable():
    from search.analysis.normalize import regional_words, to_mainland

    for row in regional_words():
        mainland = normalize_text(row.mainland)
        assert normalize_text(row.local) == mainland, row
        assert to_mainland(mainland) == mainland, row  # normalising twice changes nothing


@pytest.mark.parametrize(
    ("text", "forms"),
    [
        ("sm-g998", "sm g 998 smg smg998"),
        ("Samsung SM-G998B", "sm g 998 b smg smg998b"),
        ("Sony WH-1000XM5", "wh 1000 xm 5 wh1000xm5"),
        ("wi-fi 6", "wi fi wifi"),
        ("usb-c", "usb c usbc"),
        ("rtx2060", ""),  # split into rtx 2060 as it is prepared, on both sides
        ("headphones", ""),
    ],
)
def test_the_word_delimiter_forms_of_model_numbers(text, forms):
    from search.analysis.english import model_terms

    assert " ".join(model_terms(text)) == forms


def test_model_numbers_match_however_spaced_or_glued():
    """What a query searches (its terms and their forms) meets what a listing indexes (its title's terms and the
    forms the `models` field adds), whichever way each side writes the model number."""
    from search.analysis.english import english_terms, model_terms
    from search.fields import title_forms

    def listing(title):
        return set(english_terms(title)) | set(title_forms(title))

    def query(text):
        return set(english_terms(text)) | set(model_terms(text))

    for typed, title in [
        ("rtx2060", "MSI GeForce RTX 2060"),
        ("rtx 2060", "MSI GeForce RTX2060"),
        ("smg998", "Samsung SM-G998"),
        ("sm-g998", "Samsung SMG998"),
        ("iphone15", "Apple iPhone 15"),
        ("wh1000xm5", "Sony WH-1000XM5"),
    ]:
        assert len(query(typed) & listing(title)) >= 2, (typed, title)
