"""Query understanding: what a shopper typed → an `AnalyzedQuery` both backends can run, with an explain trace.

Steps, each in its own module: normalise, regional words included (normalize.py) → price intent (intent.py) → units
(units.py) → segment (segment.py) → read by sound where the text calls for it: pinyin in every form and homophone
slips (phonetic.py, over the catalog's pinyin lexicon: pinyin.py, lexicon.py) → translate each word (translate.py,
glossary.py, cedict.py), Latin words the catalog does not know corrected (typos.py) → brand mentions → the English
rendering for the vector leg.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, replace
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import Any, Protocol

import jieba

from search import file_cache
from search.analysis.cedict import CcCedict, cedict_version, default_cache_dir, default_cedict
from search.analysis.dictionaries import prepared_dictionaries
from search.analysis.english import brand_key, english_words
from search.analysis.glossary import Glossary, default_glossary
from search.analysis.intent import PriceIntent, extract_price
from search.analysis.lexicon import CatalogLexicon, LexiconBuilder
from search.analysis.normalize import has_chinese, normalize_text
from search.analysis.phonetic import Piece, Reading
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
MAX_SYNONYM_WORDS = 4  # words of a Latin synonym phrase


class SynonymTerms(Protocol):
    """What analysis needs of the runtime synonyms (`search.merchandising.synonyms.SynonymIndex`): the entries of a
    term, the pattern of their Chinese terms and their Latin phrases. (analysis imports no storage.)"""

    def get(self, term: str) -> tuple[Any, ...]: ...

    @property
    def chinese_terms(self) -> re.Pattern[str] | None: ...

    @property
    def latin_phrases(self) -> frozenset[str]: ...

    def __bool__(self) -> bool: ...


@dataclass(frozen=True)
class Correction:
    """A word the shopper typed and the word searched instead."""

    typed: str
    corrected: str
    kind: str  # "typo" (a Latin word one or two edits from a catalog word) or "homophone" (a pinyin keyboard slip)


@dataclass(frozen=True)
class PinyinReading:
    """How letters (or mixed letters and characters) were read as Chinese words."""

    chinese: list[str]  # the words read, in order
    style: str  # "full", "partial" (the last syllable begun), "mixed" (characters and pinyin), "initials"
    typed: list[str]  # what was typed for each


@dataclass
class AnalyzedQuery:
    raw: str
    normalized: str
    tokens: list[str]
    concepts: list[Concept]
    price: PriceIntent | None = None
    english: str = ""  # the English rendering, embedded by the vector leg
    brands: list[str] = field(default_factory=list)  # brands named in the query (boosted, not filtered)
    pinyin: PinyinReading | None = None
    dropped: list[str] = field(default_factory=list)
    corrections: list[Correction] = field(default_factory=list)
    renderings: list[str] = field(default_factory=list)  # each concept's part of `english` ("" for none)
    synonyms: list[str] = field(default_factory=list)  # runtime synonym entries applied, as `synonyms:ID`

    @property
    def is_empty(self) -> bool:
        return not self.concepts

    def without(self, concepts: list[Concept]) -> AnalyzedQuery:
        """The query less some concepts (a relaxed query): their brands and renderings go with them."""
        if not concepts:
            return self
        keep = [i for i, c in enumerate(self.concepts) if all(c is not d for d in concepts)]
        kept = [self.concepts[i] for i in keep]
        renderings = [self.renderings[i] for i in keep] if self.renderings else []
        gone = {c.best for c in concepts if c.best} | {brand_key(c.term) for c in concepts}
        brands = [b for b in self.brands if b not in gone]
        english = " ".join(r for r in renderings if r)
        return replace(self, concepts=kept, renderings=renderings, english=english, brands=brands)

    @property
    def corrected_query(self) -> str | None:
        """The query as searched when words were corrected (`蓝呀耳机` → `蓝牙耳机`); None when nothing was."""
        if not self.corrections:
            return None
        text = self.normalized
        for correction in self.corrections:
            text = text.replace(correction.typed, correction.corrected, 1)
        return text if text != self.normalized else None

    @property
    def pinyin_query(self) -> str | None:
        """The query with its pinyin read as the Chinese words searched (`lanya erji` → `蓝牙耳机`, `lyej` →
        `蓝牙耳机`, `500元以下 baowenbei` → `500元以下 保温杯`), corrections applied; None when no pinyin was read."""
        if self.pinyin is None:
            return None
        text = self.corrected_query or self.normalized
        for typed, chinese in zip(self.pinyin.typed, self.pinyin.chinese, strict=False):
            # what was typed, read without its spaces ("lanya erji" was read as "lanyaerji")
            spaced = r"\s*".join(re.escape(char) for char in typed)
            text = re.sub(spaced, lambda _, word=chinese: word, text, count=1)
        return text if text != self.normalized else None

    def explain(self) -> dict[str, Any]:
        return {
            "normalized": self.normalized,
            "tokens": self.tokens,
            "pinyin": asdict(self.pinyin) if self.pinyin else None,
            "corrections": [asdict(c) for c in self.corrections],
            "corrected_query": self.corrected_query,
            "dropped": self.dropped,
            "concepts": [asdict(c) for c in self.concepts],
            "price": asdict(self.price) if self.price else None,
            "brands": self.brands,
            "english": self.english,
            "synonyms": self.synonyms,
        }


class QueryAnalyzer:
    def __init__(self, segmenter: Segmenter, translator: Translator, lexicons: LexiconBuilder, english: frozenset[str]):
        self.segmenter = segmenter
        self.translator = translator
        self.lexicons = lexicons
        self.english_lexicon = english  # English words and brand names: Latin words made of them are not pinyin
        glossary = translator.glossary
        # Compared as brand keys, like the index and the filters do (`the north face` = `north face`).
        self.brand_names = frozenset(
            brand_key(e.en) for term in glossary.terms() for e in glossary.get(term) if e.kind == "brand"
        )

    def analyze(
        self,
        query: str,
        vocabulary: Vocabulary | None = None,
        lexicon: CatalogLexicon | None = None,
        synonyms: SynonymTerms | None = None,
    ) -> AnalyzedQuery:
        """`vocabulary`: the index's English term counts (sense choice); `lexicon`: what is known of the catalog
        (typos, pinyin); without one, the glossary and common dictionary words; `synonyms`: the runtime synonyms
        (`search.merchandising.synonyms`), applied on top of the glossary."""
        lexicon = lexicon or self.lexicons.base()
        normalized = normalize_text(query)
        price, rest = extract_price(normalized)
        text = normalize_units(rest)
        tokens = self._tokens(text, synonyms)
        tokens, read, reading = self._read(text, tokens, lexicon, synonyms)
        corrections = [Correction(p.typed, p.text, "homophone") for p in read.values() if p.kind == "slip"]
        concepts: list[Concept] = []
        dropped: list[str] = []
        applied: list[str] = []
        for token in tokens:
            if token in CHINESE_STOPWORDS:
                dropped.append(token)
                continue
            piece = read.get(token)
            found = self.translator.concepts(token, vocabulary)
            expansions = synonyms.get(token) if synonyms else ()
            if expansions:
                found = [self._with_synonyms(token, found, expansions, vocabulary)]
                applied += [f"synonyms:{e.synonym_id}" for e in expansions]
            if piece is not None and len(found) == 1:
                self._add_homophones(found[0], piece, vocabulary)
            for concept in found:
                if piece is not None:
                    concept.origin = "pinyin" if piece.kind == "pinyin" else "corrected"
                elif not concept.chinese:
                    correction = self._correct_typo(concept, lexicon)
                    if correction is not None:
                        corrections.append(correction)
                if concept.alternatives or concept.chinese:
                    concepts.append(concept)
                else:
                    dropped.append(concept.term)
        _apply_model_lines(concepts)
        brands = self._brands(concepts)
        english = " ".join(_rendering(c, vocabulary) for c in concepts if c.alternatives).strip()
        return AnalyzedQuery(
            query,
            normalized,
            tokens,
            concepts,
            price,
            english,
            brands,
            reading,
            dropped,
            corrections,
            synonyms=list(dict.fromkeys(applied)),
        )

    # -- runtime synonyms -------------------------------------------------------------------------------------

    def _tokens(self, text: str, synonyms: SynonymTerms | None) -> list[str]:
        """The query's words. With synonyms: a word the dictionaries do not know that holds a Chinese synonym
        term is cut around it (`大鸟耳机` → 大鸟, 耳机), a known word stays whole (`蓝牙耳机` is one concept even
        with a synonym of 蓝牙); Latin words that make a synonym phrase are joined (`running shoes`)."""
        tokens = self.segmenter.query_tokens(text)
        pattern = synonyms.chinese_terms if synonyms else None
        if pattern is not None:
            cut: list[str] = []
            for token in tokens:
                if not has_chinese(token) or synonyms.get(token) or self.translator.knows(token):
                    cut.append(token)
                    continue
                last = 0
                for match in pattern.finditer(token):
                    cut += self.segmenter.query_tokens(token[last : match.start()])
                    cut.append(match.group())
                    last = match.end()
                cut += self.segmenter.query_tokens(token[last:]) if last else [token]
            tokens = cut
        phrases = synonyms.latin_phrases if synonyms else frozenset()
        if not phrases:
            return tokens
        joined, start = [], 0
        while start < len(tokens):
            for size in range(min(MAX_SYNONYM_WORDS, len(tokens) - start), 1, -1):
                phrase = " ".join(tokens[start : start + size])
                if phrase in phrases:
                    joined.append(phrase)
                    start += size
                    break
            else:
                joined.append(tokens[start])
                start += 1
        return joined

    def _with_synonyms(
        self, token: str, found: list[Concept], expansions: tuple[Any, ...], vocabulary: Vocabulary | None
    ) -> Concept:
        """The concept of a word that runtime synonyms name: the glossary's (or dictionary's) renderings of the
        word, and those of its synonyms (English as written, Chinese through translation), each attributed to its
        entry (`synonyms:ID`). A root's synonyms say what it means: they come first."""
        own = found[0].alternatives if len(found) == 1 else []
        first: list[Alternative] = []
        after: list[Alternative] = []
        for expansion in expansions:
            source = f"synonyms:{expansion.synonym_id}"
            for term in expansion.terms:
                if has_chinese(term):
                    alternatives = [a for c in self.translator.concepts(term, vocabulary) for a in c.alternatives]
                else:
                    words = " ".join(english_words(term))
                    alternatives = [Alternative(words, 1.0, "query")] if words else []
                target = first if expansion.one_way else after
                target += [Alternative(a.text, a.weight, source, a.kind, a.terms) for a in alternatives]
        merged: list[Alternative] = []
        for alternative in (*first, *own, *after):
            if alternative.terms and all(m.text != alternative.text for m in merged):
                merged.append(alternative)
        return Concept(token, merged, chinese=has_chinese(token))

    # -- pinyin and homophone slips ---------------------------------------------------------------------------

    def _read(
        self, text: str, tokens: list[str], lexicon: CatalogLexicon, synonyms: SynonymTerms | None = None
    ) -> tuple[list[str], dict[str, Piece], PinyinReading | None]:
        """Spans of the query read by sound where they call for it; the tokens of the text as read, the pieces
        read (by the word they put in), and how pinyin was read (for explain)."""
        reader = lexicon.reader
        if not reader.needs_reading(text, tokens):
            return tokens, {}, None
        spans = reader.spans(text)
        rewritten, read, style = [], {}, None
        last = 0
        for number, span in enumerate(spans):
            reading: Reading | None = None
            span_tokens = self.segmenter.query_tokens(span.group())
            if reader.needs_reading(span.group(), span_tokens):
                reading = reader.read(span.group(), final=number == len(spans) - 1)
            if reading is None or not reading.changed:
                continue
            rewritten += [text[last : span.start()], " ".join(p.text for p in reading.pieces)]
            last = span.end()
            for piece in reading.pieces:
                if piece.kind in ("pinyin", "slip"):
                    read[piece.text] = piece
                    if piece.kind == "pinyin":
                        style = _style(style, piece)
        if not read and all(is_latin(t) and t.isalpha() for t in tokens):
            initials = self._initials(tokens, lexicon)
            if initials is not None:
                read = {p.text: p for p in initials.pieces}
                tokens = [p.text for p in initials.pieces]
                chinese = [p.text for p in initials.pieces]
                return tokens, read, PinyinReading(chinese, "initials", [p.typed for p in initials.pieces])
        if not read:
            return tokens, {}, None
        tokens = self._tokens("".join([*rewritten, text[last:]]), synonyms)
        reading = None
        if style is not None:
            pieces = [p for p in read.values() if p.kind == "pinyin"]
            reading = PinyinReading([p.text for p in pieces], style, [p.typed for p in pieces])
        return tokens, read, reading

    def _initials(self, tokens: list[str], lexicon: CatalogLexicon) -> Reading | None:
        """Latin-only input that is neither English nor full pinyin, read as initials (`lyej`)."""
        if any(t in self.english_lexicon or lexicon.document_frequency(t) for t in tokens):
            return None
        if brand_key(" ".join(tokens)) in self.brand_names:
            return None
        return lexicon.reader.read_initials(" ".join(tokens))

    def _add_homophones(self, concept: Concept, piece: Piece, vocabulary: Vocabulary | None) -> None:
        """The other likely words of a pinyin reading, as alternatives weighted by how likely each is."""
        best = piece.alternatives[0] if piece.alternatives else None
        for other in piece.alternatives[1:]:
            share = math.exp(other.log_p - best.log_p) if best is not None else 0.0
            found = self.translator.concepts(other.word, vocabulary)
            if len(found) != 1:
                continue
            for alt in found[0].alternatives:
                if all(a.text != alt.text for a in concept.alternatives):
                    concept.alternatives.append(Alternative(alt.text, alt.weight * share, alt.source, alt.kind))
        concept.alternatives.sort(key=lambda a: -a.weight)

    # -- typos ------------------------------------------------------------------------------------------------

    @staticmethod
    def _correct_typo(concept: Concept, lexicon: CatalogLexicon) -> Correction | None:
        """A Latin word the catalog does not use (or hardly, against a close common word) → the catalog's words
        one or two edits away, as weighted alternatives; the exact word stays first when the catalog uses it."""
        if len(concept.alternatives) != 1 or concept.alternatives[0].source != "query":
            return None  # a unit, a glossary word (brands, shopper slang), or several words
        typed = concept.term
        found = lexicon.typos.corrections(typed)
        if not found:
            return None
        corrected = [Alternative(c.word, c.weight, "typo") for c in found]
        if lexicon.document_frequency(typed):
            concept.alternatives += corrected  # the exact word first: exact matches rank above corrected ones
            return None
        concept.alternatives = corrected
        concept.term = found[0].word
        return Correction(typed, found[0].word, "typo")

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


def relaxation_order(concepts: list[Concept], lexicon: CatalogLexicon) -> list[Concept]:
    """The concepts of a query from the least informative to the most: first those no listing uses (they can
    only empty the result), then the most common (Meilisearch's `frequency` strategy, IDF's order); ties: the
    later concept first, as shoppers put the core product first."""

    def products(concept: Concept) -> int:
        # a concept matches a product using any word of any of its alternatives: the widest of them
        return max((lexicon.document_frequency(w) for a in concept.alternatives for w in a.text.split()), default=0)

    ranked = sorted(enumerate(concepts), key=lambda item: (products(item[1]) > 0, -products(item[1]), -item[0]))
    return [concept for _, concept in ranked]


def _style(style: str | None, piece: Piece) -> str:
    """The most telling style of a reading's pieces: mixed > partial > full."""
    order = ["full", "partial", "mixed"]
    this = "mixed" if piece.mixed else "partial" if piece.partial else "full"
    return max(style or "full", this, key=order.index)


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
    """Words a Latin query may be made of when it is English, not pinyin: the glossary's and CC-CEDICT's English
    words, and the words of brand names."""
    words = {w for term in glossary.terms() for e in glossary.get(term) for w in e.en.split()}
    words |= {w for sense in cedict.common_senses() for w in sense.split()}
    return frozenset(words)


@dataclass(frozen=True)
class Analysis:
    """The analysis resources of a process: loaded once, shared by the indexer and the service."""

    glossary: Glossary
    segmenter: Segmenter
    query_analyzer: QueryAnalyzer
    lexicons: LexiconBuilder  # builds a catalog's lexicon (typos, pinyin) from what the catalog scan gathered


@lru_cache(maxsize=1)
def resources_version() -> str:
    """What the analysis resources are made from: this package's code and data (the glossary), CC-CEDICT and jieba.
    Whatever is derived from them and kept in a file (`search.file_cache`) is keyed by it."""
    return file_cache.key_of([file_cache.source_version(Path(__file__).parent), cedict_version(), jieba.__version__])


@lru_cache(maxsize=2)
def default_analysis(on_demand: bool = False) -> Analysis:
    """The process's analysis. `on_demand`, for a process that answers a search or two (`haitao search`): jieba's
    dictionary and CC-CEDICT are read word by word from their prepared file (`search.analysis.dictionaries`, made
    the first time from the loaded dictionaries) instead of being loaded whole; every lookup answers the same."""
    glossary = default_glossary()
    version = resources_version()
    stored = None
    if on_demand:
        path = default_cache_dir() / f"dictionaries-{version[:24]}.sqlite"
        stored = prepared_dictionaries(path, _loaded_dictionaries)
    if stored is not None:
        cedict = stored.cedict
        segmenter = Segmenter(glossary.terms(), CHINESE_STOPWORDS, (stored.frequencies, stored.total))
    else:
        cedict = default_cedict()
        segmenter = Segmenter(glossary.terms(), CHINESE_STOPWORDS)
    path = default_cache_dir() / f"english-{version[:24]}.pickle"
    english = file_cache.cached(path, version, lambda: english_lexicon(glossary, cedict), frozenset)
    lexicons = LexiconBuilder(glossary, cedict, segmenter, english)
    analyzer = QueryAnalyzer(segmenter, Translator(glossary, cedict), lexicons, english)
    return Analysis(glossary, segmenter, analyzer, lexicons)


def _loaded_dictionaries() -> tuple[Mapping[str, int], int, CcCedict]:
    """jieba's frequencies (the glossary's words added) and total, and CC-CEDICT, loaded whole."""
    segmenter = default_analysis().segmenter
    return segmenter.frequencies, segmenter.total, default_cedict()
