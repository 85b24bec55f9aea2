import pytest

from search.analysis.cedict import CcCedict, clean_sense
from search.analysis.glossary import Glossary
from search.analysis.translate import Translator


@pytest.mark.parametrize(
    ("gloss", "clean"),
    [
        ("to wrap", "wrap"),
        ("CL:個|个[ge4]", None),
        ("surname Bao", None),
        ("variant of 殼|壳[ke2]", None),
        ("(of a dog) to bark", "bark"),
        ("to do sth for sb", "do for"),
        ("mobile phone (abbr.)", "mobile phone"),
        ("a very long gloss that says far too much", None),
    ],
)
def test_cedict_glosses_are_cut_to_search_phrases(gloss, clean):
    assert clean_sense(gloss) == clean


@pytest.fixture(scope="module")
def translator():
    glossary = Glossary.parse(["包\tbag\t1.0\tproduct", "蓝牙耳机\tbluetooth earbuds\t1.0\tproduct"])
    senses = {"包": ["cover", "wrap"], "耳机": ["headphones"], "手机": ["mobile phone"], "双肩": ["shoulders"]}
    cedict = CcCedict(senses)
    return Translator(glossary, cedict)


def test_glossary_wins_over_cedict(translator):
    [concept] = translator.concepts("包")
    assert concept.best == "bag"
    assert concept.alternatives[0].source == "glossary"


def test_cedict_senses_are_weighted_alternatives(translator):
    [concept] = translator.concepts("手机")
    assert [(a.text, a.weight, a.source) for a in concept.alternatives] == [("mobile phone", 1.0, "cc-cedict")]


def test_unknown_compound_is_split_longest_match_first(translator):
    concepts = translator.concepts("双肩包")
    assert [c.term for c in concepts] == ["双肩", "包"]
    assert [c.best for c in concepts] == ["shoulders", "bag"]


def test_untranslatable_term_is_kept_for_the_chinese_fields(translator):
    [concept] = translator.concepts("黛")
    assert concept.chinese and concept.alternatives == []


def test_latin_words_pass_through(translator):
    [concept] = translator.concepts("iphone15")
    assert concept.best == "iphone 15"
    assert concept.alternatives[0].source == "query"
