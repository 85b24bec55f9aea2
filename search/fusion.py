"""Rank fusion of the keyword and vector legs, for every backend: reciprocal rank fusion (default) and weighted
min-max. The backends only run the legs (`search.retrieval` asks them); fusion happens here, once, as txtai's
`embeddings/search` and milli's `search/hybrid.rs` fuse above their legs."""

from __future__ import annotations

from collections.abc import Sequence

from search.ranking import RankingSpec

Ranked = Sequence[tuple[str, float]]  # (id, score), best first


def fuse(legs: Sequence[Ranked], spec: RankingSpec) -> list[tuple[str, float]]:
    """The legs (keyword first, then vector; empty or absent legs count as run) → one ranking, best first.

    A leg alone gets the same fused score as in a fusion of two, its weight 1: 1 / (k + rank) with RRF."""
    weights = spec.leg_weights(len(legs))
    if spec.fusion == "weighted":
        return ranked(weighted_minmax(legs, weights))
    return ranked(rrf(legs, spec.rrf_k, weights))


def rrf(legs: Sequence[Ranked], k: int = 60, weights: Sequence[float] | None = None) -> dict[str, float]:
    """Reciprocal rank fusion (Cormack et al., 2009): score(d) = Σ over legs w / (k + rank of d).

    Equal weights give plain RRF; OpenSearch's `score-ranker-processor` takes the same weights.
    """
    weights = weights if weights is not None else [1.0] * len(legs)
    fused: dict[str, float] = {}
    for leg, weight in zip(legs, weights, strict=True):
        for rank, (doc_id, _) in enumerate(leg, start=1):
            fused[doc_id] = fused.get(doc_id, 0.0) + weight / (k + rank)
    return fused


def weighted_minmax(legs: Sequence[Ranked], weights: Sequence[float]) -> dict[str, float]:
    """Each leg's scores scaled to [0, 1] by min-max, then summed with the legs' weights."""
    fused: dict[str, float] = {}
    for leg, weight in zip(legs, weights, strict=True):
        if not leg:
            continue
        scores = [score for _, score in leg]
        low, high = min(scores), max(scores)
        for doc_id, score in leg:
            scaled = (score - low) / (high - low) if high > low else 1.0
            fused[doc_id] = fused.get(doc_id, 0.0) + weight * scaled
    return fused


def ranked(fused: dict[str, float]) -> list[tuple[str, float]]:
    """Fused scores → (id, score) best first, ties broken by id for a stable order."""
    return sorted(fused.items(), key=lambda item: (-item[1], item[0]))


def add_leg(fused: dict[str, float], leg: Ranked, weight: float, k: int = 60, scaled: bool = False) -> None:
    """Fuse one more leg into RRF scores, in place: each of its products gains weight / (k + rank); with `scaled`,
    times the product's own score in the leg (a confidence in [0, 1])."""
    for rank, (doc_id, score) in enumerate(leg, start=1):
        fused[doc_id] = fused.get(doc_id, 0.0) + weight * (score if scaled else 1.0) / (k + rank)
