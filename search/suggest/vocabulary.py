"""What can be suggested, with weights: glossary terms the catalog can answer, brands, product lines, titles.

Candidates (`collect_candidates`), from the glossary and one pass over the catalog (`scan.CatalogScan`):
- Chinese glossary terms (`蓝牙耳机`, brands such as `索尼`) whose English rendering some product uses (a brand:
  that the catalog has), keyed by their text, full pinyin and initials; weight: how many products use it;
- English, keyed by their text: the glossary's renderings the catalog uses (`bluetooth earbuds`), the catalog's
  brands (`Sony`) and product lines (`Sony WH-1000XM5`, `AirPods Pro`); a line that starts with a brand is keyed
  by the brand's Chinese names too (`索尼wh`, `suoniwh`), so a shopper typing the brand in Chinese sees its lines;
- the seller-written Chinese titles (`title_zh`), keyed by their text and full pinyin, with the product's id.

The weight of every kind is a number of products, so they rank together.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from search.analysis.english import brand_key, fold_plural
from search.analysis.glossary import Glossary
from search.analysis.normalize import has_chinese
from search.catalog import Product
from search.suggest.keys import Match, pinyin_keys, text_key
from search.suggest.scan import CatalogScan, catalog_words

# Glossary kinds worth completing to, and how much a catalog product counts for each: a product noun leads
# somewhere, a colour or an audience alone hardly does. Units, sizes and modifiers are never suggested.
KIND_FACTORS = {
    "product": 1.0,
    "brand": 1.0,
    "category": 0.5,
    "attribute": 0.5,
    "material": 0.5,
    "audience": 0.3,
    "color": 0.3,
}


class Kind(StrEnum):
    TERM = "term"  # a shopping word or phrase (Chinese glossary term or its English rendering)
    BRAND = "brand"
    PRODUCT = "product"  # a product line, or one product (with its id)


PRIORITY = {Kind.BRAND: 0, Kind.TERM: 1, Kind.PRODUCT: 2}  # which candidate stays when two show the same text


@dataclass
class Candidate:
    text: str  # what is shown, and what a click searches for
    kind: Kind
    weight: float  # how many products it leads to (scaled by kind)
    english: str | None = None  # the English rendering of a Chinese text
    product_id: str | None = None  # when it names one product
    keys: list[tuple[str, Match]] = field(default_factory=list)


def glossary_words(glossary: Glossary) -> set[str]:
    """The English words of the glossary's renderings: the only words whose postings the scan keeps."""
    return {w for term in glossary.terms() for e in glossary.get(term) for w in catalog_words(e.en)}


def scan_catalog(products: Iterable[Product], glossary: Glossary) -> CatalogScan:
    """One pass over the catalog, gathering what the candidates (and query analysis's lexicon) need."""
    scan = CatalogScan(glossary_words(glossary))
    for product in products:
        scan.add(product)
    return scan


def collect_candidates(products: Iterable[Product], glossary: Glossary) -> list[Candidate]:
    """Every candidate completion from the glossary and the catalog, merged by shown text."""
    return candidates_of(scan_catalog(products, glossary), glossary)


def candidates_of(scan: CatalogScan, glossary: Glossary) -> list[Candidate]:
    """Every candidate completion of a scanned catalog, merged by shown text."""
    chinese_brands: defaultdict[str, list[str]] = defaultdict(list)  # brand key → glossary Chinese names
    candidates: list[Candidate] = []
    for term in glossary.terms():
        candidate = _glossary_candidate(term, glossary, scan)
        if candidate is not None:
            candidates.append(candidate)
            if candidate.kind is Kind.BRAND:
                chinese_brands[brand_key(candidate.english or "")].append(candidate.text)
        candidates += _english_terms(term, glossary, scan)
    for key, count in scan.brand_counts.items():
        display = scan.brand_display(key) or key
        keys = {text_key(display), text_key(key)}
        candidates.append(Candidate(display, Kind.BRAND, count, keys=[(k, Match.TEXT) for k in keys if k]))
    for line in scan.product_lines():
        keys = [(text_key(line.text), Match.TEXT)]
        for chinese in chinese_brands.get(line.brand, []):
            keys.append((text_key(chinese + line.rest), Match.TEXT))
            keys += pinyin_keys(f"{chinese} {line.rest}")
        product_id = line.product_id if line.count == 1 else None
        candidates.append(Candidate(line.text, Kind.PRODUCT, line.count, None, product_id, keys))
    for title in scan.titles_zh.values():
        keys = [(text_key(title.text), Match.TEXT), *pinyin_keys(title.text)]
        candidates.append(Candidate(title.text, Kind.PRODUCT, title.count, title.english, title.product_id, keys))
    return merge_by_text(candidates)


def _glossary_candidate(term: str, glossary: Glossary, scan: CatalogScan) -> Candidate | None:
    """A Chinese glossary term, if the catalog uses its English (a brand: if the catalog has that brand)."""
    entries = glossary.get(term)
    kind = entries[0].kind
    if kind not in KIND_FACTORS or len(term) < 2 or not has_chinese(term):
        return None
    keys = [(text_key(term), Match.TEXT), *pinyin_keys(term)]
    if kind == "brand":
        counted = [(scan.brand_counts.get(brand_key(e.en), 0), e.en) for e in entries if e.kind == "brand"]
        count, english = max(counted, default=(0, ""))
        if count == 0:
            return None
        return Candidate(term, Kind.BRAND, count, scan.brand_display(brand_key(english)) or english, keys=keys)
    for entry in entries:  # the best rendering the catalog uses, as the query analysis renders it
        count = scan.products_with_all(entry.en)
        if count:
            return Candidate(term, Kind.TERM, count * entry.weight * KIND_FACTORS[kind], entry.en, keys=keys)
    return None


def _english_terms(term: str, glossary: Glossary, scan: CatalogScan) -> list[Candidate]:
    """The English renderings of a term the catalog uses, as English completions (brands come from the catalog)."""
    out = []
    for entry in glossary.get(term):
        if entry.kind == "brand" or entry.kind not in KIND_FACTORS:
            continue
        count = scan.products_with_all(entry.en)
        if count:
            weight = count * entry.weight * KIND_FACTORS[entry.kind]
            out.append(Candidate(entry.en, Kind.TERM, weight, keys=[(text_key(entry.en), Match.TEXT)]))
    return out


def merge_by_text(candidates: list[Candidate]) -> list[Candidate]:
    """One candidate per shown text (case, spacing and plurals aside: `Shoes` = `shoe`): the brand over the term
    over the product, the greatest weight, and every key of each."""
    merged: dict[str, Candidate] = {}
    for candidate in candidates:
        key = text_key(" ".join(fold_plural(w) for w in candidate.text.split()))
        kept = merged.get(key)
        if kept is None:
            merged[key] = candidate
            continue
        weight, keys = max(kept.weight, candidate.weight), kept.keys + candidate.keys
        if (PRIORITY[candidate.kind], -candidate.weight) < (PRIORITY[kept.kind], -kept.weight):
            kept = merged[key] = candidate
        kept.weight, kept.keys = weight, keys
    for candidate in merged.values():
        candidate.keys = list(dict.fromkeys(candidate.keys))
    return list(merged.values())
