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
`search.retrieval` ranks them below the products of the type. And every type the word names (`family`, the nodes
the type leg boosts): a bare word names each type it is the head of (`TermIndex.family`: `适配器` → Adapters, and
Power Adapters and Travel Adapters too), and a bare Chinese word (no shorter type word ending it: `相机`, not
`数码相机`) whose English rendering names a wider type names that too (`相机` → `camera` → Cameras: webcams and
camcorders as well as Digital Cameras, the node `相机` is keyed to), so a Chinese query and its English
translation boost the same products. Other words typed beside the type word say which one it is (`pro controller`,
`usb 适配器`): the node alone.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

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
    # Where the type is all that is typed: every node the words name, the type leg's (`TermIndex.family`: `适配器`
    # → Adapters, Power Adapters, Travel Adapters; `相机` → Cameras, above Digital Cameras); empty: `node` alone.
    family: tuple[str, ...] = ()

    @property
    def nodes(self) -> tuple[str, ...]:
        return self.family or (self.node,)

    def explain(self, taxonomy: Taxonomy) -> dict[str, object]:
        return {
            "node": self.node,
            "path": taxonomy.path_en(self.node),
            "path_zh": taxonomy.path_zh(self.node),
            "confidence": round(self.confidence, 3),
            "term": self.term,
            "source": self.source,
            "accessories": [taxonomy.path_en(node) for node in self.accessories],
            "also": [taxonomy.path_en(node) for node in self.nodes if node != self.node],
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
        rendering = " ".join(c.best or "" for c in content if c.alternatives) if analyzed.english else ""

        def english_head() -> TermMatch | None:  # the type the English rendering names (not a root), if any
            head = self._head(rendering) if rendering and has_chinese(analyzed.normalized) else None
            return head if head is not None and self.taxonomy.depth(head.node) > 0 else None

        if found is not None:
            # Only where the type is all that is typed (a family) and the word is bare is the rendering read.
            english = english_head() if found.family and self._bare(found.term) else None
            if english is not None and self._wider(english.node, found.node):
                # A bare Chinese word (`相机`) whose English rendering (`camera`) names a wider type: the word is
                # used for all of it (webcams, camcorders), so it names what the rendering does too.
                family = self.taxonomy.highest(found.nodes + self.terms.family(english.node, english.term))
                return replace(found, family=family)
            return found
        english = english_head()
        if english is not None:
            covered = english.size >= len(english_tokens(rendering))
            family = self.terms.family(english.node, english.term) if covered else ()
            return Prediction(english.node, VIA_TRANSLATION, english.term, "english", family=family)
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
        # Only where the type is all that is typed: other words may ask for the accessory (`相机保护套`), or say
        # which of the types the word names (`pro controller`, `usb adapter`).
        accessories = self.terms.accessories(head.node, head.term) if covered else ()
        family = self.terms.family(head.node, head.term) if covered else ()
        return Prediction(head.node, ALONE if covered else QUALIFIED, head.term, source, accessories, family)

    def _bare(self, term: str) -> bool:
        """A Chinese term with no shorter term as its head: not a compound of a modifier and a type word
        (`相机`, `摄像机`; not `数码相机`, `蓝牙耳机`)."""
        return has_chinese(term) and not any(
            m.end == len(term) and m.start > 0 for m in self.terms.find(term) if has_chinese(m.term)
        )

    def _wider(self, wide: str, narrow: str) -> bool:
        return wide != narrow and self.taxonomy.is_within(narrow, wide)

    def _head(self, text: str) -> TermMatch | None:
        matches = self.terms.find(text)
        return max(matches, key=lambda m: (m.end, m.size)) if matches else None
