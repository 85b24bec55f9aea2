"""Query translation zh → en: our glossary first, then CC-CEDICT senses, then a longest-match split.

Each word becomes a `Concept`: the Chinese term (kept for the Chinese fields) and weighted English alternatives.
The keyword leg scores the best-matching alternative of each concept; the vector leg embeds the best alternative
of each. When the catalog's vocabulary is known (`Vocabulary`: English word → how many products use it),
CC-CEDICT senses that no product uses are dropped — sense choice guided by the target catalog.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from search.analysis.cedict import CcCedict
from search.analysis.english import english_terms, english_words, model_terms
from search.analysis.glossary import Glossary
from search.analysis.normalize import has_chinese
from search.analysis.units import unit_renderings

Vocabulary = Callable[[str], int | None]  # analysed English term → products using it, None when unknown

CEDICT_SENSES = 3
CEDICT_WEIGHTS = (1.0, 0.6, 0.4)
SINGLE_CHARACTER_FACTOR = 0.5  # senses of a lone character, reached by splitting an unknown word, are weak
_QUALIFIER_RE = re.compile(r"\d[\d.]*[a-z]*")
_SCRIPT_RUN_RE = re.compile(r"[\u3400-\u9fff]+|[^\u3400-\u9fff]+")


@dataclass(frozen=True)
class Alternative:
    """One English rendering of a concept: prepared English words, a weight in (0, 1], where it came from, and its
    analysed terms (what the keyword leg of every backend searches, and what highlighting marks), with the
    word-delimiter forms of its model numbers (`forms`: searched beside the terms, not in the phrase)."""

    text: str
    weight: float
    source: str  # "glossary", "cc-cedict", "query", "unit", "typo"
    kind: str = ""  # the glossary kind (brand, product, ...), when known
    terms: tuple[str, ...] = ()  # `english_terms(text)`, filled in when not given
    forms: tuple[str, ...] = ()  # `model_terms(text)` less the terms, filled in with them

    def __post_init__(self) -> None:
        if not self.terms:
            object.__setattr__(self, "terms", tuple(english_terms(self.text)))
            forms = tuple(t for t in model_terms(self.text) if t not in self.terms)
            object.__setattr__(self, "forms", forms)


@dataclass
class Concept:
    """One unit of meaning in the query."""

    term: str  # as the shopper wrote it (after normalisation), or as pinyin was read
    alternatives: list[Alternative] = field(default_factory=list)
    chinese: bool = False
    origin: str = "typed"  # "typed" or "pinyin"

    @property
    def best(self) -> str | None:
        return self.alternatives[0].text if self.alternatives else None

    @property
    def is_qualifier(self) -> bool:
        """A number, or a number with a unit (`15`, `500ml`): it qualifies another word of the query (a model, a
        size) rather than naming a product itself."""
        return _QUALIFIER_RE.fullmatch(self.term) is not None

    @property
    def is_brand(self) -> bool:
        return bool(self.alternatives) and self.alternatives[0].kind == "brand"


class Translator:
    def __init__(self, glossary: Glossary, cedict: CcCedict) -> None:
        self.glossary = glossary
        self.cedict = cedict
        # No known word is longer: the split never tries longer pieces (linear, not quadratic, in a long query).
        self._longest = max(cedict.longest, *(len(term) for term in glossary.terms()), 1)

    def concepts(self, word: str, vocabulary: Vocabulary | None = None) -> list[Concept]:
        """A query word → one concept, or several when the word has to be split to be understood."""
        if not has_chinese(word):
            return [self._latin(word)]
        whole = self._lookup(word, vocabulary)
        if whole is not None:
            return [whole]
        runs = _SCRIPT_RUN_RE.findall(word)
        if len(runs) > 1:  # `sd卡`, `usb分线器`: each script on its own
            return [c for run in runs for c in self.concepts(run.strip(), vocabulary) if c.term]
        out = []
        for piece in self._split(word):
            concept = self._lookup(piece, vocabulary, weak=len(piece) == 1)
            out.append(concept or Concept(piece, chinese=True))
        return out

    def _latin(self, word: str) -> Concept:
        units = unit_renderings(word)
        if units:
            return Concept(word, _alternatives(units, "unit"))
        entries = self.glossary.get(word)  # Latin shopper words in the glossary: `tf卡`-less forms, brands
        if entries:
            return Concept(word, _alternatives([(e.en, e.weight, e.kind) for e in entries], "glossary"))
        return Concept(word, _alternatives([(word, 1.0)], "query"))

    def _lookup(self, word: str, vocabulary: Vocabulary | None, weak: bool = False) -> Concept | None:
        entries = self.glossary.get(word)
        if entries:
            pairs = [(e.en, e.weight, e.kind) for e in entries]
            return Concept(word, _alternatives(pairs, "glossary"), True)
        senses = self.cedict.senses(word)
        if not senses:
            return None
        if vocabulary is not None:
            supported = [s for s in senses if in_catalog(s, vocabulary)]
            senses = supported if supported or not _catalog_known(senses, vocabulary) else []
        factor = SINGLE_CHARACTER_FACTOR if weak else 1.0
        pairs = [(s, w * factor) for s, w in zip(senses[:CEDICT_SENSES], CEDICT_WEIGHTS, strict=False)]
        return Concept(word, _alternatives(pairs, "cc-cedict"), True)

    def knows(self, word: str) -> bool:
        """Whether the glossary or CC-CEDICT has the word."""
        return word in self.glossary or word in self.cedict

    def _split(self, word: str) -> list[str]:
        """Longest-match split over the dictionaries; single characters only where nothing longer is known."""
        pieces, start = [], 0
        while start < len(word):
            end = min(len(word), start + self._longest)
            while end > start + 1 and not self.knows(word[start:end]):
                end -= 1
            pieces.append(word[start:end])
            start = end
        return pieces


def in_catalog(text: str, vocabulary: Vocabulary) -> bool:
    """Every word of the English text is used by at least one product."""
    return all((vocabulary(term) or 0) > 0 for word in english_words(text) for term in english_terms(word))


def _catalog_known(senses: list[str], vocabulary: Vocabulary) -> bool:
    """Whether the vocabulary answers at all (None: no catalog to consult, as in tests of analysis alone)."""
    terms = [term for word in english_words(senses[0]) for term in english_terms(word)]
    return bool(terms) and vocabulary(terms[0]) is not None


def _alternatives(items: list[tuple], source: str) -> list[Alternative]:
    out: list[Alternative] = []
    for item in items:
        text, weight = item[0], item[1]
        kind = item[2] if len(item) > 2 else ""
        words = " ".join(english_words(text))
        if words and all(a.text != words for a in out):
            out.append(Alternative(words, weight, source, kind))
    return sorted(out, key=lambda a: -a.weight)
