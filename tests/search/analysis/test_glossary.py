import pytest

from search.analysis.glossary import GLOSSARY_PATH, KINDS, Glossary


def test_parse_keeps_alternatives_best_first_and_normalises_terms():
    glossary = Glossary.parse(["# comment", "耳機\tearbuds\t0.8\tproduct", "耳机\tEarphones\t1.0\tproduct"])
    assert [e.en for e in glossary.get("耳机")] == ["earphones", "earbuds"]


@pytest.mark.parametrize(
    ("line", "message"),
    [("耳机", "expected zh<TAB>en"), ("耳机\tx\theavy", "not a number"), ("耳机\tx\t1\tgadget", "kind")],
)
def test_bad_lines_name_the_line(line, message):
    with pytest.raises(ValueError, match=message):
        Glossary.parse(["# header", line], source="g.tsv")


def test_shipped_glossary_is_valid_and_covers_shopper_words_and_brands():
    glossary = Glossary.load(GLOSSARY_PATH)
    assert len(glossary) >= 300
    expected = {
        "蓝牙": "bluetooth",
        "移动电源": "portable charger",
        "奶粉": "infant formula",
        "面霜": "face cream",
        "吹风机": "hair dryer",
        "耐克": "nike",
        "雅诗兰黛": "estee lauder",
        "蔻驰": "coach",
        "北面": "the north face",
    }
    for zh, en in expected.items():
        renderings = [e.en for e in glossary.get(zh)]
        assert en in renderings, (zh, renderings)
    assert all(e.kind in KINDS for term in glossary.terms() for e in glossary.get(term))
