"""tantivy queries built from analysed terms and the ranking spec — never parsed from user strings, so no query
syntax leaks in. The OpenSearch backend builds the same queries as JSON (`opensearch/queries.py`)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import Any, NamedTuple

import tantivy

from search.analysis.translate import Concept
from search.backends.base import Filters, PriceBucket
from search.backends.embedded.schema import CATEGORY_PATH, category_facet
from search.fields import BY_NAME, TERM_FACETS, Analysis, FieldType, attribute_term
from search.ranking import RankingSpec

Occur = tantivy.Occur
Query = tantivy.Query
Searcher = tantivy.Searcher


class Leaf(NamedTuple):
    """A term in any of these fields: one of a keyword query's leaves (`KeywordQueryBuilder.leaves`)."""

    fields: tuple[str, ...]
    term: str


class KeywordQueryBuilder:
    """Concepts → one BM25 query: per concept, the best of its alternatives (dis-max); concepts add up."""

    def __init__(self, schema: tantivy.Schema, spec: RankingSpec) -> None:
        self.schema = schema
        self.spec = spec
        self.english = spec.weights(Analysis.ENGLISH)
        self.chinese = spec.weights(Analysis.CHINESE)

    def build(self, concepts: Sequence[Concept], boost_brands: Sequence[str] = ()) -> Query | None:
        built = [(c, q) for c, q in ((c, self._concept(c)) for c in concepts) if q is not None]
        clauses = [q for _, q in built]
        if not clauses:
            return None
        if self.spec.coordination:  # each concept matched whole counts (numbers only qualify)
            clauses += [
                Query.const_score_query(self._whole(c), self.spec.coordination) for c, _ in built if not c.is_qualifier
            ]
        query = Query.boolean_query([(Occur.Should, q) for q in clauses])
        brand = BY_NAME["brand"]
        boosts = [
            Query.const_score_query(
                Query.term_query(self.schema, brand.key_field, brand.key(name)), self.spec.brand_boost
            )
            for name in boost_brands
            if brand.key(name)
        ]
        if not boosts:
            return query
        # The boosts only reorder what the concepts matched: they never make a product match on their own.
        return Query.boolean_query([(Occur.Must, query), *((Occur.Should, b) for b in boosts)])

    def leaves(self, concepts: Sequence[Concept]) -> list[tuple[Leaf, Callable[[], Query]]]:
        """Queries (each as what builds it) whose matches together are exactly the matches of `build(concepts)`
        (whatever the brands boosted), each with all it is built from (`Leaf`): a term in the English fields, a term
        in the Chinese fields.

        `build` joins these leaves by `should` and dis-max only, so a product matching a leaf matches the query; and
        every other clause matches only products that a leaf matches: a phrase needs each of its terms in
        `phrase_field` (one of the English fields: its bonus is weighted by that field's weight), a concept matched
        whole needs one of its terms, and the brand boosts sit beside a `must` of the rest. So the query's matches
        are the union of the leaves' — a term's matches can be kept and reused by every query using the term."""
        found: dict[Leaf, Callable[[], Query]] = {}
        english, chinese = tuple(self.english), tuple(self.chinese)
        for concept in concepts:
            for alt in concept.alternatives:
                if not alt.terms or not english:  # no English clause (`_english`), or one matching nothing
                    continue
                for term in (*alt.terms, *alt.forms):
                    found.setdefault(Leaf(english, term), partial(self._any, english, term))
            if concept.term and chinese and (concept.chinese or " " not in concept.term):
                found.setdefault(Leaf(chinese, concept.term), partial(self._any, chinese, concept.term))
        return list(found.items())

    def _any(self, fields: Sequence[str], term: str) -> Query:
        """Products with this term in any of the fields (unscored: only which products match counts)."""
        return Query.boolean_query([(Occur.Should, Query.term_query(self.schema, name, term)) for name in fields])

    def _concept(self, concept: Concept) -> Query | None:
        options = [q for q in (self._english(alt.terms, alt.weight, alt.forms) for alt in concept.alternatives) if q]
        chinese_term = concept.term if concept.chinese or " " not in concept.term else None
        if chinese_term:
            options.append(self._across(self.chinese, chinese_term))
        if not options:
            return None
        return options[0] if len(options) == 1 else Query.disjunction_max_query(options, self.spec.tie_breaker)

    def _whole(self, concept: Concept) -> Query:
        """Products matching the concept whole: every term of one of its renderings, or its Chinese term."""
        options = [
            Query.boolean_query([(Occur.Must, self._across(self.english, term)) for term in alt.terms])
            for alt in concept.alternatives
            if alt.terms
        ]
        if concept.chinese or " " not in concept.term:
            options.append(self._across(self.chinese, concept.term))
        return Query.boolean_query([(Occur.Should, q) for q in options])

    def _english(self, terms: Sequence[str], weight: float, forms: Sequence[str] = ()) -> Query | None:
        if not terms:
            return None
        # Each term counts in full: a two-word rendering ("laser printer") weighs what the same two words typed in
        # English weigh.
        clauses = [Query.boost_query(self._across(self.english, term), weight) for term in terms]
        if len(terms) > 1:
            phrase = Query.phrase_query(self.schema, self.spec.phrase_field, list(terms))
            bonus = weight * self.spec.phrase_bonus * self.english[self.spec.phrase_field]
            clauses.append(Query.boost_query(phrase, bonus))
        # The word-delimiter forms of a model number together weigh as one term.
        clauses += [Query.boost_query(self._across(self.english, form), weight / len(forms)) for form in forms]
        return clauses[0] if len(clauses) == 1 else Query.boolean_query([(Occur.Should, q) for q in clauses])

    def _across(self, fields: dict[str, float], term: str) -> Query:
        """A term in any of the fields, scored as the best of them (dis-max)."""
        per_field = [Query.boost_query(Query.term_query(self.schema, name, term), w) for name, w in fields.items()]
        return Query.disjunction_max_query(per_field, self.spec.tie_breaker)


def english_term_query(schema: tantivy.Schema, term: str) -> Query:
    """Products using this analysed term in any English field of their record (for document frequencies)."""
    fields = [f.text_field for f in BY_NAME.values() if f.search is Analysis.ENGLISH and not f.derived]
    return Query.boolean_query([(Occur.Should, Query.term_query(schema, name, term)) for name in fields])


def filter_query(schema: tantivy.Schema, filters: Filters) -> Query | None:
    """The filters as one non-scoring query, or None when there are none."""
    clauses: list[Query] = []
    for name, values in (*filters.terms, *filters.fixed):
        field = BY_NAME[name]
        clauses.append(Query.term_set_query(schema, field.key_field, [field.key(v) for v in values]))
    if filters.category:
        clauses.append(Query.term_query(schema, CATEGORY_PATH, category_facet(filters.category)))
    if filters.price_min is not None or filters.price_max is not None:
        clauses.append(
            Query.range_query(
                schema,
                "price",
                tantivy.FieldType.Float,
                None if filters.price_min is None else float(filters.price_min),
                None if filters.price_max is None else float(filters.price_max),
            )
        )
    if filters.in_stock is not None:
        in_stock = Query.term_query(schema, "availability", "in_stock")
        clauses.append(
            in_stock
            if filters.in_stock
            else Query.boolean_query([(Occur.MustNot, in_stock), (Occur.Must, Query.all_query())])
        )
    for name, values in filters.attributes:
        clauses.append(Query.term_set_query(schema, "attributes", [attribute_term(name, v) for v in values]))
    if not clauses:
        return None
    return Query.const_score_query(Query.boolean_query([(Occur.Must, q) for q in clauses]), 0.0)


def facet_aggs(facets: Sequence[str], price_buckets: Sequence[PriceBucket], size: int) -> dict[str, Any]:
    """Aggregations counting these facets ("price": the buckets' counts and the price range)."""
    aggs: dict[str, Any] = {}
    by_value = {f.name for f in TERM_FACETS}
    for name in facets:
        if BY_NAME[name].type is FieldType.PRICE:
            aggs[name] = {"range": {"field": name, "ranges": [b.as_range() for b in price_buckets]}}
            aggs[f"{name}_stats"] = {"stats": {"field": name}}
        elif name in by_value:
            aggs[name] = {"terms": {"field": name, "size": size}}
    return aggs


def any_of(queries: Sequence[Query | None]) -> Query | None:
    """Documents matching at least one of the queries (None entries ignored); None when there are none."""
    present = [q for q in queries if q is not None]
    if len(present) <= 1:
        return present[0] if present else None
    return Query.boolean_query([(Occur.Should, q) for q in present])


def combine(text: Query | None, filters: Query | None) -> Query:
    """Text query restricted by filters; all documents when neither is given."""
    if text is None and filters is None:
        return Query.all_query()
    if text is None:
        return filters  # type: ignore[return-value]
    if filters is None:
        return text
    return Query.boolean_query([(Occur.Must, text), (Occur.Must, filters)])
