"""tantivy queries built from analysed terms — never parsed from user strings, so no query syntax leaks in."""

from __future__ import annotations

from collections.abc import Sequence

import tantivy

from search.analysis.english import brand_key, prepare_english
from search.analysis.translate import Concept
from search.backends.base import Filters, attribute_term
from search.backends.embedded.schema import CHINESE_FIELDS, ENGLISH_FIELDS, category_facet

Occur = tantivy.Occur
Query = tantivy.Query
PHRASE_BONUS = 0.5
TIE_BREAKER = 0.1
BRAND_BOOST = 2.0  # added to the BM25 score of products of a brand named in the query
CATEGORY_BOOST = 1.0


class KeywordQueryBuilder:
    """Concepts → one BM25 query: per concept, the best of its alternatives (dis-max); concepts add up."""

    def __init__(self, schema: tantivy.Schema, analyzer: tantivy.TextAnalyzer) -> None:
        self.schema = schema
        self.analyzer = analyzer

    def build(
        self, concepts: Sequence[Concept], boost_brands: Sequence[str] = (), boost_categories: Sequence[str] = ()
    ) -> Query | None:
        clauses = [q for q in (self._concept(c) for c in concepts) if q is not None]
        if not clauses:
            return None
        query = Query.boolean_query([(Occur.Should, q) for q in clauses])
        boosts = [
            Query.const_score_query(Query.term_query(self.schema, "brand_key", brand_key(brand)), BRAND_BOOST)
            for brand in boost_brands
        ]
        boosts += [
            Query.const_score_query(Query.term_query(self.schema, "category_path", category_facet(c)), CATEGORY_BOOST)
            for c in boost_categories
        ]
        if not boosts:
            return query
        # The boosts only reorder what the concepts matched: they never make a product match on their own.
        return Query.boolean_query([(Occur.Must, query), *((Occur.Should, b) for b in boosts)])

    def _concept(self, concept: Concept) -> Query | None:
        options: list[Query] = []
        for alt in concept.alternatives:
            query = self._english(self.analyzer.analyze(prepare_english(alt.text)), alt.weight)
            if query is not None:
                options.append(query)
        chinese_term = concept.term if concept.chinese or " " not in concept.term else None
        if chinese_term:
            options.append(self._chinese(chinese_term))
        if not options:
            return None
        return options[0] if len(options) == 1 else Query.disjunction_max_query(options, TIE_BREAKER)

    def _english(self, tokens: list[str], weight: float) -> Query | None:
        if not tokens:
            return None
        # Each word counts in full, as in OpenSearch's multi_match: a two-word rendering ("laser printer") weighs
        # what the same two words typed in English weigh.
        clauses = [Query.boost_query(self._across_fields(token), weight) for token in tokens]
        if len(tokens) > 1:
            phrase = Query.phrase_query(self.schema, "title", tokens)
            clauses.append(Query.boost_query(phrase, weight * PHRASE_BONUS * ENGLISH_FIELDS["title"]))
        return clauses[0] if len(clauses) == 1 else Query.boolean_query([(Occur.Should, q) for q in clauses])

    def _across_fields(self, token: str) -> Query:
        per_field = [
            Query.boost_query(Query.term_query(self.schema, name, token), boost)
            for name, boost in ENGLISH_FIELDS.items()
        ]
        return Query.disjunction_max_query(per_field, TIE_BREAKER)

    def _chinese(self, term: str) -> Query:
        per_field = [
            Query.boost_query(Query.term_query(self.schema, name, term), boost)
            for name, boost in CHINESE_FIELDS.items()
        ]
        return Query.disjunction_max_query(per_field, TIE_BREAKER)


def filter_query(schema: tantivy.Schema, filters: Filters) -> Query | None:
    """The filters as one non-scoring query, or None when there are none."""
    clauses: list[Query] = []
    if filters.brands:
        keys = [brand_key(b) for b in filters.brands]
        clauses.append(Query.term_set_query(schema, "brand_key", keys))
    if filters.category:
        clauses.append(Query.term_query(schema, "category_path", category_facet(filters.category)))
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
