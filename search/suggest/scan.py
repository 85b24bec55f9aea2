"""One pass over the catalog, gathering what the suggestion candidates need (`CatalogScan`).

- Which products use each English word of the glossary (in title, brand or category), so that a glossary term
  is suggested only when some product has every word of its English rendering, weighted by how many do.
- The brands, how many products each has, and how the catalog spells them.
- Product lines: title beginnings (`Nature Made Fish Oil`, `Apple AirPods Pro`, and without the brand
  `AirPods Pro`) that several products share, or that end at a model name (`Sony WH-1000XM5`).
- The seller-written Chinese titles.
- How many products use each English word of their title, brand, category or description (`word_counts`): the
  catalog vocabulary query analysis corrects typos against (`search.analysis.lexicon`).

Memory stays proportional to the distinct lines and Chinese titles, not to the products: a line's text is kept
only once it can become a suggestion.
"""

from __future__ import annotations

import re
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from search.analysis.english import STOPWORDS, brand_key, delimited_forms, english_words
from search.analysis.normalize import fold_accents, has_chinese, normalize_text
from search.catalog import Product
from search.suggest.keys import text_key

MIN_LINE_PRODUCTS = 2  # a line is a title beginning this many products share (or one ending at a model name)
MAX_LINE_WORDS = 3  # words of a line after the brand
TITLES_KEPT = 20_000
_TITLE_END = (",", "(", " - ", " – ", " | ", ":", ";")


_WORDS_RE = re.compile(r"[a-z0-9]+")


def plain_words(text: str) -> list[str]:
    """The words of a text (runs of letters or digits), lower case, accents folded (`Estée` → `estee`): the catalog
    vocabulary typos are corrected against. Cheaper than `english_words`, which a whole description is too long
    for."""
    text = text.lower() if text.isascii() else fold_accents(normalize_text(text))
    words = _WORDS_RE.findall(text)
    mixed = [w for w in words if not w.isalpha() and not w.isdigit()]  # rtx2060 → rtx, 2060 too, as indexed
    return words + [form for w in mixed for form in delimited_forms(w)] if mixed else words


def catalog_words(text: str) -> list[str]:
    """English words as the scan compares them: no apostrophes, plurals folded (`men's` = `men`, `cases` = `case`)."""
    return [fold_plural(w.replace("'", "").replace("’", "")) for w in english_words(text)]


@lru_cache(maxsize=1 << 16)
def fold_plural(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def title_words(title: str) -> list[str]:
    """The words of a title's name part, before the first comma, bracket or dash: where product lines are."""
    cut = len(title)
    for mark in _TITLE_END:
        at = title.find(mark)
        if 0 < at < cut:
            cut = at
    words = (w.strip(".,;:!?\"'()[]{}") for w in title[:cut].split())
    return [w for w in words if w]


def is_model(word: str) -> bool:
    """`WH-1000XM5`, `P3`, `H2.0` (letters and digits in one word), `6` (`JBL Flip 6`, `iPhone 15`)."""
    return any(ch.isdigit() for ch in word) and (any(ch.isalpha() for ch in word) or word.isdigit())


@dataclass(slots=True)
class Line:
    count: int  # products whose title starts so
    parent: str | None  # the key of the line one word shorter
    text: str = ""  # kept once the line can become a suggestion
    brand: str = ""  # the brand key, when the line starts with the product's brand
    rest: str = ""  # the line after the brand
    product_id: str | None = None  # the first product's, for a line ending at a model name

    @property
    def last_word(self) -> str:
        return self.text.rsplit(" ", 1)[-1]


@dataclass(slots=True)
class ChineseTitle:
    text: str
    product_id: str
    english: str  # the product's English title
    count: int = 0


@dataclass(frozen=True, slots=True)
class _Brand:
    key: str  # brand_key: `north face`
    text_key: str  # `thenorthface`
    words: int
    catalog_words: frozenset[str]


class CatalogScan:
    """Everything the candidates need from the catalog, gathered in one pass (`add` each product)."""

    def __init__(self, words_of_interest: Iterable[str]) -> None:
        self.products = 0
        self._interesting = frozenset(words_of_interest)
        self._postings: defaultdict[str, array] = defaultdict(lambda: array("i"))
        self.brand_counts: Counter[str] = Counter()  # brand key → products
        self._spellings: defaultdict[str, Counter[str]] = defaultdict(Counter)
        self.lines: dict[str, Line] = {}
        self.titles_zh: dict[str, ChineseTitle] = {}
        self._brands: dict[str, _Brand] = {}  # as written in the record
        self._category_words: dict[str, frozenset[str]] = {}
        self.word_counts: Counter[str] = Counter()  # English word → products using it anywhere in their text
        self.titles: list[str] = []  # the first TITLES_KEPT product titles (to calibrate the vector floor)

    def add(self, product: Product) -> None:
        ordinal = self.products
        self.products += 1
        brand = self._brand(product.brand)
        words = set(catalog_words(product.title)) | brand.catalog_words | self._words_of_category(product.category)
        for word in words & self._interesting:
            self._postings[word].append(ordinal)
        text = f"{product.title} {product.brand} {product.category} {product.description}"
        self.word_counts.update(set(plain_words(text)))
        if len(self.titles) < TITLES_KEPT:
            self.titles.append(product.title)
        if brand.key:
            self.brand_counts[brand.key] += 1
            self._spellings[brand.key][product.brand.strip()] += 1
        self._add_lines(product, brand)
        if product.title_zh and has_chinese(product.title_zh):
            key = text_key(product.title_zh)
            title = self.titles_zh.get(key)
            if title is None:
                title = self.titles_zh[key] = ChineseTitle(product.title_zh.strip(), product.id, product.title)
            title.count += 1

    def _brand(self, written: str) -> _Brand:
        brand = self._brands.get(written)
        if brand is None:
            words = frozenset(catalog_words(written))
            brand = self._brands[written] = _Brand(brand_key(written), text_key(written), len(written.split()), words)
        return brand

    def _words_of_category(self, category: str) -> frozenset[str]:
        words = self._category_words.get(category)
        if words is None:
            words = self._category_words[category] = frozenset(catalog_words(category.replace(">", " ")))
        return words

    def _add_lines(self, product: Product, brand: _Brand) -> None:
        """Count the title's beginnings: with its brand (`Apple AirPods Pro`) and without (`AirPods Pro`)."""
        words = title_words(product.title)
        keys = [text_key(word) for word in words]
        if brand.words and "".join(keys[: brand.words]) == brand.text_key:
            self._count_lines(product.id, words, keys, 0, brand.words, brand.key)
            self._count_lines(product.id, words, keys, brand.words, brand.words)
        else:
            self._count_lines(product.id, words, keys, 0, 0)

    def _count_lines(
        self, product_id: str, words: list[str], keys: list[str], start: int, brand_words: int, brand: str = ""
    ) -> None:
        """The lines `words[start:end]`: with the brand, one word after it at least; without, two words."""
        first_end = brand_words + 1 if brand else start + 2
        parent = None
        for end in range(first_end, min(len(words), brand_words + MAX_LINE_WORDS) + 1):
            key = "".join(keys[start:end])
            line = self.lines.get(key)
            if line is None:
                line = self.lines[key] = Line(0, parent)
            line.count += 1
            if not line.text and (line.count >= MIN_LINE_PRODUCTS or is_model(words[end - 1])):
                line.text = " ".join(words[start:end])
                if brand:
                    line.brand, line.rest = brand, " ".join(words[brand_words:end])
                if line.count == 1:
                    line.product_id = product_id
            parent = key

    def products_with_all(self, text: str) -> int:
        """How many products have every word of this English text in their title, brand or category."""
        words = sorted(set(catalog_words(text)), key=lambda w: len(self._postings.get(w, ())))
        if not words or any(w not in self._postings for w in words):
            return 0
        common = np.frombuffer(self._postings[words[0]], dtype=np.int32)
        for word in words[1:]:
            common = np.intersect1d(common, np.frombuffer(self._postings[word], dtype=np.int32), assume_unique=True)
            if not len(common):
                return 0
        return len(common)

    def brand_display(self, key: str) -> str | None:
        """The catalog's most common spelling of a brand (`The North Face` for `north face`)."""
        spellings = self._spellings.get(key)
        return spellings.most_common(1)[0][0] if spellings else None

    def product_lines(self) -> list[Line]:
        """The lines worth suggesting, each set of products named once: of a chain of lines with the same
        products (`Nature Made Fish`, `Nature Made Fish Oil`), the one ending at a model name (`Sony WH-1000XM5`,
        not `Sony WH-1000XM5 Wireless Industry`), else the longest (`Nature Made Fish Oil`)."""
        redundant = set()
        for key, line in self.lines.items():
            parent = self.lines[line.parent] if line.parent is not None else None
            if parent is None or parent.count != line.count:
                continue
            if self._ends_at_model_in_chain(line.parent):  # type: ignore[arg-type]
                redundant.add(key)  # the products were named already, at their model
            else:
                redundant.add(line.parent)  # cut short: the longer line names the same products better
        return [line for key, line in self.lines.items() if line.text and key not in redundant and _reads_well(line)]

    def _ends_at_model_in_chain(self, key: str) -> bool:
        """Whether this line, or a shorter one with the same products, ends at a model name."""
        line: Line | None = self.lines[key]
        count = line.count if line else 0
        while line is not None and line.count == count:
            if line.text and is_model(line.last_word):
                return True
            line = self.lines.get(line.parent) if line.parent is not None else None
        return False


def _reads_well(line: Line) -> bool:
    """Not `Soundcore by`, not `Shampoo &`, not `1000 mg Vitamin C`."""
    last = line.last_word
    return last.casefold() not in STOPWORDS and any(ch.isalnum() for ch in last) and not line.text[:1].isdigit()
