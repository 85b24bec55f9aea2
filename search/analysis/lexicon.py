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

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

import jieba

from search.analysis.cedict import CcCedict
from search.analysis.english import fold_plural
from search.analysis.glossary import Glossary
from search.analysis.normalize import has_chinese, normalize_text
from search.analysis.phonetic import PhoneticReader
from search.analysis.pinyin import PinyinLexicon, syllables_of
from search.analysis.segment import Segmenter
from search.analysis.typos import TypoCorrector

CEDICT_SENSES = 3  # the senses of a CC-CEDICT word that may put it in a catalog's lexicon
# jieba's parts of speech that never name what a shopper looks for: pronouns, conjunctions, adverbs, directions,
# prepositions, particles, interjections, onomatopoeia, time words, idioms and set phrases, numerals, classifiers
# (`name` is not 那么, `shangqiu` not 上 求). Glossary terms and the sellers' title words are kept whatever they are.
FUNCTION_POS = frozenset("r c d f p u y e o t i l m q mq ad tg k x".split())
BASE_MIN_FREQUENCY = 50  # without a catalog: CC-CEDICT words at least this common in jieba's dictionary
TITLE_WORD_FREQUENCY = 50  # the least count a word of a seller's Chinese title is given
MIN_FREQUENCY = 1
# How likely a Latin chunk is meant as typed (against reading it as pinyin), besides as often as listings use it:
LOG_NUMBER = math.log(1e-3)  # a number; and any English word when no catalog is known
LOG_ENGLISH = math.log(1e-5)  # an English word no listing uses
LOG_TYPO = math.log(0.01)  # a word one typo away from a listing word


@lru_cache(maxsize=1)
def _function_words() -> frozenset[str]:
    """The words of jieba's dictionary tagged with a function part of speech (`FUNCTION_POS`)."""
    path = Path(jieba.__file__).parent / "dict.txt"
    out = set()
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            parts = line.split()
            if len(parts) == 3 and parts[2] in FUNCTION_POS:
                out.add(parts[0])
    return frozenset(out)


@dataclass(frozen=True)
class CatalogLexicon:
    words: Mapping[str, int]  # English word of the listings → how many products use it
    typos: TypoCorrector
    pinyin: PinyinLexicon
    reader: PhoneticReader
    products: int = 0
    chinese: str = ""  # the seller-written Chinese titles, normalised, one a line (what a Chinese term can match)

    def document_frequency(self, word: str) -> int:
        return self.words.get(word, 0)

    def parts(self) -> tuple[dict[str, int], TypoCorrector, PinyinLexicon, int, str]:
        """What `LexiconBuilder.assemble` makes this lexicon again from, in another process (picklable: the reader,
        which holds the segmenter, is made again)."""
        return dict(self.words), self.typos, self.pinyin, self.products, self.chinese

    @property
    def known(self) -> bool:
        """Whether a catalog was read (the base lexicon knows no catalog)."""
        return self.products > 0


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
        self._base: CatalogLexicon | None = None
        self._cedict: list[tuple[str, tuple[str, ...], int, list[frozenset[str]]]] | None = None

    @cached_property
    def _glossary_words(self) -> list[tuple[str, tuple[str, ...], int]]:
        """The glossary's Chinese terms with their readings and frequencies (made when a lexicon is first built:
        a process reading its lexicon from a cache never needs them)."""
        return [
            (term, syllables_of(term), max(self.segmenter.frequency(term), MIN_FREQUENCY))
            for term in self.glossary.terms()
            if has_chinese(term)
        ]

    def base(self) -> CatalogLexicon:
        """The lexicon without a catalog: glossary terms and common CC-CEDICT words; no typo vocabulary."""
        if self._base is None:
            function_words = _function_words()
            common = [
                (word, reading, self.segmenter.frequency(word))
                for word in self.cedict.words()
                if (reading := self.cedict.reading(word))
                and self.segmenter.frequency(word) >= BASE_MIN_FREQUENCY
                and word not in function_words
            ]
            self._base = self._lexicon({}, [*self._glossary_words, *common], 0)
        return self._base

    def build(self, words: Mapping[str, int], titles: Iterable[str], products: int) -> CatalogLexicon:
        """The lexicon of a catalog: `words` (English word → products using it), its Chinese titles."""
        folded = {fold_plural(word) for word in words}
        entries = list(self._glossary_words)
        title_words = set()
        titles = [normalize_text(title) for title in titles]
        for title in titles:
            for token in self.segmenter.query_tokens(title):
                if len(token) >= 2 and has_chinese(token) and token.isalnum() and not token.isascii():
                    frequency = max(self.segmenter.frequency(token), TITLE_WORD_FREQUENCY)
                    entries.append((token, syllables_of(token), frequency))
                    title_words.add(token)
        for word, reading, frequency, senses in self._cedict_words():
            if any(sense <= folded for sense in senses):
                entries.append((word, reading, frequency))
        return self._lexicon(words, entries, products, title_words, "\n".join(titles))

    def _cedict_words(self) -> list[tuple[str, tuple[str, ...], int, list[frozenset[str]]]]:
        """Each CC-CEDICT word with its reading, frequency and the (folded) words of its first senses; function
        words (by jieba's part of speech) left out."""
        if self._cedict is None:
            self._cedict = []
            function_words = _function_words()
            for word in self.cedict.words():
                reading = self.cedict.reading(word)
                if not reading or word in function_words:
                    continue
                senses = [
                    frozenset(fold_plural(w) for w in sense.replace("-", " ").split())
                    for sense in self.cedict.senses(word)[:CEDICT_SENSES]
                ]
                frequency = max(self.segmenter.frequency(word), MIN_FREQUENCY)
                self._cedict.append((word, reading, frequency, [s for s in senses if s]))
        return self._cedict

    def _lexicon(
        self,
        words: Mapping[str, int],
        entries: list[tuple[str, tuple[str, ...], float]],
        products: int,
        title_words: set[str] | frozenset[str] = frozenset(),
        chinese: str = "",
    ) -> CatalogLexicon:
        # Most likely first, so that a word found twice (glossary and title) keeps its best frequency.
        entries.sort(key=lambda e: -e[2])
        # Initials are typed for shopping words only: the glossary's terms and the catalog's title words.
        pinyin = PinyinLexicon(entries, self.total, lambda w: w in self.glossary or w in title_words)
        return self.assemble(dict(words), TypoCorrector(words, protected=self._english), pinyin, products, chinese)

    def assemble(
        self, words: dict[str, int], typos: TypoCorrector, pinyin: PinyinLexicon, products: int, chinese: str
    ) -> CatalogLexicon:
        """A lexicon from its parts, as just built or as read back from a cache (`CatalogLexicon.parts`): its
        phonetic reader is made here, over this process's segmenter."""
        english = self._english

        def latin(word: str) -> float | None:
            """How likely a Latin word is meant as typed: as often as listings use it (or a word one typo away);
            without a catalog, any English word is likely."""
            if word.isdigit():
                return LOG_NUMBER
            used = words.get(word, 0)
            if used and products:
                return math.log(used / products)
            if word in english:
                return LOG_ENGLISH if products else LOG_NUMBER
            corrections = typos.corrections(word) if products else []
            if corrections:
                return math.log(corrections[0].frequency / products) + LOG_TYPO
            return None

        reader = PhoneticReader(pinyin, self.segmenter.frequency, self.total, latin)
        return CatalogLexicon(words, typos, pinyin, reader, products, chinese)
