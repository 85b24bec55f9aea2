"""What query analysis knows of one catalog: the words its listings use (for typos) and the Chinese words a shopper
may mean by a pinyin or homophone spelling (for pinyin in every form and slip correction).

Built from one pass over the catalog — the suggestion vocabulary's (`search.suggest`), which calls
`LexiconBuilder.build` with what it gathered, on either backend — and swapped in whole. Until a catalog has been
read (and for analysis without an index) `LexiconBuilder.base` answers: the glossary and common CC-CEDICT words, no
typo vocabulary.

The pinyin lexicon of a catalog is its own world: the glossary's terms, the words of the seller-written Chinese
titles, and the CC-CEDICT words of which some English rendering the catalog uses (every word of it in some
listing), each weighted by jieba's dictionary frequency.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from search.analysis.cedict import CcCedict
from search.analysis.glossary import Glossary
from search.analysis.normalize import has_chinese
from search.analysis.phonetic import PhoneticReader
from search.analysis.pinyin import PinyinLexicon, syllables_of
from search.analysis.segment import Segmenter
from search.analysis.typos import TypoCorrector

CEDICT_SENSES = 3  # the senses of a CC-CEDICT word that may put it in a catalog's lexicon
BASE_MIN_FREQUENCY = 50  # without a catalog: CC-CEDICT words at least this common in jieba's dictionary
TITLE_WORD_FREQUENCY = 50  # the least count a word of a seller's Chinese title is given
MIN_FREQUENCY = 1


def _fold(word: str) -> str:
    """How catalog words are compared with dictionary senses: `batteries` = `battery`, `cables` = `cable`."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


@dataclass(frozen=True)
class CatalogLexicon:
    words: Mapping[str, int]  # English word of the listings → how many products use it
    typos: TypoCorrector
    pinyin: PinyinLexicon
    reader: PhoneticReader
    products: int = 0

    def document_frequency(self, word: str) -> int:
        return self.words.get(word, 0)


class LexiconBuilder:
    """The process-wide resources a lexicon is built from (loaded once, see `query.default_analysis`)."""

    def __init__(
        self,
        glossary: Glossary,
        cedict: CcCedict,
        segmenter: Segmenter,
        english: frozenset[str],
    ) -> None:
        self.glossary = glossary
        self.cedict = cedict
        self.segmenter = segmenter
        self._english = english  # English words of the glossary and CC-CEDICT, and brand names
        self.total = segmenter.total
        self._glossary_words = [
            (term, syllables_of(term), max(segmenter.frequency(term), MIN_FREQUENCY))
            for term in glossary.terms()
            if has_chinese(term)
        ]
        self._base: CatalogLexicon | None = None

    def base(self) -> CatalogLexicon:
        """The lexicon without a catalog: glossary terms and common CC-CEDICT words; no typo vocabulary."""
        if self._base is None:
            common = [
                (word, reading, self.segmenter.frequency(word))
                for word in self.cedict.words()
                if (reading := self.cedict.reading(word)) and self.segmenter.frequency(word) >= BASE_MIN_FREQUENCY
            ]
            self._base = self._lexicon({}, [*self._glossary_words, *common], 0)
        return self._base

    def build(self, words: Mapping[str, int], titles: Iterable[str], products: int) -> CatalogLexicon:
        """The lexicon of a catalog: `words` (English word → products using it), its Chinese titles."""
        folded = {_fold(word) for word in words}
        entries = list(self._glossary_words)
        title_words = set()
        for title in titles:
            for token in self.segmenter.query_tokens(title):
                if len(token) >= 2 and has_chinese(token) and token.isalnum() and not token.isascii():
                    frequency = max(self.segmenter.frequency(token), TITLE_WORD_FREQUENCY)
                    entries.append((token, syllables_of(token), frequency))
                    title_words.add(token)
        for word in self.cedict.words():
            reading = self.cedict.reading(word)
            if not reading:
                continue
            for sense in self.cedict.senses(word)[:CEDICT_SENSES]:
                if all(_fold(w) in folded for w in sense.replace("-", " ").split()):
                    entries.append((word, reading, max(self.segmenter.frequency(word), MIN_FREQUENCY)))
                    break
        return self._lexicon(words, entries, products, title_words)

    def _lexicon(
        self,
        words: Mapping[str, int],
        entries: list[tuple[str, tuple[str, ...], float]],
        products: int,
        title_words: set[str] | frozenset[str] = frozenset(),
    ) -> CatalogLexicon:
        # Most likely first, so that a word found twice (glossary and title) keeps its best frequency.
        entries.sort(key=lambda e: -e[2])
        # Initials are typed for shopping words only: the glossary's terms and the catalog's title words.
        pinyin = PinyinLexicon(entries, self.total, lambda w: w in self.glossary or w in title_words)
        english = self._english

        def known_latin(word: str) -> bool:
            return word.isdigit() or words.get(word, 0) > 0 or word in english

        reader = PhoneticReader(pinyin, self.segmenter.frequency, self.total, known_latin)
        return CatalogLexicon(dict(words), TypoCorrector(words, protected=english), pinyin, reader, products)
