"""Query understanding: what a shopper typed → an `AnalyzedQuery` both backends can run, with an explain trace."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from functools import lru_cache
from typing import Any

from search.analysis.cedict import default_cedict
from search.analysis.glossary import Glossary
from search.analysis.intent import PriceIntent, extract_price
from search.analysis.normalize import normalize_text
from search.analysis.segment import Segmenter
from search.analysis.translate import Concept, Translator

# Function words and shopping filler that carry no product meaning.
CHINESE_STOPWORDS = frozenset(
    "的 了 和 与 及 或 是 在 给 用 我 想 要 买 求 推荐 一款 一个 哪个 哪款 什么 有 吗 呢 啊 吧 款 个 件 适合 好用 正品 "
    "官方 旗舰店 包邮 代购 海淘 美国 直邮".split()
)


@dataclass
class AnalyzedQuery:
    raw: str
    normalized: str
    tokens: list[str]
    concepts: list[Concept]
    price: PriceIntent | None = None
    english: str = ""  # the English rendering, embedded by the vector leg
    dropped: list[str] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not self.concepts

    def explain(self) -> dict[str, Any]:
        return {
            "normalized": self.normalized,
            "tokens": self.tokens,
            "dropped": self.dropped,
            "concepts": [asdict(c) for c in self.concepts],
            "price": asdict(self.price) if self.price else None,
            "english": self.english,
        }


class QueryAnalyzer:
    def __init__(self, segmenter: Segmenter, translator: Translator) -> None:
        self.segmenter = segmenter
        self.translator = translator

    def analyze(self, query: str) -> AnalyzedQuery:
        normalized = normalize_text(query)
        price, rest = extract_price(normalized)
        tokens = self.segmenter.query_tokens(rest)
        concepts: list[Concept] = []
        dropped: list[str] = []
        for token in tokens:
            if token in CHINESE_STOPWORDS:
                dropped.append(token)
                continue
            for concept in self.translator.concepts(token):
                if concept.alternatives or concept.chinese:
                    concepts.append(concept)
                else:
                    dropped.append(concept.term)
        english = " ".join(c.best for c in concepts if c.best)
        return AnalyzedQuery(query, normalized, tokens, concepts, price, english, dropped)


@dataclass(frozen=True)
class Analysis:
    """The analysis resources of a process: loaded once, shared by the indexer and the service."""

    glossary: Glossary
    segmenter: Segmenter
    query_analyzer: QueryAnalyzer


@lru_cache(maxsize=1)
def default_analysis() -> Analysis:
    glossary = Glossary.load()
    segmenter = Segmenter(glossary.terms())
    return Analysis(glossary, segmenter, QueryAnalyzer(segmenter, Translator(glossary, default_cedict())))
