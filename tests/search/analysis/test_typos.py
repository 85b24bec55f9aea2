"""Typo tolerance for Latin words: the edit budget by length, corrections against a catalog vocabulary."""

import pytest

from search.analysis.typos import TypoCorrector, edit_budget, osa_distance

# Document frequencies as a small electronics catalog might have them.
WORDS = {
    "bluetooth": 900,
    "headphones": 400,
    "speaker": 300,
    "speakers": 120,
    "battery": 500,
    "batteries": 200,
    "camera": 250,
    "cable": 600,
    "table": 20,
    "samsung": 150,
    "calculator": 40,
    "adapter": 700,
    "adaptor": 3,  # a spelling some listing uses, rare against `adapter`
    "bluetoth": 1,  # a misspelling in one description
    "router": 80,
}


@pytest.fixture(scope="module")
def corrector():
    return TypoCorrector(WORDS, protected={"fridge"})


@pytest.mark.parametrize(
    ("word", "budget"),
    [
        ("case", 0),  # under 5 letters: no typo allowed
        ("cabel", 1),
        ("headphnes", 2),  # 9 letters
        ("rtx2060", 0),  # a model number
        ("2060", 0),  # a number
        ("sm-g998", 0),
        ("耳机", 0),
    ],
)
def test_the_edit_budget_follows_the_length_rule(word, budget):
    assert edit_budget(word) == budget


def test_osa_distance_counts_a_swap_of_neighbours_as_one_edit():
    assert osa_distance("camrea", "camera", 2) == 1
    assert osa_distance("speakjers", "speakers", 2) == 1  # an insertion
    assert osa_distance("bttery", "battery", 2) == 1  # a deletion
    assert osa_distance("cxmera", "camera", 2) == 1  # a substitution
    assert osa_distance("abcdef", "ghijkl", 2) == 3  # over the limit: limit + 1


@pytest.mark.parametrize(
    ("typed", "corrected"),
    [
        ("blketooth", "bluetooth"),  # 9 letters, a substitution
        ("headphnes", "headphones"),
        ("camrea", "camera"),  # swapped neighbours
        ("speakjer", "speaker"),  # an inserted key next to the intended one
        ("samsng", "samsung"),  # brands too
        ("calculatot", "calculator"),
        ("cabel", "cable"),  # `cable` (600 products) over `table` (20): both one edit away
    ],
)
def test_words_the_catalog_does_not_use_are_corrected(corrector, typed, corrected):
    assert corrector.corrections(typed)[0].word == corrected


def test_a_catalog_word_is_left_alone_unless_it_is_rare_against_a_close_common_one(corrector):
    assert corrector.corrections("speakers") == []  # 120 products: a real word, though `speaker` is one edit off
    assert corrector.corrections("table") == []
    assert [c.word for c in corrector.corrections("bluetoth")] == ["bluetooth"]  # 1 listing against 900
    assert [c.word for c in corrector.corrections("adaptor")] == ["adapter"]  # 3 against 700


def test_nothing_is_corrected_below_five_letters_in_numbers_or_far_away(corrector):
    assert corrector.corrections("cabl") == []
    assert corrector.corrections("rtx2060") == []
    assert corrector.corrections("xyzzy") == []
    assert corrector.corrections("heaphnoes") == []  # three edits from `headphones`


def test_real_words_the_catalog_lacks_are_not_turned_into_catalog_words(corrector):
    assert corrector.corrections("fridge") == []


def test_one_edit_ranks_above_two_and_weighs_more(corrector):
    [best] = corrector.corrections("routr")
    assert (best.word, best.edits) == ("router", 1)
    assert best.weight < 1.0  # an exact match always outranks a corrected one
    two = corrector.corrections("headphonesss")  # 12 letters, two edits
    assert two[0].word == "headphones" and two[0].edits == 2 and two[0].weight < best.weight
