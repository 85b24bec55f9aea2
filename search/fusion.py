"""Rank fusion of the keyword and vector legs: reciprocal rank fusion (default) and weighted min-max."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

Ranked = Sequence[tuple[str, float]]  # (id, score), best first


@dataclass
class FusionConfig:
    """How a backend fuses its two legs, and how many hits it takes from each."""

    method: str = "rrf"  # "rrf" or "weighted"
    rrf_k: int = 60
    keyword_weight: float = 0.6  # as Settings.keyword_weight
    leg_size: int = 150


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
