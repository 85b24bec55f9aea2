"""Category prediction from the query: which node a shopper's words name, with a confidence.

`耳机` → Headphones, `蓝牙耳机` → True Wireless Earbuds, `laptop` → Laptops, `laptop sleeve` → Laptop Bags &
Sleeves, `狗狗 沐浴露` → Pet Shampoo. The words are looked up as the taxonomy's terms: Chinese in the normalised
query (spaces ignored, so `狗狗 沐浴露` is `狗狗沐浴露`), English as stemmed words, in the query as typed and then in
its English rendering (what a Chinese word was translated to). Of several, the one ending last, and of those the
longest: a query is a short noun phrase whose head comes last (`flat screen tv` asks for a TV, `computer desk` for a
desk, `电竞鼠标垫` for a mouse pad, not the gaming mouse it begins with).

Confidence: 0.9 when the words name the node and nothing else is typed but brands, units and numbers (`耳机`,
`sony headphones`, `iphone 15 case`); 0.75 when other words qualify it (`gaming laptop 16gb`, `无线降噪耳机`);
0.5 when only the English rendering of a Chinese query names it. A root of the tree (`electronics`) is too broad
to say anything about type: no prediction.

Where the type is all that is typed, with the node come the types named *for* it (`TermIndex.accessories`:
`laptop` → laptop sleeves, batteries, locks), whose products mention the query's type without being of it:
`search.retrieval` ranks them below the products of the type.
"""

from __future__ import annotations

from dataclasses import dataclass

from search.analysis.normalize import has_chinese, normalize_text
from search.analysis.query import AnalyzedQuery
from search.taxonomy.match import TermIndex, TermMatch
from search.taxonomy.terms import english_tokens
from search.taxonomy.tree import Taxonomy

ALONE = 0.9
QUALIFIED = 0.75
VIA_TRANSLATION = 0.5


@dataclass(frozen=True)
class Prediction:
    node: str
    confidence: float
    term: str  # the words that named it
    source: str  # "query" (as typed) or "english" (the rendering of a Chinese query)
    accessories: tuple[str, ...] = ()  # nodes of types named for this one (`TermIndex.accessories`)

    def explain(self, taxonomy: Taxonomy) -> dict[str, object]:
        return {
            "node": self.node,
            "path": taxonomy.path_en(self.node),
            "path_zh": taxonomy.path_zh(self.node),
            "confidence": round(self.confidence, 3),
            "term": self.term,
            "source": self.source,
            "accessories": [taxonomy.path_en(node) for node in self.accessories],
        }


class CategoryPredictor:
    def __init__(self, taxonomy: Taxonomy, terms: TermIndex | None = None) -> None:
        self.taxonomy = taxonomy
        self.terms = terms or TermIndex(taxonomy)

    def predict(self, analyzed: AnalyzedQuery) -> Prediction | None:
        """The node the query asks for, or None when its words name none (or only a root)."""
        brands = {b.casefold() for b in analyzed.brands}
        content = [
            c
            for c in analyzed.concepts
            if not c.is_brand and c.best not in brands and not any(ch.isdigit() for ch in c.term)
        ]
        typed = normalize_text(" ".join(c.term for c in content))
        found = self._from_text(typed, alone_words=len(content), source="query")
        if found is not None:
            return found
        if has_chinese(analyzed.normalized) and analyzed.english:
            rendering = " ".join(c.best or "" for c in content if c.alternatives)
            head = self._head(rendering)
            if head is not None and self.taxonomy.depth(head.node) > 0:
                return Prediction(head.node, VIA_TRANSLATION, head.term, "english")
        return None

    def predict_text(self, text: str) -> Prediction | None:
        """For a query as plain text (no analysis): the same lookup."""
        words = normalize_text(text)
        return self._from_text(words, alone_words=len(words.split()), source="query")

    def _from_text(self, text: str, alone_words: int, source: str) -> Prediction | None:
        if not text.strip():
            return None
        head = self._head(text)
        if head is None or self.taxonomy.depth(head.node) == 0:
            return None
        if has_chinese(text):
            covered = len(head.term) >= len(text.replace(" ", "")) or alone_words <= 1
        else:
            covered = head.size >= len(english_tokens(text))
        # Only where the type is all that is typed: other words may ask for the accessory (`相机保护套`).
        accessories = self.terms.accessories(head.node, head.term) if covered else ()
        return Prediction(head.node, ALONE if covered else QUALIFIED, head.term, source, accessories)

    def _head(self, text: str) -> TermMatch | None:
        matches = self.terms.find(text)
        return max(matches, key=lambda m: (m.end, m.size)) if matches else None
