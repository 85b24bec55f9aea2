"""Query translation zh → en: our glossary first, then CC-CEDICT senses, then a longest-match split.

Each Chinese word becomes a `Concept`: the Chinese term (kept for the Chinese fields) and weighted English
alternatives. The keyword leg scores the best-matching alternative of each concept; the vector leg embeds the
best alternative of each.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from search.analysis.cedict import CcCedict
from search.analysis.english import english_words
from search.analysis.glossary import Glossary
from search.analysis.normalize import has_chinese

CEDICT_SENSES = 3
CEDICT_WEIGHTS = (1.0, 0.6, 0.4)


@dataclass(frozen=True)
class Alternative:
    """One English rendering of a concept: prepared English words, a weight in (0, 1], where it came from."""

    text: str
    weight: float
    source: str  # "glossary", "cc-cedict", "query"


@dataclass
class Concept:
    """One unit of meaning in the query."""

    term: str  # as the shopper wrote it (after normalisation)
    alternatives: list[Alternative] = field(default_factory=list)
    chinese: bool = False

    @property
    def best(self) -> str | None:
        return self.alternatives[0].text if self.alternatives else None


class Translator:
    def __init__(self, glossary: Glossary, cedict: CcCedict) -> None:
        self.glossary = glossary
        self.cedict = cedict

    def concepts(self, word: str) -> list[Concept]:
        """A query word → one concept, or several when the word has to be split to be understood."""
        if not has_chinese(word):
            return [Concept(word, self._alternatives([(word, 1.0)], "query"))]
        whole = self._lookup(word)
        if whole is not None:
            return [whole]
        return [self._lookup(piece) or Concept(piece, chinese=True) for piece in self._split(word)]

    def _lookup(self, word: str) -> Concept | None:
        entries = self.glossary.get(word)
        if entries:
            return Concept(word, self._alternatives([(e.en, e.weight) for e in entries], "glossary"), True)
        senses = self.cedict.senses(word)[:CEDICT_SENSES]
        if senses:
            pairs = list(zip(senses, CEDICT_WEIGHTS, strict=False))
            return Concept(word, self._alternatives(pairs, "cc-cedict"), True)
        return None

    def _known(self, word: str) -> bool:
        return word in self.glossary or word in self.cedict

    def _split(self, word: str) -> list[str]:
        """Longest-match split over the dictionaries; single characters only where nothing longer is known."""
        pieces, start = [], 0
        while start < len(word):
            end = len(word)
            while end > start + 1 and not self._known(word[start:end]):
                end -= 1
            pieces.append(word[start:end])
            start = end
        return pieces

    @staticmethod
    def _alternatives(pairs: list[tuple[str, float]], source: str) -> list[Alternative]:
        out: list[Alternative] = []
        for text, weight in pairs:
            words = " ".join(english_words(text))
            if words and all(a.text != words for a in out):
                out.append(Alternative(words, weight, source))
        return sorted(out, key=lambda a: -a.weight)
