"""The ranking spec, in one place: what both backends' query builders read and what fusion applies.

The keyword leg, on every backend: each concept of the query is the best of its alternatives (`dis_max`, with
`tie_breaker`); an English alternative is its analysed terms, each term scored as the best of the English fields
(`dis_max` of term queries with `field_weights`), the terms summed, plus `phrase_bonus` for the terms as a phrase
in `phrase_field`; the word-delimiter forms of a model number (`Alternative.forms`) add up to one more term; a
Chinese concept is its term in the Chinese fields. Concepts add up, and each concept matched whole — every term of
one of its renderings, or its Chinese term — adds `coordination`: products matching more of the query first, and
of a concept rendered in several words (保温杯 → insulated water bottle) those matching all of them before those
matching one (`water`); a number, or a number with a unit, only qualifies another word: it adds its BM25 score, not
a coordination step. Brands named in the query add `brand_boost` to the products of that
brand, around a `must`, so they never make a product match alone.

The vector leg's hits below the query's floor (`BackendQuery.vector_floor`, search/floor.py) count only where the
keyword leg found the product too: a vector-only hit must clear the floor.

The legs take `leg_size` hits each; `search.fusion` fuses them by weighted RRF (`rrf_k`, `keyword_weight` against
the vector leg's `1 - keyword_weight`) or weighted min-max, and a leg alone gets the same fused score of its ranks.
Sorted results and browsing break ties by the write sequence (newest first).

Product types (issue 19): every product is indexed with the Chinese type terms of its taxonomy node (`type_zh`,
searched like the other Chinese fields), and a query naming a type (`耳机`, `laptop`) gets a third leg, the type
leg: the products of that type among the fused candidates, so that a laptop outranks a `sleeve for laptop`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from search.fields import Analysis, searched

if TYPE_CHECKING:
    from search.config import Settings

# Equal field weights measured best on both the demo fixtures and the Chorus catalog (docs/relevance.md): a title
# boost over-rewards short titles that repeat one query word.
FIELD_WEIGHTS = {f.text_field: 1.0 for f in (*searched(Analysis.ENGLISH), *searched(Analysis.CHINESE))}


@dataclass(frozen=True)
class RankingSpec:
    field_weights: dict[str, float] = field(default_factory=lambda: dict(FIELD_WEIGHTS))
    phrase_field: str = "title"
    phrase_bonus: float = 0.5
    tie_breaker: float = 0.1
    brand_boost: float = 2.0  # added to the keyword score of products of a brand named in the query
    # Added to the keyword score for each concept of the query a product matches: larger than a concept's BM25
    # score in practice, so that products matching more of the query rank first and BM25 orders those matching as
    # many (Meilisearch's `words` rule; measured on all four suites, docs/relevance.md); 0 = concepts only add up.
    coordination: float = 1000.0
    facet_size: int = 50  # values per facet in a search response
    leg_size: int = 150  # hits taken from each leg before fusion; relevance pages go this deep
    fusion: str = "rrf"  # "rrf" or "weighted"
    rrf_k: int = 60
    keyword_weight: float = 0.6  # the vector leg gets the rest
    # Product-type matching (the query's predicted node, `BackendQuery.prefer_type`): the fused candidates of that
    # type, in fused order, are fused in as a third leg weighted `type_leg_weight` × the prediction's confidence,
    # each scaled by its assignment's confidence. A boost, never a filter (`search.retrieval`).
    type_leg_weight: float = 0.25
    type_min_confidence: float = 0.6  # products assigned less surely than this are not taken as of their node
    # Within this many first places, products of a type named for the query's (a sleeve for `laptop`) rank below
    # the products of the query's type there (`search.retrieval`); 0 = never.
    accessory_window: int = 20
    # Only products of the query's type assigned at least this surely hold accessories back: a title's type word
    # the product's vector agrees with (0.8; a disputed one falls below, `search.taxonomy.assign`) or a path.
    accessory_anchor_confidence: float = 0.75

    @classmethod
    def from_settings(cls, settings: Settings) -> RankingSpec:
        return cls(
            leg_size=settings.leg_size,
            fusion=settings.fusion,
            rrf_k=settings.rrf_k,
            keyword_weight=settings.keyword_weight,
        )

    def weights(self, analysis: Analysis) -> dict[str, float]:
        """The index fields searched with this analysis and their weights (a field weighted 0 is not searched)."""
        weights = {f.text_field: self.field_weights.get(f.text_field, 0.0) for f in searched(analysis)}
        return {name: weight for name, weight in weights.items() if weight > 0}

    def leg_weights(self, legs: int) -> tuple[float, ...]:
        """Fusion weights of the keyword and vector legs (one leg alone: 1)."""
        return (self.keyword_weight, 1.0 - self.keyword_weight) if legs == 2 else (1.0,)
