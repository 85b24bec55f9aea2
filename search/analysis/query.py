"""Query understanding: what a shopper typed → an `AnalyzedQuery` both backends can run, with an explain trace.

Steps, each in its own module: normalise (normalize.py) → price intent (intent.py) → units (units.py) →
segment (segment.py) → pinyin for Latin-only queries that are not English (pinyin.py) → translate each word
(translate.py, glossary.py, cedict.py) → brand mentions → the English rendering for the vector leg.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from functools import lru_cache
from itertools import pairwise
from typing import Any

from search.analysis.cedict import CcCedict, default_cedict
from search.analysis.english import brand_key
from search.analysis.glossary import Glossary
from search.analysis.intent import PriceIntent, extract_price
from search.analysis.normalize import normalize_text
from search.analysis.pinyin import PinyinIndex, PinyinMatch
from search.analysis.segment import Segmenter, is_latin
from search.analysis.translate import Alternative, Concept, Translator, Vocabulary, in_catalog
from search.analysis.units import normalize_units

# Function words and shopping filler that carry no product meaning.
CHINESE_STOPWORDS = frozenset(
    "的 了 和 与 及 或 是 在 给 用 我 想 要 买 求 推荐 一款 一个 哪个 哪款 什么 有 吗 呢 啊 吧 款 个 件 适合 好用 正品 "
    "官方 旗舰店 包邮 代购 海淘 美国 直邮".split()
)
# A brand followed by a model number names a product line: 苹果7 → iphone 7, 三星 s24 → galaxy s24.
MODEL_LINES = {"apple": "iphone", "samsung": "galaxy", "sony": "playstation", "microsoft": "xbox"}
MODEL_SUFFIXES = frozenset({"x", "xr", "xs", "se", "s", "note", "pro", "max", "plus", "mini", "ultra"})
MAX_BRAND_WORDS = 3


@dataclass
class AnalyzedQuery:
    raw: str
    normalized: str
    tokens: list[str]
    concepts: list[Concept]
    price: PriceIntent | None = None
    english: str = ""  # the English rendering, embedded by the vector leg
    brands: list[str] = field(default_factory=list)  # brands named in the query (boosted, not filtered)
    pinyin: PinyinMatch | None = None
    dropped: list[str] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not self.concepts

    def explain(self) -> dict[str, Any]:
        return {
            "normalized": self.normalized,
            "tokens": self.tokens,
            "pinyin": asdict(self.pinyin) if self.pinyin else None,
            "dropped": self.dropped,
            "concepts": [asdict(c) for c in self.concepts],
            "price": asdict(self.price) if self.price else None,
            "brands": self.brands,
            "english": self.english,
        }


class QueryAnalyzer:
    def __init__(self, segmenter: Segmenter, translator: Translator, pinyin: PinyinIndex, english: frozenset[str]):
        self.segmenter = segmenter
        self.translator = translator
        self.pinyin = pinyin
        self.english_lexicon = english  # English words and brand names: Latin queries made of them are not pinyin
        glossary = translator.glossary
        # Compared as brand keys, like the index and the filters do (`the north face` = `north face`).
        self.brand_names = frozenset(
            brand_key(e.en) for term in glossary.terms() for e in glossary.get(term) if e.kind == "brand"
        )

    def analyze(self, query: str, vocabulary: Vocabulary | None = None) -> AnalyzedQuery:
        normalized = normalize_text(query)
        price, rest = extract_price(normalized)
        tokens = self.segmenter.query_tokens(normalize_units(rest))
        pinyin = self._pinyin(tokens)
        if pinyin is not None:
            tokens = pinyin.chinese
        concepts: list[Concept] = []
        dropped: list[str] = []
        for token in tokens:
            if token in CHINESE_STOPWORDS:
                dropped.append(token)
                continue
            for concept in self.translator.concepts(token, vocabulary):
                if pinyin is not None:
                    concept.origin = "pinyin"
                if concept.alternatives or concept.chinese:
                    concepts.append(concept)
                else:
                    dropped.append(concept.term)
        _apply_model_lines(concepts)
        brands = self._brands(concepts)
        english = " ".join(_rendering(c, vocabulary) for c in concepts if c.alternatives).strip()
        return AnalyzedQuery(query, normalized, tokens, concepts, price, english, brands, pinyin, dropped)

    def _pinyin(self, tokens: list[str]) -> PinyinMatch | None:
        """Read a Latin-only query as pinyin, unless it is made of English words or brand names."""
        if not tokens or not all(is_latin(t) and t.isalpha() for t in tokens):
            return None
        if any(t in self.english_lexicon for t in tokens) or brand_key(" ".join(tokens)) in self.brand_names:
            return None
        return self.pinyin.convert(" ".join(tokens))

    def _brands(self, concepts: list[Concept]) -> list[str]:
        """Brands named in Chinese (glossary kind `brand`) or in Latin (`bose`, `the north face`)."""
        brands = [c.best for c in concepts if c.is_brand and c.best]
        latin = [c.term for c in concepts if not c.chinese]
        for size in range(MAX_BRAND_WORDS, 0, -1):
            for start in range(len(latin) - size + 1):
                name = brand_key(" ".join(latin[start : start + size]))
                if name in self.brand_names and not any(name in b for b in brands):
                    brands.append(name)
        return list(dict.fromkeys(brands))


def _apply_model_lines(concepts: list[Concept]) -> None:
    """`苹果 7`, `苹果x` → the brand concept reads `iphone` first, since a model follows it."""
    for concept, following in pairwise(concepts):
        line = MODEL_LINES.get(concept.best or "")
        names_a_model = not following.chinese and (following.term[:1].isdigit() or following.term in MODEL_SUFFIXES)
        if concept.is_brand and line and names_a_model:
            concept.alternatives.insert(0, Alternative(line, 1.0, "glossary", "product"))


def _rendering(concept: Concept, vocabulary: Vocabulary | None) -> str:
    """The alternative the vector leg embeds: the best one the catalog uses, else the best one."""
    if vocabulary is not None:
        for alt in concept.alternatives:
            if in_catalog(alt.text, vocabulary):
                return alt.text
    return concept.alternatives[0].text


def english_lexicon(glossary: Glossary, cedict: CcCedict) -> frozenset[str]:
    """Words a Latin query may be made of when it is English, not pinyin."""
    words = {w for term in glossary.terms() for e in glossary.get(term) for w in e.en.split()}
    words |= {w for sense in cedict.all_senses() for w in sense.split()}
    return frozenset(words)


@dataclass(frozen=True)
class Analysis:
    """The analysis resources of a process: loaded once, shared by the indexer and the service."""

    glossary: Glossary
    segmenter: Segmenter
    query_analyzer: QueryAnalyzer


@lru_cache(maxsize=1)
def default_analysis() -> Analysis:
    glossary = Glossary.load()
    cedict = default_cedict()
    segmenter = Segmenter(glossary.terms(), CHINESE_STOPWORDS)
    pinyin = PinyinIndex(glossary.terms(), segmenter.frequency)
    analyzer = QueryAnalyzer(segmenter, Translator(glossary, cedict), pinyin, english_lexicon(glossary, cedict))
    return Analysis(glossary, segmenter, analyzer)
