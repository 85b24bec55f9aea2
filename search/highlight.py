"""Highlighting: the query's words marked with `<em>` in a product's English and Chinese text.

Done on the stored record, the same way for every backend: the query's analysed English terms (what its keyword
leg searched) are matched against the product's words analysed the same way (`english_terms`, the analysis of
both backends' English fields, so `earbud` marks `Earbuds`), Chinese words by the query's segmented terms. The text
is HTML-escaped; only the `<em>` tags are markup. Long descriptions are cut to a snippet around the first match.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from functools import lru_cache

from search.analysis.english import english_terms
from search.analysis.query import AnalyzedQuery
from search.catalog import Product

SNIPPET_CHARS = 160  # a description longer than this is shown as a snippet around its first match
_WORD_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")


@lru_cache(maxsize=50_000)
def _stems(word: str) -> frozenset[str]:
    return frozenset(english_terms(word))


@dataclass(frozen=True)
class QueryTerms:
    """What to mark: the query's analysed English terms (typed or translated) and its Chinese terms."""

    stems: frozenset[str] = frozenset()
    chinese: tuple[str, ...] = ()  # longest first

    @classmethod
    def of(cls, analyzed: AnalyzedQuery | None) -> QueryTerms:
        if analyzed is None:
            return cls()
        stems: set[str] = set()
        chinese: set[str] = set()
        for concept in analyzed.concepts:
            for alternative in concept.alternatives:
                stems.update(alternative.terms)
            if concept.chinese:
                chinese.add(concept.term)
        return cls(frozenset(stems), tuple(sorted(chinese, key=len, reverse=True)))

    @property
    def is_empty(self) -> bool:
        return not self.stems and not self.chinese


@dataclass
class Highlight:
    fields: dict[str, str] = field(default_factory=dict)  # field name → marked-up text, only fields with a match
    matched: list[str] = field(default_factory=list)  # the words of the product that matched, as written


def highlight(product: Product, terms: QueryTerms) -> Highlight:
    result = Highlight()
    if terms.is_empty:
        return result
    matched: dict[str, None] = {}
    for name in ("title", "description"):
        spans = _english_spans(getattr(product, name), terms.stems)
        if spans:
            result.fields[name] = _mark(getattr(product, name), spans, snippet=name == "description")
            matched.update((getattr(product, name)[a:b], None) for a, b in spans)
    for name in ("title_zh", "description_zh"):
        spans = _chinese_spans(getattr(product, name), terms.chinese)
        if spans:
            result.fields[name] = _mark(getattr(product, name), spans, snippet=name == "description_zh")
            matched.update((getattr(product, name)[a:b], None) for a, b in spans)
    result.matched = list(dict.fromkeys(word.casefold() if word.isascii() else word for word in matched))
    return result


def _english_spans(text: str, stems: frozenset[str]) -> list[tuple[int, int]]:
    if not text or not stems:
        return []
    # Each distinct word is analysed once; a text without a matching word (most long descriptions) is done then.
    marked = {word for word in set(_WORD_RE.findall(text)) if _stems(word) & stems}
    if not marked:
        return []
    return [m.span() for m in _WORD_RE.finditer(text) if m.group() in marked]


def _chinese_spans(text: str, terms: tuple[str, ...]) -> list[tuple[int, int]]:
    """Non-overlapping occurrences of the terms, longest terms first."""
    if not text or not terms:
        return []
    taken = [False] * len(text)
    spans = []
    for term in terms:
        start = text.find(term)
        while start != -1:
            end = start + len(term)
            if not any(taken[start:end]):
                spans.append((start, end))
                taken[start:end] = [True] * len(term)
            start = text.find(term, end)
    return sorted(spans)


def _mark(text: str, spans: list[tuple[int, int]], snippet: bool) -> str:
    begin, end, prefix, suffix = 0, len(text), "", ""
    if snippet and len(text) > SNIPPET_CHARS:
        first = spans[0][0]
        begin = max(0, first - SNIPPET_CHARS // 4)
        if begin:
            space = text.rfind(" ", 0, begin)  # start at a word boundary when there is one
            begin = space + 1 if space > begin - 20 else begin
            prefix = "…"
        end = min(len(text), begin + SNIPPET_CHARS)
        if end < len(text):
            space = text.rfind(" ", begin, end)
            end = space if space > end - 20 else end
            suffix = "…"
    out, position = [prefix], begin
    for start, stop in spans:
        if start < begin or stop > end:
            continue
        out += [html.escape(text[position:start]), "<em>", html.escape(text[start:stop]), "</em>"]
        position = stop
    out += [html.escape(text[position:end]), suffix]
    return "".join(out)
