"""Merchandising rules, in Typesense's override shape: when a query matches, pin products at positions, hide others,
narrow the results with a filter, boost or bury the products a filter selects — optionally only between two dates.

    {"rule": {"query": "蓝牙耳机", "match": "exact" | "contains"},
     "includes": [{"seller": "circuit-harbor", "id": "ear-anker-p3", "position": 1}],
     "excludes": [{"seller": "default", "id": "ear-apple-wired"}],
     "filter_by": "in_stock:=true && price:<200",
     "boost": [{"filter_by": "brand:=Anker", "weight": 3}, {"filter_by": "in_stock:=false", "weight": 0.2}],
     "effective_from": "2026-11-01T00:00:00Z", "effective_to": "2026-11-12T00:00:00Z"}

A rule's query is matched after query analysis, on the words the search understood (`match_key`): Traditional
and Simplified, pinyin read as Chinese, full-width and case all compare equal, so `藍牙耳機` and `lanya erji` hit a
`蓝牙耳机` rule. `exact`: the query's words are the rule's; `contains`: the rule's words appear in the query, in
order (`降噪蓝牙耳机` contains `蓝牙耳机`). Every matching rule applies (in id order; the first to claim a position
keeps it). Kept in DATA_DIR/rules.json (`DocumentStore`); applied by `search.service` around the ranking, the
same way on both backends (`curate`).

`filter_by` takes this part of Typesense's syntax, clauses joined by `&&`: `brand:=Sony`, `brand:=[Sony,Bose]`,
any keyword filter field of the registry the same way, `category:=Electronics > Audio` (a path prefix),
`in_stock:=true`, `price:<200`, `price:<=200`, `price:>50`, `price:>=50`, `price:[50..200]` (USD).

`boost` (in the spirit of Algolia's optional filters and Typesense's `_eval` sort): each entry selects products with
a `filter_by` of the same syntax and multiplies their relevance score by `weight` — above 1 it lifts them, below 1
it buries them. It reorders the first BOOST_WINDOW results of the relevance ranking (a product matching several
entries gets the product of their weights) and filters nothing: totals and facets are the ranking's.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from search.analysis.normalize import has_chinese, normalize_text
from search.backends.base import Filters, Hit, SearchResult
from search.catalog import MAX_ID_LENGTH, SELLER_ID_RE, Product, product_key
from search.fields import BY_NAME, FieldType, category_levels
from search.merchandising.documents import DocumentStore, checked_fields

FILE_NAME = "rules.json"
MAX_QUERY_LENGTH = 200
MAX_INCLUDES = 50
MAX_EXCLUDES = 250
MAX_POSITION = 250
MAX_FILTER_LENGTH = 1000
MAX_BOOSTS = 10
MIN_WEIGHT, MAX_WEIGHT = 0.01, 10.0
BOOST_WINDOW = 100  # results of the relevance ranking, from the first, that boosts reorder
MATCHES = ("exact", "contains")
NO_VALUE = "haitao:no-such-value"  # a filter value no product has: two filters that exclude each other match nothing
_NUMBER = r"-?\d+(?:\.\d+)?"
_PRICE_RE = re.compile(rf"^(<=|>=|<|>|=)?\s*({_NUMBER})$")
_RANGE_RE = re.compile(rf"^\[\s*({_NUMBER})\s*\.\.\s*({_NUMBER})\s*\]$")


@dataclass(frozen=True)
class Pin:
    seller: str
    id: str
    position: int

    @property
    def key(self) -> str:
        return product_key(self.seller, self.id)


@dataclass(frozen=True)
class RuleFilter:
    """What `filter_by` says, in the terms of `Filters`."""

    terms: tuple[tuple[str, tuple[str, ...]], ...] = ()
    category: str | None = None
    price_min: float | None = None
    price_max: float | None = None
    in_stock: bool | None = None

    def narrow(self, filters: Filters) -> Filters:
        """`filters` narrowed by this filter (both apply)."""
        fixed = _both_terms(filters.fixed, self.terms)
        low = [v for v in (filters.price_min, self.price_min) if v is not None]
        high = [v for v in (filters.price_max, self.price_max) if v is not None]
        category = filters.category
        if self.category is not None and (category is None or self.category.startswith(category)):
            category = self.category
        return replace(
            filters,
            fixed=fixed,
            category=category,
            price_min=max(low) if low else None,
            price_max=min(high) if high else None,
            in_stock=self.in_stock if self.in_stock is not None else filters.in_stock,
        )

    def admits(self, product: Product) -> bool:
        """Whether a stored product passes this filter, compared as the backends' filters compare (keyword values
        by the field's key, the category by its levels, the price in USD with both bounds included)."""
        for name, values in self.terms:
            field = BY_NAME[name]
            if field.key(str(field.value(product) or "")) not in {field.key(v) for v in values}:
                return False
        if self.category is not None:
            wanted = category_levels(self.category)
            if category_levels(product.category or "")[: len(wanted)] != wanted:
                return False
        if self.price_min is not None and product.price < self.price_min:
            return False
        if self.price_max is not None and product.price > self.price_max:
            return False
        return self.in_stock is None or product.in_stock == self.in_stock


@dataclass(frozen=True)
class Boost:
    """Products that pass `filter` have their relevance score multiplied by `weight` (> 1 boosts, < 1 buries)."""

    filter_by: str
    filter: RuleFilter
    weight: float

    def to_json(self) -> dict[str, Any]:
        return {"filter_by": self.filter_by, "weight": self.weight}


@dataclass(frozen=True)
class Rule:
    id: str
    query: str  # as given
    match: str
    includes: tuple[Pin, ...] = ()
    excludes: tuple[tuple[str, str], ...] = ()  # (seller, id)
    filter_by: str | None = None
    filter: RuleFilter | None = None
    effective_from: datetime | None = None
    effective_to: datetime | None = None
    boosts: tuple[Boost, ...] = ()

    @classmethod
    def parse(cls, rule_id: str, raw: Any) -> Rule:
        """A rule from its JSON form; ValueError naming the field for a bad one."""
        known = {"rule", "includes", "excludes", "filter_by", "boost", "effective_from", "effective_to"}
        shape = "`rule` and what it does (includes, excludes, filter_by, boost)"
        raw = checked_fields(rule_id, raw, "rule", known, shape)
        condition = raw.get("rule")
        if not isinstance(condition, dict):
            raise ValueError('rule: an object {"query": ..., "match": "exact" | "contains"}')
        unknown = sorted(set(condition) - {"query", "match"})
        if unknown:
            raise ValueError(f"rule.{unknown[0]}: not a field of a rule's condition (query, match)")
        query = condition.get("query")
        if not isinstance(query, str) or not normalize_text(query).strip() or len(query) > MAX_QUERY_LENGTH:
            raise ValueError(f"rule.query: 1–{MAX_QUERY_LENGTH} characters of query text")
        match = condition.get("match", "exact")
        if match not in MATCHES:
            raise ValueError("rule.match: `exact` or `contains`")
        includes = _includes(raw.get("includes", []))
        excludes = _excludes(raw.get("excludes", []))
        pinned = {p.key for p in includes}
        both = [f"{s}/{i}" for s, i in excludes if product_key(s, i) in pinned]
        if both:
            raise ValueError(f"excludes: {both[0]!r} is also in includes")
        filter_by = raw.get("filter_by")
        rule_filter = None
        if filter_by is not None:
            rule_filter = _filter(filter_by, "filter_by")
        boosts = _boosts(raw.get("boost", []))
        if not includes and not excludes and rule_filter is None and not boosts:
            raise ValueError("includes: a rule must pin (includes), hide (excludes), filter (filter_by) or boost")
        start = _moment(raw.get("effective_from"), "effective_from")
        end = _moment(raw.get("effective_to"), "effective_to")
        if start is not None and end is not None and end <= start:
            raise ValueError("effective_to: must be after effective_from")
        return cls(rule_id, query, match, includes, excludes, filter_by, rule_filter, start, end, boosts)

    def to_json(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "id": self.id,
            "rule": {"query": self.query, "match": self.match},
            "includes": [{"seller": p.seller, "id": p.id, "position": p.position} for p in self.includes],
            "excludes": [{"seller": s, "id": i} for s, i in self.excludes],
        }
        if self.filter_by is not None:
            body["filter_by"] = self.filter_by
        if self.boosts:
            body["boost"] = [boost.to_json() for boost in self.boosts]
        for name in ("effective_from", "effective_to"):
            moment = getattr(self, name)
            if moment is not None:
                body[name] = moment.isoformat()
        return body

    def active(self, now: datetime) -> bool:
        return (self.effective_from is None or self.effective_from <= now) and (
            self.effective_to is None or now < self.effective_to
        )

    def matches(self, query_key: str, rule_key: str) -> bool:
        if not rule_key:
            return False
        if self.match == "exact":
            return query_key == rule_key
        return contains(query_key, rule_key)


def _filter(text: Any, where: str) -> RuleFilter:
    if not isinstance(text, str) or len(text) > MAX_FILTER_LENGTH:
        raise ValueError(f"{where}: a string of at most {MAX_FILTER_LENGTH} characters")
    try:
        return parse_filter_by(text)
    except ValueError as exc:
        raise ValueError(f"{where}{str(exc).removeprefix('filter_by')}") from None


def _boosts(raw: Any) -> tuple[Boost, ...]:
    if not isinstance(raw, list) or len(raw) > MAX_BOOSTS:
        raise ValueError(f'boost: a list of at most {MAX_BOOSTS} {{"filter_by": ..., "weight": ...}}')
    boosts: list[Boost] = []
    for number, item in enumerate(raw):
        where = f"boost[{number}]"
        if not isinstance(item, dict):
            raise ValueError(f'{where}: an object {{"filter_by": ..., "weight": ...}}')
        unknown = sorted(set(item) - {"filter_by", "weight"})
        if unknown:
            raise ValueError(f"{where}.{unknown[0]}: not a field of a boost (filter_by, weight)")
        weight = item.get("weight")
        if (
            not isinstance(weight, int | float)
            or isinstance(weight, bool)
            or not MIN_WEIGHT <= weight <= MAX_WEIGHT
            or weight == 1
        ):
            raise ValueError(
                f"{where}.weight: a number from {MIN_WEIGHT} to {MAX_WEIGHT:g}, not 1 (above 1 boosts, below 1 buries)"
            )
        text = item.get("filter_by")
        boosts.append(Boost(text, _filter(text, f"{where}.filter_by"), float(weight)))
    return tuple(boosts)


def _includes(raw: Any) -> tuple[Pin, ...]:
    if not isinstance(raw, list) or len(raw) > MAX_INCLUDES:
        raise ValueError(f"includes: a list of at most {MAX_INCLUDES} products")
    pins: list[Pin] = []
    for number, item in enumerate(raw):
        where = f"includes[{number}]"
        seller, product_id = _product(item, where, extra={"position"})
        position = item.get("position")
        if not isinstance(position, int) or isinstance(position, bool) or not 1 <= position <= MAX_POSITION:
            raise ValueError(f"{where}.position: a whole number from 1 to {MAX_POSITION}")
        pin = Pin(seller, product_id, position)
        if any(p.key == pin.key for p in pins):
            raise ValueError(f"{where}: {pin.key!r} is pinned twice")
        if any(p.position == position for p in pins):
            raise ValueError(f"{where}.position: position {position} is taken by another product")
        pins.append(pin)
    return tuple(sorted(pins, key=lambda p: p.position))


def _excludes(raw: Any) -> tuple[tuple[str, str], ...]:
    if not isinstance(raw, list) or len(raw) > MAX_EXCLUDES:
        raise ValueError(f"excludes: a list of at most {MAX_EXCLUDES} products")
    found = [_product(item, f"excludes[{number}]") for number, item in enumerate(raw)]
    return tuple(dict.fromkeys(found))


def _product(item: Any, where: str, extra: set[str] = frozenset()) -> tuple[str, str]:  # type: ignore[assignment]
    if not isinstance(item, dict):
        raise ValueError(f'{where}: an object {{"seller": ..., "id": ...}}')
    unknown = sorted(set(item) - {"seller", "id", *extra})
    if unknown:
        raise ValueError(f"{where}.{unknown[0]}: not a field here")
    seller, product_id = item.get("seller"), item.get("id")
    if not isinstance(seller, str) or not SELLER_ID_RE.fullmatch(seller):
        raise ValueError(f"{where}.seller: a seller id (lowercase letters, digits, `-`, `_`; at most 64)")
    if not isinstance(product_id, str) or not product_id.strip() or len(product_id) > MAX_ID_LENGTH:
        raise ValueError(f"{where}.id: a product id (1–{MAX_ID_LENGTH} characters)")
    return seller, product_id


def _moment(value: Any, name: str) -> datetime | None:
    """ISO 8601 (UTC when no zone is given) or seconds since the epoch (Typesense's `effective_from_ts`)."""
    if value is None:
        return None
    try:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return datetime.fromtimestamp(value, UTC)
        if isinstance(value, str):
            moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
            return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    except (ValueError, OverflowError, OSError):
        pass
    raise ValueError(f"{name}: an ISO 8601 date-time or seconds since the epoch")


def parse_filter_by(text: str) -> RuleFilter:
    """Typesense's `filter_by` (the subset this module's docstring lists) → a `RuleFilter`; ValueError otherwise."""
    terms: dict[str, tuple[str, ...]] = {}
    out: dict[str, Any] = {}
    clauses = [c.strip() for c in text.split("&&")]
    if not any(clauses):
        raise ValueError("filter_by: empty")
    for clause in clauses:
        name, sep, value = clause.partition(":")
        name, value = name.strip(), value.strip()
        if not sep or not name or not value:
            raise ValueError(f"filter_by: {clause!r} is not `field:=value`")
        if name == "price":
            _price_clause(value, out, clause)
            continue
        value = value.removeprefix("=").strip()
        if name == "in_stock":
            if value not in ("true", "false"):
                raise ValueError("filter_by: in_stock takes `true` or `false`")
            out["in_stock"] = value == "true"
        elif name == "category":
            out["category"] = value
        elif name in BY_NAME and BY_NAME[name].type is FieldType.KEYWORD and BY_NAME[name].filterable:
            values = _values(value)
            if not values:
                raise ValueError(f"filter_by: {name} needs a value")
            terms[name] = values
        else:
            raise ValueError(f"filter_by: {name!r} is not a field a rule can filter on")
    return RuleFilter(terms=tuple(terms.items()), **out)


def _values(value: str) -> tuple[str, ...]:
    if value.startswith("[") and value.endswith("]"):
        return tuple(v.strip().strip("`") for v in value[1:-1].split(",") if v.strip())
    return (value.strip("`"),)


def _price_clause(value: str, out: dict[str, Any], clause: str) -> None:
    ranged = _RANGE_RE.match(value)
    if ranged:
        out["price_min"], out["price_max"] = float(ranged.group(1)), float(ranged.group(2))
        return
    single = _PRICE_RE.match(value)
    if not single:
        raise ValueError(f"filter_by: {clause!r}: price takes <, <=, >, >=, = a number, or [low..high]")
    op, number = single.group(1) or "=", float(single.group(2))
    if op in ("<", "<="):
        out["price_max"] = number
    elif op in (">", ">="):
        out["price_min"] = number
    else:
        out["price_min"] = out["price_max"] = number


def contains(query_key: str, rule_key: str) -> bool:
    """The rule's words appear in the query's, in order: Chinese anywhere, Latin at word boundaries."""
    start = query_key.find(rule_key)
    while start >= 0:
        end = start + len(rule_key)
        before = query_key[start - 1] if start else " "
        after = query_key[end] if end < len(query_key) else " "
        if _boundary(before, rule_key[0]) and _boundary(after, rule_key[-1]):
            return True
        start = query_key.find(rule_key, start + 1)
    return False


def _boundary(neighbour: str, edge: str) -> bool:
    return neighbour == " " or has_chinese(edge) or has_chinese(neighbour)


def match_key(terms: Sequence[tuple[str, bool]]) -> str:
    """The words a query was understood as, (term, chinese) in order → one comparable string: Chinese words
    joined directly (segmentation may cut them differently), others by spaces."""
    out = ""
    last_chinese = False
    for term, chinese in terms:
        if out and not (chinese and last_chinese):
            out += " "
        out += term
        last_chinese = chinese
    return out


@dataclass
class Curation:
    """What the matching rules do to one search."""

    rules: list[str] = field(default_factory=list)  # `rules:ID` of each
    pins: list[tuple[Pin, str]] = field(default_factory=list)  # (pin, rule id), by position
    hidden: set[str] = field(default_factory=set)  # product keys
    filter: RuleFilter | None = None
    boosts: list[tuple[Boost, str]] = field(default_factory=list)  # (boost, rule id), in rule order

    def __bool__(self) -> bool:
        return bool(self.rules)

    @property
    def window_extra(self) -> int:
        """Results beyond the page to rank: pinned and hidden products may take their places."""
        return len(self.pins) + len(self.hidden)

    def narrow(self, filters: Filters) -> Filters:
        return self.filter.narrow(filters) if self.filter is not None else filters


def matching_curation(
    rules: Sequence[Rule], query_key: str, rule_key: Callable[[Rule], str], now: datetime
) -> Curation:
    """The combined effect of the rules (in id order) that match a query understood as `query_key`."""
    found = Curation()
    taken: set[int] = set()
    pinned: set[str] = set()
    for rule in sorted(rules, key=lambda r: r.id):
        if not rule.active(now) or not rule.matches(query_key, rule_key(rule)):
            continue
        found.rules.append(f"rules:{rule.id}")
        for pin in rule.includes:
            if pin.position not in taken and pin.key not in pinned:
                taken.add(pin.position)
                pinned.add(pin.key)
                found.pins.append((pin, rule.id))
        found.hidden |= {product_key(s, i) for s, i in rule.excludes}
        found.boosts += [(boost, rule.id) for boost in rule.boosts]
        if rule.filter is not None:
            found.filter = rule.filter if found.filter is None else _both(found.filter, rule.filter)
    found.hidden -= pinned
    found.pins.sort(key=lambda item: item[0].position)
    return found


def _both_terms(
    a: Sequence[tuple[str, tuple[str, ...]]], b: Sequence[tuple[str, tuple[str, ...]]]
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Two sets of keyword filters, both applying: a field in both keeps the values both allow (compared without
    case), or NO_VALUE, which matches nothing, where they allow none in common."""
    terms = dict(a)
    for name, values in b:
        if name in terms:
            wanted = {v.casefold() for v in values}
            terms[name] = tuple(v for v in terms[name] if v.casefold() in wanted) or (NO_VALUE,)
        else:
            terms[name] = values
    return tuple(terms.items())


def _both(a: RuleFilter, b: RuleFilter) -> RuleFilter:
    """Two rules' filters, both applying."""
    lows = [v for v in (a.price_min, b.price_min) if v is not None]
    highs = [v for v in (a.price_max, b.price_max) if v is not None]
    return RuleFilter(
        _both_terms(a.terms, b.terms),
        b.category or a.category,
        max(lows) if lows else None,
        min(highs) if highs else None,
        b.in_stock if b.in_stock is not None else a.in_stock,
    )


@dataclass(frozen=True)
class Boosted:
    """What boosts did to one product: its score multiplied by `factor`, from its 1-based `rank_before`."""

    factor: float
    rank_before: int
    by: tuple[tuple[Boost, str], ...]  # (boost, rule id)


def boost(hits: list[Hit], boosts: Sequence[tuple[Boost, str]]) -> tuple[list[Hit], dict[str, Boosted]]:
    """Hits in relevance order → the first BOOST_WINDOW of them reordered by score × the weights of the boosts each
    passes (stable for equal scores), the rest as they were; and what was done to each product boosts touched. A
    product keeps its place among the results, so pages stay consistent and totals and facets unchanged."""
    window, rest = hits[:BOOST_WINDOW], hits[BOOST_WINDOW:]
    effects: dict[str, Boosted] = {}
    scored: list[tuple[float, int, Hit]] = []
    for rank, hit in enumerate(window, start=1):
        applied = tuple((b, rule_id) for b, rule_id in boosts if b.filter.admits(hit.product))
        if applied:
            factor = math.prod(b.weight for b, _ in applied)
            effects[hit.product.key] = Boosted(factor, rank, applied)
            hit = replace(hit, score=hit.score * factor)
        scored.append((-hit.score, rank, hit))
    scored.sort(key=lambda item: (item[0], item[1]))
    return [hit for _, _, hit in scored] + rest, effects


def curate(
    ranked: SearchResult,
    offset: int,
    limit: int,
    found: Curation,
    fetch: Callable[[list[str]], dict[str, Any]],
) -> tuple[SearchResult, dict[str, str]]:
    """The page [offset, offset + limit) of `ranked` (the results from the first, at least offset + limit +
    `found.window_extra` of them) with the hidden products taken out and the pinned ones put at their positions
    (1-based, over the whole ranking). Returns the page and, per pinned product key on it, the rule that pinned it.

    The total counts the pinned products the ranking did not hold and leaves out the hidden ones it held; facet
    counts are the ranking's."""
    organic = [h for h in ranked.hits if h.product.key not in found.hidden]
    hidden_seen = len(ranked.hits) - len(organic)
    pins = [pin for pin, _ in found.pins]
    pinned_keys = {pin.key for pin in pins}
    organic_keys = {h.product.key for h in organic}
    organic = [h for h in organic if h.product.key not in pinned_keys]
    products = fetch([pin.key for pin in pins])
    merged: list[Hit] = list(organic)
    by_rule: dict[str, str] = {}
    for pin, rule_id in found.pins:
        product = products.get(pin.key)
        if product is None:
            continue  # not in the index (any more): its position goes to the next result
        at = min(pin.position - 1, len(merged))
        merged.insert(at, Hit(product, score=0.0))
        by_rule[pin.key] = rule_id
    added = sum(1 for key in by_rule if key not in organic_keys)
    page = merged[offset : offset + limit]
    total = max(0, ranked.total - hidden_seen) + added
    on_page = {h.product.key for h in page}
    return replace(ranked, hits=page, total=total), {k: v for k, v in by_rule.items() if k in on_page}


class RuleStore:
    """The rules of a data directory (DATA_DIR/rules.json), read again when the file changes."""

    def __init__(self, data_dir: Path) -> None:
        self.documents: DocumentStore[Rule] = DocumentStore(Path(data_dir) / FILE_NAME, Rule.parse, Rule.to_json)

    def rules(self) -> list[Rule]:
        return list(self.documents.items().values())

    @property
    def version(self) -> int:
        self.documents.items()
        return self.documents.version
