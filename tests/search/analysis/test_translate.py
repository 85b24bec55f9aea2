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
        ("I", None),  # single letters are never senses
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


def test_mixed_script_word_is_translated_script_by_script(translator):
    concepts = translator.concepts("sd包")
    assert [(c.term, c.best) for c in concepts] == [("sd", "sd"), ("包", "bag")]


def test_unit_tokens_get_us_renderings(translator):
    [concept] = translator.concepts("500ml")
    assert [a.text for a in concept.alternatives] == ["500ml", "500 ml", "17 oz"]
    assert concept.alternatives[0].source == "unit"


def test_catalog_vocabulary_drops_senses_no_product_uses():
    cedict = CcCedict({"支架": ["trestle", "support", "stand"]})
    translator = Translator(Glossary.parse([]), cedict)
    catalog = {"stand": 12, "support": 3}
    [concept] = translator.concepts("支架", vocabulary=lambda word: catalog.get(word, 0))
    assert [a.text for a in concept.alternatives] == ["support", "stand"]
    [unguided] = translator.concepts("支架")
    assert unguided.best == "trestle"


def test_when_the_catalog_uses_no_sense_the_term_is_kept_for_chinese_fields_only():
    translator = Translator(Glossary.parse([]), CcCedict({"胆": ["gall bladder", "courage"]}))
    [concept] = translator.concepts("胆", vocabulary=lambda word: 0)
    assert concept.alternatives == [] and concept.chinese


def test_lone_characters_from_a_split_are_weaker(translator):
    concepts = translator.concepts("双肩包")  # 双肩 + 包: 包 is a glossary word, kept at full weight
    assert concepts[1].alternatives[0].weight == 1.0
    translator = Translator(Glossary.parse([]), CcCedict({"内": ["inside"], "胆": ["liner"]}))
    assert [c.alternatives[0].weight for c in translator.concepts("内胆")] == [0.5, 0.5]
